namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.App.Import;

/// <summary>The import report on <c>/organiser/import</c> (issue 12, section 2): problems listed with file, line and reason; nothing shown as imported when the import failed.</summary>
public sealed class ImportReportTests
{
    [Fact]
    public async Task A_failed_import_lists_every_problem_with_its_line_and_shows_no_count()
    {
        await using var ctx = ComponentContext.Create();
        ctx.RenderProviders();
        // The importer found two bad rows; it reports no counts, and the page must not show any as imported.
        var report = new ImportReport(null,
            [new ImportProblem("entries.csv", 3, "参赛单位“不存在的公司”不存在"), new ImportProblem("entries.csv", 4, "作品编号“YJ-001”重复"), new ImportProblem("units.csv", 0, "文件不是 UTF-8 编码")],
            new Dictionary<string, int>());
        var view = ctx.Render<ImportReportView>(p => p.Add(x => x.Report, report));

        Assert.Contains("未导入任何数据", view.Find("[data-testid=import-failed]").TextContent);
        Assert.Contains("3 个问题", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=import-ok]"));
        var rows = view.FindAll("[data-testid=import-problems] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r[0] == "entries.csv" && r[1] == "3" && r[2].Contains("不存在的公司", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "entries.csv" && r[1] == "4" && r[2].Contains("YJ-001", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "units.csv" && r[1] == "—"); // a whole-file problem has no line
    }

    [Fact]
    public async Task A_report_with_problems_is_a_failure_even_when_the_importer_gave_an_id_and_counts()
    {
        await using var ctx = ComponentContext.Create();
        ctx.RenderProviders();
        // Succeeded needs no problems AND an id: a report with both must still read as "nothing imported".
        var report = new ImportReport(7, [new ImportProblem("judges.csv", 2, "登录码重复")], new Dictionary<string, int> { ["参赛作品"] = 115 });
        var view = ctx.Render<ImportReportView>(p => p.Add(x => x.Report, report));

        Assert.Empty(view.FindAll("[data-testid=import-ok]"));
        Assert.DoesNotContain("参赛作品 115", view.Markup);
        Assert.Contains("登录码重复", view.Find("[data-testid=import-problems]").TextContent);
    }

    [Fact]
    public async Task A_successful_import_shows_its_counts_and_no_problem_grid()
    {
        await using var ctx = ComponentContext.Create("en");
        ctx.RenderProviders();
        var report = new ImportReport(2, [], new Dictionary<string, int> { ["参赛作品"] = 115, ["评委"] = 12 });
        var view = ctx.Render<ImportReportView>(p => p.Add(x => x.Report, report));

        Assert.Contains("Imported: 参赛作品 115, 评委 12.", view.Find("[data-testid=import-ok]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=import-failed]"));
        Assert.Empty(view.FindAll("[data-testid=import-problems]"));
    }
}
