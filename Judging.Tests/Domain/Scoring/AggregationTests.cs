namespace Judging.Tests.Domain.Scoring;

using Judging.Domain.Scoring;

public sealed class AggregationTests
{
    private static readonly ScoringOptions Defaults = new();

    [Fact]
    public void Five_or_more_judges_drop_one_highest_and_one_lowest()
    {
        // 95 and 70 are dropped: (80 + 85 + 90) / 3 = 85
        Assert.Equal(85m, Aggregation.TrimmedMean([70m, 80m, 85m, 90m, 95m], Defaults));
    }

    [Fact]
    public void Seven_judges_drop_exactly_one_each_side()
    {
        // drops 60 and 99; mean of 80,81,82,83,84 = 82
        Assert.Equal(82m, Aggregation.TrimmedMean([99m, 80m, 81m, 82m, 83m, 84m, 60m], Defaults));
    }

    [Fact]
    public void Below_five_judges_take_the_plain_mean()
    {
        Assert.Equal(81.25m, Aggregation.TrimmedMean([70m, 80m, 85m, 90m], Defaults));
    }

    [Fact]
    public void Threshold_and_trim_counts_are_configurable()
    {
        var o = new ScoringOptions { TrimWhenAtLeast = 4, TrimHighest = 1, TrimLowest = 1 };
        Assert.Equal(82.5m, Aggregation.TrimmedMean([70m, 80m, 85m, 90m], o));
        var two = new ScoringOptions { TrimWhenAtLeast = 7, TrimHighest = 2, TrimLowest = 2 };
        Assert.Equal(4m, Aggregation.TrimmedMean([1m, 2m, 3m, 4m, 5m, 6m, 7m], two));
    }

    [Fact]
    public void Full_precision_is_kept_and_display_rounds_to_two_decimals()
    {
        var score = Aggregation.TrimmedMean([80m, 80m, 81m], Defaults)!.Value;
        Assert.Equal(241m / 3m, score);
        Assert.NotEqual(80.33m, score);
        Assert.Equal("80.33", Aggregation.Display(score));
        Assert.Equal("80.67", Aggregation.Display(242m / 3m));
        Assert.Equal("80.01", Aggregation.Display(80.005m)); // half away from zero
        Assert.Equal("—", Aggregation.Display(null));
    }

    [Fact]
    public void No_scores_means_no_score()
    {
        Assert.Null(Aggregation.TrimmedMean([], Defaults));
        Assert.Null(Aggregation.Median([]));
    }

    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(85m, Aggregation.Median([90m, 70m, 85m]));
        Assert.Equal(82.5m, Aggregation.Median([90m, 70m, 85m, 80m]));
    }

    [Fact]
    public void Invalid_options_are_reported()
    {
        Assert.Empty(new ScoringOptions().Validate());
        Assert.NotEmpty(new ScoringOptions { TrimWhenAtLeast = 2 }.Validate());
        Assert.NotEmpty(new ScoringOptions { Step = 0 }.Validate());
        Assert.NotEmpty(new ScoringOptions { TieBreaks = ["Loudest"] }.Validate());
        Assert.NotEmpty(new ScoringOptions { TieBreaks = ["Criterion0"] }.Validate());
    }
}
