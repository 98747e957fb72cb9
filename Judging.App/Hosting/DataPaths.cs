namespace Judging.App.Hosting;

using Judging.App.Cases;
using Microsoft.Extensions.Options;

/// <summary>
/// Where the app writes (issue 10, items 6, 11 and 14): <c>logs/</c> under the root, the data-protection keys
/// (<c>Judging:DataProtectionKeysPath</c>, default <c>data/keys</c>), the SQLite database file (with its -wal and -shm),
/// the films folder and the case documents folder. Used to make them private at start and by the write health check.
/// </summary>
public sealed class DataPaths(AppRootPath root, IConfiguration config, IOptions<CaseOptions> cases)
{
    /// <summary>The daily log files' folder.</summary>
    public string Logs => Path.Combine(root.Value, "logs");

    /// <summary>The data-protection key ring's folder.</summary>
    public string Keys => KeysFolder(root.Value, config);

    /// <summary>The SQLite database file, or null for PostgreSQL (or an in-memory database).</summary>
    public string? Database => DatabaseFile(root.Value, config);

    /// <summary>The films folder (<see cref="Films.FilmStore.ResolveFolder"/>).</summary>
    public string Films => Judging.App.Films.FilmStore.ResolveFolder(root.Value, config, config["Judging:Films:Path"]);

    /// <summary>The case documents folder (<see cref="CaseOptions.Path"/>).</summary>
    public string Cases => cases.Value.Path;

    /// <summary>The folders the app writes to (the database's folder first).</summary>
    public IReadOnlyList<(string Name, string Folder)> WritableFolders =>
    [
        .. Database is { } db ? new[] { ("数据库目录", Path.GetDirectoryName(db)!) } : [],
        ("日志目录", Logs), ("密钥目录", Keys), ("视频目录", Films), ("案例文档目录", Cases),
    ];

    /// <summary>The data-protection keys' folder for <paramref name="config"/>.</summary>
    public static string KeysFolder(string root, IConfiguration config) => Path.Combine(root, config["Judging:DataProtectionKeysPath"] ?? "data/keys");

    /// <summary>The SQLite database file of <paramref name="config"/> (relative paths against the root), or null (<see cref="Persistence.DatabaseSettings.SqliteFile"/>).</summary>
    public static string? DatabaseFile(string root, IConfiguration config) => Persistence.DatabaseSettings.From(config, root).SqliteFile;

    /// <summary>Makes every file and folder above private (<see cref="FilePermissions.Tighten"/>); returns what could not be changed.</summary>
    public IReadOnlyList<string> MakePrivate() =>
        FilePermissions.Tighten([Logs, Keys, Films, Cases],
            Database is { } db ? [db, db + "-wal", db + "-shm", db + "-journal"] : []);
}

/// <summary>The project root folder (<see cref="AppRoot.Find"/>), as a service.</summary>
/// <param name="Value">The absolute path.</param>
public sealed record AppRootPath(string Value);
