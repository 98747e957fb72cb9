namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// A programme's stages as its notice names them, read into kinds (issue 16: "seeds 001–004 name the same later stages in
/// different words"): the seeded stages.csv of each programme, "（必要时）", and the decision and award every plan ends with.
/// </summary>
public sealed class ProgrammeStagePlanTests
{
    private static ProgrammeStagePlan Seeded(string code) => ProgrammeStagePlan.Of(
        File.ReadAllLines(Path.Combine(Paths.Seeds, "programmes", code, "stages.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[1]));

    [Fact]
    public void The_four_seeded_programmes_read_into_kinds_in_order()
    {
        Assert.Equal(
            [ProgrammeStageKind.FormalReview, ProgrammeStageKind.CreditCheck, ProgrammeStageKind.SiteVisit, ProgrammeStageKind.Approval, ProgrammeStageKind.Award],
            Seeded("quality-benchmark-2021").Stages.Select(s => s.Kind));
        Assert.Equal(
            [ProgrammeStageKind.FormalReview, ProgrammeStageKind.ExpertReview, ProgrammeStageKind.SiteVisit, ProgrammeStageKind.PublicNotice, ProgrammeStageKind.Approval, ProgrammeStageKind.Award],
            Seeded("government-quality-award-2025").Stages.Select(s => s.Kind));
        Assert.Equal(
            [ProgrammeStageKind.FormalReview, ProgrammeStageKind.ExpertReview, ProgrammeStageKind.PanelReview, ProgrammeStageKind.SiteVisit, ProgrammeStageKind.Approval, ProgrammeStageKind.Award],
            Seeded("technology-award-2022").Stages.Select(s => s.Kind));
        Assert.Equal(
            [ProgrammeStageKind.FormalReview, ProgrammeStageKind.ExpertReview, ProgrammeStageKind.PanelReview, ProgrammeStageKind.PublicNotice, ProgrammeStageKind.Approval, ProgrammeStageKind.Award],
            Seeded("technology-award-2024").Stages.Select(s => s.Kind));
    }

    [Fact]
    public void Where_needed_stages_keep_their_name_and_are_marked()
    {
        var visit = Seeded("technology-award-2022").Of(ProgrammeStageKind.SiteVisit)!;
        Assert.Equal("现场验证（必要时）", visit.Name);
        Assert.True(visit.WhereNeeded);
        Assert.False(Seeded("government-quality-award-2025").Of(ProgrammeStageKind.SiteVisit)!.WhereNeeded);
        // 遴选 is seed 001's decision: no 审定 is added after it.
        Assert.Equal("遴选", Seeded("quality-benchmark-2021").Of(ProgrammeStageKind.Approval)!.Name);
    }

    [Fact]
    public void Approval_waits_for_a_notice_only_where_the_programme_has_one()
    {
        Assert.True(Seeded("government-quality-award-2025").ApprovalNeedsNotice);
        Assert.True(Seeded("technology-award-2024").ApprovalNeedsNotice);
        Assert.False(Seeded("technology-award-2022").ApprovalNeedsNotice);
        Assert.False(Seeded("quality-benchmark-2021").ApprovalNeedsNotice);
    }

    [Fact]
    public void An_unknown_stage_is_named()
    {
        Assert.Equal(["路演"], ProgrammeStagePlan.Unknown(["形式审查", "路演", "现场考察(必要时)"]));
        Assert.Throws<ArgumentException>(() => ProgrammeStagePlan.Of(["形式审查", "路演"]));
    }

    [Fact]
    public void A_notice_may_set_a_longer_period_but_not_a_shorter_one()
    {
        Assert.Equal(NoticePeriod.DefaultWorkingDays, ProgrammeStagePlan.Of(["形式审查", "公示", "审定"]).NoticeWorkingDays);
        var longer = ProgrammeStagePlan.Of(["形式审查", "公示（7个工作日）", "审定"]);
        Assert.Equal(7, longer.NoticeWorkingDays);
        Assert.Equal(ProgrammeStageKind.PublicNotice, longer.Stages[1].Kind);
        Assert.Equal(["公示（3个工作日）", "公示（31个工作日）", "审定（7个工作日）"], ProgrammeStagePlan.Unknown(["公示（3个工作日）", "公示（31个工作日）", "审定（7个工作日）", "公示(10个工作日)"]));
    }
}
