namespace Judging.App.VenueVoting;

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
    private readonly Lock gate = new();
    private Func<AudienceTallyView, ValueTask>[] listeners = [];
    private IDisposable? subscription;
    private Coalescer? coalescer;

    /// <summary>Calls <paramref name="listener"/> with every view sent (from a background thread); dispose the result to stop.</summary>
    public IDisposable Subscribe(Func<AudienceTallyView, ValueTask> listener)
    {
        lock (gate) listeners = [.. listeners, listener];
        return new Unsubscriber(() => { lock (gate) listeners = listeners.Where(l => l != listener).ToArray(); });
    }

    /// <summary>Starts listening to <see cref="AudienceVoteChanged"/> events.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        coalescer = new Coalescer(() => TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds), SendAsync, log, "Audience tally", clock);
        subscription = events.Subscribe(e =>
        {
            if (e is AudienceVoteChanged a) coalescer.Schedule(a.QuestionId);
            return ValueTask.CompletedTask;
        });
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and cancels pending recounts.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        coalescer?.Stop();
        return Task.CompletedTask;
    }

    private async Task SendAsync(int questionId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<AudienceTallyService>().GetViewAsync(questionId, ct);
        if (view is null) return;
        await hub.Clients.Group(AudienceHub.GroupOf(questionId)).SendAsync("tally", view, ct);
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
