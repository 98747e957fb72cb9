namespace Judging.Tests.Browser;

using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The organiser's registrations dashboard (issue 15, "Organiser") in a desktop browser: two units registered online
/// (one speech submitted, one draft; one case submitted), the counts and both grids shown, a limit lifted through the
/// reason dialog; then the same page in English shows no Chinese outside data.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class RegistrationsPageTests(BrowserFixture fixture, ITestOutputHelper output) : EnglishPagesTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact]
    public async Task The_dashboard_shows_the_counts_and_grids_lifts_a_limit_and_reads_in_English()
    {
        var context = await Browser.OrganiserAsync(App);
        var competition = (int)App.Scalar("SELECT Id FROM Competitions ORDER BY Year DESC, Id DESC LIMIT 1");
        var unitA = await ResultsData.OnLiveAppAsync(App, async sp =>
        {
            using var scope = sp.CreateScope();
            var r = scope.ServiceProvider.GetRequiredService<RegistrationService>();
            var now = DateTimeOffset.UtcNow;
            Assert.Empty(await r.SetCalendarAsync(competition, new IntakeCalendar(now.AddDays(-1), now.AddDays(30), now.AddDays(30), now.AddDays(40), now.AddDays(45), now.AddDays(50)), "组织者 测试", default));
            var recommenders = await r.RecommendersAsync(competition, default);
            async Task<int> Unit(string name, string mobile, int recommender, string industry, Track track, string title, bool submit)
            {
                var u = (await r.RegisterAsync(competition, mobile, new RegistrationForm(name, true, recommender, "上海市浦东新区世纪大道 1 号", "200120", "民营", null,
                    "制造", true, industry, null, "张三", "品牌部 经理", mobile, "zhang@example.cn", [track], false), default)).Value;
                var d = (await r.StartDeclarationAsync(u, track, default)).Value;
                await r.SaveDraftAsync(u, d, new DeclarationForm(title, "上海制造", track == Track.InnovationCase ? null : 8, "李四", "张三", "世纪大道 1 号", "品牌部", "经理",
                    mobile, "zhang@example.cn", new string('质', 150), [], null, [true, true, true]), null, default);
                if (submit) Assert.True((await r.SubmitAsync(u, d, mobile, default)).Ok);
                var draft = (await r.StartDeclarationAsync(u, track == Track.InnovationCase ? Track.Speech : track, default)).Value;
                Assert.True(draft > 0);
                return u;
            }
            var a = await Unit("浦东测试质量科技有限公司", "13900000001", recommenders.First(x => x.Name == "浦东新区市场监管局").Id, "人工智能", Track.Speech, "一把尺子的故事", submit: true);
            await Unit("电气测试装备有限公司", "13900000002", recommenders.First(x => x.Kind == "产业集团").Id, "高端装备", Track.InnovationCase, "质量数字化之路", submit: true);
            return a;
        });

        var page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/registrations/{competition}");
        await People.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("reg-track-Speech")).ToContainTextAsync("演讲");
        await page.GetByPlaceholder("搜索单位、推荐单位、区或联系人").FillAsync("测试");
        await Assertions.Expect(page.GetByTestId("reg-units")).ToContainTextAsync("浦东测试质量科技有限公司");
        await Assertions.Expect(page.GetByTestId("reg-units")).ToContainTextAsync("139****0001");
        await page.GetByPlaceholder("搜索编号、作品、单位或推荐单位").FillAsync("测试");
        await Assertions.Expect(page.GetByTestId("reg-entries")).ToContainTextAsync("一把尺子的故事");
        await Assertions.Expect(page.GetByTestId("reg-by-industry")).ToContainTextAsync("三大先导产业");
        await page.ShotAsync(Output, "registrations-dashboard");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.Screenshots, "registrations-dashboard-full.png"), FullPage = true });

        // 放宽申报数量: the unit's case limit to 2, with a reason.
        await page.GetByTestId($"reg-lift-{unitA}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reg-lift-panel")).ToBeVisibleAsync();
        await page.GetByTestId("reg-lift-save").ClickAsync();
        await page.FillAsync("[data-testid=reason]", "该单位有两个独立品牌（测试）");
        await page.GetByTestId("reason-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reg-notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"reg-lifts-{unitA}")).ToContainTextAsync("创新案例 2");

        // In English: nothing Chinese outside data (names, titles, the stored natures and industries' own words are data).
        var data = DataTexts();
        await InEnglishAsync(context);
        await page.GotoAsync($"{App.BaseUrl}/organiser/registrations/{competition}");
        var chinese = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await ReadAsync(page, "/organiser/registrations/{c}", data, chinese);
        Verdict(chinese, ["/organiser/registrations/{c}"]);
    }
}
