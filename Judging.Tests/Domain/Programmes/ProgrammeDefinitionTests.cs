namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// A programme as data (issue 13, "Programmes as data"; docs/programmes.md): seed 004 and seed 003 written as
/// <see cref="ProgrammeDefinition"/> values are consistent, and each inconsistency is named in Chinese.
/// </summary>
public sealed class ProgrammeDefinitionTests
{
    private static readonly MaterialItem[] NominationMaterials =
    [
        new("nomination-form", "上海市质量协会质量技术奖提名书", true, MaterialSource.GeneratedStamped, ["提名单位"]),
        new("commitment", "第一完成人承诺书", true, MaterialSource.GeneratedFixed, []),
        new("evidence", "证实性材料（创新性证明、技术评价证明、应用证明）", true, MaterialSource.Upload, []),
    ];

    /// <summary>Seed 004 as data.</summary>
    internal static ProgrammeDefinition Technology2024() => new(
        "technology-award-2024", "2024年上海市质量协会质量技术奖", "上海市质量协会", "沪质协〔2024〕20号",
        [
            new("invention", "质量技术发明奖", ApplicantKind.Project, ["质量技术发明奖"], [], NominationMaterials),
            new("progress", "质量技术进步奖", ApplicantKind.Project, ["质量技术进步奖"], [], NominationMaterials),
        ],
        [EntryRoute.Nomination],
        [TechnologyAwardRules2024.NominatorKindRule, TechnologyAwardRules2024.DepartmentNominee,
         TechnologyAwardRules2024.ActivityRegistered, TechnologyAwardRules2024.NominationWindow],
        [],
        [
            new("activity-registration", "质量技术创新活动报名", TechnologyAwardRules2024.ActivityRegistrationWindow),
            new("nomination", "提名系统开放时间", TechnologyAwardRules2024.NominationsWindow),
        ],
        ["形式审查", "初评", "复评", "公示", "审定"]);

    /// <summary>Seed 003 as data: two categories, capped per direction / scope, partners uncapped.</summary>
    internal static ProgrammeDefinition Technology2022() => new(
        "technology-award-2022", "2022年上海市质量协会质量技术奖", "上海市质量协会", "沪质协〔2022〕14号",
        [
            new("comprehensive", "综合类质量创新成果", ApplicantKind.Organisation, TechnologyAwardRules2022.Levels(TechCategory2022.Comprehensive),
                TechnologyAwardRules2022.Directions,
                [
                    new("application-form", "上海市质量协会质量技术奖申报书", true, MaterialSource.GeneratedStamped, ["申报单位"]),
                    new("evaluation-proof", "技术评价证明（鉴定结论、验收意见、检测报告等）", true, MaterialSource.Upload, []),
                    new("novelty", "查新报告或专利证书", true, MaterialSource.Upload, []),
                ]),
            new("improvement", "质量改进优秀项目", ApplicantKind.Organisation, TechnologyAwardRules2022.Levels(TechCategory2022.Improvement),
                TechnologyAwardRules2022.Scopes,
                [new("application-form", "优秀项目申报书", true, MaterialSource.GeneratedStamped, ["申报单位"])]),
        ],
        [EntryRoute.Application, EntryRoute.Recommendation],
        [TechnologyAwardRules2022.DirectionListed, TechnologyAwardRules2022.EvaluationEvidenceRule, TechnologyAwardRules2022.InWindow, TechnologyAwardRules2022.Cap],
        [new("comprehensive", true, TechnologyAwardRules2022.PerDirectionCap, true), new("improvement", true, TechnologyAwardRules2022.PerScopeCap, true)],
        [new("application", "线上申报", TechnologyAwardRules2022.Window)],
        ["形式审查", "书面评价", "会审答辩", "现场验证"]);

    [Fact]
    public void The_seeded_technology_awards_are_consistent()
    {
        Assert.Empty(Technology2024().Problems());
        Assert.Empty(Technology2022().Problems());
    }

    [Fact]
    public void Each_inconsistency_is_named()
    {
        var p = Technology2024();
        var wrong = p with
        {
            Categories = [p.Categories[0], p.Categories[0] with { Levels = [] }],
            Routes = [EntryRoute.Nomination, EntryRoute.Application],
            RuleCodes = [.. p.RuleCodes, "no-such-rule"],
            Caps = [new("invention", true, 0, false), new("nobody", false, 2, false)],
            Windows = [p.Windows[0], p.Windows[0] with { Name = "反向窗口", Window = new(p.Windows[0].Window.Closes, p.Windows[0].Window.Opens, true) }],
        };
        Assert.Equal(
        [
            "奖项类别代码“invention”重复",
            "奖项类别“质量技术发明奖”没有奖项等级",
            "未知的申报条件代码“no-such-rule”",
            "奖项类别“质量技术发明奖”没有申报方向或范围，不能按方向限制名额",
            "名额限制应至少为 1，现为 0",
            "名额限制的奖项类别“nobody”不存在",
            "时间窗口代码“activity-registration”重复",
            "“反向窗口”的截止时间应晚于开始时间",
            "提名制的评选项目不能同时接受申报或推荐",
        ], wrong.Problems().Select(w => w.ToString()));
    }
}
