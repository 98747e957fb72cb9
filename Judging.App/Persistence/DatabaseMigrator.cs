namespace Judging.App.Persistence;

using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Judging.App.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>What the start-up migration did.</summary>
/// <param name="Adopted">True when a database made before migrations (by <c>EnsureCreated</c>) was recognised and marked at the baseline.</param>
/// <param name="Applied">Ids of the migrations applied now, oldest first.</param>
/// <param name="Backup">Full path of the SQLite copy taken before applying them, or null (nothing to apply, a new file, PostgreSQL).</param>
public sealed record MigrationOutcome(bool Adopted, IReadOnlyList<string> Applied, string? Backup);

/// <summary>
/// Brings the database to this version's schema at start-up, keeping its data:
/// <list type="number">
/// <item>A database made by the release before migrations (tables created by <c>EnsureCreated</c>, no
/// <c>__EFMigrationsHistory</c>) is <b>adopted</b>: when every table and column of the baseline migration is there, the
/// baseline is recorded as applied; otherwise start-up stops naming what is missing.</item>
/// <item>On SQLite, before any pending migration runs, the file is copied with SQLite's online backup to
/// <c>backups/judging-&lt;UTC yyyyMMddTHHmmssZ&gt;.db</c> beside it (the last <see cref="BackupsKept"/> are kept).</item>
/// <item>Pending migrations are applied (EF Core takes a migration lock, so instances starting together do not race). A
/// failure restores the SQLite copy (PostgreSQL rolls back the failed migration's transaction) and stops start-up with
/// one line saying so (<see cref="StartupException"/>).</item>
/// </list>
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<JudgingDb> factory, DatabaseSettings settings, TimeProvider clock, ILogger<DatabaseMigrator> log)
{
    /// <summary>How many SQLite backups are kept (older ones are deleted after a new one is taken).</summary>
    public const int BackupsKept = 10;

    /// <summary>The name of the first migration of each provider: the schema of the last release made with <c>EnsureCreated</c>.</summary>
    public const string BaselineName = "Baseline";

    /// <summary>Adopts, backs up and migrates as described on the type; throws <see cref="StartupException"/> on failure.</summary>
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var migrations = db.Database.GetMigrations().ToList();
        var baseline = migrations.FirstOrDefault(m => m.EndsWith("_" + BaselineName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No baseline migration in the migrations set of " + db.GetType().Name);
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
        var applied = exists ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList() : [];
        var adopt = false;
        if (exists && applied.Count == 0 && await HasTableAsync(db, "Competitions", ct))
        {
            var missing = await MissingFromBaselineAsync(db, baseline, ct);
            if (missing.Count > 0)
                throw new StartupException(
                    $"数据库由更早的版本创建，缺少数据表或列 {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? " …" : "")}，无法自动升级；请先用上一版本导出数据。 / " +
                    $"The database predates the baseline and lacks {string.Join(", ", missing.Take(10))}; it cannot be upgraded automatically.");
            adopt = true;
        }

        var pending = migrations.Except(applied).Where(m => !(adopt && m == baseline)).ToList();
        if (pending.Count == 0 && !adopt) return new MigrationOutcome(false, [], null);

        // The copy is taken before anything is written (adoption included), so a failure restores the database as it was.
        string? backup = null;
        if (settings.SqliteFile is { } file && File.Exists(file) && (applied.Count > 0 || adopt) && pending.Count > 0)
            backup = Backup(db, file);
        if (adopt)
        {
            await AdoptAsync(db, baseline, ct);
            log.LogWarning("Database made before migrations adopted at the baseline {Baseline}", baseline);
        }
        if (pending.Count == 0) return new MigrationOutcome(adopt, [], backup);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e)
        {
            await db.DisposeAsync();
            var state = "";
            if (backup is not null)
            {
                Restore(backup, settings.SqliteFile!);
                state = $"数据库已恢复为升级前的状态（备份 {backup}） / the database was restored from {backup}";
            }
            else if (settings.Provider == DatabaseProvider.PostgreSQL)
                state = "失败的迁移已回滚 / the failed migration was rolled back";
            // EF Core has logged the failing command; the operator gets one line from Program.cs.
            log.LogDebug(e, "Migration failed");
            throw new StartupException($"数据库升级失败：{OneLine(e.Message)}；{state}。 / Database migration failed.", e);
        }
        log.LogInformation("Applied migrations {Migrations}{Backup}", string.Join(", ", pending), backup is null ? "" : " after backing up to " + backup);
        return new MigrationOutcome(adopt, pending, backup);
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    private static async Task<bool> HasTableAsync(JudgingDb db, string table, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = db.Database.IsSqlite()
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";
            Add(cmd, "@name", table);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>"Table" or "Table.Column" for every table and column of the baseline's model that the database lacks.</summary>
    private static async Task<List<string>> MissingFromBaselineAsync(JudgingDb db, string baselineId, CancellationToken ct)
    {
        var assembly = db.GetService<IMigrationsAssembly>();
        var migration = assembly.CreateMigration(assembly.Migrations[baselineId], db.Database.ProviderName!);
        var model = migration.TargetModel ?? throw new InvalidOperationException("The baseline migration has no target model");
        var connection = db.Database.GetDbConnection();
        var missing = new List<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
            {
                var table = entity.GetTableName()!;
                var have = new HashSet<string>(StringComparer.Ordinal);
                await using (var cmd = connection.CreateCommand())
                {
                    cmd.CommandText = db.Database.IsSqlite()
                        ? "SELECT name FROM pragma_table_info(@table)"
                        : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table";
                    Add(cmd, "@table", table);
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct)) have.Add(reader.GetString(0));
                }
                if (have.Count == 0) { missing.Add(table); continue; }
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                missing.AddRange(entity.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>()
                    .Where(c => !have.Contains(c)).Select(c => $"{table}.{c}"));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return missing;
    }

    private static async Task AdoptAsync(JudgingDb db, string baselineId, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        var version = typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "10.0";
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baselineId, version)), ct);
    }

    /// <summary>Copies the SQLite database (online backup: consistent, WAL included) and keeps the last <see cref="BackupsKept"/>.</summary>
    private string Backup(JudgingDb db, string file)
    {
        var folder = Path.Combine(Path.GetDirectoryName(file)!, "backups");
        Directory.CreateDirectory(folder);
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = Path.Combine(folder, $"judging-{stamp}.db");
        for (var i = 2; File.Exists(target); i++) target = Path.Combine(folder, $"judging-{stamp}-{i}.db");
        using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }
        foreach (var old in Directory.GetFiles(folder, "judging-*.db").OrderByDescending(f => f, StringComparer.Ordinal).Skip(BackupsKept))
            File.Delete(old);
        log.LogInformation("Database backed up to {Backup} before migrating", target);
        return target;
    }

    private static void Restore(string backup, string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(file + suffix)) File.Delete(file + suffix);
        File.Copy(backup, file, overwrite: true);
    }
}
