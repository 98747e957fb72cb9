namespace Judging.Tests.Cluster;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Several instances behind a load balancer (issue 11, section 4), on PostgreSQL: live events cross instances through
/// LISTEN/NOTIFY, the film vote keeps one writer (the others forward to it), and the counts every instance shows equal
/// the stored records.
/// </summary>
[Collection("browser")]
public sealed class ClusterTests(ClusterApp cluster) : IClassFixture<ClusterApp>
{
    private static int phones;

    private static string NewPhone() => "1378" + Interlocked.Increment(ref phones).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private long FilmId(string code) => cluster.Scalar($"""SELECT "Id" FROM "Entries" WHERE "Code" = '{code}'""");

    private static async Task<long> PublicCountAsync(string baseUrl, long filmId)
    {
        using var http = new HttpClient();
        var films = await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/films?competitionId=1");
        return films.EnumerateArray().Single(f => f.GetProperty("entryId").GetInt64() == filmId).GetProperty("acceptedVotes").GetInt64();
    }

    [Fact]
    public async Task A_score_submitted_through_instance_A_moves_a_projector_connected_to_instance_B_within_a_second()
    {
        using var organiser = ClusterApp.Client(cluster.A.BaseUrl, cluster.OrganiserCookies);
        var entryId = cluster.Scalar("""SELECT "Id" FROM "Entries" WHERE "Code" = 'YJ-036'""");
        foreach (var body in new object[] { new { action = "start" }, new { action = "onstage", entryId }, new { action = "open" } })
        {
            var res = await organiser.PostAsJsonAsync("/api/rounds/1/control", body);
            Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        }

        await using var projector = new HubConnectionBuilder().WithUrl(cluster.B.BaseUrl + "/hubs/leaderboard").Build();
        var moved = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        projector.On<JsonElement>("leaderboard", view =>
        {
            var row = view.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("entryId").GetInt64() == entryId);
            if (row.GetProperty("judgesSubmitted").GetInt32() >= 1) moved.TrySetResult(clock.Elapsed);
        });
        await projector.StartAsync();
        var before = await projector.InvokeAsync<JsonElement>("Join", 1);
        Assert.Equal(0, before.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("entryId").GetInt64() == entryId).GetProperty("judgesSubmitted").GetInt32());

        using var judge = ClusterApp.Client(cluster.A.BaseUrl, new CookieContainer());
        Assert.Equal(HttpStatusCode.Redirect, (await judge.GetAsync($"/j/{cluster.A.JudgeCode("PW-02")}")).StatusCode);
        var card = await judge.PostAsJsonAsync("/api/scores", new { roundId = 1, entryId, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        clock.Start();
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        var elapsed = await moved.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the projector on B moved {elapsed.TotalMilliseconds:0} ms after A acknowledged the card");
    }

    [Fact]
    public async Task A_vote_quota_used_on_instance_A_is_refused_on_instance_B()
    {
        var film = FilmId("WDY-003");
        var cookies = new CookieContainer();
        await ClusterApp.VerifyAsync(cluster.A, cookies, NewPhone(), "10.31.0.1", "quota-phone");
        using var onA = ClusterApp.Client(cluster.A.BaseUrl, cookies, "10.31.0.1", "quota-phone");
        using var onB = ClusterApp.Client(cluster.B.BaseUrl, cookies, "10.31.0.1", "quota-phone");
        var first = await onA.PostAsync($"/api/films/{film}/votes", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await onB.PostAsync($"/api/films/{film}/votes", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("今天已为该作品投过票", await second.Content.ReadAsStringAsync());
        // And the other way round for another film.
        var other = FilmId("WDY-004");
        Assert.Equal(HttpStatusCode.OK, (await onB.PostAsync($"/api/films/{other}/votes", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await onA.PostAsync($"/api/films/{other}/votes", null)).StatusCode);
    }

    [Fact]
    public async Task Five_thousand_votes_spread_over_both_instances_leave_every_public_count_equal_to_the_stored_rows()
    {
        var films = Enumerable.Range(1, 30).Select(i => FilmId($"WDY-{i:000}")).ToList();
        var before = films.ToDictionary(f => f, f => cluster.Scalar($"""SELECT COUNT(*) FROM "VoteRecords" WHERE "EntryId" = {f}"""));
        // 170 voters, each from its own /24 and browser, verified on one instance, voting for all 30 films on both (5,100 votes).
        var voters = new List<(CookieContainer Cookies, string Ip, string Ua)>();
        for (var i = 0; i < 170; i++)
        {
            var (cookies, ip, ua) = (new CookieContainer(), $"10.{100 + i / 200}.{i % 200}.7", $"spread-{i}");
            await ClusterApp.VerifyAsync(i % 2 == 0 ? cluster.A : cluster.B, cookies, NewPhone(), ip, ua);
            voters.Add((cookies, ip, ua));
        }
        var accepted = 0;
        var statuses = new ConcurrentDictionary<string, int>();
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(voters.SelectMany((v, i) => films.Select(async (f, k) =>
        {
            await gate.WaitAsync();
            try
            {
                using var client = ClusterApp.Client((i + k) % 2 == 0 ? cluster.A.BaseUrl : cluster.B.BaseUrl, v.Cookies, v.Ip, v.Ua);
                var res = await client.PostAsync($"/api/films/{f}/votes", null);
                statuses.AddOrUpdate(((int)res.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                if (res.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref accepted);
            }
            finally { gate.Release(); }
        })));
        Assert.True(accepted == 5100, string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}")));

        foreach (var f in films)
        {
            // Public: votes in no cluster, or in a cluster the organiser's latest decision included.
            var rows = cluster.Scalar($"""
                SELECT COUNT(*) FROM "VoteRecords" v LEFT JOIN "VoteHolds" h ON h."VoteId" = v."Id"
                WHERE v."EntryId" = {f} AND (COALESCE(v."ClusterId", h."ClusterId") IS NULL OR (SELECT d."Include" FROM "VoteClusterDecisions" d
                    WHERE d."ClusterId" = COALESCE(v."ClusterId", h."ClusterId") ORDER BY d."Id" DESC LIMIT 1) = TRUE)
                """);
            Assert.Equal(rows, await PublicCountAsync(cluster.A.BaseUrl, f));
            Assert.Equal(rows, await PublicCountAsync(cluster.B.BaseUrl, f));
            var stored = cluster.Scalar($"""SELECT COUNT(*) FROM "VoteRecords" WHERE "EntryId" = {f}""");
            Assert.True(before[f] + 170 == stored, $"film {f}: {before[f]} rows before, {stored} after, 170 votes acknowledged");
        }
    }

    [Fact]
    public async Task A_held_burst_decided_on_instance_A_releases_its_count_on_instance_B_and_through_nginx()
    {
        var film = FilmId("WDY-009");
        var start = await PublicCountAsync(cluster.B.BaseUrl, film);
        // 25 new voters from one /24 vote for one film on B (forwarded to the writer): a burst, held out of the count.
        for (var i = 0; i < 25; i++)
        {
            var cookies = new CookieContainer();
            await ClusterApp.VerifyAsync(cluster.B, cookies, NewPhone(), $"10.77.1.{i + 2}", $"burst-{i}");
            using var onB = ClusterApp.Client(cluster.B.BaseUrl, cookies, $"10.77.1.{i + 2}", $"burst-{i}");
            Assert.Equal(HttpStatusCode.OK, (await onB.PostAsync($"/api/films/{film}/votes", null)).StatusCode);
        }
        Assert.Equal(start, await PublicCountAsync(cluster.B.BaseUrl, film));
        var clusterId = cluster.Scalar($"""SELECT "Id" FROM "VoteClusters" WHERE "EntryId" = {film} ORDER BY "Id" DESC LIMIT 1""");

        // A viewer of the live count through nginx (proxy_buffering off) and B's JSON both see the release.
        using var viewer = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await viewer.GetStreamAsync($"{cluster.NginxUrl}/api/films/live?competitionId=1");
        using var reader = new StreamReader(stream);
        var released = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
                if (line.StartsWith("data:", StringComparison.Ordinal) && line.Contains($"\"entryId\":{film},", StringComparison.Ordinal)
                    && line.Contains($"\"count\":{start + 25}", StringComparison.Ordinal))
                    return true;
            return false;
        });

        using var organiser = ClusterApp.Client(cluster.A.BaseUrl, cluster.OrganiserCookies);
        var decided = await organiser.PostAsJsonAsync($"/api/competitions/1/vote-clusters/{clusterId}/decision", new { include = true, reason = "核实为同一单位组织观看，计入" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        Assert.True(await released.WaitAsync(TimeSpan.FromSeconds(10)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await PublicCountAsync(cluster.B.BaseUrl, film) != start + 25 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(start + 25, await PublicCountAsync(cluster.B.BaseUrl, film));
    }
}

/// <summary>An instance killed in the middle of a vote burst (issue 11): no acknowledged vote is lost and the other serves on.</summary>
[Collection("browser")]
public sealed class ClusterKillTests(KillableClusterApp cluster) : IClassFixture<KillableClusterApp>
{
    [Fact]
    public async Task Killing_the_vote_writer_during_a_burst_loses_no_acknowledged_vote_and_the_other_instance_keeps_serving()
    {
        var films = Enumerable.Range(1, 10).Select(i => cluster.Scalar($"""SELECT "Id" FROM "Entries" WHERE "Code" = 'WDY-{i:000}'""")).ToList();
        var writer = cluster.WriterUrl == cluster.A.BaseUrl ? cluster.A : cluster.B;
        var survivor = writer == cluster.A ? cluster.B : cluster.A;
        var voters = new List<(CookieContainer Cookies, string Ip)>();
        for (var i = 0; i < 60; i++)
        {
            var cookies = new CookieContainer();
            await ClusterApp.VerifyAsync(survivor, cookies, "1379" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), $"10.{120 + i / 100}.{i % 100}.9", $"kill-{i}");
            voters.Add((cookies, $"10.{120 + i / 100}.{i % 100}.9"));
        }

        var acknowledged = new ConcurrentBag<(int Voter, long Film)>();
        var tasks = voters.SelectMany((v, i) => films.Select(async (f, k) =>
        {
            try
            {
                using var client = ClusterApp.Client((i + k) % 2 == 0 ? cluster.A.BaseUrl : cluster.B.BaseUrl, v.Cookies, v.Ip, $"kill-{i}");
                var res = await client.PostAsync($"/api/films/{f}/votes", null);
                if (res.StatusCode == HttpStatusCode.OK) acknowledged.Add((i, f));
            }
            catch (HttpRequestException) { /* the killed instance: not acknowledged */ }
            catch (TaskCanceledException) { }
        })).ToList();
        while (acknowledged.Count < 100 && !tasks.All(t => t.IsCompleted)) await Task.Delay(1);
        writer.Kill();
        await Task.WhenAll(tasks);
        Assert.True(acknowledged.Count >= 100, $"{acknowledged.Count} acknowledged before the kill");

        // The survivor takes over the writing within seconds and serves on.
        var cookies2 = new CookieContainer();
        await ClusterApp.VerifyAsync(survivor, cookies2, "13699990000", "10.130.0.9", "after-kill");
        using var after = ClusterApp.Client(survivor.BaseUrl, cookies2, "10.130.0.9", "after-kill");
        HttpResponseMessage? late = null;
        for (var i = 0; i < 100 && late?.StatusCode != HttpStatusCode.OK; i++)
        {
            late = await after.PostAsync($"/api/films/{films[0]}/votes", null);
            if (late.StatusCode != HttpStatusCode.OK) await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, late!.StatusCode);
        Assert.Equal(survivor.BaseUrl, cluster.WriterUrl);

        // Every acknowledged vote is stored, and the public counts equal the rows.
        var voterIds = new Dictionary<int, long>();
        foreach (var (voter, film) in acknowledged)
        {
            var rows = cluster.Scalar($"""
                SELECT COUNT(*) FROM "VoteRecords" v JOIN "Voters" p ON p."Id" = v."VoterId"
                WHERE v."EntryId" = {film} AND p."PhoneMasked" = '{Masked("1379" + voter.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))}'
                """);
            Assert.Equal(1, rows);
        }
        using var http = new HttpClient();
        var shown = await http.GetFromJsonAsync<JsonElement>($"{survivor.BaseUrl}/api/films?competitionId=1");
        foreach (var f in films)
        {
            var stored = cluster.Scalar($"""SELECT COUNT(*) FROM "VoteRecords" WHERE "EntryId" = {f}""");
            Assert.Equal(stored, shown.EnumerateArray().Single(x => x.GetProperty("entryId").GetInt64() == f).GetProperty("acceptedVotes").GetInt64());
        }
    }

    private static string Masked(string phone) => phone[..3] + "****" + phone[7..];
}
