namespace Judging.App.Programmes.Stages;

using System.Text.Json;
using System.Text.Json.Serialization;
using Judging.App.FilmVoting;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The outcome of an objection action: the HTTP status (200; 400 refused as typed; 404 unknown; 409 not in this state; 413 a
/// file too large; 429 too many codes; 503 the SMS gateway failed) and the reasons (zh-CN <see cref="Wording"/>s, empty on
/// success), with the objection's id and number, or the proof of a verified mobile.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Reasons">Why not (empty on success).</param>
/// <param name="ObjectionId">The objection acted on.</param>
/// <param name="Number">Its number (YY-001).</param>
/// <param name="Proof">After a verified code: the proof token of the mobile.</param>
public sealed record ObjectionAction(int Status, IReadOnlyList<Wording> Reasons, int? ObjectionId = null, string? Number = null, string? Proof = null)
{
    /// <summary>The first reason, or null on success.</summary>
    public Wording? Reason => Reasons.Count > 0 ? Reasons[0] : null;

    internal static ObjectionAction Fail(int status, Wording reason) => new(status, [reason]);
}

/// <summary>A programme's published 公示 as the objection form needs it: the period (Beijing days, instants in UTC), whether it is
/// closed, and the list to choose from.</summary>
/// <param name="ProgrammeId">The programme.</param>
/// <param name="ProgrammeCode">Its code.</param>
/// <param name="ProgrammeName">Its name.</param>
/// <param name="NoticeId">The notice.</param>
/// <param name="Title">The notice's heading.</param>
/// <param name="StartDay">The first day (Beijing).</param>
/// <param name="EndDay">The last day (Beijing).</param>
/// <param name="OpensAt">00:00 Beijing of the first day (<see cref="NoticePeriod.OpensAt"/>).</param>
/// <param name="ClosesAt">24:00 Beijing of the last day (<see cref="NoticePeriod.ClosesAt"/>): an objection at or after it is late.</param>
/// <param name="Closed">True when the organiser closed it.</param>
/// <param name="HowToObject">异议方式 as published.</param>
/// <param name="Contact">The contact as published.</param>
/// <param name="List">The list as published.</param>
public sealed record ObjectionNotice(
    int ProgrammeId, string ProgrammeCode, string ProgrammeName, int NoticeId, string Title, DateOnly StartDay, DateOnly EndDay,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Closed, string HowToObject, string Contact, IReadOnlyList<NoticeListItem> List)
{
    /// <summary>True while objections are received at <paramref name="now"/>.</summary>
    public bool OpenAt(DateTimeOffset now) => !Closed && now >= OpensAt && now < ClosesAt;
}

/// <summary>An objection as the objector submits it: identity, the proof of the verified mobile (<see cref="ObjectionCodes.VerifyAsync"/>),
/// the reference chosen from the list, the grounds.</summary>
/// <param name="Name">姓名 (required: real name).</param>
/// <param name="Organisation">工作单位 (required).</param>
/// <param name="Mobile">11-digit mobile, the one the proof verified.</param>
/// <param name="Proof">The token <see cref="ObjectionCodes.VerifyAsync"/> gave for the mobile, or null (then refused as unverified).</param>
/// <param name="ApplicationReference">A reference of the notice's list (G01).</param>
/// <param name="Grounds">At least <see cref="NoticeRules.MinGroundsLength"/> characters, at most 4000.</param>
public sealed record ObjectionSubmission(string? Name, string? Organisation, string? Mobile, string? Proof, string? ApplicationReference, string? Grounds);

/// <summary>An evidence file as uploaded: the name and its content (read once).</summary>
/// <param name="FileName">The name as uploaded.</param>
/// <param name="Content">The bytes (PDF / JPG / PNG / .docx by content, at most 20 MiB).</param>
public sealed record EvidenceUpload(string FileName, Stream Content);

/// <summary>The objector's receipt (回执): the number and where it stands; never anyone's identity.</summary>
/// <param name="ProgrammeName">The programme.</param>
/// <param name="NoticeTitle">The notice's heading.</param>
/// <param name="Number">YY-001.</param>
/// <param name="Reference">The application objected to.</param>
/// <param name="ReceivedAt">Received (UTC).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Outcome">The outcome once decided (the page shows it once the objector was told).</param>
/// <param name="NotifiedAt">When the objector was told by SMS (UTC), or null.</param>
public sealed record ObjectionReceipt(string ProgrammeName, string NoticeTitle, string Number, string Reference, DateTimeOffset ReceivedAt,
    ObjectionStatus Status, ObjectionOutcome? Outcome, DateTimeOffset? NotifiedAt);

/// <summary>One objection for the organiser: the row (with the objector's identity), the application, its steps and files, the
/// proposed level in force, the category's levels, and whether it may still be decided (no 审定 yet).</summary>
/// <param name="Objection">The row, with the objector's identity.</param>
/// <param name="Reference">The application's reference.</param>
/// <param name="Applicant">Who applies.</param>
/// <param name="Title">The project or name.</param>
/// <param name="CategoryName">The category's name.</param>
/// <param name="CurrentLevel">The proposed level in force, or null when withdrawn or none.</param>
/// <param name="Levels">The category's levels (categories.csv 奖项等级), the choices of 调整.</param>
/// <param name="Steps">The steps, oldest first.</param>
/// <param name="Evidence">The objector's files.</param>
/// <param name="Replies">The applicant's reply files.</param>
/// <param name="Approved">True when the committee decided on the application (审定): the outcome can no longer be recorded.</param>
public sealed record ObjectionView(
    ProgrammeObjection Objection, string Reference, string Applicant, string Title, string CategoryName, string? CurrentLevel,
    IReadOnlyList<string> Levels, IReadOnlyList<ProgrammeObjectionStep> Steps, IReadOnlyList<ProgrammeStageFile> Evidence,
    IReadOnlyList<ProgrammeStageFile> Replies, bool Approved);

/// <summary>A programme's objections for the organiser (newest notice's and older ones), newest first.</summary>
/// <param name="ProgrammeCode">The programme's code.</param>
/// <param name="ProgrammeName">Its name.</param>
/// <param name="Notice">Its latest published notice, or null.</param>
/// <param name="Objections">Every objection to any of its notices, newest first.</param>
public sealed record ObjectionBoard(string ProgrammeCode, string ProgrammeName, ObjectionNotice? Notice, IReadOnlyList<ObjectionView> Objections);

/// <summary>
/// Objections (异议) to a published 公示 (issue 16, "公示: public notice with objections"): received by real name from the public
/// form (name, organisation, a mobile verified by SMS code, the application from the notice's list, the grounds, 0–5 evidence
/// files), then handled by the organiser: 指派 (assigned to a named person), 调查记录 (investigation notes), 申报方答复 (the
/// applicant's reply, text and an uploaded file), 办结 (the outcome 成立 / 不成立 / 部分成立 with its effect and reasons, which
/// withdraws or changes the proposed award before 审定) and 短信告知 (the objector told by SMS). Every action is audited (the
/// objector's mobile masked, the name never written to the audit); the identity is read only through
/// <see cref="BoardAsync"/> (organisers).
/// </summary>
public sealed class ProgrammeObjections(JudgingDb db, ProgrammeStageFiles files, ObjectionCodes codes, ISmsGateway sms, TimeProvider clock,
    IDataProtectionProvider protection, ILogger<ProgrammeObjections> log)
{
    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of receiving.</summary>
    public const string ReceivedStep = "受理";

    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of assigning.</summary>
    public const string AssignedStep = "指派";

    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of an investigation note.</summary>
    public const string NoteStep = "调查记录";

    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of the applicant's reply.</summary>
    public const string ReplyStep = "申报方答复";

    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of the outcome.</summary>
    public const string DecidedStep = "办结";

    /// <summary><see cref="ProgrammeObjectionStep.Kind"/> of telling the objector.</summary>
    public const string NotifiedStep = "短信告知";

    /// <summary>Evidence files per objection: at most 5.</summary>
    public const int MaxEvidenceFiles = 5;

    /// <summary>The <see cref="ProgrammeStageFile.UploadedBy"/> of an objector's evidence.</summary>
    public const string ObjectorActor = "异议人";

    /// <summary>The SMS telling the outcome aims at 70 characters (one message).</summary>
    public const int SmsLength = 70;

    private static readonly SemaphoreSlim Numbering = new(1, 1);
    private IDataProtector Receipts => protection.CreateProtector("Judging.ProgrammeObjectionReceipt");

    /// <summary>The 11-digit mobile masked for the audit: 138****8000.</summary>
    public static string Mask(string mobile) => mobile.Length == 11 ? PhoneVerification.Mask(mobile) : "***";

    /// <summary>The programme's latest published 公示, or null when there is no such programme or nothing is published.</summary>
    public async Task<ObjectionNotice?> NoticeAsync(string programmeCode, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(x => x.Code == programmeCode, ct);
        if (p is null) return null;
        var n = await db.Set<ProgrammeNotice>().AsNoTracking().Where(x => x.ProgrammeId == p.Id && x.PublishedAt != null)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return n is null ? null : Notice(p, n);
    }

    private static ObjectionNotice Notice(Programme p, ProgrammeNotice n) =>
        new(p.Id, p.Code, p.Name, n.Id, n.Title, n.StartDay, n.EndDay, NoticePeriod.OpensAt(n.StartDay), NoticePeriod.ClosesAt(n.EndDay),
            n.ClosedAt is not null, n.HowToObject, n.Contact, ProgrammeNotices.ListOf(n));

    /// <summary>
    /// Sends a code to the objector's <paramref name="mobile"/> through the SMS gateway (<see cref="ObjectionCodes"/>): 404 no
    /// published notice; 409 the notice is not open (late: the end time); 400 not an 11-digit mobile; 429 too soon / too many;
    /// 503 the gateway failed. Audited with the mobile masked.
    /// </summary>
    public async Task<ObjectionAction> SendCodeAsync(string programmeCode, string? mobile, CancellationToken ct)
    {
        if (await NoticeAsync(programmeCode, ct) is not { } notice) return ObjectionAction.Fail(404, Wording.Of("没有正在公示的名单"));
        var now = clock.GetUtcNow();
        if (!notice.OpenAt(now))
            return ObjectionAction.Fail(409, now < notice.OpensAt
                ? Wording.Of("公示尚未开始（{0} 开始），不能提出异议", ShanghaiTime.Display(notice.OpensAt))
                : Wording.Of("公示已于 {0} 结束，逾期提出的异议不予受理", ShanghaiTime.DisplayDeadline(notice.ClosesAt)));
        mobile = mobile?.Trim();
        if (!PhoneVerification.IsMobile(mobile)) return ObjectionAction.Fail(400, Wording.Of("请输入 11 位中国大陆手机号"));
        var (code, refusal) = await codes.IssueAsync(mobile!, ct);
        if (code is null) return ObjectionAction.Fail(429, refusal!);
        try
        {
            await sms.SendAsync(mobile!, $"验证码 {code}，5 分钟内有效，用于对“{notice.Title}”提出异议，请勿告诉他人。", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SMS gateway failed for objector {Phone}", Mask(mobile!));
            await codes.WithdrawAsync(mobile!, CancellationToken.None);
            return ObjectionAction.Fail(503, Wording.Of("短信发送失败，请稍后再试"));
        }
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = ObjectorActor, Action = "异议验证码", Subject = $"{programmeCode} 公示 #{notice.NoticeId}", After = Mask(mobile!) });
        await db.SaveChangesAsync(ct);
        return new(200, []);
    }

    /// <summary>Checks the code of <paramref name="mobile"/>: 200 with the proof (<see cref="ObjectionAction.Proof"/>) or 400.</summary>
    public async Task<ObjectionAction> VerifyCodeAsync(string? mobile, string? code, CancellationToken ct) =>
        await codes.VerifyAsync(mobile, code, ct) is { } proof ? new(200, [], Proof: proof) : ObjectionAction.Fail(400, Wording.Of("验证码错误或已过期"));

    /// <summary>
    /// Receives an objection to the programme's published 公示 (<see cref="NoticeRules.CheckObjection"/>: real name, a mobile
    /// verified by <paramref name="submission"/>'s proof, an application on the list, grounds, within the period in Beijing
    /// time) with 0–<see cref="MaxEvidenceFiles"/> evidence files (PDF / JPG / PNG / .docx by content, 20 MiB each, through
    /// <see cref="ProgrammeStageFiles"/>): numbered per notice (YY-001, YY-002 …), step 受理, audited. All or nothing: when a
    /// file is refused no objection and no file is kept (400 / 413 with the file's name). 404 without a published notice.
    /// </summary>
    public async Task<ObjectionAction> ReceiveAsync(string programmeCode, ObjectionSubmission submission, IReadOnlyList<EvidenceUpload> evidence,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(evidence);
        if (await NoticeAsync(programmeCode, ct) is not { } notice) return ObjectionAction.Fail(404, Wording.Of("没有正在公示的名单"));
        var mobile = submission.Mobile?.Trim();
        var verified = mobile is { Length: > 0 } && codes.MobileOf(submission.Proof) == mobile;
        var form = new ObjectionForm(submission.Name, submission.Organisation, mobile, verified, submission.ApplicationReference, submission.Grounds);
        var now = clock.GetUtcNow();
        var problems = NoticeRules.CheckObjection(form, notice.List.Select(l => l.Reference).ToHashSet(StringComparer.Ordinal),
            notice.OpensAt, notice.ClosesAt, notice.Closed, now).ToList();
        if (evidence.Count > MaxEvidenceFiles) problems.Add(Wording.Of("证据材料最多 {0} 个文件", MaxEvidenceFiles));
        if (problems.Count > 0) return new(400, problems);
        var line = notice.List.First(l => l.Reference == submission.ApplicationReference!.Trim());

        await Numbering.WaitAsync(ct);
        var stored = new List<string>();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var count = await db.Set<ProgrammeObjection>().CountAsync(o => o.NoticeId == notice.NoticeId, ct);
            var objection = new ProgrammeObjection
            {
                NoticeId = notice.NoticeId, ApplicationId = line.ApplicationId,
                Number = $"YY-{count + 1:D3}", Name = submission.Name!.Trim(), Organisation = submission.Organisation!.Trim(), Mobile = mobile!,
                Grounds = submission.Grounds!.Trim(), ReceivedAt = now, Status = ObjectionStatus.Received,
            };
            db.Add(objection);
            await db.SaveChangesAsync(ct);
            foreach (var file in evidence)
            {
                var r = await files.StoreAsync(line.ApplicationId, ProgrammeStageFiles.EvidenceKind, objection.Id, file.FileName, file.Content, ObjectorActor, ct, audit: false);
                if (r.Status != 200)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    foreach (var s in stored) Cases.CaseStore.TryDelete(Path.Combine(files.Root, s));
                    return new(r.Status, [Wording.Of("证据材料“{0}”未能接收：", Path.GetFileName(file.FileName)), r.Refusal!]);
                }
                stored.Add(r.File!.StoredName);
            }
            db.Add(new ProgrammeObjectionStep { ObjectionId = objection.Id, Kind = ReceivedStep, Text = $"证据 {evidence.Count} 件", Actor = ObjectorActor, At = now });
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = ObjectorActor, Action = "受理异议", Subject = $"{programmeCode} 异议 {objection.Number}",
                After = $"{line.Reference}，手机 {Mask(mobile!)}，证据 {evidence.Count} 件",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(200, [], objection.Id, objection.Number);
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var s in stored) Cases.CaseStore.TryDelete(Path.Combine(files.Root, s));
            throw;
        }
        finally { Numbering.Release(); }
    }

    /// <summary>The key of objection <paramref name="objectionId"/>'s receipt page (protected; cannot be guessed from a number).</summary>
    public string ReceiptKey(int objectionId) => Receipts.Protect(objectionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The receipt behind <paramref name="key"/> (<see cref="ReceiptKey"/>) for the programme, or null: number, status and
    /// outcome only, no identity.</summary>
    public async Task<ObjectionReceipt?> ReceiptAsync(string programmeCode, string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return null;
        int id;
        try { id = int.Parse(Receipts.Unprotect(key), System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException) { return null; }
        var row = await (from o in db.Set<ProgrammeObjection>().AsNoTracking()
                         join n in db.Set<ProgrammeNotice>() on o.NoticeId equals n.Id
                         join p in db.Set<Programme>() on n.ProgrammeId equals p.Id
                         join a in db.Set<ProgrammeApplication>() on o.ApplicationId equals a.Id
                         where o.Id == id && p.Code == programmeCode
                         select new { o.Number, o.ReceivedAt, o.Status, o.Outcome, o.NotifiedAt, a.Reference, ProgrammeName = p.Name, n.Title })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new(row.ProgrammeName, row.Title, row.Number, row.Reference, row.ReceivedAt, row.Status, row.Outcome, row.NotifiedAt);
    }

    /// <summary>Every objection to the programme's notices for the organiser (identity included), newest first, with the latest
    /// published notice; null when there is no such programme.</summary>
    public async Task<ObjectionBoard?> BoardAsync(string programmeCode, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(x => x.Code == programmeCode, ct);
        if (p is null) return null;
        var notices = await db.Set<ProgrammeNotice>().AsNoTracking().Where(n => n.ProgrammeId == p.Id).ToListAsync(ct);
        var latest = notices.Where(n => n.PublishedAt is not null).MaxBy(n => n.Id);
        var noticeIds = notices.Select(n => n.Id).ToList();
        var objections = await db.Set<ProgrammeObjection>().AsNoTracking().Where(o => noticeIds.Contains(o.NoticeId)).OrderByDescending(o => o.Id).ToListAsync(ct);
        var views = await ViewsAsync(p, objections, ct);
        return new(p.Code, p.Name, latest is null ? null : Notice(p, latest), views);
    }

    private async Task<IReadOnlyList<ObjectionView>> ViewsAsync(Programme p, IReadOnlyList<ProgrammeObjection> objections, CancellationToken ct)
    {
        var ids = objections.Select(o => o.Id).ToList();
        var owners = ids.Select(i => (long)i).ToList();
        var appIds = objections.Select(o => o.ApplicationId).Distinct().ToList();
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => appIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var steps = (await db.Set<ProgrammeObjectionStep>().AsNoTracking().Where(s => ids.Contains(s.ObjectionId)).OrderBy(s => s.Id).ToListAsync(ct))
            .ToLookup(s => s.ObjectionId);
        var evidence = (await files.ListAsync(ProgrammeStageFiles.EvidenceKind, owners, ct)).ToLookup(f => f.OwnerId);
        var replies = (await files.ListAsync(ProgrammeStageFiles.ReplyKind, owners, ct)).ToLookup(f => f.OwnerId);
        var proposals = (await db.Set<ProgrammeProposal>().AsNoTracking().Where(x => appIds.Contains(x.ApplicationId)).ToListAsync(ct))
            .GroupBy(x => x.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Id)!);
        var approved = (await db.Set<ProgrammeDecision>().AsNoTracking().Where(x => appIds.Contains(x.ApplicationId)).Select(x => x.ApplicationId).ToListAsync(ct)).ToHashSet();
        var definition = ProgrammeService.DefinitionOf(p);
        return objections.Select(o =>
        {
            var a = apps[o.ApplicationId];
            var category = definition.Categories.FirstOrDefault(c => c.Code == a.CategoryCode);
            var level = proposals.GetValueOrDefault(a.Id) is { } pr ? (pr.Withdrawn ? null : pr.Level) : null;
            return new ObjectionView(o, a.Reference, a.Applicant, a.Title, category?.Name ?? a.CategoryCode, level, category?.Levels ?? [],
                steps[o.Id].ToList(), evidence[o.Id].ToList(), replies[o.Id].ToList(), approved.Contains(a.Id));
        }).ToList();
    }

    /// <summary>One objection for the organiser, or null.</summary>
    public async Task<ObjectionView?> ViewAsync(int objectionId, CancellationToken ct)
    {
        var o = await db.Set<ProgrammeObjection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return null;
        var p = await (from n in db.Set<ProgrammeNotice>() join pr in db.Set<Programme>() on n.ProgrammeId equals pr.Id where n.Id == o.NoticeId select pr)
            .AsNoTracking().FirstAsync(ct);
        return (await ViewsAsync(p, [o], ct))[0];
    }

    /// <summary>The programme code of objection <paramref name="objectionId"/>, or null (for the pages' links).</summary>
    public Task<string?> ProgrammeCodeOfAsync(int objectionId, CancellationToken ct) =>
        (from o in db.Set<ProgrammeObjection>() join n in db.Set<ProgrammeNotice>() on o.NoticeId equals n.Id
         join p in db.Set<Programme>() on n.ProgrammeId equals p.Id where o.Id == objectionId select p.Code).FirstOrDefaultAsync(ct);

    /// <summary>指派: assigns the objection to <paramref name="person"/> (2–100 characters); 409 once decided.</summary>
    public Task<ObjectionAction> AssignAsync(int objectionId, string? person, string actor, CancellationToken ct) =>
        ActAsync(objectionId, actor, ct, o =>
        {
            person = person?.Trim();
            if (person is not { Length: >= 2 and <= 100 }) return Wording.Of("请填写负责调查的人员姓名");
            o.AssignedTo = person;
            if (o.Status == ObjectionStatus.Received) o.Status = ObjectionStatus.Investigating;
            return null;
        }, AssignedStep, () => person!);

    /// <summary>调查记录: adds an investigation note (2–4000 characters); 409 once decided.</summary>
    public Task<ObjectionAction> NoteAsync(int objectionId, string? text, string actor, CancellationToken ct) =>
        ActAsync(objectionId, actor, ct, o =>
        {
            text = text?.Trim();
            if (text is not { Length: >= 2 and <= 4000 }) return Wording.Of("请填写调查记录");
            if (o.Status == ObjectionStatus.Received) o.Status = ObjectionStatus.Investigating;
            return null;
        }, NoteStep, () => text!);

    /// <summary>
    /// 申报方答复: records the applicant's reply, its summary (<paramref name="text"/>, 2–4000 characters) and the uploaded file
    /// (<paramref name="file"/>, required: PDF / JPG / PNG / .docx, 20 MiB); 400 / 413 when the file is refused (nothing kept),
    /// 409 once decided.
    /// </summary>
    public async Task<ObjectionAction> ReplyAsync(int objectionId, string? text, EvidenceUpload? file, string actor, CancellationToken ct)
    {
        var o = await db.Set<ProgrammeObjection>().FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return ObjectionAction.Fail(404, Wording.Of("没有这件异议"));
        if (o.Status == ObjectionStatus.Decided) return ObjectionAction.Fail(409, Wording.Of("异议已办结，不能再修改"));
        text = text?.Trim();
        if (text is not { Length: >= 2 and <= 4000 }) return ObjectionAction.Fail(400, Wording.Of("请填写申报方答复的要点"));
        if (file is null) return ObjectionAction.Fail(400, Wording.Of("请上传申报方的书面答复"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await files.StoreAsync(o.ApplicationId, ProgrammeStageFiles.ReplyKind, o.Id, file.FileName, file.Content, actor, ct, audit: false);
        if (r.Status != 200) { await tx.RollbackAsync(ct); return new(r.Status, [r.Refusal!]); }
        var now = clock.GetUtcNow();
        if (o.Status == ObjectionStatus.Received) o.Status = ObjectionStatus.Investigating;
        o.Version++;
        db.Add(new ProgrammeObjectionStep { ObjectionId = o.Id, Kind = ReplyStep, Text = $"{text}（附件：{r.File!.FileName}）", Actor = actor, At = now });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "异议" + ReplyStep, Subject = $"异议 {o.Number} #{o.Id}",
            After = $"{text}；{r.File.FileName} {r.File.SizeBytes} B sha256 {r.File.Sha256}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(200, [], o.Id, o.Number);
    }

    /// <summary>
    /// 办结: records the outcome (<see cref="NoticeRules.CheckOutcome"/>: 不成立 changes nothing; 成立 withdraws or changes the
    /// award; 部分成立 keeps or changes it; a change names a new level of the category's levels; reasons required). 撤销 appends a
    /// withdrawn <see cref="ProgrammeProposal"/> (source 异议处理), 调整 one with the new level. Only before 审定 (no
    /// <see cref="ProgrammeDecision"/> for the application: 409) and once (409 when decided).
    /// </summary>
    public async Task<ObjectionAction> DecideAsync(int objectionId, ObjectionOutcome outcome, ObjectionEffect effect, string? newLevel, string? reasons,
        string actor, CancellationToken ct)
    {
        var o = await db.Set<ProgrammeObjection>().FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return ObjectionAction.Fail(404, Wording.Of("没有这件异议"));
        if (o.Status == ObjectionStatus.Decided) return ObjectionAction.Fail(409, Wording.Of("异议已办结，不能再修改"));
        if (await db.Set<ProgrammeDecision>().AnyAsync(d => d.ApplicationId == o.ApplicationId, ct))
            return ObjectionAction.Fail(409, Wording.Of("该申报已审定，异议处理结论不能再改变拟授奖结果"));
        var view = (await ViewAsync(o.Id, ct))!;
        var notice = await db.Set<ProgrammeNotice>().AsNoTracking().FirstAsync(n => n.Id == o.NoticeId, ct);
        var current = view.CurrentLevel ?? ProgrammeNotices.ListOf(notice).FirstOrDefault(l => l.ApplicationId == o.ApplicationId)?.Level ?? "";
        newLevel = effect == ObjectionEffect.ChangeLevel ? newLevel?.Trim() : null;
        var problems = NoticeRules.CheckOutcome(outcome, effect, newLevel, current, reasons).ToList();
        if (effect == ObjectionEffect.ChangeLevel && newLevel is { Length: > 0 } && !view.Levels.Contains(newLevel))
            problems.Add(Wording.Of("“{0}”不是该奖项类别的等级（{1}）", newLevel, string.Join("、", view.Levels)));
        if (problems.Count > 0) return new(400, problems);
        var now = clock.GetUtcNow();
        reasons = reasons!.Trim();
        o.Outcome = outcome;
        o.Effect = effect;
        o.NewLevel = newLevel;
        o.OutcomeReason = reasons;
        o.DecidedAt = now;
        o.Status = ObjectionStatus.Decided;
        o.Version++;
        var summary = Summary(outcome, effect, newLevel);
        if (effect == ObjectionEffect.Withdraw)
            db.Add(new ProgrammeProposal { ApplicationId = o.ApplicationId, Level = "", Withdrawn = true, Source = ProgrammeStandings.ObjectionSource, Reason = $"异议 {o.Number} {summary}：{reasons}", Actor = actor, At = now });
        else if (effect == ObjectionEffect.ChangeLevel)
            db.Add(new ProgrammeProposal { ApplicationId = o.ApplicationId, Level = newLevel!, Source = ProgrammeStandings.ObjectionSource, Reason = $"异议 {o.Number} {summary}：{reasons}", Actor = actor, At = now });
        db.Add(new ProgrammeObjectionStep { ObjectionId = o.Id, Kind = DecidedStep, Text = $"{summary}。{reasons}", Actor = actor, At = now });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "异议" + DecidedStep, Subject = $"异议 {o.Number} #{o.Id}（{view.Reference}）",
            Before = current, After = summary, Reason = reasons,
        });
        await db.SaveChangesAsync(ct);
        return new(200, [], o.Id, o.Number);
    }

    /// <summary>成立，撤销拟授奖 / 部分成立，拟授奖等级调整为二等奖 / 不成立，拟授奖结果不变 (zh-CN, for the step, the audit and the SMS).</summary>
    public static string Summary(ObjectionOutcome outcome, ObjectionEffect effect, string? newLevel) => SummaryWording(outcome, effect, newLevel).ToString();

    /// <summary>The outcome and its effect as a <see cref="Wording"/> (the pages word it in the reader's language).</summary>
    public static Wording SummaryWording(ObjectionOutcome outcome, ObjectionEffect effect, string? newLevel) => (outcome, effect) switch
    {
        (ObjectionOutcome.Upheld, ObjectionEffect.Withdraw) => Wording.Of("成立，撤销拟授奖"),
        (ObjectionOutcome.Upheld, ObjectionEffect.ChangeLevel) => Wording.Of("成立，拟授奖等级调整为{0}", newLevel),
        (ObjectionOutcome.PartlyUpheld, ObjectionEffect.ChangeLevel) => Wording.Of("部分成立，拟授奖等级调整为{0}", newLevel),
        (ObjectionOutcome.PartlyUpheld, _) => Wording.Of("部分成立，拟授奖结果不变"),
        (ObjectionOutcome.Upheld, _) => Wording.Of("成立"),
        _ => Wording.Of("不成立，拟授奖结果不变"),
    };

    /// <summary>
    /// The SMS telling the objector the outcome: "您提出的异议 YY-001（G01）已办结：成立，撤销拟授奖。理由：…", the reasons cut
    /// with "…" so the text keeps to <see cref="SmsLength"/> characters where the fixed part allows.
    /// </summary>
    public static string SmsText(ProgrammeObjection o, string reference)
    {
        ArgumentNullException.ThrowIfNull(o);
        var head = $"您提出的异议{o.Number}（{reference}）已办结：{Summary(o.Outcome ?? ObjectionOutcome.Rejected, o.Effect, o.NewLevel)}。理由：";
        var reasons = o.OutcomeReason ?? "";
        var room = Math.Max(8, SmsLength - head.Length);
        return head + (reasons.Length <= room ? reasons : reasons[..(room - 1)] + "…");
    }

    /// <summary>
    /// 短信告知: sends the outcome to the objector's mobile (<see cref="SmsText"/>), step 短信告知, <see cref="ProgrammeObjection.NotifiedAt"/>.
    /// 409 before the outcome or when already told; 503 when the gateway failed (nothing recorded).
    /// </summary>
    public async Task<ObjectionAction> NotifyAsync(int objectionId, string actor, CancellationToken ct)
    {
        var o = await db.Set<ProgrammeObjection>().FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return ObjectionAction.Fail(404, Wording.Of("没有这件异议"));
        if (o.Status != ObjectionStatus.Decided) return ObjectionAction.Fail(409, Wording.Of("异议尚未办结，不能告知处理结果"));
        if (o.NotifiedAt is not null) return ObjectionAction.Fail(409, Wording.Of("已于 {0} 短信告知异议人", ShanghaiTime.Display(o.NotifiedAt.Value)));
        var reference = await db.Set<ProgrammeApplication>().Where(a => a.Id == o.ApplicationId).Select(a => a.Reference).FirstAsync(ct);
        var text = SmsText(o, reference);
        try { await sms.SendAsync(o.Mobile, text, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SMS gateway failed for objection {Number} to {Phone}", o.Number, Mask(o.Mobile));
            return ObjectionAction.Fail(503, Wording.Of("短信发送失败，请稍后再试"));
        }
        var now = clock.GetUtcNow();
        o.NotifiedAt = now;
        o.Version++;
        db.Add(new ProgrammeObjectionStep { ObjectionId = o.Id, Kind = NotifiedStep, Text = text, Actor = actor, At = now });
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = actor, Action = "异议" + NotifiedStep, Subject = $"异议 {o.Number} #{o.Id}", After = $"{Mask(o.Mobile)}：{text}" });
        await db.SaveChangesAsync(ct);
        return new(200, [], o.Id, o.Number);
    }

    private async Task<ObjectionAction> ActAsync(int objectionId, string actor, CancellationToken ct, Func<ProgrammeObjection, Wording?> change, string kind, Func<string> text)
    {
        var o = await db.Set<ProgrammeObjection>().FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return ObjectionAction.Fail(404, Wording.Of("没有这件异议"));
        if (o.Status == ObjectionStatus.Decided) return ObjectionAction.Fail(409, Wording.Of("异议已办结，不能再修改"));
        if (change(o) is { } problem) return ObjectionAction.Fail(400, problem);
        var now = clock.GetUtcNow();
        o.Version++;
        db.Add(new ProgrammeObjectionStep { ObjectionId = o.Id, Kind = kind, Text = text(), Actor = actor, At = now });
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = actor, Action = "异议" + kind, Subject = $"异议 {o.Number} #{o.Id}", After = text() });
        await db.SaveChangesAsync(ct);
        return new(200, [], o.Id, o.Number);
    }
}
