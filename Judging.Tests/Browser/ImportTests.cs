namespace Judging.Tests.Browser;

using System.Text;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>The organiser imports the real lists; one bad row means nothing is imported, with row numbers.</summary>
public sealed class ImportTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{

    private static FilePayload[] SeedFiles(Func<string, string, string>? edit = null) =>
        Directory.GetFiles(Path.Combine(Paths.Root, "seeds"), "*.csv").Select(f =>
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f, Encoding.UTF8);
            if (edit is not null) text = edit(name, text);
            return new FilePayload { Name = name, MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] };
        }).ToArray();

    [Fact]
    public async Task A_bad_csv_import_is_rejected_whole_with_row_numbers_and_a_good_one_lands()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/import");
        await page.Locator("[data-testid=import-ready]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        var before = App.Scalar("SELECT COUNT(*) FROM Entries");

        var bad = SeedFiles((name, text) => name switch
        {
            "competition.csv" => text.Replace("2025上海市质量品牌故事大赛", "2026上海市质量品牌故事大赛"),
            // line 3: unknown unit; line 4: duplicate entry number (YJ-001 again)
            "entries.csv" => ReplaceLine(ReplaceLine(text, 3, "YJ-002,某作品,不存在的公司,演讲,浦东赛区,张三,6"), 4, "YJ-001,重复编号,上海电气电站设备有限公司,演讲,浦东赛区,李四,6"),
            "score_sheets.csv" => text.Replace("时间控制,10,", "时间控制,5,"),
            "judges.csv" => SeedText.BlankSignInCodes(text),
            _ => text,
        });
        await page.Locator("[data-testid=import-files]").SetInputFilesAsync(bad);
        var problems = page.Locator("[data-testid=import-problems]");
        await Expect(page.Locator("[data-testid=import-failed]")).ToContainTextAsync("未导入任何数据", new() { Timeout = 30000 }); // ten files parsed and checked: slow on a loaded machine
        await Expect(problems).ToContainTextAsync("不存在的公司");
        await Expect(problems.Locator("tr", new() { HasText = "不存在的公司" })).ToContainTextAsync("3");
        await Expect(problems.Locator("tr", new() { HasText = "“YJ-001”重复" })).ToContainTextAsync("4");
        await Expect(problems).ToContainTextAsync("合计为 95");
        await page.ShotAsync(Output, "import-rejected");
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM Competitions"));
        Assert.Equal(before, App.Scalar("SELECT COUNT(*) FROM Entries"));

        var notUtf8 = SeedFiles().Select(f => f.Name == "units.csv" ? new FilePayload { Name = f.Name, MimeType = "text/csv", Buffer = Encoding.GetEncoding("ISO-8859-1").GetBytes("参赛单位\n") .Concat(new byte[] { 0xC4, 0xE3, 0xBA, 0xC3 }).ToArray() } : f).ToArray();
        await page.Locator("[data-testid=import-files]").SetInputFilesAsync(notUtf8);
        await Expect(page.Locator("[data-testid=import-problems]")).ToContainTextAsync("UTF-8", new() { Timeout = 30000 });
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM Competitions"));

        var good = SeedFiles((name, text) => name == "competition.csv" ? text.Replace("2025上海市质量品牌故事大赛", "2026上海市质量品牌故事大赛").Replace(",2025", ",2026") : name == "judges.csv" ? SeedText.BlankSignInCodes(text) : text);
        await page.Locator("[data-testid=import-files]").SetInputFilesAsync(good);
        await Expect(page.Locator("[data-testid=import-ok]")).ToContainTextAsync("参赛作品 115", new() { Timeout = 30000 });
        Assert.Equal(2, App.Scalar("SELECT COUNT(*) FROM Competitions"));
    }

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement + (lines[line - 1].EndsWith('\r') ? "\r" : "");
        return string.Join('\n', lines);
    }
}
