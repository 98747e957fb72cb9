namespace Judging.App.Import;

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

/// <summary>A problem found in an import: file, line (header = line 1; 0 = the whole file) and a Chinese reason.</summary>
public sealed record ImportProblem(string File, int Line, string Reason)
{
    /// <summary>"entries.csv 第3行: 参赛单位“某某”不存在".</summary>
    public override string ToString() => Line > 0 ? $"{File} 第{Line}行：{Reason}" : $"{File}：{Reason}";
}

/// <summary>One CSV file read by header name (CsvHelper), with its rows' line numbers.</summary>
public sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string FileName { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    private CsvTable(string fileName, IReadOnlyList<CsvRow> rows) { FileName = fileName; Rows = rows; }

    /// <summary>
    /// Reads <paramref name="bytes"/> as UTF-8 (BOM allowed) CSV with a header row that must hold every
    /// name in <paramref name="columns"/>; <paramref name="optional"/> columns may be absent (their values are then "").
    /// Returns null and adds problems when the file is not UTF-8 or a required column is missing.
    /// </summary>
    public static CsvTable? Read(string fileName, byte[] bytes, IReadOnlyList<string> columns, List<ImportProblem> problems,
        IReadOnlyList<string>? optional = null)
    {
        string text;
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) span = span[3..];
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(fileName, 0, "文件不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8（逗号分隔）”）"));
            return null;
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            problems.Add(new(fileName, 0, "文件为空，缺少表头"));
            return null;
        }
        var header = csv.HeaderRecord.Select(h => h.Trim()).ToArray();
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new(fileName, 1, $"缺少列：{string.Join("、", missing)}"));
            return null;
        }
        var all = columns.Concat(optional ?? []).ToList();
        var index = all.ToDictionary(c => c, c => Array.IndexOf(header, c));
        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            var values = all.ToDictionary(c => c, c => (index[c] >= 0 && csv.TryGetField<string>(index[c], out var v) ? v : null)?.Trim() ?? "");
            if (values.Values.All(string.IsNullOrEmpty)) continue;
            rows.Add(new CsvRow(fileName, line, values));
        }
        return new CsvTable(fileName, rows);
    }
}

/// <summary>One data row: its line number and its values by column name (trimmed, "" when empty).</summary>
public sealed record CsvRow(string File, int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value of <paramref name="column"/>.</summary>
    public string this[string column] => Values[column];

    /// <summary>The value, or adds "缺少“column”" and returns null when empty.</summary>
    public string? Required(string column, List<ImportProblem> problems)
    {
        var v = Values[column];
        if (string.IsNullOrEmpty(v)) { problems.Add(new(File, Line, $"“{column}”不能为空")); return null; }
        return v;
    }

    /// <summary>Adds a problem at this row.</summary>
    public void Problem(List<ImportProblem> problems, string reason) => problems.Add(new(File, Line, reason));
}
