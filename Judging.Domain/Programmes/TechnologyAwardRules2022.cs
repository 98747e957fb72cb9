namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>The two categories of the 2022 质量技术奖 (seed 003 附件 1).</summary>
public enum TechCategory2022
{
    /// <summary>综合类质量创新成果: 一等奖, 二等奖, 优秀奖; by 申报方向.</summary>
    Comprehensive,

    /// <summary>质量改进优秀项目: 优秀奖 only; by 申报范围.</summary>
    Improvement,
}

/// <summary>The five domains (重点领域) of the 2022 质量技术奖 (seed 003 附件 1).</summary>
public enum TechDomain2022
{
    /// <summary>制造.</summary>
    Manufacturing,
    /// <summary>非营利性服务.</summary>
    NonProfitService,
    /// <summary>市场服务.</summary>
    MarketService,
    /// <summary>建造.</summary>
    Construction,
    /// <summary>"专精特新"中小企业.</summary>
    SpecialisedSme,
}

/// <summary>How the project's core content was evaluated (seed 003 附件 2: "项目核心内容应通过鉴定、验收或技术评估").</summary>
public enum EvaluationEvidence
{
    /// <summary>鉴定 (鉴定结论).</summary>
    Appraisal,
    /// <summary>验收 (验收意见).</summary>
    Acceptance,
    /// <summary>技术评估 (e.g. 检测报告).</summary>
    TechnicalAssessment,
}

/// <summary>
/// One application for the 2022 质量技术奖 (seed 003), as the cap and the rules see it.
/// </summary>
/// <param name="Id">The application's id (ties of <paramref name="SubmittedAt"/> are ordered by it, ordinal).</param>
/// <param name="Applicant">The applying unit (活动参与单位); caps count per applicant.</param>
/// <param name="Domain">The 重点领域.</param>
/// <param name="Category">综合类 or 改进项目.</param>
/// <param name="Direction">综合类: the 申报方向 (one of <see cref="TechnologyAwardRules2022.Directions"/>); 改进项目: the 申报范围
/// (one of <see cref="TechnologyAwardRules2022.Scopes"/>).</param>
/// <param name="Evidence">The evaluation the project passed, with its proof uploaded; null: none.</param>
/// <param name="ViaUncappedPartner">Recommended by a partner body the organiser flagged uncapped ("其推荐名额不受限制").</param>
/// <param name="SubmittedAt">When submitted (UTC); null: a draft not yet submitted.</param>
public sealed record TechnologyApplication2022(
    string Id, string Applicant, TechDomain2022 Domain, TechCategory2022 Category, string Direction,
    EvaluationEvidence? Evidence, bool ViaUncappedPartner, DateTimeOffset? SubmittedAt);

/// <summary>
/// The rules of the 2022 上海市质量协会质量技术奖 (seed 003 附件; issue 13, "Eligibility"), each with its reason: the direction
/// or scope is one the notice lists (附件 1); 综合类 needs the evaluation (鉴定、验收或技术评估, 附件 2–3), 改进项目 does not
/// (附件 3(二)); submitted inside 2022-05-01 – 2022-06-30 (附件 4(二), Beijing days); and the caps (附件 5 2)): per applicant
/// at most 2 per 申报方向 of 综合类 and 3 per 申报范围 of 改进项目, except applications recommended by a partner body flagged
/// uncapped, which neither count nor are capped.
/// </summary>
public static class TechnologyAwardRules2022
{
    /// <summary>The direction or scope is listed.</summary>
    public const string DirectionListed = "direction";
    /// <summary>综合类 has its evaluation evidence.</summary>
    public const string EvaluationEvidenceRule = "evaluation-evidence";
    /// <summary>Submitted inside the window.</summary>
    public const string InWindow = "window";
    /// <summary>Within the per-direction / per-scope cap.</summary>
    public const string Cap = "cap";

    /// <summary>At most 2 综合类 per 申报方向 per applicant.</summary>
    public const int PerDirectionCap = 2;
    /// <summary>At most 3 改进项目 per 申报范围 per applicant.</summary>
    public const int PerScopeCap = 3;

    /// <summary>The nine 申报方向 of 综合类质量创新成果, as the notice names them.</summary>
    public static readonly IReadOnlyList<string> Directions =
    [
        "绿色双碳质量创新成果", "数字化质量创新成果", "疫情防控质量技术专项", "质量技术发明", "质量技术开发", "质量技术应用推广",
        "质量技术基础研究", "社会公益", "其他质量管理创新实践成果",
    ];

    /// <summary>The four 申报范围 of 质量改进优秀项目.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["六西格玛管理项目", "精益管理项目", "可靠性管理项目", "其他各类质量工具方法应用成果"];

    /// <summary>The levels of each category: 综合类 一等奖 / 二等奖 / 优秀奖; 改进项目 优秀奖 only.</summary>
    public static IReadOnlyList<string> Levels(TechCategory2022 category) =>
        category == TechCategory2022.Comprehensive ? ["一等奖", "二等奖", "优秀奖"] : ["优秀奖"];

    /// <summary>The online window: 2022-05-01 00:00 to 2022-06-30 24:00 Beijing.</summary>
    public static readonly TimeWindow Window = TimeWindow.Days(new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 30));

    /// <summary>The cap of <paramref name="category"/>: 2 per direction or 3 per scope.</summary>
    public static int CapOf(TechCategory2022 category) => category == TechCategory2022.Comprehensive ? PerDirectionCap : PerScopeCap;

    /// <summary>
    /// Every rule for <paramref name="application"/> at instant <paramref name="at"/> (its submission, or now before submitting),
    /// in the notice's order (direction, evidence, window, cap). <paramref name="applicantsApplications"/>: the same
    /// applicant's live applications (drafts and submitted, withdrawn ones left out), with or without this one; see
    /// <see cref="Caps"/> for the order that decides which are over the cap. <paramref name="window"/>: the programme's
    /// (windows.csv <c>application</c>); null: the notice's (<see cref="Window"/>).
    /// </summary>
    public static IReadOnlyList<RuleCheck> Check(TechnologyApplication2022 application, IEnumerable<TechnologyApplication2022> applicantsApplications, DateTimeOffset at,
        TimeWindow? window = null)
    {
        var w = window ?? Window;
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(applicantsApplications);
        var comprehensive = application.Category == TechCategory2022.Comprehensive;
        var listed = comprehensive ? Directions : Scopes;
        var checks = new List<RuleCheck>
        {
            RuleCheck.Of(DirectionListed, listed.Contains(application.Direction),
                comprehensive ? Wording.Of("申报方向：{0}", application.Direction) : Wording.Of("申报范围：{0}", application.Direction),
                comprehensive
                    ? Wording.Of("综合类质量创新成果的申报方向应为：{0}；“{1}”不在其中", string.Join("、", Directions), application.Direction)
                    : Wording.Of("质量改进优秀项目的申报范围应为：{0}；“{1}”不在其中", string.Join("、", Scopes), application.Direction)),
            !comprehensive
                ? RuleCheck.Pass(EvaluationEvidenceRule, Wording.Of("质量改进优秀项目只需提交优秀项目申报书，不需提供技术评价证明和查新报告"))
                : application.Evidence is { } e
                    ? RuleCheck.Pass(EvaluationEvidenceRule, Wording.Of("项目核心内容已通过{0}", EvidenceName(e)))
                    : RuleCheck.Fail(EvaluationEvidenceRule, Wording.Of("项目核心内容应通过鉴定、验收或技术评估，综合类质量创新成果须提交技术评价证明（鉴定结论、验收意见、检测报告等）；未提交")),
            RuleCheck.Of(InWindow, w.Contains(at),
                Wording.Of("在线申报时间：{0}", w.Text),
                at < w.Opens
                    ? Wording.Of("线上申报通道开启的时间为：{0}；尚未开启", w.Text)
                    : Wording.Of("线上申报通道开启的时间为：{0}；逾期未完成提交的项目将不纳入2022年质量技术奖评价及表彰范畴", w.Text)),
        };
        var all = applicantsApplications.Where(a => a.Id != application.Id).Append(application);
        checks.Add(Caps(all)[application.Id]);
        return checks;
    }

    /// <summary>
    /// The cap rule of each application of a set (ids unique), by id: within each (applicant, category, direction or scope),
    /// the capped applications — those not <see cref="TechnologyApplication2022.ViaUncappedPartner"/> — in order of
    /// submission (drafts after every submitted one), ties and drafts by id (ordinal); the first 2 (综合类) or 3 (改进项目)
    /// pass and every later one fails. Applications via an uncapped partner pass and take no place.
    /// </summary>
    public static IReadOnlyDictionary<string, RuleCheck> Caps(IEnumerable<TechnologyApplication2022> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var result = new Dictionary<string, RuleCheck>(StringComparer.Ordinal);
        foreach (var group in applications.GroupBy(a => (a.Applicant, a.Category, a.Direction)))
        {
            var cap = CapOf(group.Key.Category);
            var comprehensive = group.Key.Category == TechCategory2022.Comprehensive;
            var capped = group.Where(a => !a.ViaUncappedPartner)
                .OrderBy(a => a.SubmittedAt is null).ThenBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            for (var i = 0; i < capped.Count; i++)
            {
                var place = i + 1;
                result.Add(capped[i].Id, RuleCheck.Of(Cap, place <= cap,
                    comprehensive
                        ? Wording.Of("本单位在申报方向“{0}”上的第 {1} 个项目（每个申报方向不能超过 {2} 个）", group.Key.Direction, place, cap)
                        : Wording.Of("本单位在申报范围“{0}”上的第 {1} 个项目（每个申报范围不能超过 {2} 个）", group.Key.Direction, place, cap),
                    comprehensive
                        ? Wording.Of("综合类质量创新成果的每个申报方向上不能超过 {0} 个；本单位在“{1}”方向上已有 {2} 个，本项目为第 {3} 个", cap, group.Key.Direction, cap, place)
                        : Wording.Of("质量改进优秀项目的每个申报范围上不能超过 {0} 个；本单位在“{1}”范围上已有 {2} 个，本项目为第 {3} 个", cap, group.Key.Direction, cap, place)));
            }
            foreach (var a in group.Where(a => a.ViaUncappedPartner))
                result.Add(a.Id, RuleCheck.Pass(Cap, Wording.Of("经共建协同创新机制的活动组织推荐单位推荐，推荐名额不受限制")));
        }
        return result;
    }

    /// <summary>"鉴定" / "验收" / "技术评估".</summary>
    public static Wording EvidenceName(EvaluationEvidence evidence) => evidence switch
    {
        EvaluationEvidence.Appraisal => Wording.Of("鉴定"),
        EvaluationEvidence.Acceptance => Wording.Of("验收"),
        _ => Wording.Of("技术评估"),
    };
}
