namespace Judging.App.Programmes;

using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>One item of an application's formal-review checklist.</summary>
/// <param name="Key">"rules", "material:{code}" (automatic) or "stamp:{code}", "content" (ticked by the staff).</param>
/// <param name="Label">What is checked.</param>
/// <param name="Automatic">Decided by the app (true) or ticked by the staff.</param>
/// <param name="Passed">Passed or ticked.</param>
/// <param name="Detail">Why.</param>
public sealed record ProgrammeChecklistItem(string Key, Wording Label, bool Automatic, bool Passed, Wording Detail);

/// <summary>
/// The formal review (形式审查) of programme applications (issue 13: "uses the existing review queue (checklist, 通过 / 退回修改,
/// history)"): the competition's state machine (<see cref="FormalReview"/>: 待审查 → 通过 | 退回修改 → 已重新提交 → …, append-only
/// steps) over <see cref="ProgrammeReviewRecord"/>s, with the programme's checklist: every rule passed (or admitted with a
/// reason) and every required material there (automatic), each stamped form's stamps and the content's completeness (ticked by
/// the staff). 通过 with an item failing needs a reason; 退回修改 needs the reasons the applicant reads, and sends the application
/// back to the applicant (<see cref="ProgrammeApplicationStatus.Returned"/>). Scoped.
/// </summary>
public sealed class ProgrammeFormalReview(JudgingDb db, ProgrammeService programmes, TimeProvider clock)
{
    /// <summary>The manual item on every application: the content is complete and legible.</summary>
    public const string ContentKey = "content";

    /// <summary>A stored step as the competition's state machine reads it (its EntryId is the application's id).</summary>
    public static FormalReviewRecord AsStep(ProgrammeReviewRecord r) => new()
    {
        Id = r.Id, EntryId = r.ApplicationId, Action = r.Action, At = r.At, Actor = r.Actor, DocumentVersion = r.Version,
        Reasons = r.Reasons, OverrideReason = r.OverrideReason, Ticks = r.Ticks, FailedItems = r.FailedItems,
    };

    /// <summary>The queue of <paramref name="code"/>: the applications that entered the formal review, by reference; null when no such programme.</summary>
    public async Task<(ProgrammeSummary Programme, IReadOnlyList<ApplicationRow> Rows)?> QueueAsync(string code, CancellationToken ct)
    {
        if (await programmes.BoardAsync(code, ct) is not { } board) return null;
        return (board.Programme, board.Applications.Where(r => r.Review != FormalReviewStatus.AwaitingDocument).ToList());
    }

    /// <summary>
    /// The checklist of <paramref name="row"/> with the staff's <paramref name="ticks"/> (null: those of the latest 通过 or 退回修改).
    /// </summary>
    public static IReadOnlyList<ProgrammeChecklistItem> Checklist(ApplicationRow row, IReadOnlySet<string>? ticks)
    {
        ticks ??= (row.ReviewHistory.LastOrDefault(r => r.Action is FormalReviewAction.Accept or FormalReviewAction.Return)?.Ticks ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var items = new List<ProgrammeChecklistItem>
        {
            new("rules", Wording.Of("申报条件"), true, row.Eligibility.Eligible || row.AdmissionReason is not null,
                row.Eligibility.Eligible ? Wording.Of("符合全部申报条件")
                : row.AdmissionReason is { } why ? Wording.Of("组织者准予受理：{0}", why)
                : Wording.Join("；", row.Eligibility.Checks.Where(c => !c.Passed).Select(c => c.Reason))),
        };
        foreach (var m in row.Materials.Where(m => m.Item.Required))
            items.Add(new($"material:{m.Item.Code}", Wording.Data(m.Item.Name), true, m.Done, m.Done ? Wording.Of("已提供") : Wording.Of("未提供")));
        foreach (var m in row.Materials.Where(m => m.Item.Source == MaterialSource.GeneratedStamped && m.Done))
        {
            var key = $"stamp:{m.Item.Code}";
            items.Add(new(key, Wording.Of("{0}：{1}盖章齐全", m.Item.Name, string.Join("、", m.Item.StampedBy)), false, ticks.Contains(key), Ticked(ticks.Contains(key))));
        }
        items.Add(new(ContentKey, Wording.Of("材料内容完整、清晰，与申报信息一致"), false, ticks.Contains(ContentKey), Ticked(ticks.Contains(ContentKey))));
        return items;
    }

    private static Wording Ticked(bool on) => on ? Wording.Of("已核对") : Wording.Of("待工作人员核对");

    /// <summary>通过: refused unless 待审查 or 已重新提交, or when an item fails and <paramref name="overrideReason"/> is blank.</summary>
    public Task<ProgrammeChange> AcceptAsync(int id, IReadOnlySet<string> ticks, string? overrideReason, string actor, CancellationToken ct) =>
        StepAsync(id, ticks, actor, ct, (row, items, failed, now) =>
        {
            overrideReason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
            if (failed.Count > 0 && overrideReason is null)
                return (null, Wording.Of("以下检查项未通过：{0}。请退回修改，或填写破例通过的理由。", Wording.Join("、", failed.Select(f => f.Label))));
            return (new ProgrammeReviewRecord
            {
                ApplicationId = id, Action = FormalReviewAction.Accept, At = now, Actor = actor, Version = LatestVersion(row),
                OverrideReason = failed.Count > 0 ? overrideReason : null,
            }, null);
        });

    /// <summary>退回修改 with <paramref name="reasons"/> (required; the applicant reads them): the applicant may correct and submit again.</summary>
    public Task<ProgrammeChange> ReturnAsync(int id, IReadOnlySet<string> ticks, string? reasons, string actor, CancellationToken ct) =>
        StepAsync(id, ticks, actor, ct, (row, items, failed, now) => string.IsNullOrWhiteSpace(reasons)
            ? (null, Wording.Of("退回修改必须填写理由，申报单位会看到这些理由。"))
            : (new ProgrammeReviewRecord
            {
                ApplicationId = id, Action = FormalReviewAction.Return, At = now, Actor = actor, Version = LatestVersion(row), Reasons = reasons!.Trim(),
            }, null));

    private static int? LatestVersion(ApplicationRow row) =>
        row.ReviewHistory.LastOrDefault(r => r.Action is FormalReviewAction.Submit or FormalReviewAction.Resubmit)?.Version;

    private async Task<ProgrammeChange> StepAsync(int id, IReadOnlySet<string> ticks, string actor, CancellationToken ct,
        Func<ApplicationRow, IReadOnlyList<ProgrammeChecklistItem>, IReadOnlyList<ProgrammeChecklistItem>, DateTimeOffset, (ProgrammeReviewRecord? Step, Wording? Refusal)> decide)
    {
        if (await programmes.FormAsync(id, null, ct) is not { } form) return new(404, Wording.Of("没有这份申报"));
        var row = form.Row;
        if (row.Review is not (FormalReviewStatus.Submitted or FormalReviewStatus.Resubmitted))
            return new(409, row.Review switch
            {
                FormalReviewStatus.AwaitingDocument => Wording.Of("这份申报尚未提交，无法审查"),
                FormalReviewStatus.Returned => Wording.Of("这份申报已退回修改，正在等待申报单位重新提交"),
                _ => Wording.Of("这份申报已通过形式审查"),
            }, id, form.Revision);
        var items = Checklist(row, ticks);
        var failed = items.Where(i => !i.Passed).ToList();
        var now = clock.GetUtcNow();
        var (step, refusal) = decide(row, items, failed, now);
        if (step is null) return new(400, refusal, id, form.Revision);
        step.Ticks = string.Join(",", items.Where(i => !i.Automatic && i.Passed).Select(i => i.Key));
        step.FailedItems = string.Join(",", failed.Select(i => i.Key));
        db.Add(step);
        var a = await db.Set<ProgrammeApplication>().SingleAsync(x => x.Id == id, ct);
        if (step.Action == FormalReviewAction.Return)
        {
            a.Status = ProgrammeApplicationStatus.Returned;
            a.Revision++;
        }
        db.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = step.Action == FormalReviewAction.Accept ? "形式审查通过" : "形式审查退回修改",
            Subject = $"{form.Programme.Definition.Name} {row.Reference} {row.Title}".Trim(),
            After = step.Reasons ?? step.OverrideReason ?? (failed.Count == 0 ? "检查项全部通过" : null),
        });
        await db.SaveChangesAsync(ct);
        return new(200, null, id, a.Revision);
    }
}
