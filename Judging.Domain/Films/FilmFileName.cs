namespace Judging.Domain.Films;

using System.Text;

/// <summary>
/// The name a film file carries when downloaded: "单位名称+参赛作品名称" and the container's extension
/// (seed 000, 一、参赛要求: 视频文件须以"单位名称+参赛作品名称"命名).
/// </summary>
public static class FilmFileName
{
    /// <summary>Longest name kept, in characters, before the extension (file systems allow 255 bytes; Chinese takes 3 each in UTF-8).</summary>
    public const int MaxStemLength = 80;

    /// <summary>
    /// <c>单位名称+作品名称.mp4</c> for <paramref name="unitName"/>, <paramref name="title"/> and <paramref name="container"/>.
    /// Characters that file systems refuse (<c>/ \ : * ? " &lt; &gt; |</c> and control characters) become <c>_</c>; the
    /// stem is cut to <see cref="MaxStemLength"/> characters. Never throws; an empty part is left out.
    /// </summary>
    public static string For(string unitName, string title, VideoContainer container)
    {
        var stem = string.Join("+", new[] { unitName, title }.Select(p => p.Trim()).Where(p => p.Length > 0));
        var sb = new StringBuilder(stem.Length);
        foreach (var ch in stem) sb.Append(char.IsControl(ch) || "/\\:*?\"<>|".Contains(ch) ? '_' : ch);
        var clean = sb.ToString();
        if (clean.Length > MaxStemLength) clean = clean[..MaxStemLength];
        if (clean.Length == 0) clean = "film";
        return clean + VideoFormat.Extension(container);
    }
}
