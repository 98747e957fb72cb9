namespace Judging.App.Registration.Forms;

using Judging.Domain.Competitions;

/// <summary>
/// The choices the printed forms list with tick boxes, in the notice's words and order (seed 000, 附件2 (一) and (二)). A
/// form's data names its choice by these words; the form ticks the one given and leaves the others empty. Issue 15, "PDF".
/// </summary>
public static class FormChoices
{
    /// <summary>The "other" choice of 单位性质 and 重点产业: 其他 (with a text).</summary>
    public const string Other = "其他";

    /// <summary>The "other" choice of 曾获相关荣誉, spelt 其它 in the notice (with a text).</summary>
    public const string OtherHonour = "其它";

    /// <summary>单位性质: 国有 / 民营 / 外资 / 合资 / 事业单位 / 其他.</summary>
    public static readonly IReadOnlyList<string> Natures = ["国有", "民营", "外资", "合资", "事业单位", Other];

    /// <summary>重点领域 (one): 制造 / 建设工程 / 市场服务 / 非营利性服务.</summary>
    public static readonly IReadOnlyList<string> KeyFields = ["制造", "建设工程", "市场服务", "非营利性服务"];

    /// <summary>重点产业 (one), grouped as the notice groups them (heading, choices); 其他 stands alone after the groups.</summary>
    public static readonly IReadOnlyList<(string Group, IReadOnlyList<string> Items)> KeyIndustryGroups =
    [
        ("两融合两转型", ["先进制造业和现代服务业融合", "数字化转型和绿色低碳转型"]),
        ("三大先导产业", ["集成电路", "生物医药", "人工智能"]),
        ("六大重点产业", ["电子信息", "生命健康", "汽车", "高端装备", "先进材料", "时尚消费品"]),
        ("四大新赛道产业", ["元宇宙", "绿色低碳", "数字经济", "智能终端"]),
        ("五大未来产业", ["未来健康", "未来智能", "未来能源", "未来空间", "未来材料"]),
    ];

    /// <summary>Every 重点产业 choice in the notice's order, 其他 last.</summary>
    public static readonly IReadOnlyList<string> KeyIndustries = [.. KeyIndustryGroups.SelectMany(g => g.Items), Other];

    /// <summary>作品类别 (one): 上海服务 / 上海制造 / 上海购物 / 上海文化.</summary>
    public static readonly IReadOnlyList<string> Categories = ["上海服务", "上海制造", "上海购物", "上海文化"];

    /// <summary>曾获相关荣誉 (any): the three named honours, then 其它 (with a text).</summary>
    public static readonly IReadOnlyList<string> Honours = ["上海品牌认证获证单位", "上海市品牌培育示范企业", "历届品牌故事比赛获奖单位"];

    /// <summary>The tracks in the notice's order, as the form names them (质量品牌故事演讲 / 质量品牌故事微电影 / 质量品牌创新案例).</summary>
    public static readonly IReadOnlyList<Track> Tracks = [Track.Speech, Track.MicroFilm, Track.InnovationCase];

    /// <summary>The track's name on the form: 质量品牌故事演讲 / 质量品牌故事微电影 / 质量品牌创新案例.</summary>
    public static string FormName(Track track) => track switch
    {
        Track.Speech => "质量品牌故事演讲",
        Track.MicroFilm => "质量品牌故事微电影",
        _ => "质量品牌创新案例",
    };

    /// <summary>
    /// Null or one of <paramref name="choices"/>; otherwise throws <see cref="ArgumentException"/> naming the field and the
    /// allowed words (a mapping error, not a user's: the pages offer only these).
    /// </summary>
    internal static string? Checked(string? value, IReadOnlyList<string> choices, string field)
    {
        if (value is null || choices.Contains(value)) return value;
        throw new ArgumentException($"{field} \"{value}\" is not one of: {string.Join(" / ", choices)}", field);
    }
}
