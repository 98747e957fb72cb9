namespace Judging.App.LiveRounds;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// SignalR hub at <c>/hubs/leaderboard</c> (read-only, anonymous like the JSON API). A client calls
/// <c>Join(roundId)</c>, gets the current <see cref="LeaderboardView"/> back, then receives
/// <c>leaderboard</c> messages with the whole view after every change (coalesced).
/// </summary>
public sealed class LeaderboardHub(LeaderboardService leaderboards) : Hub
{
    /// <summary>SignalR group name of a round.</summary>
    public static string GroupOf(int roundId) => $"round-{roundId}";

    /// <summary>Subscribes the caller to <paramref name="roundId"/> and returns its leaderboard now (null: no such round).</summary>
    public async Task<LeaderboardView?> Join(int roundId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(roundId));
        return await leaderboards.GetAsync(roundId, Context.ConnectionAborted);
    }

    /// <summary>Unsubscribes the caller from <paramref name="roundId"/>.</summary>
    public Task Leave(int roundId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(roundId));
}

/// <summary>
/// Sends each round's leaderboard to its hub group after live events, coalescing bursts: at most one
/// recomputation per round per <c>Judging:Leaderboard:CoalesceMilliseconds</c> (default 100 ms), and
/// always one after the last event, so a submission reaches the projector well within a second.
/// </summary>
public sealed class LeaderboardBroadcaster(
    ILiveEvents events, IServiceScopeFactory scopes, IHubContext<LeaderboardHub> hub, IConfiguration config,
    ILogger<LeaderboardBroadcaster> log) : IHostedService
{
    private readonly ConcurrentDictionary<int, RoundState> rounds = new();
    private IDisposable? subscription;
    private readonly CancellationTokenSource stopping = new();
    private TimeSpan Window => TimeSpan.FromMilliseconds(config.GetValue("Judging:Leaderboard:CoalesceMilliseconds", 100));

    private sealed class RoundState
    {
        public int Dirty; // 1 when a change arrived since the last send started
        public int Running; // 1 while a send loop runs
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(e =>
        {
            if (e is RoundChanged or ScoreChanged) Schedule(e.RoundId);
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        stopping.Cancel();
        return Task.CompletedTask;
    }

    private void Schedule(int roundId)
    {
        var state = rounds.GetOrAdd(roundId, _ => new RoundState());
        Interlocked.Exchange(ref state.Dirty, 1);
        if (Interlocked.CompareExchange(ref state.Running, 1, 0) == 0)
            _ = Task.Run(() => LoopAsync(roundId, state));
    }

    private async Task LoopAsync(int roundId, RoundState state)
    {
        try
        {
            while (Interlocked.Exchange(ref state.Dirty, 0) == 1 && !stopping.IsCancellationRequested)
            {
                var started = DateTimeOffset.UtcNow;
                try
                {
                    await SendAsync(roundId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the change pending and try again after the window: the projector must converge.
                    log.LogError(ex, "Leaderboard broadcast failed for round {RoundId}; retrying", roundId);
                    Interlocked.Exchange(ref state.Dirty, 1);
                }
                var rest = Window - (DateTimeOffset.UtcNow - started);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, stopping.Token);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            // Full fences on both: an event that set Dirty after the last check is seen here or by Schedule.
            Interlocked.Exchange(ref state.Running, 0);
            if (Interlocked.CompareExchange(ref state.Dirty, 0, 0) == 1 && !stopping.IsCancellationRequested) Schedule(roundId);
        }
    }

    private async Task SendAsync(int roundId)
    {
        using var scope = scopes.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<LeaderboardService>().GetAsync(roundId, stopping.Token);
        if (view is not null)
            await hub.Clients.Group(LeaderboardHub.GroupOf(roundId)).SendAsync("leaderboard", view, stopping.Token);
    }
}
