namespace Judging.App.Cluster;

using Judging.App.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

/// <summary>Settings of this app instance among several (<c>Judging:Instance</c>).</summary>
public sealed class InstanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Instance";

    /// <summary>
    /// The address other instances use to reach this one (e.g. <c>http://10.0.0.5:5000</c>); default: the first address
    /// Kestrel listens on, with a wildcard host replaced by 127.0.0.1 (right for instances on one machine).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>How often a follower tries to become the leader and a leader checks it still is, milliseconds (default 1,000).</summary>
    public int ElectionMilliseconds { get; set; } = 1000;
}

/// <summary>
/// One leader among the app instances for work that must have a single writer (the film vote: quota slots, vote ids and
/// the burst detector live in its memory). On PostgreSQL the leader is the instance holding a session-level advisory lock
/// on a dedicated connection: when that instance dies its connection closes, PostgreSQL releases the lock, and another
/// instance takes it within <see cref="InstanceOptions.ElectionMilliseconds"/>. The leader writes its address to the
/// <c>InstanceLeases</c> table so followers know where to forward. On SQLite (one instance by construction) this instance
/// is always the leader.
/// </summary>
public sealed class LeaderElection(
    DatabaseSettings database, IDbContextFactory<JudgingDb> factory, IOptions<InstanceOptions> options, IServer server,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<LeaderElection> log) : BackgroundService
{
    /// <summary>The role elected here.</summary>
    public const string FilmVotesRole = "film-votes";

    /// <summary>The advisory lock key of <see cref="FilmVotesRole"/> ("JUDGVOTE" as 8 bytes).</summary>
    public const long FilmVotesLockKey = 0x4A55_4447_564F_5445;

    private readonly string instance = Guid.NewGuid().ToString("N")[..12];
    private readonly Lock gate = new();
    private TaskCompletionSource leader = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource term = new();
    private volatile bool isLeader;
    private (string? Url, DateTimeOffset At) known;

    /// <summary>This instance's id (in the lease row and the logs).</summary>
    public string Instance => instance;

    /// <summary>True while this instance is the leader.</summary>
    public bool IsLeader => database.Provider == DatabaseProvider.Sqlite || isLeader;

    /// <summary>Completes when this instance becomes the leader, with a token cancelled when it stops being the leader.</summary>
    public async Task<CancellationToken> WhenLeaderAsync(CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Sqlite) return CancellationToken.None;
        Task wait;
        lock (gate) wait = leader.Task;
        await wait.WaitAsync(ct);
        lock (gate) return term.Token;
    }

    /// <summary>The leader's address from the lease (cached for half a second), or null when none is known.</summary>
    public async Task<string?> LeaderUrlAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (known.Url is not null && now - known.At < TimeSpan.FromMilliseconds(500)) return known.Url;
        await using var db = await factory.CreateDbContextAsync(ct);
        var url = await db.Set<InstanceLease>().AsNoTracking().Where(l => l.Role == FilmVotesRole).Select(l => l.Url).FirstOrDefaultAsync(ct);
        known = (url, now);
        return url;
    }

    /// <summary>Forgets the cached leader address (after a forward to it failed).</summary>
    public void ForgetLeader() => known = (null, default);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite) return;
        // Stand only once the server listens: the lease names the address others forward to.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        var period = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.ElectionMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString)
                {
                    Pooling = false, KeepAlive = 2, ApplicationName = "judging-leader-" + instance,
                }.ToString());
                await connection.OpenAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!isLeader)
                    {
                        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", connection);
                        cmd.Parameters.AddWithValue("k", FilmVotesLockKey);
                        if ((bool)(await cmd.ExecuteScalarAsync(stoppingToken))!) await BecomeLeaderAsync(stoppingToken);
                    }
                    else
                    {
                        // Still connected means still holding the lock.
                        await using var cmd = new NpgsqlCommand("SELECT 1", connection);
                        await cmd.ExecuteScalarAsync(stoppingToken);
                    }
                    await Task.Delay(period, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                StepDown($"the lock connection failed: {e.Message}");
                try { await Task.Delay(period, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }
        StepDown("stopping");
    }

    private async Task BecomeLeaderAsync(CancellationToken ct)
    {
        var url = OwnUrl();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var lease = await db.Set<InstanceLease>().FirstOrDefaultAsync(l => l.Role == FilmVotesRole, ct);
            if (lease is null) db.Add(lease = new InstanceLease { Role = FilmVotesRole, Url = url, Instance = instance });
            lease.Url = url;
            lease.Instance = instance;
            lease.AcquiredAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        known = (url, clock.GetUtcNow());
        isLeader = true;
        lock (gate) leader.TrySetResult();
        log.LogWarning("This instance ({Instance}, {Url}) is now the film vote writer", instance, url);
    }

    private void StepDown(string why)
    {
        if (!isLeader) return;
        isLeader = false;
        lock (gate)
        {
            term.Cancel();
            term.Dispose();
            term = new CancellationTokenSource();
            leader = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        ForgetLeader();
        log.LogWarning("This instance ({Instance}) is no longer the film vote writer: {Why}", instance, why);
    }

    private string OwnUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Url)) return options.Value.Url.TrimEnd('/');
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
        return address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1")
            .Replace("://*", "://127.0.0.1").TrimEnd('/');
    }
}

/// <summary>Who holds a single-writer role, and where to reach it (<see cref="LeaderElection"/>).</summary>
public sealed class InstanceLease
{
    /// <summary>The role, e.g. <c>film-votes</c> (key).</summary>
    public required string Role { get; set; }

    /// <summary>The leader's address for forwarded work, e.g. <c>http://127.0.0.1:5101</c>.</summary>
    public required string Url { get; set; }

    /// <summary>The leader instance's id.</summary>
    public required string Instance { get; set; }

    /// <summary>When it became the leader (UTC).</summary>
    public DateTimeOffset AcquiredAt { get; set; }
}
