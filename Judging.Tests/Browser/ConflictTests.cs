namespace Judging.Tests.Browser;

using System.Net;
using System.Text.Json;
using Judging.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>A judge from the speaker's unit cannot score them (嘉定赛区, round 3: PW-19 avoids 上海锦江国际旅游, speaker YJ-046).</summary>
public sealed class ConflictTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{

    [Fact]
    public async Task Conflicted_judge_is_told_and_skipped_and_the_server_refuses_their_card()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var console = await organiser.OpenScoringAsync(App, 3, "YJ-046");

        var judge = await Browser.JudgeAsync(App, "PW-19");
        await Expect(judge.Locator("[data-testid=speaker]")).ToContainTextAsync("YJ-046");
        await Expect(judge.Locator("[data-testid=conflict]")).ToContainTextAsync("回避");
        await Expect(judge.Locator("[data-testid=crit-1]")).ToHaveCountAsync(0);
        await Expect(judge.Locator("[data-testid=submit]")).ToHaveCountAsync(0);
        await judge.ShotAsync(Output, "judge-conflicted");

        var entryId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'YJ-046'");
        var response = await judge.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
        {
            DataObject = new { roundId = 3, entryId, points = new[] { 20m, 20m, 10m, 15m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") },
        });
        Assert.Equal((int)HttpStatusCode.Conflict, response.Status);
        Assert.Contains("回避", await response.TextAsync());
        Assert.Equal(0, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));

        // The console shows the judge as avoiding, and the speaker expects six cards, not seven.
        await Expect(console.Locator("[data-testid=judge-progress] .judge-chip.conflict")).ToContainTextAsync("PW-19");
        using var http = new HttpClient();
        var board = JsonDocument.Parse(await http.GetStringAsync($"{App.BaseUrl}/api/rounds/3/leaderboard")).RootElement;
        Assert.Equal(6, board.EnumerateArray().Single(e => e.GetProperty("entryId").GetInt64() == entryId).GetProperty("judgesExpected").GetInt32());

        // The next speaker is from another unit and group: the same judge scores normally.
        await console.ClickAsync("[data-testid=onstage-YJ-030]");
        await console.ClickAsync("[data-testid=open-scoring]");
        await Expect(judge.Locator("[data-testid=crit-1]")).ToBeVisibleAsync();
        await Expect(judge.Locator("[data-testid=conflict]")).ToHaveCountAsync(0);
    }
}
