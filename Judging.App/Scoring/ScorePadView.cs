namespace Judging.App.Scoring;

using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;

/// <summary>
/// What a judge's score pad (评分页, <c>/judge</c>) shows, built by <see cref="ScoringService.LoadPadAsync"/>: the judge, the
/// round of their track and division that matters now, the criteria of its score sheet, and the entry to score with this
/// judge's state for it (avoiding, already submitted, open or not).
/// </summary>
/// <param name="JudgeId">The judge.</param>
/// <param name="JudgeName">The judge's name.</param>
/// <param name="IsChief">True for the chief judge (评委会主任), who also gets the link to the chief's page.</param>
/// <param name="Round">The round, or null when the judge's division has none.</param>
/// <param name="Step">The smallest step of a score in points (ScoringOptions.Step, e.g. 0.5).</param>
/// <param name="Criteria">The score sheet's criteria in sheet order.</param>
/// <param name="Target">The entry to score now (the speaker on stage, or an unlocked card picked for re-scoring); null while waiting.</param>
/// <param name="Rescore">Entries whose card the chief judge unlocked and which the judge has not scored again, by code.</param>
public sealed record ScorePadView(
    int JudgeId, string JudgeName, bool IsChief, PadRound? Round, decimal Step,
    IReadOnlyList<PadCriterion> Criteria, PadTarget? Target, IReadOnlyList<PadEntry> Rescore);

/// <summary>The round on a judge's pad.</summary>
/// <param name="Id">Round id.</param>
/// <param name="Title">Its title with the division (<see cref="RoundTitle.Name"/>; pages word it with <c>Wordings</c>).</param>
/// <param name="Status">Live, paused, not started or ended.</param>
/// <param name="Online">True for an online review (线上评审): experts score from /expert instead.</param>
/// <param name="Programme">The award programme whose review the round runs (<see cref="Round.ProgrammeName"/>), or null: its
/// applications have no speaker (演讲者), the applicant is the unit.</param>
public sealed record PadRound(int Id, Wording Title, RoundStatus Status, bool Online, string? Programme = null);

/// <summary>One criterion of the score sheet; <paramref name="MaxPoints"/> in points.</summary>
public sealed record PadCriterion(string Name, decimal MaxPoints, string? Guidance);

/// <summary>An entry named on the pad (re-scoring list).</summary>
public sealed record PadEntry(int Id, string Code, string Title);

/// <summary>The entry to score and this judge's state for it.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">Entry code (e.g. YJ-036).</param>
/// <param name="Title">Entry title.</param>
/// <param name="Presenter">The speaker.</param>
/// <param name="UnitName">The speaker's unit.</param>
/// <param name="Conflicted">True when the judge must avoid this unit (ConflictRule): no pad, only the notice.</param>
/// <param name="SubmittedTotal">Total of the judge's effective card for it in points (locked), or null.</param>
/// <param name="Attempt">The attempt the pad's draft belongs to: the stored card's, or the next one after an unlock.</param>
/// <param name="CanScore">True when a card would be accepted now (round live and scoring open for it, or an unlocked card).</param>
public sealed record PadTarget(int EntryId, string Code, string Title, string Presenter, string UnitName,
    bool Conflicted, decimal? SubmittedTotal, int Attempt, bool CanScore);
