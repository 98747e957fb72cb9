namespace Judging.App.AudienceVoting;

using System.Collections.Concurrent;
using Judging.App.LiveRounds;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

/// <summary>
/// A vote was stored, or the organiser changed a vote or its award (opened, closed, decided). Listeners
/// re-read the database. <c>RoundId</c> is 0 (no round) so that round listeners (leaderboards, consoles,
/// judges' pads) are not woken by every vote in the hall.
/// </summary>
/// <param name="QuestionId">The vote (<c>AudienceQuestion.Id</c>).</param>
public sealed record AudienceVoteChanged(int QuestionId) : LiveEvent(0);

/// <summary>
/// SignalR hub at <c>/hubs/audience</c> (read-only, anonymous like the projector). A client calls
/// <c>Join(questionId)</c>, gets the current <see cref="AudienceTallyView"/> back (null: no such vote),
/// then receives <c>tally</c> messages with the whole view after changes (coalesced).
/// </summary>
public sealed class AudienceHub(AudienceTallyService tallies) : Hub
{
    /// <summary>SignalR group name of a vote.</summary>
    public static string GroupOf(int questionId) => $"audience-{questionId}";

    /// <summary>Subscribes the caller to <paramref name="questionId"/> and returns its tally now (null: no such vote).</summary>
    public async Task<AudienceTallyView?> Join(int questionId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(questionId));
        return await tallies.GetViewAsync(questionId, Context.ConnectionAborted);
    }

    /// <summary>Unsubscribes the caller from <paramref name="questionId"/>.</summary>
    public Task Leave(int questionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(questionId));
}

/// <summary>
/// Sends each vote's tally to its hub group (and to in-process listeners such as the organiser's page)
/// after <see cref="AudienceVoteChanged"/> events, coalescing bursts: at most one recount per vote per
/// <see cref="AudienceVoteOptions.CoalesceMilliseconds"/> (default 250 ms), and always one after the last
/// event, so the projector converges on the stored count.
/// </summary>
public sealed class AudienceTallyBroadcaster(
    ILiveEvents events, IServiceScopeFactory scopes, IHubContext<AudienceHub> hub, IOptions<AudienceVoteOptions> options,
    TimeProvider clock, ILogger<AudienceTallyBroadcaster> log) : IHostedService
{
    private readonly ConcurrentDictionary<int, QuestionState> questions = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Func<AudienceTallyView, ValueTask>[] listeners = [];
    private IDisposable? subscription;
    private TimeSpan Window => TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds);

    private sealed class QuestionState
    {
        public int Dirty; // 1 when a change arrived since the last send started
        public int Running; // 1 while a send loop runs
    }

    /// <summary>Calls <paramref name="listener"/> with every view sent (from a background thread); dispose the result to stop.</summary>
    public IDisposable Subscribe(Func<AudienceTallyView, ValueTask> listener)
    {
        lock (gate) listeners = [.. listeners, listener];
        return new Unsubscriber(() => { lock (gate) listeners = listeners.Where(l => l != listener).ToArray(); });
    }

    /// <summary>Starts listening to <see cref="AudienceVoteChanged"/> events.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(e =>
        {
            if (e is AudienceVoteChanged a) Schedule(a.QuestionId);
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and cancels pending recounts.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        stopping.Cancel();
        return Task.CompletedTask;
    }

    private void Schedule(int questionId)
    {
        var state = questions.GetOrAdd(questionId, _ => new QuestionState());
        Interlocked.Exchange(ref state.Dirty, 1);
        if (Interlocked.CompareExchange(ref state.Running, 1, 0) == 0)
            _ = Task.Run(() => LoopAsync(questionId, state));
    }

    private async Task LoopAsync(int questionId, QuestionState state)
    {
        try
        {
            while (Interlocked.Exchange(ref state.Dirty, 0) == 1 && !stopping.IsCancellationRequested)
            {
                var started = clock.GetUtcNow();
                try
                {
                    await SendAsync(questionId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the change pending and try again after the window: the projector must converge.
                    log.LogError(ex, "Audience tally broadcast failed for question {QuestionId}; retrying", questionId);
                    Interlocked.Exchange(ref state.Dirty, 1);
                }
                var rest = Window - (clock.GetUtcNow() - started);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, clock, stopping.Token);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            // Full fences on both: an event that set Dirty after the last check is seen here or by Schedule.
            Interlocked.Exchange(ref state.Running, 0);
            if (Interlocked.CompareExchange(ref state.Dirty, 0, 0) == 1 && !stopping.IsCancellationRequested) Schedule(questionId);
        }
    }

    private async Task SendAsync(int questionId)
    {
        using var scope = scopes.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<AudienceTallyService>().GetViewAsync(questionId, stopping.Token);
        if (view is null) return;
        await hub.Clients.Group(AudienceHub.GroupOf(questionId)).SendAsync("tally", view, stopping.Token);
        foreach (var l in listeners)
        {
            try { await l(view); }
            catch (Exception ex) { log.LogError(ex, "Audience tally listener failed for question {QuestionId}", questionId); }
        }
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        private Action? action = action;
        public void Dispose() => Interlocked.Exchange(ref action, null)?.Invoke();
    }
}
