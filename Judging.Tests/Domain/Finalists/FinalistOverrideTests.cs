namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>Organiser overrides (破格入围 / 调出), always with a written reason that appears in the results.</summary>
public sealed class FinalistOverrideTests
{
    private const string Reason = "两个作品分属不同品牌，经评委会同意";

    [Fact]
    public void Admit_beyond_the_unit_cap_takes_a_seat_and_the_displaced_last_finalist_becomes_reserve()
    {
        // 3 seats. Without the override: E1 in, E2 skipped (unit 1), E3 and E4 in.
        // Admitting E2: E1, E2, E3 in; E4, displaced from the last seat, is the first reserve.
        FinalistCandidate[] field = [C(1, 95, unit: 1), C(2, 90, unit: 1), C(3, 85, unit: 2), C(4, 80, unit: 3)];
        var before = Select(new FinalistRules { Overall = 3 }, field);
        Assert.Equal([1, 3, 4], before.FinalistIds);

        var p = Select(new FinalistRules { Overall = 3 }, Overrides(new FinalistOverride(2, OverrideKind.Admit, Reason)), field);
        Assert.Equal([1, 2, 3], p.FinalistIds);
        var admitted = p.Line(2);
        Assert.Equal(FinalistStatus.Finalist, admitted.Status);
        Assert.Equal($"破格入围（超出参赛单位名额）：{Reason}", admitted.Remark?.ToString());
        Assert.Equal(Reason, admitted.OverrideReason);
        Assert.True(admitted.AboveCut);
        Assert.Equal(FinalistStatus.Reserve, p.Line(4).Status);
        Assert.Equal("候补第 1 位", p.Line(4).Remark?.ToString());
    }

    [Fact]
    public void Admit_beyond_the_group_cap_names_the_group_cap()
    {
        // 3 seats, group 8 has E1, E2, E3: E3 admitted beyond the group cap → E1, E2, E3; E4 reserve.
        var p = Select(new FinalistRules { Overall = 3 }, Overrides(new FinalistOverride(3, OverrideKind.Admit, Reason)),
            C(1, 95, unit: 1, group: 8), C(2, 92, unit: 2, group: 8), C(3, 90, unit: 3, group: 8), C(4, 80, unit: 4));
        Assert.Equal([1, 2, 3], p.FinalistIds);
        Assert.Equal($"破格入围（超出集团公司名额）：{Reason}", p.Line(3).Remark?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(4).Status);
    }

    [Fact]
    public void Admit_below_the_cut_adds_a_seat_beyond_the_target()
    {
        // 2 seats: E1, E2 in; E3 first reserve; E4 admitted from below the cut → 3 finalists.
        var p = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(4, OverrideKind.Admit, Reason)),
            C(1, 95, unit: 1), C(2, 90, unit: 2), C(3, 85, unit: 3), C(4, 80, unit: 4));
        Assert.Equal([1, 2, 4], p.FinalistIds);
        Assert.Equal($"破格入围（名额之外）：{Reason}", p.Line(4).Remark?.ToString());
        Assert.False(p.Line(4).AboveCut);
        Assert.Equal("候补第 1 位", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void Admit_inside_the_seats_without_a_cap_conflict_still_records_the_reason()
    {
        var p = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(1, OverrideKind.Admit, Reason)), C(1, 95, unit: 1), C(2, 90, unit: 2));
        Assert.Equal($"破格入围：{Reason}", p.Line(1).Remark?.ToString());
        Assert.Equal([1, 2], p.FinalistIds);
    }

    [Fact]
    public void Admit_below_a_division_cut_with_an_overall_target_does_not_take_an_overall_seat_from_a_better_entry()
    {
        // 1 seat per division, 3 in all. 赛区1: E1 90, E2 85, E3 60 (admitted); 赛区2: E4 80, E5 70.
        // Divisions: E1, E4. One overall seat left: the best of the rest is E2 (85) → E2 in.
        // E3 is admitted beyond the target ("名额之外"), so 4 finalists; E5 is the first reserve.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 }, Overrides(new FinalistOverride(3, OverrideKind.Admit, Reason)),
            C(1, 90, unit: 1, division: 1), C(2, 85, unit: 2, division: 1), C(3, 60, unit: 3, division: 1),
            C(4, 80, unit: 4, division: 2), C(5, 70, unit: 5, division: 2));
        Assert.Equal([1, 2, 3, 4], p.FinalistIds.Order());
        Assert.Equal($"破格入围（名额之外）：{Reason}", p.Line(3).Remark?.ToString());
        Assert.Equal("候补第 1 位", p.Line(5).Remark?.ToString());
    }

    [Fact]
    public void Admit_below_a_division_cut_that_the_overall_seats_reach_takes_that_seat()
    {
        // As above, admitting E2: it wins the one overall seat anyway; 3 finalists, E3 and E5 reserves.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 }, Overrides(new FinalistOverride(2, OverrideKind.Admit, Reason)),
            C(1, 90, unit: 1, division: 1), C(2, 85, unit: 2, division: 1), C(3, 60, unit: 3, division: 1),
            C(4, 80, unit: 4, division: 2), C(5, 70, unit: 5, division: 2));
        Assert.Equal([1, 2, 4], p.FinalistIds.Order());
        Assert.Equal(Reason, p.Line(2).OverrideReason);
        Assert.Equal($"破格入围：{Reason}", p.Line(2).Remark?.ToString()); // within the overall seats, not "名额之外"
    }

    [Fact]
    public void Drop_removes_a_finalist_with_the_reason_and_the_next_entry_takes_its_place()
    {
        // 2 seats. E1 dropped → E2 and E3 in; E4 first reserve.
        const string why = "作品内容与另一赛道作品重复";
        var p = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(1, OverrideKind.Drop, why)),
            C(1, 95, unit: 1), C(2, 90, unit: 2), C(3, 85, unit: 3), C(4, 80, unit: 4));
        Assert.Equal([2, 3], p.FinalistIds);
        var dropped = p.Line(1);
        Assert.Equal(FinalistStatus.Skipped, dropped.Status);
        Assert.Equal(SkipReason.Dropped, dropped.Reason);
        Assert.Equal($"组委会调出：{why}", dropped.Remark?.ToString());
        Assert.Equal(why, dropped.OverrideReason);
        Assert.True(dropped.AboveCut);
        Assert.Equal("候补第 1 位", p.Line(4).Remark?.ToString());
    }

    [Fact]
    public void Dropping_a_cap_holder_frees_the_cap_for_its_units_next_entry()
    {
        // 2 seats. Unit 1: E1 95 (dropped) and E2 90 → E2 may now take unit 1's seat; E3 85 in too.
        var p = Select(new FinalistRules { Overall = 2 }, Overrides(new FinalistOverride(1, OverrideKind.Drop, "本人申请")),
            C(1, 95, unit: 1), C(2, 90, unit: 1), C(3, 85, unit: 3));
        Assert.Equal([2, 3], p.FinalistIds);
    }

    [Theory]
    [InlineData(OverrideKind.Admit, "")]
    [InlineData(OverrideKind.Admit, "   ")]
    [InlineData(OverrideKind.Drop, "")]
    [InlineData(OverrideKind.Drop, "\t")]
    public void An_override_without_a_written_reason_is_refused(OverrideKind kind, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Select(new FinalistRules { Overall = 1 }, Overrides(new FinalistOverride(1, kind, reason)), C(1, 90, unit: 1), C(2, 80, unit: 2)));
        Assert.Contains("理由", e.Message);
    }

    [Fact]
    public void The_last_override_of_an_entry_wins()
    {
        var p = Select(new FinalistRules { Overall = 1 },
            Overrides(new FinalistOverride(1, OverrideKind.Drop, "误操作"), new FinalistOverride(1, OverrideKind.Admit, "撤销调出")),
            C(1, 90, unit: 1), C(2, 80, unit: 2));
        Assert.Equal([1], p.FinalistIds);
        Assert.Equal("撤销调出", p.Line(1).OverrideReason);
    }
}
