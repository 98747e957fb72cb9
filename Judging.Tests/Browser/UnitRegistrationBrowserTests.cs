namespace Judging.Tests.Browser;

using System.Globalization;
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
/// The app for the unit's browser test: <see cref="FilmVoteTestApp"/>'s manual clock and "Memory" SMS gateway in this
/// process, served by Kestrel on a free loopback port (<c>UseKestrel</c>) so Chromium reaches it, and the per-address
/// sign-in bucket out of the way.
/// </summary>
public sealed class UnitBrowserApp : FilmVoteTestApp
{
    /// <summary>The app's address, e.g. <c>http://localhost:41234</c>.</summary>
    public string BaseUrl { get; }

    private readonly Dictionary<string, string?> extra;

    /// <summary>
    /// Starts the server at once (xunit's fixtures would start it lazily on the first client), with <paramref name="settings"/>
    /// (e.g. <c>Judging:Uploads:ChunkBytes</c>) over the test's own.
    /// </summary>
    public UnitBrowserApp(Dictionary<string, string?>? settings = null)
    {
        extra = settings ?? [];
        var port = LiveApp.FreePort();
        BaseUrl = $"http://localhost:{port}";
        UseKestrel(port);
        StartServer();
    }

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings) { ["Judging:SignIn:UnitCodesPerMinute"] = "100000" };
            foreach (var (k, v) in extra) settings[k] = v;
            return settings;
        }
    }
}

/// <summary>
/// Issue 15, "Done when" (the unit's part): on a 390×844 phone a unit contact signs in with an SMS code, registers (其他 with
/// its text kept), declares two speeches and one case (a tab closed mid-form finds its draft on the server; a draft typed
/// offline comes back from localStorage and is saved), uploads its logo, profile, a stamped declaration and a speech's
/// work document (shown as "单位名称+…"), is refused a sixth speech and a second case naming 附件1（三）4, and after the
/// speech deadline (the app's <see cref="TimeProvider"/> moved past it) is refused a speech with the date in Beijing time
/// while "现在可以做什么" still offers films and cases.
/// <para>
/// The clock: the browser drops a cookie whose expiry has passed in real time, so the manual clock starts at the real
/// now and the competition's intake calendar (set through <see cref="RegistrationService.SetCalendarAsync"/>, as the
/// organiser would) is put around it: the speech deadline at the end of tomorrow (Beijing), films and cases 20 days later.
/// </para>
/// </summary>
[Collection("browser")]
public sealed class UnitRegistrationBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private UnitBrowserApp app = default!;
    private string Url => app.BaseUrl;

    public Task InitializeAsync()
    {
        app = new UnitBrowserApp();
        app.Clock.Set(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    private async Task<T> WithServiceAsync<T>(Func<RegistrationService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    [Fact]
    public async Task A_unit_registers_on_a_phone_declares_finds_its_drafts_uploads_and_is_refused_over_the_limits_and_after_the_deadline()
    {
        // The calendar around the real now: registration from 30 days ago, speeches until the end of tomorrow (Beijing),
        // films and cases 20 days after today, recommendations 27, formal review 30.
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(app.Clock.GetUtcNow()).DateTime);
        var speechDue = IntakeCalendar.EndOfDay(today.AddDays(1));
        var calendar = new IntakeCalendar(IntakeCalendar.StartOfDay(today.AddDays(-30)), speechDue, speechDue,
            IntakeCalendar.EndOfDay(today.AddDays(20)), IntakeCalendar.EndOfDay(today.AddDays(27)), IntakeCalendar.EndOfDay(today.AddDays(30)));
        var competitionId = await WithServiceAsync(async r => (await r.CurrentCompetitionAsync(default))!.Id);
        Assert.Empty(await WithServiceAsync(r => r.SetCalendarAsync(competitionId, calendar, "test", default)));

        var context = await fixture.Browser.PhoneAsync();
        var page = await context.NewPageAsync();

        // 1. Sign in with an SMS code: a new contact lands on the registration form.
        var mobile = "13987650001";
        await SignInAsync(page, Url, app.Sms, mobile, output, "unit-login");
        await page.WaitForURLAsync("**/unit/register");

        const string unitName = "上海浦江精密制造有限公司";
        await page.FillAsync("[data-testid=reg-name]", unitName);
        await page.CheckAsync("[data-testid=reg-member-yes]");
        await page.SelectOptionAsync("[data-testid=reg-recommender]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("[data-testid=reg-address]", "上海市闵行区江川路 1800 号");
        await page.FillAsync("[data-testid=reg-postcode]", "200240");
        await page.CheckAsync("[data-testid='reg-nature-民营']");
        await page.CheckAsync("[data-testid='reg-field-制造']");
        await page.CheckAsync("[data-testid=reg-srdi-yes]");
        await page.CheckAsync("[data-testid='reg-industry-其他']");
        await page.FillAsync("[data-testid=reg-industry-other]", "精密仪器仪表");
        await page.FillAsync("[data-testid=reg-contact]", "王芳");
        await page.FillAsync("[data-testid=reg-post]", "品牌部 经理");
        await page.FillAsync("[data-testid=reg-email]", "wangfang@example.com");
        await page.CheckAsync("[data-testid=reg-track-Speech]");
        await page.CheckAsync("[data-testid=reg-track-InnovationCase]");
        await Expect(page.Locator("[data-testid=reg-mobile]")).ToHaveTextAsync(mobile);
        await page.Locator("[data-testid=reg-industry-other]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "unit-register-filled");
        await page.Locator("[data-testid=reg-submit]").TapAsync();
        await page.WaitForURLAsync("**/unit?r=registered");
        await Expect(page.Locator("[data-testid=unit-ok]")).ToContainTextAsync("报名成功");
        await Expect(page.Locator("h1")).ToHaveTextAsync(unitName);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Name == unitName).Select(u => u.Id).SingleAsync());
        // 其他 keeps its text: on the unit's page and back in the form.
        await Expect(page.Locator(".unit-kv")).ToContainTextAsync("其他 精密仪器仪表");
        await page.Locator("[data-testid=edit-registration]").TapAsync();
        await page.WaitForURLAsync("**/unit/register");
        await Expect(page.Locator("[data-testid='reg-industry-其他']")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=reg-industry-other]")).ToHaveValueAsync("精密仪器仪表");
        await page.GotoAsync($"{Url}/unit");

        // 2a. The first speech: half the fields typed, autosaved, the tab closed before submitting.
        var first = await StartAsync(page, "Speech");
        const string firstTitle = "一颗螺丝钉的质量长征";
        await page.FillAsync("[data-testid=decl-title]", firstTitle);
        await page.CheckAsync("[data-testid='decl-category-上海制造']");
        await Expect(page.Locator("[data-testid=decl-status]")).ToContainTextAsync("已自动保存", new() { Timeout = 15_000 });
        await page.ShotAsync(output, "unit-declaration-form");
        await page.CloseAsync();

        page = await context.NewPageAsync();
        await page.GotoAsync($"{Url}/unit");
        var draftLine = page.Locator($"[data-testid=declaration-{first}]");
        await Expect(draftLine).ToContainTextAsync(firstTitle);
        await Expect(draftLine).ToContainTextAsync("草稿");
        await draftLine.Locator("a").TapAsync();
        await page.WaitForURLAsync($"**/unit/declarations/{first}");
        // What was typed came from the server (the local copy was dropped once saved): revision 2 = 1 at start + 1 save.
        await Expect(page.Locator("[data-testid=decl-title]")).ToHaveValueAsync(firstTitle);
        await Expect(page.Locator("[data-testid='decl-category-上海制造']")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=decl-status]")).ToHaveTextAsync("草稿（第 2 次保存）");
        // The registration's contact is prefilled.
        await Expect(page.Locator("[data-testid=decl-contact]")).ToHaveValueAsync("王芳");
        await FillRestAsync(page, Synopsis("讲述一颗螺丝钉从设计到出厂的质量故事。"), 8);
        await SubmitAsync(page);
        var firstCode = (await page.Locator("[data-testid=decl-code]").TextContentAsync())!.Trim();
        Assert.Matches(@"^YJ-\d{3}$", firstCode);

        // 2b. The second speech typed offline: the copy in localStorage comes back in a new page of the same context and is saved.
        await page.GotoAsync($"{Url}/unit");
        var second = await StartAsync(page, "Speech");
        const string secondTitle = "断网时写下的品质誓言";
        await context.SetOfflineAsync(true);
        await page.FillAsync("[data-testid=decl-title]", secondTitle);
        await Expect(page.Locator("[data-testid=decl-status]")).ToHaveTextAsync("网络中断：内容已暂存在本机，恢复后自动保存", new() { Timeout = 15_000 });
        await page.CloseAsync();
        await context.SetOfflineAsync(false);
        Assert.Null(await app.WithDbAsync(db => db.Set<EntryDeclaration>().Where(d => d.Id == second).Select(d => d.Title).SingleAsync()));
        page = await context.NewPageAsync();
        await page.GotoAsync($"{Url}/unit/declarations/{second}");
        await Expect(page.Locator("[data-testid=decl-title]")).ToHaveValueAsync(secondTitle);
        await Expect(page.Locator("[data-testid=decl-status]")).ToContainTextAsync("已自动保存", new() { Timeout = 15_000 });
        Assert.Equal(secondTitle, await app.WithDbAsync(db => db.Set<EntryDeclaration>().Where(d => d.Id == second).Select(d => d.Title).SingleAsync()));
        await page.CheckAsync("[data-testid='decl-category-上海服务']");
        await FillRestAsync(page, Synopsis("一次断网没有打断的服务承诺。"), 10);
        await SubmitAsync(page);

        // 2c. The case (no duration: its length is the document's word count).
        await page.GotoAsync($"{Url}/unit");
        var caseId = await StartAsync(page, "InnovationCase");
        await page.FillAsync("[data-testid=decl-title]", "精密测量数字化质量管控创新");
        await page.CheckAsync("[data-testid='decl-category-上海制造']");
        await FillRestAsync(page, "本案例介绍企业以数字化测量平台重构质量管控流程的做法。" + string.Concat(Enumerable.Repeat("在线检测数据实时上传，异常自动预警，闭环整改可追溯。", 5)), null);
        await SubmitAsync(page);

        await page.GotoAsync($"{Url}/unit");
        await Expect(page.Locator("[data-testid=declarations] > li")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=limit-Speech]")).ToHaveTextAsync("2 / 5");
        await Expect(page.Locator("[data-testid=limit-InnovationCase]")).ToHaveTextAsync("1 / 1");
        await page.Locator("[data-testid=declarations]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "unit-home-declarations");

        // 3. Materials, named "单位名称+…" whatever the upload was called.
        var files = Directory.CreateTempSubdirectory("unit-browser-").FullName;
        var logo = Path.Combine(files, "IMG_0042.jpg");
        await File.WriteAllBytesAsync(logo, TinyJpeg());
        await page.Locator("[data-testid=upload-Logo]").SetInputFilesAsync(logo);
        await page.Locator("[data-testid=upload-Logo-go]").TapAsync();
        await page.WaitForURLAsync("**/unit?m=ok");
        await Expect(page.Locator("[data-testid=material-msg]")).ToHaveTextAsync("材料已上传");
        await Expect(page.Locator("[data-testid=material-Logo]")).ToHaveTextAsync($"{unitName}+单位LOGO.jpg");

        var sampleDocx = Directory.GetFiles(Path.Combine(Paths.Seeds, "cases"), "*.docx").Order(StringComparer.Ordinal).First();
        var profile = Path.Combine(files, "公司简介-最终版.docx");
        File.Copy(sampleDocx, profile);
        await page.Locator("[data-testid=upload-Profile]").SetInputFilesAsync(profile);
        await page.Locator("[data-testid=upload-Profile-go]").TapAsync();
        await page.WaitForURLAsync("**/unit?m=ok");
        await Expect(page.Locator("[data-testid=material-Profile]")).ToHaveTextAsync($"{unitName}+单位简介.docx");

        await page.GotoAsync($"{Url}/unit/declarations/{first}");
        var stamped = Path.Combine(files, "scan0001.pdf");
        await File.WriteAllTextAsync(stamped, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        await page.Locator("[data-testid=upload-StampedDeclaration]").SetInputFilesAsync(stamped);
        await page.Locator("[data-testid=upload-StampedDeclaration-go]").TapAsync();
        await page.WaitForURLAsync($"**/unit/declarations/{first}?m=ok");
        await Expect(page.Locator("[data-testid=material-StampedDeclaration]")).ToHaveTextAsync($"{unitName}+{firstTitle}（盖章申报表）.pdf");

        // The speech's work document through the declaration page (the formal review's intake), named as the page asks.
        var work = Path.Combine(files, $"{unitName}+{firstTitle}.docx");
        File.Copy(sampleDocx, work);
        await page.Locator("[data-testid=work-file]").SetInputFilesAsync(work);
        await page.Locator("[data-testid=work-upload]").TapAsync();
        await page.WaitForURLAsync($"**/unit/declarations/{first}*");
        await Expect(page.Locator("[data-testid=decl-doc]")).ToContainTextAsync($"{unitName}+{firstTitle}.docx");
        await Expect(page.Locator("[data-testid=decl-review]")).ToHaveTextAsync("待审查");
        await page.Locator("[data-testid=decl-submitted]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "unit-declaration-submitted");

        // 4. Three more speeches through the service (5 in all), then the sixth from the page; and a second case.
        for (var i = 0; i < 3; i++)
        {
            var started = await WithServiceAsync(r => r.StartDeclarationAsync(unitId, Track.Speech, default));
            Assert.True(started.Ok, started.Refusal?.ToString());
        }
        await page.GotoAsync($"{Url}/unit");
        await Expect(page.Locator("[data-testid=limit-Speech]")).ToHaveTextAsync("5 / 5");
        await page.Locator("[data-testid=start-Speech]").TapAsync();
        await page.WaitForURLAsync("**/unit");
        // 2 on the page + 3 by the service = 5 declared, the limit of 5 reached.
        await Expect(page.Locator("[data-testid=unit-refusal]")).ToHaveTextAsync("每个参赛单位原则上最多申报 5 个演讲作品，本单位已申报 5 个（大赛通知附件1（三）4）");
        await page.ShotAsync(output, "unit-refused-sixth-speech");
        await page.Locator("[data-testid=start-InnovationCase]").TapAsync();
        await Expect(page.Locator("[data-testid=unit-refusal]")).ToHaveTextAsync("每个参赛单位原则上只能申报 1 个创新案例，本单位已申报 1 个（大赛通知附件1（三）4）");
        await page.ShotAsync(output, "unit-refused-second-case");
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<EntryDeclaration>().CountAsync(d => d.UnitId == unitId)));

        // 5. The speech deadline passes (the app's clock moved to the end of tomorrow, Beijing): a new speech is refused
        // with the date in Beijing time (the first instant of the day after tomorrow = tomorrow 24:00), films and cases go on.
        app.Clock.Set(speechDue);
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var filmsDue = today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync($"{Url}/unit");
        var still = page.Locator("[data-testid=still-possible] li");
        await Expect(still.First).ToHaveTextAsync($"可申报微电影和创新案例并提交作品，截止 {filmsDue} 24:00（北京时间）");
        await Expect(page.Locator("[data-testid=still-possible]")).Not.ToContainTextAsync("可申报演讲作品");
        // The page no longer offers 申报演讲 and says why; a post made anyway (a tab opened before the deadline) is refused
        // by the service with the same words.
        await Expect(page.Locator("[data-testid=start-Speech]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=closed-Speech]")).ToHaveTextAsync($"演讲作品的申报已于 {tomorrow} 24:00（北京时间）截止（大赛通知附件1（三）2）");
        await page.ShotAsync(output, "unit-refused-after-deadline");
        var late = await WithServiceAsync(r => r.StartDeclarationAsync(unitId, Track.Speech, default));
        Assert.False(late.Ok);
        Assert.Equal($"演讲作品的申报已于 {tomorrow} 24:00（北京时间）截止（大赛通知附件1（三）2）", late.Refusal?.ToString());
        // A film may still start.
        await StartAsync(page, "MicroFilm");
        await Expect(page.Locator("h1")).ToHaveTextAsync("质量品牌故事微电影");
        Assert.Equal(7, await app.WithDbAsync(db => db.Set<EntryDeclaration>().CountAsync(d => d.UnitId == unitId)));
        try { Directory.Delete(files, true); } catch (IOException) { }
    }

    /// <summary>
    /// A 1×1 grey JPEG of 136 bytes: SOI and JFIF APP0 (FF D8 FF E0, what the upload sniffs), a quantisation table, SOF,
    /// a Huffman table, the scan, and the EOI marker (FF D9) appended.
    /// </summary>
    private static byte[] TinyJpeg() => [.. Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA="), 0xFF, 0xD9];
}
