namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;
using static Judging.Tests.Domain.Finalists.Candidates;

/// <summary>Per-division, overall-only and per-division + overall cuts, with and without normalisation.</summary>
public sealed class FinalistCutModeTests
{
    // 赛区1 (lenient): E11 90, E12 89, E13 88, E14 70. 赛区2 (severe): E21 80, E22 75, E23 60.
    private static readonly FinalistCandidate[] TwoDivisions =
    [
        C(11, 90, unit: 11, division: 1), C(12, 89, unit: 12, division: 1), C(13, 88, unit: 13, division: 1), C(14, 70, unit: 14, division: 1),
        C(21, 80, unit: 21, division: 2), C(22, 75, unit: 22, division: 2), C(23, 60, unit: 23, division: 2),
    ];

    [Fact]
    public void Per_division_cut_takes_each_divisions_best_regardless_of_the_other_divisions_scores()
    {
        // 2 per division: E11, E12 and E21, E22 (E22's 75 is below 赛区1's 88 but 赛区2 is ranked on its own).
        var p = Select(new FinalistRules { PerDivision = 2 }, TwoDivisions);
        Assert.Equal([11, 12, 21, 22], p.FinalistIds.Order());
        Assert.Equal("候补第 1 位", p.Line(13).Remark?.ToString());
        Assert.Equal("候补第 1 位", p.Line(23).Remark?.ToString());    // reserves are numbered per division
    }

    [Fact]
    public void Per_division_cut_of_a_track_without_divisions_treats_all_entries_as_one_list()
    {
        // Film / case tracks: no division. 2 seats: E1 90, E2 85 in; E3 85 ties with E2 across the last seat.
        var p = Select(new FinalistRules { PerDivision = 2 }, C(1, 90, unit: 1), C(2, 85, unit: 2), C(3, 85, unit: 3));
        Assert.Equal([1, 2], p.FinalistIds);
        var tie = Assert.Single(p.Ties);
        Assert.Equal(CutKey.Division(null), tie.Key);
        Assert.Equal("division:none", tie.Key.ToString());
        Assert.Equal("全部作品", tie.Name?.ToString());
    }

    [Fact]
    public void Overall_only_cut_ranks_all_divisions_together_on_raw_scores()
    {
        // 3 in all: 90, 89, 88 are all 赛区1; 赛区2's best (80) is the first reserve.
        var p = Select(new FinalistRules { Overall = 3 }, TwoDivisions);
        Assert.Equal([11, 12, 13], p.FinalistIds);
        Assert.Equal("候补第 1 位", p.Line(21).Remark?.ToString());
        Assert.Equal(1, p.Line(21).DivisionRank);          // ranks stay per division
        Assert.Empty(p.Ties);
    }

    [Fact]
    public void Per_division_plus_overall_fills_the_remaining_seats_by_overall_score()
    {
        // 1 per division + 4 in all: divisions give E11 and E21; the 2 seats left go to the best of the rest
        // overall, E12 89 and E13 88. Reserves are renumbered on the overall list: E22 75, E14 70, E23 60.
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 4 }, TwoDivisions);
        Assert.Equal([11, 12, 13, 21], p.FinalistIds.Order());
        Assert.Equal("候补第 1 位", p.Line(22).Remark?.ToString());
        Assert.Equal("候补第 2 位", p.Line(14).Remark?.ToString());
        Assert.Equal("候补第 3 位", p.Line(23).Remark?.ToString());
    }

    [Fact]
    public void Per_division_plus_overall_keeps_the_caps_across_both_walks()
    {
        // 1 per division + 3 in all. E12 (2nd of 赛区1) belongs to unit 21 like E21, which took 赛区2's seat:
        // the overall walk skips it for the unit cap and gives the last seat to E13.
        FinalistCandidate[] field =
        [
            C(11, 90, unit: 11, division: 1), C(12, 89, unit: 21, division: 1), C(13, 88, unit: 13, division: 1),
            C(21, 80, unit: 21, division: 2), C(22, 75, unit: 22, division: 2),
        ];
        var p = Select(new FinalistRules { PerDivision = 1, Overall = 3 }, field);
        Assert.Equal([11, 13, 21], p.FinalistIds.Order());
        Assert.Equal(SkipReason.UnitCap, p.Line(12).Reason);
        Assert.Contains("E21", p.Line(12).Remark?.ToString());
    }

    [Fact]
    public void Division_seats_beyond_the_overall_target_leave_no_overall_seat()
    {
        // 2 per division (4 seats) with 3 in all: the divisions' seats stand, nothing is added.
        var p = Select(new FinalistRules { PerDivision = 2, Overall = 3 }, TwoDivisions);
        Assert.Equal([11, 12, 21, 22], p.FinalistIds.Order());
    }

    [Fact]
    public void Normalisation_per_division_changes_the_overall_cut_where_raw_scores_would_not()
    {
        // 赛区A (lenient): 90, 88 → mean 89, SD 1 → z +1, −1.
        // 赛区B (severe): 84, 79, 79, 79, 79 → mean 80, SD √((16 + 4·1)/5) = 2 → z +2, −0.5 ×4.
        var z = Normalisation.PerDivision([(1, 1, 90m), (2, 1, 88m), (3, 2, 84m), (4, 2, 79m), (5, 2, 79m), (6, 2, 79m), (7, 2, 79m)]);
        Assert.Equal(1m, z[1]);
        Assert.Equal(-1m, z[2]);
        Assert.Equal(2m, z[3]);
        Assert.Equal(-0.5m, z[7]);

        FinalistCandidate Cand(int id, decimal score, int division) => C(id, score, unit: id, division: division, z: z[id]);
        FinalistCandidate[] field = [Cand(1, 90, 1), Cand(2, 88, 1), Cand(3, 84, 2), Cand(4, 79, 2), Cand(5, 79, 2), Cand(6, 79, 2), Cand(7, 79, 2)];

        // Raw (default): the 2 overall seats both go to 赛区A (90, 88).
        Assert.Equal([1, 2], Select(new FinalistRules { Overall = 2 }, field).FinalistIds);
        // Normalised: E3 (z 2) and E1 (z 1); E2 (z −1) drops out.
        var p = Select(new FinalistRules { Overall = 2, Normalisation = NormalisationMode.PerDivision }, field);
        Assert.Equal([3, 1], p.FinalistIds.OrderByDescending(id => z[id]));
        Assert.Equal(FinalistStatus.Reserve, p.Line(2).Status);
    }

    [Fact]
    public void Normalisation_is_off_by_default_and_ignored_when_off()
    {
        Assert.Equal(NormalisationMode.None, new FinalistRules().Normalisation);
        // z values that would reverse the order are ignored with normalisation off.
        var p = Select(new FinalistRules { Overall = 1 }, C(1, 90, unit: 1, z: -1), C(2, 80, unit: 2, z: 1));
        Assert.Equal([1], p.FinalistIds);
    }

    [Fact]
    public void A_tie_on_the_normalised_score_is_a_cut_tie()
    {
        // Both division winners have z +1 (two-entry divisions): 1 seat overall → tie, pending.
        var p = Select(new FinalistRules { Overall = 1, Normalisation = NormalisationMode.PerDivision },
            C(1, 90, unit: 1, division: 1, z: 1), C(2, 80, unit: 2, division: 1, z: -1),
            C(3, 70, unit: 3, division: 2, z: 1), C(4, 60, unit: 4, division: 2, z: -1));
        var tie = Assert.Single(p.Ties);
        Assert.Equal(1m, tie.Score);
        Assert.Contains("同分 1.000", tie.Explanation?.ToString());
        Assert.False(p.CanConfirm);
    }
}
