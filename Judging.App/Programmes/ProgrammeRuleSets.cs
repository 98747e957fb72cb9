namespace Judging.App.Programmes;

using System.Globalization;
using Judging.App.Programmes.Import;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>How a form field is typed (issue 13): what the applicant's page shows for it.</summary>
public enum ProgrammeFieldKind
{
    /// <summary>One line of text.</summary>
    Text,
    /// <summary>Several paragraphs, counted in 字 against <see cref="ProgrammeField.WordLimit"/>.</summary>
    LongText,
    /// <summary>是 / 否.</summary>
    YesNo,
    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>A Beijing time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    DateTime,
    /// <summary>A whole number ≥ 0.</summary>
    Count,
    /// <summary>One of <see cref="ProgrammeField.Choices"/>.</summary>
    Choice,
    /// <summary>A list separated by 、 (see the field's hint).</summary>
    List,
}

/// <summary>One field of a programme's form: its name is the applicants.csv column it fills (docs/programme-applicants.md).</summary>
/// <param name="Name">The column, also the label ("登记注册日期").</param>
/// <param name="Kind">How it is typed.</param>
/// <param name="Choices">For <see cref="ProgrammeFieldKind.Choice"/>: the choices as written ("" = not given, when allowed).</param>
/// <param name="Hint">What to write, or null.</param>
/// <param name="WordLimit">For text: the notice's limit in 字 (counted with <see cref="Judging.Domain.Cases.WordCount"/>), or null.</param>
public sealed record ProgrammeField(string Name, ProgrammeFieldKind Kind, IReadOnlyList<string> Choices, Wording? Hint = null, int? WordLimit = null);

/// <summary>Another application of the same programme, as the cap rules see it.</summary>
/// <param name="Reference">Its reference (the rules' id).</param>
/// <param name="Fields">Its fields.</param>
/// <param name="SubmittedAt">Its submission (UTC), or null for a draft.</param>
public sealed record OtherApplication(string Reference, IReadOnlyDictionary<string, string> Fields, DateTimeOffset? SubmittedAt);

/// <summary>What the rules read besides the application itself.</summary>
/// <param name="Calendar">The working-day calendar (the organiser's edited copy).</param>
/// <param name="PastWinners">The programme's past winners list, with the approved winners (审定) of the family's other programmes (issue 16).</param>
/// <param name="Others">The programme's other live applications (drafts and submitted; withdrawn ones left out).</param>
/// <param name="At">The exact instant the application is checked at (its submission, or now); the form's time fields hold it to
/// the minute only, and the caps order by the exact instants. Null: the form's time.</param>
public sealed record ProgrammeRuleContext(WorkingDayCalendar Calendar, IReadOnlyList<PastWinner> PastWinners, IReadOnlyList<OtherApplication> Others,
    DateTimeOffset? At = null);

/// <summary>
/// The eligibility of one application (issue 13, "Eligibility"): each configured rule with ✔/✗ and its reason, after the
/// form's own problems (a field that is not a date, a missing name). Eligible when there are no problems and every check passed.
/// </summary>
/// <param name="Checks">The programme's rules (rules.csv) in the notice's order; empty while the form has problems.</param>
/// <param name="Problems">The form's problems, each naming its field.</param>
public sealed record Eligibility(IReadOnlyList<RuleCheck> Checks, IReadOnlyList<FieldProblem> Problems)
{
    /// <summary>No problem and every rule passed.</summary>
    public bool Eligible => Problems.Count == 0 && Checks.All(c => c.Passed);

    /// <summary>The failed rules' codes, in order.</summary>
    public IReadOnlyList<string> FailedCodes => Checks.Where(c => !c.Passed).Select(c => c.Code).ToList();
}

/// <summary>
/// The rules of one programme family (seed 001, 002, 003 or 004) over a form's fields: which fields the form has, which
/// ones the category and the instant of submitting fill in, and the check. The engine is the same for all; a programme
/// picks its family by its rule codes (rules.csv, <see cref="For"/>).
/// </summary>
public abstract class ProgrammeRuleSet
{
    /// <summary>The codes of the rules this family can check.</summary>
    public abstract IReadOnlyList<string> Codes { get; }

    /// <summary>The form's fields for <paramref name="category"/>, in the form's order.</summary>
    public abstract IReadOnlyList<ProgrammeField> Fields(AwardCategory category);

    /// <summary>The applicants.csv columns of this family (docs/programme-applicants.md), 编号 and 预期 included.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The implied field holding the instant of submitting (申报日期, 提交时间, 提名时间), or null when the rules read none.</summary>
    public abstract string? TimeField { get; }

    /// <summary>The category whose implied fields (<see cref="Implied"/>, the instant left aside) <paramref name="fields"/> hold, or null.</summary>
    public AwardCategory? CategoryOf(ProgrammeDefinition programme, IReadOnlyDictionary<string, string> fields) =>
        programme.Categories.FirstOrDefault(c => Implied(c, DateTimeOffset.UnixEpoch).Where(kv => kv.Key != TimeField)
            .All(kv => fields.TryGetValue(kv.Key, out var v) && v == kv.Value));

    /// <summary>The field holding what is applied for (lists show it).</summary>
    public abstract string TitleField { get; }

    /// <summary>The field holding who applies (caps count per applicant).</summary>
    public abstract string ApplicantField { get; }

    /// <summary>The fields the page fills and the applicant does not type: the category's choice and the instant of submitting
    /// (<paramref name="at"/>, its submission or now), written as the importer reads them.</summary>
    public abstract IReadOnlyDictionary<string, string> Implied(AwardCategory category, DateTimeOffset at);

    /// <summary>Checks <paramref name="fields"/> (with <see cref="Implied"/> already merged) for the programme's rule codes.</summary>
    public abstract Eligibility Check(ProgrammeDefinition programme, string reference, IReadOnlyDictionary<string, string> fields, ProgrammeRuleContext context);

    /// <summary>True for a family whose rules read a past winners list (seed 002); its programmes' approved winners (审定, issue 16)
    /// are added to that list for the family's other programmes (<see cref="Stages.ProgrammeApprovals.ApprovedAsPastWinnersAsync"/>).</summary>
    public virtual bool ReadsPastWinners => false;

    /// <summary>The four families.</summary>
    public static readonly IReadOnlyList<ProgrammeRuleSet> All = [new GovernmentQualityAward(), new QualityBenchmark(), new Technology2022(), new Technology2024()];

    /// <summary>The family whose rules <paramref name="programme"/> lists.</summary>
    /// <exception cref="InvalidOperationException">Its rule codes belong to no family, or to several.</exception>
    public static ProgrammeRuleSet For(ProgrammeDefinition programme)
    {
        var sets = All.Where(s => programme.RuleCodes.Any(s.Codes.Contains)).ToList();
        return sets.Count == 1 ? sets[0] : throw new InvalidOperationException($"评选项目“{programme.Name}”的申报条件不属于同一套规则");
    }

    /// <summary>Keeps the checks whose codes the programme configured (rules.csv), in the family's order.</summary>
    protected static IReadOnlyList<RuleCheck> Configured(ProgrammeDefinition programme, IEnumerable<RuleCheck> checks) =>
        checks.Where(c => programme.RuleCodes.Contains(c.Code)).ToList();

    private static Eligibility Of<T>(FormReading<T> reading, Func<T, IEnumerable<RuleCheck>> check, ProgrammeDefinition programme) where T : class =>
        reading.Problems.Count > 0 || reading.Facts is null
            ? new Eligibility([], reading.Problems)
            : new Eligibility(Configured(programme, check(reading.Facts)), []);

    private static string Beijing(DateTimeOffset at, string format) =>
        ShanghaiTime.ToLocal(at).ToString(format, CultureInfo.InvariantCulture);

    private static readonly string[] YesNo = ["是", "否"];

    /// <summary>The programme's window of code <paramref name="code"/> (windows.csv), or null for the notice's own.</summary>
    protected static TimeWindow? WindowOf(ProgrammeDefinition programme, string code) =>
        programme.Windows.FirstOrDefault(w => w.Code == code)?.Window;

    private static ProgrammeField F(string name, ProgrammeFieldKind kind, Wording? hint = null, int? limit = null, IReadOnlyList<string>? choices = null) =>
        new(name, kind, choices ?? (kind == ProgrammeFieldKind.YesNo ? YesNo : []), hint, limit);

    /// <summary>Seed 002, 上海市政府质量奖: the category gives 奖项 and 申报主体; 申报日期 is the day of submitting.</summary>
    private sealed class GovernmentQualityAward : ProgrammeRuleSet
    {
        public override IReadOnlyList<string> Columns => ApplicantImport.GovernmentQualityAwardColumns;
        public override string? TimeField => "申报日期";
        public override IReadOnlyList<string> Codes => ApplicantImport.GovernmentQualityAwardCodes;
        public override string TitleField => "名称";
        public override string ApplicantField => "名称";
        public override bool ReadsPastWinners => true;

        public override IReadOnlyList<ProgrammeField> Fields(AwardCategory category) => category.Applicant == ApplicantKind.Individual
            ?
            [
                F("名称", ProgrammeFieldKind.Text, Wording.Of("申报人姓名")), F("所在单位", ProgrammeFieldKind.Text),
                F("在沪从事质量工作年限", ProgrammeFieldKind.Count, Wording.Of("在本市从事质量相关工作的整年数")),
                .. Common,
            ]
            :
            [
                F("名称", ProgrammeFieldKind.Text, Wording.Of("申报组织全称")), F("在沪登记注册", ProgrammeFieldKind.YesNo),
                F("登记注册日期", ProgrammeFieldKind.Date), .. Common,
            ];

        private static readonly ProgrammeField[] Common =
        [
            F("首席质量官制度", ProgrammeFieldKind.YesNo),
            F("亏损年度", ProgrammeFieldKind.List, Wording.Of("近年亏损的年度，用“、”分隔；政策性亏损写作 {0}；没有则留空", "2021（政策性）")),
            F("重大事故", ProgrammeFieldKind.List, Wording.Of("如 {0}；没有则留空", "2022-03-14（重大安全事故）")),
            F("重大质量投诉", ProgrammeFieldKind.List, Wording.Of("投诉日期，如 2023-05-06；没有则留空")),
            F("声明无严重失信", ProgrammeFieldKind.YesNo),
            F("公示开始", ProgrammeFieldKind.Date, Wording.Of("单位内部公示的第一天")),
            F("公示结束", ProgrammeFieldKind.Date, Wording.Of("单位内部公示的最后一天")),
            F("同年申报区级奖", ProgrammeFieldKind.YesNo, Wording.Of("本年度是否同时申报区级政府质量奖")),
        ];

        public override IReadOnlyDictionary<string, string> Implied(AwardCategory category, DateTimeOffset at) => new Dictionary<string, string>
        {
            ["奖项"] = category.Levels.Any(l => l.Contains("市长", StringComparison.Ordinal)) ? "市长质量奖" : "质量金奖",
            ["申报主体"] = category.Applicant == ApplicantKind.Individual ? "个人" : "组织",
            ["申报日期"] = Beijing(at, "yyyy-MM-dd"),
        };

        public override Eligibility Check(ProgrammeDefinition programme, string reference, IReadOnlyDictionary<string, string> fields, ProgrammeRuleContext context) =>
            Of(ApplicantImport.GovernmentQualityAward2025Form(fields, context.PastWinners), f => GovernmentQualityAwardRules.Check(f, context.Calendar), programme);
    }

    /// <summary>Seed 001, 质量标杆: the summary's sections are typed into the form.</summary>
    private sealed class QualityBenchmark : ProgrammeRuleSet
    {
        public override IReadOnlyList<string> Columns => ApplicantImport.QualityBenchmarkColumns;
        public override string? TimeField => null;
        public override IReadOnlyList<string> Codes => ApplicantImport.QualityBenchmarkCodes;
        public override string TitleField => "质量标杆名称";
        public override string ApplicantField => "申报单位";

        public override IReadOnlyList<ProgrammeField> Fields(AwardCategory category) =>
        [
            F("申报单位", ProgrammeFieldKind.Text), F("独立法人资格", ProgrammeFieldKind.YesNo), F("经营状况良好", ProgrammeFieldKind.YesNo),
            F("无违法行为和不良记录", ProgrammeFieldKind.YesNo, Wording.Of("在质量、诚信、安全、环保等方面无违法行为和不良记录，信用良好")),
            F("方法成熟应用", ProgrammeFieldKind.YesNo, Wording.Of("申报的主要管理方法（技术）和经验已在本单位成熟应用")),
            F("承诺分享交流", ProgrammeFieldKind.YesNo, Wording.Of("承诺积极参与质量标杆典型经验的相关分享交流活动")),
            F("质量标杆名称", ProgrammeFieldKind.Text, Wording.Of("（企业）+（典型方法技术）+（经验），如“××公司实施六西格玛设计的经验”"), QualityBenchmarkRules.TitleLimit),
            F("摘要", ProgrammeFieldKind.LongText, null, QualityBenchmarkRules.AbstractLimit),
            F("企业概况", ProgrammeFieldKind.LongText, null, QualityBenchmarkRules.ProfileLimit),
            F("推进和应用", ProgrammeFieldKind.LongText, Wording.Of("管理方法（技术）的推进和应用情况"), QualityBenchmarkRules.ApplicationLimit),
            F("实施效果", ProgrammeFieldKind.LongText, Wording.Of("管理方法（技术）的实施效果"), QualityBenchmarkRules.ResultsLimit),
        ];

        public override IReadOnlyDictionary<string, string> Implied(AwardCategory category, DateTimeOffset at) => new Dictionary<string, string>();

        public override Eligibility Check(ProgrammeDefinition programme, string reference, IReadOnlyDictionary<string, string> fields, ProgrammeRuleContext context) =>
            Of(ApplicantImport.QualityBenchmark2021Form(fields), QualityBenchmarkRules.Check, programme);
    }

    /// <summary>Seed 003, 质量技术奖 2022: the category gives 类别; 提交时间 is the instant of submitting; caps over the others.</summary>
    private sealed class Technology2022 : ProgrammeRuleSet
    {
        public override IReadOnlyList<string> Columns => ApplicantImport.TechnologyAward2022Columns;
        public override string? TimeField => "提交时间";
        public override IReadOnlyList<string> Codes => ApplicantImport.TechnologyAward2022Codes;
        public override string TitleField => "项目名称";
        public override string ApplicantField => "申报单位";

        public override IReadOnlyList<ProgrammeField> Fields(AwardCategory category)
        {
            var comprehensive = category.Name == "综合类质量创新成果";
            var list = new List<ProgrammeField>
            {
                F("项目名称", ProgrammeFieldKind.Text), F("申报单位", ProgrammeFieldKind.Text),
                F("重点领域", ProgrammeFieldKind.Choice, choices: ["制造", "非营利性服务", "市场服务", "建造", "专精特新中小企业"]),
                F("申报方向或范围", ProgrammeFieldKind.Choice, comprehensive ? Wording.Of("申报方向") : Wording.Of("申报范围"), choices: category.Groups),
            };
            if (comprehensive)
                list.Add(F("技术评价", ProgrammeFieldKind.Choice, Wording.Of("项目核心内容通过的评价（须上传鉴定结论、验收意见或检测报告）"), choices: ["", "鉴定", "验收", "技术评估"]));
            list.Add(F("合作单位推荐不限名额", ProgrammeFieldKind.YesNo, Wording.Of("由组织者标记为推荐名额不受限制的合作单位推荐")));
            return list;
        }

        public override IReadOnlyDictionary<string, string> Implied(AwardCategory category, DateTimeOffset at) => new Dictionary<string, string>
        {
            ["类别"] = category.Name,
            ["提交时间"] = Beijing(at, "yyyy-MM-dd HH:mm"),
        };

        public override Eligibility Check(ProgrammeDefinition programme, string reference, IReadOnlyDictionary<string, string> fields, ProgrammeRuleContext context)
        {
            var reading = ApplicantImport.TechnologyAward2022Form(fields, reference);
            if (reading.Facts is not { } me || reading.Problems.Count > 0) return new([], reading.Problems);
            if (context.At is { } exact) me = me with { SubmittedAt = exact };
            var others = context.Others
                .Select(o => ApplicantImport.TechnologyAward2022Form(o.Fields, o.Reference).Facts is { } f ? f with { SubmittedAt = o.SubmittedAt } : null)
                .OfType<TechnologyApplication2022>().Where(o => o.Applicant == me.Applicant);
            return new(Configured(programme, TechnologyAwardRules2022.Check(me, others, me.SubmittedAt ?? DateTimeOffset.UtcNow, WindowOf(programme, "application"))), []);
        }
    }

    /// <summary>Seed 004, 质量技术奖 2024 (nomination only): the category gives 奖项; 提名时间 is the instant of submitting.</summary>
    private sealed class Technology2024 : ProgrammeRuleSet
    {
        public override IReadOnlyList<string> Columns => ApplicantImport.TechnologyAward2024Columns;
        public override string? TimeField => "提名时间";
        public override IReadOnlyList<string> Codes => ApplicantImport.TechnologyAward2024Codes;
        public override string TitleField => "项目名称";
        public override string ApplicantField => "被提名单位";

        public override IReadOnlyList<ProgrammeField> Fields(AwardCategory category) =>
        [
            F("项目名称", ProgrammeFieldKind.Text),
            F("提名单位", ProgrammeFieldKind.Text),
            F("提名单位类型", ProgrammeFieldKind.Choice, choices: Enum.GetValues<NominatorKind>().Select(k => TechnologyAwardRules2024.KindName(k).ToString()).ToList()),
            F("评估等级", ProgrammeFieldKind.Choice, Wording.Of("全市性行业协会（联合会）等社会组织填写"), choices: ["", "3A", "4A", "5A", "3星", "4星", "5星"]),
            F("被提名单位", ProgrammeFieldKind.Text, Wording.Of("项目第一完成单位")),
            F("被提名单位类型", ProgrammeFieldKind.Choice, choices: Enum.GetValues<NomineeKind>().Select(k => TechnologyAwardRules2024.NomineeName(k).ToString()).ToList()),
            F("在本市注册登记", ProgrammeFieldKind.YesNo, Wording.Of("被提名单位在本市合法注册登记和经营")),
            F("活动报名时间", ProgrammeFieldKind.DateTime, Wording.Of("被提名单位报名参加2024年质量技术创新活动的时间（北京时间）；未报名则留空")),
        ];

        public override IReadOnlyDictionary<string, string> Implied(AwardCategory category, DateTimeOffset at) => new Dictionary<string, string>
        {
            ["奖项"] = category.Name,
            ["提名时间"] = Beijing(at, "yyyy-MM-dd HH:mm"),
        };

        public override Eligibility Check(ProgrammeDefinition programme, string reference, IReadOnlyDictionary<string, string> fields, ProgrammeRuleContext context) =>
            Of(ApplicantImport.TechnologyAward2024Form(fields),
                f => TechnologyAwardRules2024.Check(f, WindowOf(programme, "activity-registration"), WindowOf(programme, "nomination")), programme);
    }
}
