namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The interactive staff pages in English (issue 12, section 3). They are not prerendered (a tap before the circuit is up
/// would be lost), so <c>RouteAccessTests</c>, which reads the server's HTML, sees only their shell; here a browser signs
/// in with the English cookie, waits for each page's circuit to render it, and reads its text. Data is every text the
/// database holds (names, titles, criteria, the audit log); what is left in Han characters is the page's own wording.
/// Pages that still show some are listed in <see cref="NotYetEnglish"/> with what shows; the list only shrinks.
/// </summary>
public abstract class EnglishPagesTest(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Pages (URL templates, or "url (judge number)") whose English still shows Chinese built by the rules or services, not data.</summary>
    protected static readonly string[] NotYetEnglish = [];

    /// <summary>Sets the English culture cookie on <paramref name="context"/>.</summary>
    protected Task InEnglishAsync(IBrowserContext context) =>
        context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = App.BaseUrl }]);

    /// <summary>
    /// Waits for the page's circuit and its first data load (its text stops changing, up to 15 s), then records under
    /// <paramref name="name"/> what Chinese is left outside <paramref name="data"/>; takes a screenshot of every page.
    /// </summary>
    protected async Task ReadAsync(IPage page, string name, ISet<string> data, IDictionary<string, string> chinese)
    {
        await People.WaitForCircuitAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var text = await page.InnerTextAsync("body");
        for (var i = 0; i < 30; i++)
        {
            await page.WaitForTimeoutAsync(500);
            var again = await page.InnerTextAsync("body");
            if (again == text && i >= 2) break;
            text = again;
        }
        await page.ShotAsync(Output, "english" + new Uri(page.Url).AbsolutePath.Replace('/', '-'));
        var left = ChineseOutsideData.Snippets(text, data);
        if (left.Count > 0) chinese[name] = string.Join(" … ", left);
    }

    /// <summary>Fails on a page not listed in <see cref="NotYetEnglish"/> that shows Chinese, and on a listed page (of those <paramref name="read"/>) that no longer does.</summary>
    protected void Verdict(IReadOnlyDictionary<string, string> chinese, IEnumerable<string> read)
    {
        Output.WriteLine(string.Join("\n", chinese.Select(kv => $"{kv.Key}: {kv.Value}")));
        var unlisted = chinese.Keys.Except(NotYetEnglish).Select(k => $"{k}: {chinese[k]}").ToList();
        var done = NotYetEnglish.Intersect(read).Except(chinese.Keys).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} staff pages show Chinese in English outside data:\n" + string.Join("\n", unlisted));
        Assert.True(done.Count == 0, "English now; take them off NotYetEnglish:\n" + string.Join("\n", done));
    }

    /// <summary>Every text value with a Han character in the app's database (split at separators), longest first, plus "中文".</summary>
    protected HashSet<string> DataTexts()
    {
        var texts = ChineseOutsideData.NewData();
        using var c = TestDatabase.Open(App.DataDir);
        var tables = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        foreach (var table in tables)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                for (var i = 0; i < r.FieldCount; i++)
                    if (!r.IsDBNull(i)) ChineseOutsideData.Add(texts, r.GetValue(i) as string);
        }
        return texts;
    }
}

/// <summary>The organiser's pages in English, on the full seeds (every list has rows).</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class EnglishStaffPagesTests(BrowserFixture fixture, ITestOutputHelper output) : EnglishPagesTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    [Fact]
    public async Task Every_organiser_page_in_English_shows_no_Chinese_outside_data()
    {
        var competition = App.Scalar("SELECT Id FROM Competitions ORDER BY Id LIMIT 1");
        var liveRound = App.Scalar("SELECT Id FROM Rounds WHERE Online = 0 ORDER BY Id LIMIT 1");
        var onlineRound = App.Scalar("SELECT Id FROM Rounds WHERE Online = 1 ORDER BY Id LIMIT 1");
        string[] pages =
        [
            "/organiser", "/organiser/audit", "/organiser/import", "/organiser/sessions",
            "/organiser/rounds/{live}", "/organiser/review/{online}",
            "/organiser/finalists/{c}/Speech", "/organiser/awards/{c}/Speech", "/organiser/vote-review/{c}",
            "/organiser/formal-review/{c}", "/organiser/defence/{c}", "/organiser/films/{c}",
            "/organiser/audience-awards/{c}", "/organiser/commendation/{c}", "/organiser/audit-packet/{c}/Speech",
            "/organiser/registrations/{c}",
        ];
        var context = await Browser.OrganiserAsync(App);
        var data = DataTexts(); // after the sign-in: the organiser's name is data too
        await InEnglishAsync(context);
        var page = await context.NewPageAsync();
        var chinese = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in pages)
        {
            var url = template.Replace("{c}", competition.ToString()).Replace("{live}", liveRound.ToString()).Replace("{online}", onlineRound.ToString());
            await page.GotoAsync(App.BaseUrl + url);
            await ReadAsync(page, template, data, chinese);
        }
        Verdict(chinese, pages);
    }
}

/// <summary>The pages of judges, chief judges and experts in English, on the seeds with the preliminaries ready to run live.</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class EnglishPeoplePagesTests(BrowserFixture fixture, ITestOutputHelper output) : EnglishPagesTest(fixture, output)
{
    /// <summary>
    /// The pages of the people in the room, each signed in by their card's link on a tablet with the English cookie: a
    /// judge's score pad with a speaker on stage, the chief judge's page, an expert's list and review sheet (case
    /// track, the review started), and the chief expert's outlier check.
    /// </summary>
    [Fact]
    public async Task Judge_chief_judge_and_expert_pages_in_English_show_no_Chinese_outside_data()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await organiser.OpenScoringAsync(App, 1, "YJ-036");
        var caseRound = App.Scalar("SELECT Id FROM Rounds WHERE Online = 1 AND Track = 2");
        var console = await organiser.NewPageAsync();
        await console.GotoAsync($"{App.BaseUrl}/organiser/review/{caseRound}");
        await console.WaitForSelectorAsync("[data-testid=status]");
        await People.WaitForCircuitAsync(console);
        await console.ClickAsync("[data-testid=generate]");
        await Assertions.Expect(console.Locator("[data-testid=message]")).ToContainTextAsync("已生成分配");
        await console.ClickAsync("[data-testid=start-review]");
        await Assertions.Expect(console.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        var entry = App.Scalar("SELECT EntryId FROM ReviewAssignments WHERE JudgeId = (SELECT Id FROM Judges WHERE Code = 'AJ-02') ORDER BY EntryId LIMIT 1");
        var data = DataTexts();

        var chinese = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var read = new List<string>();
        (string Judge, string Landing, string[] Pages)[] people =
        [
            ("PW-02", "/judge", ["/judge"]),
            ("PW-01", "/judge", ["/chief", "/chief/calibration", "/rounds/1/judge-report"]),
            ("AJ-02", "/expert", ["/expert", $"/expert/review/{caseRound}/{entry}"]),
            ("AJ-01", "/expert", [$"/chief/review/{caseRound}"]),
        ];
        foreach (var (judge, landing, pages) in people)
        {
            var context = await Browser.TabletAsync(landscape: true);
            await InEnglishAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{App.BaseUrl}/j/{App.JudgeCode(judge)}");
            await page.WaitForURLAsync("**" + landing);
            foreach (var url in pages)
            {
                if (!page.Url.EndsWith(url, StringComparison.Ordinal)) await page.GotoAsync(App.BaseUrl + url);
                read.Add($"{url} ({judge})");
                await ReadAsync(page, read[^1], data, chinese);
            }
            await context.CloseAsync();
        }
        Verdict(chinese, read);
    }
}
