namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The interactive staff pages in English (issue 12, section 3). They are not prerendered (a tap before the circuit is up
/// would be lost), so <c>RouteAccessTests</c>, which reads the server's HTML, sees only their shell; here a browser signs
/// in as the organiser with the English cookie, waits for each page's circuit to render it, and reads its text. Data is
/// every text the database holds (names, titles, criteria, the audit log); what is left in Han characters is the page's
/// own wording. Pages that still show some are listed in <see cref="NotYetEnglish"/> with what shows; the list only shrinks.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class EnglishStaffPagesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected override string? SeedsPath => Paths.Seeds;

    /// <summary>Pages (URL templates) whose English still shows Chinese built by the rules or services, not data.</summary>
    private static readonly string[] NotYetEnglish = [];

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
        ];
        var context = await Browser.OrganiserAsync(App);
        var data = DataTexts(); // after the sign-in: the organiser's name is data too
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = App.BaseUrl }]);
        var page = await context.NewPageAsync();
        var chinese = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in pages)
        {
            var url = template.Replace("{c}", competition.ToString()).Replace("{live}", liveRound.ToString()).Replace("{online}", onlineRound.ToString());
            await page.GotoAsync(App.BaseUrl + url);
            await People.WaitForCircuitAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // The page's first data load after the circuit starts: wait until its text stops changing (up to 15 s).
            var text = await page.InnerTextAsync("body");
            for (var i = 0; i < 30; i++)
            {
                await page.WaitForTimeoutAsync(500);
                var again = await page.InnerTextAsync("body");
                if (again == text && i >= 2) break;
                text = again;
            }
            var left = ChineseOutsideData.Snippets(text, data);
            if (left.Count > 0)
            {
                chinese[template] = string.Join(" … ", left);
                await page.ShotAsync(Output, "english" + url.Replace('/', '-'));
            }
        }
        Output.WriteLine(string.Join("\n", chinese.Select(kv => $"{kv.Key}: {kv.Value}")));
        var unlisted = chinese.Keys.Except(NotYetEnglish).Select(k => $"{k}: {chinese[k]}").ToList();
        var done = NotYetEnglish.Except(chinese.Keys).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} staff pages show Chinese in English outside data:\n" + string.Join("\n", unlisted));
        Assert.True(done.Count == 0, "English now; take them off NotYetEnglish:\n" + string.Join("\n", done));
    }

    /// <summary>Every text value with a Han character in the app's database (split at separators), longest first, plus "中文".</summary>
    private HashSet<string> DataTexts()
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
