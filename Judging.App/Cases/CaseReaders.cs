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
/// Default rule: organisers (the association's staff) always; a signed-in judge or chief judge (专家) when on the
/// entry's track panel of the same competition and not declared in conflict with its unit (回避单位) — the stand-in
/// for "experts assigned to it" until the online-review assignments exist.
/// </summary>
public sealed class DefaultCaseReaders(JudgingDb db) : ICaseReaders
{
    /// <inheritdoc />
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, int entryId, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(Roles.Organiser)) return true;
        if (!int.TryParse(user.FindFirstValue(Roles.JudgeIdClaim), out var judgeId)) return false;
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId, ct);
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        return judge is not null && entry is not null && judge.CompetitionId == entry.CompetitionId
            && judge.Track == entry.Track && judge.ConflictUnitId != entry.UnitId;
    }
}
