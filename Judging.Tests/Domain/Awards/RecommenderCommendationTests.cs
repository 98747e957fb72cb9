namespace Judging.Tests.Domain.Awards;

using Judging.Domain.Awards;

/// <summary>表扬组织推荐单位: "参赛作品较多且质量较高" (seed 000, 附件1 (八)).</summary>
public sealed class RecommenderCommendationTests
{
    // Award points: 一等奖 3, 二等奖 2, 三等奖 1.
    // R1: 5 entries, 2 finalists, 1 first + 1 third → 4 points, 2 awards.
    // R2: 3 entries, 1 finalist, 2 seconds        → 4 points, 2 awards (fewer finalists than R1 → after R1).
    // R5: same record as R2                          → shares R2's rank.
    // R3: 2 entries, 1 finalist, 1 first            → 3 points, but too few entries to be proposed.
    // R4: 6 entries, no finalist, no award          → 0 points, not proposed.
    // R6: 4 entries, 0 finalists, 4 thirds          → 4 points, 4 awards: 4 points like R1/R2 but 0 finalists → after them.
    private static readonly RecommenderRecord[] Records =
    [
        new(4, "黄浦区市场监管局", 6, 0, 0, 0, 0),
        new(5, "静安区市场监管局", 3, 1, 0, 2, 0),
        new(3, "某行业集团", 2, 1, 1, 0, 0),
        new(2, "徐汇区市场监管局", 3, 1, 0, 2, 0),
        new(1, "浦东新区市场监管局", 5, 2, 1, 0, 1),
        new(6, "闵行区市场监管局", 4, 0, 0, 0, 4),
    ];

    [Fact]
    public void Award_points_weigh_first_3_second_2_third_1()
    {
        var r = new RecommenderRecord(1, "x", 9, 3, 2, 1, 3);
        Assert.Equal(6, r.Awards);
        Assert.Equal(3 * 2 + 2 * 1 + 3, r.AwardPoints);
    }

    [Fact]
    public void Recommenders_rank_by_award_points_then_finalists_then_entries_and_equal_records_share_a_rank()
    {
        var lines = RecommenderCommendation.Rank(Records, new CommendationRules());
        Assert.Equal([1, 2, 5, 6, 3, 4], lines.Select(l => l.Record.RecommenderId));
        Assert.Equal([1, 2, 2, 4, 5, 6], lines.Select(l => l.Rank));
    }

    [Fact]
    public void Recommenders_with_enough_entries_and_awards_are_proposed()
    {
        // Defaults: at least 3 entries and 1 award. R3 has 2 entries, R4 no award.
        var proposed = RecommenderCommendation.Rank(Records, new CommendationRules()).Where(l => l.Proposed).Select(l => l.Record.RecommenderId);
        Assert.Equal([1, 2, 5, 6], proposed);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var twoEntries = RecommenderCommendation.Rank(Records, new CommendationRules { MinEntries = 2 });
        Assert.Equal([1, 2, 5, 6, 3], twoEntries.Where(l => l.Proposed).Select(l => l.Record.RecommenderId));
        var threeAwards = RecommenderCommendation.Rank(Records, new CommendationRules { MinAwards = 3 });
        Assert.Equal([6], threeAwards.Where(l => l.Proposed).Select(l => l.Record.RecommenderId));
        Assert.Empty(RecommenderCommendation.Rank([], new CommendationRules()));
    }
}
