namespace Judging.App.Scoring;

using Judging.Domain.Scoring;

/// <summary>
/// The chief judge's page (评分管理, <c>/chief</c>), built by <see cref="ScoringService.LoadChiefAsync"/>: the effective cards
/// (latest without an unlock) of the rounds of the chief's track and division, newest first, and each judge's severity.
/// </summary>
/// <param name="RoundIds">The rounds the page follows (live updates of these rounds reload it).</param>
/// <param name="Cards">Effective cards, newest first.</param>
/// <param name="Severity">Per judge (by judge number): their mean total against the panel's mean on the same entries.</param>
/// <param name="Flags">
/// The flagged cards of the chief's live or paused rounds scored live, not online reviews (issue 14, §1: <see cref="PanelFlags"/> over each entry's effective
/// cards), newest first. Only the chief judge sees them; the judge pad never does.
/// </param>
/// <param name="FlagK">k of the flag rule (<see cref="ScoringOptions.FlagK"/>, in MAD units), for the page's explanation.</param>
/// <param name="FlagMadFloor">The MAD floor of the flag rule (points, <see cref="ScoringOptions.FlagMadFloor"/>).</param>
public sealed record ChiefScoresView(IReadOnlySet<int> RoundIds, IReadOnlyList<ChiefCard> Cards, IReadOnlyList<JudgeSeverity> Severity,
    IReadOnlyList<PanelFlagLine> Flags, decimal FlagK, decimal FlagMadFloor);

/// <summary>A flagged card on the chief judge's page (issue 14, §1), from <see cref="PanelFlags.Check"/>.</summary>
/// <param name="RecordId">The score record (what an unlock and a note name).</param>
/// <param name="RoundId">The round.</param>
/// <param name="JudgeCode">Judge number (评委编号).</param>
/// <param name="JudgeName">Judge's name.</param>
/// <param name="EntryCode">Entry code.</param>
/// <param name="EntryTitle">Entry title.</param>
/// <param name="Total">The card's total (points).</param>
/// <param name="PanelMedian">Median of the entry's other effective cards' totals (points).</param>
/// <param name="Deviation">Total − median (points, signed; negative = below the panel).</param>
/// <param name="Criterion">Name of the criterion that drives the deviation (score sheet order), or null when none does.</param>
/// <param name="CriterionDeviation">That criterion's points − the other cards' median on it (points, signed); null with it.</param>
/// <param name="RunningOffset">The judge's running offset across the round (<see cref="JudgeFigures.RunningOffset"/>, points, signed).</param>
/// <param name="AttentionNote">The chief's latest 提请评委会注意 note on this card, or null when none was recorded.</param>
public sealed record PanelFlagLine(
    long RecordId, int RoundId, string JudgeCode, string JudgeName, string EntryCode, string EntryTitle, decimal Total, decimal PanelMedian,
    decimal Deviation, string? Criterion, decimal? CriterionDeviation, decimal? RunningOffset, string? AttentionNote);

/// <summary>One effective card on the chief's page.</summary>
/// <param name="RecordId">The score record (what an unlock names).</param>
/// <param name="Entry">Entry code and title.</param>
/// <param name="Judge">Judge number and name.</param>
/// <param name="Points">Points per criterion in sheet order.</param>
/// <param name="Total">Total in points.</param>
/// <param name="SubmittedAt">When it was stored (UTC).</param>
public sealed record ChiefCard(long RecordId, string Entry, string Judge, IReadOnlyList<decimal> Points, decimal Total, DateTimeOffset SubmittedAt);

/// <summary>
/// A judge's severity: over the entries they scored, the mean of their totals and the mean of the panel's mean totals of those
/// same entries (points, two decimals). Below the panel: a severe judge; above: a lenient one.
/// </summary>
public sealed record JudgeSeverity(string Judge, int Cards, decimal MeanTotal, decimal PanelMean)
{
    /// <summary>Their mean minus the panel's, in points (negative: severe).</summary>
    public decimal Difference => MeanTotal - PanelMean;
}
