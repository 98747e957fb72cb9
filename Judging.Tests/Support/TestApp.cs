namespace Judging.Tests.Support;

using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The app in memory (WebApplicationFactory) on its own SQLite file (or PostgreSQL database, <see cref="TestDatabase"/>), seeded from <see cref="Paths.SeedsWithoutScores"/>
/// (preliminaries not started, ready to score live). <see cref="FullSeedsTestApp"/> opts in to the full seeds.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    /// <summary>Seeded without the preliminary scores (xunit class fixtures need exactly one public constructor).</summary>
    public TestApp() : this(Paths.SeedsWithoutScores) { }

    /// <summary>Seeded from <paramref name="seedsPath"/>.</summary>
    protected TestApp(string seedsPath) => SeedsPath = seedsPath;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("judging-waf-").FullName;

    /// <summary>The seeds folder imported on start.</summary>
    public string SeedsPath { get; }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>(TestDatabase.Settings(DataDir))
        {
            ["Judging:SeedsPath"] = SeedsPath,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Signs in a judge by judge number (the QR link) and returns their client.</summary>
    public async Task<HttpClient> JudgeAsync(string judgeNumber)
    {
        var client = Browser();
        var code = await WithDbAsync(db => db.Judges.Where(j => j.Code == judgeNumber).Select(j => j.AccessCode).SingleAsync());
        var res = await client.GetAsync($"/j/{code}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/judge", res.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Runs <paramref name="f"/> against the database in a fresh scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<JudgingDb, Task<T>> f)
    {
        using var scope = Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<JudgingDb>());
    }

    /// <summary>As the organiser: starts the round, puts the entry on stage and opens scoring.</summary>
    public async Task OpenScoringAsync(int roundId, string entryCode)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
        var console = scope.ServiceProvider.GetRequiredService<RoundConsole>();
        var entryId = await db.Entries.Where(e => e.Code == entryCode).Select(e => e.Id).SingleAsync();
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
        if (round.Status == Judging.Domain.LiveRounds.RoundStatus.NotStarted) Assert.Null(await console.StartAsync(roundId, "test", default));
        Assert.Null(await console.SetOnStageAsync(roundId, entryId, "test", default));
        Assert.Null(await console.SetScoringOpenAsync(roundId, true, "test", default));
    }

    public Task<int> EntryIdAsync(string code) => WithDbAsync(db => db.Entries.Where(e => e.Code == code).Select(e => e.Id).SingleAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { TestDatabase.Drop(DataDir); } catch (Npgsql.NpgsqlException) { }
        try { Directory.Delete(DataDir, true); } catch (IOException) { }
    }
}

/// <summary>The app in memory seeded from the full <see cref="Paths.Seeds"/>: the preliminaries imported with their scores, closed.</summary>
public sealed class FullSeedsTestApp : TestApp
{
    public FullSeedsTestApp() : base(Paths.Seeds) { }
}

/// <summary>Edits of the seed CSV files for tests that import them again.</summary>
public static class SeedText
{
    /// <summary>
    /// judges.csv with every 登录码 (column 7) blank, so the importer generates new codes: sign-in codes are unique across
    /// competitions. Line endings are kept.
    /// </summary>
    public static string BlankSignInCodes(string judgesCsv) =>
        string.Join('\n', judgesCsv.Split('\n').Select((l, i) => i == 0 || l.Trim().Length == 0 ? l
            : string.Join(',', l.TrimEnd('\r').Split(',').Select((c, k) => k == 6 ? "" : c)) + (l.EndsWith('\r') ? "\r" : "")));
}
