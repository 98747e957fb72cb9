namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Issue 10, item 8 ("Sessions cannot be revoked"): every sign-in has a server-side session record, checked on each
/// request; logging out ends it (a copy of the cookie saved before is worthless), the organiser signs out one judge, a
/// panel or everyone (audited), and a judge's session ends with the Shanghai day. Also item 14: logout needs the
/// antiforgery token.
/// </summary>
public sealed partial class SessionRevocationTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>A browser whose cookies the test holds by hand, so it can save one and replay it later.</summary>
    private sealed class Jar(HttpClient http)
    {
        public Dictionary<string, string> Cookies { get; } = [];
        public HttpClient Http { get; } = http;

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage req)
        {
            if (Cookies.Count > 0) req.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
            var res = await Http.SendAsync(req);
            if (res.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var c in set)
                {
                    var (name, value) = (c[..c.IndexOf('=')], c[(c.IndexOf('=') + 1)..c.IndexOf(';')]);
                    if (value.Length == 0 || c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(name);
                    else Cookies[name] = value;
                }
            return res;
        }

        public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

        public Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) });

        public async Task<string> TokenAsync(string url)
        {
            var html = await (await GetAsync(url)).Content.ReadAsStringAsync();
            return TokenRegex().Match(html).Groups[1].Value;
        }
    }

    private Jar NewJar() => new(app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false }));

    private async Task<Jar> OrganiserAsync(string name)
    {
        await app.WithDbAsync(async db =>
        {
            if (await db.Users.AnyAsync(u => u.UserName == name)) return 0;
            var user = new UserAccount { UserName = name, DisplayName = "俞琳", PasswordHash = "", Role = Roles.Organiser, CreatedAt = DateTimeOffset.UtcNow };
            user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, name + "-password");
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        var jar = NewJar();
        var token = await jar.TokenAsync("/login");
        var res = await jar.PostFormAsync("/account/login", new() { ["UserName"] = name, ["Password"] = name + "-password", ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token });
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);
        return jar;
    }

    private async Task<Jar> JudgeAsync(string judgeNumber)
    {
        var jar = NewJar();
        var code = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == judgeNumber).Select(j => j.AccessCode).SingleAsync());
        Assert.Equal("/judge", (await jar.GetAsync($"/j/{code}")).Headers.Location?.OriginalString);
        return jar;
    }

    private static async Task<bool> SignedInAsJudgeAsync(Jar jar) => (await jar.GetAsync("/judge")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_cookie_saved_before_logout_no_longer_exports_raw_scores_or_controls_a_round()
    {
        var organiser = await OrganiserAsync("session-organiser");
        var saved = new Dictionary<string, string>(organiser.Cookies);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/organiser/exports/1/Speech/raw-scores.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostJsonAsync("/api/rounds/1/control", new { action = "hide" })).StatusCode);

        // Logout, with the page's token.
        var token = await organiser.TokenAsync("/login"); // a static page: its token is bound to the signed-in user
        var logout = await organiser.PostFormAsync("/account/logout", new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // The copy saved before logout is replayed.
        var thief = NewJar();
        foreach (var (k, v) in saved) thief.Cookies[k] = v;
        var export = await thief.GetAsync("/organiser/exports/1/Speech/raw-scores.csv");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("评委", await export.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.PostJsonAsync("/api/rounds/1/control", new { action = "reveal" })).StatusCode);
    }

    [Fact]
    public async Task Logout_without_the_antiforgery_token_signs_nobody_out()
    {
        var judge = await JudgeAsync("PW-05");
        // A cross-site page posts the logout form: no token.
        var forged = await judge.PostFormAsync("/account/logout", []);
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.True(await SignedInAsJudgeAsync(judge));
    }

    [Fact]
    public async Task The_organiser_signs_out_one_judge_a_panel_or_everyone_and_each_is_audited()
    {
        var organiser = await OrganiserAsync("revoking-organiser");
        // PW-01…PW-07 are 浦东赛区's panel; PW-08 sits on another division's.
        var pw01 = await JudgeAsync("PW-01");
        var pw02 = await JudgeAsync("PW-02");
        var pw03 = await JudgeAsync("PW-03");
        var pw08 = await JudgeAsync("PW-08");
        var id = (string number) => app.WithDbAsync(db => db.Judges.Where(j => j.Code == number).Select(j => j.Id).SingleAsync());

        var one = await organiser.PostJsonAsync("/api/sessions/revoke", new { scope = "judge", judgeId = await id("PW-01") });
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.False(await SignedInAsJudgeAsync(pw01));
        Assert.True(await SignedInAsJudgeAsync(pw02));

        Assert.Equal(HttpStatusCode.OK, (await organiser.PostJsonAsync("/api/sessions/revoke", new { scope = "panel", judgeId = await id("PW-02") })).StatusCode);
        Assert.False(await SignedInAsJudgeAsync(pw02));
        Assert.False(await SignedInAsJudgeAsync(pw03));
        Assert.True(await SignedInAsJudgeAsync(pw08));

        Assert.Equal(HttpStatusCode.OK, (await organiser.PostJsonAsync("/api/sessions/revoke", new { scope = "everyone" })).StatusCode);
        Assert.False(await SignedInAsJudgeAsync(pw08));
        // The organiser who pressed it stays signed in.
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/organiser/exports/1/Speech/raw-scores.csv")).StatusCode);

        // A judge cannot sign anyone out.
        var pw09 = await JudgeAsync("PW-09");
        Assert.Equal(HttpStatusCode.Forbidden, (await pw09.PostJsonAsync("/api/sessions/revoke", new { scope = "everyone" })).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("强制退出")).Select(a => a.Action + "|" + a.Subject).ToListAsync());
        Assert.Contains(audit, a => a.StartsWith("强制退出：评委|") && a.Contains("PW-01"));
        Assert.Contains(audit, a => a.StartsWith("强制退出：评委组|") && a.Contains("浦东赛区"));
        Assert.Contains(audit, a => a.StartsWith("强制退出：全部|"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}

/// <summary>Issue 10, item 8: a judge's session lasts one event day, until 24:00 Shanghai time (a manual clock).</summary>
public sealed class JudgeSessionDayTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    [Fact]
    public async Task A_judges_session_ends_at_midnight_in_Shanghai()
    {
        app.Clock.Set(new DateTimeOffset(2025, 6, 21, 23, 30, 0, TimeSpan.FromHours(8)));
        // Cookies by hand: the test's HttpClient would drop a cookie that expired by the wall clock.
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var code = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-04").Select(j => j.AccessCode).SingleAsync());
        var signIn = await http.GetAsync($"/j/{code}");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("judging.auth=", StringComparison.Ordinal));
        // The cookie itself expires at midnight, 2025-06-21T16:00Z.
        Assert.Contains("expires=Sat, 21 Jun 2025 16:00:00 GMT", cookie, StringComparison.OrdinalIgnoreCase);
        Task<HttpResponseMessage> JudgePage()
        {
            var req = new HttpRequestMessage(HttpMethod.Get, "/judge");
            req.Headers.Add("Cookie", cookie.Split(';')[0]);
            return http.SendAsync(req);
        }

        Assert.Equal(HttpStatusCode.OK, (await JudgePage()).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(29)); // 23:59
        Assert.Equal(HttpStatusCode.OK, (await JudgePage()).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 the next day: a replayed cookie is refused by the server
        var next = await JudgePage();
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/judge/login", next.Headers.Location?.OriginalString);
    }
}
