namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Reviews;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Reviews;
using Judging.Domain.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Online review of the innovation cases (issue 5): assigned-only cards, drafts, comments with the card, manual changes.</summary>
public sealed class ReviewTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public ReviewTests(TestApp app) => this.app = app;

    private Task<int> CasesRoundAsync() =>
        app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());

    private Task<int> JudgeIdAsync(string code) => app.WithDbAsync(db => db.Judges.Where(j => j.Code == code).Select(j => j.Id).SingleAsync());

    /// <summary>Plans k = 3 (a re-run adds nothing) and starts the round once.</summary>
    private async Task<int> StartedAsync()
    {
        var roundId = await CasesRoundAsync();
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var (plan, error) = await reviews.GenerateAsync(roundId, 3, "test", default);
        Assert.Null(error);
        var status = await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync());
        if (status == RoundStatus.NotStarted) Assert.Null(await reviews.SetRunningAsync(roundId, true, "test", default));
        return roundId;
    }

    private async Task<(List<int> Assigned, List<int> NotAssigned)> EntriesOfAsync(int roundId, string judgeCode)
    {
        var judgeId = await JudgeIdAsync(judgeCode);
        using var scope = app.Services.CreateScope();
        var current = await scope.ServiceProvider.GetRequiredService<ReviewService>().CurrentAsync(roundId, default);
        var all = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == roundId).Select(x => x.EntryId).ToListAsync());
        var mine = current.Where(p => p.JudgeId == judgeId).Select(p => p.EntryId).OrderBy(x => x).ToList();
        return (mine, all.Except(mine).OrderBy(x => x).ToList());
    }

    private static object Card(int roundId, int entryId, string key, string[]? comments = null) =>
        new { roundId, entryId, points = new[] { 30m, 28m, 25m }, idempotencyKey = key, comments };

    [Fact]
    public async Task The_seeded_case_panel_is_assigned_three_per_case_balanced_and_never_conflicted()
    {
        var roundId = await StartedAsync();
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var info = (await reviews.LoadRoundAsync(roundId, default))!;
        var current = await reviews.CurrentAsync(roundId, default);
        Assert.Equal(25, info.Entries.Count);
        Assert.Equal(9, info.Experts.Count);
        // AL-025 has no document yet (seeds/cases): it waits for its submission; every other case gets 3 experts.
        Assert.Equal(["AL-025 未提交"], (await reviews.NotReadyForReviewAsync(info, default)).Values);
        Assert.All(info.Entries, e => Assert.Equal(e.Code == "AL-025" ? 0 : 3, current.Count(p => p.EntryId == e.EntryId)));
        var loads = info.Experts.Select(x => current.Count(p => p.JudgeId == x.JudgeId)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.All(current, p => Assert.Null(ReviewConflict.Reason(info.Experts.Single(x => x.JudgeId == p.JudgeId), info.Entries.Single(e => e.EntryId == p.EntryId))));
        // AJ-03 (光明乳业, 回避推荐单位 光明食品集团) has no 光明食品集团 case.
        var aj03 = await JudgeIdAsync("AJ-03");
        Assert.DoesNotContain(current, p => p.JudgeId == aj03 && info.Entries.Single(e => e.EntryId == p.EntryId).Group == "光明食品集团");
        // The leaderboard expects the assigned experts, not the whole panel.
        var board = await app.Browser().GetFromJsonAsync<JsonElement>($"/api/rounds/{roundId}/leaderboard");
        Assert.Equal(24, board.EnumerateArray().Count(r => r.GetProperty("judgesExpected").GetInt32() == 3));
    }

    [Fact]
    public async Task Only_assigned_entries_are_scored_and_a_retry_stores_the_card_and_its_comments_once()
    {
        var roundId = await StartedAsync();
        var (mine, notMine) = await EntriesOfAsync(roundId, "AJ-05");
        var judge = await app.JudgeAsync("AJ-05");

        var refused = await judge.PostAsJsonAsync("/api/scores", Card(roundId, notMine[0], Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("未被分配", await refused.Content.ReadAsStringAsync());

        var key = Guid.NewGuid().ToString("N");
        string[] comments = ["方法科学，数据翔实", "", "成效可量化"];
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => judge.PostAsJsonAsync("/api/scores", Card(roundId, mine[0], key, comments))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var recordId = await app.WithDbAsync(db => db.ScoreRecords.Where(r => r.IdempotencyKey == key).Select(r => r.Id).SingleAsync());
        var stored = await app.WithDbAsync(db => db.Set<ScoreComment>().Where(c => c.ScoreRecordId == recordId).OrderBy(c => c.CriterionOrder).ToListAsync());
        Assert.Equal([(1, "方法科学，数据翔实"), (3, "成效可量化")], stored.Select(c => (c.CriterionOrder, c.Text)));

        // Locked: a second card for the same case is refused.
        var again = await judge.PostAsJsonAsync("/api/scores", Card(roundId, mine[0], Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已锁定", await again.Content.ReadAsStringAsync());

        var tooLong = await judge.PostAsJsonAsync("/api/scores", Card(roundId, mine[1], Guid.NewGuid().ToString("N"), [new string('长', ScoreComment.MaxLength + 1)]));
        Assert.Equal(HttpStatusCode.Conflict, tooLong.StatusCode);
        Assert.Contains("评语", await tooLong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_draft_is_saved_and_loaded_and_bad_points_are_refused_in_Chinese()
    {
        var roundId = await StartedAsync();
        var (mine, notMine) = await EntriesOfAsync(roundId, "AJ-06");
        var judge = await app.JudgeAsync("AJ-06");
        var url = $"/api/reviews/{roundId}/entries/{mine[0]}/draft";
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync(url)).StatusCode);

        var put = await judge.PutAsJsonAsync(url, new { points = new decimal?[] { 30m, null, 20.5m }, comments = new[] { "创新点突出", "", "" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var draft = await judge.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(30m, draft.GetProperty("points")[0].GetDecimal());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("points")[1].ValueKind);
        Assert.Equal("创新点突出", draft.GetProperty("comments")[0].GetString());
        var list = await judge.GetFromJsonAsync<JsonElement>($"/api/reviews/{roundId}/mine");
        Assert.Equal("草稿", list.EnumerateArray().Single(e => e.GetProperty("entryId").GetInt32() == mine[0]).GetProperty("status").GetString());

        var bad = await judge.PutAsJsonAsync(url, new { points = new decimal?[] { 36m, null, null }, comments = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        Assert.Contains("超出范围", await bad.Content.ReadAsStringAsync());
        var notAssigned = await judge.PutAsJsonAsync($"/api/reviews/{roundId}/entries/{notMine[0]}/draft", new { points = new decimal?[] { 30m }, comments = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Conflict, notAssigned.StatusCode);
        Assert.Contains("未被分配", await notAssigned.Content.ReadAsStringAsync());

        // Submitting from the draft stores the card with its comments and drops the draft.
        var judgeId = await JudgeIdAsync("AJ-06");
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReviewService>()
            .SubmitAsync(judgeId, roundId, mine[0], [30m, 30m, 20.5m], ["创新点突出", "体系完整", ""], default);
        Assert.True(result.Acknowledged, result.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync(url)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ScoreComment>().CountAsync(c => c.ScoreRecordId == result.RecordId)));
        var after = await judge.PutAsJsonAsync(url, new { points = new decimal?[] { 30m, null, null }, comments = Array.Empty<string>() });
        Assert.Contains("已锁定", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Manual_changes_are_stored_append_only_or_refused_with_the_reason()
    {
        var roundId = await StartedAsync();
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var al006 = await app.EntryIdAsync("AL-006");
        var aj03 = await JudgeIdAsync("AJ-03");
        Assert.Equal("专家AJ-03与作品AL-006同属光明食品集团，须回避", await reviews.ChangeAsync(roundId, AssignmentChange.Add, al006, aj03, "补充", "test", default));

        var current = await reviews.CurrentAsync(roundId, default);
        var first = current.First(p => p.EntryId == al006);
        var caseExperts = await app.WithDbAsync(db => db.Judges.Where(j => j.Track == Track.InnovationCase).Select(j => j.Id).ToListAsync());
        var spare = caseExperts.First(id => id != aj03 && !current.Contains(new AssignmentPair(al006, id)));
        Assert.Equal("该作品已有 3 位专家（每件 3 位），请先移除一位再添加", await reviews.ChangeAsync(roundId, AssignmentChange.Add, al006, spare, "补充", "test", default));
        Assert.Equal("请填写调整原因", await reviews.ChangeAsync(roundId, AssignmentChange.Remove, al006, first.JudgeId, " ", "test", default));

        // The expert submits (or did in another test); removing them is now refused.
        var judgeCode = await app.WithDbAsync(db => db.Judges.Where(j => j.Id == first.JudgeId).Select(j => j.Code).SingleAsync());
        var client = await app.JudgeAsync(judgeCode);
        var posted = await client.PostAsJsonAsync("/api/scores", Card(roundId, al006, Guid.NewGuid().ToString("N")));
        Assert.True(posted.StatusCode == HttpStatusCode.OK || (await posted.Content.ReadAsStringAsync()).Contains("已锁定"));
        Assert.Contains("已提交", await reviews.ChangeAsync(roundId, AssignmentChange.Remove, al006, first.JudgeId, "出差", "test", default) ?? "");

        // Another without a card is removed and put back: three rows, the pair current again.
        var carded = await app.WithDbAsync(db => db.ScoreRecords.Where(r => r.RoundId == roundId && r.EntryId == al006).Select(r => r.JudgeId).ToListAsync());
        var second = current.First(p => p.EntryId == al006 && !carded.Contains(p.JudgeId));
        Assert.Null(await reviews.ChangeAsync(roundId, AssignmentChange.Remove, al006, second.JudgeId, "出差", "test", default));
        Assert.DoesNotContain(second, await reviews.CurrentAsync(roundId, default));
        Assert.Null(await reviews.ChangeAsync(roundId, AssignmentChange.Add, al006, second.JudgeId, "行程取消", "test", default));
        Assert.Contains(second, await reviews.CurrentAsync(roundId, default));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ReviewAssignment>().CountAsync(a => a.RoundId == roundId && a.EntryId == al006 && a.JudgeId == second.JudgeId)));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("手动") && a.Subject.Contains("AL-006"))));
    }

    [Fact]
    public async Task Before_the_review_starts_cards_are_refused_and_the_start_needs_an_assignment()
    {
        await using var fresh = new TestApp();
        var roundId = await fresh.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.MicroFilm).Select(r => r.Id).SingleAsync());
        using var scope = fresh.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        Assert.Equal("请先生成分配，再开始评审", await reviews.SetRunningAsync(roundId, true, "test", default));
        var (plan, _) = await reviews.GenerateAsync(roundId, 7, "test", default);
        // Films: every expert without a conflict reviews every film (ZJ-04 avoids 锦江 films only, if any).
        Assert.True(plan!.All.Count >= 30 * 6, plan.All.Count.ToString());
        var zj02 = await fresh.WithDbAsync(db => db.Judges.Where(j => j.Code == "ZJ-02").Select(j => j.Id).SingleAsync());
        Assert.Equal(30, plan.All.Count(p => p.JudgeId == zj02));
        var film = await fresh.EntryIdAsync("WDY-001");
        var judge = await fresh.JudgeAsync("ZJ-02");
        var early = await judge.PostAsJsonAsync("/api/scores", new { roundId, entryId = film, points = new[] { 25m, 20m, 20m, 15m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Contains("未在进行中", await early.Content.ReadAsStringAsync());
        Assert.Null(await reviews.SetRunningAsync(roundId, true, "test", default));
        var ok = await judge.PostAsJsonAsync("/api/scores", new { roundId, entryId = film, points = new[] { 25m, 20m, 20m, 15m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task After_the_chief_judge_unlocks_a_card_the_sheet_starts_from_it_and_the_re_score_is_a_second_attempt()
    {
        var roundId = await StartedAsync();
        var (mine, _) = await EntriesOfAsync(roundId, "AJ-08");
        var judgeId = await JudgeIdAsync("AJ-08");
        var chief = await JudgeIdAsync("AJ-01");
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var first = await reviews.SubmitAsync(judgeId, roundId, mine[^1], [21m, 21m, 18m], ["", "示范性一般", ""], default);
        Assert.True(first.Acknowledged, first.Message);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Judging.App.Scoring.ScoringService>().UnlockAsync(chief, first.RecordId!.Value, "分数录反", default));
        var sheet = await reviews.LoadSheetAsync(judgeId, roundId, mine[^1], default);
        Assert.Equal(ReviewStatus.NotStarted, sheet.Status);
        Assert.Equal([21m, 21m, 18m], sheet.Points.Select(p => p!.Value));
        Assert.Equal("示范性一般", sheet.Comments[1]);
        var second = await reviews.SubmitAsync(judgeId, roundId, mine[^1], [28m, 28m, 24m], sheet.Comments, default);
        Assert.Equal(Judging.App.Scoring.SubmitStatus.Stored, second.Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.ScoreRecords.Where(r => r.Id == second.RecordId).Select(r => r.Attempt).SingleAsync()));
    }
}
