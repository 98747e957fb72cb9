namespace Judging.App.Registration.Forms;

using Judging.Domain.Competitions;

/// <summary>
/// What <see cref="RecommendationTablePdf"/> prints (issue 15, "The recommendation table (附件3)"; seed 000, 附件3): one
/// recommender's catalogue of the entries that chose it, its 推荐声明 and the filler's details, for it to print, stamp and upload
/// as a scan. Plain values, no entities.
/// </summary>
public sealed record RecommendationTableData
{
    /// <summary>推荐声明 in the notice's words (seed 000, 附件3 二).</summary>
    public const string NoticeDeclaration =
        "本单位遵守上海市群众性质量提升活动的有关规定，承诺遵守评审工作纪律，所提供的推荐申报材料真实有效，且不存在任何违反《中华人民共和国保守国家秘密法》等相关法律法规及侵犯他人知识产权的情形。如存在争议，将积极调查处理。如存在材料虚假或违纪行为，将承担相应责任。";

    /// <summary>The competition's name as the title's first line, e.g. "2025 年上海市质量品牌故事大赛".</summary>
    public required string CompetitionName { get; init; }

    /// <summary>推荐区局/各相关产业集团公司名称, e.g. "浦东新区市场监督管理局".</summary>
    public required string RecommenderName { get; init; }

    /// <summary>一、推荐目录: the rows, printed by <see cref="RecommendationTableRow.Order"/> (ties in the given order).</summary>
    public required IReadOnlyList<RecommendationTableRow> Rows { get; init; }

    /// <summary>二、推荐声明; the notice's wording by default.</summary>
    public string Declaration { get; init; } = NoticeDeclaration;

    /// <summary>填表人.</summary>
    public string? FillerName { get; init; }

    /// <summary>部门.</summary>
    public string? FillerDepartment { get; init; }

    /// <summary>职务.</summary>
    public string? FillerPost { get; init; }

    /// <summary>电话.</summary>
    public string? FillerPhone { get; init; }

    /// <summary>邮箱.</summary>
    public string? FillerEmail { get; init; }

    /// <summary>填表日期 (a Beijing calendar day), printed "2025年6月20日"; null leaves "年 月 日" for the pen.</summary>
    public DateOnly? FilledOn { get; init; }

    /// <summary>When the table was generated (UTC); printed in the footer in Beijing time.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>A reference printed in the footer (e.g. the recommender's code), or null for none.</summary>
    public string? Reference { get; init; }

    /// <summary>The note under the table (注：…), or null for none.</summary>
    public string? Note { get; init; }
}

/// <summary>One line of 一、推荐目录 (issue 15, "Recommenders").</summary>
/// <param name="Order">排序: the recommender's order, 1 first.</param>
/// <param name="UnitName">申报单位名称（全称）.</param>
/// <param name="Title">参赛作品名称.</param>
/// <param name="Track">作品类型, printed 演讲 / 微电影 / 创新案例.</param>
/// <param name="Recommended">推荐意见: true 推荐, false 不推荐 (the box ticked), null neither yet.</param>
/// <param name="Opinion">推荐意见's text, under the boxes; empty for none.</param>
public sealed record RecommendationTableRow(int Order, string UnitName, string Title, Track Track, bool? Recommended, string Opinion);
