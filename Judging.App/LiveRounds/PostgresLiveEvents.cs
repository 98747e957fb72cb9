namespace Judging.App.LiveRounds;

using System.Globalization;
using System.Threading.Channels;
using Judging.App.VenueVoting;
using Judging.Domain.VenueVoting;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// <see cref="ILiveEvents"/> across app instances through PostgreSQL <c>LISTEN/NOTIFY</c> (issue 11, "Several instances
/// behind a load balancer"). A published event reaches this instance's listeners at once (in process) and the other
/// instances' listeners through one notification on channel <see cref="Channel"/>. Payloads are ids only
/// (<c>instance|kind|id|id…</c>, see <see cref="Encode"/>); listeners re-read the database as they do in process, so a
/// notification carries no truth. Notifications are sent by one loop, many to a round trip.
/// <para>One connection LISTENs; when it drops, the loop reconnects (1 s, 2 s … 10 s apart) and then resynchronises
/// this instance's listeners with <see cref="LiveResync"/>: events sent while it was away are lost, so every live round,
/// film competition, track and open audience vote is announced again and the listeners re-read the database.</para>
/// </summary>
public sealed class PostgresLiveEvents(DatabaseSettings database, IDbContextFactory<JudgingDb> factory, ILogger<PostgresLiveEvents> log, ILogger<InProcessLiveEvents> localLog)
    : BackgroundService, ILiveEvents
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "judging_live";

    private readonly InProcessLiveEvents local = new(localLog);
    private readonly Channel<string> outbox = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly string instance = Guid.NewGuid().ToString("N")[..12];
    private long received;

    /// <summary>This instance's id in payloads (its own notifications are not dispatched twice).</summary>
    public string Instance => instance;

    /// <summary>Notifications received from other instances so far.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Raised after the listening connection is (re)established (first connection included).</summary>
    public event Action? Listening;

    /// <inheritdoc />
    public ValueTask PublishAsync(LiveEvent e, CancellationToken ct = default)
    {
        _ = local.PublishAsync(e, ct);
        if (Encode(e) is { } payload) outbox.Writer.TryWrite(instance + "|" + payload);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<LiveEvent, ValueTask> handler) => local.Subscribe(handler);

    /// <summary>The payload of an event without the instance, e.g. <c>S|3|41|7</c>; null for an event that stays in process.</summary>
    public static string? Encode(LiveEvent e) => e switch
    {
        RoundChanged r => $"R|{r.RoundId}",
        ScoreChanged s => $"S|{s.RoundId}|{s.EntryId}|{s.JudgeId}",
        AwardsChanged a => $"A|{a.CompetitionId}|{(int)a.Track}|{a.RoundId}",
        FilmVotesChanged f => $"F|{f.CompetitionId}|{f.EntryId}",
        AudienceVoteChanged q => $"Q|{q.QuestionId}",
        VotingSettingsChanged v => $"V|{v.CompetitionId}",
        _ => null,
    };

    /// <summary>The event of a payload made by <see cref="Encode"/> (without the instance), or null when it is not one.</summary>
    public static LiveEvent? Decode(string payload)
    {
        var parts = payload.Split('|');
        int N(int i) => int.Parse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
        try
        {
            return parts[0] switch
            {
                "R" when parts.Length == 2 => new RoundChanged(N(1)),
                "S" when parts.Length == 4 => new ScoreChanged(N(1), N(2), N(3)),
                "A" when parts.Length == 4 => new AwardsChanged(N(1), (Track)N(2), N(3)),
                "F" when parts.Length == 3 => new FilmVotesChanged(N(1), N(2)),
                "Q" when parts.Length == 2 => new AudienceVoteChanged(N(1)),
                "V" when parts.Length == 2 => new VotingSettingsChanged(N(1)),
                _ => null,
            };
        }
        catch (FormatException) { return null; }
        catch (OverflowException) { return null; }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString)
                {
                    Pooling = false, KeepAlive = 5, ApplicationName = "judging-live-" + instance,
                }.ToString());
                await connection.OpenAsync(ct);
                connection.Notification += (_, n) => OnNotification(n.Payload);
                await using (var cmd = new NpgsqlCommand($"LISTEN {Channel}", connection)) await cmd.ExecuteNonQueryAsync(ct);
                delay = TimeSpan.FromSeconds(1);
                log.LogInformation("Live events: listening on PostgreSQL channel {Channel} as {Instance}", Channel, instance);
                Listening?.Invoke();
                if (!first) await ResyncAsync(ct);
                first = false;
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning("Live events: the listening connection failed ({Message}); reconnecting in {Delay} s", e.Message, delay.TotalSeconds);
                try { await Task.Delay(delay, ct); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromSeconds(Math.Min(10, delay.TotalSeconds * 2));
                first = false;
            }
        }
    }

    private void OnNotification(string payload)
    {
        var bar = payload.IndexOf('|');
        if (bar < 0 || payload.AsSpan(0, bar).SequenceEqual(instance)) return;
        if (Decode(payload[(bar + 1)..]) is not { } e) return;
        Interlocked.Increment(ref received);
        _ = local.PublishAsync(e);
    }

    /// <summary>Sends queued payloads, up to 100 in one round trip; a failed send is logged and dropped (listeners converge at the next event or resync).</summary>
    private async Task SendAsync(CancellationToken ct)
    {
        var batch = new List<string>(100);
        try
        {
            while (await outbox.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < 100 && outbox.Reader.TryRead(out var p)) batch.Add(p);
                try
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                    await connection.OpenAsync(ct);
                    await using var cmd = connection.CreateCommand();
                    cmd.CommandText = "SELECT " + string.Join(", ", batch.Select((_, i) => $"pg_notify('{Channel}', @p{i})"));
                    for (var i = 0; i < batch.Count; i++) cmd.Parameters.AddWithValue("p" + i, batch[i]);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning("Live events: {Count} notifications not sent ({Message})", batch.Count, e.Message);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Announces, in process only, everything a listener may be showing, so each re-reads the database.</summary>
    private async Task ResyncAsync(CancellationToken ct)
    {
        try
        {
            var events = await LiveResync.EventsAsync(factory, ct);
            foreach (var e in events) _ = local.PublishAsync(e, ct);
            log.LogInformation("Live events: resynchronised {Count} listeners' subjects after reconnecting", events.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Live events: resynchronising failed ({Message})", e.Message);
        }
    }
}

/// <summary>The voting settings of a competition were saved (another instance's vote writer reloads them); RoundId 0.</summary>
public sealed record VotingSettingsChanged(int CompetitionId) : LiveEvent(0);

/// <summary>
/// The events that make every listener re-read what it shows: each round (<see cref="RoundChanged"/>), each competition's
/// tracks (<see cref="AwardsChanged"/>), each film (<see cref="FilmVotesChanged"/>), each audience question
/// (<see cref="AudienceVoteChanged"/>) and each competition's voting settings.
/// </summary>
public static class LiveResync
{
    /// <summary>The events, read from the database.</summary>
    public static async Task<IReadOnlyList<LiveEvent>> EventsAsync(IDbContextFactory<JudgingDb> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var events = new List<LiveEvent>();
        events.AddRange((await db.Rounds.AsNoTracking().Where(r => r.Status != Domain.LiveRounds.RoundStatus.Closed).Select(r => r.Id).ToListAsync(ct))
            .Select(id => new RoundChanged(id)));
        var competitions = await db.Competitions.AsNoTracking().Select(c => c.Id).ToListAsync(ct);
        foreach (var c in competitions)
        {
            events.AddRange(Enum.GetValues<Track>().Select(t => new AwardsChanged(c, t, 0)));
            events.Add(new VotingSettingsChanged(c));
        }
        events.AddRange((await db.Entries.AsNoTracking().Where(e => e.Track == Track.MicroFilm).Select(e => new { e.CompetitionId, e.Id }).ToListAsync(ct))
            .Select(f => new FilmVotesChanged(f.CompetitionId, f.Id)));
        events.AddRange((await db.Set<AudienceQuestion>().AsNoTracking().Select(q => q.Id).ToListAsync(ct)).Select(id => new AudienceVoteChanged(id)));
        return events;
    }
}
