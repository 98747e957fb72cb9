namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// The 2024 质量技术奖, nomination only (seed 004 三(二), 四(一); issue 13, "Eligibility"): the nominator kinds (a 4A association
/// yes, a 3A one no), the association's own department for foreign-invested, 专精特新 and high-tech private firms only, the
/// nominee's activity registration, and both windows to the minute in Beijing time — 09:00 opens, 16:00 is on time, 16:01 late.
/// </summary>
public sealed class TechnologyAwardRules2024Tests
{
    /// <summary>A Beijing wall-clock time of 2024 as the UTC instant (Beijing = UTC+8).</summary>
    private static DateTimeOffset Bj(int month, int day, int hour, int minute, int second = 0) =>
        new DateTimeOffset(2024, month, day, hour, minute, second, TimeSpan.FromHours(8)).ToUniversalTime();

    private static readonly Nominator Bureau = new("上海市市场监督管理局", NominatorKind.GovernmentDepartment);

    private static Nomination2024 Valid() => new(
        TechAward2024.Progress, Bureau, "上海申华机电有限公司", NomineeKind.Other, true,
        ActivityRegisteredAt: Bj(4, 10, 14, 30), At: Bj(5, 6, 10, 0));

    private static RuleCheck Rule(Nomination2024 n, string code) => TechnologyAwardRules2024.Check(n).Single(c => c.Code == code);

    [Fact]
    public void A_government_bureau_nominates_a_registered_project_in_time()
    {
        var checks = TechnologyAwardRules2024.Check(Valid());
        Assert.True(checks.AllPassed(), string.Join("\n", checks));
        Assert.Equal(["nominator-kind", "department-nominee", "activity-registered", "nomination-window"], checks.Select(c => c.Code));
        Assert.Equal("上海市市场监督管理局为市、区两级相关政府部门，可提名", checks[0].Reason.ToString());
        Assert.Equal("上海申华机电有限公司已于 2024-04-10 14:30 报名2024年质量技术创新活动", checks[2].Reason.ToString());
    }

    [Theory]
    [InlineData(NominatorKind.GovernmentDepartment, null, true)]
    [InlineData(NominatorKind.PublicInstitution, null, true)]
    [InlineData(NominatorKind.QualityInfrastructureBody, null, true)]
    [InlineData(NominatorKind.CentralOrStateGroup, null, true)]
    [InlineData(NominatorKind.CityWideAssociation, 5, true)]
    [InlineData(NominatorKind.CityWideAssociation, 4, true)]
    [InlineData(NominatorKind.CityWideAssociation, 3, false)]
    [InlineData(NominatorKind.CityWideAssociation, null, false)]
    [InlineData(NominatorKind.Other, null, false)]
    public void Only_the_listed_kinds_nominate(NominatorKind kind, int? grade, bool passed) =>
        Assert.Equal(passed, Rule(Valid() with { Nominator = new("某提名单位", kind, grade) }, "nominator-kind").Passed);

    [Fact]
    public void An_ineligible_nominator_is_refused_with_the_notices_list()
    {
        Assert.Equal("本市具有4A或4星以上评估等级的全市性行业协会（联合会）等社会组织可提名；上海市某行业协会的评估等级为 3A",
            Rule(Valid() with { Nominator = new("上海市某行业协会", NominatorKind.CityWideAssociation, 3) }, "nominator-kind").Reason.ToString());
        Assert.Equal("市、区两级相关政府部门，4A或4星以上的全市性行业协会等社会组织，相关事业单位，质量基础设施专业机构，在沪央企、国企等集团性企业可提名；上海某咨询公司不在其列",
            Rule(Valid() with { Nominator = new("上海某咨询公司", NominatorKind.Other) }, "nominator-kind").Reason.ToString());
    }

    [Theory]
    [InlineData(NomineeKind.ForeignInvested, true, true)]
    [InlineData(NomineeKind.SpecialisedPrivate, true, true)]
    [InlineData(NomineeKind.HighTechPrivate, true, true)]
    [InlineData(NomineeKind.Other, true, false)]
    [InlineData(NomineeKind.HighTechPrivate, false, false)]
    public void The_associations_department_nominates_only_its_kinds_of_firm(NomineeKind nominee, bool inShanghai, bool passed)
    {
        var n = Valid() with
        {
            Nominator = new("上海市质量协会质量技术应用推广部", NominatorKind.AssociationDepartment),
            NomineeKind = nominee, NomineeRegisteredInShanghai = inShanghai,
        };
        Assert.True(Rule(n, "nominator-kind").Passed);
        Assert.Equal(passed, Rule(n, "department-nominee").Passed);
    }

    [Fact]
    public void Other_nominators_may_nominate_those_firms_too()
    {
        var n = Valid() with { NomineeKind = NomineeKind.ForeignInvested };
        Assert.True(TechnologyAwardRules2024.Check(n).AllPassed());
    }

    [Fact]
    public void The_nominee_registers_for_the_activity_in_its_window_and_before_the_nomination()
    {
        Assert.False(Rule(Valid() with { ActivityRegisteredAt = null }, "activity-registered").Passed);
        Assert.False(Rule(Valid() with { ActivityRegisteredAt = Bj(4, 8, 8, 59, 59) }, "activity-registered").Passed);
        Assert.True(Rule(Valid() with { ActivityRegisteredAt = Bj(4, 8, 9, 0) }, "activity-registered").Passed);
        var after = Rule(Valid() with { ActivityRegisteredAt = Bj(5, 7, 9, 0) }, "activity-registered");
        Assert.False(after.Passed);
        Assert.Equal("须先报名质量技术创新活动再提名；报名于 2024-05-07 09:00，晚于提名", after.Reason.ToString());
        // Registering and nominating in the last minute, 16:00, in that order, is on time.
        Assert.True(TechnologyAwardRules2024.Check(Valid() with { ActivityRegisteredAt = Bj(5, 31, 16, 0, 10), At = Bj(5, 31, 16, 0, 50) }).AllPassed());
        Assert.False(Rule(Valid() with { ActivityRegisteredAt = Bj(5, 31, 16, 1), At = Bj(5, 31, 16, 1) }, "activity-registered").Passed);
    }

    [Fact]
    public void Nominations_open_4_22_at_09_00_and_close_after_the_minute_of_5_31_16_00()
    {
        var early = Rule(Valid() with { ActivityRegisteredAt = Bj(4, 8, 9, 0), At = Bj(4, 22, 8, 59) }, "nomination-window");
        Assert.False(early.Passed);
        Assert.Equal("提名系统开放时间：2024-04-22 09:00 至 2024-05-31 16:00（北京时间）；尚未开放", early.Reason.ToString());
        Assert.True(Rule(Valid() with { At = Bj(4, 22, 9, 0) }, "nomination-window").Passed);
        Assert.True(Rule(Valid() with { At = Bj(5, 31, 16, 0) }, "nomination-window").Passed);
        Assert.True(Rule(Valid() with { At = Bj(5, 31, 16, 0, 59) }, "nomination-window").Passed);
        var late = Rule(Valid() with { At = Bj(5, 31, 16, 1) }, "nomination-window");
        Assert.False(late.Passed);
        Assert.Equal("提名系统开放时间：2024-04-22 09:00 至 2024-05-31 16:00（北京时间）；逾期将不予受理", late.Reason.ToString());
        // 5/31 16:00 Beijing is 08:00 UTC; the window closes at 08:01:00Z.
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 8, 1, 0, TimeSpan.Zero), TechnologyAwardRules2024.NominationsWindow.Closes);
        Assert.Equal(new DateTimeOffset(2024, 4, 22, 1, 0, 0, TimeSpan.Zero), TechnologyAwardRules2024.NominationsWindow.Opens);
    }

    [Fact]
    public void The_programmes_own_windows_replace_the_notices()
    {
        // The organiser's windows.csv moved both windows into 2026: a nomination on 2026-05-06 10:00 with a registration on
        // 2026-04-10 passes with them, and fails the notice's 2024 windows.
        var activity = TimeWindow.ToTheMinute(new DateTime(2026, 4, 8, 9, 0, 0), new DateTime(2026, 5, 31, 16, 0, 0));
        var nominations = TimeWindow.ToTheMinute(new DateTime(2026, 4, 22, 9, 0, 0), new DateTime(2026, 5, 31, 16, 0, 0));
        var n = Valid() with
        {
            ActivityRegisteredAt = new DateTimeOffset(2026, 4, 10, 14, 30, 0, TimeSpan.FromHours(8)),
            At = new DateTimeOffset(2026, 5, 6, 10, 0, 0, TimeSpan.FromHours(8)),
        };
        Assert.True(TechnologyAwardRules2024.Check(n, activity, nominations).AllPassed());
        Assert.Equal(["activity-registered", "nomination-window"], TechnologyAwardRules2024.Check(n).Failed().Select(c => c.Code));
    }
}
