namespace Judging.Tests.Browser;

using System.Text;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>The organiser's film page: seeded films with posters and a replacement upload.</summary>
public sealed class FilmMediaPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact(Skip = "Open: the upload reaches the server (200/415 seen), but RadzenUpload's Complete/Error callbacks do not reach the page, so no message shows (films-media report)")]
    public async Task Organiser_sees_the_seeded_films_and_replaces_a_video_with_progress()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync($"{App.BaseUrl}/organiser");
        await page.ClickAsync("[data-testid=films]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("微电影视频");
        await Expect(page.Locator("[data-testid=film-count]")).ToHaveTextAsync("已上传 30 / 30");
        await Expect(page.Locator("[data-testid=status-WDY-001]")).ToContainTextAsync("MP4");

        // RadzenUpload hooks its file input from JS after the first render: wait until all 30 are hooked.
        await page.WaitForFunctionAsync("() => window.Radzen && Radzen.uploadComponents && Object.keys(Radzen.uploadComponents).length >= 30");
        // Not checked here: the message after a refused (415) file; the endpoint tests check the refusal and its text.

        var before = App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '替换微电影视频'");
        await page.Locator("[data-testid=upload-WDY-003]").SetInputFilesAsync(Path.Combine(Paths.Seeds, "films", "WDY-020.mp4"));
        await Expect(page.Locator("[data-testid=msg-WDY-003]")).ToContainTextAsync("上传成功");
        Assert.Equal(before + 1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '替换微电影视频'"));
        await Expect(page.Locator("[data-testid=status-WDY-003]")).ToContainTextAsync("组织者");
        await page.GotoAsync(page.Url);
        await Expect(page.Locator("[data-testid=film-count]")).ToHaveTextAsync("已上传 30 / 30");
        await page.ShotAsync(Output, "films-page");
    }
}
