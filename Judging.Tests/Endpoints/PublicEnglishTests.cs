namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Judging.Domain.VenueVoting;
using Judging.Tests.Support;

/// <summary>
/// The public pages in English (issue 12, section 3): every public page with <c>?culture=en</c> shows no Chinese
/// outside data, the language is kept from page to page (links, form posts and their redirects), and the refusals the
/// public endpoints write (film vote JSON, venue vote, submission link) come back in English.
/// </summary>
/// <remarks>
/// <para>How data is told from interface text (the convention, <c>PublicCulture</c> in the app): on a page rendered in
/// English, every element that shows data written in Chinese (film titles, units, names, the competition's name, an
/// award an organiser named, reasons, file names) carries <c>lang="zh-CN"</c> (<c>PublicCulture.DataLang</c>, or the
/// <c>ZhData</c> component around data inside a sentence). <see cref="InterfaceText"/> removes those elements, then
/// scripts and styles, and returns the rest of the body's text plus the texts people read in attributes (placeholder,
/// aria-label, alt, title, and the <c>data-*</c> words films.js writes). Any Han character left is a text that was not
/// translated. The link to the Chinese page (中文) carries <c>lang="zh-CN"</c> too: it is meant to be Chinese.</para>
/// <para>The Chinese page is unchanged by the convention: on zh-CN, <c>DataLang</c> is null and no attribute is written.</para>
/// </remarks>
public sealed partial class PublicEnglishTests(CasesTestApp app) : IClassFixture<CasesTestApp>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();

    /// <summary>The body's interface text (see the class remarks): data elements, scripts and styles removed.</summary>
    public static string InterfaceText(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var body = doc.Body!;
        foreach (var e in body.QuerySelectorAll("[lang^='zh'], script, style").ToList()) e.Remove();
        var attributes = body.QuerySelectorAll("*").SelectMany(e => e.Attributes
            .Where(a => a.Name is "placeholder" or "aria-label" or "alt" or "title" || a.Name.StartsWith("data-", StringComparison.Ordinal))
            .Where(a => a.Name is not ("data-testid" or "data-competition" or "data-count" or "data-entry"))
            .Select(a => $"[{e.LocalName} {a.Name}] {a.Value}"));
        return body.TextContent + "\n" + string.Join("\n", attributes);
    }

    /// <summary>Fails with the Chinese found (and where) when <paramref name="html"/> has Han characters outside data.</summary>
    private static void AssertEnglish(string html, string page)
    {
        Assert.Contains("<html lang=\"en\"", html);
        var text = InterfaceText(html);
        var found = text.Split('\n').Where(l => Han().IsMatch(l)).Select(l => l.Trim()).Distinct().ToList();
        Assert.True(found.Count == 0, $"{page}: Chinese outside data:\n" + string.Join("\n", found));
    }

    private async Task<string> GetAsync(HttpClient client, string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var res = await client.GetAsync(url);
        Assert.Equal(status, res.StatusCode);
        return await res.Content.ReadAsStringAsync();
    }

    [Fact]
    public void The_check_finds_Chinese_outside_data_and_ignores_it_inside()
    {
        // The convention itself: a sentence in Chinese is found; a title marked lang="zh-CN" is not.
        Assert.Contains("投票", InterfaceText("<html><body><p>投票</p></body></html>"));
        Assert.DoesNotContain("匠心", InterfaceText("<html><body><p>Vote for <span lang=\"zh-CN\">匠心</span></p></body></html>"));
        Assert.Contains("手机号", InterfaceText("<html><body><input placeholder=\"手机号\"></body></html>"));
    }

    [Fact]
    public async Task The_film_gallery_film_page_and_missing_film_are_English_and_links_keep_the_language()
    {
        var client = app.Browser();
        var gallery = await GetAsync(client, "/films?culture=en");
        AssertEnglish(gallery, "/films");
        Assert.Contains("Micro-film online vote", gallery);
        Assert.Contains("data-testid=\"lang-zh\"", gallery);

        // A film's link keeps ?culture=en, so tapping it stays in English.
        var link = Regex.Match(gallery, "href=\"(/films/\\d+\\?culture=en)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(link), "no film link with ?culture=en in the gallery");
        var film = WebUtility.HtmlDecode(await GetAsync(client, link));
        AssertEnglish(film, link);
        Assert.Contains(">Vote</button>", film);
        Assert.Contains("data-ok=\"Vote counted. Thank you for your support!\"", film);
        Assert.Matches("href=\"/films\\?competitionId=\\d+&culture=en\" data-testid=\"back\"", film);
        // The language link goes to the same page in Chinese.
        Assert.Contains($"href=\"{link.Replace("culture=en", "culture=zh-CN")}\"", film);

        AssertEnglish(await GetAsync(client, "/films/999999?culture=en", HttpStatusCode.NotFound), "/films/999999");
        AssertEnglish(await GetAsync(client, "/films?competitionId=999999&culture=en", HttpStatusCode.NotFound), "/films?competitionId=999999");

        // Without ?culture= the pages are Chinese and carry no lang marks on data (the Chinese page weighs what it did).
        var zh = await GetAsync(app.Browser(), "/films");
        Assert.Contains("<html lang=\"zh-CN\"", zh);
        Assert.DoesNotContain("lang=\"zh-CN\" ", zh.Replace("<html lang=\"zh-CN\">", ""));
        Assert.Contains("data-testid=\"lang-en\"", zh);
    }

    [Fact]
    public async Task The_film_vote_api_answers_in_the_language_asked_for()
    {
        var client = app.Browser();
        var gallery = await GetAsync(client, "/films?culture=en");
        var entry = Regex.Match(gallery, "href=\"/films/(\\d+)\\?culture=en\"").Groups[1].Value;
        var competition = Regex.Match(gallery, "data-competition=\"(\\d+)\"").Groups[1].Value;

        var vote = await client.PostAsync($"/api/films/{entry}/votes?culture=en", null);
        Assert.Equal(HttpStatusCode.Unauthorized, vote.StatusCode);
        Assert.Equal("Please verify your phone number first.", (await vote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var code = await client.PostAsJsonAsync($"/api/voting/{competition}/code?culture=en", new { phone = "123" });
        Assert.Equal(HttpStatusCode.BadRequest, code.StatusCode);
        Assert.Equal("Please enter an 11-digit mainland China mobile number.", (await code.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var verify = await client.PostAsJsonAsync($"/api/voting/{competition}/verify?culture=en", new { phone = "13800000000", code = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, verify.StatusCode);
        Assert.Equal("The code is wrong or has expired.", (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var rules = await client.GetFromJsonAsync<JsonElement>($"/api/voting/{competition}/rules?culture=en");
        Assert.DoesNotMatch(Han(), rules.GetProperty("window").GetString()!);
        // And Chinese by default.
        var zh = await app.Browser().PostAsync($"/api/films/{entry}/votes", null);
        Assert.Equal("请先验证手机号", (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(QuestionStatus.Open, VoteAssurance.DeviceCookie)]
    [InlineData(QuestionStatus.Open, VoteAssurance.Phone)]
    [InlineData(QuestionStatus.Open, VoteAssurance.BallotCode)]
    [InlineData(QuestionStatus.NotOpened, VoteAssurance.DeviceCookie)]
    [InlineData(QuestionStatus.Closed, VoteAssurance.DeviceCookie)]
    public async Task The_venue_vote_page_is_English_in_every_state(QuestionStatus status, VoteAssurance assurance)
    {
        var (questionId, _) = await AudienceVoteTests.NewVoteAsync(app.Services, status, assurance);
        var html = await GetAsync(app.Browser(), $"/vote/{questionId}?culture=en");
        AssertEnglish(html, $"/vote/{questionId} ({status}, {assurance})");
        foreach (var r in new[] { "dup", "closed", "pick", "none", "device", "busy", "expired", "used", "ballot", "badcode", "phonedup", "phone" })
            AssertEnglish(await GetAsync(app.Browser(), $"/vote/{questionId}?r={r}&culture=en"), $"/vote/{questionId}?r={r}");
    }

    [Fact]
    public async Task A_venue_vote_in_English_stays_English_after_the_post_and_its_redirect()
    {
        var (questionId, entries) = await AudienceVoteTests.NewVoteAsync(app.Services, QuestionStatus.Open);
        var phone = app.Browser();
        var page = await GetAsync(phone, $"/vote/{questionId}?culture=en");
        AssertEnglish(page, $"/vote/{questionId}");
        var action = WebUtility.HtmlDecode(Regex.Match(page, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal($"/vote/{questionId}/ballot?culture=en", action);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var post = await phone.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["EntryId"] = entries[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var back = post.Headers.Location!.OriginalString;
        Assert.Contains("culture=en", back);
        Assert.Contains("r=ok", back);

        var after = WebUtility.HtmlDecode(await GetAsync(phone, back));
        AssertEnglish(after, back);
        Assert.Contains("Vote counted", after);
        Assert.Contains("This device has voted for", after);
        Assert.Contains("One vote per device. Thank you for taking part!", after);
        Assert.Contains("data-testid=\"lang-zh\"", after);
    }

    [Fact]
    public async Task The_submission_link_page_and_its_refusals_are_English()
    {
        // AL-004 has its seeded document (submitted: history, refusal to resubmit); AL-025 has none (the upload form).
        var client = app.Browser();
        var submitted = WebUtility.HtmlDecode(await GetAsync(client, $"/submit/{await app.TokenAsync("AL-004")}?culture=en"));
        AssertEnglish(submitted, "/submit/{AL-004}");
        Assert.Contains("you can resubmit only if it is returned for revision", submitted);
        var token = await app.TokenAsync("AL-025");
        var page = await GetAsync(client, $"/submit/{token}?culture=en");
        AssertEnglish(page, "/submit/{AL-025}");
        Assert.Contains($"action=\"/submit/{token}/upload?culture=en\"", page);
        AssertEnglish(await GetAsync(client, "/submit/nosuchlink?culture=en"), "/submit/nosuchlink");

        // An upload without the page's antiforgery token: refused in English, with a way back that keeps the language.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(CasesTestApp.Docx("x")), "file", "x.docx" } };
        var res = await client.PostAsync($"/submit/{token}/upload?culture=en", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var refusal = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        AssertEnglish(refusal, "upload refusal");
        Assert.Contains("The page has expired; please refresh the submission page and upload again.", refusal);
        Assert.Contains($"href=\"/submit/{token}?culture=en\"", refusal);
    }

    [Fact]
    public async Task The_results_page_is_English_before_and_after_publication()
    {
        var competitionId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Competitions.Select(c => c.Id)));
        var client = app.Browser();
        var before = await GetAsync(client, $"/results/{competitionId}?culture=en");
        AssertEnglish(before, "/results (unpublished)");
        Assert.Contains("Results not published yet", before);
        AssertEnglish(await GetAsync(client, "/results/999999?culture=en"), "/results/999999");

        var scenario = await ResultsData.CompleteSpeechAsync(app.Services, new ResultsPlan());
        var after = WebUtility.HtmlDecode(await GetAsync(client, $"/results/{scenario.CompetitionId}?culture=en"));
        AssertEnglish(after, "/results (published)");
        Assert.Contains("First prize", after);
        Assert.Contains("entries receive a certificate of participation.", after);
        // The verifiable tally's lines and the vote-audit report (issue 14, §2).
        Assert.Contains("Tally chain (at confirmation)", after);
        Assert.Contains("Download the tally (JSON)", after);
        var audit = WebUtility.HtmlDecode(await GetAsync(client, $"/results/{scenario.CompetitionId}/vote-audit?culture=en"));
        AssertEnglish(audit, "/results/{id}/vote-audit");
        Assert.Contains("public once the micro-film results are published", audit);
        AssertEnglish(await GetAsync(client, "/results/999999/vote-audit?culture=en"), "/results/999999/vote-audit");
    }
}
