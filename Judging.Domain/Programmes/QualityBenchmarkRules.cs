namespace Judging.Domain.Programmes;

using Judging.Domain.Cases;
using Judging.Domain.Competitions;

/// <summary>
/// The summary material of a 质量标杆 application (seed 001 附件2 一), section by section as typed into the form or read from
/// the uploaded Word document under each heading; null or blank: not written.
/// </summary>
/// <param name="Title">（一）质量标杆名称, ≤ 40 字.</param>
/// <param name="Abstract">（二）摘要, ≤ 500 字.</param>
/// <param name="Profile">（三）企业概况, ≤ 500 字.</param>
/// <param name="Application">（四）管理方法（技术）的推进和应用情况, ≤ 8000 字.</param>
/// <param name="Results">（五）管理方法（技术）的实施效果, ≤ 2000 字.</param>
public sealed record BenchmarkSummary(string? Title, string? Abstract, string? Profile, string? Application, string? Results);

/// <summary>
/// The facts of a 质量标杆 application (seed 001 附件1 一, 申报条件 (一)–(四), as the unit declares them) and its summary.
/// </summary>
/// <param name="IndependentLegalPerson">（一）具有独立法人资格.</param>
/// <param name="OperatingWell">（一）经营状况良好.</param>
/// <param name="NoViolationsOrBadRecords">（二）在质量、诚信、安全、环保等方面无违法行为和不良记录，信用良好.</param>
/// <param name="MethodInMatureUse">（三）申报的主要管理方法（技术）和经验已在本单位成熟应用.</param>
/// <param name="CommitsToShare">（四）承诺积极参与质量标杆典型经验的相关分享交流活动.</param>
/// <param name="Summary">The summary material.</param>
public sealed record QualityBenchmarkApplication(
    bool IndependentLegalPerson, bool OperatingWell, bool NoViolationsOrBadRecords, bool MethodInMatureUse, bool CommitsToShare,
    BenchmarkSummary Summary);

/// <summary>
/// The conditions of 上海市"质量标杆" (2021–2022) (seed 001 附件1 一) and the limits of its summary material (附件2 一), each
/// with its reason (issue 13, "Eligibility"). Lengths are counted in 字 with <see cref="WordCount.Count"/> (the count of the
/// story competition's synopsis: a CJK character 1, an English word or a number 1, punctuation 0); "40 字以内" includes 40.
/// The title's shape "（企业）+（典型方法技术）+（经验）" is checked as: it ends with "经验" and something other than "的"
/// comes before it ("××公司实施六西格玛设计的经验"); whether the parts name the unit and a method is the reviewers' call.
/// </summary>
public static class QualityBenchmarkRules
{
    /// <summary>（一）独立法人资格，且经营状况良好.</summary>
    public const string LegalPerson = "legal-person";
    /// <summary>（二）无违法行为和不良记录，信用良好.</summary>
    public const string NoViolation = "no-violation";
    /// <summary>（三）方法已在本单位成熟应用.</summary>
    public const string MethodMature = "method-mature";
    /// <summary>（四）承诺参与分享交流.</summary>
    public const string CommitShare = "commit-share";
    /// <summary>名称 ≤ 40 字.</summary>
    public const string TitleLength = "title-length";
    /// <summary>名称按“（企业）+（典型方法技术）+（经验）”命名.</summary>
    public const string TitleShape = "title-shape";
    /// <summary>摘要 ≤ 500 字.</summary>
    public const string AbstractLength = "abstract-length";
    /// <summary>企业概况 ≤ 500 字.</summary>
    public const string ProfileLength = "profile-length";
    /// <summary>推进和应用情况 ≤ 8000 字.</summary>
    public const string ApplicationLength = "application-length";
    /// <summary>实施效果 ≤ 2000 字.</summary>
    public const string ResultsLength = "results-length";

    /// <summary>The limit of each section in 字 (附件2 一): title 40, abstract 500, profile 500, application 8000, results 2000.</summary>
    public const int TitleLimit = 40, AbstractLimit = 500, ProfileLimit = 500, ApplicationLimit = 8000, ResultsLimit = 2000;

    /// <summary>Every rule, in the notice's order: 申报条件 (一)–(四), then the summary's sections (一)–(五).</summary>
    public static IReadOnlyList<RuleCheck> Check(QualityBenchmarkApplication facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var checks = new List<RuleCheck>
        {
            RuleCheck.Of(LegalPerson, facts.IndependentLegalPerson && facts.OperatingWell,
                Wording.Of("具有独立法人资格，且经营状况良好"),
                !facts.IndependentLegalPerson
                    ? Wording.Of("申报单位应具有独立法人资格，且经营状况良好；不具有独立法人资格")
                    : Wording.Of("申报单位应具有独立法人资格，且经营状况良好；经营状况不良")),
            RuleCheck.Of(NoViolation, facts.NoViolationsOrBadRecords,
                Wording.Of("在质量、诚信、安全、环保等方面无违法行为和不良记录，信用良好"),
                Wording.Of("申报单位在质量、诚信、安全、环保等方面应无违法行为和不良记录，信用良好；有违法行为或不良记录")),
            RuleCheck.Of(MethodMature, facts.MethodInMatureUse,
                Wording.Of("申报的主要管理方法（技术）和经验已在本单位成熟应用"),
                Wording.Of("申报的主要管理方法（技术）和经验应已在本单位成熟应用；尚未成熟应用")),
            RuleCheck.Of(CommitShare, facts.CommitsToShare,
                Wording.Of("承诺积极参与质量标杆典型经验的相关分享交流活动"),
                Wording.Of("申报单位应承诺积极参与质量标杆典型经验的相关分享交流活动；未承诺")),
        };
        checks.AddRange(CheckSummary(facts.Summary));
        return checks;
    }

    /// <summary>
    /// The summary's rules alone (for the form, section by section as people type): the title's length and shape, then each
    /// section's length, in the order of 附件2 一. A section not written fails ("摘要未填写").
    /// </summary>
    public static IReadOnlyList<RuleCheck> CheckSummary(BenchmarkSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var title = summary.Title?.Trim() ?? "";
        var head = title.EndsWith("经验", StringComparison.Ordinal) ? title[..^2].TrimEnd() : null;
        return
        [
            Length(TitleLength, Wording.Of("质量标杆名称"), summary.Title, TitleLimit),
            RuleCheck.Of(TitleShape, head is { Length: > 0 } && head != "的",
                Wording.Of("质量标杆名称按“（企业）+（典型方法技术）+（经验）”命名"),
                Wording.Of("质量标杆名称应按“（企业）+（典型方法技术）+（经验）”命名，如：××公司实施六西格玛设计的经验")),
            Length(AbstractLength, Wording.Of("摘要"), summary.Abstract, AbstractLimit),
            Length(ProfileLength, Wording.Of("企业概况"), summary.Profile, ProfileLimit),
            Length(ApplicationLength, Wording.Of("管理方法（技术）的推进和应用情况"), summary.Application, ApplicationLimit),
            Length(ResultsLength, Wording.Of("管理方法（技术）的实施效果"), summary.Results, ResultsLimit),
        ];
    }

    private static RuleCheck Length(string code, Wording section, string? text, int limit)
    {
        if (string.IsNullOrWhiteSpace(text)) return RuleCheck.Fail(code, Wording.Of("{0}未填写（{1} 字以内）", section, limit));
        var n = WordCount.Count(text);
        return RuleCheck.Of(code, n <= limit,
            Wording.Of("{0} {1} 字（{2} 字以内）", section, n, limit),
            Wording.Of("{0}应在 {1} 字以内，现为 {2} 字，超出 {3} 字", section, limit, n, n - limit));
    }
}
