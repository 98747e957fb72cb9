namespace Judging.App.Programmes.Import;

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Judging.Domain.Competitions;

/// <summary>One data row of a <see cref="CsvSheet"/>: the line it starts on (the header is line 1) and its values by column.</summary>
internal sealed record CsvSheetRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value of <paramref name="column"/> (a column asked for when reading; "" when absent or empty).</summary>
    public string this[string column] => Values[column];
}

/// <summary>
/// The CSV reading shared by the programme importers (issue 13, step 0): <see cref="ProgrammeImport"/>,
/// <see cref="ApplicantImport"/> and <see cref="CalendarImport"/>. CsvHelper's parser (RFC 4180: comma separated, "…"
/// quoting with "" for a quote, a quoted field may span lines; \n or \r\n line ends); a leading BOM is ignored, blank lines
/// and rows whose fields are all blank are skipped, fields are trimmed. The header row (the first non-blank one) must name
/// every required column, in any order; extra columns are ignored.
/// </summary>
internal static class CsvSheet
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        IgnoreBlankLines = true,
    };

    /// <summary>
    /// The data rows of <paramref name="text"/> with the values of <paramref name="columns"/> (required) and
    /// <paramref name="optional"/> (may be absent: ""), or null after reporting through <paramref name="problem"/> (line,
    /// reason): "文件为空，缺少表头" (line 0), "缺少列：甲、乙" (the header's line), "引号未闭合" (the line of the row whose
    /// quote never closes).
    /// </summary>
    public static List<CsvSheetRow>? Read(string text, IReadOnlyList<string> columns, IReadOnlyList<string> optional, Action<int, Wording> problem)
    {
        using var parser = new CsvParser(new StringReader(text.TrimStart('\uFEFF')), Config);
        string[]? header = null;
        int[] at = [];
        var all = columns.Concat(optional).ToList();
        var rows = new List<CsvSheetRow>();
        while (parser.Read())
        {
            var raw = parser.RawRecord;
            var fields = parser.Record ?? [];
            var quotes = raw.Count(c => c == '"');
            var breaks = raw.Count(c => c == '\n');
            // RawRow is the record's last line; its own line end (when it is not inside an open quote) does not count.
            var unclosed = quotes % 2 == 1;
            var line = parser.RawRow - breaks + (!unclosed && raw.EndsWith('\n') ? 1 : 0);
            if (unclosed)
            {
                problem(line, Wording.Of("引号未闭合"));
                return null;
            }
            if (fields.All(f => f.Trim().Length == 0)) continue;
            if (header is null)
            {
                header = fields.Select(h => h.Trim()).ToArray();
                var missing = columns.Where(c => !header.Contains(c)).ToList();
                if (missing.Count > 0)
                {
                    problem(line, Wording.Of("缺少列：{0}", string.Join("、", missing)));
                    return null;
                }
                at = all.Select(c => Array.IndexOf(header, c)).ToArray();
                continue;
            }
            var values = new Dictionary<string, string>(all.Count, StringComparer.Ordinal);
            for (var i = 0; i < all.Count; i++)
                values[all[i]] = at[i] >= 0 && at[i] < fields.Length ? fields[at[i]].Trim() : "";
            rows.Add(new(line, values));
        }
        if (header is null)
        {
            problem(0, Wording.Of("文件为空，缺少表头"));
            return null;
        }
        return rows;
    }
}
