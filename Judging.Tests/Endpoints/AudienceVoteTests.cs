namespace Judging.Tests.Endpoints;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Judging.App.VenueVoting;
using Judging.App.Persistence;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The live audience vote over HTTP (seed 000, 附件1 (六)、(八)): every device's vote counted exactly once,
/// a second vote from one device refused (also when both race), no vote outside an open question, the rate
/// limit answered with a message, pushes coalesced, and the award results as other modules read them.
/// Each test runs on its own competition (with its own speech final round) in one shared app. The class runs
/// alone, after the parallel tests: its bursts of concurrent requests would otherwise load the machine while
/// other classes time their own races.
/// </summary>
[Collection(AudienceVoteLoad.Name)]
public sealed partial class AudienceVoteTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public AudienceVoteTests(TestApp app) => this.app = app;

    private static readonly string[] Finalists = ["YJ-015", "YJ-032", "YJ-055", "YJ-007"];

    [Fact]
    public async Task Fifty_devices_voting_at_once_are_counted_exactly_fifty()
    {
        var (questionId, entries) = await NewVoteAsync(QuestionStatus.Open);
        var phones = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Phone.OpenAsync(app.Browser(), questionId)));

        var codes = await Task.WhenAll(phones.Select((p, i) => p.VoteAsync(entries[i % 4])));

        Assert.All(codes, c => Assert.Equal("ok", c));
        var count = await CountAsync(questionId);
        Assert.Equal(50, count.Tally.TotalVotes);
        Assert.Equal([13, 13, 12, 12], count.Tally.Lines.Select(l => l.Votes));
        var hashes = await app.WithDbAsync(db => db.Set<AudienceVote>().Where(v => v.QuestionId == questionId).Select(v => v.DeviceHash).ToListAsync());
        Assert.Equal(50, hashes.Distinct().Count());
        Assert.All(hashes, h => Assert.Matches("^[0-9A-F]{64}$", h));
        // Only the hash is stored: no device token appears in the table.
        Assert.DoesNotContain(hashes, h => phones.Any(p => h.Contains(p.DeviceToken, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_device_cookie_is_random_http_only_lax_and_kept_a_year()
    {
        var (questionId, _) = await NewVoteAsync(QuestionStatus.Open);
        using var raw = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var res = await raw.GetAsync($"/vote/{questionId}");
        var cookie = res.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(VoterDevice.CookieName + "="));
        Assert.Matches($"^{VoterDevice.CookieName}=[0-9a-f]{{32}};", cookie);
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.Contains("samesite=lax", cookie.ToLowerInvariant());
        Assert.Contains("max-age=31536000", cookie.ToLowerInvariant());
        Assert.Contains("path=/vote", cookie.ToLowerInvariant());

        // A returning device keeps its cookie.
        var phone = await Phone.OpenAsync(app.Browser(), questionId);
        var again = await phone.Http.GetAsync($"/vote/{questionId}");
        Assert.False(again.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(VoterDevice.CookieName + "=")));
    }

    [Fact]
    public async Task One_device_voting_twice_stores_one_vote_and_is_told_so()
    {
        var (questionId, entries) = await NewVoteAsync(QuestionStatus.Open);
        var phone = await Phone.OpenAsync(app.Browser(), questionId);
        Assert.Equal("ok", await phone.VoteAsync(entries[0]));
        Assert.Equal("dup", await phone.VoteAsync(entries[1]));
        Assert.Contains("本设备已投过票，每台设备限投一票", await PageAsync(phone.Http, $"/vote/{questionId}?r=dup"));
        Assert.Equal(1, (await CountAsync(questionId)).Tally.TotalVotes);

        // Twenty posts from one device at the same moment: one stored, nineteen told it already voted.
        var racer = await Phone.OpenAsync(app.Browser(), questionId);
        var codes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => racer.VoteAsync(entries[i % 4])));
        Assert.Equal(1, codes.Count(c => c == "ok"));
        Assert.Equal(19, codes.Count(c => c == "dup"));
        Assert.Equal(2, (await CountAsync(questionId)).Tally.TotalVotes);
        var page = await PageAsync(racer.Http, $"/vote/{questionId}");
        Assert.Contains("本设备已投票给", page);
        Assert.DoesNotContain("vote-submit", page);
    }

    [Fact]
    public async Task A_vote_to_a_closed_or_unopened_question_is_refused()
    {
        var (closedId, closedEntries) = await NewVoteAsync(QuestionStatus.Open);
        var early = await Phone.OpenAsync(app.Browser(), closedId);
        Assert.Equal("ok", await early.VoteAsync(closedEntries[0]));
        var late = await Phone.OpenAsync(app.Browser(), closedId); // page loaded while open
        await ConsoleAsync(c => c.CloseAsync(closedId, "test", default));
        Assert.Equal("closed", await late.VoteAsync(closedEntries[1]));
        Assert.Equal(1, (await CountAsync(closedId)).Tally.TotalVotes);
        var page = await PageAsync(late.Http, $"/vote/{closedId}?r=closed");
        Assert.Contains("投票尚未开始或已结束", page);
        Assert.Contains("投票已结束", page);
        Assert.DoesNotContain("vote-submit", page);

        // Not yet opened: the page has no form, so the post is forged with a token from an open vote's page.
        var (notOpenedId, entries) = await NewVoteAsync(QuestionStatus.NotOpened);
        var (openId, _) = await NewVoteAsync(QuestionStatus.Open);
        var phone = await Phone.OpenAsync(app.Browser(), openId);
        var waiting = await PageAsync(phone.Http, $"/vote/{notOpenedId}");
        Assert.Contains("投票尚未开始", waiting);
        Assert.DoesNotContain("vote-submit", waiting);
        Assert.Equal("closed", await phone.VoteAsync(entries[0], notOpenedId));
        Assert.Equal(0, (await CountAsync(notOpenedId)).Tally.TotalVotes);
    }

    [Fact]
    public async Task A_vote_needs_a_finalist_the_page_form_and_the_device_cookie()
    {
        var (questionId, entries) = await NewVoteAsync(QuestionStatus.Open);
        var phone = await Phone.OpenAsync(app.Browser(), questionId);
        Assert.Equal("pick", await phone.VoteAsync(null));
        var notFinalist = await app.EntryIdAsync("YJ-001");
        Assert.Equal("pick", await phone.VoteAsync(notFinalist));
        Assert.Contains("请选择一位选手", await PageAsync(phone.Http, $"/vote/{questionId}?r=pick"));
        Assert.Equal("none", await phone.VoteAsync(entries[0], questionId: 987654));

        // Without the page's antiforgery token: refused with a message, nothing stored.
        var forged = await phone.Http.PostAsync($"/vote/{questionId}/ballot", new FormUrlEncodedContent(new Dictionary<string, string> { ["EntryId"] = entries[0].ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal($"/vote/{questionId}?r=expired", forged.Headers.Location?.OriginalString);

        // Cookies blocked: the antiforgery cookie arrives but no device cookie, so no vote can be tied to a device.
        using var raw = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var get = await raw.GetAsync($"/vote/{questionId}");
        var antiforgeryCookie = get.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery")).Split(';')[0];
        var token = Phone.Token(await get.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, $"/vote/{questionId}/ballot")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["EntryId"] = entries[0].ToString(), ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var noDevice = await raw.SendAsync(post);
        Assert.Equal($"/vote/{questionId}?r=device", noDevice.Headers.Location?.OriginalString);
        Assert.Equal(0, (await CountAsync(questionId)).Tally.TotalVotes);
    }

    [Fact]
    public async Task The_vote_post_is_rate_limited_per_address_with_a_message_not_an_error_page()
    {
        await using var fresh = new TestApp();
        using var limited = fresh.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["Judging:AudienceVote:VotesPerMinutePerAddress"] = "3" })));
        var (questionId, entries) = await NewVoteAsync(limited.Services, QuestionStatus.Open);
        var phones = new List<Phone>();
        for (var i = 0; i < 5; i++)
            phones.Add(await Phone.OpenAsync(limited.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }), questionId));
        var codes = new List<string>();
        foreach (var p in phones) codes.Add(await p.VoteAsync(entries[0]));
        Assert.Equal(["ok", "ok", "ok", "busy", "busy"], codes);
        Assert.Contains("投票请求过于频繁，请稍后再试", await PageAsync(phones[4].Http, $"/vote/{questionId}?r=busy"));
        using var scope = limited.Services.CreateScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<JudgingDb>().Set<AudienceVote>().CountAsync(v => v.QuestionId == questionId));
    }

    [Fact]
    public async Task A_burst_of_votes_is_pushed_coalesced_and_ends_on_the_stored_count()
    {
        var (questionId, entries) = await NewVoteAsync(QuestionStatus.Open);
        var phones = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Phone.OpenAsync(app.Browser(), questionId)));
        var views = new ConcurrentQueue<(TimeSpan At, AudienceTallyView View)>();
        var clock = Stopwatch.StartNew();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var feed = app.Services.GetRequiredService<AudienceTallyBroadcaster>().Subscribe(v =>
        {
            if (v.QuestionId != questionId) return ValueTask.CompletedTask;
            views.Enqueue((clock.Elapsed, v));
            if (v.TotalVotes == 40) last.TrySetResult();
            return ValueTask.CompletedTask;
        });

        await Task.WhenAll(phones.Select((p, i) => p.VoteAsync(entries[i % 4])));
        await last.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(600); // nothing more should come, or only the same count

        // One recount starts at most every 250 ms; a recount's own duration varies, so allow slack between deliveries.
        var pushes = views.ToArray();
        var span = pushes[^1].At - pushes[0].At;
        Assert.True(pushes.Length <= span.TotalMilliseconds / 250 + 2, $"{pushes.Length} pushes in {span.TotalMilliseconds} ms");
        for (var i = 1; i < pushes.Length; i++)
            Assert.True(pushes[i].At - pushes[i - 1].At >= TimeSpan.FromMilliseconds(100), $"pushes {i - 1} and {i} only {(pushes[i].At - pushes[i - 1].At).TotalMilliseconds} ms apart");
        Assert.Equal(40, pushes[^1].View.TotalVotes);
    }

    [Fact]
    public async Task Award_results_follow_the_mode_the_live_vote_a_tie_decision_and_a_designation()
    {
        var competitionId = await NewCompetitionWithFinalAsync(app.Services);
        var results = await ResultsAsync(competitionId);
        Assert.Equal(["最具风采奖", "最佳演绎奖"], results.Select(r => r.AwardName));
        Assert.All(results, r => Assert.False(r.Decided));
        Assert.Equal("未设置评选方式", results[0].Source?.ToString());

        // 最具风采奖: live vote, open, two entries tie for the most votes.
        Assert.Null(await ConsoleAsync(c => c.SetModeAsync(competitionId, Track.Speech, "最具风采奖", AwardMode.LiveVote, "组织者 俞琳", default)));
        Assert.Null(await ConsoleAsync(c => c.CreateQuestionAsync(competitionId, Track.Speech, "最具风采奖", "组织者 俞琳", default)));
        Assert.Equal("该奖项已创建投票", await ConsoleAsync(c => c.CreateQuestionAsync(competitionId, Track.Speech, "最具风采奖", "组织者 俞琳", default)));
        var questionId = await app.WithDbAsync(db => db.Set<AudienceQuestion>().Where(q => q.CompetitionId == competitionId).Select(q => q.Id).SingleAsync());
        Assert.Null(await ConsoleAsync(c => c.OpenAsync(questionId, "组织者 俞琳", default)));
        Assert.Equal("投票进行中，请先结束投票再更改评选方式",
            await ConsoleAsync(c => c.SetModeAsync(competitionId, Track.Speech, "最具风采奖", AwardMode.Designated, "组织者 俞琳", default)));
        var e = await EntriesAsync(Finalists);
        foreach (var (entry, device) in new[] { (e[0], "a"), (e[1], "b"), (e[0], "c"), (e[1], "d"), (e[2], "e") })
            Assert.Equal(VoteOutcome.Accepted, await CastAsync(questionId, entry, device));
        var open = (await ResultsAsync(competitionId))[0];
        Assert.False(open.Decided);
        Assert.Null(open.EntryId);
        Assert.Equal("投票进行中，已收到 5 票", open.Note?.ToString());

        Assert.Null(await ConsoleAsync(c => c.CloseAsync(questionId, "组织者 俞琳", default)));
        Assert.Equal("投票已结束，不能重新开放", await ConsoleAsync(c => c.OpenAsync(questionId, "组织者 俞琳", default)));
        Assert.Equal(VoteOutcome.NotOpen, await CastAsync(questionId, e[2], "f"));
        var tied = (await ResultsAsync(competitionId))[0];
        Assert.False(tied.Decided);
        Assert.Equal("现场观众投票 2 票（并列第一）", tied.Source?.ToString());
        Assert.Equal("只能在并列第一的作品中选择", await ConsoleAsync(c => c.BreakTieAsync(questionId, e[2], "理由", "组织者 俞琳", default)));
        Assert.Equal("请填写决定理由", await ConsoleAsync(c => c.BreakTieAsync(questionId, e[1], " ", "组织者 俞琳", default)));
        Assert.Null(await ConsoleAsync(c => c.BreakTieAsync(questionId, e[1], "评委会主任现场抽签决定", "组织者 俞琳", default)));
        var decided = (await ResultsAsync(competitionId))[0];
        Assert.Equal(new AudienceAwardResult("最具风采奖", e[1], Wording.Of("现场观众投票 2 票（并列第一，组织者决定）"), true, Wording.Of("评委会主任现场抽签决定")), decided);

        // 最佳演绎奖: designated by the judges.
        Assert.Null(await ConsoleAsync(c => c.SetModeAsync(competitionId, Track.Speech, "最佳演绎奖", AwardMode.Designated, "组织者 俞琳", default)));
        Assert.Equal("请先将评选方式设为现场观众投票", await ConsoleAsync(c => c.CreateQuestionAsync(competitionId, Track.Speech, "最佳演绎奖", "组织者 俞琳", default)));
        Assert.Equal(new AudienceAwardResult("最佳演绎奖", null, Wording.Of("评委推选"), false, Wording.Of("尚未推选获奖作品")), (await ResultsAsync(competitionId))[1]);
        var notFinalist = await app.EntryIdAsync("YJ-001");
        Assert.Equal("只能推选入围决赛的作品", await ConsoleAsync(c => c.DesignateAsync(competitionId, Track.Speech, "最佳演绎奖", notFinalist, "理由", "组织者 俞琳", default)));
        Assert.Equal("请填写推选理由", await ConsoleAsync(c => c.DesignateAsync(competitionId, Track.Speech, "最佳演绎奖", e[3], "", "组织者 俞琳", default)));
        Assert.Null(await ConsoleAsync(c => c.DesignateAsync(competitionId, Track.Speech, "最佳演绎奖", e[3], "评委组一致推选：演绎生动", "组织者 俞琳", default)));
        Assert.Equal(new AudienceAwardResult("最佳演绎奖", e[3], Wording.Of("评委推选"), true, Wording.Of("评委组一致推选：演绎生动")), (await ResultsAsync(competitionId))[1]);
        Assert.Equal("未知的观摩奖项", await ConsoleAsync(c => c.SetModeAsync(competitionId, Track.Speech, "最佳人气奖", AwardMode.LiveVote, "组织者 俞琳", default)));

        // Every organiser action is in the audit log; decisions are append-only rows.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Actor == "组织者 俞琳" &&
            (a.Subject.Contains($"大赛 {competitionId}）") || a.Subject.StartsWith($"观众投票 {questionId}（"))).Select(a => a.Action).ToListAsync());
        Assert.Equal(["设置评选方式：现场观众投票", "创建现场观众投票", "开始现场观众投票", "结束现场观众投票",
            $"并列第一，组织者决定获奖作品：作品 {e[1]}", "设置评选方式：评委推选", $"评委推选获奖作品：作品 {e[3]}"], audit);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<AudienceAwardDecision>().CountAsync(d => d.CompetitionId == competitionId)));

        // Film awards are the same engine with other names.
        Assert.Equal(["最具创意奖", "最佳人气奖"], (await ResultsAsync(competitionId, Track.MicroFilm)).Select(r => r.AwardName));
    }

    [Fact]
    public async Task A_clear_winner_is_decided_by_the_votes_alone()
    {
        var (questionId, entries) = await NewVoteAsync(QuestionStatus.Open);
        foreach (var (entry, device) in new[] { (entries[2], "a"), (entries[2], "b"), (entries[0], "c") })
            Assert.Equal(VoteOutcome.Accepted, await CastAsync(questionId, entry, device));
        await ConsoleAsync(c => c.CloseAsync(questionId, "test", default));
        var competitionId = await app.WithDbAsync(db => db.Set<AudienceQuestion>().Where(q => q.Id == questionId).Select(q => q.CompetitionId).SingleAsync());
        Assert.Equal(new AudienceAwardResult("最具风采奖", entries[2], Wording.Of("现场观众投票 2 票"), true, Wording.Of("有效票共 3 票")), (await ResultsAsync(competitionId))[0]);
    }

    // ---- helpers ----

    /// <summary>GETs a page (200 expected) and returns its text with HTML entities decoded (the app escapes CJK as &amp;#x…;).</summary>
    private static async Task<string> PageAsync(HttpClient http, string url)
    {
        var res = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
    }

    /// <summary>A phone: its own cookies (device and antiforgery) and the vote page's form token.</summary>
    private sealed partial class Phone(HttpClient http, int questionId)
    {
        public HttpClient Http { get; } = http;
        private readonly int questionId = questionId;
        private string token = "";

        /// <summary>The device token in the phone's cookie jar (set by the first page visit).</summary>
        public string DeviceToken { get; private set; } = "";

        public static async Task<Phone> OpenAsync(HttpClient http, int questionId)
        {
            var phone = new Phone(http, questionId);
            var res = await http.GetAsync($"/vote/{questionId}");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            phone.token = Token(await res.Content.ReadAsStringAsync());
            phone.DeviceToken = res.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(VoterDevice.CookieName + "=")).Split(';')[0].Split('=')[1];
            return phone;
        }

        public static string Token(string html) => TokenRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in page");

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex TokenRegex();

        /// <summary>Posts the form; returns the result code of the redirect (ok, dup, closed, pick, …).</summary>
        public async Task<string> VoteAsync(int? entryId, int? questionId = null)
        {
            var q = questionId ?? this.questionId;
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
            if (entryId is { } e) form["EntryId"] = e.ToString();
            var res = await Http.PostAsync($"/vote/{q}/ballot", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            var location = res.Headers.Location!.OriginalString;
            Assert.StartsWith($"/vote/{q}?r=", location);
            return location[(location.IndexOf("?r=", StringComparison.Ordinal) + 3)..];
        }
    }

    private Task<(int QuestionId, int[] Entries)> NewVoteAsync(QuestionStatus status) => NewVoteAsync(app.Services, status);

    /// <summary>
    /// A new competition with a speech final of <see cref="Finalists"/>, and its 最具风采奖 live vote moved to
    /// <paramref name="status"/>. One vote per device cookie (the low-assurance mode these tests are about; issue 10 made
    /// printed ballot codes the default, see AudienceAssuranceTests).
    /// </summary>
    public static async Task<(int QuestionId, int[] Entries)> NewVoteAsync(IServiceProvider services, QuestionStatus status,
        VoteAssurance assurance = VoteAssurance.DeviceCookie)
    {
        var competitionId = await NewCompetitionWithFinalAsync(services);
        using var scope = services.CreateScope();
        var console = scope.ServiceProvider.GetRequiredService<AudienceVoteConsole>();
        Assert.Null(await console.SetModeAsync(competitionId, Track.Speech, "最具风采奖", AwardMode.LiveVote, "test", default));
        Assert.Null(await console.CreateQuestionAsync(competitionId, Track.Speech, "最具风采奖", "test", default, assurance));
        var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
        var questionId = await db.Set<AudienceQuestion>().Where(q => q.CompetitionId == competitionId).Select(q => q.Id).SingleAsync();
        if (status != QuestionStatus.NotOpened) Assert.Null(await console.OpenAsync(questionId, "test", default));
        if (status == QuestionStatus.Closed) Assert.Null(await console.CloseAsync(questionId, "test", default));
        var entries = await db.Entries.Where(e => Finalists.Contains(e.Code)).ToDictionaryAsync(e => e.Code, e => e.Id);
        return (questionId, Finalists.Select(c => entries[c]).ToArray());
    }

    /// <summary>
    /// A competition of its own with a speech final round (Kind Final, no division) whose running order is
    /// <see cref="Finalists"/> — what finalist selection will create; built directly here.
    /// </summary>
    internal static async Task<int> NewCompetitionWithFinalAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
        var competition = new Competition { Name = $"测试大赛 {Guid.NewGuid():N}", Year = 2025 };
        db.Add(competition);
        await db.SaveChangesAsync();
        var sheet = await db.ScoreSheets.Where(s => s.Track == Track.Speech && s.RoundKind == RoundKind.Final).Select(s => s.Id).SingleAsync();
        var round = new Round { CompetitionId = competition.Id, Track = Track.Speech, Kind = RoundKind.Final, DivisionId = null, ScoreSheetId = sheet };
        db.Add(round);
        await db.SaveChangesAsync();
        var entries = await db.Entries.Where(e => Finalists.Contains(e.Code)).ToDictionaryAsync(e => e.Code, e => e.Id);
        for (var i = 0; i < Finalists.Length; i++) db.Add(new RoundEntry { RoundId = round.Id, EntryId = entries[Finalists[i]], Position = i + 1 });
        await db.SaveChangesAsync();
        return competition.Id;
    }

    private Task<int[]> EntriesAsync(string[] codes) =>
        app.WithDbAsync(async db =>
        {
            var ids = await db.Entries.Where(e => codes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, e => e.Id);
            return codes.Select(c => ids[c]).ToArray();
        });

    private async Task<string?> ConsoleAsync(Func<AudienceVoteConsole, Task<string?>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AudienceVoteConsole>());
    }

    private async Task<VoteOutcome> CastAsync(int questionId, int entryId, string device)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AudienceBallotBox>().CastAsync(
            new Ballot(questionId, entryId, VoterDevice.Hash(device.PadLeft(32, '0')), "127.0.0.0/24", "test"), default);
    }

    private async Task<AudienceCount> CountAsync(int questionId)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AudienceTallyService>().CountAsync(questionId, default))!;
    }

    private async Task<IReadOnlyList<AudienceAwardResult>> ResultsAsync(int competitionId, Track track = Track.Speech)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AudienceAwardsService>().GetResultsAsync(competitionId, track, default);
    }
}

/// <summary>The audience-vote endpoint tests' collection: not run in parallel with any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AudienceVoteLoad
{
    /// <summary>The collection's name.</summary>
    public const string Name = "audience-vote-load";
}
