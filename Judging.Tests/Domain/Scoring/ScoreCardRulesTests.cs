namespace Judging.Tests.Domain.Scoring;

using Judging.Domain.Competitions;
using Judging.Domain.Scoring;

public sealed class ScoreCardRulesTests
{
    private static readonly List<Criterion> Sheet =
    [
        new() { Order = 1, Name = "主题内容", MaxPoints = 30 },
        new() { Order = 2, Name = "语言表达", MaxPoints = 25 },
        new() { Order = 3, Name = "形象风度", MaxPoints = 15 },
        new() { Order = 4, Name = "现场效果", MaxPoints = 20 },
        new() { Order = 5, Name = "时间控制", MaxPoints = 10 },
    ];

    [Fact]
    public void A_complete_card_in_half_point_steps_within_maxima_is_valid()
    {
        Assert.Empty(ScoreCardRules.Validate(Sheet, [27.5m, 25m, 0m, 18.5m, 9m], 0.5m));
        Assert.Equal(80m, ScoreCardRules.Total([27.5m, 25m, 0m, 18.5m, 9m]));
    }

    [Fact]
    public void A_point_above_the_criterion_maximum_is_refused()
    {
        var p = ScoreCardRules.Validate(Sheet, [30.5m, 25m, 15m, 20m, 10m], 0.5m);
        Assert.Contains(p, x => x.ToString().Contains("主题内容") && x.ToString().Contains("超出范围"));
    }

    [Fact]
    public void A_negative_point_is_refused()
    {
        Assert.NotEmpty(ScoreCardRules.Validate(Sheet, [-0.5m, 25m, 15m, 20m, 10m], 0.5m));
    }

    [Fact]
    public void A_point_off_the_half_step_is_refused()
    {
        var p = ScoreCardRules.Validate(Sheet, [27.3m, 25m, 15m, 20m, 10m], 0.5m);
        Assert.Contains(p, x => x.ToString().Contains("0.5 的整数倍"));
    }

    [Fact]
    public void A_missing_or_extra_point_is_refused()
    {
        Assert.Contains(ScoreCardRules.Validate(Sheet, [27m, null, 15m, 20m, 10m], 0.5m), x => x.ToString().Contains("语言表达") && x.ToString().Contains("尚未打分"));
        Assert.NotEmpty(ScoreCardRules.Validate(Sheet, [27m, 25m, 15m, 20m], 0.5m));
        Assert.NotEmpty(ScoreCardRules.Validate(Sheet, [27m, 25m, 15m, 20m, 10m, 1m], 0.5m));
    }

    [Fact]
    public void A_sheet_must_total_one_hundred_points()
    {
        Assert.Empty(ScoreCardRules.ValidateSheet(Sheet, 0.5m));
        var short5 = Sheet.Select(c => new Criterion { Order = c.Order, Name = c.Name, MaxPoints = c.MaxPoints }).ToList();
        short5[4].MaxPoints = 5;
        Assert.Contains(ScoreCardRules.ValidateSheet(short5, 0.5m), x => x.ToString().Contains("合计为 95"));
    }

    [Fact]
    public void A_criterion_maximum_must_be_a_positive_multiple_of_the_step()
    {
        List<Criterion> odd = [new() { Order = 1, Name = "甲", MaxPoints = 99.75m }, new() { Order = 2, Name = "乙", MaxPoints = 0.25m }];
        Assert.Equal(2, ScoreCardRules.ValidateSheet(odd, 0.5m).Count);
        List<Criterion> zero = [new() { Order = 1, Name = "甲", MaxPoints = 100m }, new() { Order = 2, Name = "乙", MaxPoints = 0m }];
        Assert.NotEmpty(ScoreCardRules.ValidateSheet(zero, 0.5m));
    }
}

public sealed class ScoreRecordTests
{
    [Fact]
    public void Points_are_stored_without_trailing_zeros_and_read_back_exactly()
    {
        var text = ScoreRecord.FormatPoints([18.0m, 22.50m, 0m, 9.5m]);
        Assert.Equal("18;22.5;0;9.5", text);
        var record = new ScoreRecord { IdempotencyKey = "k", Points = text };
        Assert.Equal([18m, 22.5m, 0m, 9.5m], record.ParsePoints());
    }
}
