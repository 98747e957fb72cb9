namespace Judging.App.LiveRounds;

using System.Collections.Concurrent;

/// <summary>
/// Coalesces bursts of changes per key (a round, a vote…): after <see cref="Schedule"/>, <c>send(key)</c> runs at most
/// once per window per key (and half a window after a slow send ends) and always once after the last change, so a display converges on the stored state
/// without one recomputation per event. A failed send is retried after the window. Used by the live broadcasters.
/// </summary>
public sealed class Coalescer(Func<TimeSpan> window, Func<int, CancellationToken, Task> send, ILogger log, string what, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, KeyState> keys = new();
    private readonly CancellationTokenSource stopping = new();

    private sealed class KeyState
    {
        public int Dirty; // 1 when a change arrived since the last send started
        public int Running; // 1 while a send loop runs
    }

    /// <summary>Cancelled by <see cref="Stop"/>; pass it to the sends.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>Marks <paramref name="key"/> changed; starts its send loop unless one runs.</summary>
    public void Schedule(int key)
    {
        var state = keys.GetOrAdd(key, _ => new KeyState());
        Interlocked.Exchange(ref state.Dirty, 1);
        if (Interlocked.CompareExchange(ref state.Running, 1, 0) == 0)
            _ = Task.Run(() => LoopAsync(key, state));
    }

    /// <summary>Stops every loop and pending send.</summary>
    public void Stop() => stopping.Cancel();

    private async Task LoopAsync(int key, KeyState state)
    {
        try
        {
            while (Interlocked.Exchange(ref state.Dirty, 0) == 1 && !stopping.IsCancellationRequested)
            {
                var started = clock.GetUtcNow();
                try
                {
                    await send(key, stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the change pending and try again after the window: the display must converge.
                    log.LogError(ex, "{What} broadcast failed for {Key}; retrying", what, key);
                    Interlocked.Exchange(ref state.Dirty, 1);
                }
                // Sends start at least a window apart; a send that took longer than half the window is followed by half a
                // window of rest, so a slow send (a loaded database) is not followed at once by the next delivery.
                var w = window();
                var rest = w - (clock.GetUtcNow() - started);
                if (rest < w / 2) rest = w / 2;
                if (rest > TimeSpan.Zero) await Task.Delay(rest, clock, stopping.Token);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            // Full fences on both: an event that set Dirty after the last check is seen here or by Schedule.
            Interlocked.Exchange(ref state.Running, 0);
            if (Interlocked.CompareExchange(ref state.Dirty, 0, 0) == 1 && !stopping.IsCancellationRequested) Schedule(key);
        }
    }
}
