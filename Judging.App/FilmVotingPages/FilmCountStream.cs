namespace Judging.App.FilmVotingPages;

using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Judging.App.LiveRounds;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

/// <summary>
/// Live public counts of the films (issue 4, "Live counts … coalesced to at most one update per film per second"):
/// ONE subscriber to <see cref="ILiveEvents"/> turns <see cref="FilmVotesChanged"/> into at most one update per film per
/// <see cref="PublicFilmsOptions.CoalesceMilliseconds"/> (the shared <see cref="Coalescer"/>, keyed by entry id), reads
/// the film's public count once, serialises it once, and hands the same bytes to every connected stream of that
/// competition. Each stream has its own bounded queue (<see cref="PublicFilmsOptions.ClientQueue"/> messages,
/// drop-oldest), so a slow phone never slows the others; a stream that dropped a message is sent a fresh snapshot.
/// A heartbeat comment goes to every stream every <see cref="PublicFilmsOptions.HeartbeatSeconds"/> seconds.
/// </summary>
public sealed class FilmCountBroadcaster : IHostedService, IDisposable
{
    private readonly ILiveEvents events;
    private readonly PublicFilmCatalog catalog;
    private readonly IOptions<PublicFilmsOptions> options;
    private readonly ILogger<FilmCountBroadcaster> log;
    private readonly TimeProvider clock;
    private readonly Coalescer coalescer;
    private readonly ConcurrentDictionary<int, int> competitionOfEntry = new();
    private readonly ConcurrentDictionary<int, Audience> audiences = new();
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? subscription;
    private Task? heartbeat;

    /// <summary>The comment line sent as a heartbeat (keeps proxies and phones from closing an idle stream).</summary>
    public static readonly byte[] Heartbeat = ": hb\n\n"u8.ToArray();

    /// <summary>Creates the broadcaster; <see cref="StartAsync"/> subscribes.</summary>
    public FilmCountBroadcaster(ILiveEvents events, PublicFilmCatalog catalog, IOptions<PublicFilmsOptions> options, ILogger<FilmCountBroadcaster> log, TimeProvider clock)
    {
        (this.events, this.catalog, this.options, this.log, this.clock) = (events, catalog, options, log, clock);
        coalescer = new Coalescer(() => TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds), SendAsync, log, "Film count", clock);
    }

    /// <summary>Streams connected now, over all competitions.</summary>
    public int Connected => audiences.Values.Sum(a => a.Count);

    /// <summary>Updates sent so far (one per coalesced film change, before fan-out).</summary>
    public long UpdatesSent => Interlocked.Read(ref updatesSent);
    private long updatesSent;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(e =>
        {
            if (e is FilmVotesChanged f)
            {
                competitionOfEntry[f.EntryId] = f.CompetitionId;
                coalescer.Schedule(f.EntryId);
            }
            return ValueTask.CompletedTask;
        });
        heartbeat = HeartbeatLoopAsync(stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        coalescer.Stop();
        // A test host may dispose the service before the host stops it: nothing is left to cancel then.
        if (Volatile.Read(ref disposed)) return;
        try { await stopping.CancelAsync(); }
        catch (ObjectDisposedException) { return; }
        foreach (var a in audiences.Values) a.CompleteAll();
        if (heartbeat is not null) await heartbeat.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        subscription?.Dispose();
        stopping.Dispose();
    }

    private bool disposed;

    private async Task SendAsync(int entryId, CancellationToken ct)
    {
        if (!competitionOfEntry.TryGetValue(entryId, out var competitionId)) return;
        var counts = await catalog.CountsAsync(competitionId, ct);
        var payload = CountEvent(entryId, counts.GetValueOrDefault(entryId));
        Interlocked.Increment(ref updatesSent);
        if (audiences.TryGetValue(competitionId, out var audience)) audience.Broadcast(payload);
    }

    private async Task HeartbeatLoopAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), clock);
            while (await timer.WaitForNextTickAsync(ct))
                foreach (var a in audiences.Values) a.Broadcast(Heartbeat);
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// <c>event: count</c> with <c>{"entryId":12,"count":345}</c>: the film's public count (votes) after a change.
    /// </summary>
    public static byte[] CountEvent(int entryId, long count) =>
        Encoding.UTF8.GetBytes($"event: count\ndata: {{\"entryId\":{entryId},\"count\":{count}}}\n\n");

    /// <summary>
    /// <c>event: snapshot</c> with <c>{"counts":{"12":345,…}}</c>: every film's public count, the first event of a
    /// stream (and after the stream's queue overflowed).
    /// </summary>
    public static byte[] SnapshotEvent(IReadOnlyDictionary<int, long> counts) =>
        Encoding.UTF8.GetBytes("event: snapshot\ndata: " + JsonSerializer.Serialize(new { counts = counts.ToDictionary(k => k.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), k => k.Value) }) + "\n\n");

    /// <summary>
    /// Serves one <c>text/event-stream</c> for <paramref name="competitionId"/> until the client goes away: a
    /// <c>retry</c> hint, the snapshot, then the updates and heartbeats. Holds no Blazor circuit and no database
    /// connection while idle.
    /// </summary>
    public async Task StreamAsync(HttpContext http, int competitionId, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var client = new Client(options.Value.ClientQueue);
        var audience = audiences.GetOrAdd(competitionId, _ => new Audience());
        audience.Add(client);
        try
        {
            // Registered before the snapshot is read: a change after the read arrives as an update, never lost.
            var writer = response.BodyWriter;
            writer.Write("retry: 3000\n\n"u8);
            writer.Write(SnapshotEvent(await catalog.CountsAsync(competitionId, ct)));
            await writer.FlushAsync(ct);
            var reader = client.Queue.Reader;
            while (await reader.WaitToReadAsync(ct))
            {
                if (Interlocked.Exchange(ref client.Resync, 0) == 1)
                {
                    while (reader.TryRead(out _)) { }
                    writer.Write(SnapshotEvent(await catalog.CountsAsync(competitionId, ct)));
                }
                // Everything waiting goes out in one write and one flush.
                while (reader.TryRead(out var message)) writer.Write(message);
                var flushed = await writer.FlushAsync(ct);
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            audience.Remove(client);
        }
    }

    /// <summary>One connected stream: its bounded, drop-oldest queue of serialised events.</summary>
    private sealed class Client
    {
        public readonly Channel<byte[]> Queue;
        public int Resync; // 1 after the queue dropped a message: send a snapshot next

        public Client(int capacity) =>
            Queue = Channel.CreateBounded<byte[]>(
                new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
                _ => Interlocked.Exchange(ref Resync, 1));
    }

    /// <summary>The streams of one competition (copy-on-write array: broadcasting takes no lock).</summary>
    private sealed class Audience
    {
        private readonly Lock gate = new();
        private Client[] clients = [];

        public int Count => Volatile.Read(ref clients).Length;

        public void Add(Client c) { lock (gate) clients = [.. clients, c]; }

        public void Remove(Client c) { lock (gate) clients = clients.Where(x => x != c).ToArray(); }

        public void Broadcast(byte[] payload)
        {
            foreach (var c in Volatile.Read(ref clients)) c.Queue.Writer.TryWrite(payload);
        }

        public void CompleteAll()
        {
            foreach (var c in Volatile.Read(ref clients)) c.Queue.Writer.TryComplete();
        }
    }
}
