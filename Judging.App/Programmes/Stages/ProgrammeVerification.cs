namespace Judging.App.Programmes.Stages;

using System.Text.Json;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>The outcome of a verification action: 200 done (<paramref name="Id"/>: the row written), 400 refused (a field missing
/// or wrong, a team conflict), 404 no such application, 409 not in a state for it; <paramref name="Reason"/> says why (zh-CN).</summary>
/// <param name="Status">200, 400, 404 or 409.</param>
/// <param name="Reason">Why not (several reasons joined by "；"), or null when done.</param>
/// <param name="Id">The id of the row written, or 0.</param>
public sealed record VerificationChange(int Status, Wording? Reason, long Id = 0);

/// <summary>A site visit as the organiser plans it (issue 16, "Site verification"): why, the team (the first is the leader,
/// 组长), the day (Beijing) and the place.</summary>
/// <param name="Reason">Why a visit is needed (required).</param>
/// <param name="Team">The experts, at least <see cref="SiteVisitTeam.MinMembers"/>, without a conflict.</param>
/// <param name="Date">The day of the visit (required).</param>
/// <param name="Place">Where (required).</param>
public sealed record SiteVisitPlan(string? Reason, IReadOnlyList<SiteVisitMember> Team, DateOnly? Date, string? Place);

/// <summary>A credit check as recorded (issue 16, "Credit check").</summary>
/// <param name="CheckedBy">Who checked (required).</param>
/// <param name="CheckedOn">The day checked, Beijing (required, not after today).</param>
/// <param name="Sources">The sources ticked, of <see cref="ProgrammeVerification.CreditSources"/>.</param>
/// <param name="OtherSource">Another source as typed, or blank.</param>
/// <param name="Result">通过 / 未通过 (required).</param>
/// <param name="Finding">What was found (required when 未通过).</param>
public sealed record CreditCheckForm(string? CheckedBy, DateOnly? CheckedOn, IReadOnlyList<string> Sources, string? OtherSource,
    CreditCheckResult? Result, string? Finding);

/// <summary>One application as the verification page shows it.</summary>
/// <param name="Standing">Where it stands (the visit, conclusion, committee record and credit check in force; the gate's reasons).</param>
/// <param name="CategoryName">Its award category's name.</param>
/// <param name="Parties">Who a team member must not belong to (the applicant, an individual's organisation, recommender, group).</param>
/// <param name="Team">The team of the visit in force, leader first; empty when none.</param>
/// <param name="Visits">Every plan, re-plan and cancellation, oldest first.</param>
/// <param name="Findings">The findings and conclusions of the visit in force, oldest first.</param>
/// <param name="Conclusion">The conclusion in force (its row), or null.</param>
/// <param name="Committee">The latest committee record on the site visit (in force or revoked), or null.</param>
/// <param name="Credits">Every credit check recorded, oldest first (the latest is in force).</param>
/// <param name="VisitFiles">The site visits' photos and documents, oldest first.</param>
/// <param name="CreditFiles">The credit checks' records, oldest first.</param>
public sealed record VerificationRow(
    ApplicationStanding Standing,
    string CategoryName,
    IReadOnlyList<SiteVisitParty> Parties,
    IReadOnlyList<SiteVisitMember> Team,
    IReadOnlyList<ProgrammeSiteVisit> Visits,
    IReadOnlyList<ProgrammeSiteFinding> Findings,
    ProgrammeSiteFinding? Conclusion,
    ProgrammeCommitteeRecord? Committee,
    IReadOnlyList<ProgrammeCreditCheck> Credits,
    IReadOnlyList<ProgrammeStageFile> VisitFiles,
    IReadOnlyList<ProgrammeStageFile> CreditFiles)
{
    /// <summary>Why it is stopped before 公示 (<see cref="StageGate.BeforeNotice"/>), empty when it goes on.</summary>
    public IReadOnlyList<Wording> Blocks => Standing.BlocksBeforeNotice;

    /// <summary>True when a site visit is planned and in force.</summary>
    public bool NeedsVisit => Standing.Visit is not null;

    /// <summary>True when the visit's conclusion is 不属实.</summary>
    public bool Untrue => Standing.Conclusion == SiteVisitConclusion.Untrue;

    /// <summary>True when the credit check in force failed.</summary>
    public bool CreditFailed => Standing.Credit?.Result == CreditCheckResult.Failed;
}

/// <summary>The verification page of one programme: every application (not a draft) with its site visit and credit check.</summary>
/// <param name="ProgrammeId">The programme's id.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Rows">The applications, by reference.</param>
/// <param name="Experts">The experts of the programme's review editions (name and organisation, by name), offered for a
/// site visit team; the conflict check still runs on the team as planned.</param>
public sealed record VerificationBoard(int ProgrammeId, string Code, string Name, IReadOnlyList<VerificationRow> Rows, IReadOnlyList<SiteVisitMember> Experts);

/// <summary>
/// Site verification (现场验证 / 现场考察) and credit check (信用查询) of a programme's applications, organiser side (issue 16,
/// sections "Site verification" and "Credit check"): plan, re-plan and cancel a visit with its reason and a team without a
/// conflict (<see cref="SiteVisitTeam"/>), record findings per criterion and a conclusion (属实 / 基本属实 / 不属实), the committee's
/// record letting a 不属实 application go on (and its revocation), the credit check (sources, result, finding), and the files of
/// both (<see cref="ProgrammeStageFiles"/>, kinds 现场验证 / 信用查询). Every record is append-only; every action is audited.
/// What blocks an application is <see cref="StageGate.BeforeNotice"/> over <see cref="ProgrammeStandings"/>. Scoped.
/// </summary>
public sealed class ProgrammeVerification(JudgingDb db, ProgrammeStandings standings, ProgrammeStageFiles files, TimeProvider clock)
{
    /// <summary>The sources a credit check may tick (issue 16: "credit records, market-supervision penalties, the applicant's
    /// declarations"); another source may be typed.</summary>
    public static readonly IReadOnlyList<string> CreditSources = ["信用记录", "市场监管行政处罚", "申报单位声明"];

    /// <summary>Longest reason, finding or summary accepted, in characters (the columns hold 1,000 to 4,000).</summary>
    public const int MaxText = 1000;

    private static readonly JsonSerializerOptions TeamJson = new(ProgrammeService.StoredJson) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The team stored in <see cref="ProgrammeSiteVisit.Team"/> (JSON <c>[{"name","organisation"}]</c>), leader first.</summary>
    public static IReadOnlyList<SiteVisitMember> TeamOf(ProgrammeSiteVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return JsonSerializer.Deserialize<List<SiteVisitMember>>(visit.Team, TeamJson) ?? [];
    }

    /// <summary>The page's read model of programme <paramref name="code"/>, or null when there is no such programme.</summary>
    public async Task<VerificationBoard?> BoardAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var definition = ProgrammeService.DefinitionOf(p);
        var rows = await standings.LoadAsync(p.Id, ct);
        var ids = rows.Select(r => r.ApplicationId).ToList();
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Fields, a.Applicant, a.CategoryCode }).ToDictionaryAsync(a => a.Id, ct);
        var visits = (await db.Set<ProgrammeSiteVisit>().AsNoTracking().Where(v => ids.Contains(v.ApplicationId)).OrderBy(v => v.Id).ToListAsync(ct))
            .ToLookup(v => v.ApplicationId);
        var findings = (await db.Set<ProgrammeSiteFinding>().AsNoTracking().Where(f => ids.Contains(f.ApplicationId)).OrderBy(f => f.Id).ToListAsync(ct))
            .ToLookup(f => f.SiteVisitId);
        var committee = (await db.Set<ProgrammeCommitteeRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.ApplicationId) && r.Stage == ProgrammeStandings.SiteVisitStage).ToListAsync(ct))
            .GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var credits = (await db.Set<ProgrammeCreditCheck>().AsNoTracking().Where(c => ids.Contains(c.ApplicationId)).OrderBy(c => c.Id).ToListAsync(ct))
            .ToLookup(c => c.ApplicationId);
        var stored = (await db.Set<ProgrammeStageFile>().AsNoTracking()
            .Where(f => ids.Contains(f.ApplicationId) && (f.Kind == ProgrammeStageFiles.SiteVisitKind || f.Kind == ProgrammeStageFiles.CreditKind))
            .OrderBy(f => f.Id).ToListAsync(ct)).ToLookup(f => (f.ApplicationId, f.Kind));
        var editions = db.Set<ProgrammeReviewEdition>().Where(e => e.ProgrammeId == p.Id).Select(e => e.CompetitionId);
        var experts = (await db.Judges.AsNoTracking().Where(j => editions.Contains(j.CompetitionId)).Select(j => new { j.Name, j.Affiliation }).ToListAsync(ct))
            .Select(j => new SiteVisitMember(j.Name.Trim(), j.Affiliation.Trim())).Distinct().OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        return new VerificationBoard(p.Id, p.Code, definition.Name, rows.Select(s =>
        {
            var a = apps[s.ApplicationId];
            var category = definition.Categories.FirstOrDefault(c => c.Code == a.CategoryCode);
            var visitFindings = s.Visit is { } v ? findings[v.Id].ToList() : [];
            return new VerificationRow(s, category?.Name ?? a.CategoryCode,
                SiteVisitTeam.PartiesOf(a.Applicant, FieldsOf(a.Fields), category?.Applicant == ApplicantKind.Individual),
                s.Visit is { } inForce ? TeamOf(inForce) : [], visits[s.ApplicationId].ToList(), visitFindings,
                visitFindings.LastOrDefault(f => f.Conclusion is not null), committee.GetValueOrDefault(s.ApplicationId),
                credits[s.ApplicationId].ToList(), stored[(s.ApplicationId, ProgrammeStageFiles.SiteVisitKind)].ToList(),
                stored[(s.ApplicationId, ProgrammeStageFiles.CreditKind)].ToList());
        }).ToList(), experts);
    }

    /// <summary>
    /// Plans a site visit for application <paramref name="applicationId"/>, or re-plans it (a new row; the latest is in force):
    /// 400 without a reason, a day or a place, or when the team breaks <see cref="SiteVisitTeam.Check"/> (the conflicts name the
    /// rule and the expert); 409 when the application was withdrawn. Audited as 安排现场验证 / 调整现场验证.
    /// </summary>
    public async Task<VerificationChange> PlanVisitAsync(int applicationId, SiteVisitPlan plan, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        var problems = new List<Wording>();
        if (Blank(plan.Reason)) problems.Add(Wording.Of("请写明需要现场验证的理由"));
        var team = plan.Team.Select(m => new SiteVisitMember(m.Name?.Trim() ?? "", m.Organisation?.Trim() ?? "")).ToList();
        var category = t.Definition.Categories.FirstOrDefault(c => c.Code == t.App.CategoryCode);
        problems.AddRange(SiteVisitTeam.Check(team,
            SiteVisitTeam.PartiesOf(t.App.Applicant, FieldsOf(t.App.Fields), category?.Applicant == ApplicantKind.Individual)));
        if (plan.Date is null) problems.Add(Wording.Of("请填写现场验证的日期"));
        if (Blank(plan.Place)) problems.Add(Wording.Of("请填写现场验证的地点"));
        if (TooLong(plan.Reason) || TooLong(plan.Place)) problems.Add(Wording.Of("文字太长（最多 {0} 字）", MaxText));
        if (problems.Count > 0) return Refused(problems);
        var previous = await LatestVisitAsync(applicationId, ct);
        var now = clock.GetUtcNow();
        var row = new ProgrammeSiteVisit
        {
            ApplicationId = applicationId, Reason = plan.Reason!.Trim(), Team = JsonSerializer.Serialize(team, TeamJson), Date = plan.Date,
            Place = plan.Place!.Trim(), Actor = actor, At = now,
        };
        db.Add(row);
        var text = $"{plan.Date:yyyy-MM-dd} {row.Place}；专家组：{string.Join("、", team.Select(m => $"{m.Name}（{m.Organisation}）"))}；理由：{row.Reason}";
        db.Add(Audit(now, actor, previous is { Cancelled: false } ? "调整现场验证" : "安排现场验证", t, Describe(previous), text));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>Cancels the visit in force (a new row marked cancelled, with <paramref name="reason"/>): 400 without a reason, 409
    /// when none is in force. Its findings stay recorded. Audited as 取消现场验证.</summary>
    public async Task<VerificationChange> CancelVisitAsync(int applicationId, string? reason, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        var visit = await LatestVisitAsync(applicationId, ct);
        if (visit is not { Cancelled: false }) return new(409, Wording.Of("这份申报没有安排现场验证"));
        if (Blank(reason)) return new(400, Wording.Of("请写明取消现场验证的理由"));
        if (TooLong(reason)) return new(400, Wording.Of("文字太长（最多 {0} 字）", MaxText));
        var now = clock.GetUtcNow();
        var row = new ProgrammeSiteVisit
        {
            ApplicationId = applicationId, Reason = reason!.Trim(), Team = visit.Team, Date = visit.Date, Place = visit.Place, Cancelled = true,
            Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "取消现场验证", t, Describe(visit), row.Reason));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>Records a finding of the visit in force on <paramref name="criterion"/>: 400 without the criterion or the text, 409
    /// without a visit in force. Audited as 记录现场验证情况.</summary>
    public async Task<VerificationChange> AddFindingAsync(int applicationId, string? criterion, string? text, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        if (await LatestVisitAsync(applicationId, ct) is not { Cancelled: false } visit) return new(409, Wording.Of("请先安排现场验证"));
        var problems = new List<Wording>();
        if (Blank(criterion)) problems.Add(Wording.Of("请填写核查的项目（如申报条件或申报材料中的某项内容）"));
        else if (criterion!.Trim().Length > 200) problems.Add(Wording.Of("核查项目最多 {0} 字", 200));
        if (Blank(text)) problems.Add(Wording.Of("请填写核查情况"));
        else if (text!.Trim().Length > 4000) problems.Add(Wording.Of("文字太长（最多 {0} 字）", 4000));
        if (problems.Count > 0) return Refused(problems);
        var now = clock.GetUtcNow();
        var row = new ProgrammeSiteFinding
        {
            ApplicationId = applicationId, SiteVisitId = visit.Id, Criterion = criterion!.Trim(), Text = text!.Trim(), Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "记录现场验证情况", t, null, $"{row.Criterion}：{row.Text}"));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>Records the visit's conclusion (属实 / 基本属实 / 不属实) with its summary; a later one replaces it. 400 without a
    /// conclusion or summary, 409 without a visit in force. A 不属实 conclusion stops the application before 公示
    /// (<see cref="StageGate.BeforeNotice"/>) unless the committee records otherwise. Audited as 现场验证结论.</summary>
    public async Task<VerificationChange> ConcludeAsync(int applicationId, SiteVisitConclusion? conclusion, string? summary, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        if (await LatestVisitAsync(applicationId, ct) is not { Cancelled: false } visit) return new(409, Wording.Of("请先安排现场验证"));
        var problems = new List<Wording>();
        if (conclusion is null) problems.Add(Wording.Of("请选择现场验证结论（属实 / 基本属实 / 不属实）"));
        if (Blank(summary)) problems.Add(Wording.Of("请填写现场验证结论的说明"));
        else if (summary!.Trim().Length > 4000) problems.Add(Wording.Of("文字太长（最多 {0} 字）", 4000));
        if (problems.Count > 0) return Refused(problems);
        var previous = await db.Set<ProgrammeSiteFinding>().AsNoTracking().Where(f => f.SiteVisitId == visit.Id && f.Conclusion != null)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var row = new ProgrammeSiteFinding
        {
            ApplicationId = applicationId, SiteVisitId = visit.Id, Text = summary!.Trim(), Conclusion = conclusion, Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "现场验证结论", t, previous?.Conclusion is { } c ? StageNames.Of(c) : null,
            $"{StageNames.Of(conclusion!.Value)}：{row.Text}"));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>Records the committee's decision letting a 不属实 application go on (issue 16: "unless the committee records
    /// otherwise"): 400 without a reason or the meeting's reference, 409 unless the conclusion in force is 不属实 or when a record
    /// is already in force. Audited as 委员会意见：现场验证不属实仍继续.</summary>
    public async Task<VerificationChange> RecordCommitteeAsync(int applicationId, string? reason, string? meetingReference, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        var standing = await StandingAsync(t, ct);
        if (standing?.Conclusion != SiteVisitConclusion.Untrue) return new(409, Wording.Of("只有现场验证结论为不属实的申报才需要委员会意见"));
        if (standing.VisitOverride is not null) return new(409, Wording.Of("委员会意见已记录，如需变更请先撤销"));
        var problems = new List<Wording>();
        if (Blank(reason)) problems.Add(Wording.Of("请填写委员会的意见和理由"));
        else if (TooLong(reason)) problems.Add(Wording.Of("文字太长（最多 {0} 字）", MaxText));
        if (Blank(meetingReference)) problems.Add(Wording.Of("请填写会议纪要编号"));
        else if (meetingReference!.Trim().Length > 100) problems.Add(Wording.Of("会议纪要编号最多 {0} 字", 100));
        if (problems.Count > 0) return Refused(problems);
        var now = clock.GetUtcNow();
        var row = new ProgrammeCommitteeRecord
        {
            ApplicationId = applicationId, Stage = ProgrammeStandings.SiteVisitStage, Reason = reason!.Trim(), MeetingReference = meetingReference!.Trim(),
            Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "委员会意见：现场验证不属实仍继续", t, null, $"{row.MeetingReference}：{row.Reason}"));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>Revokes the committee record in force (a new row marked revoked, with <paramref name="reason"/>): the 不属实
    /// conclusion stops the application again. 400 without a reason, 409 when none is in force. Audited as 撤销委员会意见.</summary>
    public async Task<VerificationChange> RevokeCommitteeAsync(int applicationId, string? reason, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        var latest = await db.Set<ProgrammeCommitteeRecord>().AsNoTracking()
            .Where(r => r.ApplicationId == applicationId && r.Stage == ProgrammeStandings.SiteVisitStage).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (latest is not { Revoked: false }) return new(409, Wording.Of("没有可撤销的委员会意见"));
        if (Blank(reason)) return new(400, Wording.Of("请写明撤销委员会意见的理由"));
        if (TooLong(reason)) return new(400, Wording.Of("文字太长（最多 {0} 字）", MaxText));
        var now = clock.GetUtcNow();
        var row = new ProgrammeCommitteeRecord
        {
            ApplicationId = applicationId, Stage = ProgrammeStandings.SiteVisitStage, Reason = reason!.Trim(), MeetingReference = latest.MeetingReference,
            Revoked = true, Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "撤销委员会意见", t, $"{latest.MeetingReference}：{latest.Reason}", row.Reason));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>
    /// Records a credit check (a new row; the latest is in force): who checked, the day (not after today in Beijing), at least
    /// one source (<see cref="CreditSources"/> or typed), the result, and the finding (required when 未通过: the application is
    /// then blocked with it). 400 with every reason. Audited as 信用查询.
    /// </summary>
    public async Task<VerificationChange> RecordCreditAsync(int applicationId, CreditCheckForm form, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await TargetAsync(applicationId, ct) is not { } t) return NotFound();
        if (t.Refusal is { } no) return no;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(now).DateTime);
        var sources = CreditSources.Where(s => form.Sources.Contains(s)).ToList();
        if (!Blank(form.OtherSource)) sources.Add(form.OtherSource!.Trim());
        var problems = new List<Wording>();
        if (Blank(form.CheckedBy)) problems.Add(Wording.Of("请填写查询人"));
        else if (form.CheckedBy!.Trim().Length > 100) problems.Add(Wording.Of("查询人最多 {0} 字", 100));
        if (form.CheckedOn is null) problems.Add(Wording.Of("请填写查询日期"));
        else if (form.CheckedOn > today) problems.Add(Wording.Of("查询日期 {0:yyyy-MM-dd} 晚于今天", form.CheckedOn));
        if (sources.Count == 0) problems.Add(Wording.Of("请选择或填写查询渠道"));
        else if (string.Join("、", sources).Length > 500) problems.Add(Wording.Of("查询渠道最多 {0} 字", 500));
        if (form.Result is null) problems.Add(Wording.Of("请选择查询结果（通过 / 未通过）"));
        if (form.Result == CreditCheckResult.Failed && Blank(form.Finding)) problems.Add(Wording.Of("信用查询未通过时须写明查询发现的问题"));
        if ((form.Finding?.Trim().Length ?? 0) > 2000) problems.Add(Wording.Of("文字太长（最多 {0} 字）", 2000));
        if (problems.Count > 0) return Refused(problems);
        var previous = await db.Set<ProgrammeCreditCheck>().AsNoTracking().Where(c => c.ApplicationId == applicationId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var row = new ProgrammeCreditCheck
        {
            ApplicationId = applicationId, CheckedBy = form.CheckedBy!.Trim(), CheckedOn = form.CheckedOn!.Value, Sources = string.Join("、", sources),
            Result = form.Result!.Value, Finding = form.Finding?.Trim() ?? "", Actor = actor, At = now,
        };
        db.Add(row);
        db.Add(Audit(now, actor, "信用查询", t, previous is null ? null : CreditText(previous), CreditText(row)));
        await db.SaveChangesAsync(ct);
        return new(200, null, row.Id);
    }

    /// <summary>
    /// Stores a file of <paramref name="kind"/> (<see cref="ProgrammeStageFiles.SiteVisitKind"/>: a photo or document of the
    /// visit in force; <see cref="ProgrammeStageFiles.CreditKind"/>: the record of the credit check in force) through
    /// <see cref="ProgrammeStageFiles.StoreAsync"/> (PDF, .docx, JPG or PNG by content, 20 MiB; audited as 上传阶段材料). 404 no
    /// such application; 400 another kind; 409 nothing to attach it to (or withdrawn); 400/413 the file refused.
    /// </summary>
    public async Task<StageFileUpload> UploadAsync(int applicationId, string kind, string fileName, Stream content, string actor, CancellationToken ct)
    {
        if (await TargetAsync(applicationId, ct) is not { } t) return new(404, null, Wording.Of("没有这份申报"));
        if (t.Refusal is { } no) return new(no.Status, null, no.Reason);
        long owner;
        if (kind == ProgrammeStageFiles.SiteVisitKind)
        {
            if (await LatestVisitAsync(applicationId, ct) is not { Cancelled: false } visit) return new(409, null, Wording.Of("请先安排现场验证"));
            owner = visit.Id;
        }
        else if (kind == ProgrammeStageFiles.CreditKind)
        {
            var credit = await db.Set<ProgrammeCreditCheck>().AsNoTracking().Where(c => c.ApplicationId == applicationId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (credit is null) return new(409, null, Wording.Of("请先记录信用查询结果"));
            owner = credit.Id;
        }
        else return new(400, null, Wording.Of("没有这类材料"));
        return await files.StoreAsync(applicationId, kind, owner, fileName, content, actor, ct);
    }

    private sealed record Target(ProgrammeApplication App, Programme Programme, ProgrammeDefinition Definition, VerificationChange? Refusal);

    private async Task<Target?> TargetAsync(int applicationId, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null || a.Status == ProgrammeApplicationStatus.Draft) return null;
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        return new Target(a, p, ProgrammeService.DefinitionOf(p),
            a.Status == ProgrammeApplicationStatus.Withdrawn ? new VerificationChange(409, Wording.Of("这份申报已撤回")) : null);
    }

    private async Task<ApplicationStanding?> StandingAsync(Target t, CancellationToken ct) =>
        (await standings.LoadAsync(t.Programme.Id, ct)).FirstOrDefault(s => s.ApplicationId == t.App.Id);

    private Task<ProgrammeSiteVisit?> LatestVisitAsync(int applicationId, CancellationToken ct) =>
        db.Set<ProgrammeSiteVisit>().AsNoTracking().Where(v => v.ApplicationId == applicationId).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);

    private static AuditEntry Audit(DateTimeOffset now, string actor, string action, Target t, string? before, string? after) => new()
    {
        At = now, Actor = actor, Action = action, Subject = $"{t.Programme.Name} {t.App.Reference} {t.App.Title}".Trim(), Before = before, After = after,
    };

    private static string? Describe(ProgrammeSiteVisit? v) => v is null ? null
        : v.Cancelled ? $"已取消：{v.Reason}"
        : $"{v.Date:yyyy-MM-dd} {v.Place}；专家组：{string.Join("、", TeamOf(v).Select(m => $"{m.Name}（{m.Organisation}）"))}；理由：{v.Reason}";

    private static string CreditText(ProgrammeCreditCheck c) =>
        $"{StageNames.Of(c.Result)}；{c.CheckedOn:yyyy-MM-dd} {c.CheckedBy} 查询 {c.Sources}{(c.Finding.Length > 0 ? "；" + c.Finding : "")}";

    private static VerificationChange NotFound() => new(404, Wording.Of("没有这份申报"));

    private static VerificationChange Refused(IReadOnlyList<Wording> problems) => new(400, problems.Count == 1 ? problems[0] : Wording.Join("；", problems));

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static bool TooLong(string? s) => (s?.Trim().Length ?? 0) > MaxText;

    private static Dictionary<string, string> FieldsOf(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
