namespace Judging.Tests.Endpoints;

using System.Net;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>
/// What partners read must be honest about what is not decided (issue 10, items 12 and 13), on the seeded 2025 speech
/// preliminaries: the 嘉定 cut has an undecided tie (YJ-028 and YJ-033 equal at the last seat), and the final has not been
/// held. The finalist and award JSON are objects: a top-level <c>pending</c> list, every row with its entry number
/// (<c>code</c>) and, for an entry in a tie, <c>tie: {with, decided}</c>; before the final the finalists are 待决赛.
/// </summary>
public sealed class ResultsJsonTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    [Fact]
    public async Task The_finalist_json_reports_the_undecided_tie_at_the_last_seat_explicitly()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var json = JsonDocument.Parse(await organiser.GetStringAsync("/api/competitions/1/finalists?track=Speech")).RootElement;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.False(json.GetProperty("confirmed").GetBoolean());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r => Assert.Matches("^YJ-\\d{3}$", r.GetProperty("code").GetString()));
        var pending = Assert.Single(json.GetProperty("pending").EnumerateArray());
        Assert.Equal("finalistTie", pending.GetProperty("kind").GetString());
        Assert.Equal(["YJ-028", "YJ-033"], pending.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).Order());
        foreach (var (code, other) in new[] { ("YJ-028", "YJ-033"), ("YJ-033", "YJ-028") })
        {
            var row = rows.Single(r => r.GetProperty("code").GetString() == code);
            var tie = row.GetProperty("tie");
            Assert.False(tie.GetProperty("decided").GetBoolean());
            Assert.Equal([other], tie.GetProperty("with").EnumerateArray().Select(e => e.GetString()));
        }
        // Entries in no tie say so.
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("code").GetString() == "YJ-001").GetProperty("tie").ValueKind);
    }

    [Fact]
    public async Task Before_the_final_the_award_json_shows_the_finalists_awaiting_it_and_lists_what_is_pending()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync("/api/competitions/1/awards?track=Speech")).StatusCode);
        var json = JsonDocument.Parse(await organiser.GetStringAsync("/api/competitions/1/awards?track=Speech")).RootElement;
        Assert.False(json.GetProperty("finalHeld").GetBoolean());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Matches("^YJ-\\d{3}$", r.GetProperty("code").GetString()));
        // The 12 proposed finalists (3 per division) await the final; nobody holds 一等奖 or 二等奖 yet.
        var awaiting = rows.Where(r => r.GetProperty("awaitingFinal").GetBoolean()).ToList();
        Assert.Equal(12, awaiting.Count);
        Assert.All(awaiting, r => Assert.Equal("待决赛", r.GetProperty("award").GetString()));
        Assert.DoesNotContain(rows, r => r.GetProperty("award").GetString() is "一等奖" or "二等奖");
        // 三等奖 (15 % of 60 = 9) is known already for the entries below the final.
        Assert.Equal(9, rows.Count(r => r.GetProperty("award").GetString() == "三等奖"));
        var kinds = json.GetProperty("pending").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("awaitingFinal", kinds);
        Assert.Contains("finalistTie", kinds);
        var waiting = json.GetProperty("pending").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "awaitingFinal");
        Assert.Equal(12, waiting.GetProperty("entries").GetArrayLength());
        Assert.Contains("决赛", waiting.GetProperty("message").GetString());
    }
}
