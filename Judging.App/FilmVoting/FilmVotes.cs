namespace Judging.App.FilmVoting;

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Judging.App.Cluster;
using Judging.Domain.FilmVoting;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The front door of the public film vote for every caller (vote endpoint, review page, finalists, live counts): on the
/// instance that is the vote writer (<see cref="LeaderElection"/>; always on SQLite) it calls <see cref="FilmVoteWriter"/>
/// in process; on any other instance it forwards to the writer over HTTP (<c>/internal/film-votes/…</c>, HMAC-signed).
/// <para>Why one writer and forwarding rather than every instance writing: a vote's fate depends on the voter's quota
/// slots of the day, the vote ids and the burst detector's view of the last minute of ALL votes. With one writer those
/// stay exactly as on a single instance (tested, and benchmarked at thousands of votes a second), the database's unique
/// index on the quota slot remains the last arbiter, and an instance's death costs only the votes it had not yet
/// acknowledged: another instance takes the writer's advisory lock within a second and rebuilds the state from the
/// records. Forwarded votes travel in batches (one request for up to <see cref="FilmVoteWriter.MaxBatch"/> votes), so the
/// extra hop is paid per batch, not per vote. Acknowledged = committed by the writer, on PostgreSQL as on SQLite.</para>
/// </summary>
public sealed class FilmVotes : IFilmVoteCounts, IDisposable
{
    private readonly FilmVoteWriter writer;
    private readonly LeaderElection election;
    private readonly IHttpClientFactory http;
    private readonly VotingKeys keys;
    private readonly TimeProvider clock;
    private readonly ILogger<FilmVotes> log;
    private readonly IDisposable subscription;

    /// <summary>Creates the front door; a follower drops its cached tallies on every <see cref="LiveRounds.FilmVotesChanged"/>.</summary>
    public FilmVotes(FilmVoteWriter writer, LeaderElection election, IHttpClientFactory http, VotingKeys keys, TimeProvider clock,
        ILogger<FilmVotes> log, LiveRounds.ILiveEvents events)
    {
        (this.writer, this.election, this.http, this.keys, this.clock, this.log) = (writer, election, http, keys, clock, log);
        subscription = events.Subscribe(e =>
        {
            if (e is LiveRounds.FilmVotesChanged) Invalidate();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The named HTTP client for forwarding.</summary>
    public const string Client = "film-votes-forward";

    /// <summary>The header carrying the body's HMAC-SHA256 (hex) with <see cref="VotingKeys.ForwardKey"/>.</summary>
    public const string SignatureHeader = "X-Judging-Signature";

    private const string Unavailable = "投票暂时无法保存，请稍后再试";
    private readonly Channel<(VoteRequest Request, TaskCompletionSource<VoteResult> Done)> outbox =
        Channel.CreateUnbounded<(VoteRequest, TaskCompletionSource<VoteResult>)>(new() { SingleReader = true });
    private readonly Lock gate = new();
    private readonly Dictionary<int, (DateTimeOffset At, IReadOnlyDictionary<int, FilmTally> Tallies)> cache = [];
    private Task? forwarding;
    private readonly CancellationTokenSource stopping = new();

    /// <summary>True when this instance writes the votes itself.</summary>
    public bool IsWriter => election.IsLeader;

    /// <summary>Casts a vote: in process on the writer, else forwarded in the next batch. Never throws for a fault: <see cref="VoteResult.Failed"/>.</summary>
    public async Task<VoteResult> CastAsync(VoteRequest request, CancellationToken ct)
    {
        if (election.IsLeader) return await writer.CastAsync(request, ct);
        var done = new TaskCompletionSource<VoteResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        EnsureForwarding();
        await outbox.Writer.WriteAsync((request, done), ct);
        return await done.Task;
    }

    /// <summary>计入 / 排除 a held cluster (see <see cref="FilmVoteWriter.DecideClusterAsync"/>); a Chinese error or null.</summary>
    public async Task<string?> DecideClusterAsync(long clusterId, bool include, string reason, string actor, CancellationToken ct)
    {
        if (election.IsLeader) return await writer.DecideClusterAsync(clusterId, include, reason, actor, ct);
        try
        {
            var res = await SendAsync("/internal/film-votes/decide", new DecisionBody(clusterId, include, reason, actor), ct);
            var body = await res.Content.ReadFromJsonAsync<DecisionAnswer>(ct);
            Invalidate();
            return body?.Error;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            log.LogWarning("Forwarding a cluster decision failed: {Message}", e.Message);
            election.ForgetLeader();
            return FilmVoteWriter.DecisionRefusals.Unavailable;
        }
    }

    /// <summary>Public, held and excluded votes per film (from the writer; a follower keeps the last answer for 250 ms).</summary>
    public async Task<IReadOnlyDictionary<int, FilmTally>> TalliesAsync(int competitionId, CancellationToken ct)
    {
        if (election.IsLeader) return await writer.TalliesAsync(competitionId, ct);
        lock (gate)
            if (cache.TryGetValue(competitionId, out var c) && clock.GetUtcNow() - c.At < TimeSpan.FromMilliseconds(250)) return c.Tallies;
        try
        {
            var res = await SendAsync("/internal/film-votes/tallies", new TalliesBody(competitionId), ct);
            var rows = await res.Content.ReadFromJsonAsync<Dictionary<int, long[]>>(ct) ?? [];
            var tallies = rows.ToDictionary(r => r.Key, r => new FilmTally(r.Value[0], r.Value[1], r.Value[2]));
            lock (gate) cache[competitionId] = (clock.GetUtcNow(), tallies);
            return tallies;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            election.ForgetLeader();
            lock (gate)
                if (cache.TryGetValue(competitionId, out var stale)) return stale.Tallies; // the writer is changing hands: the last known counts
            log.LogWarning("Film vote tallies unavailable: {Message}", e.Message);
            throw new InvalidOperationException("投票服务暂时不可用，请稍后再试", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<int, long>> PublicCountsAsync(int competitionId, CancellationToken ct = default) =>
        (await TalliesAsync(competitionId, ct)).ToDictionary(t => t.Key, t => t.Value.Public);

    /// <inheritdoc />
    public async ValueTask<long> HeldVotesAsync(int competitionId, CancellationToken ct = default) =>
        (await TalliesAsync(competitionId, ct)).Values.Sum(t => t.Held);

    /// <summary>Drops the follower's cached tallies (a vote changed them).</summary>
    public void Invalidate() { lock (gate) cache.Clear(); }

    private void EnsureForwarding()
    {
        if (forwarding is not null) return;
        lock (gate) forwarding ??= Task.Run(() => ForwardLoopAsync(stopping.Token));
    }

    /// <summary>Takes up to a batch of queued votes and forwards them in one signed request; a failure answers each with <see cref="VoteResult.Failed"/>.</summary>
    private async Task ForwardLoopAsync(CancellationToken ct)
    {
        var batch = new List<(VoteRequest Request, TaskCompletionSource<VoteResult> Done)>(FilmVoteWriter.MaxBatch);
        try
        {
            while (await outbox.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < FilmVoteWriter.MaxBatch && outbox.Reader.TryRead(out var item)) batch.Add(item);
                if (election.IsLeader)
                {
                    // Became the writer meanwhile: cast in process.
                    foreach (var (request, done) in batch) _ = CastLocallyAsync(request, done);
                    continue;
                }
                try
                {
                    var res = await SendAsync("/internal/film-votes/cast", batch.Select(b => b.Request).ToList(), ct);
                    var results = await res.Content.ReadFromJsonAsync<List<VoteResult>>(ct) ?? [];
                    if (results.Count != batch.Count) throw new InvalidOperationException($"{results.Count} results for {batch.Count} votes");
                    for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                    Invalidate();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
                {
                    log.LogWarning("Forwarding {Count} film votes failed: {Message}", batch.Count, e.Message);
                    election.ForgetLeader();
                    foreach (var (_, done) in batch) done.TrySetResult(new VoteResult(VoteRefusal.None, false, 0, Unavailable, Failed: true));
                }
            }
        }
        catch (OperationCanceledException) { }
        while (outbox.Reader.TryRead(out var left)) left.Done.TrySetResult(new VoteResult(VoteRefusal.None, false, 0, Unavailable, Failed: true));
    }

    private async Task CastLocallyAsync(VoteRequest request, TaskCompletionSource<VoteResult> done)
    {
        try { done.TrySetResult(await writer.CastAsync(request, CancellationToken.None)); }
        catch (Exception e) { done.TrySetException(e); }
    }

    private async Task<HttpResponseMessage> SendAsync<T>(string path, T body, CancellationToken ct)
    {
        var url = await election.LeaderUrlAsync(ct) ?? throw new HttpRequestException("no film vote writer yet");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url + path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(SignatureHeader, Sign(bytes));
        using var client = http.CreateClient(Client);
        var res = await client.SendAsync(request, ct);
        if (!res.IsSuccessStatusCode) throw new HttpRequestException($"the film vote writer answered {(int)res.StatusCode}");
        return res;
    }

    /// <summary>Hex HMAC-SHA256 of <paramref name="body"/> with the forwarding key.</summary>
    public string Sign(ReadOnlySpan<byte> body) => Convert.ToHexString(HMACSHA256.HashData(keys.ForwardKey, body));

    /// <summary>True when <paramref name="signature"/> is the body's signature (constant-time comparison).</summary>
    public bool Verify(ReadOnlySpan<byte> body, string? signature) =>
        signature is { Length: 64 } && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Sign(body)), System.Text.Encoding.ASCII.GetBytes(signature.ToUpperInvariant()));

    /// <summary>Stops forwarding; queued votes are answered as failed.</summary>
    public void Dispose()
    {
        subscription.Dispose();
        stopping.Cancel();
        outbox.Writer.TryComplete();
    }

    /// <summary>A forwarded cluster decision.</summary>
    public sealed record DecisionBody(long ClusterId, bool Include, string Reason, string Actor);

    /// <summary>A forwarded tallies request.</summary>
    public sealed record TalliesBody(int CompetitionId);

    /// <summary>The writer's answer to a forwarded decision: a Chinese error or null.</summary>
    public sealed record DecisionAnswer(string? Error);
}

/// <summary>
/// The writer's side of forwarding: <c>POST /internal/film-votes/cast</c> (a JSON array of votes → their results in the
/// same order), <c>POST /internal/film-votes/decide</c>, <c>POST /internal/film-votes/tallies</c> (<c>{competitionId}</c> →
/// <c>{entryId: [public, held, excluded]}</c>). Each needs the body's HMAC in <see cref="FilmVotes.SignatureHeader"/>
/// (401 otherwise) and answers 409 on an instance that is not the writer (the sender looks the writer up again).
/// </summary>
public static class FilmVoteForwarding
{
    /// <summary>Maps the three routes.</summary>
    public static IEndpointRouteBuilder MapFilmVoteForwarding(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/film-votes").DisableAntiforgery();
        group.MapPost("/cast", CastAsync);
        group.MapPost("/decide", DecideAsync);
        group.MapPost("/tallies", TalliesAsync);
        return app;
    }

    private static async Task<byte[]?> SignedBodyAsync(HttpContext http, FilmVotes votes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return votes.Verify(bytes, http.Request.Headers[FilmVotes.SignatureHeader]) ? bytes : null;
    }

    private static async Task<Results<Ok<List<VoteResult>>, UnauthorizedHttpResult, Conflict>> CastAsync(
        HttpContext http, FilmVotes votes, FilmVoteWriter writer, LeaderElection election, CancellationToken ct)
    {
        if (await SignedBodyAsync(http, votes, ct) is not { } bytes) return TypedResults.Unauthorized();
        if (!election.IsLeader) return TypedResults.Conflict();
        var requests = JsonSerializer.Deserialize<List<VoteRequest>>(bytes) ?? [];
        var results = await Task.WhenAll(requests.Select(r => writer.CastAsync(r, CancellationToken.None)));
        return TypedResults.Ok(results.ToList());
    }

    private static async Task<Results<Ok<FilmVotes.DecisionAnswer>, UnauthorizedHttpResult, Conflict>> DecideAsync(
        HttpContext http, FilmVotes votes, FilmVoteWriter writer, LeaderElection election, CancellationToken ct)
    {
        if (await SignedBodyAsync(http, votes, ct) is not { } bytes) return TypedResults.Unauthorized();
        if (!election.IsLeader) return TypedResults.Conflict();
        if (JsonSerializer.Deserialize<FilmVotes.DecisionBody>(bytes) is not { } d) return TypedResults.Ok(new FilmVotes.DecisionAnswer(FilmVoteWriter.DecisionRefusals.BadRequest));
        return TypedResults.Ok(new FilmVotes.DecisionAnswer(await writer.DecideClusterAsync(d.ClusterId, d.Include, d.Reason, d.Actor, ct)));
    }

    private static async Task<Results<Ok<Dictionary<int, long[]>>, UnauthorizedHttpResult, Conflict>> TalliesAsync(
        HttpContext http, FilmVotes votes, FilmVoteWriter writer, LeaderElection election, CancellationToken ct)
    {
        if (await SignedBodyAsync(http, votes, ct) is not { } bytes) return TypedResults.Unauthorized();
        if (!election.IsLeader) return TypedResults.Conflict();
        if (JsonSerializer.Deserialize<FilmVotes.TalliesBody>(bytes) is not { } body) return TypedResults.Ok(new Dictionary<int, long[]>());
        var tallies = await writer.TalliesAsync(body.CompetitionId, ct);
        return TypedResults.Ok(tallies.ToDictionary(t => t.Key, t => new[] { t.Value.Public, t.Value.Held, t.Value.Excluded }));
    }
}
