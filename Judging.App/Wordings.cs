namespace Judging.App;

using System.Globalization;
using Judging.Domain.Competitions;
using Microsoft.Extensions.Localization;

/// <summary>
/// Marker for the texts the rules build (<c>Resources/Wordings.en.resx</c>): the zh-CN formats of
/// <see cref="Wording"/>s (a finalist's remark, a tie's explanation, a tier size's arithmetic, an audience award's
/// standing) and the fixed names the Domain gives (award tiers, vote modes, the outlier rule). Keys are the zh-CN
/// wording, as everywhere (see <c>Components/UiModule.cs</c>); <c>LocalizationTests</c> fails when a format written in
/// the Domain or the app has no English here. A page injects <c>IStringLocalizer&lt;Wordings&gt; W</c> and writes
/// <c>@W.Word(line.Remark)</c>.
/// </summary>
public sealed class Wordings
{
    private Wordings() { }
}

/// <summary>Words a <see cref="Wording"/> (or a fixed zh-CN name from the Domain) in the current UI culture.</summary>
public static class WordingsExtensions
{
    /// <summary>
    /// <paramref name="wording"/> in the current UI culture: each format and separator looked up in <c>Wordings</c>
    /// (zh-CN, or a key without English, comes back as written), arguments formatted by the current culture, data as it
    /// is. Null gives null.
    /// </summary>
    public static string? Word(this IStringLocalizer<Wordings> W, Wording? wording) =>
        wording?.Render(key => W[key].Value, CultureInfo.CurrentCulture);

    /// <summary>A fixed zh-CN text of the Domain ("一等奖", <c>Outliers.RuleText</c>, a default award name) in the current UI culture; a text without a key (data) as it is.</summary>
    public static string Word(this IStringLocalizer<Wordings> W, string zh) => W[zh].Value;
}
