namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>Online expert review (issues 4 and 5): the organiser assigns and starts; experts read, draft, submit with comments.</summary>
public sealed class ExpertReviewTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private long RoundOf(int track) => App.Scalar($"SELECT Id FROM Rounds WHERE Online = 1 AND Track = {track}");

    /// <summary>Organiser: generate the assignment with the page's default k, then start the review.</summary>
    private async Task<IPage> AssignAndStartAsync(IBrowserContext organiser, long roundId, string shot)
    {
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/review/{roundId}");
        await page.WaitForSelectorAsync("[data-testid=status]");
        await People.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=start-review]");
        await Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("请先生成分配"); // refused until assigned
        await page.ClickAsync("[data-testid=generate]");
        await Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已生成分配");
        await page.ClickAsync("[data-testid=start-review]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        await page.ShotAsync(Output, shot);
        return page;
    }

    private async Task<IPage> ExpertAsync(string judgeNumber, bool landscape = false)
    {
        var context = await Browser.TabletAsync(landscape);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/j/{App.JudgeCode(judgeNumber)}");
        await page.WaitForURLAsync("**/expert"); // an expert of an online round lands on their list, not the stage pad
        await page.WaitForSelectorAsync("[data-testid=my-entries]");
        await People.WaitForCircuitAsync(page);
        return page;
    }

    [Fact]
    public async Task Case_expert_reads_a_case_saves_a_draft_reloads_and_submits_with_comments_then_it_is_locked()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var roundId = RoundOf(2);
        var console = await AssignAndStartAsync(organiser, roundId, "review-organiser-cases-assigned");
        // Balanced: 25 cases × 3 = 75 over 9 experts → 8 or 9 each.
        var loads = await console.Locator("[data-testid^=load-]").AllInnerTextsAsync();
        Assert.Equal(9, loads.Count);
        Assert.All(loads, l => Assert.Contains(int.Parse(l), new[] { 8, 9 }));

        var expert = await ExpertAsync("AJ-02");
        await Expect(expert.Locator("[data-testid=round-status]")).ToHaveTextAsync("评审中");
        await expert.ShotAsync(Output, "review-expert-list");
        var firstRow = expert.Locator("[data-testid=my-entries] tbody tr").First;
        var code = (await firstRow.Locator("td").First.InnerTextAsync()).Trim();
        var entryId = App.Scalar($"SELECT Id FROM Entries WHERE Code = '{code}'");
        await firstRow.Locator("[data-testid^=open-]").ClickAsync();
        await expert.WaitForSelectorAsync("[data-testid=entry]");
        await People.WaitForCircuitAsync(expert);
        await Expect(expert.Locator("[data-testid=case-document]")).ToHaveAttributeAsync("href", $"/cases/{entryId}/document");
        await Expect(expert.Locator("[data-testid=case-frame]")).ToHaveAttributeAsync("src", $"/cases/{entryId}/document");

        // Criterion 1 typed, criterion 3 tapped, comments on 1 and 2; draft saved on the server.
        await expert.FillAsync("[data-testid=points-1]", "31.5");
        await expert.PressAsync("[data-testid=points-1]", "Tab");
        await expert.Locator("[data-testid=crit-3] .chip[data-value='24']").TapAsync();
        await expert.FillAsync("[data-testid=comment-1]", "以全生命周期管控为主线，方法科学");
        await expert.PressAsync("[data-testid=comment-1]", "Tab");
        await expert.FillAsync("[data-testid=comment-2]", "体系完整，推广价值有待量化");
        await expert.PressAsync("[data-testid=comment-2]", "Tab");
        await Expect(expert.Locator("[data-testid=total]")).ToHaveTextAsync("55.5");
        await Expect(expert.Locator("[data-testid=submit]")).ToBeDisabledAsync(); // criterion 2 missing
        await expert.ClickAsync("[data-testid=save-draft]");
        await Expect(expert.Locator("[data-testid=message]")).ToContainTextAsync("草稿已保存");
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ReviewDrafts"));
        Assert.Equal(0, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));

        await expert.ReloadAsync();
        await expert.WaitForSelectorAsync("[data-testid=entry]");
        await People.WaitForCircuitAsync(expert);
        await Expect(expert.Locator("[data-testid=points-1]")).ToHaveValueAsync("31.5");
        await Expect(expert.Locator("[data-testid=comment-1]")).ToHaveValueAsync("以全生命周期管控为主线，方法科学");
        await Expect(expert.Locator("[data-testid=draft-state]")).ToContainTextAsync("草稿已保存");
        await expert.ShotAsync(Output, "review-case-draft-reloaded");

        await expert.Locator("[data-testid=crit-2] .chip[data-value='28']").TapAsync();
        await Expect(expert.Locator("[data-testid=total]")).ToHaveTextAsync("83.5");
        await expert.ClickAsync("[data-testid=submit]");
        await Expect(expert.Locator("[data-testid=confirm-panel]")).ToContainTextAsync("83.5");
        await expert.ClickAsync("[data-testid=confirm]");
        await Expect(expert.Locator("[data-testid=submitted]")).ToContainTextAsync("已提交");
        await Expect(expert.Locator("[data-testid=submitted]")).ToContainTextAsync("83.5");
        await Expect(expert.Locator("[data-testid=submitted-card]")).ToContainTextAsync("体系完整，推广价值有待量化");
        await Expect(expert.Locator("[data-testid=submit]")).ToHaveCountAsync(0);
        await expert.ShotAsync(Output, "review-case-submitted");

        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));
        Assert.Equal("31.5;28;24", App.ScalarText("SELECT Points FROM ScoreRecords"));
        Assert.Equal(2, App.Scalar("SELECT COUNT(*) FROM ScoreComments c JOIN ScoreRecords r ON r.Id = c.ScoreRecordId"));
        Assert.Equal(0, App.Scalar("SELECT COUNT(*) FROM ReviewDrafts"));

        await expert.ClickAsync("[data-testid=back]");
        await Expect(expert.Locator($"[data-testid=entry-{code}]")).ToContainTextAsync("已提交");
        await Expect(expert.Locator("[data-testid=progress]")).ToContainTextAsync("已提交 1");

        // The organiser's progress shows the card.
        await Expect(console.Locator("[data-testid=progress-AJ-02]")).ToContainTextAsync("1");
        // A deadline already past: everyone short of their cards is on the reminder list, with a copyable text.
        await console.FillAsync("[data-testid=due]", "2025-07-10T18:00");
        await console.ClickAsync("[data-testid=save-due]");
        await Expect(console.Locator("[data-testid=remind-AJ-02]")).ToContainTextAsync("1 / ");
        await Expect(console.Locator("[data-testid=remind-text-AJ-02]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("秦婷专家您好：创新案例初审线上评审将于7月10日 18:00截止，您已提交 1/\\d 件"));
        await Expect(console.Locator("[data-testid=reminders] tbody tr")).ToHaveCountAsync(9);
        // Normalisation beside the raw mean.
        await console.Locator("[data-testid=normalise]").Locator("xpath=descendant-or-self::input[@type='checkbox']").CheckAsync();
        await Expect(console.Locator("[data-testid=results] thead")).ToContainTextAsync("评委标准分");
        await Expect(console.Locator($"[data-testid=result-{code}]")).ToContainTextAsync("83.50");
        await console.ScreenshotAsync(new() { Path = Path.Combine(Paths.Screenshots, "review-organiser-full.png"), FullPage = true });
        Output.WriteLine("screenshot: review-organiser-full.png");
    }

    [Fact]
    public async Task Film_expert_scores_a_film_with_the_player_on_the_page()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var roundId = RoundOf(1);
        await AssignAndStartAsync(organiser, roundId, "review-organiser-films-assigned");
        var expert = await ExpertAsync("ZJ-02", landscape: true);
        var filmId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'WDY-001'");
        await expert.ClickAsync("[data-testid=open-WDY-001]");
        await expert.WaitForSelectorAsync("[data-testid=entry]");
        await People.WaitForCircuitAsync(expert);
        var player = expert.Locator("video[data-testid=film-player]");
        await Expect(player).ToBeVisibleAsync();
        await Expect(player).ToHaveAttributeAsync("src", $"/media/films/{filmId}/video");
        await Expect(player).ToHaveAttributeAsync("poster", $"/media/films/{filmId}/poster");

        await expert.Locator("[data-testid=crit-1] .chip[data-value='27']").TapAsync();
        await expert.Locator("[data-testid=crit-2] .chip[data-value='20']").TapAsync();
        await expert.Locator("[data-testid=crit-3] .chip[data-value='22.5']").TapAsync();
        await expert.Locator("[data-testid=crit-4] .chip[data-value='16']").TapAsync();
        await expert.FillAsync("[data-testid=comment-3]", "镜头语言干净，收音略弱");
        await expert.PressAsync("[data-testid=comment-3]", "Tab");
        await Expect(expert.Locator("[data-testid=total]")).ToHaveTextAsync("85.5");
        await expert.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Expect(player).ToBeInViewportAsync(); // landscape tablet: the player beside the sheet
        await expert.ShotAsync(Output, "review-film-scoring");
        await expert.ClickAsync("[data-testid=submit]");
        await expert.ClickAsync("[data-testid=confirm]");
        await Expect(expert.Locator("[data-testid=submitted]")).ToContainTextAsync("85.5");
        await expert.ShotAsync(Output, "review-film-submitted");
        Assert.Equal("镜头语言干净，收音略弱", App.ScalarText("SELECT Text FROM ScoreComments"));
        Assert.Equal(3, App.Scalar("SELECT CriterionOrder FROM ScoreComments"));

        // Five more experts score WDY-001 through the API; ZJ-07's 40 lies far from the others.
        // Totals 85.5, 84, 86, 83, 85, 40: pooled s = √(1670.875 / 5) = 18.28; ZJ-07 is 44.7 from the others' mean 84.7 > 2s = 36.56.
        (string Judge, decimal[] Points)[] cards =
        [
            ("ZJ-03", [25m, 21m, 21m, 17m]), ("ZJ-04", [26m, 22m, 21.5m, 16.5m]), ("ZJ-05", [25m, 21m, 20m, 17m]),
            ("ZJ-06", [25.5m, 21.5m, 21m, 17m]), ("ZJ-07", [12m, 10m, 10m, 8m]),
        ];
        foreach (var (judge, points) in cards)
        {
            var context = await Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{App.BaseUrl}/j/{App.JudgeCode(judge)}");
            var posted = await context.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
            {
                DataObject = new { roundId = RoundOf(1), entryId = filmId, points, idempotencyKey = Guid.NewGuid().ToString("N") },
            });
            Assert.Equal(200, posted.Status);
        }
        var chief = await ExpertAsync("ZJ-01");
        await chief.ClickAsync("[data-testid=chief-review]");
        await Expect(chief.Locator("[data-testid=outliers]")).ToContainTextAsync("ZJ-07");
        await Expect(chief.Locator("[data-testid=outliers] tbody tr")).ToHaveCountAsync(1);
        await Expect(chief.Locator("[data-testid=outlier-rule]")).ToContainTextAsync("s = 18.28");
        await chief.ShotAsync(Output, "review-chief-outliers");
    }
}
