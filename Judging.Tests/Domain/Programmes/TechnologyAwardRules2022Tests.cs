namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// The 2022 质量技术奖 (seed 003 附件; issue 13, "Eligibility"): evaluation evidence for 综合类 but not 改进项目, the window
/// 5/1 – 6/30 in Beijing days, and the caps per applicant — the 3rd 综合类 in one direction, the 3rd vs 4th 改进项目 in one
/// scope, an uncapped partner's applications outside the count.
/// </summary>
public sealed class TechnologyAwardRules2022Tests
{
    /// <summary>2022-06-01 10:00 Beijing, inside the window.</summary>
    private static readonly DateTimeOffset June = new(2022, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static TechnologyApplication2022 App(string id, TechCategory2022 category = TechCategory2022.Comprehensive, string? direction = null,
        int? submittedDay = null, bool uncapped = false, string applicant = "上海申华机电有限公司") => new(
        id, applicant, TechDomain2022.Manufacturing, category,
        direction ?? (category == TechCategory2022.Comprehensive ? "数字化质量创新成果" : "精益管理项目"),
        category == TechCategory2022.Comprehensive ? EvaluationEvidence.Acceptance : null, uncapped,
        submittedDay is { } d ? new DateTimeOffset(2022, 5, d, 2, 0, 0, TimeSpan.Zero) : null);

    private static RuleCheck Rule(TechnologyApplication2022 a, string code, DateTimeOffset? at = null, params TechnologyApplication2022[] others) =>
        TechnologyAwardRules2022.Check(a, others, at ?? June).Single(c => c.Code == code);

    [Fact]
    public void A_first_comprehensive_application_passes_every_rule_in_order()
    {
        var checks = TechnologyAwardRules2022.Check(App("a"), [], June);
        Assert.True(checks.AllPassed(), string.Join("\n", checks));
        Assert.Equal(["direction", "evaluation-evidence", "window", "cap"], checks.Select(c => c.Code));
        Assert.Equal("项目核心内容已通过验收", checks[1].Reason.ToString());
        Assert.Equal(9, TechnologyAwardRules2022.Directions.Count);
        Assert.Equal(4, TechnologyAwardRules2022.Scopes.Count);
        Assert.Equal(["优秀奖"], TechnologyAwardRules2022.Levels(TechCategory2022.Improvement));
    }

    [Fact]
    public void Evidence_is_required_for_comprehensive_not_for_improvement_projects()
    {
        Assert.False(Rule(App("a") with { Evidence = null }, "evaluation-evidence").Passed);
        var improvement = Rule(App("b", TechCategory2022.Improvement), "evaluation-evidence");
        Assert.True(improvement.Passed);
        Assert.Equal("质量改进优秀项目只需提交优秀项目申报书，不需提供技术评价证明和查新报告", improvement.Reason.ToString());
    }

    [Fact]
    public void A_direction_must_be_one_the_notice_lists()
    {
        Assert.False(Rule(App("a", direction: "精益管理项目"), "direction").Passed); // a scope, not a direction
        Assert.True(Rule(App("b", TechCategory2022.Improvement, "其他各类质量工具方法应用成果"), "direction").Passed);
    }

    [Fact]
    public void The_window_is_5_1_to_6_30_in_Beijing_days()
    {
        // 5/1 00:00 Beijing = 4/30 16:00Z; end of 6/30 Beijing = 6/30 16:00Z.
        Assert.False(Rule(App("a"), "window", new DateTimeOffset(2022, 4, 30, 15, 59, 59, TimeSpan.Zero)).Passed);
        Assert.True(Rule(App("a"), "window", new DateTimeOffset(2022, 4, 30, 16, 0, 0, TimeSpan.Zero)).Passed);
        Assert.True(Rule(App("a"), "window", new DateTimeOffset(2022, 6, 30, 15, 59, 59, TimeSpan.Zero)).Passed);
        var late = Rule(App("a"), "window", new DateTimeOffset(2022, 6, 30, 16, 0, 0, TimeSpan.Zero));
        Assert.False(late.Passed);
        Assert.Equal("线上申报通道开启的时间为：2022-05-01 00:00 至 2022-06-30 24:00（北京时间）；逾期未完成提交的项目将不纳入2022年质量技术奖评价及表彰范畴",
            late.Reason.ToString());
    }

    [Fact]
    public void A_third_comprehensive_project_in_one_direction_is_refused()
    {
        var third = Rule(App("c"), "cap", null, App("a", submittedDay: 10), App("b", submittedDay: 11));
        Assert.False(third.Passed);
        Assert.Equal("综合类质量创新成果的每个申报方向上不能超过 2 个；本单位在“数字化质量创新成果”方向上已有 2 个，本项目为第 3 个",
            third.Reason.ToString());
        // The second is fine; another direction or another applicant has its own count.
        Assert.True(Rule(App("b"), "cap", null, App("a", submittedDay: 10)).Passed);
        Assert.True(Rule(App("c", direction: "质量技术开发"), "cap", null, App("a", submittedDay: 10), App("b", submittedDay: 11)).Passed);
        Assert.True(Rule(App("c", applicant: "上海另一家公司"), "cap", null, App("a", submittedDay: 10), App("b", submittedDay: 11)).Passed);
    }

    [Fact]
    public void The_third_improvement_project_in_a_scope_passes_and_the_fourth_does_not()
    {
        TechnologyApplication2022 I(string id, int day) => App(id, TechCategory2022.Improvement, submittedDay: day);
        var caps = TechnologyAwardRules2022.Caps([I("d", 13), I("a", 10), I("c", 12), I("b", 11)]);
        Assert.True(caps["a"].Passed);
        Assert.True(caps["c"].Passed);
        Assert.Equal("本单位在申报范围“精益管理项目”上的第 3 个项目（每个申报范围不能超过 3 个）", caps["c"].Reason.ToString());
        Assert.False(caps["d"].Passed);
        Assert.Equal("质量改进优秀项目的每个申报范围上不能超过 3 个；本单位在“精益管理项目”范围上已有 3 个，本项目为第 4 个", caps["d"].Reason.ToString());
    }

    [Fact]
    public void Submitted_applications_come_before_drafts()
    {
        // Draft "a" was created first, but "b" and "c" were submitted: the draft is the third.
        var caps = TechnologyAwardRules2022.Caps([App("a"), App("b", submittedDay: 20), App("c", submittedDay: 21)]);
        Assert.False(caps["a"].Passed);
        Assert.True(caps["b"].Passed && caps["c"].Passed);
    }

    [Fact]
    public void Applications_via_an_uncapped_partner_neither_count_nor_are_capped()
    {
        var caps = TechnologyAwardRules2022.Caps(
            [App("p1", submittedDay: 1, uncapped: true), App("p2", submittedDay: 2, uncapped: true), App("p3", submittedDay: 3, uncapped: true),
             App("a", submittedDay: 10), App("b", submittedDay: 11), App("c", submittedDay: 12)]);
        Assert.True(caps["p3"].Passed);
        Assert.Equal("经共建协同创新机制的活动组织推荐单位推荐，推荐名额不受限制", caps["p3"].Reason.ToString());
        // The directly applied ones still count 1, 2, 3 among themselves.
        Assert.True(caps["b"].Passed);
        Assert.False(caps["c"].Passed);
    }

    [Fact]
    public void The_programmes_own_window_replaces_the_notices()
    {
        // windows.csv application moved to 2026-05-01 – 2026-06-30: 2026-06-01 is inside it and outside the notice's 2022 one.
        var window = TimeWindow.Days(new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30));
        var at = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.True(TechnologyAwardRules2022.Check(App("a"), [], at, window).Single(c => c.Code == "window").Passed);
        Assert.False(TechnologyAwardRules2022.Check(App("a"), [], at).Single(c => c.Code == "window").Passed);
    }
}
