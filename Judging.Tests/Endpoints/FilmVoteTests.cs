namespace Judging.Tests.Endpoints;

using Judging.Domain.Competitions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.FilmVoting;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The film vote endpoints (issue 4): phone codes, votes, quotas by Shanghai day, window, bursts, concurrency.</summary>
public sealed class FilmVoteTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient c, string url, object? body = null)
    {
        var res = body is null ? await c.PostAsync(url, null) : await c.PostAsJsonAsync(url, body);
        var text = await res.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", res.Content.Headers.ContentType?.ToString());
        return (res.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Error(JsonElement e) => e.GetProperty("error").GetString()!;

    [Fact]
    public async Task Phone_code_flow_refuses_bad_numbers_resends_wrong_codes_and_expired_codes()
    {
        var c = app.Browser();
        var (s, b) = await PostAsync(c, "/api/voting/1/code", new { phone = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, s);
        Assert.Equal("请输入 11 位中国大陆手机号", Error(b));
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsync("/api/voting/1/code", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var phone = FilmVoteTestApp.NewPhone();
        (s, b) = await PostAsync(c, "/api/voting/1/code", new { phone });
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.Equal("验证码已发送", b.GetProperty("message").GetString());
        var code = app.Sms.CodeOf(phone);
        Assert.Matches(@"^\d{6}$", code);
        // Stored hashed, never in clear.
        Assert.False(await app.WithDbAsync(db => db.Set<VoteCode>().AnyAsync(x => x.CodeHash.Contains(code))));

        (s, b) = await PostAsync(c, "/api/voting/1/code", new { phone });
        Assert.Equal(HttpStatusCode.TooManyRequests, s);
        Assert.Contains("60 秒", Error(b));

        var wrong = code == "000000" ? "111111" : "000000";
        (s, b) = await PostAsync(c, "/api/voting/1/verify", new { phone, code = wrong });
        Assert.Equal(HttpStatusCode.BadRequest, s);
        Assert.Equal("验证码错误或已过期", Error(b));

        // Expired after 5 minutes.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (s, _) = await PostAsync(c, "/api/voting/1/verify", new { phone, code });
        Assert.Equal(HttpStatusCode.BadRequest, s);

        // A new code; 5 wrong tries use it up, then even the right code fails.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(c, "/api/voting/1/code", new { phone })).Status);
        code = app.Sms.CodeOf(phone);
        wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(c, "/api/voting/1/verify", new { phone, code = wrong })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(c, "/api/voting/1/verify", new { phone, code })).Status);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(c, "/api/voting/1/code", new { phone })).Status);
        var res = await c.PostAsJsonAsync("/api/voting/1/verify", new { phone, code = app.Sms.CodeOf(phone) });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var cookies = res.Headers.GetValues("Set-Cookie").ToList();
        var voter = Assert.Single(cookies, x => x.StartsWith(VoterCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", voter, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", voter, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=2592000", voter, StringComparison.OrdinalIgnoreCase);
        // The device cookie comes with the first code (issue 10: a device's verifications are counted), for a year.
        using var fresh = app.Browser();
        var first = await fresh.PostAsJsonAsync("/api/voting/1/code", new { phone = FilmVoteTestApp.NewPhone() });
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), x => x.StartsWith(VoterCookie.DeviceName + "=", StringComparison.Ordinal) && x.Contains("max-age=31536000", StringComparison.OrdinalIgnoreCase));
        // The phone is kept hashed and masked.
        var masked = phone[..3] + "****" + phone[7..];
        Assert.True(await app.WithDbAsync(db => db.Set<Voter>().AnyAsync(v => v.PhoneMasked == masked && v.PhoneHash != phone)));
    }

    [Fact]
    public async Task A_phone_gets_at_most_10_codes_per_Shanghai_day()
    {
        var c = app.Browser();
        var phone = FilmVoteTestApp.NewPhone();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(c, "/api/voting/1/code", new { phone })).Status);
            app.Clock.Advance(TimeSpan.FromSeconds(61));
        }
        var (s, b) = await PostAsync(c, "/api/voting/1/code", new { phone });
        Assert.Equal(HttpStatusCode.TooManyRequests, s);
        Assert.Equal("该手机号今天已获取 10 次验证码，请明天再试", Error(b));
    }

    [Fact]
    public async Task A_forged_or_missing_voter_cookie_is_refused_and_a_foreign_origin_too()
    {
        var film = await app.NewFilmAsync();
        var c = app.Browser();
        var (s, b) = await PostAsync(c, $"/api/films/{film}/votes");
        Assert.Equal(HttpStatusCode.Unauthorized, s);
        Assert.Equal("请先验证手机号", Error(b));
        var forged = app.Browser();
        forged.DefaultRequestHeaders.Add("Cookie", $"{VoterCookie.Name}=1.1750000000000.AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(forged, $"/api/films/{film}/votes")).Status);

        await app.SetRulesAsync(VotingRules.Default);
        var voter = await app.VoterAsync();
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/films/{film}/votes");
        req.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await voter.SendAsync(req)).StatusCode);
        (s, b) = await PostAsync(voter, "/api/films/999999/votes");
        Assert.Equal(HttpStatusCode.NotFound, s);
        Assert.Equal("没有这个作品", Error(b));
        // A speech is not a film.
        (s, _) = await PostAsync(voter, "/api/films/1/votes");
        Assert.Equal(HttpStatusCode.NotFound, s);
    }

    [Fact]
    public async Task One_vote_per_film_per_Shanghai_day_and_the_next_day_counts_again()
    {
        await app.SetRulesAsync(VotingRules.Default);
        // 23:59:00 in Shanghai.
        app.Clock.Set(new DateTimeOffset(2025, 6, 22, 15, 59, 0, TimeSpan.Zero));
        var film = await app.NewFilmAsync();
        var other = await app.NewFilmAsync();
        var voter = await app.VoterAsync();
        var (s, b) = await PostAsync(voter, $"/api/films/{film}/votes", new { });
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.True(b.GetProperty("accepted").GetBoolean());
        Assert.True(b.GetProperty("counted").GetBoolean());
        Assert.Equal(1, b.GetProperty("count").GetInt64());
        Assert.Equal("投票成功", b.GetProperty("message").GetString());

        (s, b) = await PostAsync(voter, $"/api/films/{film}/votes");
        Assert.Equal(HttpStatusCode.Conflict, s);
        Assert.Equal("今天已为该作品投过票，明天再来", Error(b));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(voter, $"/api/films/{other}/votes")).Status);

        // 00:00:00 Shanghai = 16:00 UTC: a new day.
        app.Clock.Set(new DateTimeOffset(2025, 6, 22, 16, 0, 0, TimeSpan.Zero));
        (s, b) = await PostAsync(voter, $"/api/films/{film}/votes");
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.Equal(2, b.GetProperty("count").GetInt64());
        var days = await app.WithDbAsync(db => db.Set<VoteRecord>().Where(v => v.EntryId == film).OrderBy(v => v.Id).Select(v => v.Day).ToListAsync());
        Assert.Equal([20250622, 20250623], days);
        Assert.Equal(2, (await app.Writer.PublicCountsAsync(1))[film]);
    }

    [Fact]
    public async Task Total_per_day_allows_N_votes_over_all_films()
    {
        await app.SetRulesAsync(new VotingRules(null, null, VoteQuota.Total(2)));
        try
        {
            var films = new[] { await app.NewFilmAsync(), await app.NewFilmAsync(), await app.NewFilmAsync() };
            var voter = await app.VoterAsync();
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(voter, $"/api/films/{films[0]}/votes")).Status);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(voter, $"/api/films/{films[0]}/votes")).Status);
            var (s, b) = await PostAsync(voter, $"/api/films/{films[1]}/votes");
            Assert.Equal(HttpStatusCode.Conflict, s);
            Assert.Equal("今天的 2 票已用完", Error(b));
        }
        finally { await app.SetRulesAsync(VotingRules.Default); }
    }

    [Fact]
    public async Task Outside_the_window_a_vote_is_refused_with_the_window_in_Shanghai_time()
    {
        var opens = ShanghaiTime.FromLocal(new DateTime(2030, 1, 1, 9, 0, 0));
        await app.SetRulesAsync(new VotingRules(opens, opens.AddDays(10), VoteQuota.Default));
        try
        {
            var film = await app.NewFilmAsync();
            var voter = await app.VoterAsync();
            var (s, b) = await PostAsync(voter, $"/api/films/{film}/votes");
            Assert.Equal(HttpStatusCode.Forbidden, s);
            Assert.Equal("投票未开放（投票时间：2030-01-01 09:00 至 2030-01-11 09:00）", Error(b));
            var rules = await voter.GetFromJsonAsync<JsonElement>("/api/voting/1/rules");
            Assert.Equal("2030-01-01T09:00:00+08:00", rules.GetProperty("opensAt").GetString());
            Assert.False(rules.GetProperty("open").GetBoolean());
            Assert.Equal("PerFilmPerDay", rules.GetProperty("rule").GetString());
            Assert.Equal(1, rules.GetProperty("perDay").GetInt32());
            Assert.False(await app.WithDbAsync(db => db.Set<VoteRecord>().AnyAsync(v => v.EntryId == film)));
        }
        finally { await app.SetRulesAsync(VotingRules.Default); }
    }

    [Fact]
    public async Task A_burst_from_one_subnet_is_held_then_included_or_excluded_by_the_organiser()
    {
        await app.SetRulesAsync(VotingRules.Default, new FraudThresholds(WindowSeconds: 60, NewIdentityMinutes: 10, Threshold: 5));
        try
        {
            var film = await app.NewFilmAsync();
            var bodies = new List<JsonElement>();
            for (var i = 1; i <= 6; i++)
            {
                var voter = await app.VoterAsync(ip: $"198.51.100.{i}", userAgent: $"Phone/{i}");
                var (s, b) = await PostAsync(voter, $"/api/films/{film}/votes");
                Assert.Equal(HttpStatusCode.OK, s);
                bodies.Add(b);
            }
            Assert.True(bodies[3].GetProperty("counted").GetBoolean());
            Assert.False(bodies[4].GetProperty("counted").GetBoolean());
            Assert.Equal("投票已记录，待核验后计入", bodies[4].GetProperty("message").GetString());
            Assert.Equal(0, bodies[5].GetProperty("count").GetInt64());
            // A voter from elsewhere counts at once.
            var elsewhere = await app.VoterAsync(ip: "192.0.2.7", userAgent: "Other/1");
            Assert.Equal(1, (await PostAsync(elsewhere, $"/api/films/{film}/votes")).Body.GetProperty("count").GetInt64());

            var tally = (await app.Writer.TalliesAsync(1, default))[film];
            Assert.Equal(new FilmTally(1, 6, 0), tally);
            var rows = await app.WithDbAsync(db => db.Set<VoteRecord>().Where(v => v.EntryId == film).OrderBy(v => v.Id).ToListAsync());
            Assert.Equal(7, rows.Count);
            Assert.Equal(4, rows.Count(r => r.Status == VoteStatus.Accepted && r.ClusterId == null && r.Ip.StartsWith("198.51.100.", StringComparison.Ordinal)));
            Assert.Equal(4, await app.WithDbAsync(db => db.Set<VoteHold>().CountAsync(h => rows.Select(r => r.Id).Contains(h.VoteId))));
            Assert.True(((VoteReasons)rows[4].Reasons).HasFlag(VoteReasons.BurstSubnet | VoteReasons.NewIdentity));

            using var scope = app.Services.CreateScope();
            var review = scope.ServiceProvider.GetRequiredService<VoteReviewService>();
            var cluster = Assert.Single(await review.ClustersAsync(1, default), c => c.EntryId == film);
            Assert.Equal(ClusterKind.Subnet, cluster.Kind);
            Assert.Equal("198.51.100.0/24", cluster.Label);
            Assert.Equal(6, cluster.Votes);
            Assert.All(cluster.SampleVoters, m => Assert.Matches(@"^\d{3}\*{4}\d{4}$", m));
            Assert.Equal("请填写理由", await review.DecideAsync(1, cluster.Id, true, " ", "organiser", default));

            Assert.Null(await review.DecideAsync(1, cluster.Id, true, "核实为单位组织的集体观影", "organiser", default));
            Assert.Equal(new FilmTally(7, 0, 0), (await app.Writer.TalliesAsync(1, default))[film]);
            Assert.Null(await review.DecideAsync(1, cluster.Id, false, "复核后认定为刷票", "organiser", default));
            Assert.Equal(new FilmTally(1, 0, 6), (await app.Writer.TalliesAsync(1, default))[film]);
            Assert.Equal(1, (await app.Writer.PublicCountsAsync(1))[film]);
            Assert.Equal(2, await app.WithDbAsync(db => db.Set<VoteClusterDecision>().CountAsync(d => d.ClusterId == cluster.Id)));
            Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Reason == "复核后认定为刷票")));
        }
        finally { await app.SetRulesAsync(VotingRules.Default); }
    }

    [Fact]
    public async Task Concurrent_votes_are_counted_exactly_once()
    {
        await app.SetRulesAsync(VotingRules.Default);
        var film = await app.NewFilmAsync();
        var voters = new List<HttpClient>();
        for (var i = 0; i < 200; i++) voters.Add(await app.VoterAsync());
        // Every voter sends two votes at the same time: one is stored, the other refused by the quota.
        var results = await Task.WhenAll(voters.SelectMany(v => new[] { v, v }).Select(v => v.PostAsync($"/api/films/{film}/votes", null)));
        Assert.Equal(200, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(200, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var rows = await app.WithDbAsync(db => db.Set<VoteRecord>().CountAsync(v => v.EntryId == film));
        Assert.Equal(200, rows);
        Assert.Equal(200, (await app.Writer.PublicCountsAsync(1))[film]);
        var counts = new List<long>();
        foreach (var r in results.Where(r => r.StatusCode == HttpStatusCode.OK))
            counts.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt64());
        Assert.Equal(200, counts.Max());
    }
}

/// <summary>Rate limits per address and per /24 answer 429 with a JSON error.</summary>
public sealed class FilmVoteRateLimitTests(FilmVoteLimitedApp app) : IClassFixture<FilmVoteLimitedApp>
{
    private async Task<HttpStatusCode> VoteFromAsync(string ip, string path = "/api/films/1/votes")
    {
        var c = app.Browser();
        c.DefaultRequestHeaders.Add("X-Test-Ip", ip);
        var res = await c.PostAsync(path, null);
        if (res.StatusCode == HttpStatusCode.TooManyRequests)
            Assert.Equal("投票太频繁，请稍后再试", (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        return res.StatusCode;
    }

    [Fact]
    public async Task Per_address_then_per_subnet_limits_refuse_with_a_Chinese_JSON_error()
    {
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await VoteFromAsync("10.9.8.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await VoteFromAsync("10.9.8.1"));
        // Another address of the same /24: 2 more reach the subnet's 5.
        Assert.Equal(HttpStatusCode.Unauthorized, await VoteFromAsync("10.9.8.2"));
        Assert.Equal(HttpStatusCode.Unauthorized, await VoteFromAsync("10.9.8.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await VoteFromAsync("10.9.8.3"));
        // Another network is not limited; nor are pages.
        Assert.Equal(HttpStatusCode.Unauthorized, await VoteFromAsync("10.9.9.1"));
        var page = app.Browser();
        page.DefaultRequestHeaders.Add("X-Test-Ip", "10.9.8.1");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/api/voting/1/rules")).StatusCode);
    }

    [Fact]
    public async Task Another_spelling_of_the_vote_path_is_limited_too()
    {
        // Routing ignores case and a trailing slash; the limits must not.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await VoteFromAsync("10.7.7.1", "/api/films/1/Votes/"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await VoteFromAsync("10.7.7.1", "/API/films/1/VOTES"));
    }
}
