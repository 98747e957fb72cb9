namespace Judging.App.Registration.Forms;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// The choices the printed forms list with tick boxes, in the notice's words and order (seed 000, 附件2 (一) and (二)). A
/// form's data names its choice by these words; the form ticks the one given and leaves the others empty. Issue 15, "PDF".
/// </summary>
public static class FormChoices
{
    /// <summary>The "other" choice of 单位性质 and 重点产业: 其他 (with a text).</summary>
    public const string Other = RegistrationChoices.Other;

    /// <summary>The "other" choice of 曾获相关荣誉, spelt 其它 in the notice (with a text).</summary>
    public const string OtherHonour = RegistrationChoices.OtherHonour;

    /// <summary>单位性质: 国有 / 民营 / 外资 / 合资 / 事业单位 / 其他 (<see cref="RegistrationChoices.Natures"/>).</summary>
    public static IReadOnlyList<string> Natures => RegistrationChoices.Natures;

    /// <summary>重点领域 (one) (<see cref="RegistrationChoices.KeyFields"/>).</summary>
    public static IReadOnlyList<string> KeyFields => RegistrationChoices.KeyFields;

    /// <summary>重点产业 (one), grouped as the notice groups them (heading, choices); 其他 stands alone after the groups.</summary>
    public static readonly IReadOnlyList<(string Group, IReadOnlyList<string> Items)> KeyIndustryGroups =
        [.. RegistrationChoices.KeyIndustryGroups.Where(g => g.Name != Other).Select(g => (g.Name, g.Items))];

    /// <summary>Every 重点产业 choice in the notice's order, 其他 last (<see cref="RegistrationChoices.KeyIndustries"/>).</summary>
    public static IReadOnlyList<string> KeyIndustries => RegistrationChoices.KeyIndustries;

    /// <summary>作品类别 (one) (<see cref="RegistrationChoices.Categories"/>).</summary>
    public static IReadOnlyList<string> Categories => RegistrationChoices.Categories;

    /// <summary>曾获相关荣誉 (any): the three named honours, without 其它 (printed with its text).</summary>
    public static readonly IReadOnlyList<string> Honours = [.. RegistrationChoices.Honours.Where(h => h != OtherHonour)];

    /// <summary>The tracks in the notice's order, as the form names them (质量品牌故事演讲 / 质量品牌故事微电影 / 质量品牌创新案例).</summary>
    public static readonly IReadOnlyList<Track> Tracks = [Track.Speech, Track.MicroFilm, Track.InnovationCase];

    /// <summary>The track's name on the form (<see cref="RegistrationChoices.FormName"/>).</summary>
    public static string FormName(Track track) => RegistrationChoices.FormName(track);

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
