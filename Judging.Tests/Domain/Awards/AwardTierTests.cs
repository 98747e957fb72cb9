namespace Judging.Tests.Domain.Awards;

using Judging.Domain.Competitions;

using Judging.Domain.Awards;
using Judging.Domain.Finalists;

/// <summary>Tier sizes (counts or percentages with explicit rounding) and tier-boundary ties.</summary>
public sealed class AwardTierTests
{
    private const string TieBreakText = "中位数高者优先，第1项评分高者优先";

    private static TierRules Percent(decimal first, QuotaRounding rounding) =>
        new() { Quotas = [new(AwardTier.First, QuotaKind.Percent, first)], Rounding = rounding };

    private static TierRules Counts(int first, int second, int third) => new()
    {
        Quotas = [new(AwardTier.First, QuotaKind.Count, first), new(AwardTier.Second, QuotaKind.Count, second), new(AwardTier.Third, QuotaKind.Count, third)],
    };

    private static AwardCandidate A(int id, decimal key, int stage = 0, params decimal[] keys) => new(id, $"E{id}", stage, key, keys);

    private static IReadOnlyDictionary<string, TieResolution> Decide(string key, TieResolution r) => new Dictionary<string, TieResolution> { [key] = r };

    private static readonly IReadOnlyDictionary<string, TieResolution> NoDecisions = new Dictionary<string, TieResolution>();

    [Theory]
    // 5 % of 60 = 3 exactly: every rounding gives 3.
    [InlineData(5, 60, QuotaRounding.Down, 3)]
    [InlineData(5, 60, QuotaRounding.Nearest, 3)]
    [InlineData(5, 60, QuotaRounding.Up, 3)]
    // 7.5 % of 30 = 2.25 → down 2, nearest 2, up 3.
    [InlineData(7.5, 30, QuotaRounding.Down, 2)]
    [InlineData(7.5, 30, QuotaRounding.Nearest, 2)]
    [InlineData(7.5, 30, QuotaRounding.Up, 3)]
    // 5 % of 50 = 2.5 → nearest is half away from zero: 3.
    [InlineData(5, 50, QuotaRounding.Down, 2)]
    [InlineData(5, 50, QuotaRounding.Nearest, 3)]
    [InlineData(5, 50, QuotaRounding.Up, 3)]
    // 15 % of 7 = 1.05 → down 1, nearest 1, up 2.
    [InlineData(15, 7, QuotaRounding.Down, 1)]
    [InlineData(15, 7, QuotaRounding.Nearest, 1)]
    [InlineData(15, 7, QuotaRounding.Up, 2)]
    public void Percentages_of_the_field_round_as_configured(double percent, int field, QuotaRounding rounding, int expected)
    {
        var count = Assert.Single(Percent((decimal)percent, rounding).Counts(field));
        Assert.Equal(expected, count.Count);
    }

    [Fact]
    public void The_final_decides_first_and_second_prizes_and_third_prizes_go_to_the_rest_by_percentage()
    {
        // Seed 000, 附件1 (六): 60 entries, 12 finalists → 一等奖 3, 二等奖 12 − 3 = 9, 三等奖 15 % × 60 = 9.
        var counts = TierRules.FinalDecidesFirstAndSecond.Counts(60, finalists: 12);
        Assert.Equal([3, 9, 9], counts.Select(c => c.Count));
        Assert.Equal("二等奖 其余决赛选手：12 − 3 = 9 名", counts[1].Explanation?.ToString());
        // Fewer finalists than 一等奖's count: nobody is left for 二等奖.
        Assert.Equal([3, 0, 9], TierRules.FinalDecidesFirstAndSecond.Counts(60, finalists: 2).Select(c => c.Count));
    }

    [Fact]
    public void The_arithmetic_is_shown_to_the_organiser()
    {
        Assert.Equal("一等奖 7.5% × 30 = 2.25 → 2 名（向下取整）", Percent(7.5m, QuotaRounding.Down).Counts(30)[0].Explanation?.ToString());
        Assert.Equal("一等奖 7.5% × 30 = 2.25 → 3 名（向上取整）", Percent(7.5m, QuotaRounding.Up).Counts(30)[0].Explanation?.ToString());
        Assert.Equal("一等奖 5% × 60 = 3 → 3 名（四舍五入）", Percent(5m, QuotaRounding.Nearest).Counts(60)[0].Explanation?.ToString());
        Assert.Equal("一等奖 2 名", Counts(2, 3, 4).Counts(99)[0].Explanation?.ToString());
    }

    [Fact]
    public void The_default_is_5_10_15_percent_rounded_to_nearest()
    {
        // 40 entries: 2, 4, 6.
        Assert.Equal([2, 4, 6], TierRules.Default.Counts(40).Select(c => c.Count));
        Assert.Empty(TierRules.Default.Validate());
    }

    [Fact]
    public void Invalid_tier_rules_are_refused()
    {
        Assert.NotEmpty(new TierRules().Validate());
        Assert.NotEmpty(new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Count, 1.5m)] }.Validate());
        Assert.NotEmpty(new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Percent, 101)] }.Validate());
        Assert.NotEmpty(new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Count, -1)] }.Validate());
        Assert.NotEmpty(new TierRules { Quotas = [new(AwardTier.Second, QuotaKind.Count, 1), new(AwardTier.First, QuotaKind.Count, 1)] }.Validate());
        Assert.NotEmpty(new TierRules { Quotas = [new(AwardTier.First, QuotaKind.Count, 1), new(AwardTier.First, QuotaKind.Count, 1)] }.Validate());
        Assert.Throws<ArgumentException>(() => AwardTiering.Assign([A(1, 90)], 1, new TierRules(), NoDecisions, Wording.Of(TieBreakText)));
    }

    [Fact]
    public void Tiers_go_down_the_award_order_and_every_other_entry_gets_no_tier()
    {
        // 1 / 2 / 2 over 7 entries: E1 一等奖; E2, E3 二等奖; E4, E5 三等奖; E6, E7 none (participation).
        var t = AwardTiering.Assign([A(1, 95), A(2, 92), A(3, 90), A(4, 85), A(5, 80), A(6, 88, stage: 1), A(7, 86, stage: 1)],
            7, Counts(1, 2, 2), NoDecisions, Wording.Of(TieBreakText));
        Assert.Equal([AwardTier.First, AwardTier.Second, AwardTier.Second, AwardTier.Third, AwardTier.Third, null, null], t.Lines.Select(l => l.Tier));
        Assert.Empty(t.Ties);
        Assert.True(t.CanConfirm);
    }

    [Fact]
    public void Tiers_larger_than_the_field_stop_at_the_last_entry()
    {
        var t = AwardTiering.Assign([A(1, 95), A(2, 92)], 2, Counts(1, 5, 5), NoDecisions, Wording.Of(TieBreakText));
        Assert.Equal([AwardTier.First, AwardTier.Second], t.Lines.Select(l => l.Tier));
    }

    // Boundary below 一等奖 (1 seat): E1 and E2 both 95 in the final. E2 is listed first in the input order but the
    // award order is already by tie-break: E1 median 96 > E2 median 94.
    private static readonly AwardCandidate[] BoundaryTie =
        [A(1, 95, 0, 96), A(2, 95, 0, 94), A(3, 90), A(4, 85), A(5, 80), A(6, 88, stage: 1), A(7, 86, stage: 1)];

    [Fact]
    public void Pending_tier_boundary_tie_is_shown_and_blocks_confirmation()
    {
        // Tiers keep the boundary for display: E1 一等奖, E2 二等奖, but nothing is confirmed.
        var t = AwardTiering.Assign(BoundaryTie, 7, Counts(1, 2, 2), NoDecisions, Wording.Of(TieBreakText));
        Assert.False(t.CanConfirm);
        var tie = Assert.Single(t.Ties);
        Assert.Equal("tier:1", tie.Key);
        Assert.Equal(AwardTier.First, tie.Upper);
        Assert.Equal([1], tie.Inside);
        Assert.Equal([2], tie.Outside);
        Assert.False(tie.Resolved);
        Assert.Equal("与 E2 同分（一等奖边界），待组委会决定", t.Lines[0].Remark?.ToString());
        Assert.Equal("与 E1 同分（一等奖边界），待组委会决定", t.Lines[1].Remark?.ToString());
        Assert.Equal("tier:1", t.Lines[1].TieKey);
    }

    [Fact]
    public void IncludeAll_gives_both_tied_entries_the_higher_tier()
    {
        // E1, E2 一等奖 (2 for 1 seat); 二等奖 keeps its 2 (E3, E4), 三等奖 its 2 (E5, E6); E7 participation.
        var t = AwardTiering.Assign(BoundaryTie, 7, Counts(1, 2, 2), Decide("tier:1", TieResolution.IncludeAll), Wording.Of(TieBreakText));
        Assert.True(t.CanConfirm);
        Assert.Equal([AwardTier.First, AwardTier.First, AwardTier.Second, AwardTier.Second, AwardTier.Third, AwardTier.Third, null],
            t.Lines.Select(l => l.Tier));
        Assert.Equal("与 E2 同分，并列取一等奖", t.Lines[0].Remark?.ToString());
        Assert.Equal("与 E1 同分，并列取一等奖", t.Lines[1].Remark?.ToString());
    }

    [Fact]
    public void ExcludeAll_gives_both_tied_entries_the_lower_tier()
    {
        // No 一等奖; E1, E2 join 二等奖 with E3 (the entries through 二等奖 stay the first 3); E4, E5 三等奖.
        var t = AwardTiering.Assign(BoundaryTie, 7, Counts(1, 2, 2), Decide("tier:1", TieResolution.ExcludeAll), Wording.Of(TieBreakText));
        Assert.True(t.CanConfirm);
        Assert.Equal([AwardTier.Second, AwardTier.Second, AwardTier.Second, AwardTier.Third, AwardTier.Third, null, null],
            t.Lines.Select(l => l.Tier));
        Assert.Equal("与 E2 同分，并列取下一等级", t.Lines[0].Remark?.ToString());
    }

    [Fact]
    public void TieBreak_decides_a_tier_boundary_by_the_configured_keys()
    {
        // E1 (median 96) 一等奖, E2 (94) 二等奖.
        var t = AwardTiering.Assign(BoundaryTie, 7, Counts(1, 2, 2), Decide("tier:1", TieResolution.TieBreak), Wording.Of(TieBreakText));
        Assert.True(t.CanConfirm);
        Assert.Equal([AwardTier.First, AwardTier.Second, AwardTier.Second, AwardTier.Third, AwardTier.Third, null, null], t.Lines.Select(l => l.Tier));
        Assert.Equal($"与 E2 同分，按{TieBreakText}取一等奖", t.Lines[0].Remark?.ToString());
        Assert.Equal($"与 E1 同分，按{TieBreakText}未取一等奖", t.Lines[1].Remark?.ToString());
    }

    [Fact]
    public void TieBreak_with_entries_equal_on_every_key_stays_unresolved()
    {
        var t = AwardTiering.Assign([A(1, 95, 0, 95), A(2, 95, 0, 95), A(3, 90)], 3, Counts(1, 1, 1), Decide("tier:1", TieResolution.TieBreak), Wording.Of(TieBreakText));
        Assert.False(t.CanConfirm);
        Assert.Contains("仍无法区分", Assert.Single(t.Ties).Explanation?.ToString());
    }

    [Fact]
    public void ExcludeAll_at_the_last_tier_boundary_leaves_the_tied_entries_with_participation()
    {
        // 1 / 1 / 1: E3 and E4 tie at 85 across the 三等奖 boundary; ExcludeAll → neither gets 三等奖.
        AwardCandidate[] order = [A(1, 95), A(2, 90), A(3, 85), A(4, 85), A(5, 80)];
        var t = AwardTiering.Assign(order, 5, Counts(1, 1, 1), Decide("tier:3", TieResolution.ExcludeAll), Wording.Of(TieBreakText));
        Assert.Equal([AwardTier.First, AwardTier.Second, null, null, null], t.Lines.Select(l => l.Tier));
        var include = AwardTiering.Assign(order, 5, Counts(1, 1, 1), Decide("tier:3", TieResolution.IncludeAll), Wording.Of(TieBreakText));
        Assert.Equal([AwardTier.First, AwardTier.Second, AwardTier.Third, AwardTier.Third, null], include.Lines.Select(l => l.Tier));
    }

    [Fact]
    public void A_three_way_tie_shows_every_tied_entry_on_its_side_of_the_boundary()
    {
        // 二等奖 ends after 3 entries (1 + 2): E2, E3, E4, E5 all 90 → inside E2, E3; outside E4, E5.
        var t = AwardTiering.Assign([A(1, 95), A(2, 90), A(3, 90), A(4, 90), A(5, 90), A(6, 80)], 6, Counts(1, 2, 3), NoDecisions, Wording.Of(TieBreakText));
        var tie = Assert.Single(t.Ties);
        Assert.Equal("tier:2", tie.Key);
        Assert.Equal([2, 3], tie.Inside);
        Assert.Equal([4, 5], tie.Outside);
    }

    [Fact]
    public void Equal_keys_of_different_stages_are_not_a_tie()
    {
        // A finalist's final score 88 and a non-finalist's preliminary 88 are not comparable.
        var t = AwardTiering.Assign([A(1, 95), A(2, 88), A(3, 88, stage: 1)], 3, Counts(1, 1, 0), NoDecisions, Wording.Of(TieBreakText));
        Assert.Empty(t.Ties);
        Assert.Equal([AwardTier.First, AwardTier.Second, null], t.Lines.Select(l => l.Tier));
    }
}
