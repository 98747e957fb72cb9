namespace Judging.Domain.Registration;

using Judging.Domain.Competitions;

/// <summary>A group of choices as the notice prints it (重点产业: "三大先导产业: 集成电路 / 生物医药 / 人工智能").</summary>
/// <param name="Name">The group's heading, e.g. 三大先导产业.</param>
/// <param name="Items">Its choices, in the notice's order.</param>
public sealed record ChoiceGroup(string Name, IReadOnlyList<string> Items);

/// <summary>
/// The fixed choices of the registration form and the entry declaration (seed 000, 附件2 (一) and (二)), stored as their
/// Chinese words (as <see cref="Unit.Nature"/> already is), so exports and imports read them as the notice prints them.
/// "其他"/"其它" choices take a text beside them.
/// </summary>
public static class RegistrationChoices
{
    /// <summary>The "other" choice of 单位性质 and 重点产业 (其他, with a text).</summary>
    public const string Other = "其他";

    /// <summary>The "other" choice of 曾获相关荣誉, spelt 其它 in the notice (with a text).</summary>
    public const string OtherHonour = "其它";

    /// <summary>单位性质 (附件2 (一)): 国有 / 民营 / 外资 / 合资 / 事业单位 / 其他 (+ text).</summary>
    public static readonly IReadOnlyList<string> Natures = ["国有", "民营", "外资", "合资", "事业单位", Other];

    /// <summary>重点领域 (附件2 (一), one, required): 制造 / 建设工程 / 市场服务 / 非营利性服务.</summary>
    public static readonly IReadOnlyList<string> KeyFields = ["制造", "建设工程", "市场服务", "非营利性服务"];

    /// <summary>
    /// 重点产业 (附件2 (一), one, required), grouped as the notice groups them ("2+2, 3+6, 4+5"), then 其他 (+ text).
    /// </summary>
    public static readonly IReadOnlyList<ChoiceGroup> KeyIndustryGroups =
    [
        new("两融合两转型", ["先进制造业和现代服务业融合", "数字化转型和绿色低碳转型"]),
        new("三大先导产业", ["集成电路", "生物医药", "人工智能"]),
        new("六大重点产业", ["电子信息", "生命健康", "汽车", "高端装备", "先进材料", "时尚消费品"]),
        new("四大新赛道产业", ["元宇宙", "绿色低碳", "数字经济", "智能终端"]),
        new("五大未来产业", ["未来健康", "未来智能", "未来能源", "未来空间", "未来材料"]),
        new(Other, [Other]),
    ];

    /// <summary>Every 重点产业 choice, flattened in the notice's order (其他 last).</summary>
    public static readonly IReadOnlyList<string> KeyIndustries = KeyIndustryGroups.SelectMany(g => g.Items).ToList();

    /// <summary>作品类别 (附件2 (二), one): 上海服务 / 上海制造 / 上海购物 / 上海文化.</summary>
    public static readonly IReadOnlyList<string> Categories = ["上海服务", "上海制造", "上海购物", "上海文化"];

    /// <summary>曾获相关荣誉 (附件2 (二), any): the three named honours and 其它 (+ text).</summary>
    public static readonly IReadOnlyList<string> Honours = ["上海品牌认证获证单位", "上海市品牌培育示范企业", "历届品牌故事比赛获奖单位", OtherHonour];

    /// <summary>参赛单位承诺 (附件2 (二)): the three commitments a unit ticks before submitting, in the notice's words.</summary>
    public static IReadOnlyList<string> Commitments(int year) => CommitmentWordings(year).Select(w => w.ToString()).ToList();

    /// <summary>
    /// <see cref="Commitments"/> as wordings, so the page shows them in its language (English beside the form the unit
    /// stamps in Chinese); their zh-CN text is <see cref="Commitments"/>'s.
    /// </summary>
    public static IReadOnlyList<Wording> CommitmentWordings(int year) =>
    [
        Wording.Of("自愿参加{0}年上海市质量品牌故事大赛；", year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Wording.Of("提交所有参赛材料均真实、合法、有效，不存在剽窃他人活动成果、侵犯他人知识产权、伪造材料等不端及失信行为；"),
        Wording.Of("参赛申报内容不含《中华人民共和国保守国家秘密法》所规定的涉密内容，不存在任何违反《中华人民共和国保守国家秘密法》的情形。"),
    ];

    /// <summary>The track's name on the form: 质量品牌故事演讲 / 质量品牌故事微电影 / 质量品牌创新案例 (附件2).</summary>
    public static string FormName(Track track) => track switch
    {
        Track.Speech => "质量品牌故事演讲",
        Track.MicroFilm => "质量品牌故事微电影",
        _ => "质量品牌创新案例",
    };
}
