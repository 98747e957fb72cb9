namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The scoring refusals follow the UI culture (issue 12, section 3): a judge's card refused by <c>POST /api/scores</c> and a
/// chief judge's unlock refused by <c>POST /api/chief/cards/{id}/unlock</c> read in English with <c>?culture=en</c>, and in
/// Chinese by default; the machine-readable status stays the same.
/// </summary>
public sealed class ScoringEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<(string? Status, string Error)> RefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (body.TryGetProperty("status", out var s) ? s.GetString() : null, body.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task A_refused_card_and_a_refused_unlock_read_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        using var judge = await app.JudgeAsync("PW-10");
        object Card() => new { roundId = 2, entryId = 1, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = "short" };

        var zh = await RefusedAsync(await judge.PostAsJsonAsync("/api/scores", Card()));
        Assert.Equal(("Refused", "提交标识无效，请刷新页面后重试"), zh);
        var en = await RefusedAsync(await judge.PostAsJsonAsync("/api/scores?culture=en", Card()));
        Assert.Equal(("Refused", "The submission key is not valid; refresh the page and try again"), en);

        var access = await app.WithDbAsync(db => db.Judges.Where(j => j.DivisionId == 2 && j.IsChief).Select(j => j.AccessCode).SingleAsync());
        using var chief = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await chief.GetAsync($"/j/{access}")).StatusCode);
        Assert.Equal("请填写解锁原因", (await RefusedAsync(await chief.PostAsJsonAsync("/api/chief/cards/1/unlock", new { reason = " " }))).Error);
        Assert.Equal("Please give a reason for the unlock",
            (await RefusedAsync(await chief.PostAsJsonAsync("/api/chief/cards/1/unlock?culture=en", new { reason = " " }))).Error);
    }
}
