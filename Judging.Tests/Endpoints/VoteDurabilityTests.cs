namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.FilmVoting;
using Judging.Tests.Support;

/// <summary>An acknowledged film vote survives a kill -9 of the server, and the count rebuilt at start equals the records (issue 4).</summary>
[Collection("browser")]
public sealed class VoteDurabilityTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Judging:Voting:PerIpPerMinute"] = "1000000", ["Judging:Voting:PerSubnetPerMinute"] = "1000000",
        // Every voter here is new and on 127.0.0.1: no burst holds, so every vote counts at once.
        ["Judging:Voting:Fraud:NewIdentityMinutes"] = "0",
    };

    internal static int InsertFilm(LiveApp app, string code)
    {
        using var c = TestDatabase.Open(app.DataDir, write: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""INSERT INTO "Entries" ("CompetitionId", "Code", "Title", "Track", "UnitId", "Presenter") VALUES (1, '{code}', '耐久测试微电影', 1, (SELECT MIN("Id") FROM "Units"), '导演') RETURNING "Id" """;
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<(HttpClient Client, long VoterId)> VoterAsync(LiveApp app, string phone)
    {
        var handler = new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/voting/1/code", new { phone })).StatusCode);
        string? code = null;
        for (var i = 0; i < 100 && code is null; i++)
        {
            var m = Regex.Match(app.Output, $@"SMS {Regex.Escape(Judging.App.FilmVoting.PhoneVerification.Mask(phone))} 验证码 (\d{{6}})");
            if (m.Success) code = m.Groups[1].Value; else await Task.Delay(50);
        }
        Assert.NotNull(code);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/voting/1/verify", new { phone, code })).StatusCode);
        var cookie = handler.CookieContainer.GetCookies(new Uri(app.BaseUrl))[VoterCookie.Name]!.Value;
        return (client, long.Parse(cookie.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Every_acknowledged_vote_is_there_after_a_kill_9_and_the_count_equals_the_records()
    {
        await using var app = await LiveApp.StartAsync(settings: Settings);
        var films = new[] { InsertFilm(app, "WDY-D01"), InsertFilm(app, "WDY-D02") };
        var voters = new List<(HttpClient Client, long VoterId)>();
        for (var i = 0; i < 60; i++) voters.Add(await VoterAsync(app, $"1370000{i:0000}"));

        var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(long VoterId, int Film)>();
        var tasks = voters.SelectMany(v => films.Select(async f =>
        {
            try
            {
                var res = await v.Client.PostAsync($"/api/films/{f}/votes", null);
                statuses.Add($"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
                if (res.StatusCode == HttpStatusCode.OK && (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetBoolean())
                    acknowledged.Add((v.VoterId, f));
            }
            catch (HttpRequestException) { /* killed while in flight: not acknowledged */ }
        })).ToList();
        // Kill -9 while votes are still arriving.
        while (acknowledged.Count < 40 && !tasks.All(t => t.IsCompleted)) await Task.Delay(1);
        app.Kill();
        await Task.WhenAll(tasks);
        Assert.True(acknowledged.Count >= 40, string.Join("\n", statuses.GroupBy(s => s).Select(g => $"{g.Count()} × {g.Key}")));

        await using var again = await LiveApp.RestartAsync(app);
        foreach (var (voterId, film) in acknowledged)
            Assert.Equal(1, again.Scalar($"""SELECT COUNT(*) FROM "VoteRecords" WHERE "VoterId" = {voterId} AND "EntryId" = {film}"""));
        var rows = again.Scalar($"""SELECT COUNT(*) FROM "VoteRecords" WHERE "EntryId" = {films[0]}""");
        Assert.True(rows >= acknowledged.Count(a => a.Film == films[0]));

        // The count rebuilt at start equals the records: one more vote makes it rows + 1.
        var (late, _) = await VoterAsync(again, "13799999999");
        var body = await (await late.PostAsync($"/api/films/{films[0]}/votes", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(rows + 1, body.GetProperty("count").GetInt64());
    }
}
