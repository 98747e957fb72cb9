namespace Judging.Tests.Browser;

using System.Net;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>A judge scores the speaker on stage on a tablet (浦东赛区, round 1).</summary>
public sealed class JudgeScoringTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{

    [Fact]
    public async Task Judge_taps_criteria_sees_the_total_confirms_once_and_the_card_is_locked()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 1, "YJ-036");

        var judge = await Browser.JudgeAsync(App, "PW-02");
        await Expect(judge.Locator("[data-testid=speaker]")).ToContainTextAsync("数字孪生让品质看得见");
        await Expect(judge.Locator("[data-testid=submit]")).ToBeDisabledAsync(); // nothing tapped yet

        await judge.TapAsync("27", "22.5", "13.5", "18", "9");
        await Expect(judge.Locator("[data-testid=total]")).ToHaveTextAsync("90.0");
        await judge.Locator("[data-testid=crit-1] .step", new() { HasText = "+0.5" }).TapAsync();
        await Expect(judge.Locator("[data-testid=value-1]")).ToHaveTextAsync("27.5");
        await Expect(judge.Locator("[data-testid=total]")).ToHaveTextAsync("90.5");
        // Bounded by the criterion's maximum: +1 three times from 27.5 stops at 30.
        for (var i = 0; i < 3; i++) await judge.Locator("[data-testid=crit-1] .step", new() { HasText = "+1" }).TapAsync();
        await Expect(judge.Locator("[data-testid=value-1]")).ToHaveTextAsync("30.0");
        await judge.Locator("[data-testid=crit-1] .chip[data-value='27']").TapAsync();
        await judge.Locator("[data-testid=crit-1] .step", new() { HasText = "+0.5" }).TapAsync();
        await Expect(judge.Locator("[data-testid=total]")).ToHaveTextAsync("90.5");

        // Thumb-sized targets.
        var box = await judge.Locator("[data-testid=crit-2] .chip").First.BoundingBoxAsync();
        Assert.True(box!.Height >= 48 && box.Width >= 48, $"tap target {box.Width}×{box.Height}");

        await judge.ShotAsync(Output, "judge-portrait-scoring");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await Expect(judge.Locator("[data-testid=confirm-panel]")).ToContainTextAsync("90.5");
        Assert.Equal(0, App.Scalar("SELECT COUNT(*) FROM ScoreRecords")); // nothing stored before confirming
        await judge.ShotAsync(Output, "judge-portrait-confirm");
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("已提交");
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("90.5");
        await judge.ShotAsync(Output, "judge-portrait-submitted");

        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));
        Assert.Equal(905, App.Scalar("SELECT CAST(ROUND(Total * 10) AS INTEGER) FROM ScoreRecords"));
        await Expect(judge.Locator("[data-testid=submit]")).ToHaveCountAsync(0);

        // Locked: another card for the same speaker is refused by the server.
        var again = await judge.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
        {
            DataObject = new { roundId = 1, entryId = await EntryIdAsync("YJ-036"), points = new[] { 10m, 10m, 10m, 10m, 10m }, idempotencyKey = Guid.NewGuid().ToString("N") },
        });
        Assert.Equal((int)HttpStatusCode.Conflict, again.Status);
        Assert.Contains("已锁定", await again.TextAsync());
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));

        // Landscape tablet, a second judge.
        var second = await Browser.JudgeAsync(App, "PW-03", landscape: true);
        await second.TapAsync("24", "20", "12", "16", "8");
        await Expect(second.Locator("[data-testid=total]")).ToHaveTextAsync("80.0");
        await second.ShotAsync(Output, "judge-landscape-scoring");
        Assert.True(await second.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 1024×768");
    }

    [Fact]
    public async Task Chief_judge_unlocks_a_card_with_a_reason_and_the_judge_rescored_it_with_the_audit_kept()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 1, "YJ-048");
        var judge = await Browser.JudgeAsync(App, "PW-04");
        await judge.TapAsync("18", "15", "9", "12", "6");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("60");

        var chief = await Browser.JudgeAsync(App, "PW-01");
        await chief.GotoAsync($"{App.BaseUrl}/chief");
        var row = chief.Locator("[data-testid=chief-scores] tr", new() { HasText = "PW-04" });
        await row.Locator("button", new() { HasText = "解锁" }).ClickAsync();
        await Expect(chief.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync(); // no reason, no unlock
        await chief.Locator("textarea").FillAsync("评委误触，第二项应为 22.5");
        await chief.Locator("[data-testid=reason-confirm]").ClickAsync();
        await Expect(chief.Locator("[data-testid=chief-message]")).ToContainTextAsync("已解锁");

        // The judge's page moves to re-scoring without a reload.
        await Expect(judge.Locator("[data-testid=submit]")).ToBeVisibleAsync();
        await judge.TapAsync("18", "22.5", "9", "12", "6");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("67.5");

        Assert.Equal(2, App.Scalar("SELECT COUNT(*) FROM ScoreRecords")); // append-only: both cards kept
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ScoreUnlocks"));
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '解锁评分' AND Reason LIKE '评委误触%' AND Before = '18;15;9;12;6' AND Actor LIKE '%PW-01%'"));
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '重新提交评分' AND Before = '18;15;9;12;6' AND After = '18;22.5;9;12;6'"));
        await chief.ShotAsync(Output, "chief-unlock");
    }

    private Task<long> EntryIdAsync(string code) => Task.FromResult(App.Scalar($"SELECT Id FROM Entries WHERE Code = '{code}'"));
}
