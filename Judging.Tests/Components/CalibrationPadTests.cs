namespace Judging.Tests.Components;

using System.Security.Claims;
using Bunit;
using Judging.App.Accounts;
using Judging.App.Calibration;
using Judging.App.Components.Pages.Judge;
using Judging.App.LiveRounds;
using Judging.App.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The score pad before a round with calibration samples (issue 14, §1): 闵行赛区's preliminary (not started) has two samples;
/// a judge scores each on the same pad, marked 试评（不计分）, then waits for the first speaker. Rendered by bunit against the
/// real services of the app in memory.
/// </summary>
public sealed class CalibrationPadTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<int> RoundAsync() => await app.WithDbAsync(db =>
        (from r in db.Rounds join d in db.Divisions on r.DivisionId equals d.Id where d.Name == "闵行赛区" select r.Id).SingleAsync());

    private static void Tap(IRenderedComponent<ScorePad> pad, int criterion, string value) =>
        pad.Find($"[data-testid=crit-{criterion}] .chip[data-value='{value}']").Click();

    [Fact]
    public async Task A_judge_scores_each_sample_as_a_trial_card_then_waits_for_the_round()
    {
        var round = await RoundAsync();
        using (var scope = app.Services.CreateScope())
        {
            var calibration = scope.ServiceProvider.GetRequiredService<CalibrationService>();
            Assert.Null(await calibration.AddSampleAsync(round, "样例一", "一位选手讲述车间质量改进的故事，脱稿，略超时", null, "组织者 测试", default));
            Assert.Null(await calibration.AddSampleAsync(round, "样例二", "一位选手照稿朗读", null, "组织者 测试", default));
        }
        var judgeId = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-10").Select(j => j.Id).SingleAsync());
        await using var ctx = ComponentContext.Create();
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<ScoringService>());
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<CalibrationService>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ILiveEvents>());
        ctx.AddAuthorization().SetAuthorized("PW-10").SetRoles(Roles.Judge).SetClaims(new Claim(Roles.JudgeIdClaim, judgeId.ToString()));

        var pad = ctx.Render<ScorePad>();
        pad.WaitForElement("[data-testid=trial]", TimeSpan.FromSeconds(10));
        Assert.Contains("试评（不计分）", pad.Find("[data-testid=trial-mark]").TextContent);
        Assert.Contains("样例 1/2", pad.Find("[data-testid=trial-mark]").TextContent);
        Assert.Contains("样例一", pad.Find("[data-testid=trial]").TextContent);
        Assert.Empty(pad.FindAll("[data-testid=speaker]"));

        // The same pad: chips per criterion (30, 25, 15, 20, 10 → the 80 % chips 24, 20, 12, 16, 8), confirm, submit.
        Tap(pad, 1, "24"); Tap(pad, 2, "20"); Tap(pad, 3, "12"); Tap(pad, 4, "16"); Tap(pad, 5, "8");
        Assert.Equal("80.0", pad.Find("[data-testid=total]").TextContent);   // 24 + 20 + 12 + 16 + 8
        Assert.StartsWith("judging.draft.trial.", (string)ctx.JSInterop.Invocations["judgeDraft.save"].Last().Arguments[0]!);
        pad.Find("[data-testid=submit]").Click();
        Assert.Contains("不计入成绩", pad.Find("[data-testid=confirm-panel]").TextContent);
        pad.Find("[data-testid=confirm]").Click();

        // Then the second sample, with an empty pad.
        pad.WaitForAssertion(() => Assert.Contains("样例 2/2", pad.Find("[data-testid=trial-mark]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("—", pad.Find("[data-testid=value-1]").TextContent);
        Tap(pad, 1, "18"); Tap(pad, 2, "15"); Tap(pad, 3, "9"); Tap(pad, 4, "12"); Tap(pad, 5, "6");
        pad.Find("[data-testid=submit]").Click();
        pad.Find("[data-testid=confirm]").Click();

        // Then the normal waiting state; the two trial cards are stored, no score card is.
        pad.WaitForElement("[data-testid=waiting]", TimeSpan.FromSeconds(10));
        Assert.Empty(pad.FindAll("[data-testid=trial]"));
        var totals = await app.WithDbAsync(db => db.Set<CalibrationCard>().Where(c => c.JudgeId == judgeId).OrderBy(c => c.Id).Select(c => c.Total).ToListAsync());
        Assert.Equal([80m, 60m], totals);   // 18 + 15 + 9 + 12 + 6 = 60
        Assert.Equal(0, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.JudgeId == judgeId)));
    }
}
