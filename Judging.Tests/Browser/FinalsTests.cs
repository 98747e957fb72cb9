namespace Judging.Tests.Browser;

using System.Net;
using System.Net.Http.Json;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 3 in the browser, from the seeded preliminaries (docs/import-formats.md, "What the seeds show"): the organiser
/// sees the proposal with cap remarks and the 嘉定 tie, applies the tie-break, admits YJ-004 with a reason, confirms;
/// the final is run from the console and scored (one judge on a tablet, the rest of the panel through the API);
/// tiers are confirmed and revealed on the projector one award per click, 三等奖 first.
/// </summary>
public sealed class FinalsTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact]
    public async Task Finalists_override_final_tiers_and_the_reveal_on_the_projector()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();

        // Proposal with remarks.
        await page.GotoAsync($"{App.BaseUrl}/organiser/finalists/1/Speech");
        await page.WaitForSelectorAsync("[data-testid=finalists]");
        await People.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=remark-YJ-010]")).ToContainTextAsync("同一参赛单位（光明乳业股份有限公司）已有 1 个作品入围（YJ-008）");
        await Expect(page.Locator("[data-testid=remark-YJ-004]")).ToContainTextAsync("同一集团公司");
        await Expect(page.Locator("[data-testid=blocker]")).ToContainTextAsync(["嘉定赛区的同分尚待决定"]);
        await Expect(page.Locator("[data-testid=confirm-finalists]")).ToBeDisabledAsync();
        await page.ShotAsync(Output, "finalists-proposal");

        // The tie goes by the configured rule (median); YJ-004 is admitted beyond the group cap, with a reason.
        // Every decision asks for its reason in a dialog (issue 12): confirm stays disabled until one is written.
        var tie = page.Locator(".tie").First;
        await tie.Locator("[data-testid=tie-rule]").ClickAsync();
        await Expect(page.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await page.FillAsync("[data-testid=reason-dialog] textarea", "按通知规定的规则决出");
        await page.ClickAsync("[data-testid=reason-confirm]");
        await Expect(tie).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("resolved"));
        await Expect(page.Locator("[data-testid=remark-YJ-028]")).ToContainTextAsync("中位数高者优先");
        await page.ClickAsync("[data-testid=admit-YJ-004]");
        await Expect(page.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
        await page.ShotAsync(Output, "finalists-reason-dialog");
        await page.FillAsync("[data-testid=reason-dialog] textarea", "风电板块代表新能源产业领域，经组委会会议同意破格入围");
        await page.ClickAsync("[data-testid=reason-confirm]");
        await Expect(page.Locator("[data-testid=status-YJ-004]")).ToHaveAttributeAsync("data-status", "Finalist");
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "YJ-004：已保存" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=remark-YJ-004]")).ToContainTextAsync("破格入围（超出集团公司名额）：风电板块");
        await Expect(page.Locator("[data-testid=status-YJ-021]")).ToHaveAttributeAsync("data-status", "Reserve");
        await page.Locator("[data-testid=status-YJ-004]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "finalists-override");

        await page.ClickAsync("[data-testid=confirm-finalists]");
        await Expect(page.Locator("[data-testid=confirmed]")).ToBeVisibleAsync();
        var finalRound = int.Parse((await page.Locator("[data-testid=final-console]").GetAttributeAsync("href"))!.Split('/').Last());

        // The final: one stage, the 12 finalists, the final panel (PW-29 on a tablet, the others through the API).
        var order = new List<string>();
        for (var i = 1; i <= 12; i++)
            order.Add(App.ScalarText($"SELECT e.Code FROM RoundEntries x JOIN Entries e ON e.Id = x.EntryId WHERE x.RoundId = {finalRound} AND x.Position = {i}"));
        var tablet = await Browser.JudgeAsync(App, "PW-29");
        var panel = new List<HttpClient>();
        // PW-29 also scores through the API after the first speaker; PW-33 avoids 上海电气's units (refused, not expected).
        foreach (var code in new[] { "PW-29", "PW-30", "PW-31", "PW-32", "PW-33", "PW-34", "PW-35", "PW-36", "PW-37" })
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(App.BaseUrl) };
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/j/{App.JudgeCode(code)}")).StatusCode);
            panel.Add(client);
        }
        IPage? console = null;
        for (var i = 0; i < order.Count; i++)
        {
            if (console is null) console = await organiser.OpenScoringAsync(App, finalRound, order[i]);
            else
            {
                await console.ClickAsync($"[data-testid=onstage-{order[i]}]");
                await Expect(console.Locator("[data-testid=onstage]")).ToContainTextAsync(order[i]);
                await console.ClickAsync("[data-testid=open-scoring]");
                await Expect(console.Locator("[data-testid=close-scoring]")).ToBeVisibleAsync();
            }
            var entryId = App.Scalar($"SELECT Id FROM Entries WHERE Code = '{order[i]}'");
            if (i == 0)
            {
                await Expect(tablet.Locator("[data-testid=speaker]")).ToContainTextAsync(order[0]);
                await tablet.TapAsync("29.5", "22.5", "11.5", "18", "9");
                await tablet.Locator("[data-testid=submit]").TapAsync();
                await tablet.Locator("[data-testid=confirm]").TapAsync();
                await Expect(tablet.Locator("[data-testid=submitted]")).ToBeVisibleAsync();
                await tablet.ShotAsync(Output, "final-judge-pad");
            }
            var conflicted = App.ScalarText($"SELECT g.Name FROM Entries e JOIN Units u ON u.Id = e.UnitId LEFT JOIN Groups g ON g.Id = u.GroupId WHERE e.Id = {entryId}") == "上海电气集团";
            foreach (var (client, j) in panel.Select((c, j) => (c, j)))
            {
                if (i == 0 && j == 0) continue; // PW-29 scored the first speaker on the tablet
                decimal[] points = [30m - i, 23m, 11m, 18m, 9m - 0.5m * (j % 3)];
                var res = await client.PostAsJsonAsync("/api/scores", new { roundId = finalRound, entryId, points, idempotencyKey = $"final-{entryId}-{j}" });
                Assert.Equal(j == 4 && conflicted ? HttpStatusCode.Conflict : HttpStatusCode.OK, res.StatusCode);
            }
        }
        await console!.ClickAsync("[data-testid=close]");
        await Expect(console.Locator("[data-testid=status]")).ToHaveTextAsync("已结束");

        // Awards: the final decides 一等奖 (3) and 二等奖 (the other 9); 三等奖 15 % of 60 from the rest; confirm.
        await page.GotoAsync($"{App.BaseUrl}/organiser/awards/1/Speech");
        await page.WaitForSelectorAsync("[data-testid=awards]");
        await People.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=tier-counts]")).ToContainTextAsync("二等奖 其余决赛选手：12 − 3 = 9 名");
        await Expect(page.Locator("[data-testid=tier-counts]")).ToContainTextAsync("三等奖 15% × 60 = 9 → 9 名（四舍五入）");
        // Each boundary tie is decided with a written reason (the reason dialog), which goes into the audit log.
        var decided = 0;
        while (await page.Locator(".tie.open").CountAsync() > 0)
        {
            decided++;
            var open = await page.Locator(".tie.open").CountAsync();
            await page.Locator(".tie.open").First.Locator("[data-testid=tier-tie-rule]").ClickAsync();
            await Expect(page.Locator("[data-testid=reason-confirm]")).ToBeDisabledAsync();
            await page.FillAsync("[data-testid=reason-dialog] textarea", "按通知规定的规则决出");
            await page.ClickAsync("[data-testid=reason-confirm]");
            await Expect(page.Locator(".tie.open")).ToHaveCountAsync(open - 1);
        }
        if (decided > 0) Assert.Equal("按通知规定的规则决出", App.ScalarText("SELECT Reason FROM AuditEntries WHERE Action LIKE '奖项边界同分%' ORDER BY Id DESC LIMIT 1"));
        await page.ShotAsync(Output, "awards-before-confirm");
        await page.ClickAsync("[data-testid=confirm-awards]");
        await Expect(page.Locator("[data-testid=awards-confirmed]")).ToBeVisibleAsync();

        // The reveal: the projector follows each click, 三等奖 first, one entry at a time, the final's winner last.
        var projectorContext = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync($"{App.BaseUrl}/projector/awards/1/Speech");
        await Expect(projector.Locator("#pj-live.on")).ToHaveCountAsync(1);
        await Expect(projector.Locator("#rv-current")).ToContainTextAsync("即将揭晓");
        await projector.EvaluateAsync("() => window.__noReload = 'still-here'");
        var seen = new List<string>();
        for (var step = 1; step <= 21; step++)
        {
            await page.ClickAsync("[data-testid=reveal-next]");
            await Expect(projector.Locator("#reveal")).ToHaveAttributeAsync("data-step", step.ToString());
            seen.Add(await projector.Locator("#rv-current .rv-award").InnerTextAsync());
            await Expect(projector.Locator(".rv-item")).ToHaveCountAsync(step);
            if (step is 1 or 19) await projector.WaitForTimeoutAsync(700); // let the entrance animation finish
            if (step == 1) await projector.ShotAsync(Output, "reveal-first-third-prize");
            if (step == 19) await projector.ShotAsync(Output, "reveal-first-prize");
        }
        Assert.Equal(Enumerable.Repeat("三等奖", 9).Concat(Enumerable.Repeat("二等奖", 9)).Concat(Enumerable.Repeat("一等奖", 3)), seen);
        var winner = App.ScalarText($"SELECT Title FROM Entries WHERE Code = '{order[0]}'");
        await Expect(projector.Locator("#rv-current .rv-entry")).ToHaveTextAsync(winner);
        await Expect(page.Locator("[data-testid=reveal-next]")).ToBeDisabledAsync();
        Assert.Equal("still-here", await projector.EvaluateAsync<string>("() => window.__noReload"));
        await projector.ShotAsync(Output, "reveal-all");
        await page.Locator("[data-testid=reveal-step]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "awards-confirmed");

        // Publication: the awards JSON opens to everyone.
        using var anonymous = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/competitions/1/awards?track=Speech")).StatusCode);
        await page.ClickAsync("[data-testid=publish]");
        await Expect(page.Locator("[data-testid=published]")).ToBeVisibleAsync();
        var awards = (await anonymous.GetFromJsonAsync<AwardList>("/api/competitions/1/awards?track=Speech"))?.Rows;
        Assert.Equal(order[0], App.ScalarText($"SELECT Code FROM Entries WHERE Id = {awards![0].EntryId}"));
        Assert.Equal("一等奖", awards[0].Award);

        // Certificates: one A4 page for each of the 60 entries (21 awards, 39 participation certificates).
        var certificates = await organiser.NewPageAsync();
        await certificates.GotoAsync($"{App.BaseUrl}/organiser/certificates/1/Speech");
        await Expect(certificates.Locator("[data-testid=certificate]")).ToHaveCountAsync(60);
        await certificates.ShotAsync(Output, "certificates-after-final");
        var pdf = await certificates.PdfAsync(new() { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        Assert.Equal(60, System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![a-zA-Z])").Count);
        foreach (var c in panel) c.Dispose();
    }

    private sealed record AwardLine(int EntryId, string Code, string Title, string Unit, string Award);

    private sealed record AwardList(bool Published, List<AwardLine> Rows);
}
