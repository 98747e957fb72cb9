namespace Judging.Tests.Browser;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The organiser's live leaderboard of the public film vote (issue 4, "Live counts to … the organiser's leaderboard"):
/// votes cast through the JSON API reorder the projector view <c>/organiser/film-votes/1</c> and the ranking on
/// 网络投票核验 <c>/organiser/vote-review/1</c> without a reload; ties share a rank and go by 作品编号.
/// </summary>
public sealed partial class FilmLeaderboardTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [GeneratedRegex(@"SMS (\d{3}\*{4}\d{4}) 验证码 (\d{4,8})")]
    private static partial Regex SmsLine();

    [Fact]
    public async Task Votes_through_the_api_reorder_the_live_leaderboard_without_a_reload()
    {
        var context = await Browser.OrganiserAsync(App);
        var board = await context.NewPageAsync();
        await board.SetViewportSizeAsync(1920, 1080);
        await board.GotoAsync($"{App.BaseUrl}/organiser/film-votes/1");
        await Expect(board.Locator("[data-testid=bars] li")).ToHaveCountAsync(10);
        await Expect(board.Locator("[data-testid=total]")).ToHaveTextAsync("0");
        await board.EvaluateAsync("() => window.__noReload = 'still-here'");
        var review = await context.NewPageAsync();
        await review.GotoAsync($"{App.BaseUrl}/organiser/vote-review/1");
        await Expect(review.Locator("[data-testid=films] tbody tr")).ToHaveCountAsync(30);

        // Three voters: WDY-005 gets 3 votes, WDY-003 2, WDY-001 1.
        var a = await VoterAsync("13800000001");
        var b = await VoterAsync("13800000002");
        var c = await VoterAsync("13800000003");
        foreach (var (voter, code) in new[] { (a, "WDY-005"), (b, "WDY-005"), (c, "WDY-005"), (a, "WDY-003"), (b, "WDY-003"), (a, "WDY-001") })
            await VoteAsync(voter, code);

        var bars = board.Locator("[data-testid=bars] li");
        await Expect(board.Locator("[data-testid=total]")).ToHaveTextAsync("6", new() { Timeout = 10_000 });
        await Expect(bars.Nth(0)).ToHaveAttributeAsync("data-testid", "bar-WDY-005");
        await Expect(bars.Nth(1)).ToHaveAttributeAsync("data-testid", "bar-WDY-003");
        await Expect(bars.Nth(2)).ToHaveAttributeAsync("data-testid", "bar-WDY-001");
        await Expect(board.Locator("[data-testid=count-WDY-005]")).ToHaveTextAsync("3");
        await Expect(bars.Nth(0).Locator(".vp-no")).ToHaveTextAsync("1");
        await Expect(bars.Nth(3).Locator(".vp-no")).ToHaveTextAsync("4"); // the films without votes share rank 4
        await Expect(bars.Nth(9).Locator(".vp-no")).ToHaveTextAsync("4");
        await board.ShotAsync(Output, "film-leaderboard-projector");
        await Expect(review.Locator("[data-testid=films] tbody tr").First.Locator("[data-testid=film-WDY-005]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(review.Locator("[data-testid=rank-WDY-003]")).ToHaveTextAsync("2");
        await Expect(review.Locator("[data-testid=rank-WDY-001]")).ToHaveTextAsync("3");

        // Two more votes for WDY-001: it ties WDY-005 at 3, shares rank 1 and goes first by 作品编号; WDY-003 is 3rd.
        await VoteAsync(b, "WDY-001");
        await VoteAsync(c, "WDY-001");
        await Expect(bars.Nth(0)).ToHaveAttributeAsync("data-testid", "bar-WDY-001", new() { Timeout = 10_000 });
        await Expect(bars.Nth(1)).ToHaveAttributeAsync("data-testid", "bar-WDY-005");
        await Expect(bars.Nth(1).Locator(".vp-no")).ToHaveTextAsync("1");
        await Expect(bars.Nth(2).Locator(".vp-no")).ToHaveTextAsync("3");
        await Expect(board.Locator("[data-testid=total]")).ToHaveTextAsync("8");
        await Expect(review.Locator("[data-testid=rank-WDY-001]")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(review.Locator("[data-testid=rank-WDY-005]")).ToHaveTextAsync("1");
        await Expect(review.Locator("[data-testid=rank-WDY-003]")).ToHaveTextAsync("3");
        Assert.Equal("still-here", await board.EvaluateAsync<string>("() => window.__noReload"));
        await board.ShotAsync(Output, "film-leaderboard-tie");
        await review.ShotAsync(Output, "film-vote-review-ranking");
    }

    /// <summary>A verified voter: an HttpClient holding the voter cookie (codes from the log gateway).</summary>
    private async Task<HttpClient> VoterAsync(string phone)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(App.BaseUrl) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"leaderboard-test/{phone}");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/voting/1/code", new { phone })).StatusCode);
        string? code = null;
        for (var i = 0; i < 50 && code is null; i++)
        {
            code = SmsLine().Matches(App.Output).Where(m => m.Groups[1].Value == Judging.App.FilmVoting.PhoneVerification.Mask(phone)).Select(m => m.Groups[2].Value).LastOrDefault();
            if (code is null) await Task.Delay(100);
        }
        Assert.NotNull(code);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/voting/1/verify", new { phone, code })).StatusCode);
        return http;
    }

    private async Task VoteAsync(HttpClient voter, string filmCode)
    {
        var entryId = App.Scalar($"SELECT Id FROM Entries WHERE Code = '{filmCode}'");
        var vote = await voter.PostAsync($"/api/films/{entryId}/votes", null);
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        var answer = await vote.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(answer.GetProperty("counted").GetBoolean(), answer.ToString());
    }
}
