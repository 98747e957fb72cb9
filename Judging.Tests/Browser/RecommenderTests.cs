namespace Judging.Tests.Browser;

using System.Text.RegularExpressions;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// A recommender on a desktop (issue 15, "Recommenders" and "Done when"): the organiser issues its one-time link on
/// /organiser/recommenders; the recommender sets its account, writes opinions, reorders with the arrows, submits and uploads
/// the stamped scan; the organiser then sees it complete.
/// </summary>
public sealed class RecommenderTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task A_recommender_is_invited_gives_opinions_reorders_submits_and_uploads_the_scan()
    {
        var competition = App.Scalar("SELECT \"Id\" FROM \"Competitions\" ORDER BY \"Id\" LIMIT 1");
        // The recommender with the fewest entries, at least two (so there is something to reorder).
        var recId = App.Scalar("""
            SELECT r."Id" FROM "Recommenders" r JOIN "Units" u ON u."RecommenderId" = r."Id" JOIN "Entries" e ON e."UnitId" = u."Id"
            GROUP BY r."Id" HAVING COUNT(*) >= 2 ORDER BY COUNT(*), r."Id" LIMIT 1
            """);
        var recName = App.ScalarText($"SELECT \"Name\" FROM \"Recommenders\" WHERE \"Id\" = {recId}");

        var organiser = await Browser.OrganiserAsync(App);
        // The seeds' competition is of 2025: the recommendations are made due at the end of tomorrow (Beijing) for this run.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var calendar = await organiser.APIRequest.PostAsync($"{App.BaseUrl}/api/competitions/{competition}/intake-calendar", new()
        {
            DataObject = new
            {
                registrationOpens = $"{Day(-60)}T00:00:00+08:00", registrationCloses = $"{Day(1)}T00:00:00+08:00", speechDue = $"{Day(1)}T00:00:00+08:00",
                filmAndCaseDue = $"{Day(1)}T00:00:00+08:00", recommendationDue = $"{Day(2)}T00:00:00+08:00", formalReviewCloses = $"{Day(3)}T00:00:00+08:00",
            },
        });
        Assert.Equal(200, calendar.Status);

        var list = await organiser.NewPageAsync();
        await list.GotoAsync($"{App.BaseUrl}/organiser/recommenders/{competition}");
        await Expect(list.Locator("[data-testid=recommenders]")).ToContainTextAsync(recName);
        await People.WaitForCircuitAsync(list);
        await Expect(list.Locator($"[data-testid=account-{recId}]")).ToContainTextAsync("未开通");
        await list.ClickAsync($"[data-testid=issue-{recId}]");
        await Expect(list.Locator("[data-testid=issued-link]")).ToContainTextAsync(recName);
        var link = (await list.Locator("[data-testid=issued-url]").InnerTextAsync()).Trim();
        Assert.Matches(@"/recommender/invite/[0-9a-f]{48}$", link);
        await Expect(list.Locator($"[data-testid=account-{recId}]")).ToContainTextAsync("已生成链接");
        await list.ShotAsync(Output, "recommender-1-link-issued");

        // The recommender, on a desktop, opens the link and sets its account.
        var desktop = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await desktop.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.Locator("[data-testid=invite-name]")).ToHaveTextAsync(recName);
        await page.FillAsync("input[name=UserName]", "tuijian-browser");
        await page.FillAsync("input[name=Password]", "recommender-pass-1");
        await page.FillAsync("input[name=Password2]", "recommender-pass-1");
        await page.ShotAsync(Output, "recommender-2-invite");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/recommender");
        await Expect(page.Locator("[data-testid=recommender-name]")).ToHaveTextAsync(recName);
        await People.WaitForCircuitAsync(page);

        var codes = (await page.Locator("[data-testid^=entry-]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid.substring(6))")).ToList();
        Assert.True(codes.Count >= 2);
        foreach (var (code, i) in codes.Select((c, i) => (c, i)))
        {
            var card = page.Locator($"[data-testid=entry-{code}]");
            await card.GetByText(i == 0 ? "推荐" : "不推荐", new() { Exact = true }).ClickAsync();
            await Expect(page.Locator($"[data-testid=saved-{code}]")).ToBeVisibleAsync();
            await page.MudInput($"text-{code}", "textarea").FillAsync(i == 0 ? "质量故事真实感人，推荐。" : "与本区其他作品主题重复。");
        }
        // Typed text is saved after a pause; the first card's text must be stored before moving on.
        await page.WaitForTimeoutAsync(1500);
        await page.ShotAsync(Output, "recommender-3-opinions");

        // The first entry moves down one place with the arrow (within its track).
        var first = codes[0];
        var sameTrackSecond = await page.Locator($"[data-testid=down-{first}]").IsDisabledAsync();
        Assert.False(sameTrackSecond, "the first entry shares its track with the second (the recommender with the fewest entries has them in one track)");
        await page.ClickAsync($"[data-testid=down-{first}]");
        await Expect(page.Locator($"[data-testid=position-{first}]")).ToHaveTextAsync("2");
        await Expect(page.Locator($"[data-testid=position-{codes[1]}]")).ToHaveTextAsync("1");
        await page.ShotAsync(Output, "recommender-4-reordered");

        await page.MudInput("filler-name").FillAsync("王敏");
        await page.MudInput("filler-dept").FillAsync("质量科");
        await page.MudInput("filler-post").FillAsync("科长");
        await page.MudInput("filler-phone").FillAsync("021-62881234");
        await page.MudInput("filler-email").FillAsync("wangmin@example.cn");
        await page.ClickAsync("[data-testid=submit]");
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("提交推荐");
        await page.ShotAsync(Output, "recommender-5-submitted");

        await page.SetInputFilesAsync("[data-testid=scan-input]", new FilePayload { Name = "推荐表盖章.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("推荐已完成");
        await Expect(page.Locator("[data-testid=scan-link]")).ToBeVisibleAsync();
        await page.ShotAsync(Output, "recommender-6-scan-uploaded");

        // Stored: the order (the second entry is now 排序 1), the first entry's opinion, the scan.
        var catalogue = App.ScalarText($"SELECT \"CatalogueJson\" FROM \"RecommendationSubmissions\" WHERE \"RecommenderId\" = {recId}");
        Assert.Contains("质量故事真实感人，推荐。", catalogue);
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM \"RecommendationSubmissions\" WHERE \"RecommenderId\" = {recId} AND \"StampedScanName\" IS NOT NULL"));
        var firstId = App.Scalar($"SELECT \"Id\" FROM \"Entries\" WHERE \"Code\" = '{codes[1]}'");
        Assert.Matches(new Regex($"^\\[\\{{\"position\":1,\"entryId\":{firstId},"), catalogue);

        // The organiser sees it complete.
        await list.ReloadAsync();
        await Expect(list.Locator($"[data-testid=state-{recId}]")).ToHaveTextAsync("已完成");
        await Expect(list.Locator($"[data-testid=account-{recId}]")).ToContainTextAsync("tuijian-browser");
        await People.WaitForCircuitAsync(list);
        await list.Locator("[data-testid=recommenders] input").First.FillAsync(recName); // the grid's search: the row on screen
        await Expect(list.Locator("[data-testid=complete-count]")).ToContainTextAsync("已完成 1 /");
        await list.ShotAsync(Output, "recommender-7-complete");
    }
}
