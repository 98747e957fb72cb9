namespace Judging.Tests.Components;

using System.Security.Claims;
using Bunit;
using Judging.App.Accounts;
using Judging.App.LiveRounds;
using Judging.App.Reviews;
using Judging.Domain.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewEntryPage = Judging.App.Components.Pages.Expert.ReviewEntry;

/// <summary>
/// The expert's review sheet (issue 12, section 2): draft, comments per criterion, submit (not while incomplete), locked
/// after submission. The page runs against the seeded app's real <see cref="ReviewService"/> (cases round, k = 3, started);
/// each test uses its own expert so the cards do not meet.
/// </summary>
public sealed class ReviewSheetTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>One app scope per bunit scope, so the page's own <c>CreateScope()</c> reaches the app's scoped services.</summary>
    private sealed class AppScope(IServiceScope scope) : IDisposable
    {
        public IServiceProvider Services => scope.ServiceProvider;
        public void Dispose() => scope.Dispose();
    }

    private async Task<(int RoundId, int JudgeId, int EntryId)> AssignedAsync(string judgeCode)
    {
        var roundId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());
        var judgeId = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == judgeCode).Select(j => j.Id).SingleAsync());
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        Assert.Null((await reviews.GenerateAsync(roundId, 3, "test", default)).Error);
        var status = await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync());
        if (status == RoundStatus.NotStarted) Assert.Null(await reviews.SetRunningAsync(roundId, true, "test", default));
        var entryId = (await reviews.CurrentAsync(roundId, default)).Where(p => p.JudgeId == judgeId).Select(p => p.EntryId).Min();
        return (roundId, judgeId, entryId);
    }

    private IRenderedComponent<ReviewEntryPage> RenderSheet(BunitContext ctx, int roundId, int judgeId, int entryId)
    {
        ctx.Services.AddScoped(_ => new AppScope(app.Services.CreateScope()));
        ctx.Services.AddScoped(sp => sp.GetRequiredService<AppScope>().Services.GetRequiredService<ReviewService>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ILiveEvents>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<IOptions<ScoringOptions>>());
        ctx.RenderProviders();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Judge), new Claim(Roles.JudgeIdClaim, judgeId.ToString())], "test"));
        var cut = ctx.Render<ReviewEntryPage>(p => p
            .Add(x => x.RoundId, roundId)
            .Add(x => x.EntryId, entryId)
            .AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
        cut.WaitForElement("[data-testid=entry]", TimeSpan.FromSeconds(10));
        return cut;
    }

    private static void Points(IRenderedComponent<ReviewEntryPage> cut, int criterion, string value) =>
        cut.Find($"[data-testid=points-{criterion}]").Change(value);

    private static void Comment(IRenderedComponent<ReviewEntryPage> cut, int criterion, string value) =>
        cut.Find($"[data-testid=comment-{criterion}]").Change(value);

    [Fact]
    public async Task A_draft_with_a_comment_is_saved_and_comes_back_when_the_sheet_is_opened_again()
    {
        var (roundId, judgeId, entryId) = await AssignedAsync("AJ-03");
        await using var ctx = ComponentContext.Create();
        var cut = RenderSheet(ctx, roundId, judgeId, entryId);
        Assert.Contains("尚未保存草稿", cut.Find("[data-testid=draft-state]").TextContent);

        Points(cut, 1, "30");
        Comment(cut, 1, "方法扎实，数据翔实");
        Assert.Contains("有未保存的修改", cut.Find("[data-testid=draft-state]").TextContent);
        cut.Find("[data-testid=save-draft]").Click();
        cut.WaitForAssertion(() => Assert.Contains("草稿已保存", cut.Find("[data-testid=message]").TextContent), TimeSpan.FromSeconds(10));

        await using var again = ComponentContext.Create();
        var reopened = RenderSheet(again, roundId, judgeId, entryId);
        Assert.Equal("30", reopened.Find("[data-testid=points-1]").GetAttribute("value"));
        Assert.Equal("方法扎实，数据翔实", reopened.Find("[data-testid=comment-1]").GetAttribute("value") ?? reopened.Find("[data-testid=comment-1]").TextContent);
        Assert.Contains("草稿已保存", reopened.Find("[data-testid=draft-state]").TextContent);
        Assert.Equal("30.0", reopened.Find("[data-testid=total]").TextContent);
    }

    [Fact]
    public async Task Submit_stays_disabled_until_every_criterion_has_points_and_a_bad_value_is_refused()
    {
        var (roundId, judgeId, entryId) = await AssignedAsync("AJ-04");
        await using var ctx = ComponentContext.Create();
        var cut = RenderSheet(ctx, roundId, judgeId, entryId);
        var criteria = cut.FindAll("[data-testid^=crit-]").Count;
        Assert.True(criteria >= 2);

        Points(cut, 1, "30");
        Assert.True(cut.Find("[data-testid=submit]").HasAttribute("disabled"));
        Points(cut, 2, "999"); // above the criterion's maximum: refused, stays empty
        cut.WaitForAssertion(() => Assert.Contains("分数须在", cut.Find("[data-testid=message]").TextContent));
        Assert.True(cut.Find("[data-testid=submit]").HasAttribute("disabled"));

        for (var i = 2; i <= criteria; i++) cut.Find($"[data-testid=crit-{i}] .chip").Click();
        Assert.False(cut.Find("[data-testid=submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_submitted_card_keeps_its_comments_and_is_locked()
    {
        var (roundId, judgeId, entryId) = await AssignedAsync("AJ-05");
        await using var ctx = ComponentContext.Create();
        var cut = RenderSheet(ctx, roundId, judgeId, entryId);
        var criteria = cut.FindAll("[data-testid^=crit-]").Count;
        for (var i = 1; i <= criteria; i++) cut.Find($"[data-testid=crit-{i}] .chip").Click();
        Comment(cut, 2, "推广价值有待量化");
        var total = cut.Find("[data-testid=total]").TextContent;

        cut.Find("[data-testid=submit]").Click();
        Assert.Contains(total, cut.Find("[data-testid=confirm-panel]").TextContent);
        cut.Find("[data-testid=confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("已提交", cut.Find("[data-testid=submitted]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains(decimal.Parse(total).ToString("0.##"), cut.Find("[data-testid=submitted]").TextContent);
        Assert.Contains("推广价值有待量化", cut.Find("[data-testid=submitted-card]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=submit]"));
        Assert.Empty(cut.FindAll("[data-testid=save-draft]"));
        Assert.Empty(cut.FindAll("[data-testid=points-1]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.JudgeId == judgeId && r.EntryId == entryId && r.RoundId == roundId)));
    }

    [Fact]
    public async Task In_English_the_sheet_reads_in_English()
    {
        var (roundId, judgeId, entryId) = await AssignedAsync("AJ-06");
        await using var ctx = ComponentContext.Create("en");
        var cut = RenderSheet(ctx, roundId, judgeId, entryId);
        Assert.Equal("Save draft", cut.Find("[data-testid=save-draft]").TextContent.Trim());
        Assert.Equal("Submit the card", cut.Find("[data-testid=submit]").TextContent.Trim());
        Assert.Contains("No draft saved yet", cut.Find("[data-testid=draft-state]").TextContent);
    }
}
