namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>The two awards of the 2024 质量技术奖 (seed 004 附件 1).</summary>
public enum TechAward2024
{
    /// <summary>质量技术发明奖.</summary>
    Invention,
    /// <summary>质量技术进步奖.</summary>
    Progress,
}

/// <summary>The kind of a nominator (提名单位, seed 004 三(二)).</summary>
public enum NominatorKind
{
    /// <summary>市、区两级相关政府部门.</summary>
    GovernmentDepartment,
    /// <summary>全市性行业协会（联合会）等社会组织; may nominate with a 4A or 4-star assessment or higher.</summary>
    CityWideAssociation,
    /// <summary>相关事业单位.</summary>
    PublicInstitution,
    /// <summary>质量基础设施专业机构.</summary>
    QualityInfrastructureBody,
    /// <summary>在沪央企、国企等集团性企业.</summary>
    CentralOrStateGroup,
    /// <summary>上海市质量协会质量技术应用推广部门, the association's own department: nominates only foreign-invested, 专精特新 and
    /// high-tech private firms.</summary>
    AssociationDepartment,
    /// <summary>Any other body: may not nominate.</summary>
    Other,
}

/// <summary>The kind of a nominee's organisation, as far as the association's own department may nominate it.</summary>
public enum NomineeKind
{
    /// <summary>外商企业.</summary>
    ForeignInvested,
    /// <summary>"专精特新"类民营企业.</summary>
    SpecialisedPrivate,
    /// <summary>高新技术类民营企业.</summary>
    HighTechPrivate,
    /// <summary>Any other organisation.</summary>
    Other,
}

/// <summary>A nominator: its name, kind and, for a <see cref="NominatorKind.CityWideAssociation"/>, its assessment grade
/// (评估等级: 4 for 4A or 4 星, 5 for 5A; null: not assessed).</summary>
public sealed record Nominator(string Name, NominatorKind Kind, int? AssessmentGrade = null);

/// <summary>One nomination for the 2024 质量技术奖 (seed 004).</summary>
/// <param name="Award">发明奖 or 进步奖.</param>
/// <param name="Nominator">Who nominates.</param>
/// <param name="Nominee">The nominated organisation (the project's first completing unit).</param>
/// <param name="NomineeKind">Foreign-invested, 专精特新 or high-tech private, or other.</param>
/// <param name="NomineeRegisteredInShanghai">在本市合法注册登记和经营.</param>
/// <param name="ActivityRegisteredAt">When the nominee registered for the year's 质量技术创新活动 (UTC); null: not registered.</param>
/// <param name="At">The nomination's submission (UTC), or now before submitting.</param>
public sealed record Nomination2024(
    TechAward2024 Award, Nominator Nominator, string Nominee, NomineeKind NomineeKind, bool NomineeRegisteredInShanghai,
    DateTimeOffset? ActivityRegisteredAt, DateTimeOffset At);

/// <summary>
/// The rules of the 2024 上海市质量协会质量技术奖, nomination only (seed 004 三(二), 四(一), 附件 3; issue 13, "Eligibility"),
/// each with its reason: the nominator is of a listed kind (an association with a 4A / 4-star assessment or higher); the
/// association's own department nominates only foreign-invested, 专精特新 and high-tech private firms registered and
/// operating in Shanghai (for those firms it is an extra route: "可由…提名", other nominators may nominate them too); the
/// nominee registered for the 2024 质量技术创新活动 inside its window (4/8 09:00 – 5/31 16:00 Beijing) and before the
/// nomination; the nomination inside 4/22 09:00 – 5/31 16:00 Beijing. Windows are to the minute: 16:00:59 is on time,
/// 16:01:00 late (<see cref="TimeWindow.ToTheMinute"/>).
/// </summary>
public static class TechnologyAwardRules2024
{
    /// <summary>The nominator is of a listed kind.</summary>
    public const string NominatorKindRule = "nominator-kind";
    /// <summary>The association's department nominates only the firms it may.</summary>
    public const string DepartmentNominee = "department-nominee";
    /// <summary>The nominee registered for the 质量技术创新活动.</summary>
    public const string ActivityRegistered = "activity-registered";
    /// <summary>Nominated inside the window.</summary>
    public const string NominationWindow = "nomination-window";

    /// <summary>The lowest assessment grade of an association that nominates: 4 (4A or 4 星).</summary>
    public const int MinimumAssessmentGrade = 4;

    /// <summary>活动报名通道: 2024-04-08 09:00 – 2024-05-31 16:00 Beijing (seed 004 四(一)).</summary>
    public static readonly TimeWindow ActivityRegistrationWindow = TimeWindow.ToTheMinute(new DateTime(2024, 4, 8, 9, 0, 0), new DateTime(2024, 5, 31, 16, 0, 0));

    /// <summary>提名系统开放时间: 2024-04-22 09:00 – 2024-05-31 16:00 Beijing (seed 004 三(二)).</summary>
    public static readonly TimeWindow NominationsWindow = TimeWindow.ToTheMinute(new DateTime(2024, 4, 22, 9, 0, 0), new DateTime(2024, 5, 31, 16, 0, 0));

    /// <summary>
    /// Every rule for <paramref name="nomination"/>, in the notice's order (nominator, department, activity, window).
    /// <paramref name="activityWindow"/> and <paramref name="nominationWindow"/>: the programme's windows (windows.csv
    /// <c>activity-registration</c> and <c>nomination</c>); null: the notice's (<see cref="ActivityRegistrationWindow"/>,
    /// <see cref="NominationsWindow"/>).
    /// </summary>
    public static IReadOnlyList<RuleCheck> Check(Nomination2024 nomination, TimeWindow? activityWindow = null, TimeWindow? nominationWindow = null)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        var n = nomination.Nominator;
        var checks = new List<RuleCheck>();

        checks.Add(n.Kind switch
        {
            NominatorKind.CityWideAssociation => RuleCheck.Of(NominatorKindRule, n.AssessmentGrade >= MinimumAssessmentGrade,
                Wording.Of("{0}为具有4A或4星以上评估等级的全市性行业协会，可提名", n.Name),
                n.AssessmentGrade is { } g
                    ? Wording.Of("本市具有4A或4星以上评估等级的全市性行业协会（联合会）等社会组织可提名；{0}的评估等级为 {1}A", n.Name, g)
                    : Wording.Of("本市具有4A或4星以上评估等级的全市性行业协会（联合会）等社会组织可提名；{0}未获评估等级", n.Name)),
            NominatorKind.Other => RuleCheck.Fail(NominatorKindRule,
                Wording.Of("市、区两级相关政府部门，4A或4星以上的全市性行业协会等社会组织，相关事业单位，质量基础设施专业机构，在沪央企、国企等集团性企业可提名；{0}不在其列", n.Name)),
            _ => RuleCheck.Pass(NominatorKindRule, Wording.Of("{0}为{1}，可提名", n.Name, KindName(n.Kind))),
        });

        if (n.Kind != NominatorKind.AssociationDepartment)
            checks.Add(RuleCheck.Pass(DepartmentNominee, Wording.Of("由{0}提名，不适用上海市质量协会质量技术应用推广部门的提名范围", n.Name)));
        else
        {
            var kindOk = nomination.NomineeKind != NomineeKind.Other;
            checks.Add(RuleCheck.Of(DepartmentNominee, kindOk && nomination.NomineeRegisteredInShanghai,
                Wording.Of("{0}为在本市合法注册登记和经营的{1}，可由上海市质量协会质量技术应用推广部门提名", nomination.Nominee, NomineeName(nomination.NomineeKind)),
                !kindOk
                    ? Wording.Of("上海市质量协会质量技术应用推广部门只提名外商企业与“专精特新”类、高新技术类的民营企业；{0}不属于此类", nomination.Nominee)
                    : Wording.Of("上海市质量协会质量技术应用推广部门只提名在本市合法注册登记和经营的企业；{0}未在本市注册登记", nomination.Nominee)));
        }

        var window = activityWindow ?? ActivityRegistrationWindow;
        checks.Add(nomination.ActivityRegisteredAt is not { } reg
            ? RuleCheck.Fail(ActivityRegistered, Wording.Of("被提名项目须先报名2024年质量技术创新活动（报名时间 {0}）；{1}未报名", window.Text, nomination.Nominee))
            : !window.Contains(reg)
                ? RuleCheck.Fail(ActivityRegistered, Wording.Of("质量技术创新活动报名时间为 {0}；{1}于 {2} 报名，不在报名时间内", window.Text, nomination.Nominee, ShanghaiTime.Display(reg)))
                : reg > nomination.At
                    ? RuleCheck.Fail(ActivityRegistered, Wording.Of("须先报名质量技术创新活动再提名；报名于 {0}，晚于提名", ShanghaiTime.Display(reg)))
                    : RuleCheck.Pass(ActivityRegistered, Wording.Of("{0}已于 {1} 报名2024年质量技术创新活动", nomination.Nominee, ShanghaiTime.Display(reg))));

        var nw = nominationWindow ?? NominationsWindow;
        checks.Add(RuleCheck.Of(NominationWindow, nw.Contains(nomination.At),
            Wording.Of("提名系统开放时间：{0}", nw.Text),
            nomination.At < nw.Opens
                ? Wording.Of("提名系统开放时间：{0}；尚未开放", nw.Text)
                : Wording.Of("提名系统开放时间：{0}；逾期将不予受理", nw.Text)));
        return checks;
    }

    /// <summary>The notice's name of a nominator kind ("市、区两级相关政府部门", …).</summary>
    public static Wording KindName(NominatorKind kind) => kind switch
    {
        NominatorKind.GovernmentDepartment => Wording.Of("市、区两级相关政府部门"),
        NominatorKind.CityWideAssociation => Wording.Of("全市性行业协会（联合会）等社会组织"),
        NominatorKind.PublicInstitution => Wording.Of("相关事业单位"),
        NominatorKind.QualityInfrastructureBody => Wording.Of("质量基础设施专业机构"),
        NominatorKind.CentralOrStateGroup => Wording.Of("在沪央企、国企等集团性企业"),
        NominatorKind.AssociationDepartment => Wording.Of("上海市质量协会质量技术应用推广部门"),
        _ => Wording.Of("其他单位"),
    };

    /// <summary>"外商企业", "“专精特新”类民营企业", "高新技术类民营企业", "其他企业".</summary>
    public static Wording NomineeName(NomineeKind kind) => kind switch
    {
        NomineeKind.ForeignInvested => Wording.Of("外商企业"),
        NomineeKind.SpecialisedPrivate => Wording.Of("“专精特新”类民营企业"),
        NomineeKind.HighTechPrivate => Wording.Of("高新技术类民营企业"),
        _ => Wording.Of("其他企业"),
    };

    /// <summary>"质量技术发明奖" / "质量技术进步奖".</summary>
    public static Wording AwardName(TechAward2024 award) =>
        award == TechAward2024.Invention ? Wording.Of("质量技术发明奖") : Wording.Of("质量技术进步奖");
}
