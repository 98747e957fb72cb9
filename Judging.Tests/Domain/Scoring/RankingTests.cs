namespace Judging.Tests.Domain.Scoring;

using Judging.Domain.Scoring;

public sealed class RankingTests
{
    private static readonly ScoringOptions Defaults = new(); // Median, then Criterion1

    private static EntryCards Entry(int id, params decimal[][] cards) =>
        new(id, cards.Select((p, i) => new ScoreCard(id, i + 1, p)).ToList());

    [Fact]
    public void Higher_score_ranks_first_and_unscored_entries_come_last_unranked()
    {
        var ranked = Ranking.Rank([Entry(1, [20, 20]), Entry(2), Entry(3, [30, 30])], Defaults);
        Assert.Equal([3, 1, 2], ranked.Select(r => r.EntryId));
        Assert.Equal([1, 2, (int?)null], ranked.Select(r => r.Rank));
        Assert.Equal(0, ranked[2].JudgesSubmitted);
    }

    [Fact]
    public void Equal_score_is_broken_by_higher_median()
    {
        // Totals: A = 80, 85, 90 (mean 85, median 85); B = 75, 90, 90 (mean 85, median 90).
        var a = Entry(1, [40, 40], [40, 45], [45, 45]);
        var b = Entry(2, [35, 40], [45, 45], [45, 45]);
        var ranked = Ranking.Rank([a, b], Defaults);
        Assert.Equal(85m, ranked[0].Score);
        Assert.Equal(85m, ranked[1].Score);
        Assert.Equal([2, 1], ranked.Select(r => r.EntryId));
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
        Assert.Equal("中位数高者优先", ranked[0].DecidedBy);
        Assert.False(ranked[0].SharedRank);
    }

    [Fact]
    public void Equal_score_and_median_is_broken_by_first_criterion()
    {
        // Same totals (80, 90) but A scores higher on criterion 1.
        var a = Entry(1, [50, 30], [50, 40]);
        var b = Entry(2, [40, 40], [45, 45]);
        var ranked = Ranking.Rank([b, a], Defaults);
        Assert.Equal([1, 2], ranked.Select(r => r.EntryId));
        Assert.Equal("第1项评分高者优先", ranked[0].DecidedBy);
    }

    [Fact]
    public void Entries_equal_on_every_key_share_a_rank_and_the_next_rank_is_skipped()
    {
        var ranked = Ranking.Rank([Entry(1, [40, 40]), Entry(2, [50, 50]), Entry(3, [40, 40]), Entry(4, [30, 30])], Defaults);
        Assert.Equal([2, 1, 3, 4], ranked.Select(r => r.EntryId));
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank!.Value));
        Assert.True(ranked[1].SharedRank);
        Assert.True(ranked[2].SharedRank);
        Assert.False(ranked[0].SharedRank);
    }

    [Fact]
    public void Tie_break_sequence_is_configurable()
    {
        // A wins on median, B wins on criterion 2. With Criterion2 first, B ranks first.
        var a = Entry(1, [40, 40], [40, 45], [45, 45]);  // totals 80, 85, 90
        var b = Entry(2, [30, 45], [45, 45], [45, 45]);  // totals 75, 90, 90
        var medianFirst = Ranking.Rank([a, b], new ScoringOptions { TieBreaks = ["Median"] });
        Assert.Equal(2, medianFirst[0].EntryId);
        var critFirst = Ranking.Rank([a, b], new ScoringOptions { TieBreaks = ["Criterion1"] });
        Assert.Equal(1, critFirst[0].EntryId); // criterion 1: A 41.67 > B 40
        var none = Ranking.Rank([a, b], new ScoringOptions { TieBreaks = [] });
        Assert.Equal([1, 1], none.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Ranking_uses_the_trimmed_mean_not_the_plain_mean()
    {
        // A: one judge far low; trimmed mean ignores it. Plain means: A 82, B 84; trimmed: A 90, B 84.
        var a = Entry(1, [45, 45], [45, 45], [45, 45], [45, 45], [0, 50]);
        var b = Entry(2, [42, 42], [42, 42], [42, 42], [42, 42], [42, 42]);
        var ranked = Ranking.Rank([b, a], Defaults);
        Assert.Equal(1, ranked[0].EntryId);
        Assert.Equal(90m, ranked[0].Score);
    }

    [Fact]
    public void Differences_below_display_precision_still_decide()
    {
        // 241/3 = 80.333… vs 80.33: both display "80.33" but the full precision ranks A first.
        var a = Entry(1, [80], [80], [81]);
        var b = Entry(2, [80.33m]);
        var ranked = Ranking.Rank([b, a], Defaults);
        Assert.Equal(1, ranked[0].EntryId);
        Assert.Equal(ranked[0].Score is { } s ? Aggregation.Display(s) : "", Aggregation.Display(ranked[1].Score));
    }
}
