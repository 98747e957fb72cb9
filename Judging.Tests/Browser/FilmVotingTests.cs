namespace Judging.Tests.Browser;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The public film vote on a phone (issue 4, "Public voting", done-when): in Chromium at 390×844 with touch, a voter
/// opens the gallery and a film, taps 投票, is asked to verify, gets the SMS code (read from the app's log, number masked, the
/// default gateway), verifies, and sees the count move, while a second phone on the gallery sees it move over the
/// live stream without a reload; a second vote for the same film the same day is refused inline in Chinese; a
/// scripted burst of 30 new voters from one /24 (X-Forwarded-For 10.9.8.x, trusted from loopback by
/// <c>Judging:KnownProxies</c>) is held out of the public count until the organiser, on 网络投票核验, includes the
/// cluster (计入) with a reason: then the film's count moves to 30 on both phones, live. Also measures the bytes a phone downloads for the
/// gallery and the film page (HTML + CSS + JS). Starts its own app (full seeds: 30 films with videos and posters).
/// </summary>
[Collection("browser")]
public sealed partial class FilmVotingTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private LiveApp app = default!;

    public async Task InitializeAsync() =>
        app = await LiveApp.StartAsync(Paths.Seeds, new() { ["Judging:KnownProxies:0"] = "127.0.0.1" });

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    private Task<IBrowserContext> PhoneAsync() => fixture.Browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, HasTouch = true, IsMobile = true,
        Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
    });

    [GeneratedRegex(@"SMS (\d{3}\*{4}\d{4}) 验证码 (\d{4,8})")]
    private static partial Regex SmsLine();

    /// <summary>The last code the log gateway printed for <paramref name="phone"/>.</summary>
    private async Task<string> CodeForAsync(string phone)
    {
        // Up to 15 s: on the shared 2-core machine the app's log line can reach the test late.
        for (var i = 0; i < 150; i++)
        {
            var code = SmsLine().Matches(app.Output).Where(m => m.Groups[1].Value == Judging.App.FilmVoting.PhoneVerification.Mask(phone)).Select(m => m.Groups[2].Value).LastOrDefault();
            if (code is not null) return code;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no SMS code for {phone} in the app's output");
    }

    /// <summary>
    /// How long a live update may take to reach a phone in this test: the stream coalesces to one update per film
    /// per second by design (the benchmark measures the real delay); the margin is for a loaded test machine.
    /// </summary>
    private const float LiveTimeout = 10_000;

    private long FilmId(string code) => app.Scalar($"SELECT Id FROM Entries WHERE Code = '{code}'");

    private async Task<long> PublicCountAsync(long entryId)
    {
        using var http = new HttpClient();
        var films = await http.GetFromJsonAsync<JsonElement>($"{app.BaseUrl}/api/films");
        return films.EnumerateArray().Single(f => f.GetProperty("entryId").GetInt64() == entryId).GetProperty("acceptedVotes").GetInt64();
    }

    [Fact]
    public async Task A_phone_verifies_votes_and_sees_the_count_move_a_second_vote_is_refused_and_a_burst_is_held_until_included()
    {
        var film1 = FilmId("WDY-001");
        var film2 = FilmId("WDY-002");

        // A second phone watches the gallery: 30 films, live stream connected.
        var watcher = await (await PhoneAsync()).NewPageAsync();
        var galleryBytes = await MeasureAsync(watcher, $"{app.BaseUrl}/films");
        await Expect(watcher.Locator(".fm-card")).ToHaveCountAsync(30);
        await Expect(watcher.Locator("[data-testid=live]")).ToHaveTextAsync("实时");
        await Expect(watcher.Locator("[data-testid=count-WDY-001]")).ToHaveTextAsync("0");
        Assert.Equal("lazy", await watcher.Locator(".fm-card img").First.GetAttributeAsync("loading"));
        await watcher.EvaluateAsync("() => window.__noReload = 'still-here'");
        // The posters in view have loaded (visible state, not a fixed sleep).
        await watcher.WaitForFunctionAsync("() => [...document.querySelectorAll('.fm-card img')].slice(0, 4).every(i => i.complete && i.naturalWidth > 0)");
        await watcher.ShotAsync(output, "films-gallery-phone");

        // The voter opens the gallery and taps the first film.
        var phone = await (await PhoneAsync()).NewPageAsync();
        await phone.GotoAsync($"{app.BaseUrl}/films");
        await phone.Locator("[data-testid=film-WDY-001]").TapAsync();
        // The tap navigates (the document is committed); what the page shows is awaited below, not its "load" event, which
        // a busy machine can hold back while the poster and the video's metadata arrive.
        await phone.WaitForURLAsync($"**/films/{film1}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(phone.Locator("[data-testid=live]")).ToHaveTextAsync("实时");
        var video = phone.Locator("[data-testid=player]");
        Assert.Equal("metadata", await video.GetAttributeAsync("preload"));
        Assert.NotNull(await video.GetAttributeAsync("playsinline"));
        await Expect(phone.Locator("#fm-rule")).ToContainTextAsync("每个手机号每天可为每部作品投 1 票");
        await Expect(phone.Locator("#fm-period")).ToHaveTextAsync("投票时间：不限");
        var voteBox = (await phone.Locator("[data-testid=vote]").BoundingBoxAsync())!;
        Assert.True(voteBox.Height >= 48, $"vote button {voteBox.Height} px high");
        var filmBytes = await MeasureAsync(await (await PhoneAsync()).NewPageAsync(), $"{app.BaseUrl}/films/{film1}");
        await phone.ShotAsync(output, "films-film-page");

        // Tap 投票 without a verified phone: the verification panel opens inline.
        await phone.Locator("[data-testid=vote]").TapAsync();
        await Expect(phone.Locator("[data-testid=verify]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=verify-message]")).ToHaveTextAsync("请先验证手机号");
        await phone.Locator("[data-testid=send-code]").TapAsync();
        await Expect(phone.Locator("[data-testid=verify-message]")).ToHaveTextAsync("请输入 11 位手机号码。");
        await phone.Locator("[data-testid=phone]").FillAsync("13900001111");
        await phone.Locator("[data-testid=send-code]").TapAsync();
        await Expect(phone.Locator("[data-testid=send-code]")).ToContainTextAsync("秒后可重发");
        await phone.ShotAsync(output, "films-verify-panel");
        await phone.Locator("[data-testid=code]").FillAsync(await CodeForAsync("13900001111"));
        await phone.Locator("[data-testid=verify-submit]").TapAsync();

        // Verified: the vote goes through and the count moves on this phone and, live, on the gallery.
        await Expect(phone.Locator("[data-testid=vote-message]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=vote-message]")).ToHaveClassAsync(new Regex("ok"));
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("1");
        await Expect(phone.Locator("[data-testid=verify]")).ToBeHiddenAsync();
        await phone.ShotAsync(output, "films-voted");
        await Expect(watcher.Locator("[data-testid=count-WDY-001]")).ToHaveTextAsync("1", new() { Timeout = LiveTimeout });
        Assert.Equal("still-here", await watcher.EvaluateAsync<string>("() => window.__noReload"));
        await watcher.ShotAsync(output, "films-gallery-live");
        Assert.Equal(1, await PublicCountAsync(film1));

        // A second vote for the same film today: refused inline in Chinese, the count stays.
        await phone.Locator("[data-testid=vote]").TapAsync();
        await Expect(phone.Locator("[data-testid=vote-message]")).ToHaveTextAsync("今天已为该作品投过票，明天再来");
        await Expect(phone.Locator("[data-testid=vote-message]")).ToHaveClassAsync(new Regex("warn"));
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("1");
        await phone.ShotAsync(output, "films-second-vote-refused");
        Assert.Equal(1, await PublicCountAsync(film1));

        // A scripted burst: 30 new voters from one /24 verify, then vote for WDY-002 all at once (well inside the
        // detector's 60 s window however slow the machine is). Held for review: the public count does not move.
        await phone.GotoAsync($"{app.BaseUrl}/films/{film2}");
        await Expect(phone.Locator("[data-testid=live]")).ToHaveTextAsync("实时");
        var scripted = new List<HttpClient>();
        for (var i = 1; i <= 30; i++) scripted.Add(await ScriptedVoterAsync($"1370000{i:0000}", $"10.9.8.{i}"));
        var answers = await Task.WhenAll(scripted.Select(http => ScriptedVoteAsync(http, film2)));
        foreach (var http in scripted) http.Dispose();
        Assert.All(answers, a => Assert.True(a.GetProperty("accepted").GetBoolean()));
        Assert.Contains(answers, a => !a.GetProperty("counted").GetBoolean());
        Assert.Equal(0, await PublicCountAsync(film2));
        await phone.WaitForTimeoutAsync(1500); // longer than the coalescing window
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("0");
        await Expect(watcher.Locator("[data-testid=count-WDY-002]")).ToHaveTextAsync("0");
        Assert.Equal(31, app.Scalar("SELECT COUNT(*) FROM " + VoteTable()));
        await watcher.ShotAsync(output, "films-gallery-after-burst");

        // The organiser reviews: one cluster (the /24) holds the 30 votes, 待核验; 计入 needs a reason; with one, the
        // votes count, the film tops the organiser's ranking, and the phones see the count move live, without a reload.
        var organiser = await (await fixture.Browser.OrganiserAsync(app)).NewPageAsync();
        await organiser.GotoAsync($"{app.BaseUrl}/organiser/vote-review/1");
        var cluster = organiser.Locator("[data-testid=clusters] tbody tr").Filter(new() { HasText = "10.9.8." });
        await Expect(cluster).ToHaveCountAsync(1);
        var clusterId = (await cluster.Locator("[data-testid^=include-]").GetAttributeAsync("data-testid"))!["include-".Length..];
        await Expect(organiser.Locator($"[data-testid=cluster-state-{clusterId}]")).ToContainTextAsync("待核验");
        await Expect(cluster.Locator("td").Nth(2)).ToHaveTextAsync("30");
        await Expect(organiser.Locator("[data-testid=held-WDY-002]")).ToHaveTextAsync("30");
        await Expect(organiser.Locator("[data-testid=public-WDY-002]")).ToHaveTextAsync("0");
        await Expect(organiser.Locator("[data-testid=rank-WDY-001]")).ToHaveTextAsync("1");
        await organiser.Locator($"[data-testid=include-{clusterId}]").ClickAsync();
        await Expect(organiser.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync(); // no decision without a reason
        await organiser.Locator(".mud-dialog textarea").FillAsync("电话回访确认：同一单位职工在会议室集中投票");
        await organiser.ShotAsync(output, "films-vote-review-cluster");
        await organiser.Locator("[data-testid=reason-confirm]").ClickAsync();
        await Expect(organiser.Locator("[data-testid=notice]", new() { HasText = "已计入：该组投票计入公开票数。" })).ToBeVisibleAsync();
        await Expect(organiser.Locator($"[data-testid=cluster-state-{clusterId}]")).ToContainTextAsync("已计入");
        await Expect(organiser.Locator($"[data-testid=cluster-state-{clusterId}]")).ToContainTextAsync("电话回访确认");
        await Expect(organiser.Locator("[data-testid=public-WDY-002]")).ToHaveTextAsync("30");
        await Expect(organiser.Locator("[data-testid=held-WDY-002]")).ToHaveTextAsync("0");
        await Expect(organiser.Locator("[data-testid=films] tbody tr").First.Locator("[data-testid=film-WDY-002]")).ToBeVisibleAsync();
        await Expect(organiser.Locator("[data-testid=rank-WDY-002]")).ToHaveTextAsync("1");
        await Expect(organiser.Locator("[data-testid=rank-WDY-001]")).ToHaveTextAsync("2");
        await organiser.ShotAsync(output, "films-vote-review-included");
        await Expect(watcher.Locator("[data-testid=count-WDY-002]")).ToHaveTextAsync("30", new() { Timeout = LiveTimeout });
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("30", new() { Timeout = LiveTimeout });
        Assert.Equal("still-here", await watcher.EvaluateAsync<string>("() => window.__noReload"));
        await watcher.ShotAsync(output, "films-gallery-after-include");
        Assert.Equal(30, await PublicCountAsync(film2));
        Assert.Equal(1, await PublicCountAsync(film1));

        output.WriteLine($"bytes (HTML + CSS + JS, as transferred): gallery {galleryBytes}, film page {filmBytes}");
        Console.WriteLine($"bytes (HTML + CSS + JS, as transferred): gallery {galleryBytes}, film page {filmBytes}");
        Assert.True(galleryBytes < 60_000 && filmBytes < 30_000, $"gallery {galleryBytes} B, film page {filmBytes} B");
    }

    private string VoteTable() => app.ScalarText("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%Vote%' AND name NOT LIKE '%Audience%' AND name LIKE '%Record%'");

    /// <summary>One scripted voter from <paramref name="ip"/> (X-Forwarded-For) with the same user agent as the others: code and verify; the client holds the voter cookie.</summary>
    private async Task<HttpClient> ScriptedVoterAsync(string phone, string ip)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("burst-script/1.0");
        var sent = await http.PostAsJsonAsync("/api/voting/1/code", new { phone });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var verified = await http.PostAsJsonAsync("/api/voting/1/verify", new { phone, code = await CodeForAsync(phone) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return http;
    }

    /// <summary>The scripted voter's vote for <paramref name="entryId"/>: the JSON answer.</summary>
    private static async Task<JsonElement> ScriptedVoteAsync(HttpClient http, long entryId)
    {
        var vote = await http.PostAsync($"/api/films/{entryId}/votes", null);
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        return await vote.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens <paramref name="url"/> and sums the bytes transferred for the document, stylesheets and scripts (not images, video or the live stream).</summary>
    private static async Task<long> MeasureAsync(IPage page, string url)
    {
        var responses = new List<IResponse>();
        page.Response += (_, r) => { if (r.Request.ResourceType is "document" or "stylesheet" or "script") responses.Add(r); };
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        long total = 0;
        foreach (var r in responses.ToList())
        {
            var sizes = await r.Request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        return total;
    }
}
