namespace Judging.Tests.Browser;

using Judging.App.ResultsEngine;
using Judging.App.Finalists;
using Judging.App.Reviews;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 5 in the browser: after the cases' first review and the re-review list, the organiser calls two cases to a
/// defence (答辩) with times, an overlapping slot is refused with the clash named, and the schedule sets the re-review's
/// running order.
/// </summary>
public sealed class DefenceTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_organiser_schedules_defences_and_the_re_review_order_follows()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var reReview = await ResultsData.OnLiveAppAsync(App, async sp =>
        {
            using (var scope = sp.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<App.Persistence.JudgingDb>();
                var round = await db.Rounds.SingleAsync(r => r.Track == Track.InnovationCase && r.Kind == RoundKind.FirstReview);
                var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
                var (plan, error) = await reviews.GenerateAsync(round.Id, 3, "test", default);
                Assert.Null(error);
                Assert.Null(await reviews.SetRunningAsync(round.Id, true, "test", default));
                var order = plan!.All.Select(p => p.EntryId).Distinct().Order().ToList();
                foreach (var p in plan.All)
                {
                    var i = order.IndexOf(p.EntryId);
                    decimal?[] points = [30m - i * 0.5m, 30m, 28m];
                    await reviews.SubmitAsync(p.JudgeId, round.Id, p.EntryId, points, [], default);
                }
                Assert.Null(await reviews.SetRunningAsync(round.Id, false, "test", default));
            }
            using (var scope = sp.CreateScope())
            {
                var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
                var view = (await results.LoadAsync(1, Track.InnovationCase, default))!;
                foreach (var t in view.Outcome!.Finalists.Ties.Where(t => !t.Resolved))
                    Assert.Null(await results.ResolveFinalistTieAsync(1, Track.InnovationCase, t.Key, TieResolution.TieBreak, "test", default));
                Assert.Null(await results.ConfirmFinalistsAsync(1, Track.InnovationCase, "test", default));
                return (await results.LoadAsync(1, Track.InnovationCase, default))!.FinalRound!.Id;
            }
        });

        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/defence/1");
        await page.WaitForSelectorAsync("[data-testid=defence]");
        await People.WaitForCircuitAsync(page);
        var rows = page.Locator("[data-testid=defence] tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        var second = (await rows.Nth(1).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var fifth = (await rows.Nth(4).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var third = (await rows.Nth(2).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;

        // The fifth case at 09:00, the second at 09:20; a third at 09:10 clashes with the first slot.
        async Task CallAsync(string code, string at)
        {
            await page.ClickAsync($"[data-testid=call-{code}]");
            await page.FillAsync("[data-testid=starts-at]", at);
            await page.FillAsync("[data-testid=minutes]", "20");
            await page.FillAsync("[data-testid=reason]", "达到标杆级水平，通知答辩");
            await page.ClickAsync("[data-testid=save-slot]");
        }
        await CallAsync(fifth, "2025-07-15T09:00");
        await Expect(page.Locator($"[data-testid=slot-{fifth}]")).ToContainTextAsync("07-15 09:00–09:20");
        await CallAsync(second, "2025-07-15T09:20");
        await Expect(page.Locator($"[data-testid=slot-{second}]")).ToContainTextAsync("07-15 09:20–09:40");
        await CallAsync(third, "2025-07-15T09:10");
        await Expect(page.Locator("[data-testid=error]")).ToContainTextAsync($"与{fifth}的答辩时间（07-15 09:00–09:20）重叠");
        await page.ShotAsync(Output, "defence-overlap-refused");

        // The schedule sets the re-review's running order: the defences first, by time.
        await page.ClickAsync("[data-testid=close-slot]");
        await page.ClickAsync("[data-testid=apply-order]");
        await Expect(rows.Nth(0).Locator("[data-entry]")).ToHaveAttributeAsync("data-entry", fifth);
        await Expect(rows.Nth(1).Locator("[data-entry]")).ToHaveAttributeAsync("data-entry", second);
        await Expect(page.Locator("[data-testid=defence-count]")).ToContainTextAsync("答辩 2 个 / 复审 10 个");
        await page.ShotAsync(Output, "defence-scheduled");
        Assert.Equal(fifth, App.ScalarText($"SELECT e.Code FROM RoundEntries x JOIN Entries e ON e.Id = x.EntryId WHERE x.RoundId = {reReview} AND x.Position = 1"));

        // Cancelling a defence asks its reason (the confirm stays disabled until one is written).
        await page.ClickAsync($"[data-testid=cancel-{second}]");
        await Expect(page.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await page.FillAsync(".mud-dialog textarea", "单位申请放弃答辩");
        await page.ClickAsync("[data-testid=reason-confirm]");
        await Expect(page.Locator($"[data-testid=slot-{second}]")).ToContainTextAsync("未安排");
        await Expect(page.Locator("[data-testid=defence-count]")).ToContainTextAsync("答辩 1 个 / 复审 10 个");
        await page.ShotAsync(Output, "defence-cancelled");
    }
}
