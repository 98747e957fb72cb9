namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>
/// Branches of the walk that the other finalist tests do not pin down: caps and overrides below the cut, an admitted
/// holder, a tie on the normalised overall cut under a cap, and what a division tie carries into the overall walk.
/// Written against the engine as it stood before it was split into named steps, so the split changes nothing.
/// </summary>
public sealed class FinalistWalkEdgeTests
{
    private const string Reason = "经评委会同意";

    [Fact]
    public void Two_entries_of_one_unit_equal_on_every_key_are_a_cap_tie_even_when_the_second_is_below_the_cut()
    {
        // 1 seat. Unit 1: E1 and E2 both 90 with equal keys; E3 85. E1 takes the seat; E2 is reached with no seat left,
        // but it is the unit cap (not the seat) that keeps it out against an equal entry: a cap tie, outside the seats.
        var p = Select(new FinalistRules { Overall = 1 }, C(1, 90, unit: 1, keys: [90, 27]), C(2, 90, unit: 1, keys: [90, 27]), C(3, 85, unit: 2));

        Assert.Equal([1], p.FinalistIds);
        Assert.False(p.CanConfirm);
        var tie = Assert.Single(p.Ties);
        Assert.Equal("cap:2", tie.Key.ToString());
        Assert.Equal("名额限制", tie.Name?.ToString());
        Assert.Equal(90m, tie.Score);
        Assert.Equal([1], tie.Inside);
        Assert.Equal([2], tie.Outside);
        Assert.Equal(TieResolution.Pending, tie.Resolution);
        Assert.Equal("E1 与 E2 同分 90.00，各项决胜指标也相同，名额限制只能取其一：请“调出”其中一个或“破格入围”另一个，并写明理由", tie.Explanation?.ToString());
        var second = p.Line(2);
        Assert.Equal((FinalistStatus.Skipped, SkipReason.UnitCap, false), (second.Status, second.Reason, second.AboveCut));
        Assert.Equal("同一参赛单位（单位1）已有 1 个作品入围（E1），每个参赛单位限 1 个；与 E1 同分且按规则无法区分，待组委会决定", second.Remark?.ToString());
        Assert.Equal("cap:2", second.TieKey?.ToString());
        // The skipped entry takes no reserve number.
        Assert.Equal("候补第 1 位", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void A_cap_tie_on_the_normalised_overall_cut_shows_the_score_to_three_decimals()
    {
        // 2 seats on z. Unit 1 wins both divisions with z +1 (raw 90 and 80), no tie-break keys: equal on every key.
        var p = Select(new FinalistRules { Overall = 2, Normalisation = NormalisationMode.PerDivision },
            C(1, 90, unit: 1, division: 1, z: 1), C(2, 70, unit: 2, division: 1, z: -1),
            C(3, 80, unit: 1, division: 2, z: 1), C(4, 60, unit: 4, division: 2, z: -1.2m));

        var tie = Assert.Single(p.Ties);
        Assert.Equal("cap:3", tie.Key.ToString());
        Assert.Equal(1m, tie.Score);
        Assert.StartsWith("E1 与 E3 同分 1.000，", tie.Explanation?.ToString());
        // E3's seat goes to the next by z: E2 (−1) before E4 (−1.2).
        Assert.Equal([1, 2], p.FinalistIds);
    }

    [Fact]
    public void An_admitted_holder_is_not_a_tie_partner_so_the_equal_entry_is_skipped_with_the_plain_cap_remark()
    {
        // 2 seats. Unit 1: E1 admitted (its seat is the organiser's choice), E2 equal to it on every key. E2 is skipped
        // for the unit cap without a tie: the organiser already chose between them.
        var p = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(1, OverrideKind.Admit, Reason)),
            C(1, 90, unit: 1, keys: [90, 27]), C(2, 90, unit: 1, keys: [90, 27]), C(3, 85, unit: 2));

        Assert.Empty(p.Ties);
        Assert.True(p.CanConfirm);
        Assert.Equal([1, 3], p.FinalistIds);
        Assert.Equal($"破格入围：{Reason}", p.Line(1).Remark?.ToString());
        Assert.Equal("同一参赛单位（单位1）已有 1 个作品入围（E1），每个参赛单位限 1 个", p.Line(2).Remark?.ToString());
        Assert.Null(p.Line(2).TieKey);
    }

    [Fact]
    public void Dropping_an_entry_below_the_cut_records_the_reason_and_it_takes_no_reserve_number()
    {
        // 1 seat: E1 in; E2 dropped from below the cut; E3 is the first reserve.
        var p = Select(new FinalistRules { Overall = 1 }, Overrides(new FinalistOverride(2, OverrideKind.Drop, Reason)),
            C(1, 90, unit: 1), C(2, 85, unit: 2), C(3, 80, unit: 3));

        var dropped = p.Line(2);
        Assert.Equal((FinalistStatus.Skipped, SkipReason.Dropped, false), (dropped.Status, dropped.Reason, dropped.AboveCut));
        Assert.Equal($"组委会调出：{Reason}", dropped.Remark?.ToString());
        Assert.Equal(Reason, dropped.OverrideReason);
        Assert.Equal("候补第 1 位", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void Admitting_a_units_second_entry_from_below_the_cut_names_the_unit_cap_not_the_target()
    {
        // 1 seat. Unit 1: E1 90 in; E2 85 admitted from below the cut, beyond the unit cap: 2 finalists.
        var p = Select(new FinalistRules { Overall = 1 }, Overrides(new FinalistOverride(2, OverrideKind.Admit, Reason)),
            C(1, 90, unit: 1), C(2, 85, unit: 1), C(3, 80, unit: 3));

        Assert.Equal([1, 2], p.FinalistIds);
        Assert.Equal($"破格入围（超出参赛单位名额）：{Reason}", p.Line(2).Remark?.ToString());
        Assert.False(p.Line(2).AboveCut);
        Assert.Equal("候补第 1 位", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void An_ineligible_entry_shows_its_reason_and_withdrawal_is_named_before_a_missing_score()
    {
        var ineligible = C(1, 95, unit: 1, eligibility: Eligibility.Ineligible) with { EligibilityReason = "与另一赛道作品内容重复" };
        var withdrawnUnscored = C(2, null, unit: 2, eligibility: Eligibility.Withdrawn);
        var p = Select(new FinalistRules { Overall = 1 }, ineligible, withdrawnUnscored, C(3, 90, unit: 3));

        Assert.Equal("不符合参赛资格：与另一赛道作品内容重复", p.Line(1).Remark?.ToString());
        Assert.Equal("与另一赛道作品内容重复", p.Line(1).OverrideReason);
        Assert.Equal((SkipReason.Withdrawn, "已退赛"), (p.Line(2).Reason, p.Line(2).Remark?.ToString()));
        Assert.Equal([3], p.FinalistIds);
    }

    [Fact]
    public void A_division_tie_seated_in_full_counts_against_the_overall_target()
    {
        // 1 per division + 3 in all, 全部入围 for 赛区1: E1 and E2 tie at 85 and both are in; 赛区2 gives E3.
        // That is 3 finalists already, so no overall seat is left and E4 is the first reserve.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 }, Ties("division:1", TieResolution.IncludeAll),
            C(1, 85, unit: 1, division: 1), C(2, 85, unit: 2, division: 1),
            C(3, 90, unit: 3, division: 2), C(4, 80, unit: 4, division: 2));

        Assert.Equal([1, 2, 3], p.FinalistIds.Order());
        Assert.True(p.CanConfirm);
        Assert.Equal("与 E1 同分，全部入围", p.Line(2).Remark?.ToString());
        Assert.Equal("division:1", p.Line(2).TieKey?.ToString());
        Assert.False(p.Line(2).AboveCut);
        Assert.Equal("候补第 1 位", p.Line(4).Remark?.ToString());
    }

    [Fact]
    public void An_entry_tied_at_its_division_cut_and_again_at_the_overall_cut_carries_both_remarks_under_the_overall_key()
    {
        // 1 per division + 3 in all. 赛区1: E1 85 (median 86) holds the seat, E2 85 (median 84) tied outside.
        // 赛区2: E3 90 in; E4 85 (median 85). One overall seat: E4 (85, median 85) before E2 (85, median 84), so E2 is
        // tied outside again, this time at the overall cut; both ties stay pending.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 },
            C(1, 85, unit: 1, division: 1, keys: [86]), C(2, 85, unit: 2, division: 1, keys: [84]),
            C(3, 90, unit: 3, division: 2), C(4, 85, unit: 4, division: 2, keys: [85]));

        Assert.Equal([1, 3, 4], p.FinalistIds.Order());
        Assert.Equal(["division:1", "overall"], p.Ties.Select(t => t.Key.ToString()));
        Assert.All(p.Ties, t => Assert.False(t.Resolved));
        var twice = p.Line(2);
        Assert.Equal(FinalistStatus.Reserve, twice.Status);
        Assert.Equal("与 E1 同分，待组委会决定；与 E4 同分，待组委会决定", twice.Remark?.ToString());
        Assert.Equal("overall", twice.TieKey?.ToString());
        Assert.Equal("与 E2 同分，待组委会决定", p.Line(4).Remark?.ToString());
    }
}
