namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The language of an interactive staff page (issue 12, section 3): Chinese by default; the header's switch turns
/// the page English (its title, the header, the document's language), and back.
/// </summary>
public sealed class LanguageSwitchTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact]
    public async Task The_vote_review_page_reads_in_Chinese_then_in_English_after_the_switch()
    {
        var context = await Browser.OrganiserAsync(App);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/vote-review/1");
        await Expect(page.Locator("[data-testid=films] tbody tr")).ToHaveCountAsync(30);
        await Expect(page).ToHaveTitleAsync("网络投票核验");
        await page.ShotAsync(Output, "language-zh");

        await page.ClickAsync(".topbar a.lang");
        await page.WaitForURLAsync("**/organiser/vote-review/1");
        await Expect(page.Locator("[data-testid=films] tbody tr")).ToHaveCountAsync(30);
        await Expect(page).ToHaveTitleAsync("Film vote review");
        await Expect(page.Locator(".topbar .brand")).ToHaveTextAsync("Shanghai Quality Judging");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ShotAsync(Output, "language-en");

        await page.ClickAsync(".topbar a.lang");
        await Expect(page).ToHaveTitleAsync("网络投票核验");
    }

    [Fact]
    public async Task The_pager_of_a_grid_reads_in_Chinese_then_in_English()
    {
        var context = await Browser.OrganiserAsync(App);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/audit");
        var pager = page.Locator(".mud-table-pagination");
        await Expect(pager).ToContainTextAsync("每页行数");
        await Expect(pager).ToContainTextAsync("共");
        await Expect(pager).Not.ToContainTextAsync("Rows per page");
        await Expect(pager).Not.ToContainTextAsync(" of ");
        await page.ShotAsync(Output, "pager-zh");

        await page.ClickAsync(".topbar a.lang");
        await page.WaitForURLAsync("**/organiser/audit");
        await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync("Rows per page");
        await page.ShotAsync(Output, "pager-en");
        await page.ClickAsync(".topbar a.lang");
    }
}
