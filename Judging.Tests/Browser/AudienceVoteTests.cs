namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The audience awards at the speech final (seed 000, 附件1 (八)): the organiser opens a live vote, the venue
/// screen shows its QR code and live bars, phones (375×667) vote once each, the organiser closes the vote and
/// decides a tie with a reason; a designated award is recorded with a reason. The final round is created
/// directly in the database, as finalist selection will.
/// </summary>
public sealed class AudienceVoteTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string[] Finalists = ["YJ-015", "YJ-032", "YJ-055", "YJ-007", "YJ-024"];

    [Fact]
    public async Task Phones_vote_once_each_the_projector_follows_live_and_the_organiser_closes_and_decides_the_tie()
    {
        CreateSpeechFinal();
        var organiser = await Browser.OrganiserAsync(App);
        var awards = await organiser.NewPageAsync();
        await awards.GotoAsync($"{App.BaseUrl}/organiser/audience-awards/1");
        await Expect(awards.Locator("[data-testid=award-0]")).ToContainTextAsync("最具风采奖");
        await People.WaitForCircuitAsync(awards);
        await awards.ClickAsync("[data-testid=mode-LiveVote-0]");
        await awards.ClickAsync("[data-testid=create-0]");
        // Printed ballot codes are the default (issue 10); this hall votes one per device, labelled low assurance.
        await Expect(awards.Locator("[data-testid=assurance-name-0]")).ToContainTextAsync("选票码");
        await awards.ClickAsync("[data-testid=assurance-DeviceCookie-0]");
        await Expect(awards.Locator("[data-testid=assurance-name-0]")).ToHaveTextAsync("设备 Cookie（低保障）");
        await awards.ClickAsync("[data-testid=open-0]");
        await Expect(awards.Locator("[data-testid=vote-status-0]")).ToHaveTextAsync("投票进行中");
        var questionId = (await awards.Locator("[data-testid=projector-link-0]").GetAttributeAsync("href"))!.Split('/')[^1];

        // The venue screen: a big QR code of the vote page's absolute address, and the bars at zero.
        var projectorContext = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync($"{App.BaseUrl}/projector/vote/{questionId}");
        await Expect(projector.Locator("#vp-live.on")).ToHaveCountAsync(1); // SignalR connected
        var qr = projector.Locator("#vp-qr-img");
        var voteUrl = await qr.GetAttributeAsync("data-url");
        Assert.Equal($"{App.BaseUrl}/vote/{questionId}", voteUrl);
        Assert.True((await qr.BoundingBoxAsync())!.Width >= 500, "the QR code is big enough to scan from the hall");
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image renders");
        await Expect(projector.Locator("#vp-bars li")).ToHaveCountAsync(Finalists.Length);
        await Expect(projector.Locator("#vp-total")).ToHaveTextAsync("0");
        await Expect(projector.Locator("#vp-title")).ToHaveTextAsync("最具风采奖 · 现场观众投票");
        await projector.EvaluateAsync("() => window.__noReload = 'still-here'");
        await projector.ShotAsync(Output, "audience-projector-open");
        // The same screen in English (?culture=en); the live updates keep it English.
        var english = await projectorContext.NewPageAsync();
        await english.GotoAsync($"{App.BaseUrl}/projector/vote/{questionId}?culture=en");
        await Expect(english.Locator("#vp-live.on")).ToHaveCountAsync(1);
        await Expect(english.Locator(".vp-rule")).ToHaveTextAsync("One vote per device");

        // Phone 1 scans the code; a second tab of the same phone keeps the page as it was before voting.
        var phone1 = await PhoneAsync();
        var tab = await phone1.NewPageAsync();
        await tab.GotoAsync(voteUrl!);
        var staleTab = await phone1.NewPageAsync();
        await staleTab.GotoAsync(voteUrl!);
        foreach (var box in await Task.WhenAll((await tab.Locator(".vote-option").AllAsync()).Select(o => o.BoundingBoxAsync())))
            Assert.True(box!.Height >= 56, $"candidate tap target {box.Height} px high");
        Assert.True((await tab.Locator("[data-testid=vote-submit]").BoundingBoxAsync())!.Height >= 56);
        await tab.ShotAsync(Output, "audience-phone-ballot");

        await tab.Locator("[data-testid=vote-submit]").TapAsync();
        await Expect(tab.Locator("[data-testid=vote-message]")).ToHaveTextAsync("请选择一位选手");
        await tab.Locator($"[data-testid=candidate-{Finalists[1]}]").TapAsync();
        await tab.Locator("[data-testid=vote-submit]").TapAsync();
        await Expect(tab.Locator("[data-testid=vote-message]")).ToHaveTextAsync("投票成功");
        await Expect(tab.Locator("[data-testid=vote-done]")).ToContainTextAsync("本设备已投票给");
        await tab.ShotAsync(Output, "audience-phone-voted");

        // The projector and the organiser's page move without a reload.
        var row1 = projector.Locator($"#vp-bars li[data-entry='{EntryId(Finalists[1])}']");
        await Expect(row1.Locator(".vp-count")).ToHaveTextAsync("1", new() { Timeout = 3000 });
        await Expect(projector.Locator("#vp-total")).ToHaveTextAsync("1");
        await Expect(awards.Locator("[data-testid=total-0]")).ToHaveTextAsync("1", new() { Timeout = 3000 });
        await awards.ShotAsync(Output, "audience-organiser-live");

        // The same phone votes again from the stale tab: refused, and the count stays.
        await staleTab.Locator($"[data-testid=candidate-{Finalists[2]}]").TapAsync();
        await staleTab.Locator("[data-testid=vote-submit]").TapAsync();
        await Expect(staleTab.Locator("[data-testid=vote-message]")).ToHaveTextAsync("本设备已投过票，每台设备限投一票");
        await staleTab.ShotAsync(Output, "audience-phone-second-vote-refused");
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM AudienceVotes WHERE QuestionId = {questionId}"));

        // Phone 2 votes for another finalist: a tie at one vote each. Phone 3 opens the page while the vote is open.
        var phone2 = await (await PhoneAsync()).NewPageAsync();
        await phone2.GotoAsync(voteUrl!);
        await phone2.Locator($"[data-testid=candidate-{Finalists[2]}]").TapAsync();
        await phone2.Locator("[data-testid=vote-submit]").TapAsync();
        await Expect(phone2.Locator("[data-testid=vote-message]")).ToHaveTextAsync("投票成功");
        await Expect(projector.Locator("#vp-total")).ToHaveTextAsync("2", new() { Timeout = 3000 });
        await Expect(projector.Locator("#vp-bars li.leading")).ToHaveCountAsync(2);
        var phone3 = await (await PhoneAsync()).NewPageAsync();
        await phone3.GotoAsync(voteUrl!);
        await projector.ShotAsync(Output, "audience-projector-two-votes");

        // The organiser closes the vote (with a confirmation step); the projector says so.
        await awards.ClickAsync("[data-testid=close-0]");
        await awards.ClickAsync("[data-testid=confirm-close-0]");
        await Expect(awards.Locator("[data-testid=vote-status-0]")).ToHaveTextAsync("投票已结束");
        await Expect(projector.Locator("#vp-closed")).ToBeVisibleAsync(new() { Timeout = 3000 });
        await Expect(projector.Locator("#vp-closed")).ToHaveTextAsync("投票已结束");
        await Expect(projector.Locator("#vp-status")).ToHaveTextAsync("投票已结束");
        await projector.ShotAsync(Output, "audience-projector-closed");

        // Phone 3 taps vote on its page from before the close: refused.
        await phone3.Locator($"[data-testid=candidate-{Finalists[0]}]").TapAsync();
        await phone3.Locator("[data-testid=vote-submit]").TapAsync();
        await Expect(phone3.Locator("[data-testid=vote-message]")).ToHaveTextAsync("投票尚未开始或已结束");
        await Expect(phone3.Locator("[data-testid=vote-closed]")).ToBeVisibleAsync();
        await phone3.ShotAsync(Output, "audience-phone-after-close");
        Assert.Equal(2, App.Scalar($"SELECT COUNT(*) FROM AudienceVotes WHERE QuestionId = {questionId}"));

        // A tie for the most votes is not decided silently: the organiser picks one of the tied entries with a reason.
        await Expect(awards.Locator("[data-testid=standing-0]")).ToContainTextAsync("未确定");
        await Expect(awards.Locator("[data-testid=tie-0]")).ToContainTextAsync("2 个作品并列第一");
        await Expect(projector.Locator("#vp-verdict")).ToHaveTextAsync("2 位选手并列第一（各 1 票），由组织者决定");
        await Expect(english.Locator("#vp-status")).ToHaveTextAsync("Voting has closed");
        await Expect(english.Locator("#vp-verdict")).ToHaveTextAsync("2 speakers tie for first with 1 vote(s) each; the organiser decides");
        await english.ShotAsync(Output, "audience-projector-en");
        await awards.ShotAsync(Output, "audience-organiser-tie");
        await awards.ClickAsync($"[data-testid=tie-pick-0-{Finalists[2]}]");
        await awards.ClickAsync("[data-testid=tie-confirm-0]");
        // No decision without a reason: the reason dialog's confirm stays disabled until one is written.
        await Expect(awards.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await awards.FillAsync("[data-testid=reason]", "票数并列，评委会主任现场抽签决定");
        await awards.ClickAsync("[data-testid=reason-confirm]");
        await Expect(awards.Locator("[data-testid=notice]").Last).ToHaveTextAsync("获奖作品已确定");
        await Expect(awards.Locator("[data-testid=standing-0]")).ToContainTextAsync($"获奖：{Finalists[2]}");
        await Expect(awards.Locator("[data-testid=standing-0]")).ToContainTextAsync("· 现场观众投票 1 票（并列第一，组织者决定）");
        await Expect(awards.Locator("[data-testid=record-0]")).ToContainTextAsync("评委会主任现场抽签决定");
        await awards.ShotAsync(Output, "audience-organiser-tie-decided");

        Assert.Equal("still-here", await projector.EvaluateAsync<string>("() => window.__noReload"));
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '结束现场观众投票'"));
    }

    [Fact]
    public async Task The_judges_designated_pick_is_recorded_with_a_reason_and_nothing_opens_without_a_final_round()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var awards = await organiser.NewPageAsync();
        await awards.GotoAsync($"{App.BaseUrl}/organiser/audience-awards/1");
        await Expect(awards.Locator("[data-testid=no-final]")).ToBeVisibleAsync();
        await People.WaitForCircuitAsync(awards);
        await awards.ClickAsync("[data-testid=mode-LiveVote-0]");
        await Expect(awards.Locator("[data-testid=create-0]")).ToBeDisabledAsync();

        CreateSpeechFinal();
        await awards.ReloadAsync();
        await Expect(awards.Locator("[data-testid=award-1]")).ToContainTextAsync("最佳演绎奖");
        await People.WaitForCircuitAsync(awards);
        await Expect(awards.Locator("[data-testid=create-0]")).ToBeEnabledAsync();
        await awards.ClickAsync("[data-testid=mode-Designated-1]");
        await Expect(awards.Locator("[data-testid=standing-1]")).ToContainTextAsync("尚未推选获奖作品");
        await awards.ClickAsync($"[data-testid=designate-pick-1-{Finalists[3]}]");
        // No designation without a reason: the reason dialog's confirm stays disabled until one is written.
        await Expect(awards.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await awards.FillAsync("[data-testid=reason]", "评委组一致推选：演绎生动、感染力强");
        await awards.ShotAsync(Output, "audience-organiser-designate-dialog");
        await awards.ClickAsync("[data-testid=reason-confirm]");
        await Expect(awards.Locator("[data-testid=notice]").Last).ToHaveTextAsync("推选已记录");
        await Expect(awards.Locator("[data-testid=standing-1]")).ToContainTextAsync($"获奖：{Finalists[3]}");
        await Expect(awards.Locator("[data-testid=standing-1]")).ToContainTextAsync("评委推选");
        await Expect(awards.Locator("[data-testid=record-1]")).ToContainTextAsync("评委组一致推选");
        await Expect(awards.Locator("[data-testid=designate-entry-1]")).ToHaveCountAsync(0); // the form folds away once recorded
        await awards.ShotAsync(Output, "audience-organiser-designated");
        await awards.ClickAsync("[data-testid=designate-change-1]");
        await Expect(awards.Locator("[data-testid=designate-entry-1]")).ToBeVisibleAsync();
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AudienceAwardDecisions WHERE Kind = 2 AND Reason LIKE '评委组一致推选%'"));
    }

    /// <summary>A phone: 375×667, touch, mobile.</summary>
    private Task<IBrowserContext> PhoneAsync() =>
        Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 667 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });

    private long EntryId(string code) => App.Scalar($"SELECT Id FROM Entries WHERE Code = '{code}'");

    /// <summary>
    /// The speech final round (决赛, no division) with <see cref="Finalists"/> in running order, written straight
    /// into the app's database as finalist selection will.
    /// </summary>
    private void CreateSpeechFinal()
    {
        using (var c = new SqliteConnection($"Data Source={App.DatabasePath}"))
        {
            c.Open();
            using var tx = c.BeginTransaction();
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            // Track 0 = Speech, Kind 1 = Final, Status 0 = NotStarted.
            cmd.CommandText = "INSERT INTO Rounds (CompetitionId, Track, Kind, DivisionId, ScoreSheetId, Status, OnStageEntryId, ScoringOpen, HideScores, Online, Version) " +
                "VALUES (1, 0, 1, NULL, (SELECT Id FROM ScoreSheets WHERE Track = 0 AND RoundKind = 1), 0, NULL, 0, 0, 0, 0); SELECT last_insert_rowid();";
            var roundId = Convert.ToInt64(cmd.ExecuteScalar());
            for (var i = 0; i < Finalists.Length; i++)
            {
                cmd.CommandText = $"INSERT INTO RoundEntries (RoundId, EntryId, Position) SELECT {roundId}, Id, {i + 1} FROM Entries WHERE Code = '{Finalists[i]}'";
                Assert.Equal(1, cmd.ExecuteNonQuery());
            }
            tx.Commit();
        }
        SqliteConnection.ClearAllPools();
    }
}
