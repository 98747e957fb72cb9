namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Finalists;

/// <summary>z-scores (population SD, rounded to 6 decimals) per division and per judge, worked by hand.</summary>
public sealed class NormalisationTests
{
    [Fact]
    public void ZScores_use_the_population_standard_deviation_and_round_to_six_decimals()
    {
        // 80, 85, 90: mean 85, population SD √(50/3) = 4.0824829… → z = ±5/4.0824829 = ±1.2247448… → ±1.224745.
        var z = Normalisation.ZScores([("a", 80m), ("b", 85m), ("c", 90m)]);
        Assert.Equal(-1.224745m, z["a"]);
        Assert.Equal(0m, z["b"]);
        Assert.Equal(1.224745m, z["c"]);
    }

    [Fact]
    public void A_group_without_spread_gives_zero_and_an_empty_group_nothing()
    {
        Assert.All(Normalisation.ZScores([(1, 77m), (2, 77m), (3, 77m)]).Values, v => Assert.Equal(0m, v));
        Assert.Empty(Normalisation.ZScores(Array.Empty<(int, decimal)>()));
        Assert.Equal(0m, Normalisation.ZScores([(1, 88m)])[1]);
    }

    [Fact]
    public void Per_division_z_scores_are_computed_within_each_division()
    {
        // 赛区1: 80, 90 → ±1. 赛区2: 60, 70, 80 → ±1.224745, 0. Single list (null division): 50, 50 → 0.
        var z = Normalisation.PerDivision([(1, 1, 80m), (2, 1, 90m), (3, 2, 60m), (4, 2, 70m), (5, 2, 80m), (6, null, 50m), (7, null, 50m)]);
        Assert.Equal(-1m, z[1]);
        Assert.Equal(1m, z[2]);
        Assert.Equal(-1.224745m, z[3]);
        Assert.Equal(0m, z[4]);
        Assert.Equal(1.224745m, z[5]);
        Assert.Equal(0m, z[6]);
    }

    [Fact]
    public void Per_judge_z_scores_average_each_entrys_cards()
    {
        // Judge 1: E1 80, E2 90 → −1, +1. Judge 2 (severe): E2 60, E3 80 → −1, +1. Judge 3: 70 for all → 0.
        // E1 = (−1 + 0)/2 = −0.5; E2 = (+1 − 1 + 0)/3 = 0; E3 = (+1 + 0)/2 = 0.5.
        var z = Normalisation.PerJudge([
            (1, 1, 80m), (2, 1, 90m),
            (2, 2, 60m), (3, 2, 80m),
            (1, 3, 70m), (2, 3, 70m), (3, 3, 70m),
        ]);
        Assert.Equal(-0.5m, z[1]);
        Assert.Equal(0m, z[2]);
        Assert.Equal(0.5m, z[3]);
    }

    [Fact]
    public void Per_judge_z_scores_make_a_severe_and_a_lenient_judge_count_alike()
    {
        // Judge 1 gives 90 and 80, judge 2 gives 60 and 50 to the same two entries: E1 is +1 for both, E2 −1.
        var z = Normalisation.PerJudge([(1, 1, 90m), (2, 1, 80m), (1, 2, 60m), (2, 2, 50m)]);
        Assert.Equal(1m, z[1]);
        Assert.Equal(-1m, z[2]);
    }
}
