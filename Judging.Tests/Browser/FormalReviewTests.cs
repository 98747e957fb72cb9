namespace Judging.Tests.Browser;

using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Formal review in the browser (issue 5): the organiser returns AL-003 with a reason; the unit opens its submission
/// link on a phone, sees the reason and uploads a corrected .docx; the organiser sees 已重新提交 with both versions in
/// the history and accepts it. Runs on the full seeds, whose <c>seeds/cases</c> documents load on start.
/// </summary>
public sealed class FormalReviewTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact]
    public async Task Organiser_returns_AL_003_and_it_comes_back_resubmitted_then_accepted()
    {
        var competitionId = App.Scalar("SELECT Id FROM Competitions ORDER BY Id LIMIT 1");
        var organiser = await Browser.OrganiserAsync(App);
        var queue = await organiser.NewPageAsync();
        await queue.GotoAsync($"{App.BaseUrl}/organiser");
        await queue.ClickAsync("[data-testid=formal-review]");
        await Expect(queue.Locator("[data-testid=fr-status-AL-003]")).ToHaveTextAsync("待审查");
        await People.WaitForCircuitAsync(queue);
        await queue.ClickAsync("[data-testid=fr-row-AL-001]");
        await Expect(queue.Locator("[data-testid=fr-item-TitleRepeat]")).ToContainTextAsync("YJ-001");
        await queue.ShotAsync(Output, "formal-review-1-queue-al001-repeat");

        await queue.ClickAsync("[data-testid=fr-row-AL-003]");
        await Expect(queue.Locator("[data-testid=fr-detail] h2")).ToContainTextAsync("AL-003");
        await Expect(queue.Locator("[data-testid=fr-preview]")).ToContainTextAsync("锅炉焊接质量大数据预警体系");
        // A return needs a reason: the reason dialog's confirm stays disabled until one is written.
        await queue.ClickAsync("[data-testid=fr-return]");
        await Expect(queue.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await queue.FillAsync(".mud-dialog textarea", "缺少盖章申报表，请补充后重新提交");
        await queue.ShotAsync(Output, "formal-review-1b-return-reason");
        await queue.ClickAsync("[data-testid=reason-confirm]");
        await Expect(queue.Locator("[data-testid=fr-notice]")).ToContainTextAsync("已退回修改");
        await Expect(queue.Locator("[data-testid=fr-detail-status]")).ToHaveTextAsync("已退回修改");
        await Expect(queue.Locator("[data-testid=fr-status-AL-003]")).ToHaveTextAsync("已退回修改");
        await queue.ShotAsync(Output, "formal-review-2-returned");
        // The export: the grid's rows as a CSV Excel opens with Chinese intact (UTF-8 with BOM), the return in it.
        var download = await queue.RunAndWaitForDownloadAsync(() => queue.ClickAsync("[data-testid=fr-export]"));
        Assert.Equal("formal-review.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("编号,作品,参赛单位", csv);
        Assert.Contains(csv.Split('\n'), l => l.StartsWith("AL-003,", StringComparison.Ordinal) && l.Contains("已退回修改"));
        var link = await queue.Locator("[data-testid=fr-submit-link]").GetAttributeAsync("href");

        // The unit, on a phone, through its submission link.
        var phoneContext = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true, Locale = "zh-CN" });
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(App.BaseUrl + link);
        await Expect(phone.Locator("[data-testid=submit-status]")).ToHaveTextAsync("已退回修改");
        await Expect(phone.Locator("[data-testid=return-reasons]")).ToHaveTextAsync("缺少盖章申报表，请补充后重新提交");
        await phone.ShotAsync(Output, "formal-review-3-unit-sees-reason");
        var dir = Directory.CreateTempSubdirectory("case-upload-").FullName;
        var file = Path.Combine(dir, "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx");
        await File.WriteAllBytesAsync(file, CasesTestApp.Docx("锅炉焊接质量大数据预警体系（修改稿，已附盖章申报表）"));
        await phone.SetInputFilesAsync("[data-testid=submit-file]", file);
        await phone.ClickAsync("[data-testid=submit-upload]");
        await Expect(phone.Locator("[data-testid=submit-ok]")).ToContainTextAsync("第 2 版");
        await Expect(phone.Locator("[data-testid=submit-status]")).ToHaveTextAsync("已重新提交");
        await phone.ShotAsync(Output, "formal-review-4-unit-resubmitted");

        // Back at the queue: resubmitted, both versions in the history; accept.
        await queue.ReloadAsync();
        await Expect(queue.Locator("[data-testid=fr-status-AL-003]")).ToHaveTextAsync("已重新提交");
        await People.WaitForCircuitAsync(queue);
        await queue.ClickAsync("[data-testid=fr-filter-Resubmitted]");
        await queue.ClickAsync("[data-testid=fr-row-AL-003]");
        var history = queue.Locator("[data-testid=fr-history]");
        await Expect(history).ToContainTextAsync("第 2 版");
        await Expect(history).ToContainTextAsync("第 1 版");
        await Expect(history).ToContainTextAsync("缺少盖章申报表");
        await Expect(queue.Locator("[data-testid=fr-preview]")).ToContainTextAsync("修改稿");
        foreach (var key in new[] { "StampedApplication", "UnitLogo", "UnitProfile" })
        {
            await queue.Locator($"[data-testid=fr-tick-{key}]").Locator("xpath=descendant-or-self::input[@type='checkbox']").CheckAsync();
            await Expect(queue.Locator($"[data-testid=fr-item-{key}]")).ToContainTextAsync("已核对");
        }
        await queue.ShotAsync(Output, "formal-review-5-resubmitted-checklist");
        await history.ScrollIntoViewIfNeededAsync();
        await queue.ShotAsync(Output, "formal-review-5b-resubmitted-history");
        await queue.ClickAsync("[data-testid=fr-accept]");
        await Expect(queue.Locator("[data-testid=fr-detail-status]")).ToHaveTextAsync("已通过");
        await history.ScrollIntoViewIfNeededAsync();
        await Expect(history).ToContainTextAsync("通过");
        await queue.ShotAsync(Output, "formal-review-6-accepted");

        Assert.Equal(4, App.Scalar($"SELECT COUNT(*) FROM FormalReviewRecords r JOIN Entries e ON e.Id = r.EntryId WHERE e.Code = 'AL-003' AND e.CompetitionId = {competitionId}"));
        Assert.Equal(2, App.Scalar("SELECT COUNT(*) FROM CaseDocuments d JOIN Entries e ON e.Id = d.EntryId WHERE e.Code = 'AL-003'"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Viewer_shows_a_pdf_inline_and_a_docx_preview_and_the_links_print()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();
        var pdf = App.Scalar("SELECT Id FROM Entries WHERE Code = 'AL-005'");
        await page.GotoAsync($"{App.BaseUrl}/cases/{pdf}/document");
        await Expect(page.Locator("[data-testid=cv-pdf]")).ToHaveAttributeAsync("src", $"/cases/{pdf}/file?inline=1");
        await Expect(page.Locator("[data-testid=cv-download]")).ToHaveAttributeAsync("href", $"/cases/{pdf}/file");
        await page.WaitForTimeoutAsync(1000);
        await page.ShotAsync(Output, "case-viewer-pdf");
        var docx = App.Scalar("SELECT Id FROM Entries WHERE Code = 'AL-002'");
        await page.GotoAsync($"{App.BaseUrl}/cases/{docx}/document");
        await Expect(page.Locator("[data-testid=cv-preview]")).ToContainTextAsync("海上风电叶片缺陷智能识别与闭环改进");
        await page.ShotAsync(Output, "case-viewer-docx");
        var cid = App.Scalar("SELECT Id FROM Competitions ORDER BY Id LIMIT 1");
        await page.GotoAsync($"{App.BaseUrl}/organiser/formal-review/{cid}/links");
        await Expect(page.Locator("[data-testid=link-AL-025]")).ToContainTextAsync("/submit/");
        await page.ShotAsync(Output, "case-submission-links");
    }
}
