namespace Judging.App.Scoring;

using Judging.App.Persistence;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "The effective card", in one place: a score card counts while no unlock names it. Cards are append-only; the chief
/// judge's unlock (with its reason) sets a card aside and the judge's next submission becomes the effective one. Every
/// query that ranks, locks or shows cards starts here.
/// </summary>
public static class EffectiveCards
{
    /// <summary>The score records of the database that no <see cref="ScoreUnlock"/> names (untracked).</summary>
    public static IQueryable<ScoreRecord> EffectiveScoreRecords(this JudgingDb db) =>
        db.ScoreRecords.AsNoTracking().Where(r => !db.ScoreUnlocks.Any(u => u.ScoreRecordId == r.Id));
}
