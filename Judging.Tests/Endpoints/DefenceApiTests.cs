namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Finalists;
using Judging.App.Reviews;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The defence schedule's JSON actions (issue 12, section 4): <c>GET/POST /api/competitions/{id}/defences…</c>, on the page's
/// service and authorised like the page: an organiser reads, calls, is refused an overlap (409 with the clash named, English
/// with <c>?culture=en</c>), cancels with a reason and applies the running order; a judge gets 403, nobody signed in 401.
/// </summary>
public sealed class DefenceApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<TestApp, int> ReReviews = [];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res) => JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The cases' first review scored and its re-review list confirmed (as the browser test does); the re-review's round id.</summary>
    private async Task<int> ReReviewAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (ReReviews.TryGetValue(app, out var known)) return known;
            var sp = app.Services;
            using (var scope = sp.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<App.Persistence.JudgingDb>();
                var round = await db.Rounds.SingleAsync(r => r.Track == Track.InnovationCase && r.Kind == RoundKind.FirstReview);
                var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
                var (plan, error) = await reviews.GenerateAsync(round.Id, 3, "test", default);
                Assert.Null(error);
                Assert.Null(await reviews.SetRunningAsync(round.Id, true, "test", default));
                var order = plan!.All.Select(p => p.EntryId).Distinct().Order().ToList();
                foreach (var p in plan.All)
                {
                    var i = order.IndexOf(p.EntryId);
                    decimal?[] points = [30m - i * 0.5m, 30m, 28m];
                    await reviews.SubmitAsync(p.JudgeId, round.Id, p.EntryId, points, [], default);
                }
                Assert.Null(await reviews.SetRunningAsync(round.Id, false, "test", default));
            }
            using (var scope = sp.CreateScope())
            {
                var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
                var view = (await results.LoadAsync(1, Track.InnovationCase, default))!;
                foreach (var t in view.Outcome!.Finalists.Ties.Where(t => !t.Resolved))
                    Assert.Null(await results.ResolveFinalistTieAsync(1, Track.InnovationCase, t.Key, TieResolution.TieBreak, "test", default));
                Assert.Null(await results.ConfirmFinalistsAsync(1, Track.InnovationCase, "test", default));
                return ReReviews[app] = (await results.LoadAsync(1, Track.InnovationCase, default))!.FinalRound!.Id;
            }
        }
        finally { Once.Release(); }
    }

    [Fact]
    public async Task An_organiser_calls_is_refused_an_overlap_cancels_with_a_reason_and_applies_the_order()
    {
        var reReview = await ReReviewAsync();
        var organiser = await ResultsData.OrganiserClientAsync(app);

        var schedule = await JsonAsync(await organiser.GetAsync("/api/competitions/1/defences"));
        Assert.Equal(reReview, schedule.GetProperty("roundId").GetInt32());
        var lines = schedule.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(10, lines.Count);
        var (first, other) = (lines[4], lines[1]);
        var (firstId, otherId) = (first.GetProperty("entryId").GetInt32(), other.GetProperty("entryId").GetInt32());
        var firstCode = first.GetProperty("code").GetString();

        var call = await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{firstId}", new { startsAt = "2025-07-15T09:00", minutes = 20, reason = "达到标杆级水平" });
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        schedule = await JsonAsync(await organiser.GetAsync("/api/competitions/1/defences"));
        var called = schedule.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("entryId").GetInt32() == firstId);
        Assert.Equal("2025-07-15T09:00", called.GetProperty("startsAt").GetString());
        Assert.Equal(20, called.GetProperty("minutes").GetInt32());

        var clash = await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{otherId}", new { startsAt = "2025-07-15T09:10", minutes = 20, reason = "达到标杆级水平" });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal($"与{firstCode}的答辩时间（07-15 09:00–09:20）重叠", (await JsonAsync(clash)).GetProperty("error").GetString());
        var clashEn = await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{otherId}?culture=en", new { startsAt = "2025-07-15T09:10", minutes = 20, reason = "达到标杆级水平" });
        Assert.Equal($"Overlaps the defence of {firstCode} (07-15 09:00–09:20)", (await JsonAsync(clashEn)).GetProperty("error").GetString());

        var noReason = await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{firstId}/cancel", new { reason = "" });
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Equal("取消答辩须填写理由", (await JsonAsync(noReason)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{otherId}", new { startsAt = "2025-07-15T09:20", minutes = 20, reason = "达到标杆级水平" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/competitions/1/defences/{firstId}/cancel", new { reason = "单位申请放弃答辩" })).StatusCode);
        Assert.Equal("单位申请放弃答辩", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "取消答辩").Select(a => a.Reason).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync("/api/competitions/1/defences/apply-order", null)).StatusCode);
        Assert.Equal(otherId, await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == reReview && x.Position == 1).Select(x => x.EntryId).SingleAsync()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/{entry}")]
    [InlineData("POST", "/{entry}/cancel")]
    [InlineData("POST", "/apply-order")]
    public async Task A_judge_gets_403_and_nobody_signed_in_gets_401(string method, string path)
    {
        var entry = await app.EntryIdAsync("AL-001");
        var url = "/api/competitions/1/defences" + path.Replace("{entry}", entry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method == "POST" ? JsonContent.Create(new { startsAt = "2025-07-15T09:00", minutes = 20, reason = "测试" }) : null,
        };
        var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().SendAsync(Request())).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "安排答辩" && a.Reason == "测试")));
    }
}
