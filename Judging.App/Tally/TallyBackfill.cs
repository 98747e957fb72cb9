namespace Judging.App.Tally;

using Judging.App.FilmVoting;
using Judging.App.Persistence;
using Judging.Domain.Tally;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>
/// Chains what a database stored before it had the verifiable tally (issue 14, §2; an upgrade keeps the data): at start-up,
/// after the migrations and before any writer runs, every competition whose chain is empty but which has cards, unlocks,
/// votes, holds or cluster decisions gets one link per record, in the order they were stored (by time; at equal times a
/// vote before its hold, a card before its unlock, decisions last; then by id). Runs under the chain's lock, so of two app
/// instances starting together only one writes. Only a database without any link is filled (a chain, once begun, is kept up
/// by the writers).
/// </summary>
public static class TallyBackfill
{
    /// <summary>Chains the unchained competitions of the app's database; returns the number of links written.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<TallyLedger>().Enabled) return 0;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JudgingDb>();
        // Once any link exists, every record since has been chained as it was stored: one indexed look-up per start, and the
        // scans below run only on the first start after the upgrade.
        if (await db.Set<TallyLink>().AnyAsync(ct)) return 0;
        var withCards = await db.ScoreRecords.Join(db.Rounds, c => c.RoundId, r => r.Id, (c, r) => r.CompetitionId).Distinct().ToListAsync(ct);
        var withVotes = await db.Set<VoteRecord>().Select(v => v.CompetitionId).Distinct().ToListAsync(ct);
        var pending = withCards.Concat(withVotes).Distinct().Order().ToList();
        if (pending.Count == 0) return 0;
        var log = services.GetRequiredService<ILogger<TallyLedger>>();
        var key = withVotes.Count > 0 ? services.GetRequiredService<VotingKeys>().TallyKey : [];
        var written = 0;
        foreach (var competitionId in pending)
        {
            var items = await RecordsAsync(db, competitionId, key, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var hold = await TallyLedger.HoldAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), [competitionId], ct);
            if (await db.Set<TallyLink>().AnyAsync(l => l.CompetitionId == competitionId, ct)) continue; // another instance did it
            foreach (var (atMs, _, _, body) in items.OrderBy(i => i.AtMs).ThenBy(i => i.Kind).ThenBy(i => i.Id))
                db.Add(hold.Append(competitionId, body, atMs));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written += items.Count;
            log.LogWarning("Verifiable tally: chained {Count} records of competition {Competition} stored before the chain existed", items.Count, competitionId);
        }
        return written;
    }

    private static async Task<List<(long AtMs, int Kind, long Id, string Body)>> RecordsAsync(JudgingDb db, int competitionId, byte[] key, CancellationToken ct)
    {
        var rounds = db.Rounds.Where(r => r.CompetitionId == competitionId).Select(r => r.Id);
        var items = new List<(long, int, long, string)>();
        foreach (var c in await db.ScoreRecords.AsNoTracking().Where(c => rounds.Contains(c.RoundId)).ToListAsync(ct))
            items.Add((c.SubmittedAt.ToUnixTimeMilliseconds(), 0, c.Id, TallyChain.Card(c.RoundId, c.EntryId, c.JudgeId, c.Attempt, c.Points, c.Total)));
        var unlocks = await db.ScoreUnlocks.AsNoTracking().Join(db.ScoreRecords.Where(c => rounds.Contains(c.RoundId)), u => u.ScoreRecordId, c => c.Id,
            (u, c) => new { u.Id, u.At, c.RoundId, c.EntryId, c.JudgeId, c.Attempt }).ToListAsync(ct);
        foreach (var u in unlocks) items.Add((u.At.ToUnixTimeMilliseconds(), 1, u.Id, TallyChain.Unlock(u.RoundId, u.EntryId, u.JudgeId, u.Attempt)));
        using var pseudonyms = new VoterPseudonyms(key);
        foreach (var v in await db.Set<VoteRecord>().AsNoTracking().Where(v => v.CompetitionId == competitionId).ToListAsync(ct))
            items.Add((v.AtMs, 2, v.Id, TallyChain.Vote(v.Id, v.EntryId, pseudonyms.Of(v.VoterId), v.Day, v.Status == VoteStatus.Held, v.Reasons, v.ClusterId)));
        var holds = await db.Set<VoteHold>().AsNoTracking().Join(db.Set<VoteRecord>().Where(v => v.CompetitionId == competitionId), h => h.VoteId, v => v.Id, (h, v) => h).ToListAsync(ct);
        foreach (var h in holds) items.Add((h.AtMs, 3, h.Id, TallyChain.Hold(h.VoteId, h.ClusterId, h.Reasons)));
        var decisions = await db.Set<VoteClusterDecision>().AsNoTracking().Join(db.Set<VoteCluster>().Where(c => c.CompetitionId == competitionId), d => d.ClusterId, c => c.Id,
            (d, c) => new { d.Id, d.AtMs, d.ClusterId, c.EntryId, d.Include }).ToListAsync(ct);
        foreach (var d in decisions) items.Add((d.AtMs, 4, d.Id, TallyChain.Decision(d.ClusterId, d.EntryId, d.Include)));
        return items;
    }
}
