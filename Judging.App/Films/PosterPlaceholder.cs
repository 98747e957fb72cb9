namespace Judging.App.Films;

using System.Globalization;
using System.Net;
using System.Text;

/// <summary>The poster shown while a film has no poster frame: an SVG, 480×270, the title in white on a dark background.</summary>
public static class PosterPlaceholder
{
    /// <summary>Characters per line of the title (Chinese characters at 26 px in 480 px).</summary>
    public const int LineLength = 14;

    /// <summary>
    /// The SVG document (UTF-8 text) for <paramref name="title"/> and <paramref name="code"/> (作品编号, may be empty): up to
    /// three lines of title (the last cut with "…"), a play mark, and "暂无海报" under it. Text is XML-escaped.
    /// </summary>
    public static string Svg(string title, string code)
    {
        var lines = new List<string>();
        for (var i = 0; i < title.Length && lines.Count < 3; i += LineLength)
            lines.Add(title.Substring(i, Math.Min(LineLength, title.Length - i)));
        if (title.Length > 3 * LineLength) lines[2] = lines[2][..(LineLength - 1)] + "…";
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"270\" viewBox=\"0 0 480 270\" role=\"img\" aria-label=\"")
          .Append(WebUtility.HtmlEncode(title)).Append("\">");
        sb.Append("<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"#1f2937\"/><stop offset=\"1\" stop-color=\"#0b1220\"/></linearGradient></defs>");
        sb.Append("<rect width=\"480\" height=\"270\" fill=\"url(#g)\"/>");
        sb.Append("<circle cx=\"240\" cy=\"78\" r=\"30\" fill=\"none\" stroke=\"#e5e7eb\" stroke-opacity=\"0.6\" stroke-width=\"3\"/><path d=\"M231 62 L256 78 L231 94 Z\" fill=\"#e5e7eb\" fill-opacity=\"0.8\"/>");
        sb.Append("<g font-family=\"'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif\" text-anchor=\"middle\" fill=\"#f9fafb\">");
        var y = 140;
        foreach (var line in lines)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"240\" y=\"{y}\" font-size=\"26\" font-weight=\"600\">").Append(WebUtility.HtmlEncode(line)).Append("</text>");
            y += 34;
        }
        var foot = string.IsNullOrWhiteSpace(code) ? "暂无海报" : code + " · 暂无海报";
        sb.Append("<text x=\"240\" y=\"252\" font-size=\"15\" fill=\"#9ca3af\">").Append(WebUtility.HtmlEncode(foot)).Append("</text></g></svg>");
        return sb.ToString();
    }
}
