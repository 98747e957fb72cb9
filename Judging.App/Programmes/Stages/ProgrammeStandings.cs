namespace Judging.App.Programmes.Stages;

using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Where one application stands after intake (issue 16), read from the append-only stage records (the latest of each is in
/// force): its proposed award, site visit and conclusion, credit check, the committee's record on a 不属实 visit, the
/// objections decided against it and the committee's decision (审定).
/// </summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Reference">Its reference (G01, WS-0001).</param>
/// <param name="CategoryCode">Its category's code.</param>
/// <param name="Applicant">Who applies.</param>
/// <param name="Title">What is applied for.</param>
/// <param name="FormalReviewPassed">True when the formal review (形式审查) passed it: only such applications go on.</param>
/// <param name="Proposal">The proposed award in force (拟授奖), or null.</param>
/// <param name="Visit">The site visit in force (not cancelled), or null when none is needed.</param>
/// <param name="Conclusion">The visit's conclusion in force, or null.</param>
/// <param name="VisitOverride">The committee's record letting a 不属实 application go on, or null.</param>
/// <param name="Credit">The credit check in force, or null.</param>
/// <param name="UpheldObjections">The objections decided 成立 or 部分成立 against it, oldest first.</param>
/// <param name="OpenObjections">Its objections not yet decided.</param>
/// <param name="Decision">The committee's decision (审定) in force, or null.</param>
public sealed record ApplicationStanding(
    int ApplicationId,
    string Reference,
    string CategoryCode,
    string Applicant,
    string Title,
    bool FormalReviewPassed,
    ProgrammeProposal? Proposal,
    ProgrammeSiteVisit? Visit,
    SiteVisitConclusion? Conclusion,
    ProgrammeCommitteeRecord? VisitOverride,
    ProgrammeCreditCheck? Credit,
    IReadOnlyList<ProgrammeObjection> UpheldObjections,
    int OpenObjections,
    ProgrammeDecision? Decision)
{
    /// <summary>The proposed level in force (the latest proposal, which an objection's outcome may have changed), or null when
    /// none is proposed or the proposal was withdrawn.</summary>
    public string? ProposedLevel => Proposal is { Withdrawn: false } p && p.Level.Length > 0 ? p.Level : null;

    /// <summary>An objection's effect in force: 撤销 when the latest proposal was withdrawn by an objection's outcome.</summary>
    public ObjectionEffect ObjectionEffect => Proposal is { Withdrawn: true, Source: ProgrammeStandings.ObjectionSource }
        ? ObjectionEffect.Withdraw
        : UpheldObjections.Any(o => o.Effect == ObjectionEffect.ChangeLevel) ? ObjectionEffect.ChangeLevel : ObjectionEffect.None;

    /// <summary>The facts the domain's <see cref="StageGate"/> reads.</summary>
    public StageFacts Facts => new(Visit is not null, Conclusion, VisitOverride?.Reason, Credit?.Result, Credit?.Finding, ObjectionEffect);

    /// <summary>Why it cannot go on the 公示 list (empty when it can, given a proposed level).</summary>
    public IReadOnlyList<Wording> BlocksBeforeNotice => StageGate.BeforeNotice(Facts);

    /// <summary>True when it goes on the 公示 list: formal review passed, a level proposed, nothing blocks it.</summary>
    public bool Listable => FormalReviewPassed && ProposedLevel is not null && BlocksBeforeNotice.Count == 0;
}

/// <summary>
/// Reads every application's <see cref="ApplicationStanding"/> of a programme in a few queries (one per stage table), for the
/// stage pages, the 公示 list, 审定 and the certificates (issue 16).
/// </summary>
public sealed class ProgrammeStandings(JudgingDb db)
{
    /// <summary>The <see cref="ProgrammeProposal.Source"/> of a proposal set from the expert review's results.</summary>
    public const string ReviewSource = "评审结果";

    /// <summary>The <see cref="ProgrammeProposal.Source"/> of a proposal set by the organiser.</summary>
    public const string OrganiserSource = "组织者";

    /// <summary>The <see cref="ProgrammeProposal.Source"/> of a proposal changed or withdrawn by an objection's outcome.</summary>
    public const string ObjectionSource = "异议处理";

    /// <summary>The <see cref="ProgrammeCommitteeRecord.Stage"/> of a record on a site visit.</summary>
    public const string SiteVisitStage = "现场验证";

    /// <summary>Every application of the programme that is not a draft, in reference order, with its standing.</summary>
    public async Task<IReadOnlyList<ApplicationStanding>> LoadAsync(int programmeId, CancellationToken ct)
    {
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking()
            .Where(a => a.ProgrammeId == programmeId && a.Status != ProgrammeApplicationStatus.Draft)
            .Select(a => new { a.Id, a.Reference, a.CategoryCode, a.Applicant, a.Title })
            .ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var reviews = (await db.Set<ProgrammeReviewRecord>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct))
            .ToLookup(r => r.ApplicationId);
        var proposals = Latest(await db.Set<ProgrammeProposal>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct), p => p.ApplicationId, p => p.Id);
        var visits = Latest(await db.Set<ProgrammeSiteVisit>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct), v => v.ApplicationId, v => v.Id);
        var conclusions = Latest(await db.Set<ProgrammeSiteFinding>().AsNoTracking()
            .Where(r => ids.Contains(r.ApplicationId) && r.Conclusion != null).ToListAsync(ct), f => f.SiteVisitId, f => f.Id);
        var overrides = Latest(await db.Set<ProgrammeCommitteeRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.ApplicationId) && r.Stage == SiteVisitStage).ToListAsync(ct), r => r.ApplicationId, r => r.Id);
        var credits = Latest(await db.Set<ProgrammeCreditCheck>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct), c => c.ApplicationId, c => c.Id);
        var objections = (await db.Set<ProgrammeObjection>().AsNoTracking().Where(o => ids.Contains(o.ApplicationId)).ToListAsync(ct))
            .ToLookup(o => o.ApplicationId);
        var decisions = Latest(await db.Set<ProgrammeDecision>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct), d => d.ApplicationId, d => d.Id);
        return apps.OrderBy(a => a.Reference, StringComparer.Ordinal).Select(a =>
        {
            var visit = visits.GetValueOrDefault(a.Id) is { Cancelled: false } v ? v : null;
            var conclusion = visit is null ? null : conclusions.GetValueOrDefault(visit.Id)?.Conclusion;
            var over = overrides.GetValueOrDefault(a.Id) is { Revoked: false } o ? o : null;
            var passed = FormalReview.StatusOf(reviews[a.Id].OrderBy(r => r.Id).Select(ProgrammeFormalReview.AsStep).ToList()) == FormalReviewStatus.Accepted;
            return new ApplicationStanding(a.Id, a.Reference, a.CategoryCode, a.Applicant, a.Title, passed,
                proposals.GetValueOrDefault(a.Id), visit, conclusion, over, credits.GetValueOrDefault(a.Id),
                objections[a.Id].Where(x => x.Status == ObjectionStatus.Decided && x.Outcome is ObjectionOutcome.Upheld or ObjectionOutcome.PartlyUpheld)
                    .OrderBy(x => x.Id).ToList(),
                objections[a.Id].Count(x => x.Status != ObjectionStatus.Decided),
                decisions.GetValueOrDefault(a.Id));
        }).ToList();
    }

    private static Dictionary<TKey, T> Latest<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key, Func<T, long> order) where TKey : notnull =>
        rows.GroupBy(key).ToDictionary(g => g.Key, g => g.MaxBy(order)!);
}
