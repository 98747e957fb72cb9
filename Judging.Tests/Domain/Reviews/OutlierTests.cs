namespace Judging.Tests.Domain.Reviews;

using Judging.Domain.Reviews;

/// <summary>The outlier rule (pooled SD of cards around their entry means), normalisation beside raw means, the reminder pace; worked by hand.</summary>
public sealed class OutlierTests
{
    [Fact]
    public void A_card_far_from_the_other_cards_of_its_entry_is_flagged_against_twice_the_pooled_sd()
    {
        // E1: 85, 85, 85 (SS 0). E2: 70, 70, 70 (SS 0). E3: 64, 88, 88 → mean 80, SS 256 + 64 + 64 = 384.
        // s = √(384 / (2 + 2 + 2)) = √64 = 8; threshold 16.
        // E3 judge 1: 64 vs mean of others 88 → 24 > 16: flagged. Judges 2 and 3: 88 vs (64 + 88)/2 = 76 → 12: not.
        ReviewCard[] cards =
        [
            new(1, 1, 85m), new(1, 2, 85m), new(1, 3, 85m),
            new(2, 1, 70m), new(2, 2, 70m), new(2, 3, 70m),
            new(3, 1, 64m), new(3, 2, 88m), new(3, 3, 88m),
        ];
        Assert.Equal(8m, Outliers.PooledSd(cards));
        var flag = Assert.Single(Outliers.Find(cards));
        Assert.Equal(new OutlierFlag(3, 1, 64m, 88m, 24m, 8m, 16m), flag);
    }

    [Fact]
    public void The_pooled_sd_counts_every_entrys_disagreement_and_ignores_single_cards()
    {
        // E1: 80, 82, 84 → SS 8. E2: 70, 74, 72 → SS 8. E3: 90, 88, 65 → mean 81, SS 81 + 49 + 256 = 386. E4: one card, ignored.
        // s = √((8 + 8 + 386) / 6) = √67 = 8.185353; threshold 16.370706.
        // E3: 65 vs (90 + 88)/2 = 89 → 24: flagged; 90 vs 76.5 → 13.5 and 88 vs 77.5 → 10.5: not.
        ReviewCard[] cards =
        [
            new(1, 1, 80m), new(1, 2, 82m), new(1, 3, 84m),
            new(2, 1, 70m), new(2, 2, 74m), new(2, 3, 72m),
            new(3, 1, 90m), new(3, 2, 88m), new(3, 3, 65m),
            new(4, 1, 20m),
        ];
        Assert.Equal(8.185353m, Outliers.PooledSd(cards));
        var flag = Assert.Single(Outliers.Find(cards));
        Assert.Equal((3, 3, 89m, 24m, 16.370706m), (flag.EntryId, flag.JudgeId, flag.MeanOfOthers, flag.Deviation, flag.Threshold));
    }

    [Fact]
    public void With_three_cards_the_entrys_own_sd_would_never_flag_but_the_pooled_rule_does()
    {
        // E3 above: 90, 88, 65; population SD of the three = √(386/3) = 11.343; 65 is 16 from their mean 81 = 1.41 SD < 2.
        var own = Math.Sqrt(386.0 / 3);
        Assert.True(Math.Abs(65 - 81) / own < 2);
        Assert.NotEmpty(Outliers.Find([new(1, 1, 80m), new(1, 2, 82m), new(1, 3, 84m), new(2, 1, 70m), new(2, 2, 74m), new(2, 3, 72m), new(3, 1, 90m), new(3, 2, 88m), new(3, 3, 65m)]));
    }

    [Fact]
    public void No_flags_without_spread_or_without_two_cards_on_any_entry()
    {
        Assert.Null(Outliers.PooledSd([new(1, 1, 80m), new(2, 1, 50m)]));
        Assert.Empty(Outliers.Find([new(1, 1, 80m), new(2, 1, 50m)]));
        Assert.Equal(0m, Outliers.PooledSd([new(1, 1, 80m), new(1, 2, 80m)]));
        Assert.Empty(Outliers.Find([new(1, 1, 80m), new(1, 2, 80m)]));
    }

    [Fact]
    public void Results_show_the_raw_mean_and_beside_it_the_per_expert_z_score()
    {
        // Expert 1 (lenient): E1 90, E2 80 → z +1, −1. Expert 2 (severe): E1 60, E2 50 → +1, −1.
        // Raw means: E1 75, E2 65; z: E1 +1, E2 −1; E3 has no card.
        ReviewCard[] cards = [new(1, 1, 90m), new(2, 1, 80m), new(1, 2, 60m), new(2, 2, 50m)];
        var on = ReviewResults.Summarise([1, 2, 3], cards, normalise: true);
        Assert.Equal(new EntryReviewResult(1, 2, 75m, 1m), on[0]);
        Assert.Equal(new EntryReviewResult(2, 2, 65m, -1m), on[1]);
        Assert.Equal(new EntryReviewResult(3, 0, null, null), on[2]);
        Assert.All(ReviewResults.Summarise([1, 2], cards, normalise: false), r => Assert.Null(r.ZScore));
    }

    [Fact]
    public void The_expected_pace_is_even_from_start_to_deadline()
    {
        var start = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var due = start.AddDays(10);
        // 9 cases over 10 days: after 5 days ⌊4.5⌋ = 4 expected; 3 submitted is behind, 4 is not.
        Assert.Equal(4, ReviewSchedule.ExpectedBy(9, start, due, start.AddDays(5)));
        Assert.True(ReviewSchedule.IsBehind(9, 3, start, due, start.AddDays(5)));
        Assert.False(ReviewSchedule.IsBehind(9, 4, start, due, start.AddDays(5)));
        Assert.Equal(0, ReviewSchedule.ExpectedBy(9, start, due, start.AddHours(-1)));
        Assert.Equal(9, ReviewSchedule.ExpectedBy(9, start, due, due));
        Assert.Equal("138****5678", ReviewSchedule.Mask("13812345678"));
        Assert.Equal("王*华", ReviewSchedule.Mask("王丽华"));
        Assert.Equal("", ReviewSchedule.Mask(null));
    }
}
