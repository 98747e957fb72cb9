namespace Judging.App.Registration.Forms;

using Judging.Domain.Competitions;

/// <summary>
/// What <see cref="DeclarationFormPdf"/> prints (issue 15, "Materials" and "PDF"; seed 000, 附件2): the unit's registration
/// (附件2 (一)) and ONE entry's declaration (附件2 (二)), for the unit to print, sign, stamp and upload as a scan. Plain values,
/// no entities: the registration pages map theirs onto it. Choices are the notice's words (<see cref="FormChoices"/>).
/// </summary>
public sealed record DeclarationFormData
{
    /// <summary>The competition's name as the title's first line, e.g. "2025 年上海市质量品牌故事大赛".</summary>
    public required string CompetitionName { get; init; }

    /// <summary>The form's reference (the entry's number), printed in every page's footer, e.g. "SB-2025-YJ-0012".</summary>
    public required string Reference { get; init; }

    /// <summary>When the form was generated (UTC); printed in the footer in Beijing time, "yyyy-MM-dd HH:mm（北京时间）".</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>附件2 (一): the unit's registration.</summary>
    public required DeclarationFormUnit Unit { get; init; }

    /// <summary>附件2 (二): the entry declared.</summary>
    public required DeclarationFormEntry Entry { get; init; }

    /// <summary>The notes under the form (注：1、…), one string each, without their numbers; none printed when empty.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>附件2 (一) 在线报名表: one unit's registration, as printed (issue 15, "Registration").</summary>
public sealed record DeclarationFormUnit
{
    /// <summary>单位名称（全称）.</summary>
    public required string Name { get; init; }

    /// <summary>会员单位 (市质协会会员单位): 是 when true, 否 when false.</summary>
    public required bool IsMember { get; init; }

    /// <summary>推荐单位: the recommender's name (a district bureau or group company).</summary>
    public required string Recommender { get; init; }

    /// <summary>单位地址.</summary>
    public required string Address { get; init; }

    /// <summary>邮编 (6 digits, printed as given).</summary>
    public required string Postcode { get; init; }

    /// <summary>单位性质: one of <see cref="FormChoices.Natures"/>, or null when not chosen; any other word throws <see cref="ArgumentException"/>.</summary>
    public string? Nature { get; init; }

    /// <summary>The text after 其他 when <see cref="Nature"/> is 其他.</summary>
    public string? NatureOther { get; init; }

    /// <summary>重点领域 (单选, 必选): one of <see cref="FormChoices.KeyFields"/>, or null.</summary>
    public string? KeyField { get; init; }

    /// <summary>是否"专精特新"中小企业.</summary>
    public required bool IsSpecialised { get; init; }

    /// <summary>重点产业 (单选, 必选): one of <see cref="FormChoices.KeyIndustries"/> (其他 included), or null.</summary>
    public string? KeyIndustry { get; init; }

    /// <summary>The text after 其他 when <see cref="KeyIndustry"/> is 其他.</summary>
    public string? KeyIndustryOther { get; init; }

    /// <summary>联系人姓名.</summary>
    public required string ContactName { get; init; }

    /// <summary>部门及职务, e.g. "品牌部 经理".</summary>
    public required string ContactDepartmentAndPost { get; init; }

    /// <summary>联系手机.</summary>
    public required string ContactMobile { get; init; }

    /// <summary>邮箱地址.</summary>
    public required string ContactEmail { get; init; }

    /// <summary>拟申报作品 (可多选): the tracks the unit means to enter; none ticked when empty.</summary>
    public IReadOnlyList<Track> PlannedTracks { get; init; } = [];

    /// <summary>拟申报作品: 参加活动，暂无作品申报 ticked.</summary>
    public bool ActivityOnly { get; init; }
}

/// <summary>附件2 (二) 参赛作品申报表: one entry's declaration, as printed (issue 15, "Entry declaration").</summary>
public sealed record DeclarationFormEntry
{
    /// <summary>参赛作品名称.</summary>
    public required string Title { get; init; }

    /// <summary>参赛类型: 质量品牌故事演讲 / 微电影 / 质量品牌创新案例, the one ticked.</summary>
    public required Track Track { get; init; }

    /// <summary>作品类别: one of <see cref="FormChoices.Categories"/>, or null.</summary>
    public string? Category { get; init; }

    /// <summary>作品时长 in minutes (演讲/微电影填), e.g. 6 or 3.5; null prints the notice's hint.</summary>
    public decimal? DurationMinutes { get; init; }

    /// <summary>案例篇幅 in 字 (质量品牌创新案例填); null prints the notice's hint.</summary>
    public int? WordCount { get; init; }

    /// <summary>主创者姓名 (团队参赛填团队名称).</summary>
    public required string Creator { get; init; }

    /// <summary>联系人姓名.</summary>
    public required string ContactName { get; init; }

    /// <summary>联系地址.</summary>
    public required string ContactAddress { get; init; }

    /// <summary>联系部门.</summary>
    public required string ContactDepartment { get; init; }

    /// <summary>职务.</summary>
    public required string ContactPost { get; init; }

    /// <summary>联系手机.</summary>
    public required string ContactMobile { get; init; }

    /// <summary>电子邮箱.</summary>
    public required string ContactEmail { get; init; }

    /// <summary>参赛作品内容简介 (100–300 字; printed whole, wrapped, whatever its length).</summary>
    public required string Synopsis { get; init; }

    /// <summary>
    /// 曾获相关荣誉: each either one of <see cref="FormChoices.Honours"/> (ticks it), 其它 (ticks 其它) or any other text
    /// (ticks 其它 and is written after "其它，请填写：", several joined by "、").
    /// </summary>
    public IReadOnlyList<string> Honours { get; init; } = [];

    /// <summary>参赛单位承诺: the three commitments' texts, printed numbered 1、2、3、 in this order.</summary>
    public required IReadOnlyList<string> Commitments { get; init; }
}
