namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>Ties across the last seat (issue 3: "Nothing is decided silently").</summary>
public sealed class FinalistTieTests
{
    // 2 seats in one list. E1 90 is clear. E3 and E2 both 85: E2 has the higher median (86 > 84) but the lower
    // first criterion (43 < 44); E3 comes first in the input so input order would favour it. E4 80 is below.
    // Tie-break order (median, then criterion 1) puts E2 inside, E3 outside.
    private static readonly FinalistCandidate[] Field =
        [C(1, 90, unit: 1, keys: [90, 45]), C(3, 85, unit: 3, keys: [84, 44]), C(2, 85, unit: 2, keys: [86, 43]), C(4, 80, unit: 4, keys: [80, 40])];

    private static readonly FinalistRules TwoSeats = new() { Overall = 2 };

    [Fact]
    public void Pending_tie_shows_both_entries_and_blocks_confirmation()
    {
        var p = Select(TwoSeats, FinalistDecisions.None, Field);

        Assert.False(p.CanConfirm);
        var tie = Assert.Single(p.Ties);
        Assert.Equal("overall", tie.Key.ToString());
        Assert.Equal("总名额", tie.Name?.ToString());
        Assert.Equal(85m, tie.Score);
        Assert.Equal([2], tie.Inside);
        Assert.Equal([3], tie.Outside);
        Assert.Equal(TieResolution.Pending, tie.Resolution);
        Assert.False(tie.Resolved);
        Assert.Contains("E2、E3 同分 85.00", tie.Explanation?.ToString());

        // Both tied entries carry the tie remark, each naming the other, and the tie key.
        Assert.Equal(FinalistStatus.Finalist, p.Line(2).Status);
        Assert.Equal("与 E3 同分，待组委会决定", p.Line(2).Remark?.ToString());
        Assert.Equal("overall", p.Line(2).TieKey?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(3).Status);
        Assert.Equal("与 E2 同分，待组委会决定", p.Line(3).Remark?.ToString());
        Assert.Equal("overall", p.Line(3).TieKey?.ToString());
        // The entry below the tie is an ordinary reserve.
        Assert.Equal("候补第 1 位", p.Line(4).Remark?.ToString());
        Assert.Null(p.Line(4).TieKey);
    }

    [Fact]
    public void TieBreak_decides_by_median_first()
    {
        // E2 wins on median (86 > 84) although E3 is ahead on criterion 1 and in input order.
        var p = Select(TwoSeats, Ties("overall", TieResolution.TieBreak), Field);

        Assert.True(p.CanConfirm);
        Assert.Equal([1, 2], p.FinalistIds);
        var tie = Assert.Single(p.Ties);
        Assert.True(tie.Resolved);
        Assert.Equal(TieResolution.TieBreak, tie.Resolution);
        Assert.Contains("按规则（中位数高者优先，第1项评分高者优先）决出", tie.Explanation?.ToString());
        Assert.Equal("与 E3 同分，按中位数高者优先，第1项评分高者优先入围", p.Line(2).Remark?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(3).Status);
        Assert.Contains("未入围", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void TieBreak_falls_to_the_first_criterion_when_medians_are_equal()
    {
        // Equal medians (85); criterion 1: E3 44 > E2 43 → E3 inside.
        var p = Select(TwoSeats, Ties("overall", TieResolution.TieBreak),
            C(1, 90, unit: 1, keys: [90, 45]), C(2, 85, unit: 2, keys: [85, 43]), C(3, 85, unit: 3, keys: [85, 44]));
        Assert.True(p.CanConfirm);
        Assert.Equal([1, 3], p.FinalistIds);
    }

    [Fact]
    public void TieBreak_with_entries_equal_on_every_key_stays_unresolved()
    {
        // E2 and E3 equal on score, median and criterion 1: the rule cannot separate them.
        var p = Select(TwoSeats, Ties("overall", TieResolution.TieBreak),
            C(1, 90, unit: 1, keys: [90, 45]), C(2, 85, unit: 2, keys: [85, 43]), C(3, 85, unit: 3, keys: [85, 43]));
        Assert.False(p.CanConfirm);
        var tie = Assert.Single(p.Ties);
        Assert.False(tie.Resolved);
        Assert.Contains("仍无法区分", tie.Explanation?.ToString());
        Assert.Contains("待组委会决定", p.Line(2).Remark?.ToString());
        Assert.Contains("待组委会决定", p.Line(3).Remark?.ToString());
    }

    [Fact]
    public void IncludeAll_seats_every_tied_entry_and_exceeds_the_target()
    {
        var p = Select(TwoSeats, Ties("overall", TieResolution.IncludeAll), Field);
        Assert.True(p.CanConfirm);
        Assert.Equal([1, 2, 3], p.FinalistIds.Order());     // 3 finalists for 2 seats
        Assert.Equal("与 E3 同分，全部入围", p.Line(2).Remark?.ToString());
        Assert.Equal("与 E2 同分，全部入围", p.Line(3).Remark?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(4).Status);
        Assert.Contains("组委会决定全部入围", Assert.Single(p.Ties).Explanation?.ToString());
    }

    [Fact]
    public void Every_entry_tied_across_the_last_seat_is_shown()
    {
        // 1 seat, E1, E2, E3 all 85 and equal on every key: E1 (input order) holds the seat; E2 and E3 are outside;
        // each remark names the other two. IncludeAll makes 3 finalists for 1 seat.
        FinalistCandidate[] field = [C(1, 85, unit: 1), C(2, 85, unit: 2), C(3, 85, unit: 3), C(4, 70, unit: 4)];
        var p = Select(new FinalistRules { Overall = 1 }, FinalistDecisions.None, field);
        var tie = Assert.Single(p.Ties);
        Assert.Equal([1], tie.Inside);
        Assert.Equal([2, 3], tie.Outside);
        Assert.Equal("与 E2、E3 同分，待组委会决定", p.Line(1).Remark?.ToString());
        Assert.Equal("与 E1、E3 同分，待组委会决定", p.Line(2).Remark?.ToString());
        Assert.Equal("与 E1、E2 同分，待组委会决定", p.Line(3).Remark?.ToString());
        Assert.Equal([1, 2, 3], Select(new FinalistRules { Overall = 1 }, Ties("overall", TieResolution.IncludeAll), field).FinalistIds);
    }

    [Fact]
    public void IncludeAll_seats_count_for_the_caps()
    {
        // 1 seat, E1 and E2 tie at 90 (group 5), IncludeAll seats both; E3 (group 5) 90 too but group 5 is full:
        // it is skipped for the cap, not seated by the tie.
        var p = Select(new FinalistRules { Overall = 1 }, Ties("overall", TieResolution.IncludeAll),
            C(1, 90, unit: 1, group: 5), C(2, 90, unit: 2, group: 5), C(3, 90, unit: 3, group: 5), C(4, 80, unit: 4));
        Assert.Equal([1, 2], p.FinalistIds);
        Assert.Equal(SkipReason.GroupCap, p.Line(3).Reason);
    }

    [Fact]
    public void Entries_tied_inside_the_seats_are_not_a_cut_tie()
    {
        // 2 seats, E1 and E2 both 90, E3 80: both tied entries are in, nothing to decide.
        var p = Select(TwoSeats, C(1, 90, unit: 1), C(2, 90, unit: 2), C(3, 80, unit: 3));
        Assert.Empty(p.Ties);
        Assert.True(p.CanConfirm);
        Assert.Equal([1, 2], p.FinalistIds);
    }

    [Fact]
    public void A_tie_at_a_division_cut_is_keyed_by_the_division()
    {
        // 1 seat per division: 赛区1 E1 and E2 tie at 88; 赛区2 is clear.
        var p = Select(new FinalistRules { PerDivision = 1 },
            C(1, 88, unit: 1, division: 1, keys: [88]), C(2, 88, unit: 2, division: 1, keys: [87]), C(3, 80, unit: 3, division: 2));
        var tie = Assert.Single(p.Ties);
        Assert.Equal("division:1", tie.Key.ToString());
        Assert.Equal("赛区1", tie.Name?.ToString());
        Assert.False(p.CanConfirm);
        var decided = Select(new FinalistRules { PerDivision = 1 }, Ties("division:1", TieResolution.TieBreak),
            C(1, 88, unit: 1, division: 1, keys: [88]), C(2, 88, unit: 2, division: 1, keys: [87]), C(3, 80, unit: 3, division: 2));
        Assert.True(decided.CanConfirm);
        Assert.Equal([1, 3], decided.FinalistIds);
        // A resolution under another key does not decide this tie.
        var wrongKey = Select(new FinalistRules { PerDivision = 1 }, Ties("overall", TieResolution.IncludeAll),
            C(1, 88, unit: 1, division: 1, keys: [88]), C(2, 88, unit: 2, division: 1, keys: [87]), C(3, 80, unit: 3, division: 2));
        Assert.False(wrongKey.CanConfirm);
    }

    [Fact]
    public void A_pending_division_tie_that_the_overall_seats_cannot_absorb_keeps_its_remark_and_blocks_confirmation()
    {
        // 1 seat per division, 2 in all (no seat left after the divisions).
        // 赛区1: E1 and E2 tie at 85 (E1 higher median → inside). 赛区2: E3 90, E4 80.
        // Division walk: E3, E1 in; E2 tied outside. Overall seats left: 2 − 2 = 0, so E2 stays out and the
        // division tie is still undecided: both E1 and E2 must say so.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 2 },
            C(1, 85, unit: 1, division: 1, keys: [86]), C(2, 85, unit: 2, division: 1, keys: [84]), C(5, 70, unit: 5, division: 1),
            C(3, 90, unit: 3, division: 2), C(4, 80, unit: 4, division: 2));

        Assert.Equal([1, 3], p.FinalistIds.Order());
        Assert.False(p.CanConfirm);
        var tie = Assert.Single(p.Ties);
        Assert.Equal("division:1", tie.Key.ToString());
        Assert.Equal([2], tie.Outside);
        Assert.Equal("与 E2 同分，待组委会决定", p.Line(1).Remark?.ToString());
        Assert.Equal(FinalistStatus.Reserve, p.Line(2).Status);
        Assert.Contains("与 E1 同分，待组委会决定", p.Line(2).Remark?.ToString());
        Assert.Equal("division:1", p.Line(2).TieKey?.ToString());
    }

    [Fact]
    public void A_division_tie_whose_outside_entry_wins_an_overall_seat_is_settled()
    {
        // As above with 3 seats in all: one seat is left after the divisions; the best of the rest is E2 (85)
        // ahead of E4 (80), so E2 is in and the 赛区1 tie no longer needs a decision.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 },
            C(1, 85, unit: 1, division: 1, keys: [86]), C(2, 85, unit: 2, division: 1, keys: [84]), C(5, 70, unit: 5, division: 1),
            C(3, 90, unit: 3, division: 2), C(4, 80, unit: 4, division: 2));
        Assert.Equal([1, 2, 3], p.FinalistIds.Order());
        Assert.True(p.CanConfirm);
        Assert.Contains("已按总名额入围", Assert.Single(p.Ties).Explanation?.ToString());
        Assert.Equal("候补第 1 位", p.Line(4).Remark?.ToString());
    }
}
