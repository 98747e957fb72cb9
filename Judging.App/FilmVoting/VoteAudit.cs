namespace Judging.App.FilmVoting;

using Judging.App.Finalists;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;

/// <summary>Votes carrying one reason code (<see cref="VoteReasons"/> bit), by what became of them.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="Votes">Stored votes carrying it (its own flags or a later hold's).</param>
/// <param name="Counted">Of those, in the public count (never held, or held in a cluster the organiser included).</param>
/// <param name="Held">Of those, held and not decided yet.</param>
/// <param name="Excluded">Of those, removed: held in a cluster the organiser excluded.</param>
public sealed record ReasonLine(VoteReasons Reason, long Votes, long Counted, long Held, long Excluded);

/// <summary>A flagged cluster as the public report shows it: the film, the kind of burst, its votes and the latest decision with its reason.</summary>
/// <param name="ClusterId">The cluster.</param>
/// <param name="FilmCode">作品编号.</param>
/// <param name="FilmTitle">The film's title.</param>
/// <param name="Kind">Subnet, user agent or device (the key itself is not published: it identifies people's networks).</param>
/// <param name="Votes">Votes held in it.</param>
/// <param name="Included">True 计入, false 排除, null not decided.</param>
/// <param name="Reason">The organiser's reason for the latest decision, as written.</param>
/// <param name="DecidedAt">When decided (UTC), or null.</param>
/// <param name="Decisions">How many decisions were recorded (a later one replaces an earlier one).</param>
public sealed record AuditedCluster(long ClusterId, string FilmCode, string FilmTitle, ClusterKind Kind, long Votes, bool? Included, string? Reason, DateTimeOffset? DecidedAt, int Decisions);

/// <summary>
/// The public vote-audit report of a competition (issue 14, §2, beside the results): stored votes in total and by what became
/// of them, votes held or removed per rule with their reason codes, and every flagged cluster with its decision and reason.
/// </summary>
public sealed record VoteAuditView(Competition Competition, long Votes, long Counted, long Held, long Excluded, IReadOnlyList<ReasonLine> Reasons, IReadOnlyList<AuditedCluster> Clusters);

/// <summary>Builds <see cref="VoteAuditView"/> from the append-only vote records, holds, clusters and decisions.</summary>
public sealed class VoteAuditService(JudgingDb db)
{
    /// <summary>True when the film track's results are published (the report is then public).</summary>
    public Task<bool> PublishedAsync(int competitionId, CancellationToken ct) =>
        db.Set<TrackSettings>().AnyAsync(s => s.CompetitionId == competitionId && s.Track == Track.MicroFilm && s.PublishedAt != null, ct);

    /// <summary>The report of <paramref name="competitionId"/>, or null when it does not exist.</summary>
    public async Task<VoteAuditView?> LoadAsync(int competitionId, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct);
        if (competition is null) return null;
        var groups = await (from v in db.Set<VoteRecord>().AsNoTracking().Where(v => v.CompetitionId == competitionId)
                            join h in db.Set<VoteHold>() on v.Id equals h.VoteId into hs
                            from h in hs.DefaultIfEmpty()
                            group v by new { v.Reasons, HoldReasons = (int?)h.Reasons, Cluster = v.ClusterId ?? (long?)h.ClusterId } into g
                            select new { g.Key.Reasons, g.Key.HoldReasons, g.Key.Cluster, Count = g.LongCount() }).ToListAsync(ct);
        var clusters = await db.Set<VoteCluster>().AsNoTracking().Where(c => c.CompetitionId == competitionId).OrderBy(c => c.Id).ToListAsync(ct);
        var ids = clusters.Select(c => c.Id).ToList();
        var decisions = (await db.Set<VoteClusterDecision>().AsNoTracking().Where(d => ids.Contains(d.ClusterId)).OrderBy(d => d.Id).ToListAsync(ct))
            .GroupBy(d => d.ClusterId).ToDictionary(g => g.Key, g => (Latest: g.Last(), Count: g.Count()));
        bool? Fate(long? cluster) => cluster is { } c ? decisions.TryGetValue(c, out var d) ? d.Latest.Include : null : true;

        long votes = 0, counted = 0, held = 0, excluded = 0;
        var reasons = Enum.GetValues<VoteReasons>().Where(r => r != VoteReasons.Ok).ToDictionary(r => r, _ => new long[4]);
        foreach (var g in groups)
        {
            var fate = Fate(g.Cluster);
            var slot = fate switch { true => 1, null => 2, false => 3 };
            votes += g.Count;
            if (slot == 1) counted += g.Count; else if (slot == 2) held += g.Count; else excluded += g.Count;
            var bits = (VoteReasons)(g.Reasons | (g.HoldReasons ?? 0));
            foreach (var (r, line) in reasons)
            {
                if (!bits.HasFlag(r)) continue;
                line[0] += g.Count;
                line[slot] += g.Count;
            }
        }
        var sizes = groups.Where(g => g.Cluster is not null).GroupBy(g => g.Cluster!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var films = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId && e.Track == Track.MicroFilm)
            .ToDictionaryAsync(e => e.Id, e => new { e.Code, e.Title }, ct);
        var audited = clusters.Select(c =>
        {
            var film = films.GetValueOrDefault(c.EntryId);
            var d = decisions.TryGetValue(c.Id, out var x) ? x : default;
            return new AuditedCluster(c.Id, film?.Code ?? "?", film?.Title ?? "", (ClusterKind)c.Kind, sizes.GetValueOrDefault(c.Id),
                d.Latest?.Include, d.Latest?.Reason, d.Latest is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(d.Latest.AtMs), d.Count);
        }).ToList();
        return new VoteAuditView(competition, votes, counted, held, excluded,
            reasons.Select(r => new ReasonLine(r.Key, r.Value[0], r.Value[1], r.Value[2], r.Value[3])).ToList(), audited);
    }
}
