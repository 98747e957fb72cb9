namespace Judging.App.Components.Pages.Programmes;

using Judging.Domain.Programmes;
using Microsoft.Extensions.Localization;

/// <summary>
/// The programmes' pages' shared wording (issue 13): route words (申报 / 推荐 / 提名), what a nomination-only programme
/// calls its applications (提名 / 提名书), statuses and the rules' short names, in the page's language through
/// <c>Resources/Components/Pages/Programmes/ProgrammeTexts.en.resx</c>.
/// </summary>
public sealed class ProgrammeTexts(IStringLocalizer<ProgrammeTexts> L)
{
    /// <summary>True when the programme takes nominations only (seed 004): its pages say 提名 where others say 申报.</summary>
    public static bool NominationOnly(ProgrammeDefinition d) => d.Routes.Count > 0 && d.Routes.All(r => r == EntryRoute.Nomination);

    /// <summary>"申报" or "提名".</summary>
    public string Apply(ProgrammeDefinition d) => NominationOnly(d) ? L["提名"] : L["申报"];

    /// <summary>"申报书" or "提名书".</summary>
    public string Form(ProgrammeDefinition d) => NominationOnly(d) ? L["提名书"] : L["申报书"];

    /// <summary>"我的申报" or "我的提名".</summary>
    public string Mine(ProgrammeDefinition d) => NominationOnly(d) ? L["我的提名"] : L["我的申报"];

    /// <summary>"申报材料" or "提名材料".</summary>
    public string Materials(ProgrammeDefinition d) => NominationOnly(d) ? L["提名材料"] : L["申报材料"];

    /// <summary>"申报主体" or "提名对象".</summary>
    public string Subject(ProgrammeDefinition d) => NominationOnly(d) ? L["提名对象"] : L["申报主体"];

    /// <summary>A route's word.</summary>
    public string Route(EntryRoute r) => r switch
    {
        EntryRoute.Application => L["申报"],
        EntryRoute.Recommendation => L["推荐"],
        _ => L["提名"],
    };

    /// <summary>Who applies in a category.</summary>
    public string Applicant(ApplicantKind k) => k switch
    {
        ApplicantKind.Organisation => L["组织"],
        ApplicantKind.Individual => L["个人"],
        _ => L["项目"],
    };

    /// <summary>Where a material comes from.</summary>
    public string Source(MaterialSource s) => s switch
    {
        MaterialSource.Upload => L["上传"],
        MaterialSource.GeneratedStamped => L["系统生成，盖章后上传扫描件"],
        MaterialSource.GeneratedFixed => L["系统生成（固定文本），签字后上传"],
        _ => L["在线填写"],
    };

    /// <summary>An application's status, in the programme's words.</summary>
    public string Status(Judging.App.Programmes.ProgrammeApplicationStatus s, ProgrammeDefinition d) => s switch
    {
        Judging.App.Programmes.ProgrammeApplicationStatus.Draft => L["草稿"],
        Judging.App.Programmes.ProgrammeApplicationStatus.Submitted => L["已提交"],
        Judging.App.Programmes.ProgrammeApplicationStatus.Refused => L["不予受理"],
        Judging.App.Programmes.ProgrammeApplicationStatus.Returned => L["退回修改"],
        _ => L["已撤回"],
    };

    /// <summary>A rule's short name (rules.csv codes, issue 13 seeds 001–004), or the code itself when unknown.</summary>
    public string Rule(string code) => code switch
    {
        "mayor-gold-3y" => L["市长质量奖须获质量金奖满 3 年"],
        "gold-registered-shanghai" => L["在本市登记注册"],
        "gold-operating-3y" => L["登记注册满 3 年"],
        "mayor-work-10y" => L["市长质量奖个人：在沪从事质量工作满 10 年"],
        "gold-work-5y" => L["质量金奖个人：在沪从事质量工作满 5 年"],
        "chief-quality-officer" => L["实行首席质量官制度"],
        "no-loss-5y" => L["近 5 年无亏损（政策性亏损除外）"],
        "no-major-incident" => L["无重大事故"],
        "no-major-complaint" => L["无重大质量投诉"],
        "no-serious-dishonesty" => L["无严重失信行为"],
        "internal-notice-5wd" => L["单位内部公示不少于 5 个工作日"],
        "not-city-and-district" => L["不同时申报区级政府质量奖"],
        "no-repeat-5y" => L["获奖后 5 年内不再申报"],
        "legal-person" => L["独立法人资格，经营状况良好"],
        "no-violation" => L["无违法行为和不良记录"],
        "method-mature" => L["方法已成熟应用"],
        "commit-share" => L["承诺参与分享交流"],
        "title-length" => L["标杆名称字数"],
        "title-shape" => L["标杆名称格式"],
        "abstract-length" => L["摘要字数"],
        "profile-length" => L["企业概况字数"],
        "application-length" => L["推进和应用字数"],
        "results-length" => L["实施效果字数"],
        "direction" => L["申报方向或范围在所列之内"],
        "evaluation-evidence" => L["技术评价证明"],
        "window" => L["在申报时间内提交"],
        "cap" => L["每个方向的申报名额"],
        "nominator-kind" => L["提名单位类型"],
        "department-nominee" => L["政府部门提名的被提名单位类型"],
        "activity-registered" => L["在活动报名时间内报名"],
        "nomination-window" => L["在提名时间内提名"],
        _ => code,
    };
}
