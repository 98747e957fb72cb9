namespace Judging.Tests.Support;

using Npgsql;

/// <summary>
/// Which database the endpoint, flow and durability tests run on: SQLite (default: one file per test host) or, with
/// <c>JUDGING_TEST_PROVIDER=PostgreSQL</c>, the server of <c>JUDGING_TEST_PG</c> (default the one
/// <c>tools/postgres.sh start</c> runs), one database per test host, dropped at the end. <c>.ci/run</c> runs the
/// endpoint tests once per provider.
/// </summary>
public static class TestDatabase
{
    /// <summary>The trait category (<c>[Trait("Category", SqliteOnly)]</c>) of tests about the SQLite file itself; the PostgreSQL run leaves them out.</summary>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>True when the tests run on PostgreSQL.</summary>
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("JUDGING_TEST_PROVIDER"), "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL server (no database named).</summary>
    public static string Server { get; } =
        Environment.GetEnvironmentVariable("JUDGING_TEST_PG") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=judging";

    /// <summary>The database name for a test host whose files live in <paramref name="dataDir"/>.</summary>
    public static string NameFor(string dataDir) => "judging_" + Path.GetFileName(dataDir).Replace('-', '_').ToLowerInvariant();

    /// <summary>
    /// The app settings that put a test host's data in <paramref name="dataDir"/>: the SQLite file there, or a PostgreSQL
    /// database of its own with the uploaded files there (<c>Judging:Storage:Path</c>).
    /// </summary>
    public static Dictionary<string, string?> Settings(string dataDir) => IsPostgres
        ? new()
        {
            ["Judging:Database:Provider"] = "PostgreSQL",
            ["Judging:Database:ConnectionString"] = ConnectionString(dataDir),
            ["Judging:Storage:Path"] = dataDir,
        }
        : new()
        {
            ["Judging:Database:Provider"] = "Sqlite",
            ["Judging:Database:ConnectionString"] = $"Data Source={Path.Combine(dataDir, "judging.db")}",
        };

    /// <summary>The connection string of the test host's own database.</summary>
    public static string ConnectionString(string dataDir) => $"{Server};Database={NameFor(dataDir)};Maximum Pool Size=30";

    /// <summary>Drops the test host's PostgreSQL database (no-op on SQLite).</summary>
    public static void Drop(string dataDir)
    {
        if (!IsPostgres) return;
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection($"{Server};Database=postgres;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{NameFor(dataDir)}\" WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }

    /// <summary>An open connection to the test host's database (SQLite file, read-only unless <paramref name="write"/>, or PostgreSQL database).</summary>
    public static System.Data.Common.DbConnection Open(string dataDir, bool write = false)
    {
        System.Data.Common.DbConnection c = IsPostgres
            ? new NpgsqlConnection(ConnectionString(dataDir))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, "judging.db")};{(write ? "Default Timeout=10" : "Mode=ReadOnly")}");
        c.Open();
        return c;
    }
}
