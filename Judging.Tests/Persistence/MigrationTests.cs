namespace Judging.Tests.Persistence;

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Judging.App.Defence;
using Judging.App.Persistence;
using Judging.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

/// <summary>
/// An upgrade keeps the data (issue 11, "Schema migrations"). The fixture <c>Fixtures/release-2025-11-25.db</c> was made
/// by the release before migrations (commit 056bd81, EF Core 8 <c>EnsureCreated</c>): the seeds without preliminary
/// scores, 14 live cards of 闵行 round 2 with one unlocked by the chief judge, 37 film votes of which 25 were a held
/// burst the organiser included, and one defence slot at 14:30 Beijing time.
/// </summary>
[Collection("browser")]
public sealed class MigrationTests
{
    private static string Fixture => Path.Combine(Paths.Root, "Judging.Tests", "Fixtures", "release-2025-11-25.db");

    /// <summary>Tables whose rows the new version must keep exactly (the app adds rows to others at start, e.g. film assets).</summary>
    private static readonly string[] Records =
        ["Competitions", "Entries", "Judges", "Rounds", "RoundEntries", "ScoreRecords", "ScoreUnlocks", "AuditEntries",
         "Voters", "VoteRecords", "VoteHolds", "VoteClusters", "VoteClusterDecisions", "CaseDocuments", "FormalReviewRecords", "SubmissionLinks"];

    private static Dictionary<string, string> OnSqlite(string dir) => new()
    {
        ["Judging:Database:Provider"] = "Sqlite",
        ["Judging:Database:ConnectionString"] = $"Data Source={Path.Combine(dir, "judging.db")}",
        ["Judging:Storage:Path"] = dir,
    };

    private static string NewFolderWithFixture()
    {
        var dir = Directory.CreateTempSubdirectory("judging-upgrade-").FullName;
        File.Copy(Fixture, Path.Combine(dir, "judging.db"));
        return dir;
    }

    private static SqliteConnection Open(string file, bool write = false)
    {
        var c = new SqliteConnection($"Data Source={file};Pooling=false;{(write ? "" : "Mode=ReadOnly")}");
        c.Open();
        return c;
    }

    /// <summary>
    /// Row count and a SHA-256 of every value in rowid order (key order for a WITHOUT ROWID table), per table; with
    /// <paramref name="columnsOf"/>, only those columns of each table (a migration may add a column: the values a row had stay).
    /// </summary>
    private static Dictionary<string, (long Rows, string Digest)> Snapshot(string file, IReadOnlyDictionary<string, string[]>? columnsOf = null)
    {
        using var c = Open(file);
        var tables = new List<(string Name, bool Rowid)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add((r.GetString(0), !r.GetString(1).Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase)));
        }
        var result = new Dictionary<string, (long, string)>();
        foreach (var (t, rowid) in tables)
        {
            using var cmd = c.CreateCommand();
            var columns = columnsOf?.GetValueOrDefault(t) is { } only ? string.Join(", ", only.Select(n => $"\"{n}\"")) : "*";
            cmd.CommandText = $"SELECT {columns} FROM \"{t}\" ORDER BY {(rowid ? "rowid" : "1, 2")}";
            using var r = cmd.ExecuteReader();
            var text = new StringBuilder();
            long rows = 0;
            while (r.Read())
            {
                rows++;
                for (var i = 0; i < r.FieldCount; i++) text.Append(r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                text.Append('\n');
            }
            result[t] = (rows, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
        }
        return result;
    }

    /// <summary>The column names of every table of <paramref name="file"/>, in their order.</summary>
    private static Dictionary<string, string[]> Columns(string file)
    {
        using var c = Open(file);
        var tables = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var result = new Dictionary<string, string[]>();
        foreach (var t in tables)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT name FROM pragma_table_info('{t}') ORDER BY cid";
            using var r = cmd.ExecuteReader();
            var names = new List<string>();
            while (r.Read()) names.Add(r.GetString(0));
            result[t] = [.. names];
        }
        return result;
    }

    private static string Text(string file, string sql)
    {
        using var c = Open(file);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [Fact]
    public async Task A_database_made_by_the_release_before_migrations_is_adopted_backed_up_and_keeps_every_row()
    {
        var dir = NewFolderWithFixture();
        var file = Path.Combine(dir, "judging.db");
        var before = Snapshot(file);
        var columns = Columns(file);
        Assert.Equal(14, before["ScoreRecords"].Rows);
        Assert.Equal(37, before["VoteRecords"].Rows);

        await using var app = await LiveApp.StartOnAsync(dir, settings: OnSqlite(dir));
        Assert.Contains("adopted at the baseline", app.Output);
        var after = Snapshot(file, columns);
        foreach (var t in Records) Assert.Equal(before[t], after[t]);
        Assert.Equal(0, long.Parse(Text(file, "SELECT COUNT(*) FROM Rounds WHERE ProgrammeName IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (t, (rows, _)) in before) Assert.True(after[t].Rows >= rows, $"{t}: {after[t].Rows} rows after, {rows} before");
        Assert.Equal(SqliteMigrations().Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(file, "SELECT COUNT(*) FROM __EFMigrationsHistory"));
        // Defence slots moved to UTC: 14:30 Beijing time is 06:30Z.
        Assert.Equal("2025-06-21 06:30:00", Text(file, "SELECT StartsAt FROM DefenceCall"));

        // A backup of the database as it was, and the app works on the upgraded data.
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(dir, "backups"), "judging-*.db"));
        Assert.Equal(before, Snapshot(backup));
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var films = await http.GetFromJsonAsync<JsonElement>("/api/films");
        Assert.Equal(37, films.EnumerateArray().Sum(f => f.GetProperty("acceptedVotes").GetInt64()));
        var board = await http.GetFromJsonAsync<JsonElement>("/api/rounds/2/leaderboard");
        Assert.Contains(board.EnumerateArray(), r => r.GetProperty("judgesSubmitted").GetInt32() == 7);

        // Nothing pending at the next start: no second backup.
        await using var again = await LiveApp.RestartAsync(app);
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "backups"), "judging-*.db"));
        Assert.DoesNotContain("adopted", again.Output);
    }

    [Fact]
    public async Task A_migration_that_fails_leaves_the_database_as_it_was_and_start_up_says_so_in_one_line()
    {
        var dir = NewFolderWithFixture();
        var file = Path.Combine(dir, "judging.db");
        using (var c = Open(file, write: true))
        using (var cmd = c.CreateCommand())
        {
            // The second migration rewrites defence slots; make that UPDATE fail.
            cmd.CommandText = "CREATE TRIGGER block_upgrade BEFORE UPDATE ON DefenceCall BEGIN SELECT RAISE(ABORT, 'blocked by the test'); END;";
            cmd.ExecuteNonQuery();
        }
        var before = Snapshot(file);

        try
        {
            var (exitCode, output) = await LiveApp.FailToStartAsync(dir, OnSqlite(dir));
            Assert.Equal(1, exitCode);
            var line = Assert.Single(output.Split('\n'), l => l.StartsWith("启动失败", StringComparison.Ordinal));
            Assert.Contains("数据库升级失败", line);
            Assert.Contains("数据库已恢复为升级前的状态", line);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.Equal(before, Snapshot(file));
            Assert.Equal("0", Text(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SqliteJudgingDb DesignTimeSqlite() => ((IDesignTimeDbContextFactory<SqliteJudgingDb>)Activator.CreateInstance(
        typeof(SqliteJudgingDb).Assembly.GetType("Judging.App.Persistence.SqliteDesignTimeFactory", throwOnError: true)!)!).CreateDbContext([]);

    private static List<string> SqliteMigrations()
    {
        using var db = DesignTimeSqlite();
        return db.Database.GetMigrations().ToList();
    }

    [Fact]
    public void Every_model_change_is_covered_by_a_migration_on_both_providers()
    {
        using var sqlite = DesignTimeSqlite();
        using var postgres = ((IDesignTimeDbContextFactory<PostgresJudgingDb>)Activator.CreateInstance(
            typeof(PostgresJudgingDb).Assembly.GetType("Judging.App.Persistence.PostgresDesignTimeFactory", throwOnError: true)!)!).CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: the model has changes no migration covers; run dotnet ef migrations add (README)");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: the model has changes no migration covers; run dotnet ef migrations add (README)");
        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), postgres.Database.GetMigrations().Select(Name));

        static string Name(string id) => id[(id.IndexOf('_') + 1)..];
    }

    [Fact]
    public async Task A_defence_slot_is_a_Beijing_time_in_the_code_and_a_UTC_instant_in_the_database()
    {
        using var keep = new SqliteConnection("Data Source=defence-slot;Mode=Memory;Cache=Shared");
        keep.Open();
        var options = new DbContextOptionsBuilder<SqliteJudgingDb>().UseSqlite("Data Source=defence-slot;Mode=Memory;Cache=Shared").Options;
        await using (var db = new SqliteJudgingDb(options))
        {
            await db.Database.MigrateAsync();
            db.Add(new DefenceCall { RoundId = 1, EntryId = 1, Called = true, StartsAt = new DateTime(2025, 6, 21, 9, 15, 0), Minutes = 20, Reason = "答辩", Actor = "t", At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        using (var cmd = keep.CreateCommand())
        {
            cmd.CommandText = "SELECT StartsAt FROM DefenceCall";
            Assert.Equal("2025-06-21 01:15:00", cmd.ExecuteScalar());
        }
        await using (var db = new SqliteJudgingDb(options))
            Assert.Equal(new DateTime(2025, 6, 21, 9, 15, 0), (await db.Set<DefenceCall>().SingleAsync()).StartsAt);
    }
}
