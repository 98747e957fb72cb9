namespace Judging.Tests.Browser;

using System.Diagnostics;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 14, §1, "Done when": seven judges score (浦东赛区, round 1, YJ-048), one card is far off; the chief judge's page flags
/// it within a second, the chief calls the panel's attention and unlocks it with a reason, the judge rescores; the judge
/// report shows the flag and what became of it.
/// </summary>
public sealed class PanelFlagTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Six cards near 89 (sheet 主题内容 30 / 语言表达 25 / 形象风度 15 / 现场效果 20 / 时间控制 10), sent over the API.</summary>
    private static readonly (string Judge, decimal[] Points)[] Panel =
    [
        ("PW-01", [27, 22, 13, 18, 9]), // 89
        ("PW-02", [27, 22, 13, 18, 9]), // 89
        ("PW-03", [28, 22, 13, 18, 9]), // 90
        ("PW-05", [26, 22, 13, 18, 9]), // 88
        ("PW-06", [27, 22, 13, 18, 9]), // 89
        ("PW-07", [27, 23, 13, 18, 9]), // 90
    ];

    [Fact]
    public async Task The_chief_sees_the_far_off_card_within_a_second_unlocks_it_and_the_report_tells_what_became_of_it()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 1, "YJ-048");
        var entryId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'YJ-048'");

        // Six judges' cards over the API, each with their own session.
        foreach (var (code, points) in Panel)
        {
            var context = await Browser.TabletAsync();
            var signIn = await context.APIRequest.GetAsync($"{App.BaseUrl}/j/{App.JudgeCode(code)}");
            Assert.True(signIn.Ok, $"{code} signs in");
            var sent = await context.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
            {
                DataObject = new { roundId = 1, entryId, points, idempotencyKey = Guid.NewGuid().ToString("N") },
            });
            Assert.Equal(200, sent.Status);
        }

        var chief = await Browser.JudgeAsync(App, "PW-01", landscape: true);
        await chief.GotoAsync($"{App.BaseUrl}/chief");
        await People.WaitForCircuitAsync(chief);
        await Expect(chief.Locator("[data-testid=chief-scores]")).ToContainTextAsync("PW-07");
        await Expect(chief.Locator("[data-testid=panel-flag]")).ToHaveCountAsync(0); // six cards close together

        // PW-04 scores on the pad, far below: 18 / 15 / 9 / 12 / 6 = 60 against a panel median of 89.
        var judge = await Browser.JudgeAsync(App, "PW-04");
        await judge.TapAsync("18", "15", "9", "12", "6");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("已提交");
        var acknowledged = Stopwatch.StartNew();
        var flag = chief.Locator("[data-testid=panel-flag][data-judge=PW-04][data-entry=YJ-048]");
        await Expect(flag).ToBeVisibleAsync(new() { Timeout = 1000 });
        var latency = acknowledged.ElapsedMilliseconds;
        Output.WriteLine($"flag visible {latency} ms after the judge's page acknowledged the card");
        Assert.True(latency <= 1000, $"flag shown {latency} ms after the acknowledgement");
        // Others 89 89 90 88 89 90: median 89, MAD 0.5 → floor 1, 60 − 89 = −29 beyond 3; 主题内容 18 − 27 = −9 drives it.
        await Expect(flag).ToContainTextAsync("闫丹丹");
        await Expect(flag.Locator("[data-testid=flag-criterion]")).ToContainTextAsync("主题内容");
        await Expect(flag).ToContainTextAsync("-29.00");
        await Expect(judge.Locator("[data-testid=panel-flag]")).ToHaveCountAsync(0); // the judge never sees it

        // The chief calls the panel's attention (a note in the audit log), then unlocks with a reason.
        await flag.Locator("[data-testid=flag-attention]").ClickAsync();
        await chief.Locator("[data-testid=reason-dialog] textarea").FillAsync("主题内容打分明显偏低，请评委会讨论");
        await chief.Locator("[data-testid=reason-confirm]").ClickAsync();
        await Expect(flag.Locator("[data-testid=flag-note]")).ToContainTextAsync("主题内容打分明显偏低");
        await chief.ShotAsync(Output, "chief-panel-flag");
        await flag.Locator("[data-testid=flag-unlock]").ClickAsync();
        await Expect(chief.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync(); // no reason, no unlock
        await chief.Locator("[data-testid=reason-dialog] textarea").FillAsync("评委确认误触，主题内容应为 27");
        await chief.Locator("[data-testid=reason-confirm]").ClickAsync();
        await Expect(chief.Locator("[data-testid=chief-message]")).ToContainTextAsync("已解锁");
        await Expect(chief.Locator("[data-testid=panel-flag]")).ToHaveCountAsync(0);

        // The judge rescores: 27 / 22.5 / 13.5 / 18 / 9 = 90.
        await Expect(judge.Locator("[data-testid=submit]")).ToBeVisibleAsync();
        await judge.TapAsync("27", "22.5", "13.5", "18", "9");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=submitted]")).ToContainTextAsync("90");
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '提请评委会注意' AND Reason LIKE '主题内容打分明显偏低%' AND Actor LIKE '%PW-01%'"));

        // The judge report, from the chief's page: PW-04's first card, flagged, unlocked and rescored 60 → 90, with the note.
        await chief.Locator("[data-testid=judge-report-1]").ClickAsync();
        await Expect(chief).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rounds/1/judge-report$")); // Blazor's enhanced navigation: no load event
        var row = chief.Locator("[data-testid=report-flag][data-judge=PW-04][data-entry=YJ-048]");
        await Expect(row.Locator("[data-testid=report-outcome]")).ToHaveTextAsync("已解锁，重评 60.00 → 90.00");
        await Expect(row.Locator("[data-testid=report-attention]")).ToContainTextAsync("已提请注意：主题内容打分明显偏低，请评委会讨论");
        await Expect(chief.Locator("[data-testid=judge-report-judges] tr", new() { HasText = "PW-04" })).ToContainTextAsync("闫丹丹");
        await Expect(chief.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20000 }); // the snackbars of the chief's actions go
        await chief.ShotAsync(Output, "judge-report");
        await row.ScrollIntoViewIfNeededAsync();
        await chief.ShotAsync(Output, "judge-report-flags");

        // The organiser reaches the same report from the round console.
        var console = await organiser.NewPageAsync();
        await console.GotoAsync($"{App.BaseUrl}/organiser/rounds/1");
        await console.Locator("[data-testid=judge-report]").ClickAsync();
        await Expect(console.Locator("[data-testid=report-flag][data-judge=PW-04] [data-testid=report-outcome]")).ToHaveTextAsync("已解锁，重评 60.00 → 90.00");
    }
}
