namespace Judging.App.LiveRounds;

using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "The judges of a round", in one place: a panel is the judges of one competition, track and division (a round
/// without a division has the track's judges without one), and a round is judged by the panel of its competition,
/// track and division. Seed 000: each division's preliminary has its own panel; the finals have the track's.
/// </summary>
public static class Panels
{
    /// <summary>The judges who judge <paramref name="round"/> (untracked; unordered).</summary>
    public static IQueryable<Judge> JudgesOf(this JudgingDb db, Round round) =>
        db.Judges.AsNoTracking().Where(j => j.CompetitionId == round.CompetitionId && j.Track == round.Track && j.DivisionId == round.DivisionId);

    /// <summary>The judges on the same panel as <paramref name="judge"/>, the judge included (untracked; unordered).</summary>
    public static IQueryable<Judge> PanelOf(this JudgingDb db, Judge judge) =>
        db.Judges.AsNoTracking().Where(j => j.CompetitionId == judge.CompetitionId && j.Track == judge.Track && j.DivisionId == judge.DivisionId);

    /// <summary>True when <paramref name="judge"/> sits on the panel that judges <paramref name="round"/> (the same rule as <see cref="JudgesOf"/>, in memory).</summary>
    public static bool Judges(this Judge judge, Round round) =>
        judge.CompetitionId == round.CompetitionId && judge.Track == round.Track && judge.DivisionId == round.DivisionId;

    /// <summary>The rounds that <paramref name="judge"/>'s panel judges (untracked; unordered).</summary>
    public static IQueryable<Round> RoundsOf(this JudgingDb db, Judge judge) =>
        db.Rounds.AsNoTracking().Where(r => r.CompetitionId == judge.CompetitionId && r.Track == judge.Track && r.DivisionId == judge.DivisionId);
}
