namespace Judging.Tests.Browser;

using System.Globalization;
using System.Text.RegularExpressions;
using Judging.App.Programmes;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Judging.Tests.Browser.UnitPages;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The app for the programmes' browser tests: <see cref="FilmVoteTestApp"/>'s manual clock and "Memory" SMS gateway in this
/// process, served by Kestrel on a free loopback port, on <see cref="ProgrammeApplicationTests.Seeds"/> (the seeds with the
/// 2022 and 2024 windows moved around now).
/// </summary>
public sealed class ProgrammeBrowserApp : FilmVoteTestApp
{
    /// <summary>The app's address, e.g. <c>http://localhost:41234</c>.</summary>
    public string BaseUrl { get; }

    private readonly string seeds;

    /// <summary>Starts the server at once on <paramref name="seedsPath"/>.</summary>
    public ProgrammeBrowserApp(string seedsPath)
    {
        seeds = seedsPath;
        var port = LiveApp.FreePort();
        BaseUrl = $"http://localhost:{port}";
        UseKestrel(port);
        StartServer();
    }

    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Judging:SignIn:UnitCodesPerMinute"] = "100000" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Judging:SeedsPath"] = seeds }));
    }
}

/// <summary>
/// Issue 13, the applicant's and nominator's pages on a 390×844 phone: a new contact signs in by SMS from a programme's
/// page and comes back to it, starts an application, fills the generated form and sees each rule ✔/✗ with its reason
/// before submitting (002 five years of quality work; 001 a section over its 字 limit; 003 the cap per direction; 004 the
/// nominator's kind), and submits: 已提交, or 不予受理 with the reasons.
/// <para>
/// The clock: the browser drops a cookie whose expiry has passed in real time, so the manual clock is the real now; the
/// seeds' 2022 and 2024 windows (in the past) are moved around it in a copy of the seeds (<see cref="Seeds"/>).
/// </para>
/// </summary>
[Collection("browser")]
public sealed class ProgrammeApplicationTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private ProgrammeBrowserApp app = default!;
    private string Url => app.BaseUrl;

    private static readonly Lazy<string> seeds = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("judging-seeds-programmes-").FullName;
        Paths.CopyTree(Paths.SeedsWithoutScores, dir);
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(DateTimeOffset.UtcNow).DateTime);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // 2024 (分钟): opens yesterday 09:00, closes in 30 days 16:00; 2022 (日): yesterday to 30 days on.
        File.WriteAllText(Path.Combine(dir, "programmes", "technology-award-2024", "windows.csv"),
            "窗口代码,名称,开始,截止,精度\n" +
            $"activity-registration,质量技术创新活动报名,{D(today.AddDays(-1))} 09:00,{D(today.AddDays(30))} 16:00,分钟\n" +
            $"nomination,提名系统开放时间,{D(today.AddDays(-1))} 09:00,{D(today.AddDays(30))} 16:00,分钟\n", new System.Text.UTF8Encoding(true));
        File.WriteAllText(Path.Combine(dir, "programmes", "technology-award-2022", "windows.csv"),
            "窗口代码,名称,开始,截止,精度\n" +
            $"application,线上申报,{D(today.AddDays(-1))},{D(today.AddDays(30))},日\n", new System.Text.UTF8Encoding(true));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return dir;
    });

    /// <summary>The seeds without scores, with the 2022 and 2024 programmes' windows around today.</summary>
    public static string Seeds => seeds.Value;

    public Task InitializeAsync()
    {
        app = new ProgrammeBrowserApp(Seeds);
        app.Clock.Set(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// From the list of programmes, opens <paramref name="code"/> anonymously, is sent to the unit sign-in with the page as
    /// its return path, signs <paramref name="mobile"/> in with the texted code and lands back on the programme's page.
    /// </summary>
    private async Task<IPage> SignInFromProgrammeAsync(string code, string mobile, string? shot = null)
    {
        var context = await fixture.Browser.PhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{Url}/programmes");
        if (shot is not null) await page.ShotAsync(output, shot + "-list");
        await page.Locator($"[data-testid=open-{code}]").TapAsync();
        await page.WaitForURLAsync(new Regex("/unit/login\\?return="));
        await page.FillAsync("[data-testid=login-mobile]", mobile);
        await page.Locator("[data-testid=login-send]").TapAsync();
        await Expect(page.Locator("[data-testid=login-code-msg]")).Not.ToBeEmptyAsync();
        await page.FillAsync("[data-testid=login-code]", app.Sms.CodeOf(mobile));
        await page.Locator("[data-testid=login-submit]").TapAsync();
        await page.WaitForURLAsync($"**/programmes/{code}");
        return page;
    }

    /// <summary>Taps the start button of <paramref name="category"/> on the programme's page; returns the application's id.</summary>
    private static async Task<int> StartAsync(IPage page, string category)
    {
        await page.Locator($"[data-testid=start-{category}]").TapAsync();
        await page.WaitForURLAsync("**/programmes/applications/*");
        return int.Parse(page.Url.Split('/').Last().Split('?')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Types <paramref name="values"/> into the form by field name, each as its kind is typed (radio, select, date and time).</summary>
    private static async Task FillAsync(IPage page, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            var box = page.Locator($"[data-field='{name}']");
            switch (await box.GetAttributeAsync("data-kind"))
            {
                case "YesNo": await box.Locator($"input[value='{value}']").CheckAsync(); break;
                case "Choice": await box.Locator("select").SelectOptionAsync(new SelectOptionValue { Value = value }); break;
                case "DateTime": await box.Locator("[data-input]").FillAsync(value.Replace(' ', 'T')); break;
                default: await box.Locator("[data-input]").FillAsync(value); break;
            }
        }
    }

    /// <summary>Waits until the last change is saved (the eligibility panel then shows the server's answer).</summary>
    private static Task SavedAsync(IPage page) =>
        Expect(page.Locator("[data-testid=app-status]")).ToContainTextAsync("已自动保存", new() { Timeout = 15_000 });

    private static ILocator Rule(IPage page, string code) => page.Locator($"[data-testid=rule-{code}]");

    /// <summary>Taps 提交 and waits for the page to come back with the status <paramref name="status"/> (Submitted or Refused).</summary>
    private static async Task SubmitAsync(IPage page, string status)
    {
        await page.Locator("[data-testid=app-submit]").TapAsync();
        await Expect(page.Locator("[data-testid=app-state]")).ToHaveAttributeAsync("data-status", status, new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_gold_award_individual_with_four_years_sees_the_five_years_rule_fail_before_submitting_and_is_refused()
    {
        var page = await SignInFromProgrammeAsync("government-quality-award-2025", "13987651301", "programme-002");
        await Expect(page.Locator("[data-testid=mine-none]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=rule-name-gold-work-5y]")).ToHaveTextAsync("质量金奖个人：在沪从事质量工作满 5 年");
        await page.ShotAsync(output, "programme-002-page");
        var id = await StartAsync(page, "gold-achievement");

        // 公示: five working days ending a week ago (the calendar decides which days work).
        var calendar = await app.WithDbAsync(db => ProgrammeService.LoadCalendarAsync(db, default));
        var to = DateOnly.FromDateTime(ShanghaiTime.ToLocal(DateTimeOffset.UtcNow).DateTime).AddDays(-7);
        while (WorkingDays.Count(calendar, to, to) == 0) to = to.AddDays(-1);
        var from = to;
        while (WorkingDays.Count(calendar, from, to) < 5) from = from.AddDays(-1);
        await FillAsync(page, new Dictionary<string, string>
        {
            ["名称"] = "李品质", ["所在单位"] = "上海申江精密制造有限公司", ["在沪从事质量工作年限"] = "4", ["首席质量官制度"] = "是",
            ["声明无严重失信"] = "是", ["公示开始"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["公示结束"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["同年申报区级奖"] = "否",
        });
        await SavedAsync(page);

        // Before submitting: 5 years needed, 4 typed → ✗ with the reason; the 公示 of five working days ✔.
        await Expect(Rule(page, "gold-work-5y")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(Rule(page, "gold-work-5y")).ToContainTextAsync("5年");
        await Expect(Rule(page, "gold-work-5y")).ToContainTextAsync("质量金奖个人：在沪从事质量工作满 5 年"); // its name, not its code
        await Expect(Rule(page, "internal-notice-5wd")).ToHaveAttributeAsync("data-passed", "true");
        await Expect(page.Locator("[data-testid=eligibility] li[data-passed=false]")).ToHaveCountAsync(1);
        await Rule(page, "gold-work-5y").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "programme-002-rule-failing");

        await SubmitAsync(page, "Refused");
        await Expect(page.Locator("[data-testid=app-refused]")).ToContainTextAsync("不予受理");
        await Expect(page.Locator("[data-testid=refusal-gold-work-5y]")).ToContainTextAsync("5年");
        await Expect(page.Locator("[data-testid=app-submitted-at]")).ToContainTextAsync("北京时间");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ShotAsync(output, "programme-002-refused");
        // 我的申报 lists it as 不予受理.
        await page.Locator("[data-testid=back-programme]").TapAsync();
        await Expect(page.Locator($"[data-testid=mine-{id}]")).ToContainTextAsync("不予受理");
    }

    [Fact]
    public async Task An_eligible_nominator_is_submitted_and_an_ineligible_one_is_refused()
    {
        var page = await SignInFromProgrammeAsync("technology-award-2024", "13987651302");
        // Nomination only: 提名 / 提名书, never 申报.
        await Expect(page.Locator("[data-testid=mine]")).ToContainTextAsync("我的提名");
        await Expect(page.Locator("[data-testid=start-invention]")).ToHaveTextAsync("开始填写提名书");
        await Expect(page.Locator("[data-testid=materials-invention]")).ToHaveTextAsync("提名材料");
        await page.Locator("[data-testid=category-invention]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "programme-004-page");
        await StartAsync(page, "invention");
        var registered = ShanghaiTime.ToLocal(DateTimeOffset.UtcNow.AddHours(-1)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var nomination = new Dictionary<string, string>
        {
            ["项目名称"] = "高精度伺服阀在线泄漏检测方法", ["提名单位"] = "上海市申江区经济委员会", ["提名单位类型"] = "市、区两级相关政府部门",
            ["被提名单位"] = "上海申蓝精密机械有限公司", ["被提名单位类型"] = "其他企业", ["在本市注册登记"] = "是", ["活动报名时间"] = registered,
        };
        await FillAsync(page, nomination);
        await SavedAsync(page);
        foreach (var code in new[] { "nominator-kind", "department-nominee", "activity-registered", "nomination-window" })
            await Expect(Rule(page, code)).ToHaveAttributeAsync("data-passed", "true");
        await Expect(page.Locator("[data-testid=app-submit]")).ToHaveTextAsync("提交提名");
        await page.ShotAsync(output, "programme-004-all-passed");
        await SubmitAsync(page, "Submitted");
        await Expect(page.Locator("[data-testid=app-submitted]")).ToContainTextAsync("已提交");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ShotAsync(output, "programme-004-submitted");

        // Another nomination by 其他单位: ✗ before submitting, 不予受理 after.
        await page.Locator("[data-testid=back-programme]").TapAsync();
        await StartAsync(page, "progress");
        await FillAsync(page, new Dictionary<string, string>(nomination) { ["项目名称"] = "电梯曳引系统多源振动诊断", ["提名单位"] = "上海某某咨询有限公司", ["提名单位类型"] = "其他单位" });
        await SavedAsync(page);
        await Expect(Rule(page, "nominator-kind")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(Rule(page, "nominator-kind")).ToContainTextAsync("不在其列");
        await page.ShotAsync(output, "programme-004-nominator-failing");
        await SubmitAsync(page, "Refused");
        await Expect(page.Locator("[data-testid=refusal-nominator-kind]")).ToContainTextAsync("不在其列");
    }

    [Fact]
    public async Task A_third_application_in_one_direction_is_over_the_cap_of_two()
    {
        var page = await SignInFromProgrammeAsync("technology-award-2022", "13987651303");
        var application = new Dictionary<string, string>
        {
            ["申报单位"] = "上海申江精密制造有限公司", ["重点领域"] = "制造", ["申报方向或范围"] = "质量技术开发", ["技术评价"] = "鉴定", ["合作单位推荐不限名额"] = "否",
        };
        for (var i = 1; i <= 2; i++)
        {
            await StartAsync(page, "comprehensive");
            await FillAsync(page, new Dictionary<string, string>(application) { ["项目名称"] = $"精密主轴热变形补偿技术 {i}" });
            await SavedAsync(page);
            await Expect(Rule(page, "cap")).ToHaveAttributeAsync("data-passed", "true");
            await SubmitAsync(page, "Submitted");
            await page.Locator("[data-testid=back-programme]").TapAsync();
            // The app's clock stands still: the next one comes a minute later (a draft's 提交时间 is to the minute, and
            // the cap counts in order of submission).
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await StartAsync(page, "comprehensive");
        await FillAsync(page, new Dictionary<string, string>(application) { ["项目名称"] = "精密主轴热变形补偿技术 3" });
        await SavedAsync(page);
        await Expect(Rule(page, "cap")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(Rule(page, "cap")).ToContainTextAsync("2");
        await Expect(Rule(page, "window")).ToHaveAttributeAsync("data-passed", "true");
        await Rule(page, "cap").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "programme-003-cap-failing");
        await SubmitAsync(page, "Refused");
        await Expect(page.Locator("[data-testid=refusal-cap]")).ToContainTextAsync("2");
    }

    [Fact]
    public async Task A_benchmark_section_of_8200_characters_is_over_its_limit_of_8000()
    {
        var page = await SignInFromProgrammeAsync("quality-benchmark-2021", "13987651304");
        await StartAsync(page, "quality-benchmark");
        await FillAsync(page, new Dictionary<string, string>
        {
            ["申报单位"] = "上海申江精密制造有限公司", ["独立法人资格"] = "是", ["经营状况良好"] = "是", ["无违法行为和不良记录"] = "是",
            ["方法成熟应用"] = "是", ["承诺分享交流"] = "是", ["质量标杆名称"] = "申江精密公司实施六西格玛设计的经验",
            ["摘要"] = "以六西格玛设计提升精密零件一次合格率。", ["企业概况"] = "公司专注精密制造二十年。", ["实施效果"] = "一次合格率提升至百分之九十九。",
        });
        // 8,200 字 (CJK characters count one each), set by script: typing them would take too long.
        await page.EvalOnSelectorAsync("[data-field='推进和应用'] textarea",
            "el => { el.value = '质'.repeat(8200); el.dispatchEvent(new Event('input', { bubbles: true })); }");
        var counter = page.Locator("[data-testid='count-推进和应用']");
        await Expect(counter).ToHaveTextAsync("8,200 / 8,000 字");
        await Expect(counter).ToHaveClassAsync(new Regex("\\bbad\\b"));
        await SavedAsync(page);
        await Expect(Rule(page, "application-length")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(Rule(page, "application-length")).ToContainTextAsync("8000");
        await Expect(Rule(page, "abstract-length")).ToHaveAttributeAsync("data-passed", "true");
        await counter.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "programme-001-over-limit");
    }
}
