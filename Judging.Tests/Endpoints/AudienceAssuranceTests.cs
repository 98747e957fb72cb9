namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Judging.App.VenueVoting;
using Judging.Domain.VenueVoting;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 10, item 3: "one vote per device" fell to clearing cookies (50 votes from one phone in 0.3 s). The organiser
/// picks what one vote is tied to per question: printed ballot codes (the default), a verified phone, or the device
/// cookie (low assurance: a lower per-address limit, floods flagged on the console).
/// </summary>
[Collection(AudienceVoteLoad.Name)]
public sealed partial class AudienceAssuranceTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    /// <summary>
    /// A phone with no cookies (cleared, unless <paramref name="client"/> is given): opens <paramref name="page"/> (its device
    /// cookie), takes an antiforgery token (from a sign-in page: a page that voted has no form) and posts the vote with
    /// <paramref name="fields"/>; returns the result code.
    /// </summary>
    private async Task<string> FreshPhoneVotesAsync(string page, int questionId, Dictionary<string, string> fields, string? ip = null, HttpClient? client = null)
    {
        using var own = client is null ? app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }) : null;
        var http = client ?? own!;
        if (ip is not null && !http.DefaultRequestHeaders.Contains("X-Test-Ip")) http.DefaultRequestHeaders.Add("X-Test-Ip", ip);
        await http.GetStringAsync(page);
        var html = await http.GetStringAsync("/judge/login");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenRegex().Match(html).Groups[1].Value };
        var res = await http.PostAsync($"/vote/{questionId}/ballot", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var location = res.Headers.Location!.OriginalString;
        return Regex.Match(location, @"[?&]r=([a-z]+)").Groups[1].Value;
    }

    private async Task<int> VotesAsync(int questionId) =>
        await app.WithDbAsync(db => db.Set<AudienceVote>().CountAsync(v => v.QuestionId == questionId));

    private async Task<T> ConsoleAsync<T>(Func<AudienceVoteConsole, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<AudienceVoteConsole>());
    }

    [Fact]
    public async Task Fifty_votes_from_one_phone_clearing_its_cookies_count_once_under_ballot_codes()
    {
        // The default: the organiser creates the vote without choosing, issues 30 cards and opens it.
        var (questionId, entries) = await AudienceVoteTests.NewVoteAsync(app.Services, QuestionStatus.NotOpened, assurance: VoteAssurance.BallotCode);
        Assert.Equal(VoteAssurance.BallotCode, await app.WithDbAsync(db => db.Set<AudienceQuestion>().Where(q => q.Id == questionId).Select(q => q.Assurance).SingleAsync()));
        Assert.Null(await ConsoleAsync(c => c.IssueBallotsAsync(questionId, 30, "test", default)));
        Assert.Null(await ConsoleAsync(c => c.OpenAsync(questionId, "test", default)));
        var card = app.Services.GetRequiredService<BallotCodes>().CodeOf(questionId, 7);
        Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", card);
        // Only hashes are stored.
        Assert.False(await app.WithDbAsync(db => db.Set<AudienceBallot>().AnyAsync(b => b.CodeHash.Contains(card))));

        // One phone, card 7 scanned, cookies cleared before each of 50 votes.
        var codes = new List<string>();
        for (var i = 0; i < 50; i++)
            codes.Add(await FreshPhoneVotesAsync($"/vote/{questionId}?b={card}", questionId, new() { ["EntryId"] = entries[i % 4].ToString(), ["Ballot"] = card }));
        Assert.Equal("ok", codes[0]);
        Assert.All(codes.Skip(1), c => Assert.Equal("used", c));
        Assert.Equal(1, await VotesAsync(questionId));

        // Without a card, or with a made-up code: refused, with the message in Chinese.
        Assert.Equal("ballot", await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[0].ToString() }));
        Assert.Equal("badcode", await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[0].ToString(), ["Ballot"] = "ABCDEFGHJK" }));
        Assert.Equal(1, await VotesAsync(questionId));
        // The card's page says the card voted.
        using var phone = app.CreateClient();
        Assert.Contains("这张选票已投票给", WebUtility.HtmlDecode(await phone.GetStringAsync($"/vote/{questionId}?b={card.ToLowerInvariant()}")));

        // The organiser prints the 30 cards (again and again: the same seat, the same code); nobody else can.
        app.Clock.Set(DateTimeOffset.UtcNow); // the test client drops a sign-in cookie that expired by the wall clock
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var cards = WebUtility.HtmlDecode(await organiser.GetStringAsync($"/organiser/audience-awards/ballots/{questionId}"));
        Assert.Equal(30, Regex.Matches(cards, "data-testid=\"ballot-card\"").Count);
        Assert.Contains($">{card}<", cards);
        using var anonymous = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/organiser/audience-awards/ballots/{questionId}")).StatusCode);
    }

    [Fact]
    public async Task Under_phone_verification_a_phone_votes_once_whatever_its_cookies()
    {
        var (questionId, entries) = await AudienceVoteTests.NewVoteAsync(app.Services, QuestionStatus.Open, assurance: VoteAssurance.Phone);
        var competitionId = await app.WithDbAsync(db => db.Set<AudienceQuestion>().Where(q => q.Id == questionId).Select(q => q.CompetitionId).SingleAsync());
        var phoneNumber = FilmVoteTestApp.NewPhone();
        async Task<HttpClient> VerifiedAsync()
        {
            var c = app.Browser();
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsJsonAsync($"/api/voting/{competitionId}/code", new { phone = phoneNumber })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsJsonAsync($"/api/voting/{competitionId}/verify", new { phone = phoneNumber, code = app.Sms.CodeOf(phoneNumber) })).StatusCode);
            return c;
        }

        // Not verified: the page asks for the phone, and a vote is refused.
        Assert.Contains("本次投票需验证手机号", WebUtility.HtmlDecode(await app.Browser().GetStringAsync($"/vote/{questionId}")));
        Assert.Equal("phone", await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[0].ToString() }));

        using var first = await VerifiedAsync();
        Assert.Equal("ok", await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[1].ToString() }, client: first));
        // Cookies cleared, the same number verified again: told the phone voted.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        using var again = await VerifiedAsync();
        Assert.Equal("phonedup", await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[2].ToString() }, client: again));
        Assert.Equal(1, await VotesAsync(questionId));
    }

    [Fact]
    public async Task The_device_cookie_mode_is_limited_per_address_and_a_flood_is_flagged_on_the_console()
    {
        var (questionId, entries) = await AudienceVoteTests.NewVoteAsync(app.Services, QuestionStatus.Open, assurance: VoteAssurance.DeviceCookie);
        var codes = new List<string>();
        for (var i = 0; i < 70; i++)
            codes.Add(await FreshPhoneVotesAsync($"/vote/{questionId}", questionId, new() { ["EntryId"] = entries[0].ToString() }, ip: "10.66.0.5"));
        Assert.Equal(60, codes.Count(c => c == "ok"));
        Assert.Equal(10, codes.Count(c => c == "busy"));
        var status = (await ConsoleAsync(c => c.AssuranceStatusAsync(questionId, default)))!;
        Assert.Equal(VoteAssurance.DeviceCookie, status.Assurance);
        var flood = Assert.Single(status.Floods);
        Assert.Equal("10.66.0.0/24", flood.Prefix);
        Assert.True(flood.Votes >= 20);
        Assert.Equal(10, status.Refused);
        Assert.Equal("设备 Cookie（低保障）", AudienceNames.Of(VoteAssurance.DeviceCookie));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
