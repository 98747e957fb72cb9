namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>No score is lost on flaky venue Wi-Fi, and none is counted twice (徐汇赛区, round 4).</summary>
public sealed class DraftTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{

    [Fact]
    public async Task A_draft_survives_a_dropped_connection_and_a_closed_tab_and_is_counted_once()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 4, "YJ-040");
        var page = await Browser.JudgeAsync(App, "PW-23");
        await page.TapAsync("24", "20", "12");

        // The Wi-Fi drops and the tablet's browser tab is lost with it.
        await page.Context.SetOfflineAsync(true);
        await page.WaitForTimeoutAsync(1500);
        await page.CloseAsync();
        await page.Context.SetOfflineAsync(false);

        var again = await page.Context.NewPageAsync();
        await again.GotoAsync($"{App.BaseUrl}/judge");
        await Expect(again.Locator("[data-testid=value-1]")).ToHaveTextAsync("24.0");
        await Expect(again.Locator("[data-testid=value-2]")).ToHaveTextAsync("20.0");
        await Expect(again.Locator("[data-testid=value-3]")).ToHaveTextAsync("12.0");
        await Expect(again.Locator("[data-testid=value-4]")).ToHaveTextAsync("—");
        await again.ShotAsync(Output, "judge-draft-restored");
        await again.TapAsync("24", "20", "12", "16", "8");
        await again.Locator("[data-testid=submit]").TapAsync();
        await again.Locator("[data-testid=confirm]").TapAsync();
        await Expect(again.Locator("[data-testid=submitted]")).ToContainTextAsync("80");
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM ScoreRecords WHERE RoundId = 4"));
    }

    [Fact]
    public async Task A_card_cut_off_while_submitting_is_resubmitted_with_its_key_and_stored_once()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 4, "YJ-050");
        var page = await Browser.JudgeAsync(App, "PW-24");
        await page.TapAsync("27", "22.5", "13.5", "18", "9");
        var entryId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'YJ-050'");

        // Confirm was pressed and the draft marked "submitting", then the connection died before the
        // request reached the server.
        var idem = await MarkDraftSubmittingAsync(page);
        Assert.Equal(0, App.Scalar($"SELECT COUNT(*) FROM ScoreRecords WHERE EntryId = {entryId}"));

        // The page comes back and resubmits by itself with the same key.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("90");
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM ScoreRecords WHERE EntryId = {entryId} AND IdempotencyKey = '{idem}'"));
        await page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('judging.draft.'))"); // draft cleared

        // A late duplicate of the same request (the answer was lost, the tablet retries): acknowledged, still one record.
        var retry = await page.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
        {
            DataObject = new { roundId = 4, entryId, points = new[] { 27m, 22.5m, 13.5m, 18m, 9m }, idempotencyKey = idem },
        });
        Assert.Equal(200, retry.Status);
        Assert.Contains("AlreadyStored", await retry.TextAsync());
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM ScoreRecords WHERE EntryId = {entryId}"));
    }

    [Fact]
    public async Task A_card_stored_whose_answer_was_lost_shows_as_submitted_after_reconnecting()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 4, "YJ-050");
        var page = await Browser.JudgeAsync(App, "PW-22");
        await page.TapAsync("24", "20", "12", "16", "8");
        var entryId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'YJ-050'");
        // Confirm pressed: the draft says "submitting"; the tab dies while the request is in flight and
        // the server commits it. The tablet never heard back.
        var idem = await MarkDraftSubmittingAsync(page);
        var context = page.Context;
        await page.CloseAsync();
        var stored = await context.APIRequest.PostAsync($"{App.BaseUrl}/api/scores", new()
        {
            DataObject = new { roundId = 4, entryId, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = idem },
        });
        Assert.Equal(200, stored.Status);

        page = await context.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/judge");
        await Expect(page.Locator("[data-testid=submitted]")).ToContainTextAsync("80");
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM ScoreRecords WHERE EntryId = {entryId} AND JudgeId = (SELECT Id FROM Judges WHERE Code = 'PW-22')"));
        await Expect(page.Locator("[data-testid=submitted]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('judging.draft.'))"); // draft cleared
    }

    [Fact]
    public async Task The_page_reconnects_after_the_network_returns_and_scoring_goes_on()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 4, "YJ-004");
        var page = await Browser.JudgeAsync(App, "PW-26");
        await page.TapAsync("24", "20");
        await page.Context.SetOfflineAsync(true);
        await page.WaitForTimeoutAsync(3000);
        await page.Context.SetOfflineAsync(false);
        // Taps work again once the circuit is back (same circuit, or a reload that restores the draft).
        await Expect(page.Locator("[data-testid=value-2]")).ToHaveTextAsync("20.0", new() { Timeout = 20000 });
        await page.TapAsync("24", "20", "12", "16", "8");
        await page.Locator("[data-testid=submit]").TapAsync();
        await page.Locator("[data-testid=confirm]").TapAsync();
        await Expect(page.Locator("[data-testid=submitted]")).ToBeVisibleAsync(new() { Timeout = 20000 });
        var entryId = App.Scalar("SELECT Id FROM Entries WHERE Code = 'YJ-004'");
        Assert.Equal(1, App.Scalar($"SELECT COUNT(*) FROM ScoreRecords WHERE EntryId = {entryId}"));
    }

    [Fact]
    public async Task Signing_out_clears_the_judges_drafts_from_the_tablet()
    {
        // Issue 10, item 14: the next person on the tablet must not find the judge's unsent scores.
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 4, "YJ-040");
        var page = await Browser.JudgeAsync(App, "PW-25");
        await page.TapAsync("24", "20");
        await page.WaitForFunctionAsync("() => Object.keys(localStorage).some(k => k.startsWith('judging.draft.'))");
        await page.Locator("form[action='/account/logout'] button").ClickAsync();
        await page.WaitForURLAsync($"{App.BaseUrl}/");
        Assert.False(await page.EvaluateAsync<bool>("() => Object.keys(localStorage).some(k => k.startsWith('judging.draft.'))"));
        // And the sign-out took: the judge page asks for a code again.
        await page.GotoAsync($"{App.BaseUrl}/judge");
        await page.WaitForURLAsync("**/judge/login**");
        // The code sign-in on the tablet: the field and the button are thumb-sized (at least 56 px); in English on ?culture=en.
        foreach (var target in new[] { "input[name=Code]", "button[type=submit]" })
            Assert.True((await page.Locator(target).BoundingBoxAsync())!.Height >= 56, target);
        await page.ShotAsync(Output, "judge-login");
        await page.GotoAsync($"{App.BaseUrl}/judge/login?culture=en&error=1");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Judge sign-in");
        await Expect(page.Locator("[data-testid=invalid]")).ToHaveTextAsync("That code is not valid. Please check your judge card.");
        await page.ShotAsync(Output, "judge-login-en");
    }

    /// <summary>Marks the page's draft "submitting", as a pressed confirm does; returns its idempotency key.</summary>
    private static async Task<string> MarkDraftSubmittingAsync(Microsoft.Playwright.IPage page) =>
        await page.EvaluateAsync<string>(@"() => {
            const k = Object.keys(localStorage).find(k => k.startsWith('judging.draft.'));
            const d = JSON.parse(localStorage.getItem(k));
            d.submitting = true;
            localStorage.setItem(k, JSON.stringify(d));
            return d.key;
        }");
}
