namespace Judging.Tests.Browser;

using System.Globalization;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Import;
using Judging.App.Programmes.Review;
using Judging.App.Programmes.Stages;
using Judging.App.ResultsEngine;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Programmes;
using Judging.Domain.Reviews;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Judging.Tests.Browser.UnitPages;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 16, "Done when", the browser test of 上海市政府质量奖 (seed 002), one run from the expert review to the certificates:
/// <list type="number">
/// <item>after 形式审查 (G01, G02, G09, P01 by service), the organiser follows the board's stage strip to the expert review, opens
/// an edition, imports six experts from a CSV through the page, generates the assignment and starts the online review;</item>
/// <item>one expert signs in with their access code and scores an application online (the other cards, the close and the 复评
/// list's rules by service); the organiser confirms the 复评 list of three on its page;</item>
/// <item>the organiser schedules two defences (答辩) on the edition's defence page;</item>
/// <item>the panel hears them: the organiser runs the 复评 on the round console and the six experts score each application on
/// tablets (the two defences and the third 复评 application), the round closes, the organiser confirms the awards and adopts
/// them as proposed levels (上海市质量金奖 for the three);</item>
/// <item>one application (G02) gets a site visit: a team of three (two picked from the review's experts), a finding, 属实;</item>
/// <item>the 公示 runs over a calendar week with a public holiday (an invented 休 on the first Wednesday after the start, so
/// 5 working days end one working day later); one objection by real name from a 390×844 phone with the SMS code, against G02,
/// is investigated and upheld (撤销) and the objector told by SMS; the notice closes after its (moved) end;</item>
/// <item>the committee approves the rest (G02 skipped with its reason) and the certificates print (the PDF: 2 pages).</item>
/// </list>
/// <para>
/// The clock: the browser drops a cookie whose expiry passed in real time, so the app's clock starts at the real now, the
/// defences, the visit and the notice's start are today (Beijing); closing the notice moves the clock past its end, and the
/// organiser signs in again.
/// </para>
/// </summary>
[Collection("browser")]
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class GovernmentQualityAwardBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Code = "government-quality-award-2025";
    private const string Organiser = "组织者 俞琳";
    private const string Level = "上海市质量金奖";
    /// <summary>The programme's name (seed 002), which names its review edition's rounds.</summary>
    private const string Programme = "2025—2026年上海市政府质量奖";
    private static readonly string[] Accepted = ["G01", "G02", "G09", "P01"];
    /// <summary>The 复评 list: the best three of the online review, one per unit (P01 works at G01's unit).</summary>
    private static readonly string[] Listed = ["G01", "G02", "G09"];

    /// <summary>Six experts from universities (no applicant's organisation, so no conflicts); numbers ZL-01… are unique in the seeds.</summary>
    private const string ExpertsCsv = "姓名,工作单位,评委编号\n冯复,复旦大学,ZL-01\n王交,上海交通大学,ZL-02\n陈华,华东理工大学,ZL-03\n何大,上海大学,ZL-04\n周同,同济大学,ZL-05\n钱师,华东师范大学,ZL-06\n";
    private static readonly string[] Experts = ["ZL-01", "ZL-02", "ZL-03", "ZL-04", "ZL-05", "ZL-06"];

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

    private Task<int> ApplicationIdAsync(string reference) => app.WithDbAsync(db => (from a in db.Set<ProgrammeApplication>()
        join p in db.Set<Programme>() on a.ProgrammeId equals p.Id where p.Code == Code && a.Reference == reference select a.Id).SingleAsync());

    [Fact]
    public async Task From_the_expert_review_to_certificates_with_two_defences_a_site_visit_a_holiday_and_an_upheld_objection()
    {
        // 形式审查 passed, through the service.
        foreach (var reference in Accepted)
        {
            var id = await ApplicationIdAsync(reference);
            var accepted = await Svc<ProgrammeFormalReview, ProgrammeChange>(s => s.AcceptAsync(id, new HashSet<string> { ProgrammeFormalReview.ContentKey },
                "纸质材料已现场核对", Organiser, default));
            Assert.Equal(200, accepted.Status);
        }
        var setup = await app.WithDbAsync(db => SetupLink.IssueIfNeededAsync(db, app.Clock, default));
        Assert.NotNull(setup);
        var organiser = await fixture.Browser.OrganiserAsync($"{Url}/setup/{setup}");
        var page = await organiser.NewPageAsync();

        var (editionId, cid) = await ExpertReviewAsync(page);
        var order = await DefencesAsync(page, editionId);
        await PanelAsync(page, editionId, cid, order);
        await SiteVisitAsync(page);
        organiser = await NoticeAsync(organiser);
        await ApprovalAsync(organiser);
        output.WriteLine($"screenshots: {Paths.Screenshots}");
    }

    /// <summary>
    /// The board's strip to the expert review; an edition with six experts imported through the page; the assignment and the
    /// start on the online review console; one expert scores online on a tablet; the rest of the 初评 and the 复评 list of three
    /// by service. Returns the edition's id and its competition's.
    /// </summary>
    private async Task<(string EditionId, int CompetitionId)> ExpertReviewAsync(IPage page)
    {
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("stage-ExpertReview")).ToContainTextAsync("资料评审");
        await page.GetByTestId("stage-strip").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "gqa-01-board-strip");
        await page.GetByTestId("stage-ExpertReview").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("pxr-none")).ToBeVisibleAsync();

        // Open a review edition of all categories: the four accepted applications become its entries.
        await page.GetByTestId("pxr-open").ClickAsync();
        var edition = page.Locator("[data-testid^=pxr-edition-]");
        await Expect(edition).ToHaveCountAsync(1);
        await Expect(edition).ToContainTextAsync("申报 4 项，专家 0 位");
        var editionId = (await edition.GetAttributeAsync("data-testid"))!["pxr-edition-".Length..];

        // Experts from a CSV through the page.
        await page.GetByTestId($"pxr-experts-{editionId}").SetInputFilesAsync(new FilePayload
        {
            Name = "experts.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(ExpertsCsv),
        });
        await Expect(edition).ToContainTextAsync("申报 4 项，专家 6 位");
        var experts = page.GetByTestId($"pxr-expert-list-{editionId}");
        await Expect(experts.Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(experts).ToContainTextAsync("冯复");
        await page.ShotAsync(output, "gqa-02-edition-experts");
        var eid = int.Parse(editionId, CultureInfo.InvariantCulture);
        var cid = await app.WithDbAsync(db => db.Set<ProgrammeReviewEdition>().Where(e => e.Id == eid).Select(e => e.CompetitionId).SingleAsync());
        Assert.Equal(6, await app.WithDbAsync(db => db.Judges.CountAsync(j => j.CompetitionId == cid)));

        // The edition's link to the online review console: assign (k = 3) and start.
        await page.GetByTestId($"pxr-first-review-{editionId}").ClickAsync();
        await page.WaitForURLAsync("**/organiser/review/*");
        await page.WaitForSelectorAsync("[data-testid=status]");
        await People.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=generate]");
        await Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已生成分配");
        // Balanced: 4 applications × 3 = 12 cards over 6 experts → 2 each.
        await Expect(page.Locator("[data-testid^=load-]")).ToHaveCountAsync(6);
        Assert.All(await page.Locator("[data-testid^=load-]").AllInnerTextsAsync(), l => Assert.Equal("2", l.Trim()));
        await page.ClickAsync("[data-testid=start-review]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        // The programme's words, not the contest's (创新案例初审).
        await Expect(page.GetByTestId("review-title")).ToHaveTextAsync(Programme + " · 初评 · 线上评审");
        await page.ShotAsync(output, "gqa-03-console-started");

        // One expert signs in with their access code and scores an application on the programme's sheet (5 criteria).
        var expert = await (await fixture.Browser.TabletAsync()).NewPageAsync();
        await expert.GotoAsync($"{Url}/j/{await AccessCodeAsync(cid, "ZL-01")}");
        await expert.WaitForURLAsync("**/expert");
        await expert.WaitForSelectorAsync("[data-testid=my-entries]");
        await People.WaitForCircuitAsync(expert);
        await Expect(expert.Locator("[data-testid=my-entries] tbody tr")).ToHaveCountAsync(2);
        await Expect(expert.Locator("[data-testid^=round-] h6")).ToHaveTextAsync(Programme + " · 初评 · 线上评审");
        await Expect(expert.Locator(".judge-page")).ToContainTextAsync(Programme + " · 评委编号 ZL-01");
        await Expect(expert.Locator(".judge-page")).Not.ToContainTextAsync("创新案例");
        await expert.ShotAsync(output, "gqa-04-expert-list");
        var firstRow = expert.Locator("[data-testid=my-entries] tbody tr").First;
        var reference = (await firstRow.Locator("td").First.InnerTextAsync()).Trim();
        Assert.Contains(reference, Accepted);
        await firstRow.Locator("[data-testid^=open-]").ClickAsync();
        await expert.WaitForSelectorAsync("[data-testid=entry]");
        await People.WaitForCircuitAsync(expert);
        string[] points = ["27", "22", "17", "13", "9"];
        for (var i = 0; i < points.Length; i++)
        {
            await expert.FillAsync($"[data-testid=points-{i + 1}]", points[i]);
            await expert.PressAsync($"[data-testid=points-{i + 1}]", "Tab");
        }
        await expert.FillAsync("[data-testid=comment-1]", "质量管理体系健全，运行有效");
        await expert.PressAsync("[data-testid=comment-1]", "Tab");
        await Expect(expert.Locator("[data-testid=total]")).ToHaveTextAsync("88.0");
        await expert.ShotAsync(output, "gqa-05-expert-scoring");
        await expert.ClickAsync("[data-testid=submit]");
        await expert.ClickAsync("[data-testid=confirm]");
        await Expect(expert.Locator("[data-testid=submitted]")).ToContainTextAsync("88");
        Assert.Equal("27;22;17;13;9", await app.WithDbAsync(db => (from s in db.ScoreRecords join e in db.Entries on s.EntryId equals e.Id
                                                                     where e.Code == reference && e.CompetitionId == cid select s.Points).SingleAsync()));
        await Expect(page.Locator("[data-testid=progress-ZL-01]")).ToContainTextAsync("1");
        await expert.Context.CloseAsync();

        // The other eleven cards (the earlier the reference, the higher), the close of the online review and the 复评 list's
        // rules (three, one per unit: P01 works at G01's unit) by service.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
            var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
            var round = await db.Rounds.SingleAsync(r => r.CompetitionId == cid && r.Kind == RoundKind.FirstReview);
            var pairs = await db.Set<ReviewAssignment>().Where(a => a.RoundId == round.Id).Select(a => new { a.JudgeId, a.EntryId }).ToListAsync();
            var done = await db.ScoreRecords.Where(s => s.RoundId == round.Id).Select(s => new { s.JudgeId, s.EntryId }).ToListAsync();
            var entries = pairs.Select(p => p.EntryId).Distinct().Order().ToList();
            foreach (var p in pairs.Where(p => !done.Contains(p)))
            {
                var stored = await reviews.SubmitAsync(p.JudgeId, round.Id, p.EntryId, [28m - entries.IndexOf(p.EntryId), 22m, 17m, 13m, 9m], ["", "", "", "", ""], default);
                Assert.Equal(SubmitStatus.Stored, stored.Status);
            }
            Assert.Null(await reviews.SetRunningAsync(round.Id, false, Organiser, default));
            var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
            Assert.Null(await results.SetFinalistRulesAsync(cid, Track.InnovationCase,
                new FinalistRules { Overall = 3, UnitCap = 1, GroupCap = 2, Normalisation = NormalisationMode.None }, Organiser, default));
            var view = (await results.LoadAsync(cid, Track.InnovationCase, default))!;
            foreach (var t in view.Outcome!.Finalists.Ties.Where(t => !t.Resolved))
                Assert.Null(await results.ResolveFinalistTieAsync(cid, Track.InnovationCase, t.Key, TieResolution.TieBreak, Organiser, default));
        }

        // The organiser confirms the 复评 list on its page (linked from the edition): the 复评 round is created.
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId($"pxr-finalists-{editionId}").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/finalists/{cid}/InnovationCase");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("finalists-title")).ToHaveTextAsync(Programme + " · 评审 · 复评名单");
        await page.GetByTestId("confirm-finalists").ClickAsync();
        await Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("final-console")).ToHaveTextAsync("复评现场");
        await page.ShotAsync(output, "gqa-05b-re-review-list");
        using (var scope = app.Services.CreateScope())
        {
            var view = (await scope.ServiceProvider.GetRequiredService<TrackResultsService>().LoadAsync(cid, Track.InnovationCase, default))!;
            Assert.Equal(Listed, view.Outcome!.Finalists.FinalistIds.Select(id => view.Entries[id].Code).Order(StringComparer.Ordinal));
        }
        return (editionId, cid);
    }

    private Task<string> AccessCodeAsync(int cid, string number) =>
        app.WithDbAsync(db => db.Judges.Where(j => j.CompetitionId == cid && j.Code == number).Select(j => j.AccessCode).SingleAsync());

    /// <summary>Two of the three 复评 applications called to a defence today; the schedule sets the running order. Returns it.</summary>
    private async Task<string[]> DefencesAsync(IPage page, string editionId)
    {
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId($"pxr-defence-{editionId}").ClickAsync();
        await page.WaitForURLAsync("**/organiser/defence/*");
        await page.WaitForSelectorAsync("[data-testid=defence]");
        await People.WaitForCircuitAsync(page);
        var rows = page.Locator("[data-testid=defence] tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("defence-title")).ToHaveTextAsync(Programme + " · 复评 · 答辩安排");
        var first = (await rows.Nth(0).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var second = (await rows.Nth(1).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var third = (await rows.Nth(2).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var today = TodayInShanghai;
        async Task CallAsync(string entry, string at)
        {
            await page.ClickAsync($"[data-testid=call-{entry}]");
            await page.FillAsync("[data-testid=starts-at]", $"{D(today)}T{at}");
            await page.FillAsync("[data-testid=minutes]", "30");
            await page.FillAsync("[data-testid=reason]", "进入会审答辩");
            await page.ClickAsync("[data-testid=save-slot]");
        }
        await CallAsync(second, "09:00");
        await Expect(page.Locator($"[data-testid=slot-{second}]")).ToContainTextAsync($"{today:MM-dd} 09:00–09:30");
        await CallAsync(first, "09:30");
        await Expect(page.Locator($"[data-testid=slot-{first}]")).ToContainTextAsync($"{today:MM-dd} 09:30–10:00");
        await page.ClickAsync("[data-testid=apply-order]");
        await Expect(rows.Nth(0).Locator("[data-entry]")).ToHaveAttributeAsync("data-entry", second);
        await Expect(page.Locator("[data-testid=defence-count]")).ToContainTextAsync("答辩 2 个 / 复评 3 个");
        await page.ShotAsync(output, "gqa-06-defences");
        return [second, first, third];
    }

    /// <summary>
    /// The panel hears the 复评 live: the organiser starts the round on its console, puts each application on stage in the
    /// running order and opens scoring; the six experts score on tablets (3 portrait, 3 landscape); the round closes; the
    /// organiser confirms the awards (一等奖 for the three) and adopts them as proposed levels.
    /// </summary>
    private async Task PanelAsync(IPage page, string editionId, int cid, string[] order)
    {
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId($"pxr-live-{editionId}").ClickAsync();
        await page.WaitForURLAsync("**/organiser/rounds/*");
        await page.WaitForSelectorAsync("[data-testid=status]");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("round-title")).ToHaveTextAsync(Programme + " · 复评");
        await Expect(page.GetByTestId("start")).ToHaveTextAsync("开始复评");
        await page.ClickAsync("[data-testid=start]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        await Expect(page.GetByTestId("close")).ToHaveTextAsync("结束复评");

        var pads = new List<IPage>();
        for (var i = 0; i < Experts.Length; i++)
        {
            var pad = await (await fixture.Browser.TabletAsync(landscape: i % 2 == 1)).NewPageAsync();
            await pad.GotoAsync($"{Url}/j/{await AccessCodeAsync(cid, Experts[i])}");
            await pad.WaitForURLAsync("**/judge");
            await pad.WaitForSelectorAsync(".judge-head");
            await People.WaitForCircuitAsync(pad);
            await Expect(pad.GetByTestId("waiting")).ToBeVisibleAsync();
            await Expect(pad.Locator(".judge-head")).ToContainTextAsync(Programme + " · 复评");
            await Expect(pad.GetByTestId("waiting")).ToHaveTextAsync("等待下一项申报上场…");
            pads.Add(pad);
        }

        // The first heard scores highest: 90, 80, 70 from every expert.
        string[][] values = [["27", "22.5", "18", "13.5", "9"], ["24", "20", "16", "12", "8"], ["21", "17.5", "14", "10.5", "7"]];
        string[] totals = ["90", "80", "70"];
        for (var n = 0; n < order.Length; n++)
        {
            await page.ClickAsync($"[data-testid=onstage-{order[n]}]");
            await Expect(page.Locator("[data-testid=onstage]")).ToContainTextAsync(order[n]);
            await Expect(page.GetByTestId("onstage-unit")).Not.ToContainTextAsync("演讲者");
            await page.ClickAsync("[data-testid=open-scoring]");
            await Expect(page.Locator("[data-testid=close-scoring]")).ToBeVisibleAsync();
            for (var i = 0; i < pads.Count; i++)
            {
                var pad = pads[i];
                await Expect(pad.GetByTestId("speaker")).ToContainTextAsync(order[n]);
                await Expect(pad.GetByTestId("speaker")).Not.ToContainTextAsync("演讲者");
                await pad.TapAsync(values[n]);
                if (n == 0 && i == 0) await pad.ShotAsync(output, "gqa-07-panel-tablet");
                await pad.GetByTestId("submit").TapAsync();
                await pad.GetByTestId("confirm").TapAsync();
                await Expect(pad.GetByTestId("submitted")).ToContainTextAsync(totals[n]);
            }
            if (n == 0) await page.ShotAsync(output, "gqa-08-panel-console");
            await page.ClickAsync("[data-testid=close-scoring]");
            await Expect(page.Locator("[data-testid=open-scoring]")).ToBeVisibleAsync();
        }
        await page.ClickAsync("[data-testid=close]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("已结束");
        var reReview = await app.WithDbAsync(db => db.Rounds.Where(r => r.CompetitionId == cid && r.Kind == RoundKind.ReReview).Select(r => r.Id).SingleAsync());
        Assert.Equal(18, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(s => s.RoundId == reReview)));
        foreach (var pad in pads) await pad.Context.CloseAsync();

        // The awards of the edition (一等奖: 3), confirmed; then adopted as proposed levels.
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId($"pxr-awards-{editionId}").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/awards/{cid}/InnovationCase");
        await page.WaitForSelectorAsync("[data-testid=awards]");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("awards-title")).ToHaveTextAsync(Programme + " · 评审 · 奖项评定");
        await Expect(page.GetByTestId("final-status")).ToHaveTextAsync("复评：已结束");
        await Expect(page.GetByTestId("awards")).Not.ToContainTextAsync("参赛成果证书");
        await page.ShotAsync(output, "gqa-09-awards");
        await page.ClickAsync("[data-testid=confirm-awards]");
        await Expect(page.Locator("[data-testid=awards-confirmed]")).ToBeVisibleAsync();

        await page.GotoAsync($"{Url}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId("pxr-adopt").ClickAsync();
        await Expect(page.GetByTestId($"pxr-edition-{editionId}")).ToContainTextAsync("已采纳 4 项");
        await page.ShotAsync(output, "gqa-10-adopted");
        var programmeId = await app.WithDbAsync(db => db.Set<Programme>().Where(p => p.Code == Code).Select(p => p.Id).SingleAsync());
        var standings = (await Svc<ProgrammeStandings, IReadOnlyList<ApplicationStanding>>(s => s.LoadAsync(programmeId, default))).ToDictionary(s => s.Reference);
        foreach (var r in Listed) Assert.Equal(Level, standings[r].ProposedLevel);
        Assert.Null(standings["P01"].ProposedLevel);
    }

    /// <summary>Verification through the strip: a site visit for G02, a team of three without a conflict, a finding, 属实.</summary>
    private async Task SiteVisitAsync(IPage page)
    {
        await page.GotoAsync($"{Url}/organiser/programmes/{Code}");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId("stage-SiteVisit").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/programmes/{Code}/verification");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync("无需");
        await page.GetByTestId("pv-row-G02").ClickAsync();
        await Expect(page.Locator("[data-testid=pv-detail] > h2")).ToContainTextAsync("G02");
        await page.MudInput("pv-plan-reason", "textarea").FillAsync("核实申报材料所述管理成效");
        await page.MudInput("pv-plan-date").FillAsync(D(TodayInShanghai));
        await page.MudInput("pv-plan-place").FillAsync("申报单位生产现场");
        // The team: two of the review's experts picked from the list (none works for G02's side), then one typed in.
        foreach (var expert in new[] { "冯复（复旦大学）", "王交（上海交通大学）" })
        {
            await page.GetByTestId("pv-expert-pick").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = expert }).ClickAsync();
        }
        await Expect(page.MudInput("pv-member-name-0")).ToHaveValueAsync("冯复");
        await Expect(page.MudInput("pv-member-org-1")).ToHaveValueAsync("上海交通大学");
        await page.GetByTestId("pv-member-add").ClickAsync();
        await page.MudInput("pv-member-name-2").FillAsync("孙查");
        await page.MudInput("pv-member-org-2").FillAsync("上海市计量测试技术研究院");
        await page.GetByTestId("pv-plan").ClickAsync();
        await Expect(page.GetByTestId("pv-visit")).ToContainTextAsync("组长 冯复（复旦大学）");
        await Expect(page.GetByTestId("pv-visit")).ToContainTextAsync("孙查（上海市计量测试技术研究院）");
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync($"已安排 {D(TodayInShanghai)}");

        await page.MudInput("pv-criterion").FillAsync("质量管理体系运行");
        await page.MudInput("pv-finding-text", "textarea").FillAsync("体系文件与现场运行一致");
        await page.GetByTestId("pv-finding").ClickAsync();
        await Expect(page.GetByTestId("pv-findings")).ToContainTextAsync("体系文件与现场运行一致");
        await page.GetByTestId("pv-conclusion-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^属实$") }).ClickAsync();
        await page.MudInput("pv-conclusion-text", "textarea").FillAsync("现场验证组意见：申报材料属实");
        await page.GetByTestId("pv-conclude").ClickAsync();
        await Expect(page.GetByTestId("pv-conclusion")).ToContainTextAsync("属实：现场验证组意见：申报材料属实");
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync("属实");
        await page.ShotAsync(output, "gqa-11-site-visit");
        var g02 = await ApplicationIdAsync("G02");
        Assert.True(await app.WithDbAsync(db => db.Set<ProgrammeSiteFinding>().AnyAsync(f => f.ApplicationId == g02 && f.Conclusion == SiteVisitConclusion.True)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ProgrammeSiteFinding>().CountAsync(f => f.ApplicationId == g02)));
    }

    /// <summary>
    /// The 公示 of the proposed list over a week with the invented holiday; an objection from a phone against G02, upheld (撤销)
    /// and the objector told; the notice closed after its moved end. Returns the organiser's context, signed in again after the
    /// clock moved.
    /// </summary>
    private async Task<IBrowserContext> NoticeAsync(IBrowserContext organiser)
    {
        var start = TodayInShanghai;
        var baseEnd = WorkingDays.Add(SeedCalendar, start, 5);
        var end = WorkingDays.Add(await app.WithDbAsync(db => ProgrammeService.LoadCalendarAsync(db, default)), start, 5);
        // The holiday lies inside the period and moves its end by one working day.
        Assert.InRange(Holiday, start, baseEnd);
        Assert.True(end > baseEnd, $"{D(end)} should be after {D(baseEnd)}");
        Assert.Equal(end, WorkingDays.Add(SeedCalendar, start, 6));

        // ── The organiser drafts and publishes the 公示 of the proposed list ────────────────────────────────────────────────
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
        await board.ShotAsync(output, "gqa-12-draft");

        await board.GetByTestId("pn-publish").ClickAsync();
        await board.Locator(".mud-dialog .mud-button").Filter(new() { HasText = "发布" }).Last.ClickAsync();
        await Expect(board.GetByTestId("pn-phase")).ToHaveTextAsync("公示中");
        await Expect(board.GetByTestId("pn-list")).ToContainTextAsync("G09");
        await Expect(board.GetByTestId("pn-period")).ToContainTextAsync($"至 {D(end)} 24:00");
        await board.ShotAsync(output, "gqa-13-published");

        // ── A phone: the public page, then an objection by real name with the SMS code ──────────────────────────────────
        var phone = await (await fixture.Browser.PhoneAsync()).NewPageAsync();
        await phone.GotoAsync($"{Url}/programmes/{Code}/notice");
        await Expect(phone.GetByTestId("notice-state")).ToHaveTextAsync("公示中");
        await Expect(phone.GetByTestId("notice-end")).ToHaveTextAsync($"{D(end)} 24:00（北京时间）");
        await Expect(phone.GetByTestId("notice-start")).ToHaveTextAsync($"{D(start)} 00:00（北京时间）");
        foreach (var r in Listed) await Expect(phone.GetByTestId($"notice-item-{r}")).ToContainTextAsync(Level);
        await phone.ShotAsync(output, "gqa-14-public-phone");
        await phone.GetByTestId("notice-period").ScrollIntoViewIfNeededAsync();
        await phone.GetByTestId("notice-object").ScrollIntoViewIfNeededAsync();
        await phone.ShotAsync(output, "gqa-15-public-phone-object");

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
        await phone.ShotAsync(output, "gqa-16-objection-form");
        await phone.GetByTestId("objection-submit").TapAsync();
        await Expect(phone.GetByTestId("receipt-ok")).ToContainTextAsync("异议已受理");
        var number = (await phone.GetByTestId("receipt-number").TextContentAsync())!.Trim();
        Assert.Matches(new Regex("^YY-\\d{3}$"), number);
        await Expect(phone.GetByTestId("receipt-reference")).ToContainTextAsync("G02");
        await phone.ShotAsync(output, "gqa-17-objection-receipt");

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
        await objections.ShotAsync(output, "gqa-18-objection-decided");
        await objections.GetByTestId("obj-notify").ClickAsync();
        await Expect(objections.GetByTestId("obj-notified")).ToContainTextAsync("短信告知异议人");
        var sms = app.Sms.Last[mobile];
        Assert.StartsWith($"您提出的异议{number}（G02）已办结：", sms);
        Assert.Contains("成立", sms);
        Assert.Contains("撤销", sms);
        await objections.ShotAsync(output, "gqa-19-objection-notified");

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
        await board.ShotAsync(output, "gqa-20-closed");
        await phone.GotoAsync($"{Url}/programmes/{Code}/notice");
        await Expect(phone.GetByTestId("notice-state")).ToHaveTextAsync("公示已结束");
        await Expect(phone.GetByTestId("notice-objection-link")).ToHaveCountAsync(0);

        return organiser;
    }

    /// <summary>审定 of all listed (G02 skipped with its reason), then the certificates: the register and the PDF (2 pages).</summary>
    private async Task ApprovalAsync(IBrowserContext organiser)
    {
        var end = WorkingDays.Add(await app.WithDbAsync(db => ProgrammeService.LoadCalendarAsync(db, default)), TodayInShanghai, 5);
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
        await approval.ShotAsync(output, "gqa-21-approved");

        await approval.GetByTestId("issue-certificates").ClickAsync();
        await Expect(approval.Locator("[data-testid=register-grid] tbody tr")).ToHaveCountAsync(2);
        await Expect(approval.GetByTestId("register-grid")).ToContainTextAsync("G01");
        await Expect(approval.GetByTestId("register-grid")).ToContainTextAsync("G09");
        await Expect(approval.GetByTestId("register-grid")).Not.ToContainTextAsync("G02");
        await approval.GetByTestId("register-grid").ScrollIntoViewIfNeededAsync();
        await approval.ShotAsync(output, "gqa-22-certificates");

        var href = await approval.GetByTestId("certificates-pdf").GetAttributeAsync("href");
        Assert.Equal($"/api/programmes/{Code}/certificates.pdf", href);
        var pdf = await approval.APIRequest.GetAsync(Url + href);
        Assert.Equal(200, pdf.Status);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var doc = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal(2, doc.PageCount);
    }
}
