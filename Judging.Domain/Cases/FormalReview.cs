namespace Judging.Domain.Cases;

using Judging.Domain.Competitions;
/// <summary>
/// Where an entry stands in formal review (形式审查, seed 000: formal review closes 6/30, accept or return for revision
/// and resubmission). UI names: <see cref="FormalReviewNames.Of(FormalReviewStatus)"/>.
/// </summary>
public enum FormalReviewStatus
{
    /// <summary>未提交: no document yet.</summary>
    AwaitingDocument,
    /// <summary>待审查: first document submitted, not yet reviewed.</summary>
    Submitted,
    /// <summary>已退回修改: returned with reasons; the unit may resubmit until the deadline.</summary>
    Returned,
    /// <summary>已重新提交: resubmitted after a return, waiting for review again.</summary>
    Resubmitted,
    /// <summary>已通过: accepted; final.</summary>
    Accepted,
}

/// <summary>One step of formal review; each is stored as an append-only <see cref="FormalReviewRecord"/>.</summary>
public enum FormalReviewAction
{
    /// <summary>首次提交: a first document.</summary>
    Submit,
    /// <summary>重新提交: a new document after a return.</summary>
    Resubmit,
    /// <summary>通过.</summary>
    Accept,
    /// <summary>退回修改, with reasons.</summary>
    Return,
}

/// <summary>
/// One step of an entry's formal review (append-only: never updated or deleted; the status is the fold of the
/// steps, <see cref="FormalReview.StatusOf"/>). Issue 5: "returned-and-resubmitted entries keep their history".
/// </summary>
public sealed class FormalReviewRecord
{
    public long Id { get; set; }
    public int EntryId { get; set; }
    public FormalReviewAction Action { get; set; }
    /// <summary>When (UTC instant; shown in Beijing time).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Who: "组织者 俞琳", "参赛单位（提交链接）", "种子数据".</summary>
    public required string Actor { get; set; }
    /// <summary>The document version submitted (Submit, Resubmit) or reviewed (Accept, Return); 1, 2, …</summary>
    public int? DocumentVersion { get; set; }
    /// <summary>Return: the reasons (required, one per line). Null otherwise.</summary>
    public string? Reasons { get; set; }
    /// <summary>Accept: why the staff accept although a checklist item fails (required then). Null otherwise.</summary>
    public string? OverrideReason { get; set; }
    /// <summary>Accept/Return: the manual checklist items ticked, <see cref="FormalChecklist.FormatTicks"/> ("StampedApplication,UnitLogo").</summary>
    public string? Ticks { get; set; }
    /// <summary>Accept/Return: the checklist items failing at the time, same format, for the record.</summary>
    public string? FailedItems { get; set; }
}

/// <summary>The result of a formal-review step: the record to append, or a Chinese refusal.</summary>
/// <param name="Record">The new record (not yet stored), or null when refused.</param>
/// <param name="Refusal">Why the step is refused (zh-CN), or null.</param>
public sealed record ReviewStep(FormalReviewRecord? Record, string? Refusal)
{
    /// <summary>True when the step was allowed.</summary>
    public bool Ok => Record is not null;
    internal static ReviewStep No(string why) => new(null, why);
}

/// <summary>
/// The formal-review state machine of one entry (issue 5; seed 000 四、4):
/// AwaitingDocument → Submitted → Accepted | Returned(reasons) → Resubmitted → Accepted | Returned → …
/// A document may be submitted only while the entry has none (first submission) or is Returned (resubmission), and
/// only before the intake deadline (<see cref="IntakeWindow"/>, Asia/Shanghai); staff accept or return only a
/// Submitted or Resubmitted entry; a return needs reasons; an accept with a failing checklist item needs an override
/// reason. Every step appends a <see cref="FormalReviewRecord"/>; the history is never rewritten.
/// </summary>
public sealed class FormalReview
{
    private readonly List<FormalReviewRecord> history;

    /// <summary>The review of <paramref name="entryId"/> from its stored steps (any order; sorted by time then id).</summary>
    public FormalReview(int entryId, IEnumerable<FormalReviewRecord> records)
    {
        EntryId = entryId;
        history = records.Where(r => r.EntryId == entryId).OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
    }

    /// <summary>The entry.</summary>
    public int EntryId { get; }

    /// <summary>Every step, oldest first (including those appended through this object).</summary>
    public IReadOnlyList<FormalReviewRecord> History => history;

    /// <summary>The current status, the fold of <see cref="History"/>.</summary>
    public FormalReviewStatus Status => StatusOf(history);

    /// <summary>The latest document version submitted, or null.</summary>
    public int? LatestVersion => history.LastOrDefault(r => r.Action is FormalReviewAction.Submit or FormalReviewAction.Resubmit)?.DocumentVersion;

    /// <summary>The latest return (its reasons are shown to the unit), or null.</summary>
    public FormalReviewRecord? LastReturn => history.LastOrDefault(r => r.Action == FormalReviewAction.Return);

    /// <summary>The status after <paramref name="steps"/> (oldest first).</summary>
    public static FormalReviewStatus StatusOf(IEnumerable<FormalReviewRecord> steps)
    {
        var s = FormalReviewStatus.AwaitingDocument;
        foreach (var r in steps)
            s = r.Action switch
            {
                FormalReviewAction.Submit => FormalReviewStatus.Submitted,
                FormalReviewAction.Resubmit => FormalReviewStatus.Resubmitted,
                FormalReviewAction.Accept => FormalReviewStatus.Accepted,
                FormalReviewAction.Return => FormalReviewStatus.Returned,
                _ => s,
            };
        return s;
    }

    /// <summary>Whether a document may be submitted now; null when it may, else the Chinese reason.</summary>
    public string? SubmitRefusal(DateTimeOffset now, DateTimeOffset? deadline)
    {
        if (!IntakeWindow.IsOpen(now, deadline))
            return $"提交通道已于 {IntakeWindow.Format(deadline!.Value)}关闭，不能再提交或重新提交。";
        return Status switch
        {
            FormalReviewStatus.AwaitingDocument or FormalReviewStatus.Returned => null,
            FormalReviewStatus.Accepted => "作品已通过形式审查，不能再更换文档。",
            _ => "文档已提交，正在等待形式审查；只有被退回修改后才能重新提交。",
        };
    }

    /// <summary>
    /// Submits document <paramref name="version"/>: Submit when the entry had none, Resubmit after a return.
    /// Refused after the deadline or in any other status (see <see cref="SubmitRefusal"/>).
    /// </summary>
    public ReviewStep Submit(int version, string actor, DateTimeOffset now, DateTimeOffset? deadline)
    {
        if (SubmitRefusal(now, deadline) is { } why) return ReviewStep.No(why);
        var action = Status == FormalReviewStatus.Returned ? FormalReviewAction.Resubmit : FormalReviewAction.Submit;
        return Append(new FormalReviewRecord { EntryId = EntryId, Action = action, At = now, Actor = actor, DocumentVersion = version });
    }

    /// <summary>
    /// Accepts the latest document. Refused unless Submitted or Resubmitted; refused when an item of
    /// <paramref name="checklist"/> fails and <paramref name="overrideReason"/> is blank.
    /// </summary>
    public ReviewStep Accept(IReadOnlyList<ChecklistItem> checklist, string? overrideReason, string actor, DateTimeOffset now)
    {
        if (ReviewRefusal() is { } why) return ReviewStep.No(why);
        var failed = checklist.Where(i => !i.Passed).ToList();
        overrideReason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        if (failed.Count > 0 && overrideReason is null)
            return ReviewStep.No($"以下检查项未通过：{string.Join("、", failed.Select(f => f.Label))}。请退回修改，或填写破例通过的理由。");
        return Append(new FormalReviewRecord
        {
            EntryId = EntryId, Action = FormalReviewAction.Accept, At = now, Actor = actor, DocumentVersion = LatestVersion,
            OverrideReason = failed.Count > 0 ? overrideReason : null,
            Ticks = FormalChecklist.FormatTicks(checklist), FailedItems = FormalChecklist.FormatKeys(failed.Select(f => f.Key)),
        });
    }

    /// <summary>Returns the entry for revision with <paramref name="reasons"/> (required). Refused unless Submitted or Resubmitted.</summary>
    public ReviewStep Return(string? reasons, IReadOnlyList<ChecklistItem> checklist, string actor, DateTimeOffset now)
    {
        if (ReviewRefusal() is { } why) return ReviewStep.No(why);
        if (string.IsNullOrWhiteSpace(reasons)) return ReviewStep.No("退回修改必须填写理由，参赛单位会看到这些理由。");
        return Append(new FormalReviewRecord
        {
            EntryId = EntryId, Action = FormalReviewAction.Return, At = now, Actor = actor, DocumentVersion = LatestVersion,
            Reasons = reasons.Trim(), Ticks = FormalChecklist.FormatTicks(checklist),
            FailedItems = FormalChecklist.FormatKeys(checklist.Where(i => !i.Passed).Select(i => i.Key)),
        });
    }

    private string? ReviewRefusal() => Status switch
    {
        FormalReviewStatus.Submitted or FormalReviewStatus.Resubmitted => null,
        FormalReviewStatus.AwaitingDocument => "参赛单位尚未提交文档，无法审查。",
        FormalReviewStatus.Returned => "作品已退回修改，正在等待参赛单位重新提交。",
        _ => "作品已通过形式审查。",
    };

    private ReviewStep Append(FormalReviewRecord r)
    {
        history.Add(r);
        return new ReviewStep(r, null);
    }
}

/// <summary>
/// The submission channel's deadline (seed 000: cases by 6/20, formal review closes 6/30; organisers set it per
/// competition). No deadline means open. Times are instants; shown in Beijing time (Asia/Shanghai, UTC+8, no DST).
/// </summary>
public static class IntakeWindow
{
    /// <summary>Asia/Shanghai's offset (UTC+8 all year).</summary>
    public static readonly TimeSpan Beijing = Competitions.ShanghaiTime.Offset;

    /// <summary>True when submissions are accepted at <paramref name="now"/>: no deadline, or strictly before it.</summary>
    public static bool IsOpen(DateTimeOffset now, DateTimeOffset? deadline) => deadline is null || now < deadline.Value;

    /// <summary>"2025-06-30 24:00" style: the deadline in Beijing time, "yyyy-MM-dd HH:mm（北京时间）".</summary>
    public static string Format(DateTimeOffset deadline) =>
        Competitions.ShanghaiTime.ToLocal(deadline).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "（北京时间）";

    /// <summary>"未设置截止时间（一直开放）" or "截止时间 …".</summary>
    public static string Describe(DateTimeOffset? deadline) =>
        deadline is { } d ? "截止时间 " + Format(d) : "未设置截止时间（提交通道一直开放）";

    /// <summary>A Beijing local date and time as an instant.</summary>
    public static DateTimeOffset FromBeijing(DateTime local) => Competitions.ShanghaiTime.FromLocal(local);
}

/// <summary>Chinese UI names of formal-review statuses and actions.</summary>
public static class FormalReviewNames
{
    /// <summary>未提交 / 待审查 / 已退回修改 / 已重新提交 / 已通过.</summary>
    public static string Of(FormalReviewStatus s) => s switch
    {
        FormalReviewStatus.AwaitingDocument => "未提交",
        FormalReviewStatus.Submitted => "待审查",
        FormalReviewStatus.Returned => "已退回修改",
        FormalReviewStatus.Resubmitted => "已重新提交",
        FormalReviewStatus.Accepted => "已通过",
        _ => s.ToString(),
    };

    /// <summary>提交 / 重新提交 / 通过 / 退回修改.</summary>
    public static string Of(FormalReviewAction a) => a switch
    {
        FormalReviewAction.Submit => "提交",
        FormalReviewAction.Resubmit => "重新提交",
        FormalReviewAction.Accept => "通过",
        FormalReviewAction.Return => "退回修改",
        _ => a.ToString(),
    };
}
