namespace Judging.Tests.Components;

using System.Security.Claims;
using Bunit;
using Judging.App.Accounts;
using Judging.App.Components.Pages.Judge;
using Judging.App.LiveRounds;
using Judging.App.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>The app seeded without scores, with 浦东赛区 round 1 scoring YJ-036 and 嘉定赛区 round 3 scoring YJ-046.</summary>
public sealed class ScorePadApp : TestApp, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await OpenScoringAsync(1, "YJ-036");
        await OpenScoringAsync(3, "YJ-046");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The judge's score pad on a tablet (浦东赛区, round 1, speaker YJ-036 数字孪生让品质看得见; criteria out of 30, 25, 15, 20, 10),
/// rendered by bunit against the real <see cref="ScoringService"/> of the app in memory; the browser's draft store
/// (js/judge.js) is bunit's JS interop. Each test signs in its own judge, so the cards do not meet.
/// </summary>
public sealed class ScorePadTests(ScorePadApp app) : IClassFixture<ScorePadApp>
{
    private async Task<(BunitContext Ctx, IRenderedComponent<ScorePad> Pad)> OpenAsync(string judgeCode, ScorePad.Draft? draft = null, string culture = "zh-CN")
    {
        var judgeId = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == judgeCode).Select(j => j.Id).SingleAsync());
        var ctx = ComponentContext.Create(culture);
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<ScoringService>());
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<Judging.App.Calibration.CalibrationService>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ILiveEvents>());
        ctx.AddAuthorization().SetAuthorized(judgeCode).SetRoles(Roles.Judge).SetClaims(new Claim(Roles.JudgeIdClaim, judgeId.ToString()));
        if (draft is not null) ctx.JSInterop.Setup<ScorePad.Draft?>("judgeDraft.load", _ => true).SetResult(draft);
        var pad = ctx.Render<ScorePad>();
        pad.WaitForElement("[data-testid=speaker]", TimeSpan.FromSeconds(10));
        return (ctx, pad);
    }

    private static void Tap(IRenderedComponent<ScorePad> pad, int criterion, string value) =>
        pad.Find($"[data-testid=crit-{criterion}] .chip[data-value='{value}']").Click();

    private static void Step(IRenderedComponent<ScorePad> pad, int criterion, string label) =>
        pad.FindAll($"[data-testid=crit-{criterion}] .step").Single(b => b.TextContent.Trim() == label).Click();

    private static string Value(IRenderedComponent<ScorePad> pad, int criterion) => pad.Find($"[data-testid=value-{criterion}]").TextContent;

    [Fact]
    public async Task A_tap_sets_the_value_marks_the_chip_and_saves_the_draft()
    {
        var (ctx, pad) = await OpenAsync("PW-02");
        await using var _ = ctx;
        Assert.Equal("—", Value(pad, 1));
        Tap(pad, 1, "27");
        Assert.Equal("27.0", Value(pad, 1));
        Assert.Contains("on", pad.Find("[data-testid=crit-1] .chip[data-value='27']").ClassList);
        Assert.DoesNotContain("on", pad.Find("[data-testid=crit-1] .chip[data-value='30']").ClassList);
        var saved = ctx.JSInterop.Invocations["judgeDraft.save"].Last();
        Assert.StartsWith("judging.draft.", (string)saved.Arguments[0]!);
        Assert.Equal(27m, ((ScorePad.Draft)saved.Arguments[1]!).Points[0]);
    }

    [Fact]
    public async Task Steps_move_by_half_a_point_and_one_point_and_stay_within_zero_and_the_maximum()
    {
        var (ctx, pad) = await OpenAsync("PW-03");
        await using var _ = ctx;
        Tap(pad, 1, "27");
        Step(pad, 1, "+0.5");
        Assert.Equal("27.5", Value(pad, 1));
        Step(pad, 1, "−1");
        Assert.Equal("26.5", Value(pad, 1));
        // 26.5 + 1 + 1 + 1 + 1 = 30.5 → held at the criterion's maximum, 30.
        for (var i = 0; i < 4; i++) Step(pad, 1, "+1");
        Assert.Equal("30.0", Value(pad, 1));
        // An untouched criterion stepped down starts from its maximum (10 − 0.5); stepped up, from zero (0 + 1).
        Step(pad, 5, "−0.5");
        Assert.Equal("9.5", Value(pad, 5));
        Step(pad, 4, "+1");
        Step(pad, 4, "−1");
        Step(pad, 4, "−1");
        Assert.Equal("0.0", Value(pad, 4));   // 0 + 1 − 1 − 1 → held at zero
    }

    [Fact]
    public async Task The_total_adds_the_criteria_and_submit_waits_for_every_criterion()
    {
        var (ctx, pad) = await OpenAsync("PW-04");
        await using var _ = ctx;
        Tap(pad, 1, "27");
        Tap(pad, 2, "22.5");
        Tap(pad, 3, "13.5");
        Tap(pad, 4, "18");
        Assert.Equal("81.0", pad.Find("[data-testid=total]").TextContent);   // 27 + 22.5 + 13.5 + 18
        Assert.True(pad.Find("[data-testid=submit]").HasAttribute("disabled"));
        Tap(pad, 5, "9");
        Assert.Equal("90.0", pad.Find("[data-testid=total]").TextContent);   // + 9
        Assert.False(pad.Find("[data-testid=submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Confirming_stores_one_card_locks_the_pad_and_clears_the_draft()
    {
        var (ctx, pad) = await OpenAsync("PW-05");
        await using var _ = ctx;
        foreach (var (c, v) in new[] { (1, "24"), (2, "20"), (3, "12"), (4, "16"), (5, "8") }) Tap(pad, c, v);
        pad.Find("[data-testid=submit]").Click();
        Assert.Contains("80.0", pad.Find("[data-testid=confirm-panel]").TextContent);
        pad.Find("[data-testid=confirm]").Click();

        pad.WaitForElement("[data-testid=submitted]", TimeSpan.FromSeconds(10));
        Assert.Contains("80", pad.Find("[data-testid=submitted]").TextContent);
        Assert.Empty(pad.FindAll("[data-testid=crit-1]"));
        // The pad records its JS calls on the renderer's thread after the card is stored: read them there (a plain read raced
        // with the draft's removal being recorded: "Collection was modified").
        pad.WaitForAssertion(() =>
        {
            Assert.True(((ScorePad.Draft)ctx.JSInterop.Invocations["judgeDraft.save"].Last().Arguments[1]!).Submitting);   // marked before sending
            Assert.NotEmpty(ctx.JSInterop.Invocations["judgeDraft.remove"]);
        }, TimeSpan.FromSeconds(10));
        var entryId = await app.EntryIdAsync("YJ-036");
        Assert.Equal(80m, await app.WithDbAsync(db => db.ScoreRecords.Where(r => r.EntryId == entryId && r.RoundId == 1)
            .Join(db.Judges.Where(j => j.Code == "PW-05"), r => r.JudgeId, j => j.Id, (r, j) => r.Total).SingleAsync()));
    }

    [Fact]
    public async Task A_judge_whose_card_is_stored_sees_it_locked_and_no_pad()
    {
        var judgeId = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-06").Select(j => j.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ScoringService>().SubmitAsync(judgeId,
                new ScoreSubmission(1, await app.EntryIdAsync("YJ-036"), [18m, 15m, 9m, 12m, 6m], Guid.NewGuid().ToString("N")), default);
            Assert.True(stored.Acknowledged);
        }
        var (ctx, pad) = await OpenAsync("PW-06");
        await using var _ = ctx;
        pad.WaitForElement("[data-testid=submitted]");
        Assert.Contains("60", pad.Find("[data-testid=submitted]").TextContent);   // 18 + 15 + 9 + 12 + 6
        Assert.Contains("成绩已锁定", pad.Find("[data-testid=submitted]").TextContent);
        Assert.Empty(pad.FindAll("[data-testid=submit]"));
        Assert.Empty(pad.FindAll(".chip"));
    }

    [Fact]
    public async Task A_judge_from_the_speakers_unit_gets_the_conflict_notice_and_no_pad()
    {
        // 嘉定赛区, round 3: PW-19 avoids 上海锦江国际旅游, the unit of YJ-046.
        var (ctx, pad) = await OpenAsync("PW-19");
        await using var _ = ctx;
        Assert.Contains("回避", pad.Find("[data-testid=conflict]").TextContent);
        Assert.Empty(pad.FindAll("[data-testid=crit-1]"));
        Assert.Empty(pad.FindAll("[data-testid=submit]"));
    }

    [Fact]
    public async Task A_draft_kept_in_the_browser_is_restored_with_its_values()
    {
        var (ctx, pad) = await OpenAsync("PW-07", new ScorePad.Draft([24m, 20m, null, null, null], "restored-draft-key-01", false));
        await using var _ = ctx;
        pad.WaitForAssertion(() => Assert.Equal("24.0", Value(pad, 1)));
        Assert.Equal("20.0", Value(pad, 2));
        Assert.Equal("—", Value(pad, 3));
        Assert.Equal("44.0", pad.Find("[data-testid=total]").TextContent);   // 24 + 20
        Tap(pad, 3, "12");
        Assert.Equal("restored-draft-key-01", ((ScorePad.Draft)ctx.JSInterop.Invocations["judgeDraft.save"].Last().Arguments[1]!).Key);
    }

    [Fact]
    public async Task A_draft_cut_off_while_submitting_is_resubmitted_with_its_key()
    {
        // 浦东赛区 round 1 again, the chief judge PW-01 also scores.
        var (ctx, pad) = await OpenAsync("PW-01", new ScorePad.Draft([27m, 22.5m, 13.5m, 18m, 9m], "resubmitted-key-0001", true));
        await using var _ = ctx;
        pad.WaitForElement("[data-testid=submitted]", TimeSpan.FromSeconds(10));
        Assert.Contains("90", pad.Find("[data-testid=submitted]").TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.IdempotencyKey == "resubmitted-key-0001")));
    }

    [Fact]
    public async Task In_English_the_pad_reads_in_English()
    {
        var (ctx, pad) = await OpenAsync("PW-20", culture: "en");
        await using var _ = ctx;
        Assert.Contains("Submit card", pad.Find("[data-testid=submit]").TextContent);
        Assert.Contains("Total", pad.Find(".total").TextContent);
        Assert.Contains("out of 30", pad.Find("[data-testid=crit-1]").TextContent);
    }
}
