namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// 上海市政府质量奖 2025–2026 eligibility (seed 002 二、三; issue 13, "Eligibility"): each rule at its boundary — exactly 3
/// years since the 质量金奖, exactly 3 years of operation, 4 vs 5 and 9 vs 10 years of quality work, a loss in year 5, an
/// accident exactly 5 years back, the 公示's 5th working day across a holiday, the same award 5 vs 6 years back.
/// </summary>
public sealed class GovernmentQualityAwardRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>
    /// An organisation applying for 质量金奖 on Tuesday 2025-07-15 that meets every rule: registered 2010, a 公示 Monday 7/7 –
    /// Friday 7/11 (5 working days), nothing in its record.
    /// </summary>
    private static QualityAwardApplication Gold() => new(
        QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, D(2025, 7, 15), PastAwards: [],
        RegisteredInShanghai: true, RegisteredOn: D(2010, 5, 20), QualityWorkYearsInShanghai: null,
        ChiefQualityOfficerSystem: true, Losses: [], MajorIncidents: [], MajorComplaints: [], DeclaresNoSeriousDishonesty: true,
        PublicNotice: new(D(2025, 7, 7), D(2025, 7, 11)), AppliesForDistrictAwardSameYear: false);

    private static IReadOnlyList<RuleCheck> Check(QualityAwardApplication a) => GovernmentQualityAwardRules.Check(a, WorkingDaysTests.Cn);

    private static RuleCheck Rule(QualityAwardApplication a, string code) => Check(a).Single(c => c.Code == code);

    [Fact]
    public void An_eligible_gold_organisation_passes_every_rule_in_the_notice_order()
    {
        var checks = Check(Gold());
        Assert.True(checks.AllPassed(), string.Join("\n", checks));
        Assert.Equal(
        [
            "gold-registered-shanghai", "gold-operating-3y", "chief-quality-officer", "no-loss-5y", "no-major-incident",
            "no-major-complaint", "no-serious-dishonesty", "internal-notice-5wd", "not-city-and-district", "no-repeat-5y",
        ], checks.Select(c => c.Code));
        Assert.Equal("✔ 申报前已在内部公示 2025-07-07 至 2025-07-11，共 5 个工作日", checks[7].ToString());
    }

    [Fact]
    public void The_mayors_award_needs_a_gold_award_won_3_years_or_more_before()
    {
        var mayor = Gold() with { Level = QualityAwardLevel.Mayor };
        Assert.Equal("mayor-gold-3y", Check(mayor)[0].Code);
        // Gold won 2022, applying 2025: 2025 − 2022 = 3, and "3年以上" includes 3.
        var won2022 = mayor with { PastAwards = [new(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2022)] };
        Assert.True(Rule(won2022, "mayor-gold-3y").Passed);
        Assert.Equal("2022 年获上海市质量金奖，至 2025 年申报已满3年", Rule(won2022, "mayor-gold-3y").Reason.ToString());
        // Won 2023: 2 years.
        var won2023 = mayor with { PastAwards = [new(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2023)] };
        Assert.False(Rule(won2023, "mayor-gold-3y").Passed);
        Assert.Equal("申报上海市市长质量奖先进质量管理模式的组织，应获上海市质量金奖3年以上；2023 年获奖，至 2025 年申报不满3年",
            Rule(won2023, "mayor-gold-3y").Reason.ToString());
        Assert.False(Rule(mayor, "mayor-gold-3y").Passed);
        // A person's gold award (成果) is not the organisation's.
        Assert.False(Rule(mayor with { PastAwards = [new(QualityAwardLevel.Gold, QualityAwardApplicant.Individual, 2018)] }, "mayor-gold-3y").Passed);
        // The Mayor's award has no registration rules of its own; a gold win is not a repeat of the Mayor's award.
        Assert.DoesNotContain(Check(won2022), c => c.Code == "gold-operating-3y");
        Assert.True(Rule(won2022, "no-repeat-5y").Passed);
    }

    [Fact]
    public void Gold_needs_registration_in_Shanghai_and_3_years_of_operation_to_the_day()
    {
        Assert.False(Rule(Gold() with { RegisteredInShanghai = false }, "gold-registered-shanghai").Passed);
        // Registered 2022-07-15: 3 years on 2025-07-15, the day of applying.
        Assert.True(Rule(Gold() with { RegisteredOn = D(2022, 7, 15) }, "gold-operating-3y").Passed);
        var late = Rule(Gold() with { RegisteredOn = D(2022, 7, 16) }, "gold-operating-3y");
        Assert.False(late.Passed);
        Assert.Equal("申报上海市质量金奖先进质量管理模式的组织，应生产经营3年以上；2022-07-16 登记注册，至申报日 2025-07-15 不满3年（2025-07-16 起满3年）",
            late.Reason.ToString());
        Assert.False(Rule(Gold() with { RegisteredOn = null }, "gold-operating-3y").Passed);
    }

    [Theory]
    [InlineData(QualityAwardLevel.Gold, 4, false)]
    [InlineData(QualityAwardLevel.Gold, 5, true)]
    [InlineData(QualityAwardLevel.Mayor, 9, false)]
    [InlineData(QualityAwardLevel.Mayor, 10, true)]
    public void Individuals_need_5_or_10_years_of_quality_work_in_Shanghai(QualityAwardLevel level, int years, bool passed)
    {
        var person = Gold() with { Level = level, Applicant = QualityAwardApplicant.Individual, QualityWorkYearsInShanghai = years, RegisteredOn = null };
        var checks = Check(person);
        Assert.Equal(level == QualityAwardLevel.Gold ? "gold-work-5y" : "mayor-work-10y", checks[0].Code);
        Assert.Equal(passed, checks[0].Passed);
        Assert.True(checks.Skip(1).AllPassed()); // no organisation rule asks an individual for a registration
    }

    [Fact]
    public void A_four_year_career_is_refused_gold_with_the_notices_words()
    {
        var person = Gold() with { Applicant = QualityAwardApplicant.Individual, QualityWorkYearsInShanghai = 4 };
        Assert.Equal("✗ 申报上海市质量金奖先进质量管理成果的个人，应在我市从事质量相关工作5年以上；现为 4 年", Check(person)[0].ToString());
    }

    [Fact]
    public void A_loss_in_year_5_bars_one_in_year_6_does_not_and_a_policy_loss_never_does()
    {
        // Applying in 2025: the last 5 financial years are 2020–2024.
        var year5 = Rule(Gold() with { Losses = [new(2020, false)] }, "no-loss-5y");
        Assert.False(year5.Passed);
        Assert.Equal("近5年（2020–2024 年）不得发生亏损（政策性亏损除外）；2020 年发生亏损", year5.Reason.ToString());
        Assert.True(Rule(Gold() with { Losses = [new(2019, false)] }, "no-loss-5y").Passed);
        Assert.True(Rule(Gold() with { Losses = [new(2022, true)] }, "no-loss-5y").Passed);
        Assert.Equal("近5年（2020–2024 年）不得发生亏损（政策性亏损除外）；2021、2024 年发生亏损",
            Rule(Gold() with { Losses = [new(2024, false), new(2022, true), new(2021, false)] }, "no-loss-5y").Reason.ToString());
    }

    [Fact]
    public void An_accident_or_complaint_exactly_5_years_before_applying_bars()
    {
        // Applying 2025-07-15: the 5 years run from 2020-07-15.
        var atFive = Rule(Gold() with { MajorIncidents = [new(MajorIncidentKind.Environmental, D(2020, 7, 15))] }, "no-major-incident");
        Assert.False(atFive.Passed);
        Assert.Equal("不得有重大质量、安全、环境污染、公共卫生、食品药品安全等事故；2020-07-15 发生重大环境污染事故", atFive.Reason.ToString());
        Assert.True(Rule(Gold() with { MajorIncidents = [new(MajorIncidentKind.Safety, D(2020, 7, 14))] }, "no-major-incident").Passed);
        Assert.False(Rule(Gold() with { MajorComplaints = [D(2020, 7, 15)] }, "no-major-complaint").Passed);
        Assert.True(Rule(Gold() with { MajorComplaints = [D(2020, 7, 14)] }, "no-major-complaint").Passed);
        Assert.False(Rule(Gold() with { ChiefQualityOfficerSystem = false }, "chief-quality-officer").Passed);
        Assert.False(Rule(Gold() with { DeclaresNoSeriousDishonesty = false }, "no-serious-dishonesty").Passed);
    }

    [Fact]
    public void The_internal_notice_needs_5_working_days_ended_before_applying()
    {
        // Monday 7/7 – Thursday 7/10: 4 working days.
        var four = Rule(Gold() with { PublicNotice = new(D(2025, 7, 7), D(2025, 7, 10)) }, "internal-notice-5wd");
        Assert.False(four.Passed);
        Assert.Equal("公示时间不少于5个工作日；2025-07-07 至 2025-07-10 只有 4 个工作日", four.Reason.ToString());
        // Wednesday 7/9 – Tuesday 7/15 is 5 working days (the weekend not counted) but ends on the day of applying.
        var sameDay = Rule(Gold() with { PublicNotice = new(D(2025, 7, 9), D(2025, 7, 15)) }, "internal-notice-5wd");
        Assert.False(sameDay.Passed);
        Assert.Equal("应在申报前完成公示；公示至 2025-07-15，申报日为 2025-07-15", sameDay.Reason.ToString());
        Assert.True(Rule(Gold() with { PublicNotice = new(D(2025, 7, 8), D(2025, 7, 14)) }, "internal-notice-5wd").Passed);
        Assert.False(Rule(Gold() with { PublicNotice = null }, "internal-notice-5wd").Passed);
    }

    [Fact]
    public void The_notices_fifth_working_day_across_national_day()
    {
        // Posted Monday 2025-09-29: 9/29, 9/30, (10/1–10/8 off), 10/9, 10/10, Saturday 10/11 worked → 5 working days by 10/11.
        var a = Gold() with { AppliedOn = D(2025, 10, 13) };
        Assert.True(Rule(a with { PublicNotice = new(D(2025, 9, 29), D(2025, 10, 11)) }, "internal-notice-5wd").Passed);
        // Ending on Friday 10/10 it has only 4: the holiday week does not count.
        Assert.Equal("公示时间不少于5个工作日；2025-09-29 至 2025-10-10 只有 4 个工作日",
            Rule(a with { PublicNotice = new(D(2025, 9, 29), D(2025, 10, 10)) }, "internal-notice-5wd").Reason.ToString());
    }

    [Fact]
    public void A_notice_outside_the_calendar_fails_with_the_calendars_reason()
    {
        var a = Gold() with { AppliedOn = D(2027, 3, 1), PublicNotice = new(D(2027, 2, 1), D(2027, 2, 10)) };
        var r = Rule(a, "internal-notice-5wd");
        Assert.False(r.Passed);
        Assert.Equal("工作日历不含 2027 年（已有：2021–2026），无法计算工作日", r.Reason.ToString());
    }

    [Fact]
    public void Not_the_city_and_a_district_award_in_one_year_nor_the_same_award_within_5_years()
    {
        Assert.Equal("组织或个人不得在同一年内同时申报市、区两级政府质量奖；2025 年已申报区级政府质量奖",
            Rule(Gold() with { AppliesForDistrictAwardSameYear = true }, "not-city-and-district").Reason.ToString());
        // Gold (模式) won 2020, applying 2025: 2025 − 2020 = 5, within "5年内" (inclusive); 2019: 6, allowed.
        var again = Rule(Gold() with { PastAwards = [new(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2020)] }, "no-repeat-5y");
        Assert.False(again.Passed);
        Assert.Equal("获得上海市质量金奖先进质量管理模式后的5年内，不得再次申报；2020 年已获该奖项，2026 年起方可再次申报", again.Reason.ToString());
        Assert.True(Rule(Gold() with { PastAwards = [new(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2019)] }, "no-repeat-5y").Passed);
    }
}
