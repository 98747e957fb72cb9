namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>
/// The rules of the stages after intake (issue 16, "Domain tests for every stage's rules"): the 公示 period in working days
/// across 调休 weekends and holidays, no shortening once published, objections by real name and on time, no closing with an
/// open objection, no 审定 before 公示 ends, a 不属实 visit and a failed credit check blocking.
/// </summary>
public sealed class ProgrammeStagesTests
{
    private static WorkingDayCalendar Cn => WorkingDaysTests.Cn;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static DateTimeOffset Bj(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, ShanghaiTime.Offset);

    [Theory]
    // An ordinary week: Monday to Friday.
    [InlineData("2025-06-09", 5, "2025-06-13")]
    // Posted on a Saturday: counting starts on Monday.
    [InlineData("2025-06-07", 5, "2025-06-13")]
    // 国庆 2025: 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked: Mon 9/29, Tue 9/30, then Thu 10/9, Fri 10/10, Sat 10/11.
    [InlineData("2025-09-29", 5, "2025-10-11")]
    // The worked Sunday 9/28 counts as the first day.
    [InlineData("2025-09-28", 5, "2025-10-10")]
    // 劳动节 2025: 5/1–5/5 off, Sunday 4/27 worked: 4/27–4/30, then 5/6.
    [InlineData("2025-04-27", 5, "2025-05-06")]
    // A programme may set a longer period: 7 working days from Monday 2025-06-09.
    [InlineData("2025-06-09", 7, "2025-06-17")]
    public void The_period_ends_on_the_nth_working_day_on_the_calendar(string start, int days, string end)
    {
        var last = NoticePeriod.EndDay(Cn, DateOnly.Parse(start), days);
        Assert.Equal(DateOnly.Parse(end), last);
        Assert.Equal(days, WorkingDays.Count(Cn, DateOnly.Parse(start), last));
    }

    [Fact]
    public void The_period_opens_at_midnight_and_closes_at_the_end_of_its_last_day_in_Beijing()
    {
        Assert.Equal(Bj(2025, 9, 29), NoticePeriod.OpensAt(D(2025, 9, 29)));
        Assert.Equal(Bj(2025, 10, 12), NoticePeriod.ClosesAt(D(2025, 10, 11)));
        // 24:00 Beijing is 16:00 UTC the same day.
        Assert.Equal(new DateTimeOffset(2025, 10, 11, 16, 0, 0, TimeSpan.Zero), NoticePeriod.ClosesAt(D(2025, 10, 11)).ToUniversalTime());
    }

    [Fact]
    public void A_period_outside_the_calendar_or_out_of_range_is_refused()
    {
        Assert.Throws<OutsideCalendarException>(() => NoticePeriod.EndDay(Cn, D(2026, 12, 28), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoticePeriod.EndDay(Cn, D(2025, 6, 9), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoticePeriod.EndDay(Cn, D(2025, 6, 9), NoticePeriod.MaxWorkingDays + 1));
    }

    [Fact]
    public void A_published_period_may_be_extended_but_not_shortened_nor_moved()
    {
        var start = D(2025, 9, 29);
        var end = D(2025, 10, 11);
        Assert.Null(NoticePeriod.CheckChange(start, end, start, end));
        Assert.Null(NoticePeriod.CheckChange(start, end, start, D(2025, 10, 14)));
        Assert.Contains("不能缩短", NoticePeriod.CheckChange(start, end, start, D(2025, 10, 10))!.ToString());
        Assert.Contains("开始日期", NoticePeriod.CheckChange(start, end, D(2025, 9, 30), end)!.ToString());
    }

    private static readonly IReadOnlySet<string> Listed = new HashSet<string> { "G01", "G02" };

    private static ObjectionForm Form(string? name = "张三", string? org = "上海某公司", string? mobile = "13800000001", bool verified = true,
        string? reference = "G01", string? grounds = "该单位2023年发生质量事故，申报材料未如实说明。") =>
        new(name, org, mobile, verified, reference, grounds);

    [Fact]
    public void A_real_name_objection_on_time_is_received()
    {
        var problems = NoticeRules.CheckObjection(Form(), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 11, 23, 59));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(null, "上海某公司", "13800000001")]
    [InlineData("张三", "", "13800000001")]
    [InlineData("张三", "上海某公司", null)]
    public void An_anonymous_objection_is_refused(string? name, string? org, string? mobile)
    {
        var problems = NoticeRules.CheckObjection(Form(name, org, mobile), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 9, 10));
        Assert.Contains(problems, p => p.ToString().Contains("实名"));
    }

    [Fact]
    public void An_unverified_mobile_is_refused()
    {
        var problems = NoticeRules.CheckObjection(Form(verified: false), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 9, 10));
        Assert.Contains(problems, p => p.ToString().Contains("短信验证码"));
        Assert.NotEmpty(NoticeRules.CheckObjection(Form(mobile: "1380000000"), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 9, 10)));
    }

    [Fact]
    public void A_late_objection_is_refused_with_the_end_and_so_is_one_after_closing()
    {
        var late = NoticeRules.CheckObjection(Form(), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 12, 0, 0));
        Assert.Contains(late, p => p.ToString().Contains("逾期") && p.ToString().Contains("2025-10-11 24:00"));
        var early = NoticeRules.CheckObjection(Form(), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 9, 28, 23, 59));
        Assert.Contains(early, p => p.ToString().Contains("尚未开始"));
        var closed = NoticeRules.CheckObjection(Form(), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), true, Bj(2025, 10, 9, 10));
        Assert.Contains(closed, p => p.ToString().Contains("逾期"));
    }

    [Fact]
    public void An_objection_names_a_listed_application_and_its_grounds()
    {
        var problems = NoticeRules.CheckObjection(Form(reference: "G99", grounds: "不同意"), Listed, Bj(2025, 9, 29), Bj(2025, 10, 12), false, Bj(2025, 10, 9, 10));
        Assert.Equal(2, problems.Count);
    }

    [Theory]
    [InlineData(ObjectionOutcome.Upheld, ObjectionEffect.Withdraw, null, true)]
    [InlineData(ObjectionOutcome.Upheld, ObjectionEffect.ChangeLevel, "提名奖", true)]
    [InlineData(ObjectionOutcome.Upheld, ObjectionEffect.None, null, false)]
    [InlineData(ObjectionOutcome.Rejected, ObjectionEffect.None, null, true)]
    [InlineData(ObjectionOutcome.Rejected, ObjectionEffect.Withdraw, null, false)]
    [InlineData(ObjectionOutcome.PartlyUpheld, ObjectionEffect.ChangeLevel, "提名奖", true)]
    [InlineData(ObjectionOutcome.PartlyUpheld, ObjectionEffect.None, null, true)]
    [InlineData(ObjectionOutcome.PartlyUpheld, ObjectionEffect.Withdraw, null, false)]
    [InlineData(ObjectionOutcome.Upheld, ObjectionEffect.ChangeLevel, "上海市质量金奖", false)]
    [InlineData(ObjectionOutcome.Upheld, ObjectionEffect.ChangeLevel, "", false)]
    public void An_outcome_goes_with_its_effect(ObjectionOutcome outcome, ObjectionEffect effect, string? newLevel, bool ok)
    {
        var problems = NoticeRules.CheckOutcome(outcome, effect, newLevel, "上海市质量金奖", "经调查核实，情况属实。");
        Assert.Equal(ok, problems.Count == 0);
        Assert.NotEmpty(NoticeRules.CheckOutcome(ObjectionOutcome.Rejected, ObjectionEffect.None, null, "上海市质量金奖", " "));
    }

    [Fact]
    public void A_notice_does_not_close_before_its_end_nor_with_an_open_objection()
    {
        var closes = Bj(2025, 10, 12);
        Assert.Contains(NoticeRules.CheckClose(closes, 0, Bj(2025, 10, 11, 18)), p => p.ToString().Contains("不能提前结束"));
        Assert.Contains(NoticeRules.CheckClose(closes, 1, Bj(2025, 10, 13, 9)), p => p.ToString().Contains("1 件异议"));
        Assert.Empty(NoticeRules.CheckClose(closes, 0, Bj(2025, 10, 13, 9)));
    }

    [Fact]
    public void No_approval_before_the_notice_closes_or_with_an_open_objection()
    {
        var today = D(2025, 10, 20);
        Assert.Contains(NoticeRules.CheckApproval(false, false, 0, today, "纪要〔2025〕3号", today), p => p.ToString().Contains("尚未公示"));
        Assert.Contains(NoticeRules.CheckApproval(true, false, 0, today, "纪要〔2025〕3号", today), p => p.ToString().Contains("公示尚未结束"));
        Assert.Contains(NoticeRules.CheckApproval(true, true, 2, today, "纪要〔2025〕3号", today), p => p.ToString().Contains("2 件异议"));
        Assert.NotEmpty(NoticeRules.CheckApproval(true, true, 0, null, "纪要〔2025〕3号", today));
        Assert.NotEmpty(NoticeRules.CheckApproval(true, true, 0, D(2025, 10, 21), "纪要〔2025〕3号", today));
        Assert.NotEmpty(NoticeRules.CheckApproval(true, true, 0, today, " ", today));
        Assert.Empty(NoticeRules.CheckApproval(true, true, 0, today, "纪要〔2025〕3号", today));
    }

    [Fact]
    public void An_untrue_site_visit_blocks_until_the_committee_records_otherwise()
    {
        var untrue = new StageFacts(true, SiteVisitConclusion.Untrue, null, CreditCheckResult.Passed, null);
        Assert.Contains(StageGate.BeforeNotice(untrue), p => p.ToString().Contains("不属实"));
        Assert.Empty(StageGate.BeforeNotice(untrue with { CommitteeOverride = "评审委员会复议：差异已整改" }));
        Assert.Empty(StageGate.BeforeNotice(untrue with { Visit = SiteVisitConclusion.MostlyTrue }));
        Assert.Contains(StageGate.BeforeNotice(untrue with { Visit = null }), p => p.ToString().Contains("尚无结论"));
        Assert.Empty(StageGate.BeforeNotice(new StageFacts(false, null, null, null, null)));
    }

    [Fact]
    public void A_failed_credit_check_blocks_with_its_finding()
    {
        var failed = new StageFacts(false, null, null, CreditCheckResult.Failed, "2024年被列入严重失信主体名单");
        var reasons = StageGate.BeforeNotice(failed);
        Assert.Single(reasons);
        Assert.Contains("严重失信", reasons[0].ToString());
    }

    [Fact]
    public void An_upheld_objection_that_withdraws_blocks_approval_but_a_level_change_does_not()
    {
        var facts = new StageFacts(false, null, null, CreditCheckResult.Passed, null, ObjectionEffect.Withdraw);
        Assert.Empty(StageGate.BeforeNotice(facts));
        Assert.Contains(StageGate.BeforeApproval(facts), p => p.ToString().Contains("撤销"));
        Assert.Empty(StageGate.BeforeApproval(facts with { ObjectionEffect = ObjectionEffect.ChangeLevel }));
    }
}
