namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>Unit cap (1) and group cap (2) of seed 000, 附件1 (六), and entries that cannot be chosen.</summary>
public sealed class FinalistCapTests
{
    [Fact]
    public void A_groups_third_entry_above_the_cut_is_skipped_naming_the_two_seated_and_the_next_entry_takes_the_seat()
    {
        // One list, 4 seats. Group 9 holds the three best (E1 95, E2 92, E3 90, three different units).
        // Walk: E1 in, E2 in (group 9 now has 2), E3 would be group 9's third → skipped, remark names E1、E2;
        // E4 88 and E5 85 take seats 3 and 4; E6 80 is the first reserve.
        var p = Select(new FinalistRules { Overall = 4 },
            C(1, 95, unit: 1, group: 9), C(2, 92, unit: 2, group: 9), C(3, 90, unit: 3, group: 9),
            C(4, 88, unit: 4), C(5, 85, unit: 5), C(6, 80, unit: 6));

        Assert.Equal([1, 2, 4, 5], p.FinalistIds);
        var third = p.Line(3);
        Assert.Equal(FinalistStatus.Skipped, third.Status);
        Assert.Equal(SkipReason.GroupCap, third.Reason);
        Assert.True(third.AboveCut);
        Assert.Contains("集团9", third.Remark?.ToString());
        Assert.Contains("E1、E2", third.Remark?.ToString());
        Assert.Contains("限 2 个", third.Remark?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(6).Status);
        Assert.Equal("候补第 1 位", p.Line(6).Remark?.ToString());
        Assert.True(p.CanConfirm);
        AssertEveryNonFinalistAboveTheCutHasARemark(p);
    }

    [Fact]
    public void The_group_cap_is_a_default_the_organiser_can_raise()
    {
        // Same field with GroupCap 3: E3 keeps its seat, E5 becomes the first reserve.
        var p = Select(new FinalistRules { Overall = 4, GroupCap = 3 },
            C(1, 95, unit: 1, group: 9), C(2, 92, unit: 2, group: 9), C(3, 90, unit: 3, group: 9),
            C(4, 88, unit: 4), C(5, 85, unit: 5));
        Assert.Equal([1, 2, 3, 4], p.FinalistIds);
        Assert.Equal(FinalistStatus.Reserve, p.Line(5).Status);
    }

    [Fact]
    public void A_units_second_entry_in_the_same_list_is_skipped_with_a_unit_cap_remark()
    {
        // 2 seats. Unit 1 holds E1 95 and E2 90 → E2 skipped (unit cap 1), E3 85 takes seat 2.
        var p = Select(new FinalistRules { Overall = 2 }, C(1, 95, unit: 1), C(2, 90, unit: 1), C(3, 85, unit: 2));
        Assert.Equal([1, 3], p.FinalistIds);
        Assert.Equal(SkipReason.UnitCap, p.Line(2).Reason);
        Assert.Contains("单位1", p.Line(2).Remark?.ToString());
        Assert.Contains("（E1）", p.Line(2).Remark?.ToString());
        Assert.Contains("限 1 个", p.Line(2).Remark?.ToString());
    }

    [Fact]
    public void A_unit_with_entries_in_two_divisions_at_the_same_place_keeps_the_higher_score_and_the_other_division_moves_up()
    {
        // 2 seats per division. Unit 10 is 2nd in both: E12 86 in 赛区1 and E22 87 in 赛区2.
        // Places 1: E11 90, E21 88 in. Places 2: E22 (87) walked before E12 (86) → E22 in; E12 skipped
        // (unit cap, names E22) and 赛区1's next entry E13 84 takes the seat. E14 and E23 are reserves.
        var p = Select(new FinalistRules { PerDivision = 2 },
            C(11, 90, unit: 1, division: 1), C(12, 86, unit: 10, division: 1), C(13, 84, unit: 2, division: 1), C(14, 80, unit: 3, division: 1),
            C(21, 88, unit: 4, division: 2), C(22, 87, unit: 10, division: 2), C(23, 83, unit: 5, division: 2));

        Assert.Equal([11, 13, 21, 22], p.FinalistIds.Order());
        Assert.Equal(SkipReason.UnitCap, p.Line(12).Reason);
        Assert.Contains("E22", p.Line(12).Remark?.ToString());
        Assert.True(p.Line(12).AboveCut);
        Assert.Equal(FinalistStatus.Reserve, p.Line(14).Status);
        Assert.Equal(FinalistStatus.Reserve, p.Line(23).Status);
        Assert.Equal(2, p.Line(12).DivisionRank);
        AssertEveryNonFinalistAboveTheCutHasARemark(p);
    }

    [Fact]
    public void A_unit_with_entries_in_two_divisions_keeps_the_better_place_even_with_a_lower_score()
    {
        // 2 seats per division. Unit 10: E11 is 1st of 赛区1 with 80 (a severe division), E22 is 2nd of 赛区2 with 87.
        // Places are walked first: E11 (place 1) is seated before E22 (place 2) is reached → E22 skipped,
        // 赛区2's 3rd entry E23 83 takes the seat.
        var p = Select(new FinalistRules { PerDivision = 2 },
            C(11, 80, unit: 10, division: 1), C(12, 78, unit: 2, division: 1),
            C(21, 88, unit: 4, division: 2), C(22, 87, unit: 10, division: 2), C(23, 83, unit: 5, division: 2));
        Assert.Equal([11, 12, 21, 23], p.FinalistIds.Order());
        Assert.Equal(SkipReason.UnitCap, p.Line(22).Reason);
        Assert.Contains("E11", p.Line(22).Remark?.ToString());
    }

    [Fact]
    public void The_group_cap_counts_finalists_of_every_division()
    {
        // 1 seat per division, three divisions, group 7 wins all three divisions' first places:
        // E11 95, E21 90 in; E31 85 would be group 7's third → skipped naming E11、E21; E32 80 takes 赛区3's seat.
        var p = Select(new FinalistRules { PerDivision = 1 },
            C(11, 95, unit: 1, group: 7, division: 1),
            C(21, 90, unit: 2, group: 7, division: 2),
            C(31, 85, unit: 3, group: 7, division: 3), C(32, 80, unit: 4, division: 3));
        Assert.Equal([11, 21, 32], p.FinalistIds.Order());
        Assert.Equal(SkipReason.GroupCap, p.Line(31).Reason);
        Assert.Contains("E11、E21", p.Line(31).Remark?.ToString());
    }

    [Fact]
    public void Withdrawn_ineligible_and_unscored_entries_are_skipped_with_remarks_and_hold_no_seat_for_their_unit()
    {
        // 2 seats. E1 95 withdrawn (unit 4, same as E4), E2 93 ineligible, E3 unscored: none can be chosen and none
        // occupies unit 4's seat. E4 90 and E5 85 are finalists, E6 80 the first reserve.
        var p = Select(new FinalistRules { Overall = 2 },
            C(1, 95, unit: 4, eligibility: Eligibility.Withdrawn), C(2, 93, unit: 2, eligibility: Eligibility.Ineligible),
            C(3, null, unit: 3), C(4, 90, unit: 4), C(5, 85, unit: 5), C(6, 80, unit: 6));

        Assert.Equal([4, 5], p.FinalistIds);
        Assert.Equal((FinalistStatus.Skipped, SkipReason.Withdrawn, "已退赛"), (p.Line(1).Status, p.Line(1).Reason, p.Line(1).Remark?.ToString()));
        Assert.Equal((FinalistStatus.Skipped, SkipReason.Ineligible, "不符合参赛资格"), (p.Line(2).Status, p.Line(2).Reason, p.Line(2).Remark?.ToString()));
        Assert.Equal((FinalistStatus.Skipped, SkipReason.Unscored, "无有效评分"), (p.Line(3).Status, p.Line(3).Reason, p.Line(3).Remark?.ToString()));
        Assert.Null(p.Line(3).DivisionRank);
        Assert.Equal("候补第 1 位", p.Line(6).Remark?.ToString());
        AssertEveryNonFinalistAboveTheCutHasARemark(p);
    }

    [Fact]
    public void A_withdrawn_division_winner_does_not_push_the_next_entry_behind_other_divisions_first_places()
    {
        // 1 seat per division. 赛区1: E1 99 withdrew, E2 90 (unit 1), E3 70. 赛区2: E4 80 (unit 1), E5 75.
        // Among the entries that can be chosen, E2 and E4 are both their division's first: E2 (90) is walked
        // before E4 (80) and takes unit 1's seat; E4 is skipped, E5 takes 赛区2's seat.
        // (The withdrawn entry must not make E2 a "2nd place" that loses unit 1's seat to a lower score.)
        var p = Select(new FinalistRules { PerDivision = 1 },
            C(1, 99, unit: 9, division: 1, eligibility: Eligibility.Withdrawn), C(2, 90, unit: 1, division: 1), C(3, 70, unit: 3, division: 1),
            C(4, 80, unit: 1, division: 2), C(5, 75, unit: 5, division: 2));
        Assert.Equal([2, 5], p.FinalistIds.Order());
        Assert.Equal(SkipReason.UnitCap, p.Line(4).Reason);
        Assert.Contains("E2", p.Line(4).Remark?.ToString());
    }

    [Fact]
    public void Lines_come_in_division_order_then_rank_with_competition_ranks()
    {
        // 赛区1: E2 90, E1 80 (E3 unscored last); 赛区2: E4 85 and E5 85 equal on every key share rank 1.
        var p = Select(new FinalistRules { PerDivision = 5 },
            C(1, 80, unit: 1, division: 1), C(2, 90, unit: 2, division: 1), C(3, null, unit: 3, division: 1),
            C(4, 85, unit: 4, division: 2), C(5, 85, unit: 5, division: 2));
        Assert.Equal([2, 1, 3, 4, 5], p.Lines.Select(l => l.Candidate.EntryId));
        Assert.Equal([1, 2, null, 1, 1], p.Lines.Select(l => l.DivisionRank));
    }

    [Fact]
    public void Rules_are_validated()
    {
        Assert.NotEmpty(new FinalistRules().Validate());                       // no target at all
        Assert.NotEmpty(new FinalistRules { Overall = -1 }.Validate());
        Assert.NotEmpty(new FinalistRules { Overall = 3, UnitCap = 0 }.Validate());
        Assert.NotEmpty(new FinalistRules { Overall = 3, GroupCap = 0 }.Validate());
        Assert.Empty(new FinalistRules { PerDivision = 3 }.Validate());
        Assert.Throws<ArgumentException>(() => Select(new FinalistRules(), C(1, 90, unit: 1)));
        Assert.Equal("每个分赛区 3 名，总名额 12 名（分赛区名额之外按总成绩补足）；同一参赛单位限 1 个，同一集团公司限 2 个；总成绩比较采用分赛区标准分",
            new FinalistRules { PerDivision = 3, Overall = 12, Normalisation = NormalisationMode.PerDivision }.Describe()?.ToString());
    }
}
