namespace Judging.Tests.Browser;

using System.Text;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The organiser's film page (issue 4, "Films"): the seeded films with posters; per row, a refused file (415, also a
/// large one refused at its first tus PATCH) shows the server's Chinese message inline, a dropped connection says it
/// resumes and then completes, and a replacement video shows 上传成功 and the row's new size and poster (js/film-upload.js,
/// tus-js-client with upload progress).
/// </summary>
public sealed class FilmMediaPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    private const string NotVideo = "只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）";

    private long Replacements() => App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '替换微电影视频'");

    [Fact]
    public async Task Organiser_sees_the_seeded_films_is_told_why_a_file_is_refused_and_replaces_a_video()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync($"{App.BaseUrl}/organiser");
        await page.ClickAsync("[data-testid=films]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("微电影视频");
        await Expect(page.Locator("[data-testid=film-count]")).ToHaveTextAsync("已上传 30 / 30");
        await Expect(page.Locator("[data-testid=status-WDY-001]")).ToContainTextAsync("MP4");
        // js/film-upload.js is imported by the page once the grid is rendered; it marks the grid's box when listening.
        await page.WaitForSelectorAsync("[data-film-upload-ready]", new() { State = WaitForSelectorState.Attached });
        var before = Replacements();

        // A text file renamed to .mp4: refused by content (415), the server's message shown in the row.
        await page.Locator("[data-testid=upload-WDY-002]").SetInputFilesAsync(new FilePayload
        {
            Name = "某某公司+品质之光.mp4", MimeType = "video/mp4",
            Buffer = Encoding.UTF8.GetBytes("这不是视频，只是改了扩展名的文本文件。\n" + new string('x', 4096)),
        });
        var refused = page.Locator("[data-testid=msg-WDY-002]");
        await Expect(refused).ToContainTextAsync("上传失败：" + NotVideo);
        await Expect(refused).ToHaveAttributeAsync("role", "alert");
        await Expect(page.Locator("[data-testid=progress-WDY-002]")).ToBeHiddenAsync();
        await page.ShotAsync(Output, "films-refused");

        // A large refused file: the server answers 415 after the first bytes while the browser is still sending.
        // The page shows the 415 message (or, if the browser could not read the answer, the interrupted message).
        var big = Path.Combine(App.DataDir, "big-text.mp4");
        await using (var f = File.Create(big))
        {
            var line = Encoding.UTF8.GetBytes(new string('0', 1023) + "\n");
            for (var i = 0; i < 64 * 1024; i++) f.Write(line); // 64 MB
        }
        await page.Locator("[data-testid=upload-WDY-004]").SetInputFilesAsync(big);
        try
        {
            // Best effort (a local upload is quick): a look at the progress bar while the bytes go out.
            await page.Locator("[data-testid=progress-WDY-004]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 2_000 });
            await page.ShotAsync(Output, "films-progress");
        }
        catch (TimeoutException) { Output.WriteLine("upload ended before the progress bar could be seen"); }
        var bigRefused = page.Locator("[data-testid=msg-WDY-004]");
        await Expect(bigRefused).ToContainTextAsync("上传失败：" + NotVideo, new() { Timeout = 60_000 });
        Output.WriteLine("large refused file: " + await bigRefused.TextContentAsync());
        File.Delete(big);
        Assert.Equal(before, Replacements());
        await Expect(page.Locator("[data-testid=film-count]")).ToHaveTextAsync("已上传 30 / 30");

        // A dropped connection (issue 15, the upload goes over tus): the row says it will resume, nothing is recorded;
        // once the network is back the upload completes by itself.
        await page.RouteAsync("**/api/uploads/**", route => route.AbortAsync("connectionreset"));
        await page.Locator("[data-testid=upload-WDY-005]").SetInputFilesAsync(Path.Combine(Paths.Seeds, "films", "WDY-021.mp4"));
        await Expect(page.Locator("[data-testid=msg-WDY-005]")).ToHaveTextAsync("连接中断，正在从 0% 处继续…");
        Assert.Equal(before, Replacements());
        await page.UnrouteAsync("**/api/uploads/**");
        await Expect(page.Locator("[data-testid=msg-WDY-005]")).ToContainTextAsync("上传成功", new() { Timeout = 30_000 });
        Assert.Equal(before + 1, Replacements());

        // A real small MP4 replaces WDY-003's video: 上传成功, and the row shows the new size and poster.
        var video = Path.Combine(Paths.Seeds, "films", "WDY-020.mp4");
        var oldPoster = await page.Locator("[data-testid=poster-WDY-003]").GetAttributeAsync("src");
        await Expect(page.Locator("[data-testid=size-WDY-003]")).Not.ToHaveAttributeAsync("data-size-bytes", new FileInfo(video).Length.ToString());
        await page.Locator("[data-testid=upload-WDY-003]").SetInputFilesAsync(video);
        var done = page.Locator("[data-testid=msg-WDY-003]");
        await Expect(done).ToContainTextAsync("上传成功");
        await Expect(done).ToHaveAttributeAsync("role", "status");
        Assert.Equal(before + 2, Replacements());
        await Expect(page.Locator("[data-testid=uploaded-WDY-003]")).ToContainTextAsync("组织者");
        await Expect(page.Locator("[data-testid=size-WDY-003]")).ToHaveAttributeAsync("data-size-bytes", new FileInfo(video).Length.ToString());
        await Expect(page.Locator("[data-testid=poster-WDY-003]")).Not.ToHaveAttributeAsync("src", oldPoster!);
        // The refusal messages in the other rows stay after the rows were reloaded.
        await Expect(refused).ToContainTextAsync(NotVideo);
        await page.Locator("[data-testid=film-WDY-003]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "films-uploaded");

        // With ffmpeg on the server the poster frame follows a few seconds later and the page shows it unasked.
        if (FfmpegOnPath())
        {
            await Expect(page.Locator("[data-testid=poster-WDY-003]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"\.jpg$"), new() { Timeout = 20_000 });
            await page.ShotAsync(Output, "films-poster");
        }

        // The replacement is stored: a fresh load shows it.
        await page.GotoAsync(page.Url);
        await Expect(page.Locator("[data-testid=film-count]")).ToHaveTextAsync("已上传 30 / 30");
        await Expect(page.Locator("[data-testid=size-WDY-003]")).ToHaveAttributeAsync("data-size-bytes", new FileInfo(video).Length.ToString());
        await Expect(page.Locator("[data-testid=msg-WDY-003]")).ToBeHiddenAsync();
    }

    private static bool FfmpegOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "ffmpeg")));
}
