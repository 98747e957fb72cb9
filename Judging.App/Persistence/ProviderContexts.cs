namespace Judging.App.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

/// <summary>The database on SQLite (the embedded default); its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteJudgingDb(DbContextOptions<SqliteJudgingDb> options) : JudgingDb(options);

/// <summary>The database on PostgreSQL; its migrations are in <c>Migrations/PostgreSQL</c>.</summary>
public sealed class PostgresJudgingDb(DbContextOptions<PostgresJudgingDb> options) : JudgingDb(options);

/// <summary>Which database the app talks to (<c>Judging:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An SQLite file (WAL, synchronous=FULL), the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>Judging:Database:ConnectionString</c> in Npgsql's format).</summary>
    PostgreSQL,
}

/// <summary>
/// Hands out <see cref="JudgingDb"/> instances of the configured provider's context type, so code asks for
/// <c>IDbContextFactory&lt;JudgingDb&gt;</c> whatever the provider.
/// </summary>
internal sealed class JudgingDbFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<JudgingDb>
    where TContext : JudgingDb
{
    public JudgingDb CreateDbContext() => inner.CreateDbContext();

    public async Task<JudgingDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>Stores every <see cref="DateTimeOffset"/> as the same instant at offset 0 (UTC); reads it back as UTC.</summary>
internal sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v.ToUniversalTime());

/// <summary>
/// For <c>dotnet ef migrations add … --context SqliteJudgingDb</c> (design time only; the app configures the
/// context from <c>Judging:Database</c>).
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJudgingDb>
{
    public SqliteJudgingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteJudgingDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresJudgingDb</c> (no server is contacted to add a migration).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJudgingDb>
{
    public PostgresJudgingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresJudgingDb>().UseNpgsql("Host=localhost;Database=judging_design").Options);
}
