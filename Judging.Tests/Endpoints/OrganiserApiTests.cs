namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Judging.Tests.Endpoints.FinalistsApiTests;

/// <summary>
/// The organiser's JSON endpoints of issue 12, section 4 beyond finalists and online review: the round console (state and every
/// button, the draw included), the chief judge's unlock (their own panel only), the vote review's reads and settings; and the
/// OpenAPI document that lists every one of them.
/// </summary>
public sealed class OrganiserApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_console_runs_a_round_by_script_and_the_chief_judge_unlocks_a_card_of_their_panel()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var entryId = await app.EntryIdAsync("YJ-036");
        Task<System.Text.Json.JsonElement> Console() => organiser.GetAsync("/api/rounds/1/console").ContinueWith(t => Json(t.Result)).Unwrap();

        Assert.Equal("NotStarted", (await Console()).GetProperty("status").GetString());
        foreach (var body in new object[] { new { action = "draw" }, new { action = "start" }, new { action = "onstage", entryId }, new { action = "open" } })
            Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/rounds/1/control", body)).StatusCode);
        var console = await Console();
        Assert.Equal("Live", console.GetProperty("status").GetString());
        Assert.True(console.GetProperty("scoringOpen").GetBoolean());
        Assert.Equal(entryId, console.GetProperty("onStage").GetInt32());
        // The draw is refused once the round has started, as on the page.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync("/api/rounds/1/control", new { action = "draw" })).StatusCode);

        using var judge = await app.JudgeAsync("PW-02");
        var card = await Json(await judge.PostAsJsonAsync("/api/scores", new { roundId = 1, entryId, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") }));
        var recordId = card.GetProperty("recordId").GetInt64();
        Assert.Equal("Submitted", JudgeProgress(await Console(), "PW-02"));

        // Only a chief judge, and only of the card's panel, unlocks; a reason is required.
        using var chief = await ChiefAsync("PW-01");
        using var otherChief = await ChiefAsync("AJ-01");
        Assert.Contains((await Json(await chief.GetAsync("/api/chief/cards"))).EnumerateArray(), c => c.GetProperty("recordId").GetInt64() == recordId);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.PostAsJsonAsync($"/api/chief/cards/{recordId}/unlock", new { reason = "评委误触" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync($"/api/chief/cards/{recordId}/unlock", new { reason = "评委误触" })).StatusCode);
        var foreign = await otherChief.PostAsJsonAsync($"/api/chief/cards/{recordId}/unlock", new { reason = "评委误触" });
        Assert.Equal("只能解锁本赛区的评分", (await Json(foreign)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync($"/api/chief/cards/{recordId}/unlock", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/chief/cards/{recordId}/unlock", new { reason = "评委误触提交" })).StatusCode);
        Assert.Equal("Awaited", JudgeProgress(await Console(), "PW-02"));
        Assert.Equal("评委误触提交", await app.WithDbAsync(db => db.ScoreUnlocks.Where(u => u.ScoreRecordId == recordId).Select(u => u.Reason).SingleAsync()));

        // The other buttons.
        foreach (var action in new[] { "close", "hide", "pause" })
            Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/rounds/1/control", new { action })).StatusCode);
        console = await Console();
        Assert.Equal("Paused", console.GetProperty("status").GetString());
        Assert.True(console.GetProperty("hideScores").GetBoolean());
        Assert.False(console.GetProperty("scoringOpen").GetBoolean());
        foreach (var action in new[] { "resume", "reveal", "end" })
            Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/rounds/1/control", new { action })).StatusCode);
        Assert.Equal("Closed", (await Console()).GetProperty("status").GetString());

        using var anonymous = app.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/rounds/1/console")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.GetAsync("/api/rounds/1/console")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/chief/cards")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_reads_a_page_at_a_time_newest_first_with_search_and_column_filters()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/rounds/2/control", new { action = "draw" })).StatusCode);
        var stored = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Action }).ToListAsync());
        Assert.True(stored.Count >= 2);

        var first = await Json(await organiser.GetAsync("/api/audit?size=2"));
        Assert.Equal(stored.Count, first.GetProperty("total").GetInt32());
        Assert.Equal(stored.Take(2).Select(a => a.Id), first.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var second = await Json(await organiser.GetAsync("/api/audit?size=2&page=1"));
        Assert.Equal(stored.Skip(2).Take(2).Select(a => a.Id), second.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var oldest = await Json(await organiser.GetAsync("/api/audit?size=1&desc=false"));
        Assert.Equal(stored[^1].Id, oldest.GetProperty("rows")[0].GetProperty("id").GetInt64());

        // The draw just made, by its action and by a search over every column; each row holds what was asked.
        var draw = stored[0].Action;
        var byAction = await Json(await organiser.GetAsync($"/api/audit?action={Uri.EscapeDataString(draw)}"));
        Assert.Equal(stored.Count(a => a.Action.Contains(draw, StringComparison.Ordinal)), byAction.GetProperty("total").GetInt32());
        Assert.All(byAction.GetProperty("rows").EnumerateArray(), r => Assert.Contains(draw, r.GetProperty("action").GetString()));
        var searched = await Json(await organiser.GetAsync($"/api/audit?q={Uri.EscapeDataString(draw)}"));
        Assert.True(searched.GetProperty("total").GetInt32() >= byAction.GetProperty("total").GetInt32());

        var refused = await organiser.GetAsync("/api/audit?sort=When");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("排序字段", (await Json(refused)).GetProperty("error").GetString());
        using var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task The_vote_review_reads_and_saves_the_vote_settings_by_script()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var review = await Json(await organiser.GetAsync("/api/competitions/1/vote-review"));
        Assert.Contains(review.GetProperty("films").EnumerateArray(), f => f.GetProperty("code").GetString() == "WDY-001" && f.GetProperty("public").GetInt64() == 0);

        var body = new { quota = "TotalPerDay", perDay = 3, windowSeconds = 90, newIdentityMinutes = 10, threshold = 20 };
        var saved = await organiser.PostAsJsonAsync("/api/competitions/1/voting-settings", body);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("组织者 俞琳", (await Json(saved)).GetProperty("savedBy").GetString());
        var rules = await Json(await app.Browser().GetAsync("/api/voting/1/rules"));
        Assert.Equal("TotalPerDay", rules.GetProperty("rule").GetString());
        Assert.Equal(3, rules.GetProperty("perDay").GetInt32());
        Assert.Equal(90, (await Json(await organiser.GetAsync("/api/competitions/1/voting-settings"))).GetProperty("settings").GetProperty("windowSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync("/api/competitions/1/voting-settings", body with { perDay = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync("/api/competitions/1/voting-settings", body with { quota = "Weekly" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync("/api/competitions/999/voting-settings")).StatusCode);

        using var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync("/api/competitions/1/voting-settings", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync("/api/competitions/1/vote-review")).StatusCode);
    }

    /// <summary>Every organiser endpoint of issue 12, section 4 (this helper's part) is in the OpenAPI document with a summary and a tag.</summary>
    [Fact]
    public async Task The_openapi_document_lists_every_new_path_with_a_summary()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var doc = await Json(await organiser.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        string[] expected =
        [
            "get /api/competitions/{id}/finalists/rules", "post /api/competitions/{id}/finalists/rules", "post /api/competitions/{id}/finalists/vote-weight",
            "post /api/competitions/{id}/finalists/ties", "post /api/competitions/{id}/finalists/entries/{entryId}/override",
            "post /api/competitions/{id}/finalists/entries/{entryId}/eligibility", "post /api/competitions/{id}/finalists/confirm",
            "post /api/competitions/{id}/finalists/undo",
            "get /api/reviews/{roundId}/settings", "post /api/reviews/{roundId}/settings", "get /api/reviews/{roundId}/assignments",
            "get /api/reviews/{roundId}/results", "post /api/reviews/{roundId}/assignments/generate", "post /api/reviews/{roundId}/assignments/add",
            "post /api/reviews/{roundId}/assignments/remove", "post /api/reviews/{roundId}/start", "post /api/reviews/{roundId}/end",
            "post /api/reviews/{roundId}/experts-see-others", "post /api/reviews/{roundId}/publish",
            "get /api/rounds/{id}/console", "post /api/rounds/{id}/control", "get /api/chief/cards", "post /api/chief/cards/{recordId}/unlock",
            "get /api/competitions/{competitionId}/vote-review", "get /api/competitions/{competitionId}/voting-settings",
            "post /api/competitions/{competitionId}/voting-settings", "post /api/competitions/{competitionId}/vote-clusters/{clusterId}/decision",
            "get /api/competitions/{id}/audience-awards", "post /api/competitions/{id}/audience-awards/mode", "post /api/competitions/{id}/audience-awards/vote",
            "post /api/competitions/{id}/audience-awards/designate", "post /api/competitions/{id}/audience-awards/public-tie",
            "get /api/audience-votes/{questionId}", "post /api/audience-votes/{questionId}/assurance", "post /api/audience-votes/{questionId}/ballots",
            "post /api/audience-votes/{questionId}/open", "post /api/audience-votes/{questionId}/close", "post /api/audience-votes/{questionId}/tie",
        ];
        var missing = new List<string>();
        foreach (var e in expected)
        {
            var (method, path) = (e.Split(' ')[0], e.Split(' ')[1]);
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var op)) { missing.Add(e); continue; }
            if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) missing.Add($"{e} (no summary)");
            if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0) missing.Add($"{e} (no tag)");
        }
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json as expected:\n" + string.Join("\n", missing));
    }

    private async Task<HttpClient> ChiefAsync(string code)
    {
        var client = app.Browser();
        var access = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == code).Select(j => j.AccessCode).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/j/{access}")).StatusCode);
        return client;
    }

    private static string? JudgeProgress(System.Text.Json.JsonElement console, string code) =>
        console.GetProperty("judges").EnumerateArray().Single(j => j.GetProperty("code").GetString() == code).GetProperty("progress").GetString();
}
