namespace Judging.App.LiveRounds;

/// <summary>Something changed in a round; listeners re-read the database (events carry no truth).</summary>
public abstract record LiveEvent(int RoundId);

/// <summary>The organiser changed the round's live state (status, on stage, scoring open, running order, hide).</summary>
public sealed record RoundChanged(int RoundId) : LiveEvent(RoundId);

/// <summary>A score was stored or unlocked for one entry.</summary>
public sealed record ScoreChanged(int RoundId, int EntryId, int JudgeId) : LiveEvent(RoundId);

/// <summary>A track's finalists, awards, reveal or publication changed (RoundId: the final round, or 0 before it exists).</summary>
public sealed record AwardsChanged(int CompetitionId, Domain.Competitions.Track Track, int RoundId) : LiveEvent(RoundId);

/// <summary>Public votes of a film changed (accepted, held for review, included or excluded); RoundId 0.</summary>
public sealed record FilmVotesChanged(int CompetitionId, int EntryId) : LiveEvent(0);

/// <summary>
/// The one path live events take between app parts. The default is in-process; with several instances
/// behind a load balancer a PostgreSQL LISTEN/NOTIFY implementation replaces it (every listener then
/// re-reads the shared database, so no truth lives in one process's memory).
/// </summary>
public interface ILiveEvents
{
    /// <summary>Publishes after the change is committed; does not wait for the listeners.</summary>
    ValueTask PublishAsync(LiveEvent e, CancellationToken ct = default);

    /// <summary>Subscribes; dispose the result to stop. Handlers must not throw and should return quickly.</summary>
    IDisposable Subscribe(Func<LiveEvent, ValueTask> handler);
}

/// <summary>In-process <see cref="ILiveEvents"/> for a single instance (the SQLite default).</summary>
public sealed class InProcessLiveEvents(ILogger<InProcessLiveEvents> log) : ILiveEvents
{
    private readonly Lock gate = new();
    private ImmutableHandlers handlers = new([]);

    private sealed record ImmutableHandlers(Func<LiveEvent, ValueTask>[] Items);

    /// <summary>Starts every handler and returns without waiting for them: a submission is not slowed by its listeners.</summary>
    public ValueTask PublishAsync(LiveEvent e, CancellationToken ct = default)
    {
        foreach (var h in handlers.Items) _ = RunAsync(h, e);
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(Func<LiveEvent, ValueTask> handler, LiveEvent e)
    {
        try { await handler(e); }
        catch (Exception ex) { log.LogError(ex, "Live event handler failed for {Event}", e); }
    }

    public IDisposable Subscribe(Func<LiveEvent, ValueTask> handler)
    {
        lock (gate) handlers = new([.. handlers.Items, handler]);
        return new Unsubscriber(() => { lock (gate) handlers = new(handlers.Items.Where(h => h != handler).ToArray()); });
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        private Action? action = action;
        public void Dispose() => Interlocked.Exchange(ref action, null)?.Invoke();
    }
}
