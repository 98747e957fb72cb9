namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Recommenders (issue 15, "Recommenders"; seed 000 附件1 (四), 附件3): the organiser's one-time link makes the account; the
/// recommender signs in on /login, gives opinions, orders, submits by the due date (Beijing time) and uploads the stamped scan;
/// it sees and changes only the entries whose unit chose it; the unit's page shows the outcome once submitted. The app runs on
/// a manual clock set to the wall clock (the test client drops cookies expired by the wall clock), with the recommendations due
/// at the end of tomorrow (Beijing).
/// </summary>
public sealed class RecommendationTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    private const string Password = "recommender-pass-1";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res) => JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;

    private static string Antiforgery(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>The recommenders of competition 1 with at least two entries (id, name), by id; each test takes its own.</summary>
    private Task<List<(int Id, string Name)>> RecommendersAsync() => app.WithDbAsync(async db =>
        (await (from r in db.Recommenders
                where r.CompetitionId == 1 && (from e in db.Entries join u in db.Units on e.UnitId equals u.Id where u.RecommenderId == r.Id select e.Id).Count() >= 2
                orderby r.Id
                select new { r.Id, r.Name }).ToListAsync()).Select(r => (r.Id, r.Name)).ToList());

    private Task<List<int>> EntryIdsAsync(int recommenderId) => app.WithDbAsync(db =>
        (from e in db.Entries join u in db.Units on e.UnitId equals u.Id where u.RecommenderId == recommenderId orderby e.Id select e.Id).ToListAsync());

    /// <summary>The Beijing day the recommendations are due: tomorrow by the wall clock.</summary>
    private static DateOnly DueDay => DateOnly.FromDateTime(ShanghaiTime.ToLocal(DateTimeOffset.UtcNow).DateTime).AddDays(1);

    /// <summary>The clock at the wall clock and the competition's dates around it: recommendations due at the end of <see cref="DueDay"/>.</summary>
    private async Task NowAsync()
    {
        app.Clock.Set(DateTimeOffset.UtcNow);
        var due = IntakeCalendar.EndOfDay(DueDay);
        var calendar = new IntakeCalendar(IntakeCalendar.StartOfDay(DueDay.AddDays(-60)), due.AddDays(-1), due.AddDays(-1), due.AddDays(-1), due, due.AddDays(1));
        using var scope = app.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<RegistrationService>().SetCalendarAsync(1, calendar, "test", default));
    }

    /// <summary>The organiser issues a link; the recommender opens it, sets a name and password, and is signed in.</summary>
    private async Task<HttpClient> InviteAsync(HttpClient organiser, int recommenderId, string name, string userName)
    {
        var issued = await organiser.PostAsync($"/api/recommenders/{recommenderId}/invite", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await JsonAsync(issued)).GetProperty("token").GetString()!;
        var client = app.Browser();
        var html = await client.GetStringAsync($"/recommender/invite/{token}");
        Assert.Contains(name, WebUtility.HtmlDecode(html));
        var res = await client.PostAsync($"/recommender/invite/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["Password2"] = Password, ["__RequestVerificationToken"] = Antiforgery(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/recommender", res.Headers.Location?.OriginalString);
        return client;
    }

    [Fact]
    public async Task Invite_account_sign_in_opinions_order_submit_and_scan_and_the_unit_sees_the_outcome()
    {
        await NowAsync();
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var (recId, recName) = (await RecommendersAsync())[0];
        var ids = await EntryIdsAsync(recId);

        // A first link is retired by a second; the second makes the account and is then used up.
        var first = (await JsonAsync(await organiser.PostAsync($"/api/recommenders/{recId}/invite", null))).GetProperty("token").GetString();
        using var rec = await InviteAsync(organiser, recId, recName, "tuijian-a");
        Assert.Contains("invite-gone", await app.Browser().GetStringAsync($"/recommender/invite/{first}"));

        // Later sign-ins use /login: a recommender goes to /recommender even when the form's return URL says /organiser.
        using var again = app.Browser();
        var loginHtml = await again.GetStringAsync("/login");
        var login = await again.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "tuijian-a", ["Password"] = Password, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = Antiforgery(loginHtml),
        }));
        Assert.Equal("/recommender", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/recommender/entries")).StatusCode);

        var desk = await JsonAsync(await rec.GetAsync("/api/recommender/entries"));
        var entries = desk.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(ids.Order(), entries.Select(e => e.GetProperty("entryId").GetInt32()).Order());
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("recommend").ValueKind));
        // Positions are 1..n as shown.
        Assert.Equal(Enumerable.Range(1, ids.Count), entries.Select(e => e.GetProperty("position").GetInt32()));

        // Refused while an entry has no opinion.
        var filler = new { fillerName = "王敏", fillerDept = "质量科", fillerPost = "科长", fillerPhone = "021-62881234", fillerEmail = "wangmin@example.cn", filledOn = (string?)null };
        var early = await rec.PostAsJsonAsync("/api/recommender/submit", filler);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains($"还有 {ids.Count} 个作品未填写推荐意见", (await JsonAsync(early)).GetProperty("error").GetString());

        // The first shown entry is recommended, the others not.
        var shown = entries.Select(e => e.GetProperty("entryId").GetInt32()).ToList();
        foreach (var id in shown)
            Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{id}", new { recommend = id == shown[0], text = $"意见 {id}" })).StatusCode);

        // Reverse the order; the server keeps tracks grouped (a stable sort by track of the asked order).
        var tracks = entries.ToDictionary(e => e.GetProperty("entryId").GetInt32(), e => Enum.Parse<Track>(e.GetProperty("track").GetString()!));
        var asked = shown.AsEnumerable().Reverse().ToList();
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync("/api/recommender/order", new { entryIds = asked })).StatusCode);
        var expected = asked.OrderBy(id => tracks[id]).ToList();
        var reordered = (await JsonAsync(await rec.GetAsync("/api/recommender/entries"))).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(expected, reordered.Select(e => e.GetProperty("entryId").GetInt32()));
        Assert.Equal(Enumerable.Range(1, ids.Count), reordered.Select(e => e.GetProperty("position").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await rec.PostAsJsonAsync("/api/recommender/order", new { entryIds = asked.Skip(1) })).StatusCode);

        // The filler's fields are checked; then it submits, once.
        var badPhone = await rec.PostAsJsonAsync("/api/recommender/submit", filler with { fillerPhone = "电话" });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("fillerPhone", (await JsonAsync(badPhone)).GetProperty("problems")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync("/api/recommender/submit", filler)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rec.PostAsJsonAsync("/api/recommender/submit", filler)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{shown[0]}", new { recommend = false, text = "改" })).StatusCode);

        // The catalogue as submitted: 排序 1 is the first of the new order, with its opinion.
        var stored = await app.WithDbAsync(db => db.Set<RecommendationSubmission>().SingleAsync(s => s.RecommenderId == recId));
        var catalogue = Judging.App.Recommendations.RecommendationService.CatalogueOf(stored);
        Assert.Equal(expected, catalogue.Select(c => c.EntryId));
        Assert.Equal($"意见 {expected[0]}", catalogue[0].Opinion);
        Assert.Equal(expected[0] == shown[0], catalogue[0].Recommend);
        Assert.Equal(DueDay.AddDays(-1), stored.FilledOn); // none given: today (Beijing), the day before the due day

        // 附件3 as a PDF: the recommender, the catalogue in the new order with its opinions (text read back, spaces dropped).
        var pdf = await rec.GetAsync("/recommender/table.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = System.Text.RegularExpressions.Regex.Replace(string.Concat(document.GetPages().Select(p => p.Text)), @"\s+", "");
            Assert.Contains("参赛作品推荐表", text);
            Assert.Contains($"意见{expected[0]}", text);
            Assert.True(text.IndexOf($"意见{expected[0]}", StringComparison.Ordinal) < text.IndexOf($"意见{expected[1]}", StringComparison.Ordinal), "排序 1 before 排序 2");
        }

        // The stamped scan: by content (text named .png is refused), then a PNG.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await rec.PostAsync("/api/recommender/scan", new ByteArrayContent("not a scan"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsync("/api/recommender/scan", new ByteArrayContent(Png))).StatusCode);
        var scan = await rec.GetAsync($"/recommendations/{recId}/scan");
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        Assert.Equal("image/png", scan.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await scan.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/recommendations/{recId}/scan")).StatusCode);

        // The organiser sees it complete, with its account.
        var row = (await JsonAsync(await organiser.GetAsync("/api/competitions/1/recommenders"))).EnumerateArray().Single(r => r.GetProperty("recommenderId").GetInt32() == recId);
        Assert.Equal("Active", row.GetProperty("account").GetString());
        Assert.Equal("tuijian-a", row.GetProperty("userNames").GetString());
        Assert.Equal(ids.Count, row.GetProperty("entries").GetInt32());
        Assert.Equal(ids.Count, row.GetProperty("opinions").GetInt32());
        Assert.True(row.GetProperty("complete").GetBoolean());

        // The unit of the recommended entry sees 推荐 on its page once submitted.
        var unitId = await app.WithDbAsync(db => db.Entries.Where(e => e.Id == shown[0]).Select(e => e.UnitId).SingleAsync());
        var home = await HomeAsync(unitId);
        var line = home.Declarations.Single(d => d.EntryId == shown[0]);
        Assert.True(line.RecommendationSubmitted);
        Assert.True(line.Recommendation);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "提交推荐");

        // The organiser reopens it (退回重新提交): a reason is required; the recommender is told why, changes an opinion and
        // submits again (a second submission, needing a new scan); the first stays stored, marked reopened.
        var noReason = await organiser.PostAsJsonAsync($"/api/recommenders/{recId}/reopen", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/recommenders/{recId}/reopen", new { reason = "排序有误，申请更正" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"/api/recommenders/{recId}/reopen", new { reason = "再退一次" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rec.PostAsJsonAsync($"/api/recommenders/{recId}/reopen", new { reason = "自己退回" })).StatusCode);
        row = (await JsonAsync(await organiser.GetAsync("/api/competitions/1/recommenders"))).EnumerateArray().Single(r => r.GetProperty("recommenderId").GetInt32() == recId);
        Assert.False(row.GetProperty("complete").GetBoolean());
        Assert.False((await HomeAsync(unitId)).Declarations.Single(d => d.EntryId == shown[0]).RecommendationSubmitted);
        using (var scope = app.Services.CreateScope())
        {
            var reopenedDesk = (await scope.ServiceProvider.GetRequiredService<Judging.App.Recommendations.RecommendationService>().DeskAsync(recId, default))!;
            Assert.Null(reopenedDesk.Submission);
            Assert.Equal("排序有误，申请更正", reopenedDesk.Reopened?.ReopenReason);
        }
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{shown[0]}", new { recommend = false, text = "更正：不推荐" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rec.PostAsync("/api/recommender/scan", new ByteArrayContent(Png))).StatusCode); // nothing standing to attach it to
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync("/api/recommender/submit", filler)).StatusCode);
        var both = await app.WithDbAsync(db => db.Set<RecommendationSubmission>().Where(s => s.RecommenderId == recId).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, both.Count);
        Assert.Equal(("排序有误，申请更正", true), (both[0].ReopenReason, both[0].StampedScanName is not null)); // the first kept as it was
        Assert.Null(both[1].ReopenedAt);
        Assert.False(Judging.App.Recommendations.RecommendationService.CatalogueOf(both[1]).Single(c => c.EntryId == shown[0]).Recommend);
        Assert.False((await HomeAsync(unitId)).Declarations.Single(d => d.EntryId == shown[0]).Recommendation);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "退回推荐重新提交").Select(a => a.After).ToListAsync()), a => a == "排序有误，申请更正");
    }

    private async Task<UnitHome> HomeAsync(int unitId)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<RegistrationService>().HomeAsync(unitId, default))!;
    }

    [Fact]
    public async Task A_recommender_sees_and_changes_only_its_own_entries_and_the_unit_sees_nothing_before_submission()
    {
        await NowAsync();
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var recs = await RecommendersAsync();
        var (mine, mineName) = recs[1];
        var other = recs[2].Id;
        using var rec = await InviteAsync(organiser, mine, mineName, "tuijian-b");
        var myIds = await EntryIdsAsync(mine);
        var theirs = (await EntryIdsAsync(other))[0];

        var listed = (await JsonAsync(await rec.GetAsync("/api/recommender/entries"))).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetInt32());
        Assert.DoesNotContain(theirs, listed);
        Assert.Equal(HttpStatusCode.NotFound, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{theirs}", new { recommend = true, text = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await rec.PostAsJsonAsync("/api/recommender/order", new { entryIds = myIds.Skip(1).Append(theirs) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rec.GetAsync($"/recommendations/{other}/scan")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<RecommendationOpinion>().AnyAsync(o => o.EntryId == theirs && o.RecommenderId == mine)));
        // The organiser's pages and JSON stay closed to a recommender.
        Assert.Equal(HttpStatusCode.Forbidden, (await rec.GetAsync("/api/competitions/1/recommenders")).StatusCode);

        // An opinion saved but not submitted: the unit's page shows no recommendation yet; a scan needs a submission first.
        Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{myIds[0]}", new { recommend = true, text = "好" })).StatusCode);
        var unitId = await app.WithDbAsync(db => db.Entries.Where(e => e.Id == myIds[0]).Select(e => e.UnitId).SingleAsync());
        var line = (await HomeAsync(unitId)).Declarations.Single(d => d.EntryId == myIds[0]);
        Assert.False(line.RecommendationSubmitted);
        Assert.Null(line.Recommendation);
        Assert.Equal(HttpStatusCode.Conflict, (await rec.PostAsync("/api/recommender/scan", new ByteArrayContent(Png))).StatusCode);
    }

    [Fact]
    public async Task A_late_submission_is_refused_with_the_due_date_in_Beijing_time()
    {
        await NowAsync();
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var (recId, name) = (await RecommendersAsync())[3];
        using var rec = await InviteAsync(organiser, recId, name, "tuijian-c");
        foreach (var id in await EntryIdsAsync(recId))
            Assert.Equal(HttpStatusCode.OK, (await rec.PostAsJsonAsync($"/api/recommender/opinions/{id}", new { recommend = true, text = "" })).StatusCode);
        var saved = app.Clock.GetUtcNow();
        try
        {
            // Due at the end of DueDay (Beijing), shown as "DueDay 24:00"; one minute later it is refused, naming that time.
            app.Clock.Set(IntakeCalendar.EndOfDay(DueDay).AddMinutes(1));
            var late = await rec.PostAsJsonAsync("/api/recommender/submit",
                new { fillerName = "李强", fillerDept = "办公室", fillerPost = "主任", fillerPhone = "13800138000", fillerEmail = "li@example.cn", filledOn = (string?)null });
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal($"推荐提交已于 {DueDay:yyyy-MM-dd} 24:00（北京时间）截止（大赛通知附件1（四）3）", (await JsonAsync(late)).GetProperty("error").GetString());
            Assert.False(await app.WithDbAsync(db => db.Set<RecommendationSubmission>().AnyAsync(s => s.RecommenderId == recId)));
        }
        finally { app.Clock.Set(saved); }
    }
}
