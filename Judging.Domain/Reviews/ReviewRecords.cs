namespace Judging.Domain.Reviews;

using Judging.Domain.Scoring;

/// <summary>
/// One change of an expert's assignment to an entry in an online review round (线上评审分配, issue 5), append-only:
/// never updated or deleted. The current state of a (round, entry, judge) is its latest row (highest <see cref="Id"/>):
/// assigned when <see cref="Assigned"/> is true.
/// </summary>
public sealed class ReviewAssignment
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int JudgeId { get; set; }
    /// <summary>True: the expert is (from now on) assigned the entry; false: removed.</summary>
    public bool Assigned { get; set; }
    /// <summary>Who made the change, e.g. "组织者 俞琳".</summary>
    public required string Actor { get; set; }
    /// <summary>生成分配 (the planner) or 手动调整 (by hand).</summary>
    public required string Source { get; set; }
    /// <summary>The organiser's reason for a change by hand; null for the planner.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// An expert's unsubmitted draft of a card (草稿, issue 5: "save drafts"): mutable, one per (round, entry, judge), and not a
/// score. It keeps the idempotency key the card will be submitted with, so a retried submission is stored once.
/// </summary>
public sealed class ReviewDraft
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public int JudgeId { get; set; }
    /// <summary>JSON array of points per criterion in sheet order (points), null where not given yet, e.g. <c>[30,null,25.5]</c>.</summary>
    public required string PointsJson { get; set; }
    /// <summary>JSON array of comments per criterion in sheet order (评语), e.g. <c>["思路新颖","",""]</c>.</summary>
    public required string CommentsJson { get; set; }
    /// <summary>The key the card will be submitted with (8–64 characters).</summary>
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>
/// An expert's comment on one criterion of a submitted card (评语, issue 5: "a comment per criterion"), append-only and
/// written in the same transaction as its <see cref="ScoreRecord"/>.
/// </summary>
public sealed class ScoreComment
{
    /// <summary>Longest comment kept, in characters.</summary>
    public const int MaxLength = 1000;

    public long Id { get; set; }
    public long ScoreRecordId { get; set; }
    /// <summary>The card the comment belongs to (set before the card has an id, so both are inserted together).</summary>
    public ScoreRecord? Record { get; set; }
    /// <summary>1-based criterion order (序号) on the round's score sheet.</summary>
    public int CriterionOrder { get; set; }
    public required string Text { get; set; }
}

/// <summary>The organiser's settings of an online review round (mutable; every change is in the audit log).</summary>
public sealed class ReviewSettings
{
    /// <summary>The round (primary key).</summary>
    public int RoundId { get; set; }
    /// <summary>Experts per entry (k) of the last plan; default 3 for cases, every expert for films (issues 4 and 5).</summary>
    public int ExpertsPerEntry { get; set; }
    /// <summary>Deadline of the review (截止时间), or null: no reminder list.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>When the review started (开始评审), the start of the expected pace; null before.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>Show the per-expert z-score (评委标准分) beside the raw means.</summary>
    public bool Normalise { get; set; }
    /// <summary>
    /// True: an expert who has submitted their card of an entry sees the other experts' cards of it (允许专家查看他人评分);
    /// false (the default): never. See <see cref="BlindReview.MaySeeOtherCards"/>.
    /// </summary>
    public bool ExpertsSeeOthers { get; set; }
    /// <summary>When the organiser published the round's results (公布评审结果: scores and ranks public), or null while blind.</summary>
    public DateTimeOffset? ResultsPublishedAt { get; set; }
    /// <summary>Who published them, e.g. "组织者 俞琳"; null while blind.</summary>
    public string? ResultsPublishedBy { get; set; }
}
