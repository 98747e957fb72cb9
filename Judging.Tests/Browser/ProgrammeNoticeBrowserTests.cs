namespace Judging.Tests.Browser;

using System.Globalization;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Import;
using Judging.App.Programmes.Stages;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Judging.Tests.Browser.UnitPages;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 16, "Done when", the browser test of 002 (上海市政府质量奖, second half): the 公示 over a calendar week with a public
/// holiday (an invented 休 on the first Wednesday after the start, so 5 working days end one working day later), one
/// objection by real name from a 390×844 phone with the SMS code, investigated and upheld (撤销) by the organiser and the
/// objector told by SMS, the notice closed after its end, the committee approving the rest (the withdrawn one skipped) and
/// the certificates printed (the all-certificates PDF: 2 pages).
/// <para>
/// State before the notice (形式审查 passed, proposed levels for G01, G02, G09) is made through the services, not the UI.
/// The clock: the browser drops a cookie whose expiry passed in real time, so the app's clock starts at the real now and the
/// notice starts today (Beijing); closing it moves the clock past the end, and the organiser signs in again.
/// </para>
/// </summary>
[Collection("browser")]
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class ProgrammeNoticeBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Code = "government-quality-award-2025";
    private const string Organiser = "组织者 俞琳";
    private const string Level = "上海市质量金奖";
    private static readonly string[] Listed = ["G01", "G02", "G09"];

    private ProgrammeBrowserApp app = default!;
    private string Url => app.BaseUrl;

    private static DateOnly TodayInShanghai => DateOnly.FromDateTime(ShanghaiTime.ToLocal(DateTimeOffset.UtcNow).DateTime);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The seeds' calendar as shipped (no invented holiday), plus 元旦 of any year of the next 60 days the file does not hold
    /// yet (the State Council publishes a year's notice late in the year before; without it the app refuses a period that
    /// runs into that year, and this test would fail from late December).
    /// </summary>
    private static readonly Lazy<string> calendarCsv = new(() =>
    {
        var csv = File.ReadAllText(Path.Combine(ProgrammeApplicationTests.Seeds, "calendar", "cn-workdays.csv")).TrimEnd('\r', '\n');
        var years = CalendarImport.Parse(csv).Calendar!.Years;
        for (var y = TodayInShanghai.Year; y <= TodayInShanghai.AddDays(60).Year; y++)
            if (!years.Contains(y)) csv += $"\n{y},{y}-01-01,休,元旦";
        return csv;
    });

    private static WorkingDayCalendar SeedCalendar => CalendarImport.Parse(calendarCsv.Value).Calendar!;

    /// <summary>The invented 休: the first Wednesday after today that the seeds' calendar counts as a working day.</summary>
    private static DateOnly Holiday
    {
        get
        {
            var d = TodayInShanghai.AddDays(1);
            while (d.DayOfWeek != DayOfWeek.Wednesday || WorkingDays.Count(SeedCalendar, d, d) == 0) d = d.AddDays(1);
            return d;
        }
    }

    private static readonly Lazy<string> seeds = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("judging-seeds-notice-").FullName;
        Paths.CopyTree(ProgrammeApplicationTests.Seeds, dir);
        var file = Path.Combine(dir, "calendar", "cn-workdays.csv");
        File.WriteAllText(file, calendarCsv.Value + $"\n{Holiday.Year},{D(Holiday)},休,测试假日\n", new System.Text.UTF8Encoding(true));
        Assert.True(CalendarImport.Parse(File.ReadAllText(file)).Ok);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return dir;
    });

    public Task InitializeAsync()
    {
        app = new ProgrammeBrowserApp(seeds.Value);
        app.Clock.Set(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    private async Task<T> Svc<TService, T>(Func<TService, Task<T>> f) where TService : notnull
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>形式审查 passed and 上海市质量金奖 proposed for <see cref="Listed"/>, through the services.</summary>
    private async Task PrepareAsync()
    {
        var ids = await app.WithDbAsync(db => (from a in db.Set<ProgrammeApplication>()
                                               join p in db.Set<Programme>() on a.ProgrammeId equals p.Id
                                               where p.Code == Code && Listed.Contains(a.Reference)
                                               select a.Id).ToListAsync());
        Assert.Equal(Listed.Length, ids.Count);
        foreach (var id in ids)
        {
            var accepted = await Svc<ProgrammeFormalReview, ProgrammeChange>(s => s.AcceptAsync(id, new HashSet<string> { ProgrammeFormalReview.ContentKey },
                "纸质材料已现场核对", Organiser, default));
            Assert.Equal(200, accepted.Status);
            var set = await Svc<ProgrammeNotices, ProgrammeChange>(s => s.SetLevelAsync(id, Level, "资料评审和现场评审结果", Organiser, default));
            Assert.Equal(200, set.Status);
        }
    }

    /// <summary>Signs the organiser in on <c>/login</c> (after the first sign-in through the setup link); a desktop context.</summary>
    private async Task<IBrowserContext> SignInAgainAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{Url}/login");
        await page.FillAsync("input[name=UserName]", "organiser");
        await page.FillAsync("input[name=Password]", "correct-horse-battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/organiser");
        await page.CloseAsync();
        return context;
    }

    [Fact]
    public async Task The_notice_runs_over_a_week_with_a_holiday_an_upheld_objection_withdraws_one_and_the_rest_get_certificates()
    {
        await PrepareAsync();
        var start = TodayInShanghai;
        var baseEnd = WorkingDays.Add(SeedCalendar, start, 5);
        var end = WorkingDays.Add(await app.WithDbAsync(db => ProgrammeService.LoadCalendarAsync(db, default)), start, 5);
        // The holiday lies inside the period and moves its end by one working day.
        Assert.InRange(Holiday, start, baseEnd);
        Assert.True(end > baseEnd, $"{D(end)} should be after {D(baseEnd)}");
        Assert.Equal(end, WorkingDays.Add(SeedCalendar, start, 6));

        // ── The organiser drafts and publishes the 公示 ──────────────────────────────────────────────────────────────────
        var setup = await app.WithDbAsync(db => SetupLink.IssueIfNeededAsync(db, app.Clock, default));
        Assert.NotNull(setup);
        var organiser = await fixture.Browser.OrganiserAsync($"{Url}/setup/{setup}");
        var board = await organiser.NewPageAsync();
        await board.GotoAsync($"{Url}/organiser/programmes/{Code}/notice");
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("未起草");
        await People.WaitForCircuitAsync(board);
        foreach (var r in Listed) await Expect(board.GetByTestId($"pn-level-{r}")).ToHaveTextAsync(Level);
        await board.MudInput("pn-start").FillAsync(D(start));
        await board.MudInput("pn-start").PressAsync("Tab");
        await board.MudInput("pn-how", "textarea").FillAsync("以书面形式实名提出，写明姓名、工作单位和联系电话，并附证明材料；也可在线提出。");
        await board.MudInput("pn-contact", "textarea").FillAsync("上海市质量奖评审办公室 021-12345678");
        await board.GetByTestId("pn-save").ClickAsync();
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("草稿");
        await Expect(board.GetByTestId("pn-period")).ToContainTextAsync($"自 {D(start)} 00:00 起 5 个工作日，至 {D(end)} 24:00");
        await Expect(board.GetByTestId("pn-days")).ToContainTextAsync($"{Holiday:MM-dd}（测试假日放假）");
        await board.ShotAsync(output, "programme-notice-1-draft");

        await board.GetByTestId("pn-publish").ClickAsync();
        await board.Locator(".mud-dialog .mud-button").Filter(new() { HasText = "发布" }).Last.ClickAsync();
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("公示中");
        await Expect(board.GetByTestId("pn-list")).ToContainTextAsync("G09");
        await Expect(board.GetByTestId("pn-period")).ToContainTextAsync($"至 {D(end)} 24:00");
        await board.ShotAsync(output, "programme-notice-2-published");

        // ── A phone: the public page, then an objection by real name with the SMS code ──────────────────────────────────
        var phone = await (await fixture.Browser.PhoneAsync()).NewPageAsync();
        await phone.GotoAsync($"{Url}/programmes/{Code}/notice");
        await Expect(phone.GetByTestId("notice-state")).ToHaveTextAsync("公示中");
        await Expect(phone.GetByTestId("notice-end")).ToHaveTextAsync($"{D(end)} 24:00（北京时间）");
        await Expect(phone.GetByTestId("notice-start")).ToHaveTextAsync($"{D(start)} 00:00（北京时间）");
        foreach (var r in Listed) await Expect(phone.GetByTestId($"notice-item-{r}")).ToContainTextAsync(Level);
        await phone.ShotAsync(output, "programme-notice-3-public-phone");
        await phone.GetByTestId("notice-period").ScrollIntoViewIfNeededAsync();
        await phone.GetByTestId("notice-object").ScrollIntoViewIfNeededAsync();
        await phone.ShotAsync(output, "programme-notice-4-public-phone-object");

        await phone.GetByTestId("notice-objection-link").TapAsync();
        await phone.WaitForURLAsync($"**/programmes/{Code}/notice/objection");
        var mobile = FilmVoteTestApp.NewPhone();
        const string grounds = "该单位申报材料所列质量管理成效与实际不符，2024年曾发生批量产品质量问题并被客户投诉。";
        await phone.FillAsync("[data-testid=objection-mobile]", mobile);
        await phone.FillAsync("[data-testid=objection-name]", "李明");
        await phone.FillAsync("[data-testid=objection-organisation]", "上海某检测技术中心");
        await phone.GetByTestId("objection-send").TapAsync();
        await Expect(phone.GetByTestId("objection-code-sent")).ToContainTextAsync("验证码已发送");
        // The typed fields come back with the page (the draft cookie).
        await Expect(phone.GetByTestId("objection-name")).ToHaveValueAsync("李明");
        await phone.FillAsync("[data-testid=objection-code]", app.Sms.CodeOf(mobile));
        await phone.SelectOptionAsync("[data-testid=objection-application]", "G02");
        await phone.FillAsync("[data-testid=objection-grounds]", grounds);
        await phone.GetByTestId("objection-grounds").ScrollIntoViewIfNeededAsync();
        await phone.ShotAsync(output, "programme-notice-5-objection-form");
        await phone.GetByTestId("objection-submit").TapAsync();
        await Expect(phone.GetByTestId("receipt-ok")).ToContainTextAsync("异议已受理");
        var number = (await phone.GetByTestId("receipt-number").TextContentAsync())!.Trim();
        Assert.Matches(new Regex("^YY-\\d{3}$"), number);
        await Expect(phone.GetByTestId("receipt-reference")).ToContainTextAsync("G02");
        await phone.ShotAsync(output, "programme-notice-6-objection-receipt");

        // ── The organiser: assigns, notes, decides 成立 + 撤销, tells the objector by SMS ─────────────────────────────────
        var objections = await organiser.NewPageAsync();
        await objections.GotoAsync($"{Url}/organiser/programmes/{Code}/objections");
        await Expect(objections.GetByTestId($"obj-row-{number}")).ToContainTextAsync("已受理");
        await People.WaitForCircuitAsync(objections);
        await objections.GetByTestId($"obj-open-{number}").ClickAsync();
        await Expect(objections.GetByTestId("obj-identity")).ToContainTextAsync(mobile);
        await Expect(objections.GetByTestId("obj-grounds")).ToHaveTextAsync(grounds);
        await objections.MudInput("obj-person").FillAsync("评审办公室 张调查");
        await objections.GetByTestId("obj-assign").ClickAsync();
        await Expect(objections.GetByTestId($"obj-row-{number}")).ToContainTextAsync("张调查");
        await objections.MudInput("obj-note", "textarea").FillAsync("调阅该单位2024年质量投诉记录并约谈质量负责人，异议所述情况属实。");
        await objections.GetByTestId("obj-note-add").ClickAsync();
        await Expect(objections.GetByTestId("obj-steps")).ToContainTextAsync("异议所述情况属实");
        await objections.GetByTestId("obj-outcome").ClickAsync();
        await objections.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*成立\\s*$") }).ClickAsync();
        await objections.GetByTestId("obj-effect").ClickAsync();
        await objections.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "撤销" }).ClickAsync();
        await objections.MudInput("obj-reasons", "textarea").FillAsync("经调查，异议所述情况属实，撤销其拟授奖资格。");
        await objections.GetByTestId("obj-decide").ClickAsync();
        await Expect(objections.GetByTestId("obj-outcome-done")).ToContainTextAsync("撤销其拟授奖资格");
        await objections.ShotAsync(output, "programme-notice-7-objection-decided");
        await objections.GetByTestId("obj-notify").ClickAsync();
        await Expect(objections.GetByTestId("obj-notified")).ToContainTextAsync("短信告知异议人");
        var sms = app.Sms.Last[mobile];
        Assert.StartsWith($"您提出的异议{number}（G02）已办结：", sms);
        Assert.Contains("成立", sms);
        Assert.Contains("撤销", sms);
        await objections.ShotAsync(output, "programme-notice-8-objection-notified");

        // ── After the end (the moved one): the organiser closes the notice ───────────────────────────────────────────────
        // The day before the moved end the notice is still open; the day after it is over.
        app.Clock.Set(new DateTimeOffset(end.AddDays(1).ToDateTime(new TimeOnly(9, 0)), ShanghaiTime.Offset));
        await organiser.CloseAsync();
        organiser = await SignInAgainAsync();
        board = await organiser.NewPageAsync();
        await board.GotoAsync($"{Url}/organiser/programmes/{Code}/notice");
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("公示期已满，待结束");
        await People.WaitForCircuitAsync(board);
        await Expect(board.GetByTestId("pn-objections")).ToContainTextAsync("0 件");
        await board.GetByTestId("pn-close").ClickAsync();
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("已结束");
        await Expect(board.GetByTestId("pn-closed")).ToContainTextAsync("结束公示");
        await board.ShotAsync(output, "programme-notice-9-closed");
        await phone.GotoAsync($"{Url}/programmes/{Code}/notice");
        await Expect(phone.GetByTestId("notice-state")).ToHaveTextAsync("公示已结束");
        await Expect(phone.GetByTestId("notice-objection-link")).ToHaveCountAsync(0);

        // ── 审定: approve all listed (G02 skipped), certificates ─────────────────────────────────────────────────────────
        var approval = await organiser.NewPageAsync();
        await approval.GotoAsync($"{Url}/organiser/programmes/{Code}/approval");
        await Expect(approval.GetByTestId("approval-G02")).ToContainTextAsync("异议成立");
        await People.WaitForCircuitAsync(approval);
        await Expect(approval.GetByTestId("notice-problems")).ToHaveCountAsync(0);
        await approval.MudInput("meeting-date").FillAsync(D(end.AddDays(1)));
        await approval.MudInput("meeting-reference").FillAsync("沪质奖委〔2026〕1号");
        await approval.GetByTestId("approve-all").ClickAsync();
        foreach (var r in new[] { "G01", "G09" })
        {
            await Expect(approval.GetByTestId($"approval-{r}")).ToContainTextAsync($"批准 {Level}");
            await Expect(approval.GetByTestId($"approval-{r}")).ToContainTextAsync("沪质奖委〔2026〕1号");
        }
        await Expect(approval.GetByTestId("approval-G02")).ToContainTextAsync("待审定");
        await approval.ShotAsync(output, "programme-notice-10-approved");

        await approval.GetByTestId("issue-certificates").ClickAsync();
        await Expect(approval.Locator("[data-testid=register-grid] tbody tr")).ToHaveCountAsync(2);
        await Expect(approval.GetByTestId("register-grid")).ToContainTextAsync("G01");
        await Expect(approval.GetByTestId("register-grid")).ToContainTextAsync("G09");
        await Expect(approval.GetByTestId("register-grid")).Not.ToContainTextAsync("G02");
        await approval.GetByTestId("register-grid").ScrollIntoViewIfNeededAsync();
        await approval.ShotAsync(output, "programme-notice-11-certificates");

        var href = await approval.GetByTestId("certificates-pdf").GetAttributeAsync("href");
        Assert.Equal($"/api/programmes/{Code}/certificates.pdf", href);
        var pdf = await approval.APIRequest.GetAsync(Url + href);
        Assert.Equal(200, pdf.Status);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var doc = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal(2, doc.PageCount);
        output.WriteLine($"screenshots: {Paths.Screenshots}");
    }
}
