namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Judging.Tests.Endpoints.FinalistsApiTests;

/// <summary>
/// The online review's refusals follow the UI culture (issue 12, section 3): an organiser who chose English gets
/// ReviewService's refusals in English through the reviews JSON API, with the Domain's assignment refusals (Wordings)
/// worded in English too; the default stays Chinese.
/// </summary>
public sealed class ReviewsEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Review_refusals_read_in_english_with_the_culture_cookie_and_in_chinese_by_default()
    {
        var roundId = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());
        var api = $"/api/reviews/{roundId}";
        using var zh = await ResultsData.OrganiserClientAsync(app);
        using var en = await ResultsData.OrganiserClientAsync(app);
        await en.GetAsync("/culture/en?returnUrl=/");

        Assert.Equal("Generate the assignment before starting the review", await ErrorAsync(await en.PostAsync($"{api}/start", null)));
        Assert.Equal("请先生成分配，再开始评审", await ErrorAsync(await zh.PostAsync($"{api}/start", null)));
        Assert.Equal("Experts per entry must be at least 1", await ErrorAsync(await en.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 0 })));
        Assert.Equal("每件作品的专家人数至少为 1", await ErrorAsync(await zh.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 0 })));

        // A change by hand that breaks the conflict rule: the Domain's reason (a Wording) comes back worded in English.
        Assert.Equal(HttpStatusCode.OK, (await en.PostAsJsonAsync($"{api}/assignments/generate", new { expertsPerEntry = 3 })).StatusCode);
        var conflict = await app.WithDbAsync(db => (from j in db.Judges
                                                    join e in db.Entries on j.ConflictUnitId equals (int?)e.UnitId
                                                    join re in db.RoundEntries on e.Id equals re.EntryId
                                                    where re.RoundId == roundId && j.Track == Track.InnovationCase && !j.IsChief
                                                    select new { EntryId = e.Id, JudgeId = j.Id, Expert = j.Code, Entry = e.Code }).FirstAsync());
        var refused = await ErrorAsync(await en.PostAsJsonAsync($"{api}/assignments/add", new { conflict.EntryId, conflict.JudgeId, reason = "补足人数" }));
        Assert.StartsWith($"Expert {conflict.Expert} ", refused);
        Assert.Contains($"conflict", refused);
        Assert.Contains(conflict.Entry, refused);
        Assert.StartsWith($"专家{conflict.Expert}", await ErrorAsync(await zh.PostAsJsonAsync($"{api}/assignments/add", new { conflict.EntryId, conflict.JudgeId, reason = "补足人数" })));
        Assert.Equal("Give a reason for the change",
            await ErrorAsync(await en.PostAsJsonAsync($"{api}/assignments/add", new { conflict.EntryId, conflict.JudgeId, reason = " " })));
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await Json(res)).GetProperty("error").GetString();
    }
}
