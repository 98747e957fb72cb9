namespace Judging.App.Components.Pages.Organiser;

using Judging.App.LiveRounds;

/// <summary>
/// Keeps an organiser page's film vote counts live (issue 4: "Live counts to … the organiser's leaderboard …
/// coalesced to at most one update per film per second"): subscribes to <see cref="ILiveEvents"/> and, on
/// <see cref="FilmVotesChanged"/> of the page's competition, runs <c>reload</c> at most once per
/// <see cref="Window"/> (1 second): at once after a quiet second, else when the second since the last reload
/// started is over, and always once after the last change, so the page converges on the stored counts. A burst of
/// thousands of votes per second costs the page one reload per second. Dispose to unsubscribe.
/// </summary>
public sealed class FilmVotesReload : IDisposable
{
    /// <summary>The shortest time between the starts of two reloads.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Func<Task> reload;
    private readonly IDisposable subscription;
    private readonly CancellationTokenSource disposed = new();
    private long? lastStart; // Environment.TickCount64 of the last reload's start, null before the first
    private int dirty; // 1 when a change arrived since the last reload started
    private int running; // 1 while the reload loop runs

    /// <summary>
    /// Subscribes; <paramref name="reload"/> reads the counts and re-renders (wrap it in the component's
    /// <c>InvokeAsync</c>). Exceptions from it are swallowed: the next change retries.
    /// </summary>
    public FilmVotesReload(ILiveEvents events, int competitionId, Func<Task> reload)
    {
        this.reload = reload;
        subscription = events.Subscribe(e =>
        {
            if (e is FilmVotesChanged f && f.CompetitionId == competitionId) Schedule();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Reloads done so far (for tests and logs).</summary>
    public int Reloads => Volatile.Read(ref reloads);
    private int reloads;

    private void Schedule()
    {
        Interlocked.Exchange(ref dirty, 1);
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0) _ = LoopAsync();
    }

    private async Task LoopAsync()
    {
        var ct = disposed.Token;
        try
        {
            while (!ct.IsCancellationRequested && Interlocked.Exchange(ref dirty, 0) == 1)
            {
                var wait = lastStart is { } last ? Window - TimeSpan.FromMilliseconds(Environment.TickCount64 - last) : TimeSpan.Zero;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                    Interlocked.Exchange(ref dirty, 0); // changes during the wait are covered by this reload
                }
                lastStart = Environment.TickCount64;
                Interlocked.Increment(ref reloads);
                try { await reload(); }
                catch (Exception ex) when (ex is not OperationCanceledException) { }
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            Interlocked.Exchange(ref running, 0);
            if (Volatile.Read(ref dirty) == 1 && !ct.IsCancellationRequested) Schedule();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        subscription.Dispose();
        disposed.Cancel();
    }
}
