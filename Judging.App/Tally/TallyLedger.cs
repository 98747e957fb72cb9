namespace Judging.App.Tally;

using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Judging.App.FilmVoting;
using Judging.App.Persistence;
using Judging.Domain.Scoring;
using Judging.Domain.Tally;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

/// <summary>
/// One link of a competition's verifiable tally (issue 14, §2), append-only: its sequence number from 1 (unique with the
/// competition), the record's one-line body and the chain hash (<see cref="TallyChain"/>). Written in the same transaction
/// as the record it describes, so a record and its link survive a crash together or not at all.
/// </summary>
public sealed class TallyLink
{
    /// <summary>The competition whose chain this is; with <see cref="Seq"/> the key (SQLite: a WITHOUT ROWID table, one B-tree).</summary>
    public int CompetitionId { get; set; }
    /// <summary>1, 2, 3… within the competition.</summary>
    public long Seq { get; set; }
    /// <summary>The record's content (<see cref="TallyChain"/> body grammar).</summary>
    public required string Body { get; set; }
    /// <summary>SHA-256 over the previous hash and <see cref="Body"/>, 64 lower-case hex.</summary>
    public required string Hash { get; set; }
    /// <summary>When appended (UTC), Unix milliseconds; not hashed.</summary>
    public long AtMs { get; set; }
}

/// <summary>Settings of the tally (<c>Judging:Tally</c>).</summary>
public sealed class TallyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Tally";

    /// <summary>
    /// True (the default): every card, unlock and vote decision is chained. False only for the vote benchmark's side-by-side
    /// figure (bench/votes): records stored while it is off are missing from the chain, which then cannot vouch for them.
    /// </summary>
    public bool Chain { get; set; } = true;
}

/// <summary>
/// Appends links to the competitions' chains inside the caller's transaction. The head is read inside that transaction
/// after taking the chain's lock — SQLite: the write lock of the <c>BEGIN IMMEDIATE</c> transaction both writers use;
/// PostgreSQL: <c>pg_advisory_xact_lock</c> per competition, so two app instances never fork a chain — and the
/// (competition, seq) key refuses a fork that slipped through. Nothing is cached: a restart continues from the stored head.
/// </summary>
public sealed class TallyLedger(IOptions<TallyOptions> options)
{
    /// <summary>The ledger used where no application services are reachable (a context built by hand): chain on.</summary>
    internal static readonly TallyLedger Default = new(Options.Create(new TallyOptions()));

    private const int AdvisoryClass = 0x7A11;

    /// <summary>False when the chain is switched off (<see cref="TallyOptions.Chain"/>).</summary>
    public bool Enabled => options.Value.Chain;

    /// <summary>
    /// Takes the chain locks of <paramref name="competitions"/> within <paramref name="tx"/> and reads their heads; links appended
    /// to the returned hold continue them. Throws the provider's <see cref="DbException"/> when the database fails.
    /// </summary>
    public static async Task<ChainHold> HoldAsync(DbConnection connection, DbTransaction tx, IEnumerable<int> competitions, CancellationToken ct)
    {
        var postgres = connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal);
        var heads = new Dictionary<int, (long Seq, string Hash)>();
        foreach (var id in competitions.Distinct().Order())
        {
            if (postgres)
            {
                await using var lockCmd = connection.CreateCommand();
                lockCmd.Transaction = tx;
                lockCmd.CommandText = $"SELECT pg_advisory_xact_lock({AdvisoryClass}, {id})";
                await lockCmd.ExecuteNonQueryAsync(ct);
            }
            heads[id] = await ReadHeadAsync(connection, tx, id, ct);
        }
        return new ChainHold(heads);
    }

    private static async Task<(long Seq, string Hash)> ReadHeadAsync(DbConnection connection, DbTransaction? tx, int competitionId, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """SELECT "Seq", "Hash" FROM "TallyLinks" WHERE "CompetitionId" = @c ORDER BY "Seq" DESC LIMIT 1""";
        var p = cmd.CreateParameter();
        p.ParameterName = "@c";
        p.Value = competitionId;
        cmd.Parameters.Add(p);
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        return await rd.ReadAsync(ct) ? (rd.GetInt64(0), rd.GetString(1)) : (0, TallyChain.Genesis);
    }

    /// <summary>The current head of <paramref name="competitionId"/>'s chain (length 0 and the genesis hash when empty).</summary>
    public static async Task<TallyHead> HeadAsync(JudgingDb db, int competitionId, CancellationToken ct)
    {
        var last = await db.Set<TallyLink>().AsNoTracking().Where(l => l.CompetitionId == competitionId)
            .OrderByDescending(l => l.Seq).Select(l => new { l.Seq, l.Hash }).FirstOrDefaultAsync(ct);
        return last is null ? new TallyHead(0, TallyChain.Genesis) : new TallyHead(last.Seq, last.Hash);
    }

    /// <summary>
    /// The voter's pseudonym in the chain and its export: the first 16 hex of HMAC-SHA256 over the voter's id (invariant
    /// decimal) with a key derived from the voting secret (<see cref="VotingKeys.TallyKey"/>). Stable per voter; only the app
    /// can link it to a phone. For many voters use <see cref="VoterPseudonyms"/>.
    /// </summary>
    public static string Pseudonym(byte[] key, long voterId) => new VoterPseudonyms(key).Of(voterId);

    /// <summary>The ledger of <paramref name="db"/>'s application (<see cref="Default"/> for a context built without one).</summary>
    internal static TallyLedger Of(DbContext db)
    {
        // EF looks in its own services, then in the application's (AddDbContextFactory records them).
        try { return db.GetService<TallyLedger>(); }
        catch (InvalidOperationException) { return Default; }
    }

    /// <summary>
    /// Saves <paramref name="db"/>'s changes with a link for each new <see cref="ScoreRecord"/> (card),
    /// <see cref="ScoreUnlock"/> (unlock) and <see cref="VoteClusterDecision"/> (decision) in <paramref name="chained"/>, in one
    /// transaction (the caller's when there is one). Called by <see cref="JudgingDb"/>'s SaveChanges; <paramref name="save"/>
    /// is the base save.
    /// </summary>
    internal async Task<int> SaveChainedAsync(JudgingDb db, IReadOnlyList<object> chained, Func<Task<int>> save, CancellationToken ct)
    {
        if (!Enabled) return await save();
        var cards = chained.OfType<ScoreRecord>().ToList();
        var unlocks = chained.OfType<ScoreUnlock>().ToList();
        var decisions = chained.OfType<VoteClusterDecision>().ToList();
        var unlocked = new Dictionary<long, ScoreRecord>();
        if (unlocks.Count > 0)
        {
            var ids = unlocks.Select(u => u.ScoreRecordId).Distinct().ToList();
            foreach (var r in await db.ScoreRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)) unlocked[r.Id] = r;
        }
        var roundIds = cards.Select(c => c.RoundId).Concat(unlocked.Values.Select(r => r.RoundId)).Distinct().ToList();
        var roundCompetition = roundIds.Count == 0 ? [] : await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.CompetitionId, ct);
        var clusterIds = decisions.Select(d => d.ClusterId).Distinct().ToList();
        var clusters = clusterIds.Count == 0 ? [] : await db.Set<VoteCluster>().AsNoTracking().Where(c => clusterIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.CompetitionId, c.EntryId), ct);

        var items = new List<(int Competition, string Body)>();
        foreach (var o in chained)
        {
            switch (o)
            {
                case ScoreRecord c when roundCompetition.TryGetValue(c.RoundId, out var comp):
                    items.Add((comp, TallyChain.Card(c.RoundId, c.EntryId, c.JudgeId, c.Attempt, c.Points, c.Total)));
                    break;
                case ScoreUnlock u when unlocked.TryGetValue(u.ScoreRecordId, out var r) && roundCompetition.TryGetValue(r.RoundId, out var comp):
                    items.Add((comp, TallyChain.Unlock(r.RoundId, r.EntryId, r.JudgeId, r.Attempt)));
                    break;
                case VoteClusterDecision d when clusters.TryGetValue(d.ClusterId, out var cl):
                    items.Add((cl.CompetitionId, TallyChain.Decision(d.ClusterId, cl.EntryId, d.Include)));
                    break;
            }
        }
        if (items.Count == 0) return await save();

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var added = new List<TallyLink>(items.Count);
        try
        {
            var tx = db.Database.CurrentTransaction!.GetDbTransaction();
            var hold = await HoldAsync(db.Database.GetDbConnection(), tx, items.Select(i => i.Competition), ct);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var (comp, body) in items)
            {
                var link = hold.Append(comp, body, now);
                added.Add(link);
                db.Add(link);
            }
            var n = await save();
            if (own is not null) await own.CommitAsync(ct);
            return n;
        }
        catch
        {
            // The links go with the failed save: a retry on this context chains afresh from the stored head.
            foreach (var link in added) db.Entry(link).State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}

/// <summary>The heads of the chains a transaction holds; <see cref="Append"/> continues one.</summary>
public sealed class ChainHold
{
    private readonly Dictionary<int, (long Seq, string Hash)> heads;

    internal ChainHold(Dictionary<int, (long Seq, string Hash)> heads) => this.heads = heads;

    /// <summary>The next link of <paramref name="competitionId"/>'s chain (held by this transaction) with <paramref name="body"/>.</summary>
    /// <exception cref="InvalidOperationException">The competition's chain is not held.</exception>
    public TallyLink Append(int competitionId, string body, long atMs)
    {
        if (!heads.TryGetValue(competitionId, out var head)) throw new InvalidOperationException($"The chain of competition {competitionId} is not held");
        var hash = TallyChain.Next(head.Hash, body);
        heads[competitionId] = (head.Seq + 1, hash);
        return new TallyLink { CompetitionId = competitionId, Seq = head.Seq + 1, Body = body, Hash = hash, AtMs = atMs };
    }
}

/// <summary>
/// <see cref="TallyLedger.Pseudonym"/> for a stream of votes: one HMAC key schedule and a cache of the pseudonyms computed
/// (a voter votes for up to every film), cleared past <see cref="MaxCached"/> entries. Not thread-safe: one per writer loop.
/// </summary>
public sealed class VoterPseudonyms(byte[] key) : IDisposable
{
    /// <summary>Most pseudonyms kept (about 100 bytes each).</summary>
    public const int MaxCached = 500_000;

    private HMACSHA256? hmac;
    private readonly Dictionary<long, string> cache = [];

    /// <summary>The pseudonym of <paramref name="voterId"/> (16 lower-case hex).</summary>
    public string Of(long voterId)
    {
        if (cache.TryGetValue(voterId, out var known)) return known;
        Span<byte> mac = stackalloc byte[32];
        Span<byte> id = stackalloc byte[20];
        voterId.TryFormat(id, out var n, provider: System.Globalization.CultureInfo.InvariantCulture);
        (hmac ??= new HMACSHA256(key)).TryComputeHash(id[..n], mac, out _);
        var pseudonym = Convert.ToHexStringLower(mac[..8]);
        if (cache.Count >= MaxCached) cache.Clear();
        cache[voterId] = pseudonym;
        return pseudonym;
    }

    /// <inheritdoc />
    public void Dispose() => hmac?.Dispose();
}
