namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

public sealed class ApiTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public ApiTests(TestApp app) => this.app = app;

    [Fact]
    public void Configured_tie_breaks_replace_the_defaults_instead_of_appending()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Judging.Domain.Scoring.ScoringOptions>>().Value;
        Assert.Equal(["Median", "Criterion1"], options.TieBreaks);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        var res = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task Competitions_list_the_seeded_2025_competition()
    {
        var json = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/competitions");
        var c = Assert.Single(json.EnumerateArray());
        Assert.Equal("2025上海市质量品牌故事大赛", c.GetProperty("name").GetString());
        Assert.Equal(2025, c.GetProperty("year").GetInt32());
        Assert.True(c.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task Rounds_have_the_documented_shape()
    {
        var json = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/rounds");
        var all = json.EnumerateArray().ToList();
        // The seeds: four speech preliminaries, the films' online preliminary and the cases' online first review.
        Assert.Equal(6, all.Count);
        Assert.Equal(["Speech:Preliminary", "Speech:Preliminary", "Speech:Preliminary", "Speech:Preliminary", "MicroFilm:Preliminary", "InnovationCase:FirstReview"],
            all.Select(r => $"{r.GetProperty("track").GetString()}:{r.GetProperty("kind").GetString()}"));
        var rounds = all.Where(r => r.GetProperty("track").GetString() == "Speech").ToList();
        Assert.All(rounds, r =>
        {
            Assert.Equal("Speech", r.GetProperty("track").GetString());
            Assert.Equal("Preliminary", r.GetProperty("kind").GetString());
            Assert.EndsWith("赛区", r.GetProperty("division").GetString());
            Assert.Contains(r.GetProperty("status").GetString(), new[] { "NotStarted", "Live", "Paused", "Closed" });
        });
    }

    [Fact]
    public async Task Leaderboard_has_the_documented_shape_and_404s_for_an_unknown_round()
    {
        var client = app.CreateClient();
        var rows = (await client.GetFromJsonAsync<JsonElement>("/api/rounds/1/leaderboard")).EnumerateArray().ToList();
        Assert.Equal(15, rows.Count);
        var names = rows[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["rank", "entryId", "title", "unit", "group", "score", "judgesSubmitted", "judgesExpected"], names);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/rounds/999/leaderboard")).StatusCode);
    }

    [Fact]
    public async Task Scores_need_a_signed_in_judge()
    {
        var res = await app.Browser().PostAsJsonAsync("/api/scores", new { roundId = 1, entryId = 1, points = new[] { 1m }, idempotencyKey = "abcdefgh12" });
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode); // not a redirect to an HTML page
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.ScoreRecords.Count())));
    }

    [Fact]
    public async Task Round_control_needs_an_organiser()
    {
        var judge = await app.JudgeAsync("PW-02");
        var res = await judge.PostAsJsonAsync("/api/rounds/1/control", new { action = "start" });
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().PostAsJsonAsync("/api/rounds/1/control", new { action = "start" })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_judge_code_does_not_sign_in()
    {
        var res = await app.Browser().GetAsync("/j/NOTACODE");
        Assert.Equal("/judge/login?error=1", res.Headers.Location?.OriginalString);
    }
}
