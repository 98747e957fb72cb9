namespace Judging.Tests.Browser;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Judging.Tests.Browser.UnitPages;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 15, "Done when", across the three roles in one app (<see cref="UnitBrowserApp"/>: the "Memory" SMS gateway, a manual
/// clock at the real now, tus chunks of 256 KiB): a unit on a 390×844 phone signs in by SMS code, registers choosing
/// 上海电气集团 (the seeded recommender with a sign-in link), declares and submits a speech (with its work document) and a film,
/// and uploads the film's video, cut at 60 % and resumed from the server's offset; the recommender, on a 1366×900 desktop,
/// comes in through its link, writes an opinion on every entry, drags the unit's speech and film to the top of their
/// tracks, downloads the 附件3 PDF (its text in that order), submits and uploads the stamped scan; the organiser sees the
/// recommender complete and the unit's entries on the registrations dashboard, and both in the formal review queue.
/// </summary>
[Collection("browser")]
public sealed class RegistrationFlowTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Chunk = 256 * 1024;
    private const string Recommender = "上海电气集团";
    private const string UnitName = "上海临港智能装备检测有限公司";
    private const string SpeechTitle = "风机叶片上的毫米匠心";
    private const string FilmTitle = "一台汽轮机的十万次体检";
    private UnitBrowserApp app = default!;
    private string Url => app.BaseUrl;

    public Task InitializeAsync()
    {
        app = new UnitBrowserApp(new() { ["Judging:Uploads:ChunkBytes"] = Chunk.ToString(CultureInfo.InvariantCulture) });
        app.Clock.Set(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_unit_declares_on_a_phone_its_recommender_recommends_on_a_desktop_and_the_organiser_sees_both()
    {
        // The intake calendar around the real now (the seeds' competition is of 2025), as the organiser would set it: speeches
        // until the end of tomorrow (Beijing), films and cases 20 days on, recommendations 27, formal review 30.
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(app.Clock.GetUtcNow()).DateTime);
        var speechDue = IntakeCalendar.EndOfDay(today.AddDays(1));
        var calendar = new IntakeCalendar(IntakeCalendar.StartOfDay(today.AddDays(-30)), speechDue, speechDue,
            IntakeCalendar.EndOfDay(today.AddDays(20)), IntakeCalendar.EndOfDay(today.AddDays(27)), IntakeCalendar.EndOfDay(today.AddDays(30)));
        var competitionId = await InScopeAsync(async sp =>
        {
            var registration = sp.GetRequiredService<RegistrationService>();
            var id = (await registration.CurrentCompetitionAsync(default))!.Id;
            Assert.Empty(await registration.SetCalendarAsync(id, calendar, "test", default));
            return id;
        });
        var recommenderId = await app.WithDbAsync(db => db.Recommenders.Where(r => r.Name == Recommender && r.CompetitionId == competitionId).Select(r => r.Id).SingleAsync());
        var files = Directory.CreateTempSubdirectory("registration-flow-").FullName;

        // ── 1. The unit, on a phone ──────────────────────────────────────────────────────────────────────────────────────
        var phone = await fixture.Browser.PhoneAsync();
        var page = await phone.NewPageAsync();
        const string mobile = "13987650015";
        await SignInAsync(page, Url, app.Sms, mobile, output, "flow-1-unit-login");
        await page.WaitForURLAsync("**/unit/register");
        await page.FillAsync("[data-testid=reg-name]", UnitName);
        await page.CheckAsync("[data-testid=reg-member-no]");
        await page.SelectOptionAsync("[data-testid=reg-recommender]", new SelectOptionValue { Label = Recommender });
        await page.FillAsync("[data-testid=reg-address]", "上海市浦东新区临港新片区海港大道 1550 号");
        await page.FillAsync("[data-testid=reg-postcode]", "201306");
        await page.CheckAsync("[data-testid='reg-nature-国有']");
        await page.CheckAsync("[data-testid='reg-field-制造']");
        await page.CheckAsync("[data-testid=reg-srdi-no]");
        await page.CheckAsync("[data-testid='reg-industry-高端装备']");
        await page.FillAsync("[data-testid=reg-contact]", "陈静");
        await page.FillAsync("[data-testid=reg-post]", "质量部 主管");
        await page.FillAsync("[data-testid=reg-email]", "chenjing@example.com");
        await page.CheckAsync("[data-testid=reg-track-Speech]");
        await page.CheckAsync("[data-testid=reg-track-MicroFilm]");
        await page.Locator("[data-testid=reg-submit]").TapAsync();
        await page.WaitForURLAsync("**/unit?r=registered");
        await Expect(page.Locator("[data-testid=unit-ok]")).ToContainTextAsync($"报名成功。请申报参赛作品，并与推荐单位“{Recommender}”联系确认。");
        await page.ShotAsync(output, "flow-1-unit-registered");

        // The speech: filled, submitted, its work document uploaded (named as the page asks).
        var speech = await StartAsync(page, "Speech");
        await page.FillAsync("[data-testid=decl-title]", SpeechTitle);
        await page.CheckAsync("[data-testid='decl-category-上海制造']");
        await FillRestAsync(page, Synopsis("讲述风电叶片检测员用毫米级标准守护质量的故事。"), 8);
        await SubmitAsync(page);
        var speechCode = (await page.Locator("[data-testid=decl-code]").TextContentAsync())!.Trim();
        Assert.Matches(@"^YJ-\d{3}$", speechCode);
        var sampleDocx = Directory.GetFiles(Path.Combine(Paths.Seeds, "cases"), "*.docx").Order(StringComparer.Ordinal).First();
        var work = Path.Combine(files, $"{UnitName}+{SpeechTitle}.docx");
        File.Copy(sampleDocx, work);
        await page.Locator("[data-testid=work-file]").SetInputFilesAsync(work);
        await page.Locator("[data-testid=work-upload]").TapAsync();
        await page.WaitForURLAsync($"**/unit/declarations/{speech}*");
        await Expect(page.Locator("[data-testid=decl-review]")).ToHaveTextAsync("待审查");

        // The film: filled and submitted; then its video on its page.
        await page.GotoAsync($"{Url}/unit");
        var film = await StartAsync(page, "MicroFilm");
        await Expect(page.Locator("h1")).ToHaveTextAsync("质量品牌故事微电影");
        await page.FillAsync("[data-testid=decl-title]", FilmTitle);
        await page.CheckAsync("[data-testid='decl-category-上海制造']");
        // Its own words (the speech's synopsis repeats Synopsis' sentence: two alike would be flagged as similar, rightly).
        await FillRestAsync(page, string.Concat(Enumerable.Repeat("镜头跟随检修班组，用十万次测量记录一台汽轮机从停机、拆检、修复到并网的二十天。", 4)), 6);
        await page.ShotAsync(output, "flow-1-unit-film-form");
        await SubmitAsync(page);
        var filmCode = (await page.Locator("[data-testid=decl-code]").TextContentAsync())!.Trim();
        Assert.Matches(@"^WDY-\d{3}$", filmCode);

        // 2.5 MiB = 2,621,440 bytes = 10 chunks of 262,144. The network drops the first PATCH at or past 60 %: offset
        // 6 × 262,144 = 1,572,864 (exactly 60 %); the HEAD that follows is held 2.5 s so the row can be seen resuming.
        var video = FilmUploadTusTests.PaddedFilm(10 * Chunk);
        var videoPath = Path.Combine(files, "汽轮机体检-终版.mp4");
        await File.WriteAllBytesAsync(videoPath, video);
        long cutAt = -1, sent = 0;
        var offsets = new ConcurrentQueue<long>(); // the PATCHes that reached the server, by Upload-Offset
        var heldHead = 0;
        await page.GotoAsync($"{Url}/unit/declarations/{film}");
        await page.RouteAsync("**/api/uploads/**", async route =>
        {
            var req = route.Request;
            if (req.Method == "PATCH")
            {
                var offset = long.Parse(await req.HeaderValueAsync("upload-offset") ?? "-1", CultureInfo.InvariantCulture);
                if (Interlocked.Read(ref cutAt) < 0 && offset >= video.Length * 60L / 100)
                {
                    Interlocked.Exchange(ref cutAt, offset);
                    await route.AbortAsync("connectionreset");
                    return;
                }
                offsets.Enqueue(offset);
                Interlocked.Add(ref sent, req.PostDataBuffer?.Length ?? Math.Min(Chunk, video.Length - offset));
            }
            else if (req.Method == "HEAD" && Interlocked.Read(ref cutAt) >= 0 && Interlocked.Exchange(ref heldHead, 1) == 0)
            {
                await Task.Delay(2500);
            }
            await route.ContinueAsync();
        });
        await page.Locator("[data-testid=unit-film-file]").SetInputFilesAsync(videoPath);
        var box = page.Locator("[data-testid=unit-film-box] [data-film-message]");
        // The server had 6 chunks = 1,572,864 of 2,621,440 bytes: 60 %.
        await Expect(box).ToHaveTextAsync("连接中断，正在从 60% 处继续…", new() { Timeout = 30_000 });
        await page.Locator("[data-testid=unit-film-box]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "flow-1-unit-film-resuming");
        Assert.Equal(6L * Chunk, Interlocked.Read(ref cutAt));
        // Done, the page reloads itself: the video is stored and the film waits for formal review.
        await Expect(page.Locator("[data-testid=unit-film-stored]")).ToContainTextAsync("已上传视频：2.5 MB", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=decl-review]")).ToHaveTextAsync("待审查");
        await page.ShotAsync(output, "flow-1-unit-film-uploaded");
        // Resumed from the server's offset, not from 0: PATCHes at 0…5 × 262,144 before the cut, 6…9 × 262,144 after it; each
        // byte reached the server once (10 × 262,144 = 2,621,440).
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i * Chunk), offsets);
        Assert.Equal(video.Length, Interlocked.Read(ref sent));
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });

        await page.GotoAsync($"{Url}/unit");
        await Expect(page.Locator($"[data-testid=declaration-{speech}]")).ToContainTextAsync(speechCode);
        await Expect(page.Locator($"[data-testid=declaration-{film}]")).ToContainTextAsync(filmCode);
        await page.Locator("[data-testid=declarations]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "flow-1-unit-home");

        // ── 2. The recommender, on a desktop, through the seeded sign-in link ─────────────────────────────────────────────
        var invite = await InScopeAsync(sp => RegistrationSeeder.ReissueSeedInviteAsync(sp.GetRequiredService<JudgingDb>(), app.Clock, default));
        Assert.NotNull(invite);
        Assert.Equal(Recommender, invite.Value.RecommenderName);
        var desktop = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true });
        var desk = await desktop.NewPageAsync();
        await desk.GotoAsync($"{Url}/recommender/invite/{invite.Value.Token}");
        await Expect(desk.Locator("[data-testid=invite-name]")).ToHaveTextAsync(Recommender);
        await desk.FillAsync("input[name=UserName]", "dianqi-tuijian");
        await desk.FillAsync("input[name=Password]", "dianqi-recommender-1");
        await desk.FillAsync("input[name=Password2]", "dianqi-recommender-1");
        await desk.ClickAsync("button[type=submit]");
        await desk.WaitForURLAsync("**/recommender");
        await Expect(desk.Locator("[data-testid=recommender-name]")).ToHaveTextAsync(Recommender);
        await People.WaitForCircuitAsync(desk);
        await Expect(desk.Locator($"[data-testid=entry-{speechCode}]")).ToContainTextAsync(UnitName);
        await Expect(desk.Locator($"[data-testid=entry-{filmCode}]")).ToContainTextAsync(FilmTitle);

        // An opinion on every entry (the 14 seeded ones of 上海电气集团's units and the unit's 2): 推荐 with a text on the unit's.
        var codes = await desk.Locator("[data-testid^=entry-]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid.substring(6))");
        Assert.Equal(16, codes.Length); // 14 seeded entries (6 speeches, 4 films, 4 cases) + the unit's speech and film
        foreach (var code in codes)
        {
            var card = desk.Locator($"[data-testid=entry-{code}]");
            var ours = code == speechCode || code == filmCode;
            await card.GetByText(ours || code.StartsWith("YJ", StringComparison.Ordinal) ? "推荐" : "不推荐", new() { Exact = true }).ClickAsync();
            await Expect(desk.Locator($"[data-testid=saved-{code}]")).ToBeVisibleAsync();
        }
        await desk.MudInput($"text-{speechCode}", "textarea").FillAsync("演讲聚焦一线检测，事例真实，同意推荐。");
        await desk.MudInput($"text-{filmCode}", "textarea").FillAsync("微电影画面扎实，质量故事完整，同意推荐。");
        await desk.WaitForTimeoutAsync(1500); // the text is saved after a pause (debounce 500 ms)
        await desk.Locator($"[data-testid=entry-{speechCode}]").ScrollIntoViewIfNeededAsync();
        await desk.ShotAsync(output, "flow-2-recommender-opinions");

        // The order: the unit's speech and film dragged to the top of their tracks.
        async Task<string> FirstOf(string track) =>
            (await desk.Locator($"[data-testid=zone-{track}] [data-testid^=order-]").First.GetAttributeAsync("data-testid"))!.Substring(6);
        var firstSpeech = await FirstOf("Speech");
        var firstFilm = await FirstOf("MicroFilm");
        Assert.NotEqual(speechCode, firstSpeech);
        Assert.NotEqual(filmCode, firstFilm);
        var firstSpeechTitle = await app.WithDbAsync(db => db.Entries.Where(e => e.Code == firstSpeech).Select(e => e.Title).SingleAsync());
        var firstFilmTitle = await app.WithDbAsync(db => db.Entries.Where(e => e.Code == firstFilm).Select(e => e.Title).SingleAsync());
        // Dropped on the top edge of the first item (its middle drops it after): MudBlazor's drop zone places it first.
        var topEdge = new LocatorDragToOptions { TargetPosition = new() { X = 30, Y = 2 }, Force = true };
        await desk.Locator($"[data-testid=order-{speechCode}]").DragToAsync(desk.Locator($"[data-testid=order-{firstSpeech}]"), topEdge);
        await Expect(desk.Locator($"[data-testid=position-{speechCode}]")).ToHaveTextAsync("1");
        await desk.Locator($"[data-testid=order-{filmCode}]").DragToAsync(desk.Locator($"[data-testid=order-{firstFilm}]"), topEdge);
        // The films follow the 6 seeded speeches and the unit's: the unit's film is 8th.
        await Expect(desk.Locator($"[data-testid=position-{filmCode}]")).ToHaveTextAsync("8");
        await Expect(desk.Locator($"[data-testid=position-{firstFilm}]")).ToHaveTextAsync("9");
        await desk.ShotAsync(output, "flow-2-recommender-reordered");

        await desk.MudInput("filler-name").FillAsync("顾海明");
        await desk.MudInput("filler-dept").FillAsync("质量管理部");
        await desk.MudInput("filler-post").FillAsync("部长");
        await desk.MudInput("filler-phone").FillAsync("021-63215588");
        await desk.MudInput("filler-email").FillAsync("guhm@example.cn");
        await desk.ClickAsync("[data-testid=submit]");
        await Expect(desk.Locator("[data-testid=submitted]")).ToContainTextAsync("提交推荐");

        // 附件3: downloaded from the page (it opens in a new tab, which downloads), its text in the order set.
        var downloaded = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDownload(object? _, IDownload d) => downloaded.TrySetResult(d);
        desk.Download += OnDownload;
        desktop.Page += (_, p) => p.Download += OnDownload;
        await desk.ClickAsync("[data-testid=table-pdf]");
        var download = await downloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal($"{Recommender}+参赛作品推荐表.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = Regex.Replace(string.Concat(document.GetPages().Select(p => p.Text)), @"\s+", "");
            output.WriteLine("附件3: " + text);
            Assert.Contains("参赛作品推荐表", text);
            Assert.Contains(UnitName, text);
            Assert.Contains("演讲聚焦一线检测，事例真实，同意推荐。", text);
            int At(string s) => text.IndexOf(s, StringComparison.Ordinal);
            // 排序 1 is the unit's speech, before the speech that was first; the unit's film before the film that was first.
            Assert.True(At(SpeechTitle) >= 0 && At(SpeechTitle) < At(firstSpeechTitle), $"{SpeechTitle} before {firstSpeechTitle}");
            Assert.True(At(firstSpeechTitle) < At(FilmTitle), $"the speeches before the films");
            Assert.True(At(FilmTitle) < At(firstFilmTitle), $"{FilmTitle} before {firstFilmTitle}");
        }

        await desk.SetInputFilesAsync("[data-testid=scan-input]", new FilePayload
        {
            Name = "推荐表-盖章.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await Expect(desk.Locator("[data-testid=submitted]")).ToContainTextAsync("推荐已完成");
        await Expect(desk.Locator("[data-testid=scan-link]")).ToBeVisibleAsync();
        await desk.ShotAsync(output, "flow-2-recommender-complete");

        // ── 3. The organiser ─────────────────────────────────────────────────────────────────────────────────────────────
        var setup = await InScopeAsync(sp => SetupLink.IssueIfNeededAsync(sp.GetRequiredService<JudgingDb>(), app.Clock, default));
        Assert.NotNull(setup);
        var organiser = await fixture.Browser.OrganiserAsync($"{Url}/setup/{setup}");
        var dash = await organiser.NewPageAsync();
        await dash.GotoAsync($"{Url}/organiser/registrations/{competitionId}");
        await People.WaitForCircuitAsync(dash);
        await Expect(dash.Locator($"[data-testid=reg-recommender-{recommenderId}]")).ToContainTextAsync("已完成");
        await dash.GetByPlaceholder("搜索编号、作品、单位或推荐单位").FillAsync(UnitName);
        var entries = dash.GetByTestId("reg-entries");
        await Expect(entries).ToContainTextAsync(SpeechTitle);
        await Expect(entries).ToContainTextAsync(FilmTitle);
        await Expect(entries).ToContainTextAsync(speechCode);
        await Expect(entries).ToContainTextAsync(filmCode);
        // 上海电气集团: 5 units (4 of units.csv and this one), 16 entries, 16 opinions given, complete.
        await Expect(dash.Locator($"[data-testid=reg-recommender-{recommenderId}] td").Nth(1)).ToHaveTextAsync("5");
        await Expect(dash.Locator($"[data-testid=reg-recommender-{recommenderId}] td").Nth(3)).ToHaveTextAsync("16");
        await dash.Locator($"[data-testid=reg-recommender-{recommenderId}]").ScrollIntoViewIfNeededAsync();
        await dash.ShotAsync(output, "flow-3-organiser-dashboard");
        await entries.ScrollIntoViewIfNeededAsync();
        await dash.ShotAsync(output, "flow-3-organiser-dashboard-entries");

        await dash.ClickAsync("[data-testid=reg-formal-review]");
        await dash.WaitForURLAsync($"**/organiser/formal-review/{competitionId}");
        await Expect(dash.Locator($"[data-testid=fr-status-{speechCode}]")).ToHaveTextAsync("待审查");
        await Expect(dash.Locator($"[data-testid=fr-status-{filmCode}]")).ToHaveTextAsync("待审查");
        await People.WaitForCircuitAsync(dash);
        await dash.GetByPlaceholder("搜索编号、作品、单位或推荐单位").FillAsync(UnitName);
        await Expect(dash.Locator("[data-testid^=fr-row-]")).ToHaveCountAsync(2);
        await dash.ShotAsync(output, "flow-3-organiser-formal-review");
        try { Directory.Delete(files, true); } catch (IOException) { }
    }
}
