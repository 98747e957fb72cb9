namespace Judging.Domain.Programmes;

using System.Text.RegularExpressions;

/// <summary>
/// Reads a 质量标杆 summary written as a Word document into its five sections (seed 001 附件2 一: "（一）质量标杆名称 （二）摘要
/// （三）企业概况 （四）管理方法（技术）的推进和应用情况 （五）管理方法（技术）的实施效果"), so each is counted against its limit like
/// typed text (issue 13: "counted from the uploaded Word document per heading, or typed into the form"). A heading is a short
/// paragraph (at most 30 characters) that, after an optional number such as （一）, 一、, 1. or 第一部分, names a section by its
/// key words at its start (质量标杆名称 / 名称, 摘要, 企业概况 / 概况, 推进和应用(情况), 实施效果, after 管理方法（技术）的), with at
/// most 4 characters after them; the section is every paragraph after it up to the next
/// heading, joined by '\n'. Text before the first heading is ignored. A heading found twice keeps its first section.
/// </summary>
public static partial class BenchmarkSummaryDocument
{
    /// <summary>The sections in the notice's order: the form field each fills and the key words of its heading.</summary>
    public static readonly IReadOnlyList<(string Field, string[] Keys)> Sections =
    [
        ("质量标杆名称", ["质量标杆名称", "名称"]),
        ("摘要", ["摘要"]),
        ("企业概况", ["企业概况", "概况"]),
        ("推进和应用", ["推进和应用"]),
        ("实施效果", ["实施效果"]),
    ];

    /// <summary>What the notice puts before 推进和应用 and 实施效果 ("管理方法（技术）的").</summary>
    private static readonly string[] MethodPrefixes = ["管理方法（技术）的", "管理方法(技术)的", "管理方法的"];

    /// <summary>A heading's length limit in characters.</summary>
    public const int MaxHeadingChars = 30;

    [GeneratedRegex(@"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|第[一二三四五六七八九十]+部分[：:、]?)?\s*")]
    private static partial Regex Numbering();

    /// <summary>
    /// The sections found in <paramref name="text"/> (paragraphs separated by '\n', as <see cref="Cases.DocxText"/> gives them):
    /// form field → the section's text (trimmed). Sections without a heading are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (Heading(line) is { } field)
            {
                current = found.ContainsKey(field) ? null : found[field] = [];
                continue;
            }
            if (line.Length > 0) current?.Add(line);
        }
        return found.ToDictionary(kv => kv.Key, kv => string.Join("\n", kv.Value));
    }

    /// <summary>The section <paramref name="line"/> heads, or null when it is not a heading.</summary>
    public static string? Heading(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Trim();
        if (line.Length == 0 || line.Length > MaxHeadingChars) return null;
        var rest = Numbering().Replace(line, "", 1).TrimEnd('：', ':', ' ');
        foreach (var prefix in MethodPrefixes)
            if (rest.StartsWith(prefix, StringComparison.Ordinal)) rest = rest[prefix.Length..];
        // The longer key words first: "质量标杆名称" before "名称", so a heading is taken by its most specific section.
        foreach (var (field, keys) in Sections.OrderByDescending(s => s.Keys.Max(k => k.Length)))
            if (keys.Any(k => rest.StartsWith(k, StringComparison.Ordinal) && rest.Length <= k.Length + 4))
                return field;
        return null;
    }
}
