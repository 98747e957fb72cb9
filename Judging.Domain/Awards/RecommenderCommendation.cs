namespace Judging.Domain.Awards;

/// <summary>A recommender's (推荐单位) record in one competition: entries it vouched for, finalists and awards among them.</summary>
public sealed record RecommenderRecord(int RecommenderId, string Name, int Entries, int Finalists, int FirstPrizes, int SecondPrizes, int ThirdPrizes)
{
    /// <summary>Professional awards in all.</summary>
    public int Awards => FirstPrizes + SecondPrizes + ThirdPrizes;
    /// <summary>Award points: 一等奖 3, 二等奖 2, 三等奖 1.</summary>
    public int AwardPoints => 3 * FirstPrizes + 2 * SecondPrizes + ThirdPrizes;
}

/// <summary>Who is proposed for commendation: at least <see cref="MinEntries"/> entries and <see cref="MinAwards"/> awards.</summary>
public sealed record CommendationRules
{
    /// <summary>"参赛作品较多": at least this many entries. Default 3.</summary>
    public int MinEntries { get; init; } = 3;
    /// <summary>"质量较高": at least this many professional awards. Default 1.</summary>
    public int MinAwards { get; init; } = 1;
}

/// <summary>A recommender's place in the commendation ranking.</summary>
public sealed record CommendationLine(RecommenderRecord Record, int Rank, bool Proposed);

/// <summary>
/// 表扬组织推荐单位 (seed 000, 附件1 (八): "对参赛作品较多且质量较高的组织推荐单位予以表扬"). Recommenders are ranked by
/// award points, then finalists, then entries (equal on all three share a rank); those meeting
/// <see cref="CommendationRules"/> are proposed, and the organiser confirms.
/// </summary>
public static class RecommenderCommendation
{
    /// <summary>Ranks <paramref name="records"/> and marks the proposals.</summary>
    public static IReadOnlyList<CommendationLine> Rank(IEnumerable<RecommenderRecord> records, CommendationRules rules)
    {
        var ordered = records.OrderByDescending(r => r.AwardPoints).ThenByDescending(r => r.Finalists).ThenByDescending(r => r.Entries)
            .ThenBy(r => r.RecommenderId).ToList();
        var lines = new List<CommendationLine>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var rank = i > 0 && Same(ordered[i - 1], r) ? lines[i - 1].Rank : i + 1;
            lines.Add(new CommendationLine(r, rank, r.Entries >= rules.MinEntries && r.Awards >= rules.MinAwards));
        }
        return lines;
    }

    private static bool Same(RecommenderRecord a, RecommenderRecord b) =>
        a.AwardPoints == b.AwardPoints && a.Finalists == b.Finalists && a.Entries == b.Entries;
}
