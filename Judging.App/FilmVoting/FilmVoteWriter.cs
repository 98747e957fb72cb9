namespace Judging.App.FilmVoting;

using Judging.Domain.Competitions;
using System.Threading.Channels;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.Scoring;
using Judging.Domain.FilmVoting;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

/// <summary>One vote to cast: the film, the voter (from the cookie) and the request's signals.</summary>
/// <param name="CompetitionId">The film's competition.</param>
/// <param name="EntryId">The film.</param>
/// <param name="Voter">The verified voter.</param>
/// <param name="DeviceId">The device cookie's id, or null.</param>
/// <param name="Ip">Client address.</param>
/// <param name="Subnet">Client network (/24, /48).</param>
/// <param name="UserAgentHash">16 hex of the User-Agent's SHA-256.</param>
/// <param name="UserAgent">The User-Agent, at most 120 characters.</param>
/// <param name="Device">The voter's device with the most verified phones (<see cref="DevicePhones"/>), or null.</param>
public sealed record VoteRequest(int CompetitionId, int EntryId, VoterTicket Voter, string? DeviceId, string Ip, string Subnet, string UserAgentHash, string UserAgent, DeviceSignal? Device = null);

/// <summary>What became of a vote.</summary>
/// <param name="Refusal">Why refused, or <see cref="VoteRefusal.None"/> when stored.</param>
/// <param name="Counted">Stored and in the public count (false: held for review).</param>
/// <param name="Count">The film's public count after the commit.</param>
/// <param name="Message">The Chinese message for the voter.</param>
/// <param name="Failed">True when the database refused the batch (nothing stored; the voter may retry).</param>
public readonly record struct VoteResult(VoteRefusal Refusal, bool Counted, long Count, string Message, bool Failed = false)
{
    /// <summary>True when the vote was committed.</summary>
    public bool Accepted => Refusal == VoteRefusal.None && !Failed;
}

/// <summary>Votes of one film: public (counted), held (awaiting review) and excluded by an organiser.</summary>
public readonly record struct FilmTally(long Public, long Held, long Excluded);

/// <summary>
/// The single writer of public film votes (issue 4), and the in-memory public counts (<see cref="IFilmVoteCounts"/>).
/// Votes queue in a channel; one loop takes up to <see cref="MaxBatch"/> at a time, decides each one against the
/// competition's <see cref="VotingRules"/> (window, daily quota per Shanghai day) and the <see cref="FraudDetector"/>,
/// inserts them with raw SQL in ONE transaction (SQLite: prepared commands, WAL, synchronous=FULL; PostgreSQL: one
/// pipelined batch, synchronous_commit=on) and answers each request only after the COMMIT. Quota state, counts and the detector live in memory, are changed only by this loop, and are
/// rebuilt from the append-only records at start (and after a failed commit), so the count equals the stored
/// records exactly. Organisers' cluster decisions go through the same loop. One app instance writes votes: the leader of
/// <see cref="Cluster.LeaderElection"/> (always, on SQLite); the others reach it through <see cref="FilmVotes"/>. An
/// instance that becomes the writer rebuilds the state from the database first; one that stops being it answers what
/// is still queued as not saved.
/// </summary>
public sealed class FilmVoteWriter(
    IDbContextFactory<JudgingDb> factory, VotingSettingsStore settings, ILiveEvents events, TimeProvider clock, ILogger<FilmVoteWriter> log,
    Cluster.LeaderElection election, VotingKeys keys, global::Judging.App.Tally.TallyLedger ledger)
    : BackgroundService, IFilmVoteCounts
{
    /// <summary>Most votes committed in one transaction.</summary>
    public const int MaxBatch = 512;

    private abstract class Work;

    private sealed class VoteWork(VoteRequest request) : Work
    {
        public VoteRequest Request { get; } = request;
        public TaskCompletionSource<VoteResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Id;
        public VoteStatus Status;
        public VoteReasons Reasons;
        public long? ClusterId;
        public VoteDecision Decision;
        public int QuotaKey;
    }

    private sealed class DecisionWork(long clusterId, bool include, string reason, string actor) : Work
    {
        public long ClusterId { get; } = clusterId;
        public bool Include { get; } = include;
        public string Reason { get; } = reason;
        public string Actor { get; } = actor;
        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Tally { public long Public, Held, Excluded; }

    private sealed class ClusterState(int competitionId, int entryId)
    {
        public int CompetitionId { get; } = competitionId;
        public int EntryId { get; } = entryId;
        public long Members;
        public bool? Included;
    }

    private sealed class VoterDay(int day) : IVoterDay
    {
        public int Day { get; } = day;
        public readonly Dictionary<int, int> Films = [];
        public int Total { get; set; }
        public int ForFilm(int entryId) => Films.TryGetValue(entryId, out var n) ? n : 0;
        public void Add(int entryId) { Films[entryId] = ForFilm(entryId) + 1; Total++; }
    }

    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new() { SingleReader = true });
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock tallyGate = new();
    private Dictionary<int, Dictionary<int, Tally>> tallies = [];
    private Dictionary<long, ClusterState> clusters = [];
    private Dictionary<(long Voter, int Competition), VoterDay> days = [];
    private FraudDetector detector = new();
    private long nextVoteId = 1;
    private int sweptDay;
    private DbConnection? connection;
    private global::Judging.App.Tally.VoterPseudonyms? pseudonyms;
    private bool sqlite;
    private readonly Dictionary<Statement, DbCommand> prepared = [];
    private readonly List<(Statement Statement, object?[] Values)> writes = [];

    /// <summary>The inserts of a batch, in the order they are queued (clusters before the votes that name them; the tally's links last).</summary>
    private enum Statement { Vote, Hold, Cluster, Link }

    private static readonly Dictionary<Statement, (string Sql, int Parameters)> Sql = new()
    {
        [Statement.Vote] = ("""
            INSERT INTO "VoteRecords" ("Id", "CompetitionId", "EntryId", "VoterId", "DeviceId", "Ip", "Subnet", "UserAgentHash", "UserAgent", "AtMs", "Day", "Status", "Reasons", "ClusterId", "QuotaKey", "Slot")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """, 16),
        [Statement.Hold] = ("""INSERT INTO "VoteHolds" ("VoteId", "ClusterId", "Reasons", "AtMs") VALUES (@p0, @p1, @p2, @p3)""", 4),
        [Statement.Cluster] = ("""INSERT INTO "VoteClusters" ("Id", "CompetitionId", "EntryId", "Kind", "Key", "Label", "FlaggedAtMs") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)""", 7),
        [Statement.Link] = ("""INSERT INTO "TallyLinks" ("CompetitionId", "Seq", "Body", "Hash", "AtMs") VALUES (@p0, @p1, @p2, @p3, @p4)""", 5),
    };

    /// <summary>Completes when the state has been loaded from the database.</summary>
    public Task Ready => ready.Task;

    /// <summary>Queues a vote and waits until it is committed (or refused). Not cancellable once queued.</summary>
    public async Task<VoteResult> CastAsync(VoteRequest request, CancellationToken ct)
    {
        var work = new VoteWork(request);
        await queue.Writer.WriteAsync(work, ct);
        return await work.Done.Task;
    }

    /// <summary>
    /// The refusals of a cluster decision, in zh-CN: the writer's loop runs in no request's culture and a follower receives them
    /// over the internal call (<see cref="FilmVotes.DecideClusterAsync"/>), so they stay as they are here and
    /// <see cref="VoteReviewService.DecideAsync"/> words them in the UI culture.
    /// </summary>
    public static class DecisionRefusals
    {
        /// <summary>No reason given.</summary>
        public const string NoReason = "请填写理由";
        /// <summary>The cluster is unknown to the writer.</summary>
        public const string NoCluster = "没有这个可疑票组";
        /// <summary>The decision could not be stored.</summary>
        public const string NotSaved = "保存失败，请重试";
        /// <summary>This instance stopped writing votes with the decision queued.</summary>
        public const string Switching = "投票服务正在切换，请稍后再试";
        /// <summary>A follower could not reach the writer.</summary>
        public const string Unavailable = "投票服务暂时不可用，请稍后再试";
        /// <summary>The internal call's body could not be read.</summary>
        public const string BadRequest = "请求无效";
    }

    /// <summary>
    /// Records an organiser's decision on a cluster (计入 include / 排除 exclude, with a reason, audited) and moves its
    /// votes in or out of the public count. Returns a Chinese error (<see cref="DecisionRefusals"/>), or null when done.
    /// </summary>
    public async Task<string?> DecideClusterAsync(long clusterId, bool include, string reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return DecisionRefusals.NoReason;
        var work = new DecisionWork(clusterId, include, reason.Trim(), actor);
        await queue.Writer.WriteAsync(work, ct);
        return await work.Done.Task;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<int, long>> PublicCountsAsync(int competitionId, CancellationToken ct = default)
    {
        await ready.Task.WaitAsync(ct);
        lock (tallyGate)
            return tallies.TryGetValue(competitionId, out var films) ? films.ToDictionary(f => f.Key, f => f.Value.Public) : new Dictionary<int, long>();
    }

    /// <summary>Votes held for review in <paramref name="competitionId"/> (the sum of <see cref="FilmTally.Held"/>).</summary>
    public async ValueTask<long> HeldVotesAsync(int competitionId, CancellationToken ct = default) =>
        (await TalliesAsync(competitionId, ct)).Values.Sum(t => t.Held);

    /// <summary>Public, held and excluded votes per film of <paramref name="competitionId"/>.</summary>
    public async Task<IReadOnlyDictionary<int, FilmTally>> TalliesAsync(int competitionId, CancellationToken ct)
    {
        await ready.Task.WaitAsync(ct);
        lock (tallyGate)
            return tallies.TryGetValue(competitionId, out var films)
                ? films.ToDictionary(f => f.Key, f => new FilmTally(f.Value.Public, f.Value.Held, f.Value.Excluded))
                : new Dictionary<int, FilmTally>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken term;
            try { term = await election.WhenLeaderAsync(stoppingToken); }
            catch (OperationCanceledException) { break; }
            try
            {
                await LoadAsync(stoppingToken);
                ready.TrySetResult();
            }
            catch (Exception e)
            {
                log.LogError(e, "Film votes could not be loaded");
                ready.TrySetException(e);
                throw;
            }
            if (!await RunAsync(term)) break;
            // No longer the writer: what is queued was not committed here.
            while (queue.Reader.TryRead(out var left)) Fail(left);
            log.LogWarning("Film vote writer stopped: another instance writes the votes now");
        }
        connection?.Dispose();
    }

    private static void Fail(Work w)
    {
        if (w is VoteWork v) v.Done.TrySetResult(new VoteResult(VoteRefusal.None, false, 0, "投票暂时无法保存，请稍后再试", Failed: true));
        else if (w is DecisionWork d) d.Done.TrySetResult(DecisionRefusals.Switching);
    }

    /// <summary>Commits queued work until the queue completes (false: the app stops) or <paramref name="term"/> ends (true).</summary>
    private async Task<bool> RunAsync(CancellationToken term)
    {
        var batch = new List<VoteWork>(MaxBatch);
        while (true)
        {
            try
            {
                if (!await queue.Reader.WaitToReadAsync(term)) return false;
            }
            catch (OperationCanceledException) { return true; }
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryPeek(out var next))
            {
                if (next is DecisionWork && batch.Count > 0) break;
                queue.Reader.TryRead(out var w);
                if (w is DecisionWork d) { await DecideAsync(d); break; }
                batch.Add((VoteWork)w!);
            }
            if (batch.Count > 0) await CommitBatchAsync(batch);
        }
    }

    private async Task CommitBatchAsync(List<VoteWork> batch)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var today = ShanghaiTime.Day(now);
        if (today != sweptDay) SweepDays(today);
        var stored = new List<VoteWork>(batch.Count);
        var byId = new Dictionary<long, VoteWork>();
        var retroHeld = new List<(long ClusterId, int CompetitionId, int EntryId)>();
        var retroLinks = new List<(int CompetitionId, string Body)>();
        var chain = ledger.Enabled;
        // Read before the transaction: the first read may create the voting secret through another connection.
        if (chain) pseudonyms ??= new global::Judging.App.Tally.VoterPseudonyms(keys.TallyKey);
        try
        {
            writes.Clear();
            await using var tx = await connection!.BeginTransactionAsync();
            foreach (var w in batch)
            {
                var r = w.Request;
                var s = settings.Get(r.CompetitionId);
                var key = (r.Voter.VoterId, r.CompetitionId);
                if (!days.TryGetValue(key, out var day) || day.Day != today) days[key] = day = new VoterDay(today);
                w.Decision = s.Rules.Decide(now, r.EntryId, day);
                if (!w.Decision.Allowed) continue;
                w.Id = nextVoteId++;
                w.QuotaKey = s.Rules.Quota.Kind == QuotaKind.PerFilmPerDay ? r.EntryId : 0;
                var a = detector.Observe(new VoteSignal(w.Id, r.EntryId, now, r.Voter.VoterId,
                    DateTimeOffset.FromUnixTimeMilliseconds(r.Voter.CreatedAtMs), r.Subnet, r.UserAgentHash, r.DeviceId) { DeviceKey = r.Device?.Key, DevicePhones = r.Device?.Phones ?? 0 }, s.Fraud);
                w.Reasons = a.Reasons;
                w.Status = a.Held ? VoteStatus.Held : VoteStatus.Accepted;
                w.ClusterId = a.Cluster?.Id;
                byId[w.Id] = w;
                foreach (var nc in a.NewClusters)
                {
                    var c = nc.Cluster;
                    var burst = FraudDetector.ReasonOf(c.Kind);
                    Queue(Statement.Cluster, c.Id, r.CompetitionId, c.EntryId, (int)c.Kind, c.Key, c.Kind switch { ClusterKind.Subnet => r.Subnet, ClusterKind.Device => $"设备 {c.Key[..8]}…（验证了 {r.Device?.Phones} 个手机号）", _ => r.UserAgent }, nowMs);
                    clusters[c.Id] = new ClusterState(r.CompetitionId, c.EntryId);
                    foreach (var earlier in nc.AlsoHeld)
                    {
                        if (byId.TryGetValue(earlier, out var inBatch))
                        {
                            inBatch.Status = VoteStatus.Held;
                            inBatch.ClusterId = c.Id;
                            inBatch.Reasons |= burst;
                        }
                        else
                        {
                            Queue(Statement.Hold, earlier, c.Id, (int)burst, nowMs);
                            retroHeld.Add((c.Id, r.CompetitionId, c.EntryId));
                            retroLinks.Add((r.CompetitionId, Domain.Tally.TallyChain.Hold(earlier, c.Id, (int)burst)));
                        }
                    }
                }
                day.Add(r.EntryId);
                stored.Add(w);
            }
            foreach (var w in stored)
            {
                var r = w.Request;
                Queue(Statement.Vote, w.Id, r.CompetitionId, r.EntryId, r.Voter.VoterId, (object?)r.DeviceId ?? DBNull.Value, r.Ip, r.Subnet,
                    r.UserAgentHash, r.UserAgent, nowMs, w.Decision.Day, (int)w.Status, (int)w.Reasons, (object?)w.ClusterId ?? DBNull.Value,
                    w.QuotaKey, w.Decision.Slot);
            }
            if (chain && (stored.Count > 0 || retroLinks.Count > 0))
            {
                // The verifiable tally (issue 14, §2): holds of earlier votes, then this batch's votes, in the same transaction.
                var hold = await global::Judging.App.Tally.TallyLedger.HoldAsync(connection, tx, stored.Select(w => w.Request.CompetitionId).Concat(retroLinks.Select(l => l.CompetitionId)), CancellationToken.None);
                foreach (var (comp, body) in retroLinks) QueueLink(hold.Append(comp, body, nowMs));
                foreach (var w in stored)
                {
                    var r = w.Request;
                    QueueLink(hold.Append(r.CompetitionId, Domain.Tally.TallyChain.Vote(w.Id, r.EntryId, pseudonyms!.Of(r.Voter.VoterId),
                        w.Decision.Day, w.Status == VoteStatus.Held, (int)w.Reasons, w.ClusterId), nowMs));
                }
            }
            await FlushAsync(tx);
            await tx.CommitAsync();
        }
        catch (Exception e)
        {
            log.LogError(e, "Commit of {Count} film votes failed; reloading the vote state", batch.Count);
            await RecoverAsync();
            foreach (var w in batch) w.Done.TrySetResult(new VoteResult(VoteRefusal.None, false, 0, "投票暂时无法保存，请稍后再试", Failed: true));
            return;
        }

        var changed = new HashSet<(int, int)>();
        lock (tallyGate)
        {
            foreach (var w in stored)
            {
                var t = TallyOf(w.Request.CompetitionId, w.Request.EntryId);
                if (w.Status == VoteStatus.Held) { t.Held++; clusters[w.ClusterId!.Value].Members++; }
                else t.Public++;
                changed.Add((w.Request.CompetitionId, w.Request.EntryId));
            }
            foreach (var (clusterId, comp, entry) in retroHeld)
            {
                var t = TallyOf(comp, entry);
                t.Public--; t.Held++;
                clusters[clusterId].Members++;
                changed.Add((comp, entry));
            }
        }
        foreach (var w in batch)
        {
            var r = w.Request;
            if (!w.Decision.Allowed)
            {
                w.Done.TrySetResult(new VoteResult(w.Decision.Refusal, false, 0, settings.Get(r.CompetitionId).Rules.Message(w.Decision.Refusal)));
                continue;
            }
            long count;
            lock (tallyGate) count = TallyOf(r.CompetitionId, r.EntryId).Public;
            var counted = w.Status == VoteStatus.Accepted;
            w.Done.TrySetResult(new VoteResult(VoteRefusal.None, counted, count, counted ? "投票成功" : "投票已记录，待核验后计入"));
        }
        foreach (var (comp, entry) in changed) await events.PublishAsync(new FilmVotesChanged(comp, entry));
    }

    private Tally TallyOf(int competitionId, int entryId)
    {
        if (!tallies.TryGetValue(competitionId, out var films)) tallies[competitionId] = films = [];
        if (!films.TryGetValue(entryId, out var t)) films[entryId] = t = new Tally();
        return t;
    }

    private void Queue(Statement statement, params object?[] values) => writes.Add((statement, values));

    private void QueueLink(global::Judging.App.Tally.TallyLink link) => Queue(Statement.Link, link.CompetitionId, link.Seq, link.Body, link.Hash, link.AtMs);

    /// <summary>Runs the queued inserts in order inside <paramref name="tx"/>: one pipelined batch where the provider has
    /// batches (PostgreSQL), else the prepared commands one by one (SQLite, in process).</summary>
    private async Task FlushAsync(DbTransaction tx)
    {
        if (writes.Count == 0) return;
        if (connection!.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = tx;
            foreach (var (statement, values) in writes)
            {
                var cmd = batch.CreateBatchCommand();
                cmd.CommandText = Sql[statement].Sql;
                for (var i = 0; i < values.Length; i++)
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = "@p" + i;
                    p.Value = values[i] ?? DBNull.Value;
                    cmd.Parameters.Add(p);
                }
                batch.BatchCommands.Add(cmd);
            }
            await batch.ExecuteNonQueryAsync();
        }
        else
        {
            foreach (var (statement, values) in writes)
            {
                var cmd = prepared[statement];
                cmd.Transaction = tx;
                for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync();
            }
        }
        writes.Clear();
    }

    private async Task DecideAsync(DecisionWork d)
    {
        if (!clusters.TryGetValue(d.ClusterId, out var c)) { d.Done.TrySetResult(DecisionRefusals.NoCluster); return; }
        try
        {
            var now = clock.GetUtcNow();
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Add(new VoteClusterDecision { ClusterId = d.ClusterId, Include = d.Include, Reason = d.Reason, Actor = d.Actor, AtMs = now.ToUnixTimeMilliseconds() });
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now, Actor = d.Actor, Action = d.Include ? "网络投票：计入可疑票组" : "网络投票：排除可疑票组",
                    Subject = $"cluster {d.ClusterId} (entry {c.EntryId}, {c.Members} 票)",
                    Before = c.Included switch { true => "计入", false => "排除", null => "待核验" },
                    After = d.Include ? "计入" : "排除", Reason = d.Reason,
                });
                await db.SaveChangesAsync();
            }
            lock (tallyGate)
            {
                var t = TallyOf(c.CompetitionId, c.EntryId);
                switch (c.Included) { case true: t.Public -= c.Members; break; case false: t.Excluded -= c.Members; break; default: t.Held -= c.Members; break; }
                if (d.Include) t.Public += c.Members; else t.Excluded += c.Members;
                c.Included = d.Include;
            }
            detector.CloseCluster(d.ClusterId);
            d.Done.TrySetResult(null);
            await events.PublishAsync(new FilmVotesChanged(c.CompetitionId, c.EntryId));
        }
        catch (Exception e)
        {
            log.LogError(e, "Decision on vote cluster {Cluster} failed", d.ClusterId);
            d.Done.TrySetResult(DecisionRefusals.NotSaved);
        }
    }

    private void SweepDays(int today)
    {
        sweptDay = today;
        foreach (var k in days.Where(kv => kv.Value.Day < today).Select(kv => kv.Key).ToList()) days.Remove(k);
    }

    private async Task RecoverAsync()
    {
        try { await LoadAsync(CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Reloading the film vote state failed"); }
    }

    /// <summary>(Re)builds every in-memory state from the database and prepares the insert commands.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        await settings.LoadAsync(ct);
        DbConnection fresh;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            sqlite = db.Database.IsSqlite();
            fresh = DbProviderFactories.GetFactory(db.Database.GetDbConnection())!.CreateConnection()!;
            fresh.ConnectionString = db.Database.GetConnectionString();
        }
        foreach (var c in prepared.Values) c.Dispose();
        prepared.Clear();
        connection?.Dispose();
        connection = fresh;
        await connection.OpenAsync(ct);
        // Durable before acknowledged: SQLite WAL + synchronous=FULL; PostgreSQL waits for the WAL flush (its default, made explicit).
        Exec(sqlite ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;" : "SET synchronous_commit = on;");

        nextVoteId = Convert.ToInt64(Scalar("""SELECT COALESCE(MAX("Id"), 0) FROM "VoteRecords" """)) + 1;
        var newClusters = new Dictionary<long, ClusterState>();
        var clusterKeys = new Dictionary<long, FlaggedCluster>();
        using (var cmd = Command("""SELECT "Id", "CompetitionId", "EntryId", "Kind", "Key", "FlaggedAtMs" FROM "VoteClusters" """))
        using (var rd = cmd.ExecuteReader())
            while (rd.Read())
            {
                newClusters[rd.GetInt64(0)] = new ClusterState(rd.GetInt32(1), rd.GetInt32(2));
                clusterKeys[rd.GetInt64(0)] = new FlaggedCluster(rd.GetInt64(0), rd.GetInt32(2), (ClusterKind)rd.GetInt32(3), rd.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(rd.GetInt64(5)));
            }
        using (var cmd = Command("""SELECT "ClusterId", "Include" FROM "VoteClusterDecisions" ORDER BY "Id" """))
        using (var rd = cmd.ExecuteReader())
            while (rd.Read())
                if (newClusters.TryGetValue(rd.GetInt64(0), out var c)) c.Included = rd.GetBoolean(1);

        var newTallies = new Dictionary<int, Dictionary<int, Tally>>();
        using (var cmd = Command("""
            SELECT v."CompetitionId", v."EntryId", COALESCE(v."ClusterId", h."ClusterId"), COUNT(*)
            FROM "VoteRecords" v LEFT JOIN "VoteHolds" h ON h."VoteId" = v."Id"
            GROUP BY v."CompetitionId", v."EntryId", COALESCE(v."ClusterId", h."ClusterId")
            """))
        using (var rd = cmd.ExecuteReader())
            while (rd.Read())
            {
                int comp = rd.GetInt32(0), entry = rd.GetInt32(1);
                var n = rd.GetInt64(3);
                if (!newTallies.TryGetValue(comp, out var films)) newTallies[comp] = films = [];
                if (!films.TryGetValue(entry, out var t)) films[entry] = t = new Tally();
                if (rd.IsDBNull(2)) { t.Public += n; continue; }
                var cl = newClusters[rd.GetInt64(2)];
                cl.Members += n;
                switch (cl.Included) { case true: t.Public += n; break; case false: t.Excluded += n; break; default: t.Held += n; break; }
            }

        var now = clock.GetUtcNow();
        var today = ShanghaiTime.Day(now);
        var newDays = new Dictionary<(long, int), VoterDay>();
        using (var cmd = Command("""SELECT "CompetitionId", "VoterId", "EntryId" FROM "VoteRecords" WHERE "Day" = @day"""))
        {
            AddParameter(cmd, "@day", today);
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
            {
                var key = (rd.GetInt64(1), rd.GetInt32(0));
                if (!newDays.TryGetValue(key, out var d)) newDays[key] = d = new VoterDay(today);
                d.Add(rd.GetInt32(2));
            }
        }

        var newDetector = new FraudDetector(clusterKeys.Count == 0 ? 1 : clusterKeys.Keys.Max() + 1);
        var fromMs = now.AddHours(-1).ToUnixTimeMilliseconds();
        using (var cmd = Command("""
            SELECT v."Id", v."CompetitionId", v."EntryId", v."AtMs", v."VoterId", COALESCE(vr."CreatedAtMs", 0), v."Subnet", v."UserAgentHash", v."DeviceId",
                   COALESCE(v."ClusterId", h."ClusterId")
            FROM "VoteRecords" v LEFT JOIN "Voters" vr ON vr."Id" = v."VoterId" LEFT JOIN "VoteHolds" h ON h."VoteId" = v."Id"
            WHERE v."Day" >= @day AND v."AtMs" >= @from ORDER BY v."Id"
            """))
        {
            AddParameter(cmd, "@day", ShanghaiTime.Day(now.AddHours(-1)));
            AddParameter(cmd, "@from", fromMs);
            using var rd = cmd.ExecuteReader();
            while (rd.Read())
            {
                FlaggedCluster? heldIn = null;
                if (!rd.IsDBNull(9) && newClusters.TryGetValue(rd.GetInt64(9), out var cs2) && cs2.Included is null) heldIn = clusterKeys[rd.GetInt64(9)];
                newDetector.Restore(new VoteSignal(rd.GetInt64(0), rd.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(rd.GetInt64(3)), rd.GetInt64(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(rd.GetInt64(5)), rd.GetString(6), rd.GetString(7), rd.IsDBNull(8) ? null : rd.GetString(8)),
                    heldIn, settings.Get(rd.GetInt32(1)).Fraud, inDecidedCluster: heldIn is null && !rd.IsDBNull(9));
            }
        }

        if (!connection.CanCreateBatch)
            foreach (var (statement, (sql, parameters)) in Sql)
            {
                var cmd = Command(sql, parameters);
                cmd.Prepare();
                prepared[statement] = cmd;
            }

        lock (tallyGate) tallies = newTallies;
        clusters = newClusters;
        days = newDays;
        detector = newDetector;
        sweptDay = today;
        log.LogInformation("Film votes loaded: next id {Next}, {Clusters} clusters", nextVoteId, clusters.Count);
    }

    private DbCommand Command(string sql, int parameters = 0)
    {
        var cmd = connection!.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++) AddParameter(cmd, "@p" + i, null);
        return cmd;
    }

    private static void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private void Exec(string sql) { using var c = Command(sql); c.ExecuteNonQuery(); }

    private object? Scalar(string sql) { using var c = Command(sql); return c.ExecuteScalar(); }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
