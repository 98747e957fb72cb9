namespace Judging.Tests.Endpoints;

using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Browser;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The organiser's 网络投票核验 page (issue 4): sets a low burst threshold, sees the flagged cluster of votes from
/// one network, and includes it with a reason; the public count follows.
/// </summary>
public sealed class FilmVoteReviewPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Organiser_sees_a_held_cluster_and_includes_it_with_a_reason()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var film = VoteDurabilityTests.InsertFilm(App, "WDY-P01");
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser");
        await page.ClickAsync("[data-testid=vote-review]");
        await page.WaitForSelectorAsync("[data-testid=settings]");
        await People.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=window-text]")).ToContainTextAsync("不限（始终开放");
        await page.FillAsync("[data-testid=threshold]", "3");
        await page.ClickAsync("[data-testid=save-settings]");
        await Assertions.Expect(page.Locator("[data-testid=notice]", new() { HasText = "投票设置已保存。" })).ToBeVisibleAsync();

        // Four new voters on the same network (127.0.0.0/24) vote for the film within seconds: held from the third.
        long lastCount = -1;
        for (var i = 0; i < 4; i++)
        {
            var (voter, _) = await VoteDurabilityTests.VoterAsync(App, $"1360000{i:0000}");
            var body = await (await voter.PostAsync($"/api/films/{film}/votes", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("accepted").GetBoolean());
            lastCount = body.GetProperty("count").GetInt64();
        }
        Assert.Equal(0, lastCount);

        await Assertions.Expect(page.Locator("[data-testid=held-WDY-P01]")).ToHaveTextAsync("4", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("[data-testid=public-WDY-P01]")).ToHaveTextAsync("0");
        var row = page.Locator("[data-testid=clusters] tbody tr").Filter(new() { HasText = "127.0.0.0/24" });
        await Assertions.Expect(row).ToContainTextAsync("待核验");
        await Assertions.Expect(row).ToContainTextAsync("136****0000");
        await page.ShotAsync(Output, "vote-review-held-cluster");

        var id = (await row.Locator("[data-testid^=include-]").GetAttributeAsync("data-testid"))!["include-".Length..];
        // No decision without a reason: the dialog's confirm stays disabled until one is written.
        await page.ClickAsync($"[data-testid=include-{id}]");
        await Assertions.Expect(page.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await page.FillAsync(".mud-dialog textarea", "核实为同一单位员工在会场集体投票");
        await page.ClickAsync("[data-testid=reason-confirm]");
        await Assertions.Expect(page.Locator($"[data-testid=cluster-state-{id}]")).ToContainTextAsync("已计入");
        await Assertions.Expect(page.Locator("[data-testid=public-WDY-P01]")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("[data-testid=held-WDY-P01]")).ToHaveTextAsync("0");
        await page.ShotAsync(Output, "vote-review-included");
    }
}
