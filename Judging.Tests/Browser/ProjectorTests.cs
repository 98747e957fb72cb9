namespace Judging.Tests.Browser;

using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The projected leaderboard moves without a reload while seven judges in separate browser contexts
/// score three speakers (闵行赛区, round 2); hide-scores mode shows order and progress only.
/// </summary>
public sealed class ProjectorTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{

    private static readonly string[] Judges = ["PW-08", "PW-09", "PW-10", "PW-11", "PW-12", "PW-13", "PW-14"];
    private static readonly string[] Speakers = ["YJ-015", "YJ-032", "YJ-055"];

    [Fact]
    public async Task Seven_judges_score_three_speakers_and_the_projector_follows_live()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var projectorContext = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync($"{App.BaseUrl}/projector/2");
        await Expect(projector.Locator("#pj-live.on")).ToHaveCountAsync(1); // SignalR connected
        await projector.EvaluateAsync("() => window.__noReload = 'still-here'");

        var judges = new List<IPage>();
        foreach (var (code, i) in Judges.Select((c, i) => (c, i)))
            judges.Add(await Browser.JudgeAsync(App, code, landscape: i % 2 == 1));

        var console = await organiser.OpenScoringAsync(App, 2, Speakers[0]);
        var rng = new Random(7);
        for (var s = 0; s < Speakers.Length; s++)
        {
            if (s > 0)
            {
                await console.ClickAsync($"[data-testid=onstage-{Speakers[s]}]");
                await Expect(console.Locator("[data-testid=onstage]")).ToContainTextAsync(Speakers[s]);
                await console.ClickAsync("[data-testid=open-scoring]");
                await Expect(console.Locator("[data-testid=close-scoring]")).ToBeVisibleAsync();
            }
            var row = projector.Locator($"#pj-rows tr[data-entry='{EntryId(Speakers[s])}']");
            await Expect(row).ToHaveClassAsync("onstage");
            var expected = Expected(Speakers[s]);
            var submitted = 0;
            foreach (var (judge, j) in judges.Select((p, j) => (p, j)))
            {
                if (await judge.Locator("[data-testid=conflict]").CountAsync() > 0) continue;
                await Expect(judge.Locator("[data-testid=speaker]")).ToContainTextAsync(Speakers[s]);
                string[] chips = ["30", "25", "15", "20", "10"];
                var values = chips.Select(max => (Math.Round(decimal.Parse(max) * (0.6m + 0.1m * rng.Next(0, 5)) / 0.5m, MidpointRounding.AwayFromZero) * 0.5m).ToString("0.#")).ToArray();
                await judge.TapAsync(values);
                await judge.Locator("[data-testid=submit]").TapAsync();
                await judge.Locator("[data-testid=confirm]").TapAsync();
                await Expect(judge.Locator("[data-testid=submitted]")).ToBeVisibleAsync();
                submitted++;
                // The projector shows the new progress without a reload, within a second or so.
                await Expect(row.Locator(".progress")).ToHaveTextAsync($"{submitted}/{expected}", new() { Timeout = 3000 });
            }
            if (s == 0) await projector.ShotAsync(Output, "projector-after-first-speaker");
        }

        Assert.Equal("still-here", await projector.EvaluateAsync<string>("() => window.__noReload"));
        Assert.Equal(7 * 3, App.Scalar("SELECT COUNT(*) FROM ScoreRecords"));

        // The projector's order matches the API's ranking.
        using var http = new HttpClient();
        var api = JsonDocument.Parse(await http.GetStringAsync($"{App.BaseUrl}/api/rounds/2/leaderboard")).RootElement;
        var top3 = api.EnumerateArray().Take(3).Select(e => e.GetProperty("entryId").GetInt32().ToString()).ToList();
        var shown = await projector.Locator("#pj-rows tr").EvaluateAllAsync<string[]>("rows => rows.slice(0, 3).map(r => r.dataset.entry)");
        Assert.Equal(top3, shown);
        Assert.Equal(1, api[0].GetProperty("rank").GetInt32());
        await Expect(projector.Locator("#pj-rows tr").First.Locator(".score")).ToHaveTextAsync(api[0].GetProperty("score").GetDecimal().ToString("0.00"));
        await projector.ShotAsync(Output, "projector-three-speakers");
        await console.ShotAsync(Output, "organiser-console");

        // Hide scores: order and progress only, then reveal.
        await console.ClickAsync("[data-testid=hide]");
        await Expect(projector.Locator("#pj-foot")).ToContainTextAsync("分数暂不公布");
        var scoresHidden = await projector.Locator("#pj-rows .score").AllTextContentsAsync();
        Assert.All(scoresHidden, t => Assert.Equal("", t.Trim()));
        Assert.Equal("1", (await projector.Locator("#pj-rows tr").First.Locator(".rank").TextContentAsync())?.Trim());
        Assert.Equal(EntryId("YJ-015").ToString(), await projector.Locator("#pj-rows tr").First.GetAttributeAsync("data-entry")); // running order
        var hiddenApi = JsonDocument.Parse(await http.GetStringAsync($"{App.BaseUrl}/api/rounds/2/leaderboard")).RootElement;
        Assert.All(hiddenApi.EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("score").ValueKind));
        await projector.ShotAsync(Output, "projector-hidden");
        await console.ClickAsync("[data-testid=hide]");
        await Expect(projector.Locator("#pj-rows tr").First.Locator(".score")).Not.ToHaveTextAsync("");
        Assert.Equal("still-here", await projector.EvaluateAsync<string>("() => window.__noReload"));

        // ?culture=en: the same screen in English, and the live updates keep it English (the hub's messages are Chinese).
        var english = await projectorContext.NewPageAsync();
        await english.GotoAsync($"{App.BaseUrl}/projector/2?culture=en");
        await Expect(english.Locator("#pj-live.on")).ToHaveCountAsync(1);
        await Expect(english.Locator("th.rank")).ToHaveTextAsync("Rank");
        await Expect(english.Locator("#pj-status")).ToHaveTextAsync("Live");
        await Expect(english.Locator("#pj-foot")).ToContainTextAsync("With 5 or more judges");
        await console.ClickAsync("[data-testid=hide]");
        await Expect(english.Locator("#pj-foot")).ToHaveTextAsync("Scores are not shown yet; in running order");
        await Expect(english.Locator("#pj-status")).ToHaveTextAsync("Live");
        await console.ClickAsync("[data-testid=hide]");
        await Expect(english.Locator("#pj-foot")).ToContainTextAsync("With 5 or more judges");
        await english.ShotAsync(Output, "projector-en");
    }

    private long EntryId(string code) => App.Scalar($"SELECT Id FROM Entries WHERE Code = '{code}'");

    private long Expected(string code) => 7 - App.Scalar(
        $"SELECT COUNT(*) FROM Judges j JOIN Units cu ON cu.Id = j.ConflictUnitId JOIN Entries e ON e.Code = '{code}' JOIN Units eu ON eu.Id = e.UnitId " +
        "WHERE j.DivisionId = 2 AND (cu.Id = eu.Id OR (cu.GroupId IS NOT NULL AND cu.GroupId = eu.GroupId))");
}
