namespace Judging.App.Scoring;

/// <summary>
/// The chief judge's page (评分管理, <c>/chief</c>), built by <see cref="ScoringService.LoadChiefAsync"/>: the effective cards
/// (latest without an unlock) of the rounds of the chief's track and division, newest first, and each judge's severity.
/// </summary>
/// <param name="RoundIds">The rounds the page follows (live updates of these rounds reload it).</param>
/// <param name="Cards">Effective cards, newest first.</param>
/// <param name="Severity">Per judge (by judge number): their mean total against the panel's mean on the same entries.</param>
public sealed record ChiefScoresView(IReadOnlySet<int> RoundIds, IReadOnlyList<ChiefCard> Cards, IReadOnlyList<JudgeSeverity> Severity);

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
