namespace Judging.App.Components.Pages.Public;

using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>
/// The language of the public pages (film gallery and film page, venue vote, results, case submission link; issue 12,
/// section 3). They hold no circuit and set no cookie of their own: a visitor who opened a page with
/// <c>?culture=en</c> keeps it because every link, form action and redirect between public pages carries it on
/// (<see cref="Keep"/>). A visitor who chose English with the staff header's switch has the culture cookie instead, and
/// links need nothing.
/// </summary>
/// <remarks>
/// Data written in Chinese (film titles, units, names, the competition's name, an organiser's reasons) stays Chinese
/// in English: on an English page its element carries <c>lang="zh-CN"</c> (<see cref="DataLang"/>), which is right for
/// screen readers and is the convention the tests use to tell data from interface text (PublicEnglishTests).
/// </remarks>
public static class PublicCulture
{
    /// <summary>The query-string parameter of the culture (<c>QueryStringRequestCultureProvider</c>'s).</summary>
    public const string Parameter = "culture";

    /// <summary>True when the current UI culture is English.</summary>
    public static bool IsEnglish => !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>
    /// <c>"zh-CN"</c> on an English page, null on a Chinese one (then Razor writes no attribute, and the Chinese page
    /// weighs what it did): the <c>lang</c> of an element that shows Chinese data.
    /// </summary>
    public static string? DataLang => IsEnglish ? "zh-CN" : null;

    /// <summary>
    /// <paramref name="url"/> (a local path, with or without query and fragment) with <c>culture=</c> the current UI
    /// culture added when this request chose its culture by the query string; otherwise <paramref name="url"/> as is.
    /// </summary>
    public static string Keep(HttpContext? http, string url) =>
        http is not null && http.Request.Query.ContainsKey(Parameter)
            ? QueryHelpers.AddQueryString(url, Parameter, CultureInfo.CurrentUICulture.Name)
            : url;

    /// <summary>
    /// The current page (path and query, other parameters kept) in <paramref name="culture"/> (<c>zh-CN</c> or <c>en</c>):
    /// the href of the language link.
    /// </summary>
    public static string Switch(HttpContext http, string culture)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, Parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new(Parameter, culture));
        return QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
    }
}
