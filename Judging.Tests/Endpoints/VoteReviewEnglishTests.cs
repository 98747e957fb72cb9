namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>
/// A refused cluster decision (<c>POST /api/competitions/{id}/vote-clusters/{clusterId}/decision</c>, the vote review's
/// 计入 / 排除) reads in English with <c>?culture=en</c> and in Chinese by default (issue 12, section 3).
/// </summary>
public sealed class VoteReviewEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<string> RefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task A_refused_cluster_decision_reads_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        const string decision = "/api/competitions/1/vote-clusters/999999/decision";

        Assert.Equal("请填写理由", await RefusedAsync(await organiser.PostAsJsonAsync(decision, new { include = true, reason = " " })));
        Assert.Equal("Please give a reason", await RefusedAsync(await organiser.PostAsJsonAsync($"{decision}?culture=en", new { include = true, reason = " " })));
        Assert.Equal("没有这个可疑票组", await RefusedAsync(await organiser.PostAsJsonAsync(decision, new { include = false, reason = "同一网段集中投票" })));
        Assert.Equal("This flagged cluster does not exist",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{decision}?culture=en", new { include = false, reason = "同一网段集中投票" })));
        Assert.Equal("The reason may have at most 500 characters",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{decision}?culture=en", new { include = false, reason = new string('理', 501) })));
    }
}
