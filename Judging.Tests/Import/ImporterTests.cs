namespace Judging.Tests.Import;

using System.Text;
using Judging.App.Import;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>All-or-nothing import with a row-by-row report (docs/import-formats.md).</summary>
public sealed class ImporterTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public ImporterTests(TestApp app) => this.app = app;

    private static Dictionary<string, byte[]> Seeds(Func<string, string, string>? edit = null) =>
        Directory.GetFiles(Path.Combine(Paths.Root, "seeds"), "*.csv").ToDictionary(f => Path.GetFileName(f), f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f, Encoding.UTF8);
            // A new competition each time, and generated sign-in codes (they are unique across competitions).
            if (name == "competition.csv") text = text.Replace("2025上海市质量品牌故事大赛", "测试大赛" + Guid.NewGuid().ToString("N")[..6]);
            if (name == "judges.csv") text = SeedText.BlankSignInCodes(text);
            if (edit is not null) text = edit(name, text);
            return Encoding.UTF8.GetBytes(text);
        });

    private async Task<ImportReport> ImportAsync(Dictionary<string, byte[]> files)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CompetitionImporter>().ImportAsync(files, default);
    }

    private static string Line(string text, int line, Func<string, string> edit)
    {
        var lines = text.Split('\n');
        lines[line - 1] = edit(lines[line - 1]);
        return string.Join('\n', lines);
    }

    private async Task AssertRejectedAsync(Dictionary<string, byte[]> files, string file, int line, string reason)
    {
        var report = await AssertNothingWrittenAsync(files);
        Assert.Contains(report.Problems, p => p.File == file && p.Line == line && p.Reason.Contains(reason));
    }

    /// <summary>Imports <paramref name="files"/>, expects a refusal and that no competition, entry or score was written.</summary>
    private async Task<ImportReport> AssertNothingWrittenAsync(Dictionary<string, byte[]> files)
    {
        var competitions = await app.WithDbAsync(db => db.Competitions.CountAsync());
        var entries = await app.WithDbAsync(db => db.Entries.CountAsync());
        var scores = await app.WithDbAsync(db => db.ScoreRecords.CountAsync());
        var report = await ImportAsync(files);
        Assert.False(report.Succeeded);
        Assert.Equal(competitions, await app.WithDbAsync(db => db.Competitions.CountAsync()));
        Assert.Equal(entries, await app.WithDbAsync(db => db.Entries.CountAsync()));
        Assert.Equal(scores, await app.WithDbAsync(db => db.ScoreRecords.CountAsync()));
        return report;
    }

    [Fact]
    public async Task The_seeds_import_completely()
    {
        var report = await ImportAsync(Seeds());
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        Assert.Equal(115, report.Counts["参赛作品"]); // 60 speeches, 30 films, 25 cases
        Assert.Equal(53, report.Counts["评委"]); // 7 per division, the final's 9, 7 film and 9 case experts
        Assert.Equal(6, report.Counts["轮次"]); // 4 speech preliminaries, the film preliminary, the cases' first review
        var codes = await app.WithDbAsync(db => db.Judges.Where(j => j.CompetitionId == report.CompetitionId).Select(j => j.AccessCode).ToListAsync());
        Assert.All(codes, c => Assert.Equal(8, c.Length)); // generated where left blank
    }

    [Fact]
    public async Task An_unknown_unit_is_reported_at_its_line()
    {
        await AssertRejectedAsync(Seeds((n, t) => n == "entries.csv" ? Line(t, 5, l => l.Replace("上海", "下海")) : t), "entries.csv", 5, "不在 units.csv 中");
    }

    [Fact]
    public async Task A_duplicate_entry_number_is_reported()
    {
        await AssertRejectedAsync(Seeds((n, t) => n == "entries.csv" ? Line(t, 3, l => "YJ-001" + l[l.IndexOf(',')..]) : t), "entries.csv", 3, "重复");
    }

    [Fact]
    public async Task Criteria_not_totalling_100_are_reported()
    {
        await AssertRejectedAsync(Seeds((n, t) => n == "score_sheets.csv" ? t.Replace("主题内容,30,", "主题内容,29,") : t), "score_sheets.csv", 2, "合计为 99");
    }

    [Fact]
    public async Task A_missing_field_is_reported()
    {
        await AssertRejectedAsync(Seeds((n, t) => n == "entries.csv" ? Line(t, 2, l => { var c = l.Split(','); c[1] = ""; return string.Join(',', c); }) : t), "entries.csv", 2, "“作品名称”不能为空");
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_reported()
    {
        var files = Seeds();
        files["units.csv"] = Encoding.Latin1.GetBytes("参赛单位").Concat(new byte[] { 0xC9, 0xCF, 0xBA, 0xA3 }).ToArray();
        await AssertRejectedAsync(files, "units.csv", 0, "UTF-8");
    }

    [Fact]
    public async Task A_missing_file_or_column_is_reported()
    {
        var files = Seeds();
        files.Remove("judges.csv");
        await AssertRejectedAsync(files, "judges.csv", 0, "缺少此文件");
        await AssertRejectedAsync(Seeds((n, t) => n == "units.csv" ? t.Replace("单位性质", "性质") : t), "units.csv", 1, "缺少列：单位性质");
    }

    [Fact]
    public async Task More_than_five_entries_of_one_unit_in_a_track_are_reported()
    {
        var extra = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"X-{i},额外作品{i},上海电气电站设备有限公司,演讲,浦东赛区,某人,6"));
        var order = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"浦东赛区,{15 + i},X-{i}"));
        var files = Seeds((n, t) => n switch { "entries.csv" => t.TrimEnd() + "\n" + extra + "\n", "running_order.csv" => t.TrimEnd() + "\n" + order + "\n", _ => t });
        var report = await ImportAsync(files);
        Assert.Contains(report.Problems, p => p.File == "entries.csv" && p.Reason.Contains("超过每类 5 个"));
    }

    [Fact]
    public async Task A_conflict_unit_that_does_not_exist_and_a_gap_in_the_running_order_are_reported()
    {
        await AssertRejectedAsync(Seeds((n, t) => n == "judges.csv" ? Line(t, 2, l => { var c = l.Split(','); c[3] = "某不存在单位"; return string.Join(',', c); }) : t), "judges.csv", 2, "回避单位");
        await AssertRejectedAsync(Seeds((n, t) => n == "running_order.csv" ? Line(t, 2, l => l.Replace(",1,", ",99,")) : t), "running_order.csv", 0, "连续编号");
    }

    [Fact]
    public async Task Every_problem_is_listed_not_just_the_first()
    {
        var report = await ImportAsync(Seeds((n, t) => n switch
        {
            "entries.csv" => Line(Line(t, 2, l => l.Replace("演讲,", "朗诵,")), 4, l => l.Replace("上海", "下海")),
            "divisions.csv" => Line(t, 2, l => l.Replace("2025-", "25-")),
            _ => t,
        }));
        Assert.Contains(report.Problems, p => p.File == "entries.csv" && p.Line == 2 && p.Reason.Contains("赛道"));
        Assert.Contains(report.Problems, p => p.File == "entries.csv" && p.Line == 4);
        Assert.Contains(report.Problems, p => p.File == "divisions.csv" && p.Line == 2 && p.Reason.Contains("yyyy-MM-dd"));
    }

    [Fact]
    public void A_unit_may_enter_five_speeches_or_films_but_one_innovation_case()
    {
        Assert.Equal(5, CompetitionImporter.MaxEntriesPerUnit(Judging.Domain.Competitions.Track.Speech));
        Assert.Equal(5, CompetitionImporter.MaxEntriesPerUnit(Judging.Domain.Competitions.Track.MicroFilm));
        Assert.Equal(1, CompetitionImporter.MaxEntriesPerUnit(Judging.Domain.Competitions.Track.InnovationCase));
    }

    [Fact]
    public async Task A_second_innovation_case_of_one_unit_is_reported()
    {
        var extra = "C-1,案例一,上海电气电站设备有限公司,创新案例,,团队,\nC-2,案例二,上海电气电站设备有限公司,创新案例,,团队,\n";
        var report = await ImportAsync(Seeds((n, t) => n == "entries.csv" ? t.TrimEnd() + "\n" + extra : t));
        Assert.Contains(report.Problems, p => p.File == "entries.csv" && p.Reason.Contains("超过每类 1 个"));
    }
}
