namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// The applicant's endpoints of the programmes (issue 13): the unit sign-in's return path, starting from a programme's page,
/// drafts by revision (409 on a stale one) with the eligibility in the answer, only the owner's application (another
/// contact: 404), and a submission refused with the failing rule's reason. On <see cref="UnitTestApp"/>'s clock,
/// 2025-05-01 10:00 Beijing.
/// </summary>
public sealed class ProgrammeApplicantTests(UnitTestApp app) : IClassFixture<UnitTestApp>
{
    private const string Gqa = "/programmes/government-quality-award-2025";

    private static string Token(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>A new contact signed in by SMS code with <paramref name="returnPath"/> in the form; returns the client and where it went.</summary>
    private async Task<(HttpClient Client, string? Location)> SignInAsync(string mobile, string? returnPath)
    {
        var client = app.Jar();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/unit/code", new { mobile })).StatusCode);
        var login = await client.GetStringAsync("/unit/login" + (returnPath is null ? "" : "?return=" + Uri.EscapeDataString(returnPath)));
        var form = new Dictionary<string, string> { ["mobile"] = mobile, ["code"] = app.Sms.CodeOf(mobile), ["__RequestVerificationToken"] = Token(login) };
        if (returnPath is not null) form["return"] = returnPath;
        var res = await client.PostAsync("/unit/sign-in", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return (client, res.Headers.Location?.OriginalString);
    }

    /// <summary>Starts an application in <paramref name="category"/> from the programme's page; returns its id.</summary>
    private static async Task<int> StartAsync(HttpClient client, string programme, string category)
    {
        var page = await client.GetStringAsync(programme);
        var res = await client.PostAsync(programme + "/start", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["category"] = category, ["__RequestVerificationToken"] = Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var at = res.Headers.Location!.OriginalString;
        Assert.StartsWith("/programmes/applications/", at);
        return int.Parse(at.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient c, string url, object body)
    {
        var res = await c.PostAsJsonAsync(url, body);
        var text = await res.Content.ReadAsStringAsync();
        return (res.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>A 质量金奖 individual's form, valid but for <paramref name="years"/> (5 needed): 公示 2025-04-21..25, five working days.</summary>
    private static Dictionary<string, string> GoldAchievement(int years) => new()
    {
        ["名称"] = "王质量", ["所在单位"] = "上海测试质量有限公司", ["在沪从事质量工作年限"] = years.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["首席质量官制度"] = "是", ["亏损年度"] = "", ["重大事故"] = "", ["重大质量投诉"] = "", ["声明无严重失信"] = "是",
        ["公示开始"] = "2025-04-21", ["公示结束"] = "2025-04-25", ["同年申报区级奖"] = "否",
    };

    private static JsonElement Rule(JsonElement eligibility, string code) =>
        eligibility.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_sign_in_returns_to_a_programmes_page_and_to_nothing_else()
    {
        using var anonymous = app.Jar();
        // Anonymous: to the unit sign-in with the page as its return path, which the form carries.
        var res = await anonymous.GetAsync(Gqa);
        Assert.Equal("/unit/login?return=" + Uri.EscapeDataString(Gqa), res.Headers.Location?.OriginalString);
        Assert.Contains($"name=\"return\" value=\"{Gqa}\"", await anonymous.GetStringAsync(res.Headers.Location!.OriginalString));

        var (client, landed) = await SignInAsync(FilmVoteTestApp.NewPhone(), Gqa);
        Assert.Equal(Gqa, landed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Gqa)).StatusCode);
        // Not a /programmes path: the usual landing (a new contact registers first).
        var (_, elsewhere) = await SignInAsync(FilmVoteTestApp.NewPhone(), "//evil.example/programmes");
        Assert.Equal("/unit/register", elsewhere);
        var (_, staff) = await SignInAsync(FilmVoteTestApp.NewPhone(), "/organiser");
        Assert.Equal("/unit/register", staff);
    }

    [Fact]
    public async Task Only_the_owner_sees_and_saves_by_revision_and_a_failing_rule_refuses_the_submission()
    {
        var (owner, _) = await SignInAsync(FilmVoteTestApp.NewPhone(), Gqa);
        var (other, _) = await SignInAsync(FilmVoteTestApp.NewPhone(), Gqa);
        var id = await StartAsync(owner, Gqa, "gold-achievement");
        var url = $"/api/programme-applications/{id}";

        // A fresh draft is revision 1; a save at 1 gives 2 and the eligibility as typed: 4 years where 5 are needed.
        var (s, b) = await PostAsync(owner, url + "/draft", new { values = GoldAchievement(4), revision = 1 });
        Assert.True(s == HttpStatusCode.OK, b.ToString());
        Assert.Equal(2, b.GetProperty("revision").GetInt32());
        var e = b.GetProperty("eligibility");
        Assert.Empty(e.GetProperty("problems").EnumerateArray());
        Assert.False(Rule(e, "gold-work-5y").GetProperty("passed").GetBoolean());
        Assert.Contains("5年", Rule(e, "gold-work-5y").GetProperty("reason").GetString());
        // 2025-04-21 (Mon) to 04-25 (Fri): five working days, enough.
        Assert.True(Rule(e, "internal-notice-5wd").GetProperty("passed").GetBoolean(), Rule(e, "internal-notice-5wd").ToString());
        Assert.False(e.GetProperty("eligible").GetBoolean());

        // The stale revision 1 again: 409, nothing saved.
        (s, b) = await PostAsync(owner, url + "/draft", new { values = GoldAchievement(9), revision = 1 });
        Assert.Equal(HttpStatusCode.Conflict, s);

        // Another contact: 404 for the page, the draft, the submission and the withdrawal.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/programmes/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, url + "/draft", new { values = GoldAchievement(9), revision = 2 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, url + "/submit", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, url + "/withdraw", new { })).Status);
        // A cross-site post is refused before anything else.
        using (var req = new HttpRequestMessage(HttpMethod.Post, url + "/submit") { Content = JsonContent.Create(new { }) })
        {
            req.Headers.Add("Origin", "https://evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await owner.SendAsync(req)).StatusCode);
        }

        // The owner's page: the form as saved, the rule ✗ with its reason.
        var page = await owner.GetStringAsync($"/programmes/applications/{id}");
        Assert.Contains("data-testid=\"rule-gold-work-5y\" data-code=\"gold-work-5y\" data-passed=\"false\"", page);

        // Submitting: 不予受理 with the reason; the application is Refused and its page says so.
        (s, b) = await PostAsync(owner, url + "/submit", new { });
        Assert.Equal(HttpStatusCode.BadRequest, s);
        Assert.StartsWith("不予受理", b.GetProperty("error").GetString());
        Assert.Contains("5年", b.GetProperty("error").GetString());
        Assert.Equal(new[] { "gold-work-5y" }, b.GetProperty("eligibility").GetProperty("checks").EnumerateArray()
            .Where(c => !c.GetProperty("passed").GetBoolean()).Select(c => c.GetProperty("code").GetString()!).ToArray());
        page = await owner.GetStringAsync($"/programmes/applications/{id}");
        Assert.Contains("data-testid=\"app-refused\"", page);
        Assert.Contains("data-status=\"Refused\"", page);

        // Refused is editable again: 5 years at the current revision, and the submission goes through.
        var revision = b.GetProperty("revision").GetInt32();
        (s, b) = await PostAsync(owner, url + "/draft", new { values = new Dictionary<string, string> { ["在沪从事质量工作年限"] = "5" }, revision });
        Assert.True(s == HttpStatusCode.OK, b.ToString());
        Assert.True(b.GetProperty("eligibility").GetProperty("eligible").GetBoolean(), b.ToString());
        (s, b) = await PostAsync(owner, url + "/submit", new { });
        Assert.True(s == HttpStatusCode.OK, b.ToString());
        Assert.Equal("Submitted", b.GetProperty("status").GetString());
        // Submitted: no more saving (409).
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(owner, url + "/draft", new { values = GoldAchievement(9), revision = b.GetProperty("revision").GetInt32() })).Status);
        // Listed under 我的申报 on the programme's page; withdrawn, it is gone (404).
        Assert.Contains($"data-testid=\"mine-{id}\"", await owner.GetStringAsync(Gqa));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(owner, url + "/withdraw", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/programmes/applications/{id}")).StatusCode);
    }
}
