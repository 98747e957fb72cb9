namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>The two awards of 上海市政府质量奖 (seed 002 一).</summary>
public enum QualityAwardLevel
{
    /// <summary>上海市市长质量奖, the city's highest quality honour.</summary>
    Mayor,

    /// <summary>上海市质量金奖.</summary>
    Gold,
}

/// <summary>Who applies, and so for what (seed 002 一: "组织可申报先进质量管理模式,个人可申报先进质量管理成果").</summary>
public enum QualityAwardApplicant
{
    /// <summary>An organisation, for 先进质量管理模式.</summary>
    Organisation,

    /// <summary>A person, for 先进质量管理成果.</summary>
    Individual,
}

/// <summary>The kinds of major accident that bar an applicant (seed 002 二(三)).</summary>
public enum MajorIncidentKind
{
    /// <summary>重大质量事故.</summary>
    Quality,

    /// <summary>重大安全事故.</summary>
    Safety,

    /// <summary>重大环境污染事故.</summary>
    Environmental,

    /// <summary>重大公共卫生事故.</summary>
    PublicHealth,

    /// <summary>重大食品药品安全事故.</summary>
    FoodAndDrug,
}

/// <summary>A 上海市政府质量奖 won: the award, for what, and the year it was conferred (获奖年度), from the past winners list.</summary>
public sealed record PastQualityAward(QualityAwardLevel Level, QualityAwardApplicant Kind, int Year);

/// <summary>A year closed at a loss (亏损); <paramref name="PolicyLoss"/>: a 政策性亏损, which the notice excepts.</summary>
public sealed record AnnualLoss(int Year, bool PolicyLoss);

/// <summary>A major accident (认定 under national rules) and its date.</summary>
public sealed record MajorIncident(MajorIncidentKind Kind, DateOnly On);

/// <summary>The applicant's internal 公示: first and last day as the posted notice states them (Beijing days, both included).</summary>
public sealed record InternalPublicNotice(DateOnly From, DateOnly To);

/// <summary>
/// The facts of one application for 上海市政府质量奖 (seed 002), as declared on the form and matched against the past winners
/// list. For an individual, the organisation facts (首席质量官制度, losses, accidents, complaints, dishonesty) are those of the
/// person's unit (所在单位), where the 公示 is also held.
/// </summary>
/// <param name="Level">The award applied for.</param>
/// <param name="Applicant">Organisation (先进质量管理模式) or individual (先进质量管理成果).</param>
/// <param name="AppliedOn">The Beijing day of applying; its year is the application year A of every "N 年" rule.</param>
/// <param name="PastAwards">This applicant's past 上海市政府质量奖 wins (from the imported winners list).</param>
/// <param name="RegisteredInShanghai">Organisation: registered (登记注册) in Shanghai's administrative area.</param>
/// <param name="RegisteredOn">Organisation: the date of registration (成立日期), from which operation is counted; null: not given.</param>
/// <param name="QualityWorkYearsInShanghai">Individual: full years of quality-related work in Shanghai; null: not given.</param>
/// <param name="ChiefQualityOfficerSystem">首席质量官制度 in place.</param>
/// <param name="Losses">The years closed at a loss (any years; only the last 5 are looked at).</param>
/// <param name="MajorIncidents">Major accidents (any dates; only the last 5 years are looked at).</param>
/// <param name="MajorComplaints">Dates of major quality complaints (重大质量投诉).</param>
/// <param name="DeclaresNoSeriousDishonesty">The applicant declares no serious dishonesty (严重失信行为); the credit check is part 2.</param>
/// <param name="PublicNotice">The internal 公示; null: none held.</param>
/// <param name="AppliesForDistrictAwardSameYear">Also applying for a district government quality award in the year of <paramref name="AppliedOn"/>.</param>
public sealed record QualityAwardApplication(
    QualityAwardLevel Level,
    QualityAwardApplicant Applicant,
    DateOnly AppliedOn,
    IReadOnlyList<PastQualityAward> PastAwards,
    bool RegisteredInShanghai,
    DateOnly? RegisteredOn,
    int? QualityWorkYearsInShanghai,
    bool ChiefQualityOfficerSystem,
    IReadOnlyList<AnnualLoss> Losses,
    IReadOnlyList<MajorIncident> MajorIncidents,
    IReadOnlyList<DateOnly> MajorComplaints,
    bool DeclaresNoSeriousDishonesty,
    InternalPublicNotice? PublicNotice,
    bool AppliesForDistrictAwardSameYear);

/// <summary>
/// The eligibility rules of 上海市政府质量奖 2025–2026 (seed 002 二、三; issue 13, "Eligibility"), each with its reason.
/// "N 年以上" and "N 年内" include N (民法典 第一千二百五十九条: "以上""以内""届满" 包括本数). Year rules count in award
/// years: applying in year A, a 质量金奖 won in A − 3 or earlier counts as "3年以上" (2022 for 2025: yes; 2023: no), and the
/// same award won in A − 5 or later is "5年内" (2020 for 2025: refused; 2019: allowed). Operation is counted in dates: a
/// unit registered on 2022-07-31 has 3 years on 2025-07-31, one registered on 2022-08-01 does not. "近5年" means the five
/// financial years before A for losses (A − 5 … A − 1: a loss in 2020 bars a 2025 application, one in 2019 does not), and
/// the five years up to the day of applying for accidents and complaints (on or after <c>AppliedOn</c> − 5 years).
/// </summary>
public static class GovernmentQualityAwardRules
{
    /// <summary>市长质量奖 (organisation): 质量金奖 won ≥ 3 years before.</summary>
    public const string MayorGold3Years = "mayor-gold-3y";
    /// <summary>质量金奖 (organisation): registered in Shanghai.</summary>
    public const string GoldRegisteredInShanghai = "gold-registered-shanghai";
    /// <summary>质量金奖 (organisation): ≥ 3 years of operation.</summary>
    public const string GoldOperating3Years = "gold-operating-3y";
    /// <summary>市长质量奖 (individual): ≥ 10 years of quality work in Shanghai.</summary>
    public const string MayorWork10Years = "mayor-work-10y";
    /// <summary>质量金奖 (individual): ≥ 5 years of quality work in Shanghai.</summary>
    public const string GoldWork5Years = "gold-work-5y";
    /// <summary>首席质量官制度.</summary>
    public const string ChiefQualityOfficer = "chief-quality-officer";
    /// <summary>No loss in the last 5 years except policy losses.</summary>
    public const string NoLoss5Years = "no-loss-5y";
    /// <summary>No major accident of the listed kinds.</summary>
    public const string NoMajorIncident = "no-major-incident";
    /// <summary>No major quality complaint.</summary>
    public const string NoMajorComplaint = "no-major-complaint";
    /// <summary>No serious dishonesty (declared).</summary>
    public const string NoSeriousDishonesty = "no-serious-dishonesty";
    /// <summary>Internal 公示 of ≥ 5 working days, ended before applying.</summary>
    public const string InternalNotice5WorkingDays = "internal-notice-5wd";
    /// <summary>Not city and district award in the same year.</summary>
    public const string NotCityAndDistrict = "not-city-and-district";
    /// <summary>Not the same award again within 5 years.</summary>
    public const string NoRepeatWithin5Years = "no-repeat-5y";

    /// <summary>The working days a 公示 lasts at least (seed 002 三(二)).</summary>
    public const int NoticeWorkingDays = 5;

    /// <summary>
    /// Every rule for <paramref name="facts"/>, in the notice's order: the award's own conditions (二(一) for organisations,
    /// 二(二) for individuals), then 二(三) 信用情况良好, then 三(二) 公示 and 三(三) the bars. Working days are counted on
    /// <paramref name="calendar"/> (<see cref="WorkingDays.Count"/>); a 公示 outside its years fails with the calendar's reason.
    /// </summary>
    public static IReadOnlyList<RuleCheck> Check(QualityAwardApplication facts, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        var year = facts.AppliedOn.Year;
        var checks = new List<RuleCheck>();

        if (facts.Applicant == QualityAwardApplicant.Organisation)
        {
            if (facts.Level == QualityAwardLevel.Mayor)
            {
                var gold = facts.PastAwards.Where(a => a is { Level: QualityAwardLevel.Gold, Kind: QualityAwardApplicant.Organisation })
                    .Select(a => (int?)a.Year).Min();
                checks.Add(gold is null
                    ? RuleCheck.Fail(MayorGold3Years, Wording.Of("申报上海市市长质量奖先进质量管理模式的组织，应获上海市质量金奖3年以上；未获上海市质量金奖"))
                    : RuleCheck.Of(MayorGold3Years, year - gold.Value >= 3,
                        Wording.Of("{0} 年获上海市质量金奖，至 {1} 年申报已满3年", gold, year),
                        Wording.Of("申报上海市市长质量奖先进质量管理模式的组织，应获上海市质量金奖3年以上；{0} 年获奖，至 {1} 年申报不满3年", gold, year)));
            }
            else
            {
                checks.Add(RuleCheck.Of(GoldRegisteredInShanghai, facts.RegisteredInShanghai,
                    Wording.Of("在我市行政区域内登记注册"),
                    Wording.Of("申报上海市质量金奖先进质量管理模式的组织，应在我市行政区域内登记注册")));
                checks.Add(facts.RegisteredOn is not { } on
                    ? RuleCheck.Fail(GoldOperating3Years, Wording.Of("申报上海市质量金奖先进质量管理模式的组织，应生产经营3年以上；未填写登记注册日期"))
                    : RuleCheck.Of(GoldOperating3Years, on.AddYears(3) <= facts.AppliedOn,
                        Wording.Of("{0} 登记注册，至申报日 {1} 已生产经营3年以上", Day(on), Day(facts.AppliedOn)),
                        Wording.Of("申报上海市质量金奖先进质量管理模式的组织，应生产经营3年以上；{0} 登记注册，至申报日 {1} 不满3年（{2} 起满3年）",
                            Day(on), Day(facts.AppliedOn), Day(on.AddYears(3)))));
            }
        }
        else
        {
            var (code, need, award) = facts.Level == QualityAwardLevel.Mayor
                ? (MayorWork10Years, 10, Wording.Of("上海市市长质量奖")) : (GoldWork5Years, 5, Wording.Of("上海市质量金奖"));
            checks.Add(facts.QualityWorkYearsInShanghai is not { } worked
                ? RuleCheck.Fail(code, Wording.Of("申报{0}先进质量管理成果的个人，应在我市从事质量相关工作{1}年以上；未填写从事质量相关工作年限", award, need))
                : RuleCheck.Of(code, worked >= need,
                    Wording.Of("在我市从事质量相关工作 {0} 年，满{1}年", worked, need),
                    Wording.Of("申报{0}先进质量管理成果的个人，应在我市从事质量相关工作{1}年以上；现为 {2} 年", award, need, worked)));
        }

        checks.Add(RuleCheck.Of(ChiefQualityOfficer, facts.ChiefQualityOfficerSystem,
            Wording.Of("已实施首席质量官制度"), Wording.Of("申报组织应实施首席质量官制度；未实施")));

        var (first, last) = (year - 5, year - 1);
        var losses = facts.Losses.Where(l => !l.PolicyLoss && l.Year >= first && l.Year <= last).Select(l => l.Year).Distinct().Order().ToList();
        checks.Add(RuleCheck.Of(NoLoss5Years, losses.Count == 0,
            Wording.Of("近5年（{0}–{1} 年）未发生亏损（政策性亏损除外）", first, last),
            Wording.Of("近5年（{0}–{1} 年）不得发生亏损（政策性亏损除外）；{2} 年发生亏损", first, last, string.Join("、", losses))));

        var since = facts.AppliedOn.AddYears(-5);
        var incidents = facts.MajorIncidents.Where(i => i.On >= since && i.On <= facts.AppliedOn).OrderBy(i => i.On).ToList();
        checks.Add(incidents.Count == 0
            ? RuleCheck.Pass(NoMajorIncident, Wording.Of("近5年无重大质量、安全、环境污染、公共卫生、食品药品安全等事故"))
            : RuleCheck.Fail(NoMajorIncident, Wording.Of("不得有重大质量、安全、环境污染、公共卫生、食品药品安全等事故；{0}",
                Wording.Join("；", incidents.Select(i => Wording.Of("{0} 发生{1}", Day(i.On), IncidentName(i.Kind)))))));

        var complaints = facts.MajorComplaints.Where(d => d >= since && d <= facts.AppliedOn).Order().ToList();
        checks.Add(RuleCheck.Of(NoMajorComplaint, complaints.Count == 0,
            Wording.Of("近5年无重大质量投诉"),
            Wording.Of("不得有重大质量投诉；{0} 有重大质量投诉", string.Join("、", complaints.Select(Day)))));

        checks.Add(RuleCheck.Of(NoSeriousDishonesty, facts.DeclaresNoSeriousDishonesty,
            Wording.Of("声明无严重失信行为（以信用查询为准）"), Wording.Of("不得有严重失信行为；未声明无严重失信行为")));

        checks.Add(NoticeCheck(facts, calendar));

        checks.Add(RuleCheck.Of(NotCityAndDistrict, !facts.AppliesForDistrictAwardSameYear,
            Wording.Of("{0} 年未同时申报区级政府质量奖", year),
            Wording.Of("组织或个人不得在同一年内同时申报市、区两级政府质量奖；{0} 年已申报区级政府质量奖", year)));

        var kind = facts.Applicant;
        var again = facts.PastAwards.Where(a => a.Level == facts.Level && a.Kind == kind && year - a.Year <= 5 && a.Year <= year)
            .Select(a => (int?)a.Year).Max();
        var name = Wording.Of("{0}{1}", LevelName(facts.Level), KindName(kind));
        checks.Add(RuleCheck.Of(NoRepeatWithin5Years, again is null,
            Wording.Of("近5年未获{0}", name),
            Wording.Of("获得{0}后的5年内，不得再次申报；{1} 年已获该奖项，{2} 年起方可再次申报", name, again, again + 6)));
        return checks;
    }

    private static RuleCheck NoticeCheck(QualityAwardApplication facts, WorkingDayCalendar calendar)
    {
        const string code = InternalNotice5WorkingDays;
        if (facts.PublicNotice is not { } n)
            return RuleCheck.Fail(code, Wording.Of("申报前应在申报组织或个人所在单位内部进行公示，公示时间不少于5个工作日；未填写公示日期"));
        int days;
        try { days = WorkingDays.Count(calendar, n.From, n.To); }
        catch (OutsideCalendarException e) { return RuleCheck.Fail(code, e.Reason); }
        if (days < NoticeWorkingDays)
            return RuleCheck.Fail(code, Wording.Of("公示时间不少于5个工作日；{0} 至 {1} 只有 {2} 个工作日", Day(n.From), Day(n.To), days));
        if (n.To >= facts.AppliedOn)
            return RuleCheck.Fail(code, Wording.Of("应在申报前完成公示；公示至 {0}，申报日为 {1}", Day(n.To), Day(facts.AppliedOn)));
        return RuleCheck.Pass(code, Wording.Of("申报前已在内部公示 {0} 至 {1}，共 {2} 个工作日", Day(n.From), Day(n.To), days));
    }

    /// <summary>"上海市市长质量奖" / "上海市质量金奖".</summary>
    public static Wording LevelName(QualityAwardLevel level) =>
        level == QualityAwardLevel.Mayor ? Wording.Of("上海市市长质量奖") : Wording.Of("上海市质量金奖");

    /// <summary>"先进质量管理模式" (organisations) / "先进质量管理成果" (individuals).</summary>
    public static Wording KindName(QualityAwardApplicant kind) =>
        kind == QualityAwardApplicant.Organisation ? Wording.Of("先进质量管理模式") : Wording.Of("先进质量管理成果");

    /// <summary>"重大质量事故", "重大安全事故", … (seed 002 二(三)).</summary>
    public static Wording IncidentName(MajorIncidentKind kind) => kind switch
    {
        MajorIncidentKind.Quality => Wording.Of("重大质量事故"),
        MajorIncidentKind.Safety => Wording.Of("重大安全事故"),
        MajorIncidentKind.Environmental => Wording.Of("重大环境污染事故"),
        MajorIncidentKind.PublicHealth => Wording.Of("重大公共卫生事故"),
        _ => Wording.Of("重大食品药品安全事故"),
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
