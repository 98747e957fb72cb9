namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>The app on the full seeds: the four preliminaries arrive completed, with their cards and leaderboards.</summary>
public sealed class FullSeedsTests : IClassFixture<FullSeedsTestApp>
{
    private readonly FullSeedsTestApp app;
    public FullSeedsTests(FullSeedsTestApp app) => this.app = app;

    [Fact]
    public async Task Every_preliminary_is_closed_and_every_entry_has_all_its_expected_cards()
    {
        var client = app.CreateClient();
        var rounds = (await client.GetFromJsonAsync<JsonElement>("/api/rounds")).EnumerateArray()
            .Where(r => r.GetProperty("track").GetString() == "Speech").ToList();
        Assert.Equal(4, rounds.Count);
        foreach (var round in rounds)
        {
            Assert.Equal("Closed", round.GetProperty("status").GetString());
            var rows = (await client.GetFromJsonAsync<JsonElement>($"/api/rounds/{round.GetProperty("id").GetInt32()}/leaderboard")).EnumerateArray().ToList();
            Assert.Equal(15, rows.Count);
            Assert.All(rows, r =>
            {
                Assert.Equal(r.GetProperty("judgesExpected").GetInt32(), r.GetProperty("judgesSubmitted").GetInt32());
                Assert.Equal(JsonValueKind.Number, r.GetProperty("rank").ValueKind);
            });
        }
    }

    [Fact]
    public async Task A_judge_of_the_final_panel_signs_in_and_has_no_preliminary_to_score()
    {
        var judge = await app.JudgeAsync("PW-29");
        var res = await judge.GetAsync("/judge");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }
}
