namespace Judging.Tests.Endpoints;

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Judging.App.FilmVoting;
using Judging.App.Reviews;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Route × role (issue 10, "Done when"): every endpoint and page of the app's own route table (<see cref="EndpointDataSource"/>,
/// Razor component routes included), requested as each of nine sessions, answers as <see cref="RouteAccessTable"/> says. The
/// case 初审 is running with one card in (87.5 points, by an expert who is none of the sessions): no answer to anyone but the
/// organiser and the case panel's chief judge may show it. Issue 15 adds the unit 上海电气电站设备有限公司 (signed in by SMS
/// code as 19900000101) and the recommender 上海电气集团 (its account made through the organiser's invite), the unit's own
/// recommender.
/// </summary>
public sealed class RouteAccessTests(RouteAccessTestApp app) : IClassFixture<RouteAccessTestApp>, IAsyncLifetime
{
    private const string SecretTotal = "87.5";
    private readonly Dictionary<string, string> ids = [];
    private readonly string?[] cookies = new string?[RouteAccessTable.Sessions.Length];

    /// <summary>The sessions and ids, set up once per app (xunit makes a class instance per test; the review starts once).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<(Dictionary<string, string> Ids, string?[] Cookies)>> Setups = new();

    public async Task InitializeAsync()
    {
        var (setIds, setCookies) = await Setups.GetValue(app, _ => new RouteAccessTests(app).SetUpAsync());
        foreach (var (k, v) in setIds) ids[k] = v;
        setCookies.CopyTo(cookies, 0);
    }

    private async Task<(Dictionary<string, string> Ids, string?[] Cookies)> SetUpAsync()
    {
        var caseRound = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online && r.Track == Track.InnovationCase).Select(r => r.Id).SingleAsync());
        var judges = await app.WithDbAsync(db => db.Judges.ToDictionaryAsync(j => j.Code, j => j.Id));
        int caseEntry;
        using (var scope = app.Services.CreateScope())
        {
            var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
            Assert.Null((await reviews.GenerateAsync(caseRound, 3, "组织者 test", default)).Error);
            Assert.Null(await reviews.SetRunningAsync(caseRound, true, "组织者 test", default));
            // A case AJ-02 reviews and the chief AJ-01 does not; another expert scores it.
            var pairs = await reviews.CurrentAsync(caseRound, default);
            var entry = pairs.GroupBy(p => p.EntryId).First(g => g.Any(p => p.JudgeId == judges["AJ-02"]) && g.All(p => p.JudgeId != judges["AJ-01"]));
            caseEntry = entry.Key;
            var scorer = entry.First(p => p.JudgeId != judges["AJ-02"]).JudgeId;
            var stored = await reviews.SubmitAsync(scorer, caseRound, caseEntry, [35m, 30m, 22.5m], ["", "", ""], default);
            Assert.True(stored.Acknowledged, stored.Message);
        }
        ids["caseRound"] = caseRound.ToString();
        ids["caseEntry"] = caseEntry.ToString();
        ids["competition"] = (await app.WithDbAsync(db => db.Competitions.Select(c => c.Id).FirstAsync())).ToString();
        ids["speechRound"] = (await app.WithDbAsync(db => db.Rounds.Where(r => r.Track == Track.Speech).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync())).ToString();
        ids["filmEntry"] = (await app.EntryIdAsync("WDY-001")).ToString();
        ids["submitToken"] = await app.WithDbAsync(db => db.Set<Judging.App.Cases.SubmissionLink>().Where(l => l.EntryId == caseEntry).Select(l => l.Token).SingleAsync());
        ids["setupToken"] = "0123456789abcdef";
        ids["question"] = "1";

        using var plain = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<string> JudgeCookieAsync(string code)
        {
            var access = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == code).Select(j => j.AccessCode).SingleAsync());
            return AuthCookie(await plain.GetAsync($"/j/{access}"));
        }
        cookies[1] = await JudgeCookieAsync("PW-02");
        cookies[2] = await JudgeCookieAsync("ZJ-02");
        cookies[3] = await JudgeCookieAsync("AJ-02");
        cookies[4] = await JudgeCookieAsync("PW-01");
        cookies[5] = await JudgeCookieAsync("AJ-01");
        using var organiser = await ResultsData.OrganiserClientAsync(app); // creates the account; sign in again to hold the cookie
        var login = await plain.GetAsync("/login");
        var antiforgeryCookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "results-organiser", ["Password"] = ResultsData.OrganiserPassword, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        cookies[6] = AuthCookie(await plain.SendAsync(post));

        // The unit: a code by SMS for its contact's mobile, then the sign-in form (its antiforgery token from /login).
        const string unitMobile = "19900000101";
        Assert.Equal(HttpStatusCode.OK, (await plain.PostAsync("/api/unit/code", new StringContent($"{{\"mobile\":\"{unitMobile}\"}}", Encoding.UTF8, "application/json"))).StatusCode);
        var unitPost = new HttpRequestMessage(HttpMethod.Post, "/unit/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["mobile"] = unitMobile, ["code"] = app.Sms.CodeOf(unitMobile), ["__RequestVerificationToken"] = token,
            }),
        };
        unitPost.Headers.Add("Cookie", antiforgeryCookie);
        cookies[7] = AuthCookie(await plain.SendAsync(unitPost));

        // The recommender 上海电气集团: the organiser's one-time link, opened and answered with a name and password.
        var recommender = await app.WithDbAsync(db => db.Recommenders.Where(r => r.Name == "上海电气集团").Select(r => r.Id).SingleAsync());
        var issued = await organiser.PostAsync($"/api/recommenders/{recommender}/invite", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var invite = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        var invitePage = await plain.GetAsync($"/recommender/invite/{invite}");
        var inviteCookie = string.Join("; ", invitePage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var inviteToken = Regex.Match(await invitePage.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var accept = new HttpRequestMessage(HttpMethod.Post, $"/recommender/invite/{invite}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "route-recommender", ["Password"] = "route-recommender-1", ["Password2"] = "route-recommender-1", ["__RequestVerificationToken"] = inviteToken,
            }),
        };
        accept.Headers.Add("Cookie", inviteCookie);
        cookies[8] = AuthCookie(await plain.SendAsync(accept));
        return (ids, cookies);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string AuthCookie(HttpResponseMessage res) =>
        res.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("judging.auth=", StringComparison.Ordinal)) is { } c
            ? c.Split(';')[0] : throw new InvalidOperationException($"no sign-in cookie ({(int)res.StatusCode} {res.Headers.Location})");

    /// <summary>Every route of the app: "METHODS pattern" (no methods: "*"), with whether it is a component page; static files apart.</summary>
    private (Dictionary<string, bool> Routes, List<string> Static) RouteTable()
    {
        var routes = new Dictionary<string, bool>();
        var statics = new List<string>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = e.RoutePattern.RawText ?? "";
            if (e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")) { statics.Add("/" + pattern.TrimStart('/')); continue; }
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var key = $"{(methods.Count == 0 ? "*" : string.Join(",", methods))} {pattern}";
            routes[key] = routes.GetValueOrDefault(key) || e.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata");
        }
        return (routes, statics.Distinct().ToList());
    }

    private string Fill(string template) => Regex.Replace(template, "\\{(\\w+)\\}", m => ids.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>Sends the request as session <paramref name="s"/>; returns the answer's token and its body (null when not read).</summary>
    private async Task<(string Token, string? Body)> SendAsync(HttpClient client, int s, string method, string url, string? body, bool form = false,
        string? culture = null)
    {
        var req = new HttpRequestMessage(new HttpMethod(method), Fill(url));
        var cookie = string.Join("; ", new[] { cookies[s], culture is null ? null : $".AspNetCore.Culture=c={culture}|uic={culture}" }.OfType<string>());
        if (cookie.Length > 0) req.Headers.Add("Cookie", cookie);
        if (form) req.Content = new FormUrlEncodedContent([]);
        else if (body is not null) req.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var res = await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var status = (int)res.StatusCode;
        var token = status is 301 or 302 or 303 or 307 or 308
            ? (res.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString.Split('?')[0]) : "") switch
            {
                "/login" or "/judge/login" or "/unit/login" => "login", "/denied" => "denied", _ => "302",
            }
            : status.ToString();
        var type = res.Content.Headers.ContentType?.MediaType ?? "";
        string? text = null;
        if (!type.StartsWith("video/") && type != "text/event-stream" && (res.Content.Headers.ContentLength ?? 0) < 4_000_000)
            text = await res.Content.ReadAsStringAsync(timeout.Token);
        return (token, text);
    }

    [Fact]
    public async Task Every_route_answers_each_session_as_the_table_says_and_no_blind_score_leaks()
    {
        var (routes, statics) = RouteTable();
        var rows = RouteAccessTable.Rows.ToDictionary(r => r.Key);
        var missing = routes.Keys.Where(k => !rows.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Routes without a row in RouteAccessTable:\n" + string.Join("\n", missing));
        var stale = rows.Keys.Where(k => !routes.ContainsKey(k)).Order().ToList();
        Assert.True(stale.Count == 0, "Rows of RouteAccessTable for no route:\n" + string.Join("\n", stale));

        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var problems = new List<string>();
        // Sign-out last: a session may end with it.
        foreach (var row in RouteAccessTable.Rows.OrderBy(r => r.Key == "POST /account/logout"))
        {
            var expected = row.Expected.Split(' ');
            Assert.True(expected.Length == RouteAccessTable.Sessions.Length, $"{row.Key}: {expected.Length} answers");
            for (var s = 0; s < expected.Length; s++)
            {
                var (got, body) = await SendAsync(client, s, row.Method, row.Url, row.Body);
                if (got != expected[s]) problems.Add($"{row.Key} as {RouteAccessTable.Sessions[s]}: expected {expected[s]}, got {got} ({row.Method} {Fill(row.Url)})");
                if (s is not (5 or 6) && body is not null && body.Contains(SecretTotal))
                    problems.Add($"{row.Key} as {RouteAccessTable.Sessions[s]}: the blind review's card ({SecretTotal}) shows in the answer");
                if (routes[row.Key] && row.Key.StartsWith("GET,POST ", StringComparison.Ordinal))
                {
                    // The page's form post: refused like its GET where the GET refuses, else 400 (no antiforgery token).
                    var post = expected[s] is "login" or "denied" ? expected[s] : "400";
                    var (gotPost, _) = await SendAsync(client, s, "POST", row.Url, null, form: true);
                    if (gotPost != post) problems.Add($"{row.Key} (POST) as {RouteAccessTable.Sessions[s]}: expected {post}, got {gotPost}");
                }
            }
        }
        foreach (var file in statics)
        {
            var (got, _) = await SendAsync(client, 0, "GET", file, null);
            if (got != "200") problems.Add($"static {file}: expected 200, got {got}");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} answers differ from RouteAccessTable:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Pages not yet wholly English (issue 12, section 3): each still shows Chinese outside data in English. The list only
    /// shrinks: the test fails when a listed page has become English (take it off) or an unlisted page shows Chinese.
    /// </summary>
    private static readonly string[] NotYetEnglish = [];

    [Fact]
    public async Task Every_page_in_English_shows_no_Chinese_outside_data()
    {
        // Data: every text the database holds (names, titles, criteria, remarks, the audit log), longest first, plus the
        // language switch's own "中文". What is left of the page in Han characters is the page's own wording.
        var data = await app.WithDbAsync(async db =>
        {
            var texts = ChineseOutsideData.NewData();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName();
                if (table is null) continue;
                foreach (var column in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
                {
                    await using var cmd = connection.CreateCommand();
                    cmd.CommandText = $"SELECT DISTINCT \"{column.GetColumnName()}\" FROM \"{table}\"";
                    await using var reader = await cmd.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                        if (!reader.IsDBNull(0)) ChineseOutsideData.Add(texts, reader.GetString(0));
                }
            }
            // The programmes' definitions are stored as their CSV files in JSON (escaped): their texts are data too (issue 13).
            foreach (var p in await db.Set<Judging.App.Programmes.Programme>().ToListAsync())
            {
                var d = Judging.App.Programmes.ProgrammeService.DefinitionOf(p);
                foreach (var t in new[] { d.Name, d.Organiser, d.Notice }.Concat(d.Stages).Concat(d.Windows.Select(w => w.Name))
                             .Concat(d.Categories.SelectMany(c => new[] { c.Name }.Concat(c.Levels).Concat(c.Groups)
                                 .Concat(c.Materials.SelectMany(m => m.StampedBy.Prepend(m.Name))))))
                    ChineseOutsideData.Add(texts, t);
            }
            return texts;
        });

        var (routes, _) = RouteTable();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var chinese = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in RouteAccessTable.Rows.Where(r => routes.GetValueOrDefault(r.Key) && r.Method == "GET"))
        {
            var expected = row.Expected.Split(' ');
            var s = Array.IndexOf(expected, "200");
            if (s < 0) continue;
            var (_, body) = await SendAsync(client, s, "GET", row.Url, null, culture: "en");
            var text = Regex.Replace(body ?? "", "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
            // Not shown: a radio's or checkbox's value (the unit's forms post the notice's words, 建设工程, as stored) and test ids.
            text = Regex.Replace(text, "<input[^>]*type=\"(radio|checkbox)\"[^>]*>", "<input>");
            text = Regex.Replace(text, " data-testid=\"[^\"]*\"", "");
            text = WebUtility.HtmlDecode(text);
            var left = ChineseOutsideData.Snippets(text, data);
            if (left.Count > 0) chinese[row.Key] = string.Join(" … ", left);
        }
        var unlisted = chinese.Keys.Except(NotYetEnglish).Select(k => $"{k}: {chinese[k]}").ToList();
        var done = NotYetEnglish.Except(chinese.Keys).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} pages show Chinese in English outside data:\n" + string.Join("\n", unlisted));
        Assert.True(done.Count == 0, "English now; take them off NotYetEnglish:\n" + string.Join("\n", done));
    }
}

/// <summary>
/// <see cref="TestApp"/> with the "Memory" SMS gateway (<see cref="MemorySmsGateway"/>), so that <see cref="RouteAccessTests"/>
/// can read the unit's sign-in code (issue 15); the clock and everything else as in <see cref="TestApp"/>.
/// </summary>
public sealed class RouteAccessTestApp : TestApp
{
    /// <summary>The texts sent, by mobile.</summary>
    public MemorySmsGateway Sms { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Judging:Voting:Sms:Gateway"] = "Memory" }));
        builder.ConfigureServices(s => s.AddKeyedSingleton<ISmsGateway>("Memory", Sms));
    }
}
