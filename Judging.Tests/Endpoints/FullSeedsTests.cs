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

    /// <summary>
    /// Issue 12, section 1: public pages stay static (no circuit, no MudBlazor) and no heavier than before the staff pages
    /// moved to MudBlazor: gallery 29.8 KB, film page 15.9 KB, headers included, in Chinese and in English, on the seeds' films.
    /// </summary>
    [Theory]
    [InlineData("/films", 29.8)]
    [InlineData("/films?culture=en", 29.8)]
    [InlineData("/films/{film}", 15.9)]
    [InlineData("/films/{film}?culture=en", 15.9)]
    public async Task The_public_film_pages_stay_static_and_within_their_weight(string url, double limitKb)
    {
        var client = app.CreateClient();
        var film = (await client.GetFromJsonAsync<JsonElement>("/api/films?competitionId=1")).EnumerateArray().First().GetProperty("entryId").GetInt32();
        using var res = await client.GetAsync(url.Replace("{film}", film.ToString()));
        var body = await res.Content.ReadAsByteArrayAsync();
        var html = System.Text.Encoding.UTF8.GetString(body);
        var headers = $"HTTP/1.1 {(int)res.StatusCode} {res.ReasonPhrase}\r\n".Length
            + res.Headers.Concat(res.Content.Headers).Sum(h => $"{h.Key}: {string.Join(", ", h.Value)}\r\n".Length) + 2;
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("MudBlazor", html);
        Assert.True(headers + body.Length <= limitKb * 1024, $"{url}: {headers + body.Length} bytes with headers, limit {limitKb} KB");
    }
}
