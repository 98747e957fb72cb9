namespace Judging.App.Import;

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;

/// <summary>
/// A problem found in an import: file, line (header = line 1; 0 = the whole file) and a reason, worded in the UI culture
/// of the import (the organiser's page: Chinese or English; the seeds and tests: zh-CN by default).
/// </summary>
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
    /// Returns null and adds problems when the file is not UTF-8 or a required column is missing. The problems (here and
    /// in <see cref="CsvRow.Required"/>) are worded by <paramref name="localizer"/> (Resources/Import/CsvTable.en.resx),
    /// or in Chinese as written without one.
    /// </summary>
    public static CsvTable? Read(string fileName, byte[] bytes, IReadOnlyList<string> columns, List<ImportProblem> problems,
        IReadOnlyList<string>? optional = null, IStringLocalizer<CsvTable>? localizer = null)
    {
        IStringLocalizer L = (IStringLocalizer?)localizer ?? AsWritten.Instance;
        string text;
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) span = span[3..];
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(fileName, 0, L["文件不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8（逗号分隔）”）"]));
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
            problems.Add(new(fileName, 0, L["文件为空，缺少表头"]));
            return null;
        }
        var header = csv.HeaderRecord.Select(h => h.Trim()).ToArray();
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new(fileName, 1, L["缺少列：{0}", string.Join(localizer is null || CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "、" : ", ", missing)]));
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
            rows.Add(new CsvRow(fileName, line, values) { Localizer = L });
        }
        return new CsvTable(fileName, rows);
    }

    /// <summary>The texts as written (zh-CN), for a caller without a localizer (the case seeder).</summary>
    internal sealed class AsWritten : IStringLocalizer
    {
        public static readonly AsWritten Instance = new();
        private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(Chinese, name, arguments), resourceNotFound: true);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}

/// <summary>One data row: its line number and its values by column name (trimmed, "" when empty).</summary>
public sealed record CsvRow(string File, int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Words <see cref="Required"/>'s problem: the table's localizer (see <see cref="CsvTable.Read"/>).</summary>
    internal IStringLocalizer? Localizer { private get; init; }

    /// <summary>The value of <paramref name="column"/>.</summary>
    public string this[string column] => Values[column];

    /// <summary>The value, or adds "“column”不能为空" (in the table's language) and returns null when empty.</summary>
    public string? Required(string column, List<ImportProblem> problems)
    {
        var v = Values[column];
        var L = Localizer ?? CsvTable.AsWritten.Instance;
        if (string.IsNullOrEmpty(v)) { problems.Add(new(File, Line, L["“{0}”不能为空", column])); return null; }
        return v;
    }

    /// <summary>Adds a problem at this row.</summary>
    public void Problem(List<ImportProblem> problems, string reason) => problems.Add(new(File, Line, reason));
}
