namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>
/// A cap decided between entries equal on score is never settled silently (issue 3, "Nothing is decided silently"):
/// the remark says what separated them, and entries equal on every key are a tie for the organiser.
/// </summary>
public sealed class FinalistCapTieTests
{
    [Fact]
    public void Two_entries_of_one_unit_equal_on_every_key_are_a_tie_the_organiser_settles_with_an_override()
    {
        // 2 seats; unit 1 has E1 and E2, both 90 with the same median and criterion 1; E3 85.
        // Input order would put E1 first: that must not decide. E2 is skipped for the unit cap AND flagged as a tie.
        var p = Select(new FinalistRules { Overall = 2 }, C(1, 90, unit: 1, keys: [90, 27]), C(2, 90, unit: 1, keys: [90, 27]), C(3, 85, unit: 2));
        Assert.False(p.CanConfirm);
        var tie = Assert.Single(p.Ties);
        Assert.Equal("cap:2", tie.Key.ToString());
        Assert.True(tie.Key.IsCap);
        Assert.Equal([1], tie.Inside);
        Assert.Equal([2], tie.Outside);
        Assert.Contains("待组委会决定", p.Line(2).Remark?.ToString());
        Assert.Equal("cap:2", p.Line(2).TieKey?.ToString());

        // The organiser drops E1 with a reason: E2 takes the unit's seat and the tie is gone.
        var settled = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(1, OverrideKind.Drop, "单位自愿推荐 E2")),
            C(1, 90, unit: 1, keys: [90, 27]), C(2, 90, unit: 1, keys: [90, 27]), C(3, 85, unit: 2));
        Assert.True(settled.CanConfirm);
        Assert.Equal([2, 3], settled.FinalistIds);

        // Or admits E2 beyond the cap: both are in.
        var both = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(2, OverrideKind.Admit, "两件作品同分且各项相同")),
            C(1, 90, unit: 1, keys: [90, 27]), C(2, 90, unit: 1, keys: [90, 27]), C(3, 85, unit: 2));
        Assert.True(both.CanConfirm);
        Assert.Equal([1, 2], both.FinalistIds);
    }

    [Fact]
    public void Equal_scores_separated_by_the_tie_break_say_so_in_the_remark_and_need_no_decision()
    {
        // E2 has the same score as E1 but a lower median: the configured rule decides, and the remark says it.
        var p = Select(new FinalistRules { Overall = 2 }, C(1, 90, unit: 1, keys: [91, 27]), C(2, 90, unit: 1, keys: [89, 27]), C(3, 85, unit: 2));
        Assert.True(p.CanConfirm);
        Assert.Empty(p.Ties);
        Assert.Equal([1, 3], p.FinalistIds);
        Assert.Contains("与 E1 同分，按中位数高者优先", p.Line(2).Remark?.ToString());
    }

    [Fact]
    public void Equal_scores_in_two_divisions_at_the_same_place_are_a_tie_not_decided_by_division_order()
    {
        // Unit 1 is 1st in 赛区1 (E11 90) and in 赛区2 (E21 90), equal on every key; 1 seat per division.
        var p = Select(new FinalistRules { PerDivision = 1 },
            C(11, 90, unit: 1, division: 1, keys: [90, 27]), C(12, 80, unit: 2, division: 1),
            C(21, 90, unit: 1, division: 2, keys: [90, 27]), C(22, 82, unit: 3, division: 2));
        Assert.False(p.CanConfirm);
        Assert.Equal("cap:21", Assert.Single(p.Ties).Key.ToString());
    }

    [Fact]
    public void An_earlier_place_in_its_division_is_named_when_it_decides_between_equal_scores()
    {
        // Unit 1: E11 90 is 1st in 赛区1; E22 90 is 2nd in 赛区2 (behind E21 95). Places are walked first, so E11 wins;
        // the remark says why.
        var p = Select(new FinalistRules { PerDivision = 2 },
            C(11, 90, unit: 1, division: 1, keys: [90, 27]), C(12, 80, unit: 2, division: 1),
            C(21, 95, unit: 3, division: 2), C(22, 90, unit: 1, division: 2, keys: [90, 27]), C(23, 70, unit: 4, division: 2));
        Assert.True(p.CanConfirm);
        Assert.Contains("E11 在本赛区名次更前", p.Line(22).Remark?.ToString());
    }

    [Fact]
    public void A_withdrawal_shows_its_written_reason()
    {
        var withdrawn = C(1, 95, unit: 1, eligibility: Eligibility.Withdrawn) with { EligibilityReason = "选手因病无法参赛" };
        var p = Select(new FinalistRules { Overall = 1 }, withdrawn, C(2, 90, unit: 2));
        Assert.Equal("已退赛：选手因病无法参赛", p.Line(1).Remark?.ToString());
        Assert.Equal("选手因病无法参赛", p.Line(1).OverrideReason);
        Assert.Equal([2], p.FinalistIds);
    }
}
