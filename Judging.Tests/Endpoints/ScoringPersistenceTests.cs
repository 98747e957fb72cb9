namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Each card is stored exactly once, whatever the network and the judges do (闵行赛区, round 2).</summary>
public sealed class ScoringPersistenceTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public ScoringPersistenceTests(TestApp app) => this.app = app;

    private static object Card(int entryId, string key, decimal first = 24m) =>
        new { roundId = 2, entryId, points = new[] { first, 20m, 12m, 16m, 8m }, idempotencyKey = key };

    [Fact]
    public async Task Fifty_concurrent_retries_with_one_key_store_one_record_and_all_are_acknowledged()
    {
        await app.OpenScoringAsync(2, "YJ-015");
        var entryId = await app.EntryIdAsync("YJ-015");
        var judge = await app.JudgeAsync("PW-08");
        var key = Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => judge.PostAsJsonAsync("/api/scores", Card(entryId, key))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var statuses = await Task.WhenAll(results.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()));
        Assert.Equal(1, statuses.Count(s => s == "Stored"));
        Assert.Equal(1, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.IdempotencyKey == key)));
    }

    [Fact]
    public async Task Concurrent_cards_with_different_keys_from_one_judge_store_exactly_one()
    {
        await app.OpenScoringAsync(2, "YJ-032");
        var entryId = await app.EntryIdAsync("YJ-032");
        var judge = await app.JudgeAsync("PW-09");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => judge.PostAsJsonAsync("/api/scores", Card(entryId, Guid.NewGuid().ToString("N"), 20m + i % 5))));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var judgeId = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-09").Select(j => j.Id).SingleAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.EntryId == entryId && r.JudgeId == judgeId)));
    }

    [Fact]
    public async Task Cards_are_refused_with_a_reason_when_scoring_is_not_open_or_the_card_is_wrong()
    {
        await app.OpenScoringAsync(2, "YJ-055");
        var onStage = await app.EntryIdAsync("YJ-055");
        var other = await app.EntryIdAsync("YJ-056");
        var judge = await app.JudgeAsync("PW-10");

        async Task<string> Refused(object card)
        {
            var r = await judge.PostAsJsonAsync("/api/scores", card);
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        }

        Assert.Contains("评分已关闭", await Refused(Card(other, Guid.NewGuid().ToString("N"))));
        Assert.Contains("超出范围", await Refused(Card(onStage, Guid.NewGuid().ToString("N"), 31m)));
        Assert.Contains("整数倍", await Refused(Card(onStage, Guid.NewGuid().ToString("N"), 20.25m)));
        Assert.Contains("提交标识", await Refused(Card(onStage, "short")));
        Assert.Contains("不是本轮次", await Refused(new { roundId = 1, entryId = onStage, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") }));

        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Judging.App.LiveRounds.RoundConsole>().SetPausedAsync(2, true, "test", default));
        Assert.Contains("暂停", await Refused(Card(onStage, Guid.NewGuid().ToString("N"))));
        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Judging.App.LiveRounds.RoundConsole>().SetPausedAsync(2, false, "test", default));
        Assert.Equal(HttpStatusCode.OK, (await judge.PostAsJsonAsync("/api/scores", Card(onStage, Guid.NewGuid().ToString("N")))).StatusCode);
    }

    [Fact]
    public async Task An_unlock_needs_a_reason_and_the_chief_judge_of_the_division()
    {
        await app.OpenScoringAsync(2, "YJ-007");
        var entryId = await app.EntryIdAsync("YJ-007");
        var judge = await app.JudgeAsync("PW-12");
        var ok = await judge.PostAsJsonAsync("/api/scores", Card(entryId, Guid.NewGuid().ToString("N")));
        var recordId = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordId").GetInt64();
        using var scope = app.Services.CreateScope();
        var scoring = scope.ServiceProvider.GetRequiredService<ScoringService>();
        var db = scope.ServiceProvider.GetRequiredService<Judging.App.Persistence.JudgingDb>();
        var chiefHere = await db.Judges.Where(j => j.DivisionId == 2 && j.IsChief).Select(j => j.Id).SingleAsync();
        var chiefElsewhere = await db.Judges.Where(j => j.DivisionId == 1 && j.IsChief).Select(j => j.Id).SingleAsync();
        var plainJudge = await db.Judges.Where(j => j.Code == "PW-13").Select(j => j.Id).SingleAsync();
        Assert.Equal("请填写解锁原因", await scoring.UnlockAsync(chiefHere, recordId, "  ", default));
        Assert.Equal("只能解锁本赛区的评分", await scoring.UnlockAsync(chiefElsewhere, recordId, "理由", default));
        Assert.NotNull(await scoring.UnlockAsync(plainJudge, recordId, "理由", default));
        Assert.Null(await scoring.UnlockAsync(chiefHere, recordId, "误触", default));
        Assert.Equal("该评分已解锁", await scoring.UnlockAsync(chiefHere, recordId, "误触", default));
    }

    [Fact]
    public async Task A_card_cannot_be_unlocked_once_the_round_has_ended()
    {
        await using var fresh = new TestApp();
        await fresh.OpenScoringAsync(1, "YJ-036");
        var entryId = await fresh.EntryIdAsync("YJ-036");
        var judge = await fresh.JudgeAsync("PW-02");
        var ok = await judge.PostAsJsonAsync("/api/scores", new { roundId = 1, entryId, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        var recordId = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordId").GetInt64();
        using var scope = fresh.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Judging.App.LiveRounds.RoundConsole>().CloseAsync(1, "test", default));
        var db = scope.ServiceProvider.GetRequiredService<Judging.App.Persistence.JudgingDb>();
        var chief = await db.Judges.Where(j => j.DivisionId == 1 && j.IsChief).Select(j => j.Id).SingleAsync();
        Assert.Contains("不能解锁", await scope.ServiceProvider.GetRequiredService<ScoringService>().UnlockAsync(chief, recordId, "迟到的更正", default));
        Assert.Equal(0, await db.ScoreUnlocks.CountAsync());
    }
}
