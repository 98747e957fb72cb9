namespace Judging.Domain.Finalists;

using Judging.Domain.Competitions;

/// <summary>
/// An entry offered to the finalist cut with its preliminary result. <see cref="Score"/> null means nobody scored it.
/// <see cref="TieBreakKeys"/> are the configured tie-break values in order (e.g. median, criterion 1; points),
/// as <see cref="Scoring.Ranking"/> uses them.
/// </summary>
public sealed record FinalistCandidate
{
    public required int EntryId { get; init; }
    /// <summary>Entry number (作品编号), used in remarks.</summary>
    public required string Code { get; init; }
    public required int UnitId { get; init; }
    public required string UnitName { get; init; }
    public int? GroupId { get; init; }
    public string? GroupName { get; init; }
    /// <summary>The division (speech); null for tracks ranked as one list.</summary>
    public int? DivisionId { get; init; }
    public string? DivisionName { get; init; }
    /// <summary>Preliminary score (points, full precision), null when unscored.</summary>
    public decimal? Score { get; init; }
    /// <summary>Tie-break values after an equal score, higher first (points).</summary>
    public IReadOnlyList<decimal> TieBreakKeys { get; init; } = [];
    /// <summary>Normalised score (z, dimensionless) for the overall cut when normalisation is on; see <see cref="Normalisation"/>.</summary>
    public decimal? Normalised { get; init; }
    public Eligibility Eligibility { get; init; } = Eligibility.Eligible;
    /// <summary>The organiser's written reason for <see cref="Eligibility"/> (退赛 / 取消资格), shown in the remark.</summary>
    public string? EligibilityReason { get; init; }
}

/// <summary>Outcome of one entry in the proposal. API: Finalist | Skipped | Reserve.</summary>
public enum FinalistStatus
{
    /// <summary>入围.</summary>
    Finalist,
    /// <summary>未入围 with a reason: a cap, withdrawn, ineligible, unscored or dropped by the organiser.</summary>
    Skipped,
    /// <summary>候补: eligible, below the cut.</summary>
    Reserve,
}

/// <summary>Why an entry was skipped.</summary>
public enum SkipReason
{
    /// <summary>同一参赛单位名额已满.</summary>
    UnitCap,
    /// <summary>同一集团公司名额已满.</summary>
    GroupCap,
    /// <summary>已退赛.</summary>
    Withdrawn,
    /// <summary>不符合资格.</summary>
    Ineligible,
    /// <summary>无有效评分.</summary>
    Unscored,
    /// <summary>组委会调出 (override with reason).</summary>
    Dropped,
}

/// <summary>
/// One entry's line in the proposal.
/// <see cref="DivisionRank"/> is its competition rank in its division list (1, 2, 2, 4), <see cref="AboveCut"/>
/// true when a seat was still free as the walk reached it, <see cref="TieKey"/> the cut it is tied at, if any.
/// </summary>
public sealed record FinalistLine(
    FinalistCandidate Candidate, FinalistStatus Status, SkipReason? Reason, Wording? Remark, string? OverrideReason,
    int? DivisionRank, bool AboveCut, CutKey? TieKey);

/// <summary>
/// A tie at a cut-off: entries equal on the cut score, some inside the seats and some outside.
/// Shown to the organiser, who includes them all or applies the configured tie-break (issue 3: "Nothing is decided silently");
/// a tie under a cap (<see cref="CutKey.IsCap"/>) is settled by a reasoned override instead.
/// </summary>
/// <param name="Key">The cut: a division's or the overall list's last seat, or a cap between equal entries (<see cref="CutKey"/>).</param>
/// <param name="Name">Name of the cut (a division's name is data), e.g. "浦东赛区" or "总名额".</param>
/// <param name="Score">The tied score (points, or z when normalised).</param>
/// <param name="Inside">Tied entries holding seats, in tie-break order.</param>
/// <param name="Outside">Tied entries outside the seats, in tie-break order.</param>
/// <param name="Resolution">The organiser's choice so far.</param>
/// <param name="Resolved">True when the list may be confirmed as far as this tie goes.</param>
/// <param name="Explanation">Explanation for the organiser (zh-CN as text; worded in the page's language by the app).</param>
public sealed record CutTie(CutKey Key, Wording Name, decimal Score, IReadOnlyList<int> Inside, IReadOnlyList<int> Outside,
    TieResolution Resolution, bool Resolved, Wording Explanation);

/// <summary>The proposed finalist list: one line per candidate (division order, then rank) and the ties at the cuts.</summary>
public sealed record FinalistProposal(IReadOnlyList<FinalistLine> Lines, IReadOnlyList<CutTie> Ties, FinalistRules Rules)
{
    /// <summary>True when no tie is left undecided.</summary>
    public bool CanConfirm => Ties.All(t => t.Resolved);
    /// <summary>Entry ids of the finalists.</summary>
    public IReadOnlyList<int> FinalistIds => Lines.Where(l => l.Status == FinalistStatus.Finalist).Select(l => l.Candidate.EntryId).ToList();
}
