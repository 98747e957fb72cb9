namespace Judging.Tests.Import;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Judging.App.Import;
using Judging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The import report follows the UI culture of the import (issue 12, section 3): on an English page (UI culture en, as
/// the organiser's import page runs after the culture cookie c=en|uic=en) every problem and count label is English, the
/// file's column names and values quoted as they are; under zh-CN (the default) the same file gives the Chinese text.
/// </summary>
public sealed partial class ImporterEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    private static Dictionary<string, byte[]> Seeds(Func<string, string, string>? edit = null) =>
        Directory.GetFiles(Path.Combine(Paths.Root, "seeds"), "*.csv").ToDictionary(f => Path.GetFileName(f), f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f, Encoding.UTF8);
            if (name == "competition.csv") text = text.Replace("2025上海市质量品牌故事大赛", "英文测试大赛" + Guid.NewGuid().ToString("N")[..6]);
            if (name == "judges.csv") text = SeedText.BlankSignInCodes(text);
            if (edit is not null) text = edit(name, text);
            return Encoding.UTF8.GetBytes(text);
        });

    private static string Line(string text, int line, Func<string, string> edit)
    {
        var lines = text.Split('\n');
        lines[line - 1] = edit(lines[line - 1]);
        return string.Join('\n', lines);
    }

    /// <summary>Imports in <paramref name="culture"/> as a page in that language would (the UI culture of the call).</summary>
    private async Task<ImportReport> ImportAsync(string culture, Dictionary<string, byte[]> files)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CompetitionImporter>().ImportAsync(files, default);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    /// <summary>An unknown unit, a bad date and an empty title.</summary>
    /// <summary>competition.csv without its 年度 column (the import stops at the missing column).</summary>
    private static Dictionary<string, byte[]> MissingColumn() => Seeds((n, t) => n == "competition.csv" ? t.Replace("年度", "年份") : t);

    private static Dictionary<string, byte[]> BadFiles() => Seeds((n, t) => n switch
    {
        "entries.csv" => Line(Line(t, 5, l => l.Replace("上海", "下海")), 2, l => { var c = l.Split(','); c[1] = ""; return string.Join(',', c); }),
        "divisions.csv" => Line(t, 2, l => l.Replace("2025-", "25-")),
        "judges.csv" => Line(t, 9, l => { var c = l.Split(','); c[6] = "ab12"; return string.Join(',', c); }),
        "score_sheets.csv" => Line(t, 2, l => l.Replace(",主题内容,30,", ",主题内容,29,")),
        _ => t,
    });

    [Fact]
    public async Task A_bad_file_imported_in_english_is_reported_in_english_with_the_files_column_names_as_they_are()
    {
        var report = await ImportAsync("en", BadFiles());

        Assert.False(report.Succeeded);
        var problems = report.Problems.Select(p => $"{p.File}|{p.Line}|{p.Reason}").ToList();
        var all = string.Join("\n", problems);
        Assert.Contains("entries.csv|2|Column “作品名称” must not be empty", problems);
        Assert.Contains(problems, p => Regex.IsMatch(p, @"^entries\.csv\|5\|“下海[^”]+” in column “参赛单位” is not in units\.csv$"));
        Assert.Contains("divisions.csv|2|“比赛日期” must be a date written yyyy-MM-dd; found “25-", all);
        Assert.Contains("judges.csv|9|“登录码” is too easy to guess: at least 8 characters (4 given) (leave it empty to have one generated)", problems);
        Assert.Contains(problems, p => p.StartsWith("score_sheets.csv|", StringComparison.Ordinal)
            && p.EndsWith("|Score sheet “演讲初赛评分表”: The criteria maxima total 99; they must total 100", StringComparison.Ordinal));
        // Apart from the quoted column names and the file's own values, nothing is left in Chinese.
        foreach (var p in report.Problems)
        {
            Assert.False(Han().IsMatch(Regex.Replace(p.Reason, "“[^”]*”", "")), $"Chinese left in: {p.Reason}");
        }

        var missing = await ImportAsync("en", MissingColumn());
        Assert.Contains(missing.Problems, p => p.File == "competition.csv" && p.Line == 1 && p.Reason == "Missing columns: 年度");
    }

    [Fact]
    public async Task The_same_bad_file_imported_in_chinese_is_reported_in_chinese()
    {
        var report = await ImportAsync("zh-CN", BadFiles());

        var problems = report.Problems.Select(p => $"{p.File}|{p.Line}|{p.Reason}").ToList();
        Assert.Contains("entries.csv|2|“作品名称”不能为空", problems);
        Assert.Contains(problems, p => Regex.IsMatch(p, @"^entries\.csv\|5\|参赛单位“下海[^”]+”不在 units\.csv 中$"));
        Assert.Contains(problems, p => p.StartsWith("divisions.csv|2|“比赛日期”须为 yyyy-MM-dd，实际为“25-", StringComparison.Ordinal));
        Assert.Contains("judges.csv|9|“登录码”过于简单：至少 8 位（实际 4 位）（可留空由系统生成）", problems);
        Assert.Contains(problems, p => p.StartsWith("score_sheets.csv|", StringComparison.Ordinal)
            && p.EndsWith("|评分表“演讲初赛评分表”：评分项满分合计为 99，应为 100", StringComparison.Ordinal));

        var missing = await ImportAsync("zh-CN", MissingColumn());
        Assert.Contains(missing.Problems, p => p.File == "competition.csv" && p.Line == 1 && p.Reason == "缺少列：年度");
    }

    [Fact]
    public async Task A_successful_import_in_english_counts_with_english_labels()
    {
        var report = await ImportAsync("en", Seeds());

        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        Assert.Equal(115, report.Counts["Entries"]);
        Assert.Equal(53, report.Counts["Judges"]);
        Assert.Equal(6, report.Counts["Rounds"]);
        Assert.DoesNotContain(report.Counts.Keys, k => Han().IsMatch(k));
    }
}
