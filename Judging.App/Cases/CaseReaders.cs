namespace Judging.App.Cases;

using System.Security.Claims;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Who may read an entry's document (<c>/cases/{entryId}/document</c> and <c>/file</c>). The online-review module
/// may replace this registration with its assignment check (<c>services.Replace(...)</c>).
/// </summary>
public interface ICaseReaders
{
    /// <summary>True when <paramref name="user"/> may read the documents of <paramref name="entryId"/>.</summary>
    Task<bool> MayReadAsync(ClaimsPrincipal user, int entryId, CancellationToken ct);
}

/// <summary>
/// Default rule: organisers (the association's staff) always; a signed-in expert (评委/评委会主任) of the entry's competition
/// and track when, in a round holding the entry, either (online review) they are currently assigned it, or (a live round
/// such as the 复审 and its defences) they sit on its panel without a declared conflict: unit, its group, or recommender
/// (<see cref="Domain.Reviews.ReviewConflict"/>); a recommender (推荐单位, issue 15) the entries whose unit chose it. Anyone else,
/// an unassigned or conflicted expert included, may not read.
/// </summary>
public sealed class DefaultCaseReaders(JudgingDb db) : ICaseReaders
{
    /// <inheritdoc />
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, int entryId, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(Roles.Organiser)) return true;
        // A recommender (issue 15) reads the entries whose unit chose it, to write its 推荐意见.
        if (user.IsInRole(Roles.Recommender))
            return int.TryParse(user.FindFirstValue(Roles.RecommenderIdClaim), out var recommenderId)
                && await (from e in db.Entries.AsNoTracking() join u in db.Units on e.UnitId equals u.Id where e.Id == entryId && u.RecommenderId == recommenderId select e.Id).AnyAsync(ct);
        if (!int.TryParse(user.FindFirstValue(Roles.JudgeIdClaim), out var judgeId)) return false;
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (judge is null || entry is null || judge.CompetitionId != entry.CompetitionId || judge.Track != entry.Track) return false;
        var rounds = await (from re in db.RoundEntries.AsNoTracking()
                            where re.EntryId == entryId
                            join r in db.Rounds on re.RoundId equals r.Id
                            select r).ToListAsync(ct);
        foreach (var round in rounds.Where(r => r.Online))
            if (await Reviews.ReviewCards.IsAssignedAsync(db, round.Id, entryId, judgeId, ct)) return true;
        if (!rounds.Any(r => !r.Online && r.DivisionId == judge.DivisionId)) return false;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == entry.UnitId, ct);
        int? conflictGroup = judge.ConflictUnitId is { } cu ? await db.Units.AsNoTracking().Where(u => u.Id == cu).Select(u => u.GroupId).FirstOrDefaultAsync(ct) : null;
        var expert = new Domain.Reviews.ReviewExpert(judge.Id, judge.Code, judge.ConflictUnitId, conflictGroup, judge.ConflictRecommenderId);
        var reviewEntry = new Domain.Reviews.ReviewEntry(entry.Id, entry.Code, unit.Id, unit.Name, unit.GroupId, null, unit.RecommenderId, "");
        return !Domain.Reviews.ReviewConflict.IsConflicted(expert, reviewEntry);
    }
}
