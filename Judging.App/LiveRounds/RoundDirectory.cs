namespace Judging.App.LiveRounds;

using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;

/// <summary>One round as the organiser's dashboard and the home page list it.</summary>
/// <param name="Id">Round id.</param>
/// <param name="CompetitionId">Its competition.</param>
/// <param name="Track">Speech, film or case.</param>
/// <param name="Kind">初赛 / 决赛 / 初审 / 复审.</param>
/// <param name="Division">分赛区 name, or null for a final.</param>
/// <param name="Status">未开始 / 进行中 / 暂停 / 已结束.</param>
/// <param name="Online">Scored online (expert review) rather than live.</param>
/// <param name="Entries">Entries in the round.</param>
/// <param name="Title">The round's Chinese title (<see cref="RoundTitle.Of"/>), for places that are not translated.</param>
/// <param name="Programme">The award programme whose review the round runs (<see cref="Round.ProgrammeName"/>), or null.</param>
public sealed record RoundSummary(int Id, int CompetitionId, Track Track, RoundKind Kind, string? Division, RoundStatus Status, bool Online, int Entries, string Title,
    string? Programme = null);

/// <summary>One competition with its rounds and the tracks its entries are in.</summary>
/// <param name="Id">Competition id.</param>
/// <param name="Name">大赛 name.</param>
/// <param name="Year">Edition.</param>
/// <param name="Rounds">Its rounds by id.</param>
/// <param name="Tracks">The tracks that have entries, in enum order.</param>
public sealed record CompetitionSummary(int Id, string Name, int Year, IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<Track> Tracks);

/// <summary>
/// The list of competitions and rounds that the organiser's dashboard (<c>/organiser</c>) and the home page
/// (<c>/</c>) show. Each call opens its own context, so pages of long circuits hold none.
/// </summary>
public sealed class RoundDirectory(IDbContextFactory<JudgingDb> factory)
{
    /// <summary>Every competition, newest year first (then by id), with its rounds and tracks.</summary>
    public async Task<IReadOnlyList<CompetitionSummary>> CompetitionsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var competitions = await db.Competitions.AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Id).ToListAsync(ct);
        var rounds = await RoundsAsync(db, ct);
        var tracks = await db.Entries.AsNoTracking().Select(e => new { e.CompetitionId, e.Track }).Distinct().ToListAsync(ct);
        return competitions.Select(c => new CompetitionSummary(c.Id, c.Name, c.Year,
            rounds.Where(r => r.CompetitionId == c.Id).ToList(),
            tracks.Where(t => t.CompetitionId == c.Id).Select(t => t.Track).Distinct().Order().ToList())).ToList();
    }

    /// <summary>Every round of every competition, by id.</summary>
    public async Task<IReadOnlyList<RoundSummary>> RoundsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RoundsAsync(db, ct);
    }

    private static async Task<List<RoundSummary>> RoundsAsync(JudgingDb db, CancellationToken ct)
    {
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var counts = await db.RoundEntries.AsNoTracking().GroupBy(x => x.RoundId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        return (await db.Rounds.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(r =>
        {
            var division = r.DivisionId is { } d ? divisions[d] : null;
            return new RoundSummary(r.Id, r.CompetitionId, r.Track, r.Kind, division, r.Status, r.Online, counts.GetValueOrDefault(r.Id), RoundTitle.Of(r, division), r.ProgrammeName);
        }).ToList();
    }

    /// <summary>The competition's name, or null when there is no competition <paramref name="competitionId"/>.</summary>
    public async Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The judges of <paramref name="competitionId"/> by judge number, each with the panel printed on their card: the
    /// division's name, 总决赛 for the speech final's panel, else the track's 专家组 (e.g. 微电影专家组).
    /// </summary>
    public async Task<IReadOnlyList<JudgeCardLine>> JudgeCardsAsync(int competitionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var judges = await db.Judges.AsNoTracking().Where(j => j.CompetitionId == competitionId).OrderBy(j => j.Code).ToListAsync(ct);
        return judges.Select(j => new JudgeCardLine(j, j.DivisionId is { } d ? divisions[d] : null)).ToList();
    }
}

/// <summary>
/// One printed judge sign-in card: the judge (number, name, sign-in code, track) and their division's name, null for a
/// panel without a division (the speech final's, or a track's expert panel; the page names it in its language).
/// </summary>
public sealed record JudgeCardLine(Judge Judge, string? Division);
