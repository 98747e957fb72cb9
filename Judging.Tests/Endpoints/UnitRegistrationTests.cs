namespace Judging.Tests.Endpoints;

using Judging.App.Accounts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Domain.Registration;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The app for the unit tests: <see cref="FilmVoteTestApp"/>'s manual clock and SMS gateway, the clock at 2025-05-01 10:00
/// Beijing (registration open, no deadline passed), and the per-address sign-in bucket out of the way (the test server's
/// callers share one address).
/// </summary>
public sealed class UnitTestApp : FilmVoteTestApp
{
    /// <summary>2025-05-01 10:00 Beijing.</summary>
    public static readonly DateTimeOffset May1 = new(2025, 5, 1, 2, 0, 0, TimeSpan.Zero);

    public UnitTestApp() => Clock.Set(May1);

    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Judging:SignIn:UnitCodesPerMinute"] = "100000" };

    /// <summary>
    /// A client that keeps cookies whatever their expiry and does not follow redirects. The cookies' expiry is on the
    /// manual clock (2025), long past for the client's own cookie container, which would drop them at once.
    /// </summary>
    public HttpClient Jar() => CreateDefaultClient(new Uri("http://localhost"), new CookieJar());

    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (cookies) if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            var res = await base.SendAsync(request, ct);
            if (res.Headers.TryGetValues("Set-Cookie", out var set))
                lock (cookies)
                    foreach (var pair in set.Select(h => h.Split(';')[0]))
                    {
                        var eq = pair.IndexOf('=');
                        var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                        if (value.Length == 0) cookies.Remove(name); else cookies[name] = value;
                    }
            return res;
        }
    }

    /// <summary>A judge signed in by the QR link, in a <see cref="Jar"/>.</summary>
    public async Task<HttpClient> JarJudgeAsync(string judgeNumber)
    {
        var client = Jar();
        var code = await WithDbAsync(db => db.Judges.Where(j => j.Code == judgeNumber).Select(j => j.AccessCode).SingleAsync());
        Assert.Equal("/judge", (await client.GetAsync($"/j/{code}")).Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>The organiser signed in with their password, in a <see cref="Jar"/>.</summary>
    public async Task<HttpClient> JarOrganiserAsync()
    {
        (await ResultsData.OrganiserClientAsync(this)).Dispose(); // makes the account
        var client = Jar();
        var html = await client.GetStringAsync("/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "results-organiser", ["Password"] = ResultsData.OrganiserPassword, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);
        return client;
    }

    private static int units;

    /// <summary>A fresh unit name.</summary>
    public static string NewUnitName() => $"上海测试申报单位{Interlocked.Increment(ref units):D3}有限公司";
}

/// <summary>
/// The unit's JSON API (issue 15, "Units", "Limits and deadlines", and "Done when": a unit cannot read or change another
/// unit's data): sign-in by SMS code through <c>POST /unit/sign-in</c> (its antiforgery token taken from the sign-in page
/// of the staff, the unit's own page being the lead's), registration through <see cref="RegistrationService"/> with the
/// signed-in mobile, drafts with revisions, submission into an entry, the per-unit limits and the organiser's lift, the
/// deadlines in Beijing time, and the isolation of units.
/// </summary>
public sealed class UnitRegistrationTests(UnitTestApp app) : IClassFixture<UnitTestApp>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient c, HttpMethod method, string url, object? body = null)
    {
        using var req = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var res = await c.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        // Anything but JSON (an error page) comes back as a JSON string, so a failed assertion shows it.
        var json = res.Content.Headers.ContentType?.MediaType == "application/json" ? text : JsonSerializer.Serialize(text[..Math.Min(text.Length, 2000)]);
        return (res.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient c, string url, object? body = null) => SendAsync(c, HttpMethod.Post, url, body ?? new { });

    private static string Error(JsonElement e) => e.GetProperty("error").GetString()!;

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/login");
        return Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    }

    /// <summary>Posts the sign-in form with <paramref name="code"/>; returns where it redirects.</summary>
    private static async Task<string?> PostSignInAsync(HttpClient client, string token, string mobile, string code)
    {
        var res = await client.PostAsync("/unit/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mobile"] = mobile, ["code"] = code, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return res.Headers.Location?.OriginalString;
    }

    /// <summary>A new browser that asks a code for <paramref name="mobile"/> and signs in with it; asserts where it lands.</summary>
    private async Task<HttpClient> SignInAsync(string mobile, string expectedLanding)
    {
        var client = app.Jar();
        var (s, b) = await PostAsync(client, "/api/unit/code", new { mobile });
        Assert.True(s == HttpStatusCode.OK, $"code for {mobile}: {(int)s} {b}");
        Assert.Equal(expectedLanding, await PostSignInAsync(client, await TokenAsync(client), mobile, app.Sms.CodeOf(mobile)));
        return client;
    }

    /// <summary>Runs <paramref name="f"/> with the registration service of a fresh scope.</summary>
    private async Task<T> WithScopeAsync<T>(Func<RegistrationService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    private async Task<RegistrationForm> FormAsync(string name, string mobile)
    {
        var recommender = await app.WithDbAsync(db => db.Recommenders.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        return RegistrationRulesTests.Valid() with { Name = name, RecommenderId = recommender, ContactMobile = mobile };
    }

    /// <summary>
    /// A unit registered by a contact who signed in with a fresh mobile, then signed in again (a minute later, the next code)
    /// with its unit: the client, the unit's id and its name.
    /// </summary>
    private async Task<(HttpClient Client, int UnitId, string Name, string Mobile)> RegisteredUnitAsync()
    {
        var mobile = FilmVoteTestApp.NewPhone();
        using (var first = await SignInAsync(mobile, "/unit/register"))
        {
            // Signed in, not registered yet: the unit's API asks for the registration first.
            var (s, b) = await SendAsync(first, HttpMethod.Get, "/api/unit/home");
            Assert.Equal(HttpStatusCode.Conflict, s);
            Assert.Equal("请先完成在线报名", Error(b));
        }
        var name = UnitTestApp.NewUnitName();
        var form = await FormAsync(name, mobile);
        var outcome = await WithScopeAsync(async r => await r.RegisterAsync((await r.CurrentCompetitionAsync(default))!.Id, mobile, form, default));
        Assert.True(outcome.Ok, $"{outcome.Status} {outcome.Refusal} {string.Join(", ", outcome.Problems)}");
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        return (await SignInAsync(mobile, "/unit"), outcome.Value, name, mobile);
    }

    private static object Draft(int revision, string? title = "一颗螺丝钉的质量长征", int? minutes = 8, string? synopsis = null) => new
    {
        title, category = "上海制造", durationMinutes = minutes, creator = "张伟", contactName = "王芳", contactAddress = "上海市闵行区江川路 1800 号",
        contactDept = "品牌部", contactPost = "经理", contactMobile = "13812345678", contactEmail = "wangfang@example.com",
        synopsis = synopsis ?? DeclarationRulesTests.Synopsis(10), honours = new[] { "上海品牌认证获证单位" }, honourOther = (string?)null,
        commitments = new[] { true, true, true }, revision,
    };

    private static async Task<int> StartAsync(HttpClient c, string track)
    {
        var (s, b) = await PostAsync(c, "/api/unit/declarations", new { track });
        Assert.True(s == HttpStatusCode.OK, $"start {track}: {(int)s} {b}");
        return b.GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task A_unit_uploads_its_own_films_video_over_tus_and_another_unit_cannot()
    {
        app.Clock.Set(UnitTestApp.May1);
        var (unit, _, _, mobile) = await RegisteredUnitAsync();
        var id = await StartAsync(unit, "MicroFilm");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(1, minutes: 5))).Status);
        var (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, s);
        var entryId = b.GetProperty("entryId").GetInt32();

        static string B64(string x) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(x));
        HttpRequestMessage Create(long length)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
            req.Headers.Add("Tus-Resumable", "1.0.0");
            req.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            req.Headers.Add("Upload-Metadata", $"target {B64(UnitFilmTarget.Name)},entryId {B64(entryId.ToString(System.Globalization.CultureInfo.InvariantCulture))},filename {B64("film.mp4")}");
            return req;
        }
        var film = FilmUploadTusTests.PaddedFilm(300_000);

        // Another unit: the entry is not its own, so it does not exist for it (404), and nothing is created.
        var (other, _, _, _) = await RegisteredUnitAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(Create(film.Length))).StatusCode);

        // The unit itself: created, then the whole film in two PATCHes (the last completes it into the film library and answers 200 with it).
        var created = await unit.SendAsync(Create(film.Length));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        async Task<HttpResponseMessage> Patch(long offset, byte[] bytes)
        {
            var req = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new ByteArrayContent(bytes) };
            req.Headers.Add("Tus-Resumable", "1.0.0");
            req.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            req.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
            return await unit.SendAsync(req);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await Patch(0, film[..120_000])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Patch(120_000, film[120_000..])).StatusCode); // the last one answers with the stored film
        var asset = await app.WithDbAsync(db => db.Set<Judging.App.Films.FilmAsset>().AsNoTracking().SingleAsync(a => a.EntryId == entryId));
        Assert.Equal(film.Length, asset.SizeBytes);
        Assert.Contains("在线申报", asset.UploadedBy);

        // After the film's due date (2025-06-20 24:00 Beijing) a replacement is refused with the date.
        app.Clock.Set(new DateTimeOffset(2025, 6, 20, 16, 0, 0, TimeSpan.Zero));
        using var later = await SignInAsync(mobile, "/unit"); // weeks later: the old sign-in has expired
        var late = await later.SendAsync(Create(film.Length));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("2025-06-20 24:00", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_unit_saves_drafts_by_revision_and_submits_into_an_entry_numbered_YJ()
    {
        app.Clock.Set(UnitTestApp.May1);
        var (unit, unitId, name, mobile) = await RegisteredUnitAsync();
        var home = (await SendAsync(unit, HttpMethod.Get, "/api/unit/home")).Body;
        Assert.Equal(name, home.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(0, home.GetProperty("declarations").GetArrayLength());
        Assert.Equal(5, home.GetProperty("limits").GetProperty("Speech").GetProperty("limit").GetInt32());
        // The organiser's sessions page names the unit's session as a unit's (申报单位), not an organiser's.
        using (var scope = app.Services.CreateScope())
        {
            var active = await scope.ServiceProvider.GetRequiredService<SessionStore>().ActiveAsync(default);
            Assert.All(active.Where(a => a.Label == RegistrationService.Actor(mobile)), a => Assert.Equal(Roles.Unit, a.Role));
            Assert.Contains(active, a => a.Label == RegistrationService.Actor(mobile));
        }

        var id = await StartAsync(unit, "Speech");
        // A partial draft saves (revision 1 → 2); the page that still holds revision 1 is told to reload (409).
        var (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(1, synopsis: "只写了一半", minutes: null));
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.Equal(2, b.GetProperty("revision").GetInt32());
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(1));
        Assert.Equal(HttpStatusCode.Conflict, s);
        Assert.Equal("此申报表已在其他页面中修改（第 2 次保存），请刷新页面后继续", Error(b));
        // A draft that cannot be held (61 minutes) is refused with its field, and the revision does not move.
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(2, minutes: 61));
        Assert.Equal(HttpStatusCode.BadRequest, s);
        Assert.Equal("durationMinutes", b.GetProperty("problems")[0].GetProperty("field").GetString());

        // Submitting the partial draft: 400 naming the duration and the synopsis (只写了一半: 5 CJK characters, 5 字).
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/submit");
        Assert.Equal(HttpStatusCode.BadRequest, s);
        var problems = b.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("field").GetString()!, p => p.GetProperty("message").GetString()!);
        Assert.Equal(["durationMinutes", "synopsis"], problems.Keys.Order());
        Assert.Equal("内容简介须为 100–300 字，现为 5 字", problems["synopsis"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Entries.CountAsync(e => e.UnitId == unitId)));

        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(2));
        Assert.Equal((HttpStatusCode.OK, 3), (s, b.GetProperty("revision").GetInt32()));

        // The next speech number: one above the highest YJ- code of the competition.
        var highest = await app.WithDbAsync(async db => (await db.Entries.Where(e => e.Code.StartsWith("YJ-")).Select(e => e.Code).ToListAsync())
            .Select(c => int.TryParse(c[3..], out var n) ? n : 0).DefaultIfEmpty(0).Max());
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, s);
        var entryId = b.GetProperty("entryId").GetInt32();
        var entry = await app.WithDbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
        Assert.Equal($"YJ-{highest + 1:D3}", entry.Code);
        Assert.Matches(@"^YJ-\d{3}$", entry.Code);
        Assert.Equal((unitId, Track.Speech, "一颗螺丝钉的质量长征", "张伟", (int?)8), (entry.UnitId, entry.Track, entry.Title, entry.Presenter, entry.DurationMinutes));

        // Submitting again answers the same entry; saving or withdrawing a submitted declaration is refused.
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/submit");
        Assert.Equal((HttpStatusCode.OK, entryId), (s, b.GetProperty("entryId").GetInt32()));
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{id}/draft", Draft(4));
        Assert.Equal((HttpStatusCode.Conflict, "申报表已提交，不能再修改"), (s, Error(b)));
        (s, _) = await PostAsync(unit, $"/api/unit/declarations/{id}/withdraw");
        Assert.Equal(HttpStatusCode.Conflict, s);

        var line = Assert.Single((await SendAsync(unit, HttpMethod.Get, "/api/unit/home")).Body.GetProperty("declarations").EnumerateArray());
        Assert.Equal(("Submitted", entry.Code, id), (line.GetProperty("status").GetString(), line.GetProperty("entryCode").GetString(), line.GetProperty("id").GetInt32()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "提交参赛作品申报" && a.Subject == $"{entry.Code} {name}+一颗螺丝钉的质量长征")));
    }

    [Fact]
    public async Task The_sixth_speech_and_the_second_case_are_refused_naming_the_rule_until_the_organiser_lifts_the_limit()
    {
        app.Clock.Set(UnitTestApp.May1.AddDays(1));
        var (unit, unitId, _, _) = await RegisteredUnitAsync();
        var speeches = new List<int>();
        for (var i = 0; i < 5; i++) speeches.Add(await StartAsync(unit, "Speech"));
        // A new declaration's contact starts from the registration's, its 部门及职务 "品牌部 经理" split into 联系部门 and 职务.
        var contact = await app.WithDbAsync(db => db.Set<EntryDeclaration>().Where(d => d.Id == speeches[0]).Select(d => new { d.ContactName, d.ContactDept, d.ContactPost }).FirstAsync());
        Assert.Equal(("王芳", "品牌部", "经理"), (contact.ContactName, contact.ContactDept, contact.ContactPost));
        var (s, b) = await PostAsync(unit, "/api/unit/declarations", new { track = "Speech" });
        Assert.Equal(HttpStatusCode.Conflict, s);
        Assert.Equal("每个参赛单位原则上最多申报 5 个演讲作品，本单位已申报 5 个（大赛通知附件1（三）4）", Error(b));
        // A withdrawn draft no longer counts: the sixth may start, then the seventh is refused again.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(unit, $"/api/unit/declarations/{speeches[0]}/withdraw")).Status);
        await StartAsync(unit, "Speech");
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(unit, "/api/unit/declarations", new { track = "Speech" })).Status);
        // Films count apart from speeches.
        await StartAsync(unit, "MicroFilm");

        await StartAsync(unit, "InnovationCase");
        (s, b) = await PostAsync(unit, "/api/unit/declarations", new { track = "InnovationCase" });
        Assert.Equal(HttpStatusCode.Conflict, s);
        Assert.Equal("每个参赛单位原则上只能申报 1 个创新案例，本单位已申报 1 个（大赛通知附件1（三）4）", Error(b));

        // The unit cannot lift its own limit; the organiser can, with a reason, not below the rule's number.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(unit, $"/api/units/{unitId}/limit", new { track = "InnovationCase", limit = 2, reason = "自己放宽" })).Status);
        using var organiser = await app.JarOrganiserAsync();
        (s, b) = await PostAsync(organiser, $"/api/units/{unitId}/limit", new { track = "InnovationCase", limit = 2, reason = " " });
        Assert.Equal((HttpStatusCode.Conflict, "放宽申报数量必须填写理由"), (s, Error(b)));
        (s, b) = await PostAsync(organiser, $"/api/units/{unitId}/limit", new { track = "InnovationCase", limit = 0, reason = "试" });
        Assert.Equal((HttpStatusCode.Conflict, "上限须在 1–50 之间"), (s, Error(b)));
        (s, _) = await PostAsync(organiser, $"/api/units/{unitId}/limit", new { track = "InnovationCase", limit = 2, reason = "集团两家子公司各有一个案例" });
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "放宽申报数量" && a.Reason == "集团两家子公司各有一个案例")));

        await StartAsync(unit, "InnovationCase");
        (s, b) = await PostAsync(unit, "/api/unit/declarations", new { track = "InnovationCase" });
        Assert.Equal(HttpStatusCode.Conflict, s);
        Assert.Equal("本单位创新案例作品的上限已由主办单位放宽至 2 个，已申报 2 个", Error(b));
        var limits = (await SendAsync(unit, HttpMethod.Get, "/api/unit/home")).Body.GetProperty("limits");
        Assert.Equal((2, 2), (limits.GetProperty("InnovationCase").GetProperty("declared").GetInt32(), limits.GetProperty("InnovationCase").GetProperty("limit").GetInt32()));
        // 6 started − 1 withdrawn = 5 speeches.
        Assert.Equal(5, limits.GetProperty("Speech").GetProperty("declared").GetInt32());
    }

    [Fact]
    public async Task After_the_speech_deadline_a_speech_is_refused_with_the_date_in_Beijing_time_while_a_film_is_still_accepted()
    {
        app.Clock.Set(UnitTestApp.May1.AddDays(2));
        var (early, _, _, mobile) = await RegisteredUnitAsync();
        var draft = await StartAsync(early, "Speech");
        early.Dispose();

        var due = IntakeCalendar.Default(2025).SpeechDue; // 2025-05-31T16:00Z = 6/1 00:00 Beijing
        Assert.Equal(new DateTimeOffset(2025, 5, 31, 16, 0, 0, TimeSpan.Zero), due);
        app.Clock.Set(due.AddSeconds(-1));
        var unit = await SignInAsync(mobile, "/unit"); // a new session: the cookie's 3 days run on the same clock
        await StartAsync(unit, "Speech");              // 5/31 23:59:59 Beijing: still in time

        app.Clock.Set(due);
        const string late = "演讲作品的申报已于 2025-05-31 24:00（北京时间）截止（大赛通知附件1（三）2）";
        var (s, b) = await PostAsync(unit, "/api/unit/declarations", new { track = "Speech" });
        Assert.Equal((HttpStatusCode.Conflict, late), (s, Error(b)));
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{draft}/draft", Draft(1));
        Assert.Equal((HttpStatusCode.Conflict, late), (s, Error(b)));
        (s, b) = await PostAsync(unit, $"/api/unit/declarations/{draft}/submit");
        Assert.Equal((HttpStatusCode.Conflict, late), (s, Error(b)));
        await StartAsync(unit, "MicroFilm");
        await StartAsync(unit, "InnovationCase");

        var still = (await SendAsync(unit, HttpMethod.Get, "/api/unit/home")).Body.GetProperty("stillPossible").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Equal(["可申报微电影和创新案例并提交作品，截止 2025-06-20 24:00（北京时间）", "可随时查看推荐和形式审查的进度"], still);

        // No new unit registers after 5/31 24:00.
        var newcomer = FilmVoteTestApp.NewPhone();
        var form = await FormAsync(UnitTestApp.NewUnitName(), newcomer);
        var outcome = await WithScopeAsync(async r => await r.RegisterAsync((await r.CurrentCompetitionAsync(default))!.Id, newcomer, form, default));
        Assert.Equal((409, "在线报名已于 2025-05-31 24:00（北京时间）截止"), (outcome.Status, outcome.Refusal?.ToString()));
        unit.Dispose();
    }

    [Fact]
    public async Task A_unit_cannot_read_save_submit_or_withdraw_another_units_declaration()
    {
        app.Clock.Set(UnitTestApp.May1.AddDays(3));
        var (a, unitA, nameA, _) = await RegisteredUnitAsync();
        var (b, unitB, nameB, _) = await RegisteredUnitAsync();
        var mine = await StartAsync(a, "Speech");
        var theirs = await StartAsync(b, "Speech");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(b, $"/api/unit/declarations/{theirs}/draft", Draft(1, title: "乙单位的作品"))).Status);

        foreach (var verb in new[] { "draft", "submit", "withdraw" })
        {
            var (s, body) = await PostAsync(a, $"/api/unit/declarations/{theirs}/{verb}", verb == "draft" ? Draft(2, title: "甲单位改的") : null);
            Assert.True(s == HttpStatusCode.NotFound, $"{verb}: {(int)s} {body}");
            Assert.Equal("申报表不存在", Error(body));
        }
        // B's declaration is as B left it: revision 2, a draft, B's title; no entry made.
        var stored = await app.WithDbAsync(db => db.Set<EntryDeclaration>().AsNoTracking().SingleAsync(d => d.Id == theirs));
        Assert.Equal((unitB, 2, DeclarationStatus.Draft, "乙单位的作品", (int?)null), (stored.UnitId, stored.Revision, stored.Status, stored.Title, stored.EntryId));

        // A's page lists A's own declaration only, and nothing of B.
        var homeText = await a.GetStringAsync("/api/unit/home");
        var home = JsonDocument.Parse(homeText).RootElement;
        Assert.Equal([mine], home.GetProperty("declarations").EnumerateArray().Select(d => d.GetProperty("id").GetInt32()));
        Assert.Equal(unitA, home.GetProperty("unit").GetProperty("id").GetInt32());
        Assert.DoesNotContain(nameB, homeText);
        Assert.DoesNotContain("乙单位的作品", homeText);
        Assert.Contains(nameA, homeText);
        // The page's read (the service the declaration page uses) answers nothing for another unit's id.
        Assert.Null(await WithScopeAsync(r => r.DeclarationAsync(unitA, theirs, default)));
        Assert.NotNull(await WithScopeAsync(r => r.DeclarationAsync(unitB, theirs, default)));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_judges_and_organisers_403_on_the_units_API()
    {
        app.Clock.Set(UnitTestApp.May1.AddDays(4));
        var (unit, _, _, _) = await RegisteredUnitAsync();
        var id = await StartAsync(unit, "Speech");
        using var anonymous = app.Jar();
        using var judge = await app.JarJudgeAsync("PW-02");
        using var organiser = await app.JarOrganiserAsync();
        (HttpMethod, string, object?)[] calls =
        [
            (HttpMethod.Get, "/api/unit/home", null), (HttpMethod.Post, "/api/unit/declarations", new { track = "Speech" }),
            (HttpMethod.Post, $"/api/unit/declarations/{id}/draft", Draft(1)), (HttpMethod.Post, $"/api/unit/declarations/{id}/submit", new { }),
            (HttpMethod.Post, $"/api/unit/declarations/{id}/withdraw", new { }), (HttpMethod.Post, "/api/unit/contacts", new { mobile = "13900000000", name = "李四" }),
        ];
        foreach (var (method, url, body) in calls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, url, body)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(judge, method, url, body)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(organiser, method, url, body)).Status);
        }
        // Nothing changed: the declaration is still the unit's untouched draft.
        var stored = await app.WithDbAsync(db => db.Set<EntryDeclaration>().AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((1, DeclarationStatus.Draft), (stored.Revision, stored.Status));
        // A unit's cookie is not an organiser's.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(unit, HttpMethod.Get, "/api/competitions/1/intake-calendar")).Status);
        unit.Dispose();
    }

    [Fact]
    public async Task Five_wrong_codes_burn_the_code_and_a_code_signs_in_once()
    {
        app.Clock.Set(UnitTestApp.May1.AddDays(5));
        var mobile = FilmVoteTestApp.NewPhone();
        using var client = app.Jar();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/api/unit/code", new { mobile })).Status);
        var code = app.Sms.CodeOf(mobile);
        Assert.Contains("5 分钟内有效", app.Sms.Last[mobile]);
        var token = await TokenAsync(client);
        var wrong = code == "000000" ? "111111" : "000000";
        var refused = $"/unit/login?error=code&mobile={mobile}";
        for (var i = 0; i < 5; i++) Assert.Equal(refused, await PostSignInAsync(client, token, mobile, wrong));
        Assert.Equal(5, await app.WithDbAsync(db => db.Set<UnitSignInCode>().OrderByDescending(c => c.Id).Select(c => c.FailedAttempts).FirstAsync()));
        // The right code no longer works.
        Assert.Equal(refused, await PostSignInAsync(client, token, mobile, code));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, "/api/unit/home")).Status);

        // A new code (after the minute between codes) signs in, once.
        var (s, b) = await PostAsync(client, "/api/unit/code", new { mobile });
        Assert.Equal((HttpStatusCode.TooManyRequests, "验证码已发送，请 60 秒后再试"), (s, Error(b)));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/api/unit/code", new { mobile })).Status);
        code = app.Sms.CodeOf(mobile);
        Assert.Equal("/unit/register", await PostSignInAsync(client, token, mobile, code));
        using var other = app.Jar();
        Assert.Equal(refused, await PostSignInAsync(other, await TokenAsync(other), mobile, code));

        // A code is valid 5 minutes.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        using var late = app.Jar();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(late, "/api/unit/code", new { mobile })).Status);
        code = app.Sms.CodeOf(mobile);
        app.Clock.Advance(UnitSignIn.CodeLifetime);
        Assert.Equal(refused, await PostSignInAsync(late, await TokenAsync(late), mobile, code));
    }
}
