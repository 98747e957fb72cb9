namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Online review rounds are blind (issue 10, item 1): while a case 初审 or a film 初赛 runs, no public route (leaderboard JSON,
/// the leaderboard hub, the projector) shows a score or a rank, else every card falls out as n·mean_n − (n−1)·mean_(n−1);
/// the organiser publishes the results (audited) once the review has ended; an expert sees the other experts' cards of an
/// entry only after submitting their own, and only when the organiser allows it.
/// </summary>
public sealed class BlindReviewTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> RoundAsync(Track track) =>
        app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == track).Select(r => r.Id).SingleAsync());

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    /// <summary>Plans the round (every film expert, 3 per case) and starts it once.</summary>
    private async Task<int> StartedAsync(Track track)
    {
        var roundId = await RoundAsync(track);
        await WithAsync(async sp =>
        {
            var reviews = sp.GetRequiredService<ReviewService>();
            var info = (await reviews.LoadRoundAsync(roundId, default))!;
            Assert.Null((await reviews.GenerateAsync(roundId, track == Track.MicroFilm ? info.Experts.Count : 3, "test", default)).Error);
            if ((await reviews.LoadRoundAsync(roundId, default))!.Round.Status == RoundStatus.NotStarted) Assert.Null(await reviews.SetRunningAsync(roundId, true, "test", default));
            return 0;
        });
        return roundId;
    }

    /// <summary>The first entry of the round assigned to both experts, and their judge ids.</summary>
    private async Task<(int EntryId, int A, int B)> SharedEntryAsync(int roundId, string a, string b)
    {
        var ids = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == a || j.Code == b).ToDictionaryAsync(j => j.Code, j => j.Id));
        var pairs = await WithAsync(sp => sp.GetRequiredService<ReviewService>().CurrentAsync(roundId, default));
        var entryId = pairs.GroupBy(p => p.EntryId).First(g => g.Any(p => p.JudgeId == ids[a]) && g.Any(p => p.JudgeId == ids[b])).Key;
        return (entryId, ids[a], ids[b]);
    }

    private Task<SubmitResult> SubmitAsync(int judgeId, int roundId, int entryId, decimal?[] points) =>
        WithAsync(sp => sp.GetRequiredService<ReviewService>().SubmitAsync(judgeId, roundId, entryId, points, points.Select(_ => (string?)null).ToArray(), default));

    /// <summary>Experts of the case panel who share a case, one card in; the entry and the experts.</summary>
    private async Task<(int RoundId, int EntryId, int A, int B)> CaseWithOneCardAsync()
    {
        var roundId = await StartedAsync(Track.InnovationCase);
        var pairs = await WithAsync(sp => sp.GetRequiredService<ReviewService>().CurrentAsync(roundId, default));
        var entry = pairs.GroupBy(p => p.EntryId).First(g => g.Count() >= 2);
        var (a, b) = (entry.ElementAt(0).JudgeId, entry.ElementAt(1).JudgeId);
        var result = await SubmitAsync(a, roundId, entry.Key, [30m, 28m, 25m]); // 83
        Assert.True(result.Acknowledged, result.Message);
        return (roundId, entry.Key, a, b);
    }

    [Fact]
    public async Task While_a_case_review_runs_the_anonymous_leaderboard_shows_no_score_and_no_rank()
    {
        var (roundId, entryId, _, _) = await CaseWithOneCardAsync();
        var rows = (await app.Browser().GetFromJsonAsync<JsonElement>($"/api/rounds/{roundId}/leaderboard")).EnumerateArray().ToList();
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("score").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("rank").ValueKind);
        });
        // Progress stays visible (how many cards are in), never what they say.
        Assert.Equal(1, rows.Single(r => r.GetProperty("entryId").GetInt32() == entryId).GetProperty("judgesSubmitted").GetInt32());
    }

    [Fact]
    public async Task While_a_case_review_runs_the_leaderboard_hub_join_returns_no_score_and_no_rank()
    {
        var (roundId, _, _, _) = await CaseWithOneCardAsync();
        var view = await HubJoinAsync(roundId);
        Assert.True(view.GetProperty("hideScores").GetBoolean());
        Assert.All(view.GetProperty("rows").EnumerateArray(), r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("score").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("rank").ValueKind);
            Assert.Equal("", r.GetProperty("scoreText").GetString());
        });
    }

    [Fact]
    public async Task While_a_case_review_runs_the_projector_page_shows_no_score()
    {
        var (roundId, _, _, _) = await CaseWithOneCardAsync();
        var html = await app.Browser().GetStringAsync($"/projector/{roundId}");
        Assert.Contains("分数暂不公布", html);
        Assert.DoesNotContain("83.00", html);
    }

    [Fact]
    public async Task An_expert_sees_the_other_cards_of_a_case_only_after_submitting_and_only_when_the_organiser_allows_it()
    {
        var (roundId, entryId, a, b) = await CaseWithOneCardAsync();
        ReviewSheet Sheet(int judge) => WithAsync(sp => sp.GetRequiredService<ReviewService>().LoadSheetAsync(judge, roundId, entryId, default)).Result;
        // B has not scored: nothing of A's card, whatever the setting.
        Assert.Empty(Sheet(b).OtherCards);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetExpertsSeeOthersAsync(roundId, true, "组织者 test", default)));
        Assert.Empty(Sheet(b).OtherCards);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetExpertsSeeOthersAsync(roundId, false, "组织者 test", default)));

        // B submits: still nothing while the organiser does not allow it (the default).
        Assert.True((await SubmitAsync(b, roundId, entryId, [20m, 20m, 20m])).Acknowledged);
        Assert.Empty(Sheet(b).OtherCards);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetExpertsSeeOthersAsync(roundId, true, "组织者 test", default)));
        var other = Assert.Single(Sheet(b).OtherCards);
        Assert.Equal(83m, other.Total);
        Assert.Equal([30m, 28m, 25m], other.Points);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == "允许专家查看他人评分" && x.Subject == $"轮次 {roundId}")));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetExpertsSeeOthersAsync(roundId, false, "组织者 test", default)));
        Assert.Empty(Sheet(a).OtherCards);
    }

    [Fact]
    public async Task The_organiser_publishes_a_film_review_after_it_ends_and_only_then_its_scores_are_public()
    {
        var roundId = await StartedAsync(Track.MicroFilm);
        var (entryId, a, _) = await SharedEntryAsync(roundId, "ZJ-02", "ZJ-03");
        Assert.True((await SubmitAsync(a, roundId, entryId, [25m, 20m, 20m, 16m])).Acknowledged); // 81
        async Task<decimal?> PublicScoreAsync() =>
            (await app.Browser().GetFromJsonAsync<JsonElement>($"/api/rounds/{roundId}/leaderboard")).EnumerateArray()
                .Single(r => r.GetProperty("entryId").GetInt32() == entryId).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDecimal() : null;
        Assert.Null(await PublicScoreAsync());

        Assert.Equal("评审结束后才能公布评审结果", await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetResultsPublishedAsync(roundId, true, "组织者 test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(roundId, false, "组织者 test", default)));
        Assert.Null(await PublicScoreAsync()); // ended, not published: still blind
        // The finalist list (in preliminary order, with reserve places) tells ranks: confirmed, it is still the organiser's.
        var competitionId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.CompetitionId).SingleAsync());
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<Judging.App.ResultsEngine.TrackResultsService>().ConfirmFinalistsAsync(competitionId, Track.MicroFilm, "组织者 test", default)));
        var finalists = $"/api/competitions/{competitionId}/finalists?track=MicroFilm";
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync(finalists)).StatusCode);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetResultsPublishedAsync(roundId, true, "组织者 test", default)));
        Assert.Equal(81m, await PublicScoreAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(finalists)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == "公布评审结果" && x.Subject == $"轮次 {roundId}")));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetResultsPublishedAsync(roundId, false, "组织者 test", default)));
        Assert.Null(await PublicScoreAsync());
    }

    /// <summary>Calls <c>Join(roundId)</c> on <c>/hubs/leaderboard</c> anonymously (SignalR JSON protocol over long polling) and returns the result.</summary>
    private async Task<JsonElement> HubJoinAsync(int roundId)
    {
        const char rs = '\u001e';
        using var client = app.CreateClient();
        var negotiate = await (await client.PostAsync("/hubs/leaderboard/negotiate?negotiateVersion=1", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/hubs/leaderboard?id={Uri.EscapeDataString(negotiate.GetProperty("connectionToken").GetString()!)}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode); // the first poll opens the connection
        await client.PostAsync(url, new StringContent("{\"protocol\":\"json\",\"version\":1}" + rs, Encoding.UTF8));
        await client.PostAsync(url, new StringContent($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[{roundId}]}}" + rs, Encoding.UTF8));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = await (await client.GetAsync(url, timeout.Token)).Content.ReadAsStringAsync(timeout.Token);
            foreach (var message in text.Split(rs, StringSplitOptions.RemoveEmptyEntries))
            {
                var m = JsonDocument.Parse(message).RootElement;
                if (m.TryGetProperty("type", out var type) && type.GetInt32() == 3)
                    return m.TryGetProperty("result", out var result) ? result.Clone() : throw new InvalidOperationException(message);
            }
        }
    }
}
