namespace Judging.App.Persistence;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Where the data lives, read from configuration: the provider and connection (<c>Judging:Database</c>) and the folder
/// for uploaded files (<c>Judging:Storage:Path</c>). Every setting is read when first needed, so a test host's
/// configuration overrides apply.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>The default connection: an SQLite file under the root.</summary>
    public const string DefaultSqlite = "Data Source=data/judging.db";

    private DatabaseSettings(DatabaseProvider provider, string connectionString, string? sqliteFile, string storagePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
        StoragePath = storagePath;
    }

    /// <summary>SQLite (default) or PostgreSQL.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string, SQLite paths made absolute against the root.</summary>
    public string ConnectionString { get; }

    /// <summary>Full path of the SQLite file, or null (PostgreSQL, or an in-memory SQLite database).</summary>
    public string? SqliteFile { get; }

    /// <summary>
    /// Full path of the folder for uploaded files (films, case documents): <c>Judging:Storage:Path</c> when set (several
    /// instances must share it, e.g. a shared volume), else the SQLite file's folder, else <c>data/</c> under the root.
    /// </summary>
    public string StoragePath { get; }

    /// <summary>Reads the settings; throws <see cref="InvalidOperationException"/> for an unknown provider.</summary>
    public static DatabaseSettings From(IConfiguration config, string root)
    {
        var providerName = config["Judging:Database:Provider"] ?? "Sqlite";
        var connection = config["Judging:Database:ConnectionString"];
        DatabaseProvider provider;
        string? file = null;
        if (providerName.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Sqlite;
            var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connection) ? DefaultSqlite : connection);
            if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
            {
                if (!Path.IsPathRooted(csb.DataSource)) csb.DataSource = Path.GetFullPath(Path.Combine(root, csb.DataSource));
                file = csb.DataSource;
            }
            csb.DefaultTimeout = 30;
            connection = csb.ToString();
        }
        else if (providerName.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.PostgreSQL;
            if (string.IsNullOrWhiteSpace(connection) || connection.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    "Judging:Database:Provider=PostgreSQL 需要 Judging:Database:ConnectionString（如 Host=127.0.0.1;Port=5432;Database=judging;Username=judging） / " +
                    "PostgreSQL needs Judging:Database:ConnectionString, e.g. Host=127.0.0.1;Port=5432;Database=judging;Username=judging");
        }
        else throw new InvalidOperationException($"Unknown Judging:Database:Provider '{providerName}' (Sqlite or PostgreSQL)");

        var configured = config["Judging:Storage:Path"];
        var storage = !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(root, configured))
            : file is not null ? Path.GetDirectoryName(file)!
            : Path.Combine(root, "data");
        return new DatabaseSettings(provider, connection!, file, storage);
    }
}

/// <summary>
/// The persistence feature's front door: the provider's context type behind <c>IDbContextFactory&lt;JudgingDb&gt;</c>
/// and a scoped <see cref="JudgingDb"/>, and the start-up migration (<see cref="DatabaseMigrator"/>).
/// </summary>
public static class PersistenceModule
{
    /// <summary>
    /// Registers both providers' context factories; the configured one is chosen when the first context is made
    /// (SQLite: WAL + synchronous=FULL through <see cref="SqliteDurabilityInterceptor"/>; PostgreSQL: Npgsql, whose
    /// commits are durable with the server's default <c>synchronous_commit=on</c>).
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, string root)
    {
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), root));
        var durability = new SqliteDurabilityInterceptor();
        services.AddDbContextFactory<SqliteJudgingDb>((sp, o) =>
        {
            var s = sp.GetRequiredService<DatabaseSettings>();
            if (s.SqliteFile is { } file) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            o.UseSqlite(s.ConnectionString).AddInterceptors(durability);
        });
        services.AddDbContextFactory<PostgresJudgingDb>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString)
            // The start-up migration asks whether the database exists: the refused connection is expected, not an error.
            .ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, LogLevel.Debug))));
        services.AddSingleton<IDbContextFactory<JudgingDb>>(sp => sp.GetRequiredService<DatabaseSettings>().Provider switch
        {
            DatabaseProvider.PostgreSQL => new JudgingDbFactory<PostgresJudgingDb>(sp.GetRequiredService<IDbContextFactory<PostgresJudgingDb>>()),
            _ => new JudgingDbFactory<SqliteJudgingDb>(sp.GetRequiredService<IDbContextFactory<SqliteJudgingDb>>()),
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<JudgingDb>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>The audit log as JSON, <c>GET /api/audit</c> (<see cref="AuditApi"/>).</summary>
    public static IEndpointRouteBuilder MapPersistence(this IEndpointRouteBuilder app) => app.MapAuditApi();
}
