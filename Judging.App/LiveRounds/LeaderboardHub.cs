namespace Judging.App.LiveRounds;

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
    ILiveEvents events, IServiceScopeFactory scopes, IHubContext<LeaderboardHub> hub, Microsoft.Extensions.Options.IOptionsMonitor<LeaderboardOptions> options,
    TimeProvider clock, ILogger<LeaderboardBroadcaster> log) : IHostedService
{
    private IDisposable? subscription;
    private Coalescer? coalescer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        coalescer = new Coalescer(() => TimeSpan.FromMilliseconds(options.CurrentValue.CoalesceMilliseconds),
            SendAsync, log, "Leaderboard", clock);
        subscription = events.Subscribe(e =>
        {
            if (e is RoundChanged or ScoreChanged) coalescer.Schedule(e.RoundId);
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        coalescer?.Stop();
        return Task.CompletedTask;
    }

    private async Task SendAsync(int roundId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<LeaderboardService>().GetAsync(roundId, ct);
        if (view is not null)
            await hub.Clients.Group(LeaderboardHub.GroupOf(roundId)).SendAsync("leaderboard", view, ct);
    }
}
