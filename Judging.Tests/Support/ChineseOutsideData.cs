namespace Judging.Tests.Support;

using System.Text.RegularExpressions;

/// <summary>
/// The check behind the English page tests (issue 12, section 3): what Chinese a page shows once data is taken out. Data
/// is every text the database holds (names, titles, criteria, the audit log), split at separators and removed longest
/// first; "中文" (the language switch's own label) counts as data.
/// </summary>
public static partial class ChineseOutsideData
{
    /// <summary>A run of Han characters.</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    public static partial Regex Han();

    /// <summary>A set of data texts to fill with <see cref="Add"/>; it holds "中文" from the start.</summary>
    public static HashSet<string> NewData() => new(StringComparer.Ordinal) { "中文" };

    /// <summary>Adds the parts (split at ; newline | tab) of a stored value that has Han characters.</summary>
    public static void Add(ISet<string> data, string? value)
    {
        if (value is null || !Han().IsMatch(value)) return;
        // A JSON object of texts (a programme's CSV files, an application's typed fields): its names and values are data, and
        // a CSV file's cells too.
        if (value.StartsWith('{'))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(value);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    data.Add(p.Name);
                    if (p.Value.ValueKind != System.Text.Json.JsonValueKind.String) continue;
                    foreach (var cell in (p.Value.GetString() ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        Add(data, cell);
                        foreach (var part in cell.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) Add(data, part);
                    }
                }
                return;
            }
            catch (System.Text.Json.JsonException) { }
        }
        foreach (var part in value.Split([';', '\n', '|', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            data.Add(part);
    }

    /// <summary>Up to three snippets (about 30 characters each) around the Han left in <paramref name="text"/> once the data is removed.</summary>
    public static IReadOnlyList<string> Snippets(string text, IEnumerable<string> data)
    {
        foreach (var d in data.OrderByDescending(t => t.Length)) text = text.Replace(d, " ", StringComparison.Ordinal);
        return Han().Matches(text)
            .Select(m => text.Substring(Math.Max(0, m.Index - 12), Math.Min(32, text.Length - Math.Max(0, m.Index - 12))).ReplaceLineEndings(" "))
            .Take(3).ToList();
    }
}
