namespace Judging.Tests.Components;

using System.Security.Claims;
using Bunit;
using Judging.App.Accounts;
using Judging.App.Calibration;
using Judging.App.Components.Pages.Chief;
using Judging.App.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The chief judge's calibration page (<c>/chief/calibration</c>, issue 14, §1) for 徐汇赛区 (chief PW-22), rendered by bunit
/// against the app in memory: the flagged judge is highlighted and a trial card arriving updates the page.
/// </summary>
public sealed class ChiefCalibrationTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> JudgeIdAsync(string code) => app.WithDbAsync(db => db.Judges.Where(j => j.Code == code).Select(j => j.Id).SingleAsync());

    private async Task TrialAsync(int sampleId, string judge, params decimal?[] points)
    {
        var id = await JudgeIdAsync(judge);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<CalibrationService>().SubmitTrialAsync(id, sampleId, points, Guid.NewGuid().ToString("N"), default);
        Assert.True(result.Acknowledged, result.Message);
    }

    [Fact]
    public async Task The_page_highlights_the_flagged_judge_and_updates_when_a_trial_card_arrives()
    {
        var round = await app.WithDbAsync(db => (from r in db.Rounds join d in db.Divisions on r.DivisionId equals d.Id where d.Name == "徐汇赛区" select r.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<CalibrationService>().AddSampleAsync(round, "徐汇样例", "照稿朗读的一段演讲", null, "组织者 测试", default));
        var sample = await app.WithDbAsync(db => db.Set<CalibrationSample>().Where(s => s.RoundId == round).Select(s => s.Id).SingleAsync());
        await TrialAsync(sample, "PW-22", 24m, 20m, 12m, 16m, 8m);   // 80
        await TrialAsync(sample, "PW-23", 25m, 20m, 12m, 16m, 8m);   // 81
        await TrialAsync(sample, "PW-24", 23m, 19m, 12m, 16m, 8m);   // 78
        await TrialAsync(sample, "PW-26", 24m, 21m, 13m, 16m, 8m);   // 82
        await TrialAsync(sample, "PW-27", 12m, 12m, 8m, 10m, 6m);    // 48: flagged (see CalibrationTests)

        var chief = await JudgeIdAsync("PW-22");
        await using var ctx = ComponentContext.Create();
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<CalibrationService>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ILiveEvents>());
        ctx.AddAuthorization().SetAuthorized("PW-22").SetRoles(Roles.Judge, Roles.ChiefJudge).SetClaims(new Claim(Roles.JudgeIdClaim, chief.ToString()));
        var page = ctx.Render<ChiefCalibration>();
        page.WaitForElement($"[data-testid=calibration-sample-{sample}]", TimeSpan.FromSeconds(10));

        var pw27 = await JudgeIdAsync("PW-27");
        var pw24 = await JudgeIdAsync("PW-24");
        Assert.Contains("flagged", page.Find($"[data-testid=calibration-judge-{pw27}]").ClassList);
        Assert.Contains("-32", page.Find($"[data-testid=calibration-judge-{pw27}]").TextContent);   // 48 − median 80
        Assert.Contains("主题内容", page.Find($"[data-testid=calibration-judge-{pw27}]").TextContent);
        Assert.DoesNotContain("flagged", page.Find($"[data-testid=calibration-judge-{pw24}]").ClassList);
        Assert.Contains("PW-25", page.Find("[data-testid=calibration-missing]").TextContent);

        // PW-25's card arrives: the page re-reads (live event), PW-25 leaves the missing list.
        await TrialAsync(sample, "PW-25", 24m, 20m, 12m, 16m, 8m);
        var pw25 = await JudgeIdAsync("PW-25");
        page.WaitForElement($"[data-testid=calibration-judge-{pw25}]", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("PW-25", page.Find("[data-testid=calibration-missing]").TextContent);
    }
}
