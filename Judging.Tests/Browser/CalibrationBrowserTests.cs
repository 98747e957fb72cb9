namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 14, §1, calibration before the round, as the people do it: the organiser adds a reference performance to a round not
/// started (浦东赛区, round 1); judges score it as a trial card (four over the API, PW-04 on the pad, far off); the chief judge's
/// calibration page shows the spread per criterion and flags PW-04 before the first speaker; nothing reaches the real scores.
/// </summary>
public sealed class CalibrationBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly (string Judge, decimal[] Points)[] Panel =
    [
        ("PW-02", [27, 22, 13, 18, 9]), // 89
        ("PW-03", [28, 22, 13, 18, 9]), // 90
        ("PW-05", [26, 22, 13, 18, 9]), // 88
        ("PW-06", [27, 22, 13, 18, 9]), // 89
    ];

    [Fact]
    public async Task The_organiser_adds_a_sample_the_judges_score_it_as_a_trial_and_the_chief_sees_the_spread()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var console = await organiser.NewPageAsync();
        await console.GotoAsync($"{App.BaseUrl}/organiser/rounds/1");
        await People.WaitForCircuitAsync(console);
        await Expect(console.Locator("[data-testid=calibration]")).ToBeVisibleAsync();
        // MudBlazor puts the field's data-testid on the input itself.
        await console.Locator("input[data-testid=calibration-title], [data-testid=calibration-title] input").First.FillAsync("样例一：标准演讲片段");
        await console.Locator("textarea[data-testid=calibration-description], [data-testid=calibration-description] textarea").First
            .FillAsync("一位选手讲述企业质量改进的 5 分钟片段，内容完整、表达流畅。");
        await console.Locator("[data-testid=calibration-add]").ClickAsync();
        await Expect(console.Locator("[data-testid=calibration-sample-1]")).ToContainTextAsync("样例一");
        await console.ShotAsync(Output, "organiser-calibration");
        var sampleId = App.Scalar("SELECT Id FROM CalibrationSamples WHERE RoundId = 1");

        foreach (var (code, points) in Panel)
        {
            var context = await Browser.TabletAsync();
            Assert.True((await context.APIRequest.GetAsync($"{App.BaseUrl}/j/{App.JudgeCode(code)}")).Ok, $"{code} signs in");
            var sent = await context.APIRequest.PostAsync($"{App.BaseUrl}/api/calibration/cards", new()
            {
                DataObject = new { sampleId, points, idempotencyKey = Guid.NewGuid().ToString("N") },
            });
            Assert.Equal(200, sent.Status);
        }

        // PW-04's pad shows the sample first, marked as a trial; a far-off trial card (60 against 89).
        var judge = await Browser.JudgeAsync(App, "PW-04");
        await Expect(judge.Locator("[data-testid=trial-mark]")).ToContainTextAsync("试评（不计分）");
        await judge.TapAsync("18", "15", "9", "12", "6");
        await judge.ShotAsync(Output, "judge-calibration-trial");
        await judge.Locator("[data-testid=submit]").TapAsync();
        await judge.Locator("[data-testid=confirm]").TapAsync();
        await Expect(judge.Locator("[data-testid=trial]")).ToHaveCountAsync(0); // the one sample is done: the normal waiting state

        var chief = await Browser.JudgeAsync(App, "PW-01", landscape: true);
        await chief.GotoAsync($"{App.BaseUrl}/chief/calibration");
        await People.WaitForCircuitAsync(chief);
        var pw04 = App.Scalar("SELECT Id FROM Judges WHERE Code = 'PW-04'");
        await Expect(chief.Locator($"[data-testid=calibration-judge-{pw04}]")).ToHaveClassAsync("flagged");
        await Expect(chief.Locator("[data-testid=calibration-spread]").First).ToContainTextAsync("主题内容");
        await chief.ShotAsync(Output, "chief-calibration");

        // Trial cards never count: no card, no score.
        Assert.Equal(0L, App.Scalar("SELECT COUNT(*) FROM ScoreRecords WHERE RoundId = 1"));
        Assert.Equal(5L, App.Scalar($"SELECT COUNT(*) FROM CalibrationCards WHERE SampleId = {sampleId}"));
    }
}
