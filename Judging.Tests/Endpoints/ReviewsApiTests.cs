namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Judging.Tests.Endpoints.FinalistsApiTests;

/// <summary>
/// The online review console's actions as JSON (issue 12, section 4): assignment with its conflict rule, start and end,
/// settings, experts seeing others' cards, publication; checked through the GET endpoints; refused to judges and anonymous callers.
/// </summary>
public sealed class ReviewsApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task An_organiser_runs_the_case_review_by_script()
    {
        var roundId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());
        var api = $"/api/reviews/{roundId}";
        using var organiser = await ResultsData.OrganiserClientAsync(app);

        var settings = await Json(await organiser.GetAsync($"{api}/settings"));
        Assert.Equal("NotStarted", settings.GetProperty("status").GetString());
        var noPlan = await organiser.PostAsync($"{api}/start", null);
        Assert.Equal(HttpStatusCode.Conflict, noPlan.StatusCode);
        Assert.Equal("请先生成分配，再开始评审", (await Json(noPlan)).GetProperty("error").GetString());

        // 生成分配: k = 3; the pairs read back are the plan's.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 0 })).StatusCode);
        var generated = await Json(await organiser.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 3 }));
        var total = generated.GetProperty("total").GetInt32();
        Assert.True(total > 0);
        var assignments = await Json(await organiser.GetAsync($"{api}/assignments"));
        Assert.Equal(3, assignments.GetProperty("expertsPerEntry").GetInt32());
        Assert.Equal(total, assignments.GetProperty("pairs").GetArrayLength());
        Assert.Equal(total, assignments.GetProperty("experts").EnumerateArray().Sum(e => e.GetProperty("assigned").GetInt32()));

        // A conflict of interest is refused; a change by hand needs a reason; remove and add again with one.
        var conflict = await app.WithDbAsync(db => (from j in db.Judges
                                                    join e in db.Entries on j.ConflictUnitId equals (int?)e.UnitId
                                                    join re in db.RoundEntries on e.Id equals re.EntryId
                                                    where re.RoundId == roundId && j.Track == Track.InnovationCase && !j.IsChief
                                                    select new { EntryId = e.Id, JudgeId = j.Id }).FirstAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{api}/assignments/add", new { conflict.EntryId, conflict.JudgeId, reason = "补足人数" })).StatusCode);
        var pair = assignments.GetProperty("pairs")[0];
        var (entryId, judgeId) = (pair.GetProperty("entryId").GetInt32(), pair.GetProperty("judgeId").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{api}/assignments/remove", new { entryId, judgeId, reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{api}/assignments/remove", new { entryId, judgeId, reason = "专家临时出差" })).StatusCode);
        Assert.DoesNotContain((await Json(await organiser.GetAsync($"{api}/assignments"))).GetProperty("pairs").EnumerateArray(),
            p => p.GetProperty("entryId").GetInt32() == entryId && p.GetProperty("judgeId").GetInt32() == judgeId);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{api}/assignments/add", new { entryId, judgeId, reason = "专家行程取消" })).StatusCode);
        Assert.Contains((await Json(await organiser.GetAsync($"{api}/assignments"))).GetProperty("pairs").EnumerateArray(),
            p => p.GetProperty("entryId").GetInt32() == entryId && p.GetProperty("judgeId").GetInt32() == judgeId);

        // Settings: deadline and normalisation; experts see others' cards.
        var due = new DateTimeOffset(2030, 7, 10, 18, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{api}/settings", new { dueAt = due, normalise = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{api}/experts-see-others", new { on = true })).StatusCode);
        settings = await Json(await organiser.GetAsync($"{api}/settings"));
        Assert.Equal(due, settings.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(settings.GetProperty("normalise").GetBoolean());
        Assert.True(settings.GetProperty("expertsSeeOthers").GetBoolean());
        Assert.True((await Json(await organiser.GetAsync($"{api}/results"))).GetProperty("normalised").GetBoolean());

        // Start, end, publish (not before the end).
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"{api}/start", null)).StatusCode);
        Assert.Equal("Live", (await Json(await organiser.GetAsync($"{api}/settings"))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{api}/publish", new { on = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"{api}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{api}/publish", new { on = true })).StatusCode);
        settings = await Json(await organiser.GetAsync($"{api}/settings"));
        Assert.Equal("Closed", settings.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKindNull, settings.GetProperty("resultsPublishedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 3 })).StatusCode);

        // A live round is not an online review: the review's start and end never reach it.
        var speech = await app.WithDbAsync(db => db.Rounds.Where(r => r.Track == Track.Speech).OrderBy(r => r.Id).Select(r => new { r.Id, r.Status }).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsync($"/api/reviews/{speech.Id}/end", null)).StatusCode);
        Assert.Equal(speech.Status, await app.WithDbAsync(db => db.Rounds.Where(r => r.Id == speech.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Judges_and_anonymous_callers_cannot_drive_the_review()
    {
        var roundId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());
        using var anonymous = app.Browser();
        using var expert = await app.JudgeAsync("AJ-02");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/reviews/{roundId}/assignments/generate", new { expertsPerEntry = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.PostAsJsonAsync($"/api/reviews/{roundId}/assignments/generate", new { expertsPerEntry = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.PostAsJsonAsync($"/api/reviews/{roundId}/publish", new { on = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.GetAsync($"/api/reviews/{roundId}/results")).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
