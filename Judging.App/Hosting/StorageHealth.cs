namespace Judging.App.Hosting;

using System.Data;
using Judging.App.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>
/// Why a write failed, in Chinese, for people (issue 10, item 11: a read-only data folder, a full disk). Recognises
/// SQLite's read-only, cannot-open, I/O, full-disk and permission errors (also inside EF Core's
/// <see cref="DbUpdateException"/>) and file-system refusals (read-only file system, permission, no space).
/// </summary>
public static class StorageFailure
{
    private const int ENOSPC = 28, EROFS = 30, EACCES = 13, EPERM = 1;

    /// <summary>The cause of <paramref name="error"/> when it is a storage failure, else null.</summary>
    public static string? Describe(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s when s.SqliteErrorCode == 13:
                    return "磁盘已满，数据库无法写入，本次操作未保存。";
                case SqliteException s when s.SqliteErrorCode is 8 or 3 or 23:
                    return "数据库为只读（数据目录或数据库文件不可写），本次操作未保存，请联系管理员。";
                case SqliteException s when s.SqliteErrorCode == 14:
                    return "无法打开数据库文件（数据目录不可写，或数据库的 -wal/-shm 文件缺失且无法创建），本次操作未保存，请联系管理员。";
                case SqliteException s when s.SqliteErrorCode == 10:
                    return "数据库读写出错（磁盘故障或数据目录不可写），本次操作未保存，请联系管理员。";
                case UnauthorizedAccessException:
                    return "文件目录不可写（没有写入权限），文件未保存，请联系管理员。";
                case IOException io when (io.HResult & 0xFFFF) == ENOSPC:
                    return "磁盘已满，文件未保存。";
                case IOException io when (io.HResult & 0xFFFF) is EROFS or EACCES or EPERM:
                    return "文件目录不可写（只读文件系统或没有写入权限），文件未保存，请联系管理员。";
            }
        }
        return null;
    }
}

/// <summary>
/// Answers a storage failure (<see cref="StorageFailure"/>) with 503 and its cause in Chinese instead of the 500 error
/// page: JSON <c>{"error": "…"}</c> for <c>/api</c> requests and requests that accept JSON, plain text otherwise. Other
/// exceptions go on to the error page.
/// </summary>
public sealed class StorageFailureHandler(ILogger<StorageFailureHandler> log) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (StorageFailure.Describe(exception) is not { } cause || http.Response.HasStarted) return false;
        log.LogError("Write failed: {Cause} ({Error})", cause, exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        // The middleware has already pointed the request at the error page: the original path is in the feature.
        var path = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "";
        var json = new PathString(path).StartsWithSegments("/api") || http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);
        if (json) await http.Response.WriteAsJsonAsync(new { error = cause }, ct);
        else
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(cause, ct);
        }
        return true;
    }
}

/// <summary>
/// Health check "storage" (issue 10, item 11): the database takes a write (SQLite: its <c>user_version</c> set to the value
/// it has, in a transaction rolled back; <c>BEGIN IMMEDIATE</c> alone succeeds on a read-only file) and each folder the app writes (<see cref="DataPaths.WritableFolders"/>) takes a probe file. Unhealthy,
/// naming each failing place in Chinese, when one fails. The result is kept <see cref="CacheFor"/> so that probes at load
/// balancer rate do not write a file each.
/// </summary>
public sealed class StorageHealthCheck(DataPaths paths, IDbContextFactory<JudgingDb> factory, TimeProvider clock) : IHealthCheck
{
    /// <summary>How long a result is reused: 2 s.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? last;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (last is { } l && clock.GetUtcNow() - l.At < CacheFor) return l.Result;
        await gate.WaitAsync(ct);
        try
        {
            if (last is { } l2 && clock.GetUtcNow() - l2.At < CacheFor) return l2.Result;
            var problems = await ProblemsAsync(ct);
            var result = problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join("；", problems));
            last = (result, clock.GetUtcNow());
            return result;
        }
        finally { gate.Release(); }
    }

    /// <summary>Each place the app cannot write, in Chinese ("数据库不可写：…", "视频目录不可写：…"); empty when all can.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (db.Database.IsSqlite())
            {
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync(ct);
                await using var read = connection.CreateCommand();
                read.CommandText = "PRAGMA user_version;";
                var version = Convert.ToInt64(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                await using var write = connection.CreateCommand();
                write.CommandText = $"BEGIN IMMEDIATE; PRAGMA user_version = {version}; ROLLBACK;";
                try { await write.ExecuteNonQueryAsync(ct); }
                catch
                {
                    await using var rollback = connection.CreateCommand();
                    rollback.CommandText = "ROLLBACK;";
                    try { await rollback.ExecuteNonQueryAsync(CancellationToken.None); } catch (SqliteException) { /* no transaction left */ }
                    throw;
                }
            }
            else if (!await db.Database.CanConnectAsync(ct)) problems.Add("数据库无法连接");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add("数据库不可写：" + (StorageFailure.Describe(e) ?? e.GetBaseException().Message));
        }
        foreach (var (name, folder) in paths.WritableFolders)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
                await File.WriteAllBytesAsync(probe, [1], ct);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{name}不可写（{folder}）");
            }
        }
        return problems;
    }
}

/// <summary>What <c>/healthz</c> answers: "Healthy", or "Unhealthy" then each problem on a line (the storage check's in Chinese).</summary>
public static class HealthOutput
{
    /// <summary>The options of <c>/healthz</c>.</summary>
    public static Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions Options { get; } = new()
    {
        ResponseWriter = async (http, report) =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            var lines = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy && e.Description is not null).Select(e => e.Description!);
            await http.Response.WriteAsync(string.Join('\n', new[] { report.Status.ToString() }.Concat(lines)));
        },
    };
}
