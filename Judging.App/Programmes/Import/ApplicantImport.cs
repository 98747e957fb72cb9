namespace Judging.App.Programmes.Import;

using System.Globalization;
using System.Text;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>
/// A problem of an applicants file (issue 13, "Programmes as data": row/field-level errors in Chinese): the file
/// ("applicants.csv", "past-winners.csv"), its line (the header is line 1; 0 = the whole file) and the reason.
/// </summary>
public sealed record ApplicantProblem(string File, int Line, Wording Reason)
{
    /// <summary>"applicants.csv 第3行：申报日期“2025-02-30”不是有效日期（格式 yyyy-MM-dd）", or "applicants.csv：原因" for line 0.</summary>
    public Wording Text => Line > 0 ? Wording.Of("{0} 第{1}行：{2}", File, Line, Reason) : Wording.Of("{0}：{1}", File, Reason);

    /// <summary>The zh-CN text of <see cref="Text"/>.</summary>
    public override string ToString() => Text.ToString();
}

/// <summary>
/// One seeded applicant (docs/programme-applicants.md): its file <paramref name="Line"/>, <paramref name="Id"/> (编号),
/// <paramref name="Name"/> (the organisation, person or project), the <paramref name="Facts"/> its programme's rules class
/// checks, and the rule codes the seed <paramref name="Expected"/> to fail (预期; empty for 符合), in the rules' order.
/// </summary>
public sealed record SeededApplicant<TFacts>(int Line, string Id, string Name, TFacts Facts, IReadOnlyList<string> Expected);

/// <summary>
/// The outcome of reading an applicants file: all or nothing — the applicants and no problems, or no applicants and every
/// problem found (each row checked, not only the first wrong one).
/// </summary>
public sealed record ApplicantImportResult<TFacts>(IReadOnlyList<SeededApplicant<TFacts>>? Applicants, IReadOnlyList<ApplicantProblem> Problems)
{
    /// <summary>True when the file was read whole (<see cref="Applicants"/> is set).</summary>
    public bool Ok => Applicants is not null;
}

/// <summary>
/// Reads the invented applicants of the four seeded programmes (issue 13, "Each seeded programme has 20–40 invented but
/// plausible applicants … whose data exercises every rule"; docs/programme-applicants.md) from
/// <c>seeds/programmes/&lt;folder&gt;/applicants.csv</c> (and 002's <c>past-winners.csv</c>) into each programme's facts
/// records. Files are UTF-8 text (BOM allowed), comma separated (RFC 4180 quoting, a quoted field may span lines), a header
/// row with the named columns in any order (extra columns ignored), then one applicant a row; blank lines are skipped and
/// fields trimmed (read with CsvHelper by <see cref="CsvSheet"/>). Yes/no fields are <c>是</c>/<c>否</c>; dates <c>yyyy-MM-dd</c>; times Beijing <c>yyyy-MM-dd HH:mm</c>;
/// lists are separated by <c>、</c>. Every file has 编号 (unique), a name column and 预期 (<c>符合</c>, or the rule codes
/// the row fails, <c>、</c>-separated, each a code of the programme's rules class). All or nothing per programme; every
/// problem is "applicants.csv 第N行：原因" in Chinese. The app's applicant/nominator form stores the same columns as texts
/// (column name → text) and reads them with the …Form methods (issue 13, step 0): the same parsing and reasons, each
/// reason a <see cref="FieldProblem"/> naming its column.
/// </summary>
public static class ApplicantImport
{
    /// <summary>The applicants file of every programme.</summary>
    public const string ApplicantsFile = "applicants.csv";

    /// <summary>Seed 002's past winners list (the organiser imports it; 市长质量奖 and the 5-year bar are checked against it).</summary>
    public const string PastWinnersFile = "past-winners.csv";

    /// <summary>The 预期 of an applicant expected to pass every rule.</summary>
    public const string Eligible = "符合";

    /// <summary>The rule codes of <see cref="GovernmentQualityAwardRules"/> (seed 002), in the notice's order.</summary>
    public static readonly IReadOnlyList<string> GovernmentQualityAwardCodes =
    [
        GovernmentQualityAwardRules.MayorGold3Years, GovernmentQualityAwardRules.GoldRegisteredInShanghai,
        GovernmentQualityAwardRules.GoldOperating3Years, GovernmentQualityAwardRules.MayorWork10Years,
        GovernmentQualityAwardRules.GoldWork5Years, GovernmentQualityAwardRules.ChiefQualityOfficer,
        GovernmentQualityAwardRules.NoLoss5Years, GovernmentQualityAwardRules.NoMajorIncident,
        GovernmentQualityAwardRules.NoMajorComplaint, GovernmentQualityAwardRules.NoSeriousDishonesty,
        GovernmentQualityAwardRules.InternalNotice5WorkingDays, GovernmentQualityAwardRules.NotCityAndDistrict,
        GovernmentQualityAwardRules.NoRepeatWithin5Years,
    ];

    /// <summary>The rule codes of <see cref="QualityBenchmarkRules"/> (seed 001), in the notice's order.</summary>
    public static readonly IReadOnlyList<string> QualityBenchmarkCodes =
    [
        QualityBenchmarkRules.LegalPerson, QualityBenchmarkRules.NoViolation, QualityBenchmarkRules.MethodMature,
        QualityBenchmarkRules.CommitShare, QualityBenchmarkRules.TitleLength, QualityBenchmarkRules.TitleShape,
        QualityBenchmarkRules.AbstractLength, QualityBenchmarkRules.ProfileLength, QualityBenchmarkRules.ApplicationLength,
        QualityBenchmarkRules.ResultsLength,
    ];

    /// <summary>The rule codes of <see cref="TechnologyAwardRules2022"/> (seed 003), in the notice's order.</summary>
    public static readonly IReadOnlyList<string> TechnologyAward2022Codes =
    [
        TechnologyAwardRules2022.DirectionListed, TechnologyAwardRules2022.EvaluationEvidenceRule,
        TechnologyAwardRules2022.InWindow, TechnologyAwardRules2022.Cap,
    ];

    /// <summary>The rule codes of <see cref="TechnologyAwardRules2024"/> (seed 004), in the notice's order.</summary>
    public static readonly IReadOnlyList<string> TechnologyAward2024Codes =
    [
        TechnologyAwardRules2024.NominatorKindRule, TechnologyAwardRules2024.DepartmentNominee,
        TechnologyAwardRules2024.ActivityRegistered, TechnologyAwardRules2024.NominationWindow,
    ];

    /// <summary>The columns of seed 002's applicants.csv (docs/programme-applicants.md).</summary>
    public static readonly IReadOnlyList<string> GovernmentQualityAwardColumns =
    [
        "编号", "名称", "所在单位", "奖项", "申报主体", "申报日期", "在沪登记注册", "登记注册日期", "在沪从事质量工作年限", "首席质量官制度",
        "亏损年度", "重大事故", "重大质量投诉", "声明无严重失信", "公示开始", "公示结束", "同年申报区级奖", "预期",
    ];

    /// <summary>The columns of seed 002's past-winners.csv.</summary>
    public static readonly IReadOnlyList<string> PastWinnersColumns = ["获奖者", "所在单位", "奖项", "类别", "获奖年度"];

    /// <summary>The columns of seed 004's applicants.csv.</summary>
    public static readonly IReadOnlyList<string> TechnologyAward2024Columns =
    [
        "编号", "项目名称", "奖项", "提名单位", "提名单位类型", "评估等级", "被提名单位", "被提名单位类型", "在本市注册登记", "活动报名时间",
        "提名时间", "预期",
    ];

    /// <summary>The columns of seed 003's applicants.csv.</summary>
    public static readonly IReadOnlyList<string> TechnologyAward2022Columns =
    [
        "编号", "项目名称", "申报单位", "重点领域", "类别", "申报方向或范围", "技术评价", "合作单位推荐不限名额", "提交时间", "预期",
    ];

    /// <summary>The columns of seed 001's applicants.csv.</summary>
    public static readonly IReadOnlyList<string> QualityBenchmarkColumns =
    [
        "编号", "申报单位", "独立法人资格", "经营状况良好", "无违法行为和不良记录", "方法成熟应用", "承诺分享交流", "质量标杆名称",
        "摘要字数", "企业概况字数", "推进和应用字数", "实施效果字数", "预期",
    ];

    private static readonly (string Name, QualityAwardLevel Value)[] Levels2025 =
        [("市长质量奖", QualityAwardLevel.Mayor), ("质量金奖", QualityAwardLevel.Gold)];

    private static readonly (string Name, QualityAwardApplicant Value)[] ApplicantKinds2025 =
        [("组织", QualityAwardApplicant.Organisation), ("个人", QualityAwardApplicant.Individual)];

    private static readonly (string Name, QualityAwardApplicant Value)[] WinnerKinds2025 =
        [("先进质量管理模式", QualityAwardApplicant.Organisation), ("先进质量管理成果", QualityAwardApplicant.Individual)];

    /// <summary>
    /// Seed 002 (上海市政府质量奖 2025–2026): <paramref name="applicantsCsv"/> (columns <see cref="GovernmentQualityAwardColumns"/>)
    /// and <paramref name="pastWinnersCsv"/> (columns <see cref="PastWinnersColumns"/>: 奖项 市长质量奖/质量金奖, 类别
    /// 先进质量管理模式/先进质量管理成果, 获奖年度 a 4-digit year). An applicant's <see cref="QualityAwardApplication.PastAwards"/>
    /// are the winners rows with the same 名称 and 所在单位 (所在单位 empty for an organisation). Applicant fields: 奖项
    /// 市长质量奖/质量金奖; 申报主体 组织/个人; 申报日期 a date; 在沪登记注册 是/否 or empty (= 否); 登记注册日期 a date or empty;
    /// 在沪从事质量工作年限 a whole number ≥ 0 or empty; 首席质量官制度, 声明无严重失信, 同年申报区级奖 是/否; 亏损年度 a list of years,
    /// a policy loss written <c>2021（政策性）</c>; 重大事故 a list of <c>2022-03-14（重大安全事故）</c> (the kinds of
    /// <see cref="GovernmentQualityAwardRules.IncidentName"/>); 重大质量投诉 a list of dates; 公示开始 and 公示结束 both dates or
    /// both empty (no 公示). Problems of either file are reported together.
    /// </summary>
    public static ApplicantImportResult<QualityAwardApplication> GovernmentQualityAward2025(string applicantsCsv, string pastWinnersCsv)
    {
        ArgumentNullException.ThrowIfNull(applicantsCsv);
        ArgumentNullException.ThrowIfNull(pastWinnersCsv);
        var problems = new List<ApplicantProblem>();
        var winners = ReadWinners(pastWinnersCsv, problems);
        var applicants = ReadApplicants(applicantsCsv, GovernmentQualityAwardColumns, "名称", GovernmentQualityAwardCodes, problems,
            row => Application2025(row, winners));
        return Result(applicants, problems);
    }

    /// <summary>
    /// Seed 002's past winners list alone (columns <see cref="PastWinnersColumns"/>, as in
    /// <see cref="GovernmentQualityAward2025"/>): all or nothing, problems "past-winners.csv 第N行：原因"; a file with no data
    /// row is a problem ("没有任何数据行"). The list feeds <see cref="GovernmentQualityAward2025Form"/>.
    /// </summary>
    public static PastWinnersResult PastWinners(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var problems = new List<ApplicantProblem>();
        var winners = ReadWinners(csv, problems);
        return problems.Count > 0 ? new(null, problems) : new(winners, []);
    }

    /// <summary>
    /// Seed 002 from the applicant's form (issue 13, step 0): <paramref name="fields"/> are the form's texts by the column
    /// names of <see cref="GovernmentQualityAwardColumns"/> (a missing key is an empty field; 编号 and 预期 are not form
    /// fields), parsed and checked exactly as an applicants.csv row, each problem naming its field. The past awards are the
    /// <paramref name="winners"/> with the form's 名称 and 所在单位 (<see cref="PastWinners"/>). When only one of 公示开始 and
    /// 公示结束 is filled, the problem names the empty one.
    /// </summary>
    public static FormReading<QualityAwardApplication> GovernmentQualityAward2025Form(IReadOnlyDictionary<string, string> fields, IReadOnlyList<PastWinner> winners)
    {
        ArgumentNullException.ThrowIfNull(winners);
        return Form(fields, row => Application2025(row, winners));
    }

    private static List<PastWinner> ReadWinners(string csv, List<ApplicantProblem> problems)
    {
        var winners = new List<PastWinner>();
        var rows = CsvSheet.Read(csv, PastWinnersColumns, [], (line, reason) => problems.Add(new(PastWinnersFile, line, reason)));
        if (rows is null) return winners;
        foreach (var r in rows)
        {
            var before = problems.Count;
            var row = CsvRow(PastWinnersFile, r, problems);
            var name = row.Required("获奖者");
            var unit = row.Optional("所在单位");
            var level = row.Choice("奖项", Levels2025);
            var kind = row.Choice("类别", WinnerKinds2025);
            var year = row.Year("获奖年度");
            if (problems.Count == before) winners.Add(new(name, unit, new(level, kind, year)));
        }
        if (rows.Count == 0) problems.Add(new(PastWinnersFile, 0, Wording.Of("没有任何数据行")));
        return winners;
    }

    private static QualityAwardApplication Application2025(Row row, IReadOnlyList<PastWinner> winners)
    {
        var name = row.Required("名称");
        var unit = row.Optional("所在单位");
        var level = row.Choice("奖项", Levels2025);
        var kind = row.Choice("申报主体", ApplicantKinds2025);
        var appliedOn = row.Date("申报日期");
        var inShanghai = row.Optional("在沪登记注册").Length > 0 && row.YesNo("在沪登记注册");
        var registeredOn = row.OptionalDate("登记注册日期");
        var years = row.OptionalCount("在沪从事质量工作年限");
        var cqo = row.YesNo("首席质量官制度");
        var losses = row.List("亏损年度").Select(item => row.Loss("亏损年度", item)).OfType<AnnualLoss>().ToList();
        var incidents = row.List("重大事故").Select(item => row.Incident("重大事故", item)).OfType<MajorIncident>().ToList();
        var complaints = row.List("重大质量投诉").Select(item => row.ParseDate("重大质量投诉", item)).OfType<DateOnly>().ToList();
        var honest = row.YesNo("声明无严重失信");
        var from = row.OptionalDate("公示开始");
        var to = row.OptionalDate("公示结束");
        if ((row.Optional("公示开始").Length == 0) != (row.Optional("公示结束").Length == 0))
            row.Problem(row.Optional("公示开始").Length == 0 ? "公示开始" : "公示结束",
                Wording.Of("“{0}”与“{1}”应同时填写或同时留空", "公示开始", "公示结束"));
        var district = row.YesNo("同年申报区级奖");
        var past = winners.Where(w => w.Name == name && w.Unit == unit).Select(w => w.Award).ToList();
        return new QualityAwardApplication(level, kind, appliedOn, past, inShanghai, registeredOn, years, cqo, losses, incidents,
            complaints, honest, from is { } f && to is { } t ? new InternalPublicNotice(f, t) : null, district);
    }

    private static readonly (string Name, TechAward2024 Value)[] Awards2024 =
        [("质量技术发明奖", TechAward2024.Invention), ("质量技术进步奖", TechAward2024.Progress)];

    /// <summary>
    /// Seed 004 (质量技术奖 2024, nomination only): <paramref name="applicantsCsv"/> with the columns
    /// <see cref="TechnologyAward2024Columns"/>, one nomination a row. 奖项 质量技术发明奖/质量技术进步奖; 提名单位类型 one of the
    /// names of <see cref="TechnologyAwardRules2024.KindName"/> (市、区两级相关政府部门, …, 其他单位); 评估等级 empty or
    /// <c>3A</c>–<c>5A</c> / <c>3星</c>–<c>5星</c> (the grade's number); 被提名单位类型 one of
    /// <see cref="TechnologyAwardRules2024.NomineeName"/>'s names; 在本市注册登记 是/否; 活动报名时间 a Beijing time or empty (not
    /// registered); 提名时间 a Beijing time (<c>yyyy-MM-dd HH:mm</c>, turned into UTC).
    /// </summary>
    public static ApplicantImportResult<Nomination2024> TechnologyAward2024(string applicantsCsv)
    {
        ArgumentNullException.ThrowIfNull(applicantsCsv);
        var problems = new List<ApplicantProblem>();
        var applicants = ReadApplicants(applicantsCsv, TechnologyAward2024Columns, "项目名称", TechnologyAward2024Codes, problems, Nomination2024Of);
        return Result(applicants, problems);
    }

    /// <summary>
    /// Seed 004 from the nominator's form (issue 13, step 0): <paramref name="fields"/> by the column names of
    /// <see cref="TechnologyAward2024Columns"/> (a missing key is an empty field; 编号 and 预期 are not form fields), parsed and
    /// checked exactly as an applicants.csv row of <see cref="TechnologyAward2024"/>, each problem naming its field.
    /// </summary>
    public static FormReading<Nomination2024> TechnologyAward2024Form(IReadOnlyDictionary<string, string> fields) => Form(fields, Nomination2024Of);

    private static readonly (string Name, NominatorKind Value)[] NominatorKinds2024 =
        Enum.GetValues<NominatorKind>().Select(k => (TechnologyAwardRules2024.KindName(k).ToString(), k)).ToArray();

    private static readonly (string Name, NomineeKind Value)[] NomineeKinds2024 =
        Enum.GetValues<NomineeKind>().Select(k => (TechnologyAwardRules2024.NomineeName(k).ToString(), k)).ToArray();

    private static Nomination2024 Nomination2024Of(Row row)
    {
        row.Required("项目名称");
        var award = row.Choice("奖项", Awards2024);
        var nominator = row.Required("提名单位");
        var kind = row.Choice("提名单位类型", NominatorKinds2024);
        var grade = row.Grade("评估等级");
        var nominee = row.Required("被提名单位");
        var nomineeKind = row.Choice("被提名单位类型", NomineeKinds2024);
        var inShanghai = row.YesNo("在本市注册登记");
        var registered = row.OptionalTime("活动报名时间");
        var at = row.Time("提名时间");
        return new Nomination2024(award, new Nominator(nominator, kind, grade), nominee, nomineeKind, inShanghai, registered, at);
    }

    private static readonly (string Name, TechDomain2022 Value)[] Domains2022 =
    [
        ("制造", TechDomain2022.Manufacturing), ("非营利性服务", TechDomain2022.NonProfitService), ("市场服务", TechDomain2022.MarketService),
        ("建造", TechDomain2022.Construction), ("专精特新中小企业", TechDomain2022.SpecialisedSme),
    ];

    private static readonly (string Name, TechCategory2022 Value)[] Categories2022 =
        [("综合类质量创新成果", TechCategory2022.Comprehensive), ("质量改进优秀项目", TechCategory2022.Improvement)];

    /// <summary>
    /// Seed 003 (质量技术奖 2022): <paramref name="applicantsCsv"/> with the columns <see cref="TechnologyAward2022Columns"/>,
    /// one application a row (编号 is its <see cref="TechnologyApplication2022.Id"/>). 重点领域 制造/非营利性服务/市场服务/建造/
    /// 专精特新中小企业; 类别 综合类质量创新成果/质量改进优秀项目; 申报方向或范围 the direction or scope as written (an unlisted one
    /// is the rules' business, not a file error); 技术评价 鉴定/验收/技术评估 or empty (none); 合作单位推荐不限名额 是/否; 提交时间 a
    /// Beijing time (every seeded application is submitted; checked at that instant).
    /// </summary>
    public static ApplicantImportResult<TechnologyApplication2022> TechnologyAward2022(string applicantsCsv)
    {
        ArgumentNullException.ThrowIfNull(applicantsCsv);
        var problems = new List<ApplicantProblem>();
        var applicants = ReadApplicants(applicantsCsv, TechnologyAward2022Columns, "项目名称", TechnologyAward2022Codes, problems,
            row => Application2022(row, row.Id));
        return Result(applicants, problems);
    }

    /// <summary>
    /// Seed 003 from the applicant's form (issue 13, step 0): <paramref name="fields"/> by the column names of
    /// <see cref="TechnologyAward2022Columns"/> (a missing key is an empty field; 编号 and 预期 are not form fields), parsed and
    /// checked exactly as an applicants.csv row of <see cref="TechnologyAward2022"/>, each problem naming its field;
    /// <paramref name="id"/> is the application's <see cref="TechnologyApplication2022.Id"/> (the CSV's 编号).
    /// </summary>
    public static FormReading<TechnologyApplication2022> TechnologyAward2022Form(IReadOnlyDictionary<string, string> fields, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Form(fields, row => Application2022(row, id));
    }

    private static readonly (string Name, EvaluationEvidence Value)[] Evidence2022 =
        Enum.GetValues<EvaluationEvidence>().Select(e => (TechnologyAwardRules2022.EvidenceName(e).ToString(), e)).ToArray();

    private static TechnologyApplication2022 Application2022(Row row, string id)
    {
        row.Required("项目名称");
        var applicant = row.Required("申报单位");
        var domain = row.Choice("重点领域", Domains2022);
        var category = row.Choice("类别", Categories2022);
        var direction = row.Required("申报方向或范围");
        EvaluationEvidence? proof = row.Optional("技术评价").Length == 0 ? null : row.Choice("技术评价", Evidence2022);
        var partner = row.YesNo("合作单位推荐不限名额");
        var at = row.Time("提交时间");
        return new TechnologyApplication2022(id, applicant, domain, category, direction, proof, partner, at);
    }

    /// <summary>
    /// Seed 001 (上海市"质量标杆" 2021–2022): <paramref name="applicantsCsv"/> with the columns <see cref="QualityBenchmarkColumns"/>.
    /// The five conditions are 是/否; 质量标杆名称 is the title as written (counted and its shape checked by the rules); the
    /// four other sections are given by their length in 字 (a whole number ≥ 0; 0 = not written), and the summary gets a
    /// stand-in text of exactly that many 字 (<see cref="StandInText"/>), so the rules count it as they count a typed form.
    /// </summary>
    public static ApplicantImportResult<QualityBenchmarkApplication> QualityBenchmark2021(string applicantsCsv)
    {
        ArgumentNullException.ThrowIfNull(applicantsCsv);
        var problems = new List<ApplicantProblem>();
        var applicants = ReadApplicants(applicantsCsv, QualityBenchmarkColumns, "申报单位", QualityBenchmarkCodes, problems, Application2021);
        return Result(applicants, problems);
    }

    /// <summary>The typed section texts of seed 001's form, each with the applicants.csv count column it stands for.</summary>
    public static readonly IReadOnlyList<(string Text, string Count)> QualityBenchmarkSections =
        [("摘要", "摘要字数"), ("企业概况", "企业概况字数"), ("推进和应用", "推进和应用字数"), ("实施效果", "实施效果字数")];

    /// <summary>
    /// Seed 001 from the applicant's form (issue 13, step 0): <paramref name="fields"/> by the column names of
    /// <see cref="QualityBenchmarkColumns"/> (a missing key is an empty field; 编号 and 预期 are not form fields), parsed and
    /// checked exactly as an applicants.csv row of <see cref="QualityBenchmark2021"/>, each problem naming its field. The four
    /// sections are the typed texts of the fields 摘要, 企业概况, 推进和应用, 实施效果 (<see cref="QualityBenchmarkSections"/>),
    /// taken as they are (the rules count them); a section whose text field is absent is given by its "…字数" count as in the
    /// CSV (a <see cref="StandInText"/> of that many 字).
    /// </summary>
    public static FormReading<QualityBenchmarkApplication> QualityBenchmark2021Form(IReadOnlyDictionary<string, string> fields) =>
        Form(fields, Application2021);

    private static QualityBenchmarkApplication Application2021(Row row)
    {
        row.Required("申报单位");
        var legal = row.YesNo("独立法人资格");
        var operating = row.YesNo("经营状况良好");
        var clean = row.YesNo("无违法行为和不良记录");
        var mature = row.YesNo("方法成熟应用");
        var share = row.YesNo("承诺分享交流");
        var title = row.Optional("质量标杆名称");
        var texts = QualityBenchmarkSections.Select(s => row.Has(s.Text) ? row.Text(s.Text) : StandInText(row.Count(s.Count))).ToList();
        var summary = new BenchmarkSummary(title, texts[0], texts[1], texts[2], texts[3]);
        return new QualityBenchmarkApplication(legal, operating, clean, mature, share, summary);
    }

    private const string Filler = "本单位坚持质量第一效益优先以顾客需求为导向建立全员参与的质量管理体系持续推进方法创新与经验总结";

    /// <summary>
    /// A stand-in section text of exactly <paramref name="words"/> 字 as <see cref="Judging.Domain.Cases.WordCount"/> counts
    /// them (CJK characters, with a full stop after every 50, which counts 0); empty for 0.
    /// </summary>
    public static string StandInText(int words)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        var sb = new StringBuilder(words + words / 50 + 1);
        for (var i = 0; i < words; i++)
        {
            sb.Append(Filler[i % Filler.Length]);
            if ((i + 1) % 50 == 0) sb.Append('。');
        }
        return sb.ToString();
    }

    private static ApplicantImportResult<T> Result<T>(List<SeededApplicant<T>> applicants, List<ApplicantProblem> problems) =>
        problems.Count > 0 ? new(null, problems) : new(applicants, []);

    private static List<SeededApplicant<T>> ReadApplicants<T>(string text, IReadOnlyList<string> columns, string nameColumn,
        IReadOnlyList<string> codes, List<ApplicantProblem> problems, Func<Row, T> build)
    {
        var list = new List<SeededApplicant<T>>();
        var rows = CsvSheet.Read(text, columns, [], (line, reason) => problems.Add(new(ApplicantsFile, line, reason)));
        if (rows is null) return list;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var before = problems.Count;
            var row = CsvRow(ApplicantsFile, r, problems);
            var id = row.Required("编号");
            if (id.Length > 0)
            {
                if (ids.TryGetValue(id, out var first)) row.Problem("编号", Wording.Of("{0}“{1}”与第{2}行重复", "编号", id, first));
                else ids[id] = r.Line;
            }
            var facts = build(row);
            var expected = row.Expected(codes);
            if (problems.Count == before) list.Add(new(r.Line, id, row.Optional(nameColumn), facts, expected));
        }
        if (rows.Count == 0) problems.Add(new(ApplicantsFile, 0, Wording.Of("没有任何数据行")));
        return list;
    }

    /// <summary>A CSV row's fields; each problem is "file 第N行：原因".</summary>
    private static Row CsvRow(string file, CsvSheetRow r, List<ApplicantProblem> problems) =>
        new(c => r.Values.GetValueOrDefault(c), (_, reason) => problems.Add(new(file, r.Line, reason)));

    /// <summary>A form's fields (a missing key reads as empty; <see cref="Row.Has"/> tells it apart); each problem names its field.</summary>
    private static FormReading<T> Form<T>(IReadOnlyDictionary<string, string> fields, Func<Row, T> build) where T : class
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = new List<FieldProblem>();
        var facts = build(new Row(fields.GetValueOrDefault, (column, reason) => problems.Add(new(column, reason))));
        return problems.Count > 0 ? new(null, problems) : new(facts, []);
    }

    /// <summary>
    /// One applicant's fields, from a CSV row or a form (<paramref name="value"/>: the text of a column, null when absent):
    /// typed reads, each wrong field reported through <paramref name="problem"/> (column, reason); the read returns a default.
    /// </summary>
    private sealed class Row(Func<string, string?> value, Action<string, Wording> problem)
    {
        public string Id => Optional("编号");

        public void Problem(string column, Wording reason) => problem(column, reason);

        /// <summary>Whether the column is there at all (a form's typed text; a CSV row has only its file's columns).</summary>
        public bool Has(string column) => value(column) is not null;

        /// <summary>The text as it is (not trimmed), "" when absent.</summary>
        public string Text(string column) => value(column) ?? "";

        public string Optional(string column) => Text(column).Trim();

        public string Required(string column)
        {
            var v = Optional(column);
            if (v.Length == 0) Problem(column, Wording.Of("“{0}”不能为空", column));
            return v;
        }

        public bool YesNo(string column)
        {
            var v = Optional(column);
            if (v is "是" or "否") return v == "是";
            Problem(column, Wording.Of("{0}“{1}”应为“{2}”或“{3}”", column, v, "是", "否"));
            return false;
        }

        public T Choice<T>(string column, IReadOnlyList<(string Name, T Value)> choices) where T : struct
        {
            var v = Optional(column);
            foreach (var (name, value) in choices)
                if (name == v) return value;
            Problem(column, Wording.Of("{0}“{1}”应为：{2}", column, v, string.Join("、", choices.Select(c => c.Name))));
            return default;
        }

        public DateOnly? ParseDate(string column, string v)
        {
            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Problem(column, Wording.Of("{0}“{1}”不是有效日期（格式 yyyy-MM-dd）", column, v));
            return null;
        }

        public DateOnly Date(string column)
        {
            var v = Optional(column);
            if (v.Length == 0) { Problem(column, Wording.Of("“{0}”不能为空", column)); return default; }
            return ParseDate(column, v) ?? default;
        }

        public DateOnly? OptionalDate(string column)
        {
            var v = Optional(column);
            return v.Length == 0 ? null : ParseDate(column, v);
        }

        public DateTimeOffset? OptionalTime(string column)
        {
            var v = Optional(column);
            if (v.Length == 0) return null;
            if (DateTime.TryParseExact(v, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return ShanghaiTime.FromLocal(t).ToUniversalTime();
            Problem(column, Wording.Of("{0}“{1}”不是有效时间（格式 yyyy-MM-dd HH:mm，北京时间）", column, v));
            return null;
        }

        public DateTimeOffset Time(string column)
        {
            if (Optional(column).Length == 0) { Problem(column, Wording.Of("“{0}”不能为空", column)); return default; }
            return OptionalTime(column) ?? default;
        }

        public int Count(string column)
        {
            var v = Optional(column);
            if (v.Length == 0) { Problem(column, Wording.Of("“{0}”不能为空", column)); return 0; }
            if (v.Length <= 6 && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Problem(column, Wording.Of("{0}“{1}”不是非负整数", column, v));
            return 0;
        }

        public int? OptionalCount(string column) => Optional(column).Length == 0 ? null : Count(column);

        public int Year(string column)
        {
            var v = Optional(column);
            if (v.Length == 4 && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return y;
            Problem(column, Wording.Of("{0}“{1}”不是4位年份", column, v));
            return 0;
        }

        public int? Grade(string column)
        {
            var v = Optional(column);
            if (v.Length == 0) return null;
            if (v.Length == 2 && v[0] is >= '1' and <= '5' && v[1] is 'A' or '星') return v[0] - '0';
            Problem(column, Wording.Of("{0}“{1}”应为空或 1A–5A、{2}", column, v, "1星–5星"));
            return null;
        }

        public IReadOnlyList<string> List(string column) =>
            Optional(column).Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        /// <summary>"2021" or "2021（政策性）".</summary>
        public AnnualLoss? Loss(string column, string item)
        {
            var policy = item.EndsWith("（政策性）", StringComparison.Ordinal);
            var year = policy ? item[..^"（政策性）".Length] : item;
            if (year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return new(y, policy);
            Problem(column, Wording.Of("{0}中的“{1}”应为年份，政策性亏损写作“{2}”", column, item, "2021（政策性）"));
            return null;
        }

        /// <summary>"2022-03-14（重大安全事故）".</summary>
        public MajorIncident? Incident(string column, string item)
        {
            var open = item.IndexOf('（', StringComparison.Ordinal);
            if (open > 0 && item.EndsWith('）')
                && DateOnly.TryParseExact(item[..open], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                var name = item[(open + 1)..^1];
                foreach (var kind in Enum.GetValues<MajorIncidentKind>())
                    if (GovernmentQualityAwardRules.IncidentName(kind).ToString() == name) return new(kind, d);
            }
            Problem(column, Wording.Of("{0}中的“{1}”应写作“日期（事故类型）”，如“{2}”；事故类型为：{3}", column, item, "2022-03-14（重大安全事故）",
                string.Join("、", Enum.GetValues<MajorIncidentKind>().Select(k => GovernmentQualityAwardRules.IncidentName(k).ToString()))));
            return null;
        }

        /// <summary>预期: 符合, or rule codes of <paramref name="codes"/>, in any order (returned in the rules' order).</summary>
        public IReadOnlyList<string> Expected(IReadOnlyList<string> codes)
        {
            var v = Optional("预期");
            if (v.Length == 0) { Problem("预期", Wording.Of("“{0}”不能为空", "预期")); return []; }
            if (v == Eligible) return [];
            var items = v.Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var item in items.Where(i => !codes.Contains(i)))
                Problem("预期", Wording.Of("{0}中的“{1}”不是本评选的申报条件代码，应为“{2}”或：{3}", "预期", item, Eligible, string.Join("、", codes)));
            return codes.Where(items.Contains).ToList();
        }
    }
}
