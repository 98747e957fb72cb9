namespace Judging.App.FilmVoting;

using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>A film's votes for the organiser.</summary>
/// <param name="EntryId">The film.</param>
/// <param name="Code">作品编号.</param>
/// <param name="Title">"单位名称+作品名称" is built by the page; this is the title.</param>
/// <param name="Unit">参赛单位.</param>
/// <param name="Tally">Public, held, excluded votes.</param>
public sealed record FilmVotesRow(int EntryId, string Code, string Title, string Unit, FilmTally Tally);

/// <summary>A flagged cluster for the organiser.</summary>
/// <param name="Id">Cluster id.</param>
/// <param name="EntryId">The film.</param>
/// <param name="Film">Code and title of the film.</param>
/// <param name="Kind">Subnet or user agent.</param>
/// <param name="Label">The subnet, or the user agent's text.</param>
/// <param name="Votes">Votes held in it.</param>
/// <param name="FirstAt">Earliest vote (UTC).</param>
/// <param name="LastAt">Latest vote (UTC).</param>
/// <param name="SampleVoters">Up to 5 masked phones.</param>
/// <param name="Included">Latest decision: true 计入, false 排除, null 待核验.</param>
/// <param name="DecisionReason">The latest decision's reason, by whom and when, or null.</param>
public sealed record ClusterRow(long Id, int EntryId, string Film, ClusterKind Kind, string Label, int Votes, DateTimeOffset FirstAt, DateTimeOffset LastAt,
    IReadOnlyList<string> SampleVoters, bool? Included, string? DecisionReason);

/// <summary>
/// The organiser's vote review (<c>/organiser/vote-review/{competitionId}</c>): counts per film and flagged clusters. A cluster
/// decision's refusal is in the UI culture (zh-CN default, English in Resources/FilmVoting/VoteReviewService.en.resx).
/// </summary>
public sealed class VoteReviewService(JudgingDb db, FilmVotes writer, IStringLocalizer<VoteReviewService> L)
{
    /// <summary>Every film of the competition with its tally, by code.</summary>
    public async Task<IReadOnlyList<FilmVotesRow>> FilmsAsync(int competitionId, CancellationToken ct)
    {
        var tallies = await writer.TalliesAsync(competitionId, ct);
        var films = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId && e.Track == Track.MicroFilm)
            .Join(db.Units, e => e.UnitId, u => u.Id, (e, u) => new { e.Id, e.Code, e.Title, Unit = u.Name }).OrderBy(e => e.Code).ToListAsync(ct);
        return films.Select(f => new FilmVotesRow(f.Id, f.Code, f.Title, f.Unit, tallies.TryGetValue(f.Id, out var t) ? t : default)).ToList();
    }

    /// <summary>The flagged clusters of the competition that hold votes, newest first.</summary>
    public async Task<IReadOnlyList<ClusterRow>> ClustersAsync(int competitionId, CancellationToken ct)
    {
        var clusters = await db.Set<VoteCluster>().AsNoTracking().Where(c => c.CompetitionId == competitionId).OrderByDescending(c => c.Id).ToListAsync(ct);
        if (clusters.Count == 0) return [];
        var ids = clusters.Select(c => c.Id).ToList();
        var direct = db.Set<VoteRecord>().Where(v => v.ClusterId != null && ids.Contains(v.ClusterId.Value)).Select(v => new { ClusterId = v.ClusterId!.Value, v.VoterId, v.AtMs });
        var later = db.Set<VoteHold>().Where(h => ids.Contains(h.ClusterId))
            .Join(db.Set<VoteRecord>(), h => h.VoteId, v => v.Id, (h, v) => new { h.ClusterId, v.VoterId, v.AtMs });
        var members = await direct.Concat(later).ToListAsync(ct);
        var voterIds = members.Select(m => m.VoterId).Distinct().ToList();
        var masks = await db.Set<Voter>().AsNoTracking().Where(v => voterIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.PhoneMasked, ct);
        var decisions = await db.Set<VoteClusterDecision>().AsNoTracking().Where(d => ids.Contains(d.ClusterId)).OrderBy(d => d.Id).ToListAsync(ct);
        var entryIds = clusters.Select(c => c.EntryId).Distinct().ToList();
        var films = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Code + " " + e.Title, ct);
        return clusters.Select(c =>
        {
            var m = members.Where(x => x.ClusterId == c.Id).ToList();
            var d = decisions.LastOrDefault(x => x.ClusterId == c.Id);
            return new ClusterRow(c.Id, c.EntryId, films.GetValueOrDefault(c.EntryId, c.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (ClusterKind)c.Kind, c.Label, m.Count,
                DateTimeOffset.FromUnixTimeMilliseconds(m.Count > 0 ? m.Min(x => x.AtMs) : c.FlaggedAtMs),
                DateTimeOffset.FromUnixTimeMilliseconds(m.Count > 0 ? m.Max(x => x.AtMs) : c.FlaggedAtMs),
                m.Select(x => x.VoterId).Distinct().Take(5).Select(v => masks.GetValueOrDefault(v, "?")).ToList(),
                d?.Include, d is null ? null : $"{d.Reason}（{d.Actor}，{ShanghaiTime.Display(DateTimeOffset.FromUnixTimeMilliseconds(d.AtMs))}）");
        })
        // A cluster flagged by the same vote as another one (its subnet and user agent together) may hold no vote.
        .Where(c => c.Votes > 0).ToList();
    }

    /// <summary>
    /// Votes cast per film per <paramref name="bucket"/> (e.g. 10 minutes or 1 hour, counted from the Unix epoch, so a
    /// bucket starts on the hour in Beijing too), for <paramref name="films"/>, over the last <paramref name="maxBuckets"/>
    /// buckets up to the one holding the latest vote of the competition. Every stored vote counts, held and excluded ones
    /// too. Counted in the database (one row per film and bucket), so a million votes cost one grouped query.
    /// </summary>
    public async Task<VotesOverTime> VotesOverTimeAsync(int competitionId, IReadOnlyList<FilmVotesRow> films, TimeSpan bucket, int maxBuckets, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucket, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        var votes = db.Set<VoteRecord>().AsNoTracking().Where(v => v.CompetitionId == competitionId);
        var latest = await votes.MaxAsync(v => (long?)v.AtMs, ct);
        if (latest is null || films.Count == 0) return new VotesOverTime(bucket, [], films.Select(f => new FilmVoteSeries(f.EntryId, f.Code, [])).ToList());
        var size = (long)bucket.TotalMilliseconds;
        var last = latest.Value / size;
        var first = last - maxBuckets + 1;
        var from = first * size;
        var ids = films.Select(f => f.EntryId).ToList();
        var counts = await votes.Where(v => v.AtMs >= from && ids.Contains(v.EntryId))
            .GroupBy(v => new { v.EntryId, Slot = v.AtMs / size })
            .Select(g => new { g.Key.EntryId, g.Key.Slot, Votes = g.Count() }).ToListAsync(ct);
        var buckets = Enumerable.Range(0, maxBuckets).Select(i => DateTimeOffset.FromUnixTimeMilliseconds((first + i) * size)).ToList();
        var series = films.Select(f =>
        {
            var line = new int[maxBuckets];
            foreach (var c in counts.Where(c => c.EntryId == f.EntryId)) line[c.Slot - first] = c.Votes;
            return new FilmVoteSeries(f.EntryId, f.Code, line);
        }).ToList();
        return new VotesOverTime(bucket, buckets, series);
    }

    /// <summary>
    /// 计入 / 排除 a cluster with a reason (see <see cref="FilmVotes.DecideClusterAsync"/>); returns a refusal in the UI culture
    /// (the writer's <see cref="FilmVoteWriter.DecisionRefusals"/> worded here), or null.
    /// </summary>
    public async Task<string?> DecideAsync(int competitionId, long clusterId, bool include, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return L["请填写理由"];
        if (reason.Trim().Length > 500) return L["理由不能超过 {0} 字", 500];
        if (!await db.Set<VoteCluster>().AnyAsync(c => c.Id == clusterId && c.CompetitionId == competitionId, ct)) return L["没有这个可疑票组"];
        return await writer.DecideClusterAsync(clusterId, include, reason, actor, ct) switch
        {
            null => null,
            FilmVoteWriter.DecisionRefusals.NoReason => L["请填写理由"].Value,
            FilmVoteWriter.DecisionRefusals.NoCluster => L["没有这个可疑票组"].Value,
            FilmVoteWriter.DecisionRefusals.NotSaved => L["保存失败，请重试"].Value,
            FilmVoteWriter.DecisionRefusals.Switching => L["投票服务正在切换，请稍后再试"].Value,
            FilmVoteWriter.DecisionRefusals.Unavailable => L["投票服务暂时不可用，请稍后再试"].Value,
            FilmVoteWriter.DecisionRefusals.BadRequest => L["请求无效"].Value,
            var other => other,
        };
    }
}
