namespace Judging.Domain.Finalists;

using Judging.Domain.Competitions;

/// <summary>
/// The film preliminary's blend of the public vote with the experts' score (seed 000, 四、(二): "通过在线公开投票海选方式并结合
/// 专业评审，遴选出入围决赛的作品"; issue 4: "the preliminary result combines the normalised public vote share with the expert score
/// (weights configured, e.g. 30/70)").
/// <para>
/// The vote is normalised to the leader: a film's vote points = <see cref="FullMarks"/> × its accepted votes ÷ the most
/// accepted votes of any film in the blend (the leader gets full marks, a film without votes 0; all 0 when nobody voted).
/// The preliminary score = (100 − w) % × expert score + w % × vote points, w = <see cref="VoteWeightPercent"/>. Both parts
/// are on the sheet's scale (points), at full precision; pages round for display only.
/// </para>
/// </summary>
public sealed record PublicVoteBlend
{
    /// <summary>Weight of the public vote, in percent (0–100); the experts' score weighs the rest. Default 30.</summary>
    public required decimal VoteWeightPercent { get; init; }

    /// <summary>Full marks of the preliminary score sheet (points): the scale the vote share is normalised to.</summary>
    public required decimal FullMarks { get; init; }

    /// <summary>Accepted public votes per entry id (the public count; a missing entry has 0), frozen when finalists are confirmed.</summary>
    public required IReadOnlyDictionary<int, long> AcceptedVotes { get; init; }

    /// <summary>The default vote weight (percent): 30/70, the example.</summary>
    public const decimal DefaultVoteWeightPercent = 30m;

    /// <summary>Null when the blend can be applied, else a Chinese reason (weight outside 0–100, full marks not positive, negative votes).</summary>
    public string? Validate()
    {
        if (VoteWeightPercent is < 0m or > 100m) return $"网络投票权重须在 0–100% 之间，实际为 {VoteWeightPercent}%";
        if (FullMarks <= 0m) return "评分表满分须大于 0";
        if (AcceptedVotes.Values.Any(v => v < 0)) return "投票数不能为负";
        return null;
    }

    /// <summary>Accepted votes of <paramref name="entryId"/> (0 when none).</summary>
    public long VotesOf(int entryId) => AcceptedVotes.TryGetValue(entryId, out var v) ? v : 0;

    /// <summary>The most accepted votes of any entry in the blend (0 when nobody voted).</summary>
    public long Leader => AcceptedVotes.Count == 0 ? 0 : AcceptedVotes.Values.Max();

    /// <summary>Vote points of <paramref name="entryId"/>: <see cref="FullMarks"/> × votes ÷ <see cref="Leader"/> (points; 0 when nobody voted).</summary>
    public decimal VotePoints(int entryId)
    {
        var leader = Leader;
        return leader == 0 ? 0m : FullMarks * VotesOf(entryId) / leader;
    }

    /// <summary>The blended preliminary score (points) of an entry with expert score <paramref name="expertScore"/> (points).</summary>
    public decimal Combine(int entryId, decimal expertScore) =>
        (100m - VoteWeightPercent) / 100m * expertScore + VoteWeightPercent / 100m * VotePoints(entryId);

    /// <summary>How the blend is computed, for the organiser's page and the export (zh-CN as text).</summary>
    public Wording Describe() => Wording.Of(
        "初赛成绩 = 专家评分 × {0:0.##}% + 网络投票得分 × {1:0.##}%；网络投票得分 = {2:0.##} × 本作品有效票数 ÷ 最高有效票数（{3} 票）",
        100m - VoteWeightPercent, VoteWeightPercent, FullMarks, Leader);
}
