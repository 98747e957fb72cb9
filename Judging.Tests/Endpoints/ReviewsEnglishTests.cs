namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Judging.Tests.Endpoints.FinalistsApiTests;

/// <summary>
/// The online review's refusals follow the UI culture (issue 12, section 3): an organiser who chose English gets
/// ReviewService's refusals in English through the reviews JSON API; the default stays Chinese.
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
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await Json(res)).GetProperty("error").GetString();
    }
}
