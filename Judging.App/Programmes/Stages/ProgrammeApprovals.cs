namespace Judging.App.Programmes.Stages;

using System.Globalization;
using System.Text.Json;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>One application on the 审定 page: its standing, whether the notice listed it, what stops its approval, and its
/// current certificate.</summary>
/// <param name="Standing">Where it stands (proposal, objections, decision in force).</param>
/// <param name="CategoryName">Its category's name (categories.csv 类别名称).</param>
/// <param name="Listed">True when the latest 公示's list (<see cref="ProgrammeNotice.List"/>) holds it.</param>
/// <param name="Blocks">Why it cannot be approved (<see cref="StageGate.BeforeApproval"/>, "not on the list", "no level
/// proposed"); empty when it can.</param>
/// <param name="Certificate">Its certificate in force (not replaced), or null.</param>
public sealed record ApprovalRow(ApplicationStanding Standing, string CategoryName, bool Listed, IReadOnlyList<Wording> Blocks, CertificateRow? Certificate);

/// <summary>The 审定 page of one programme (issue 16, "审定 and after").</summary>
/// <param name="ProgrammeId">The programme's id.</param>
/// <param name="Code">Its code.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="Notice">Its latest 公示, or null when none was drafted.</param>
/// <param name="OpenObjections">The latest notice's objections not yet decided.</param>
/// <param name="NoticeProblems">Why 审定 cannot be recorded now for the notice's sake (not published, not closed, open
/// objections); empty when it can (the meeting's date and reference are asked when recording).</param>
/// <param name="Rows">The applications on the notice's list or with a decision, by reference.</param>
/// <param name="Register">The certificates issued, by number (replaced ones included).</param>
public sealed record ApprovalBoard(int ProgrammeId, string Code, ProgrammeDefinition Definition, ProgrammeNotice? Notice, int OpenObjections,
    IReadOnlyList<Wording> NoticeProblems, IReadOnlyList<ApprovalRow> Rows, IReadOnlyList<CertificateRow> Register);

/// <summary>One certificate of the register (证书登记簿).</summary>
/// <param name="Id">Its id (PDF: <c>GET /api/programme-certificates/{id}.pdf</c>).</param>
/// <param name="Number">The number (<see cref="ProgrammeApprovals.CertificatePrefix"/> + 3 digits).</param>
/// <param name="ApplicationId">The application.</param>
/// <param name="Reference">The application's reference.</param>
/// <param name="Category">The category's name.</param>
/// <param name="Level">The level awarded.</param>
/// <param name="Holder">The organisation or the person.</param>
/// <param name="HolderUnit">The person's unit (所在单位); empty for an organisation.</param>
/// <param name="Project">The project, or empty.</param>
/// <param name="IssuedAt">Issued (UTC).</param>
/// <param name="IssuedBy">Who issued.</param>
/// <param name="Replaces">The number this one replaces, or null.</param>
/// <param name="ReplacedBy">The number that replaced this one, or null while it is in force.</param>
public sealed record CertificateRow(int Id, string Number, int ApplicationId, string Reference, string Category, string Level, string Holder,
    string HolderUnit, string Project, DateTimeOffset IssuedAt, string IssuedBy, string? Replaces, string? ReplacedBy)
{
    /// <summary>True while no reissue replaced it.</summary>
    public bool InForce => ReplacedBy is null;
}

/// <summary>The outcome of a 审定 or certificate action.</summary>
/// <param name="Status">200 done; 400 refused (<paramref name="Problems"/>); 404 no such programme or application; 409 the state
/// does not allow it (a certificate already issued, a number taken meanwhile).</param>
/// <param name="Problems">Why not (zh-CN <see cref="Wording"/>s), empty when done.</param>
/// <param name="Recorded">Decisions recorded or certificates issued.</param>
/// <param name="Skipped">"Approve all listed": the applications left out and why (blocked ones).</param>
public sealed record ApprovalOutcome(int Status, IReadOnlyList<Wording> Problems, int Recorded = 0, IReadOnlyList<Wording>? Skipped = null);

/// <summary>A 审定 as the organiser records it.</summary>
/// <param name="Approved">Approved (the level is the proposed level in force) or not (a note is required).</param>
/// <param name="MeetingDate">The committee meeting's day (Beijing), not after today.</param>
/// <param name="MeetingReference">The meeting's reference (纪要编号 / 文号).</param>
/// <param name="Note">A remark; required when not approved.</param>
public sealed record DecisionForm(bool Approved, DateOnly? MeetingDate, string? MeetingReference, string? Note);

/// <summary>One approved winner as <c>GET /api/programmes/{code}/awards.json</c> lists it (field names stable: category, level,
/// applicant, unit, title, certificate).</summary>
/// <param name="Category">The category's name (categories.csv 类别名称).</param>
/// <param name="Level">The level approved (奖项等级).</param>
/// <param name="Applicant">The organisation or person.</param>
/// <param name="Unit">A person's unit (所在单位); empty for an organisation.</param>
/// <param name="Title">What won (the project or the applicant's name when there is no project).</param>
/// <param name="Certificate">The certificate number in force, or null before certificates are issued.</param>
public sealed record PublishedAward(string Category, string Level, string Applicant, string Unit, string Title, string? Certificate);

/// <summary>The public results of a programme: winners grouped by category then level, in the definition's order.</summary>
/// <param name="Code">The programme's code.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="Groups">(category, level, winners) in categories.csv order and each category's level order.</param>
/// <param name="MeetingDate">The latest meeting date of the approvals.</param>
public sealed record PublishedResults(string Code, ProgrammeDefinition Definition, IReadOnlyList<(AwardCategory Category, string Level, IReadOnlyList<PublishedAward> Winners)> Groups,
    DateOnly MeetingDate);

/// <summary>
/// 审定 and after (issue 16, "审定 and after"): the committee's decision per application (approved or not, the meeting's date and
/// reference) only after the programme's latest 公示 was published and closed with no open objection
/// (<see cref="NoticeRules.CheckApproval"/>); approval also needs the application on the notice's list, a proposed level in force
/// and nothing in <see cref="StageGate.BeforeApproval"/> (a 不属实 visit, a failed credit check, an upheld objection's 撤销).
/// Decisions are append-only (the latest is in force) and cannot change once a certificate is issued. Certificates are numbered
/// <c>{year}-{SHORT}-{nnn}</c> per programme (<see cref="CertificatePrefix"/>), consecutive, never reused; a reissue is a new row
/// naming the one it replaces. Publication: the approved winners (public page and awards JSON). Every action is audited. Scoped.
/// </summary>
public sealed class ProgrammeApprovals(JudgingDb db, ProgrammeStandings standings, TimeProvider clock)
{
    /// <summary>The longest note, in characters.</summary>
    public const int MaxNote = 1000;

    /// <summary>
    /// The certificate number's prefix of a programme (documented pattern, docs/programmes.md "审定与证书"): the year is the
    /// code's last part when it is 4 digits (government-quality-award-2025 → 2025), else <paramref name="issuedOn"/>'s year;
    /// SHORT is the upper-case initials of the code's other parts (GQA, QB, TA). The number is the prefix and a 3-digit
    /// sequence (more digits past 999): 2025-GQA-001, 2025-GQA-002, …
    /// </summary>
    public static string CertificatePrefix(string code, DateOnly issuedOn)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = code.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        var year = issuedOn.Year.ToString(CultureInfo.InvariantCulture);
        if (parts.Count > 1 && parts[^1] is { Length: 4 } y && y.All(char.IsAsciiDigit))
        {
            year = y;
            parts.RemoveAt(parts.Count - 1);
        }
        var initials = string.Concat(parts.Where(p => char.IsAsciiLetterOrDigit(p[0])).Select(p => char.ToUpperInvariant(p[0])));
        return $"{year}-{(initials.Length > 0 ? initials : "P")}-";
    }

    /// <summary>The ids of the applications a notice lists (<see cref="ProgrammeNotice.List"/>: [{"applicationId", …}]).</summary>
    public static IReadOnlySet<int> ListedIds(ProgrammeNotice? notice) =>
        notice is null ? new HashSet<int>() : ProgrammeNotices.ListOf(notice).Select(l => l.ApplicationId).ToHashSet();

    /// <summary>The 审定 page of <paramref name="code"/>, or null when there is no such programme.</summary>
    public async Task<ApprovalBoard?> BoardAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var definition = ProgrammeService.DefinitionOf(p);
        var all = await standings.LoadAsync(p.Id, ct);
        var gate = await GateAsync(p, definition, all, ct);
        var (notice, open, listed) = (gate.Notice, gate.Open, gate.Listed);
        var register = await RegisterAsync(p.Id, definition, ct);
        var current = register.Where(c => c.InForce).GroupBy(c => c.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!);
        var rows = all.Where(s => listed.Contains(s.ApplicationId) || s.Decision is not null)
            .Select(s => new ApprovalRow(s, CategoryName(definition, s.CategoryCode), listed.Contains(s.ApplicationId),
                ApprovalBlocks(s, listed.Contains(s.ApplicationId), gate.Needed), current.GetValueOrDefault(s.ApplicationId)))
            .ToList();
        var problems = gate.Check(Today, "-", Today);
        return new ApprovalBoard(p.Id, p.Code, definition, notice, open, problems, rows, register);
    }

    /// <summary>
    /// Records the committee's decision <paramref name="form"/> on each of <paramref name="applicationIds"/> of the programme
    /// <paramref name="code"/>, all or nothing: 404 when the programme or an application (of it) is unknown; 400 with every reason
    /// when the notice does not allow 审定 (<see cref="NoticeRules.CheckApproval"/>), a non-approval has no note, or an application
    /// to approve is blocked, not listed or has no level proposed; 409 when one has a certificate in force.
    /// </summary>
    public async Task<ApprovalOutcome> DecideAsync(string code, IReadOnlyList<int> applicationIds, DecisionForm form, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ArgumentNullException.ThrowIfNull(form);
        if (applicationIds.Count == 0) return new(400, [Wording.Of("请选择要审定的申报")]);
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, [Wording.Of("没有这个评选项目")]);
        var all = (await standings.LoadAsync(p.Id, ct)).ToDictionary(s => s.ApplicationId);
        if (applicationIds.Any(id => !all.ContainsKey(id))) return new(404, [Wording.Of("没有这份申报")]);
        var gate = await GateAsync(p, ProgrammeService.DefinitionOf(p), all.Values, ct);
        var problems = gate.Check(form.MeetingDate, form.MeetingReference, Today).ToList();
        var note = (form.Note ?? "").Trim();
        if (!form.Approved && note.Length < 2) problems.Add(Wording.Of("不予批准须填写理由"));
        if (note.Length > MaxNote) problems.Add(Wording.Of("备注最多 {0} 字", MaxNote));
        if ((form.MeetingReference?.Trim().Length ?? 0) > 100) problems.Add(Wording.Of("纪要编号或文号最多 {0} 字", 100));
        var listed = gate.Listed;
        if (form.Approved)
            foreach (var id in applicationIds.Distinct())
            {
                var blocks = ApprovalBlocks(all[id], listed.Contains(id), gate.Needed);
                if (blocks.Count > 0) problems.Add(Wording.Of("{0}：{1}", all[id].Reference, Wording.Join("；", blocks)));
            }
        if (problems.Count > 0) return new(400, problems);
        var certified = await db.Set<ProgrammeCertificate>().AsNoTracking().Where(c => applicationIds.Contains(c.ApplicationId))
            .Select(c => c.ApplicationId).Distinct().ToListAsync(ct);
        if (certified.Count > 0)
            return new(409, [Wording.Of("{0} 已颁发证书，审定结果不能再改", string.Join("、", certified.Select(id => all[id].Reference).Order(StringComparer.Ordinal)))]);
        var now = clock.GetUtcNow();
        var reference = form.MeetingReference!.Trim();
        foreach (var id in applicationIds.Distinct())
        {
            var s = all[id];
            var level = form.Approved ? s.ProposedLevel! : "";
            db.Add(new ProgrammeDecision
            {
                ApplicationId = id, Approved = form.Approved, Level = level, MeetingDate = form.MeetingDate!.Value, MeetingReference = reference,
                Note = note, Actor = actor, At = now,
            });
            db.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = form.Approved ? "审定批准" : "审定不予批准", Subject = $"{p.Name} {s.Reference} {s.Title}".Trim(),
                Before = s.Decision is { } d ? (d.Approved ? $"批准 {d.Level}" : "不予批准") : null,
                After = string.Join(" ", new[] { form.Approved ? $"批准 {level}" : "不予批准", $"{form.MeetingDate:yyyy-MM-dd}", reference, note }.Where(x => x.Length > 0)),
            });
        }
        await db.SaveChangesAsync(ct);
        return new(200, [], applicationIds.Distinct().Count());
    }

    /// <summary>
    /// "Approve all listed" (全部批准): approves every application of the latest notice's list that has no decision yet and
    /// nothing blocking it, at the proposed level in force; the blocked ones are left out and named in
    /// <see cref="ApprovalOutcome.Skipped"/>. Refused as <see cref="DecideAsync"/> when the notice does not allow 审定.
    /// </summary>
    public async Task<ApprovalOutcome> ApproveAllListedAsync(string code, DateOnly? meetingDate, string? meetingReference, string? note, string actor, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, [Wording.Of("没有这个评选项目")]);
        var all = await standings.LoadAsync(p.Id, ct);
        var gate = await GateAsync(p, ProgrammeService.DefinitionOf(p), all, ct);
        var listed = gate.Listed;
        var pending = all.Where(s => listed.Contains(s.ApplicationId) && s.Decision is null).ToList();
        var ready = pending.Where(s => ApprovalBlocks(s, true, gate.Needed).Count == 0).Select(s => s.ApplicationId).ToList();
        var skipped = pending.Where(s => ApprovalBlocks(s, true, gate.Needed).Count > 0)
            .Select(s => Wording.Of("{0}：{1}", s.Reference, Wording.Join("；", ApprovalBlocks(s, true, gate.Needed)))).ToList();
        if (ready.Count == 0)
        {
            var why = gate.Check(meetingDate, meetingReference, Today);
            return new(400, why.Count > 0 ? why : [Wording.Of("公示名单中没有待审定的申报")], 0, skipped);
        }
        var r = await DecideAsync(code, ready, new DecisionForm(true, meetingDate, meetingReference, note), actor, ct);
        return r with { Skipped = skipped };
    }

    /// <summary>
    /// Issues a certificate to every approved application of <paramref name="code"/> that has none (numbers consecutive after the
    /// programme's highest, <see cref="CertificatePrefix"/>); the holder is the organisation, or the person with 所在单位 from the
    /// application's fields; the project is the title when it is not the applicant's name. 400 when there is nothing to issue.
    /// </summary>
    public async Task<ApprovalOutcome> IssueAsync(string code, string actor, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, [Wording.Of("没有这个评选项目")]);
        var definition = ProgrammeService.DefinitionOf(p);
        var issued = await db.Set<ProgrammeCertificate>().AsNoTracking().Where(c => c.ProgrammeId == p.Id).Select(c => c.ApplicationId).Distinct().ToListAsync(ct);
        var approved = (await standings.LoadAsync(p.Id, ct)).Where(s => s.Decision is { Approved: true } && !issued.Contains(s.ApplicationId)).ToList();
        if (approved.Count == 0) return new(400, [Wording.Of("没有待颁发证书的获奖申报")]);
        var ids = approved.Select(s => s.ApplicationId).ToList();
        var fields = await FieldsAsync(ids, ct);
        var now = clock.GetUtcNow();
        var next = await NextSequenceAsync(p, now, ct);
        foreach (var s in approved)
        {
            var c = NewCertificate(p, definition, s.ApplicationId, s.CategoryCode, s.Applicant, s.Title, s.Decision!.Level, fields.GetValueOrDefault(s.ApplicationId), now, actor, next++);
            db.Add(c);
            db.Add(new AuditEntry { At = now, Actor = actor, Action = "颁发证书", Subject = $"{p.Name} {s.Reference} {s.Title}".Trim(), After = $"{c.Number} {c.Holder} {c.Level}" });
        }
        return await SaveNumbersAsync(approved.Count, ct);
    }

    /// <summary>
    /// Reissues certificate <paramref name="certificateId"/> (补发, e.g. lost or the holder's name corrected): a new row with the
    /// next number, the holder read again from the application, naming the old one in <see cref="ProgrammeCertificate.Replaces"/>;
    /// the old number is never used again. 404 unknown; 409 already replaced; 400 without a reason.
    /// </summary>
    public async Task<ApprovalOutcome> ReissueAsync(int certificateId, string? reason, string actor, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (reason is not { Length: >= 2 }) return new(400, [Wording.Of("请填写补发证书的理由")]);
        var old = await db.Set<ProgrammeCertificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == certificateId, ct);
        if (old is null) return new(404, [Wording.Of("没有这张证书")]);
        if (await db.Set<ProgrammeCertificate>().AnyAsync(c => c.Replaces == certificateId, ct))
            return new(409, [Wording.Of("证书 {0} 已补发过，请补发最新的一张", old.Number)]);
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == old.ProgrammeId, ct);
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().SingleAsync(x => x.Id == old.ApplicationId, ct);
        var now = clock.GetUtcNow();
        var c = NewCertificate(p, ProgrammeService.DefinitionOf(p), a.Id, a.CategoryCode, a.Applicant, a.Title, old.Level, a.Fields, now, actor,
            await NextSequenceAsync(p, now, ct));
        c.Replaces = old.Id;
        db.Add(c);
        db.Add(new AuditEntry { At = now, Actor = actor, Action = "补发证书", Subject = $"{p.Name} {a.Reference} {a.Title}".Trim(), Before = old.Number, After = $"{c.Number} {reason}" });
        return await SaveNumbersAsync(1, ct);
    }

    /// <summary>The register of <paramref name="code"/> (every certificate, by number), or null when there is no such programme.</summary>
    public async Task<(ProgrammeDefinition Definition, IReadOnlyList<CertificateRow> Rows)?> RegisterAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var definition = ProgrammeService.DefinitionOf(p);
        return (definition, await RegisterAsync(p.Id, definition, ct));
    }

    /// <summary>One certificate with its programme (for its PDF), or null.</summary>
    public async Task<(ProgrammeDefinition Definition, CertificateRow Row)?> CertificateAsync(int id, CancellationToken ct)
    {
        var programmeId = await db.Set<ProgrammeCertificate>().Where(c => c.Id == id).Select(c => (int?)c.ProgrammeId).SingleOrDefaultAsync(ct);
        if (programmeId is null) return null;
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == programmeId, ct);
        var definition = ProgrammeService.DefinitionOf(p);
        return (definition, (await RegisterAsync(p.Id, definition, ct)).Single(r => r.Id == id));
    }

    /// <summary>
    /// The register as CSV (UTF-8 with BOM, CsvHelper), zh-CN headers: 证书编号, 申报编号, 奖项类别, 奖项等级, 获奖者, 所在单位, 项目,
    /// 颁发时间（北京时间）, 颁发人, 补发自 (the number replaced), 状态 (有效 / 已补发 number).
    /// </summary>
    public static byte[] RegisterCsv(IEnumerable<CertificateRow> rows) =>
        Components.Shared.CsvDownload.Write(
            ["证书编号", "申报编号", "奖项类别", "奖项等级", "获奖者", "所在单位", "项目", "颁发时间（北京时间）", "颁发人", "补发自", "状态"],
            rows.Select(r => (IEnumerable<string?>)[r.Number, r.Reference, r.Category, r.Level, r.Holder, r.HolderUnit, r.Project,
                ShanghaiTime.Display(r.IssuedAt), r.IssuedBy, r.Replaces, r.ReplacedBy is null ? "有效" : $"已补发 {r.ReplacedBy}"]));

    /// <summary>
    /// The approved winners of <paramref name="code"/> as published (public page and awards JSON): every application whose
    /// decision in force approves it, grouped by category and level; null when there is no such programme or nothing is approved.
    /// </summary>
    public async Task<PublishedResults?> PublishedAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var definition = ProgrammeService.DefinitionOf(p);
        var winners = (await standings.LoadAsync(p.Id, ct)).Where(s => s.Decision is { Approved: true }).ToList();
        if (winners.Count == 0) return null;
        var fields = await FieldsAsync(winners.Select(w => w.ApplicationId).ToList(), ct);
        var current = (await RegisterAsync(p.Id, definition, ct)).Where(c => c.InForce).GroupBy(c => c.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!.Number);
        var groups = new List<(AwardCategory, string, IReadOnlyList<PublishedAward>)>();
        foreach (var category in definition.Categories)
        {
            var inCategory = winners.Where(w => w.CategoryCode == category.Code).ToList();
            var levels = category.Levels.Concat(inCategory.Select(w => w.Decision!.Level).Where(l => !category.Levels.Contains(l)).Distinct().Order(StringComparer.Ordinal));
            foreach (var level in levels)
            {
                var list = inCategory.Where(w => w.Decision!.Level == level).OrderBy(w => w.Reference, StringComparer.Ordinal)
                    .Select(w => new PublishedAward(category.Name, level, w.Applicant, UnitOf(category, fields.GetValueOrDefault(w.ApplicationId)),
                        w.Title.Length > 0 ? w.Title : w.Applicant, current.GetValueOrDefault(w.ApplicationId))).ToList();
                if (list.Count > 0) groups.Add((category, level, list));
            }
        }
        return new PublishedResults(p.Code, definition, groups, winners.Max(w => w.Decision!.MeetingDate));
    }

    /// <summary>
    /// The approved winners of the programmes of <paramref name="set"/>'s family other than <paramref name="programmeId"/>, as
    /// past winners (issue 16: "the five-year and 'same award' rules of part 1 read this programme's winners once approved"):
    /// the award from the level (a level naming 市长 is 市长质量奖, else 质量金奖), the kind from the category (个人 →
    /// 先进质量管理成果, else 先进质量管理模式), the year from the meeting date, the name from the application and the unit from
    /// its 所在单位 (individuals). Only for a family that reads a past winners list (<see cref="ProgrammeRuleSet.ReadsPastWinners"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Import.PastWinner>> ApprovedAsPastWinnersAsync(JudgingDb db, int programmeId, ProgrammeRuleSet set, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(set);
        if (!set.ReadsPastWinners) return [];
        var decided = await (from d in db.Set<ProgrammeDecision>().AsNoTracking()
                             join a in db.Set<ProgrammeApplication>().AsNoTracking() on d.ApplicationId equals a.Id
                             where a.ProgrammeId != programmeId && a.Status != ProgrammeApplicationStatus.Withdrawn
                             select new { d.Id, d.ApplicationId, d.Approved, d.Level, d.MeetingDate, a.ProgrammeId, a.CategoryCode, a.Applicant, a.Fields })
            .ToListAsync(ct);
        var approved = decided.GroupBy(d => d.ApplicationId).Select(g => g.MaxBy(d => d.Id)!).Where(d => d.Approved).ToList();
        if (approved.Count == 0) return [];
        var programmeIds = approved.Select(d => d.ProgrammeId).Distinct().ToList();
        var definitions = (await db.Set<Programme>().AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToListAsync(ct))
            .ToDictionary(p => p.Id, ProgrammeService.DefinitionOf);
        var winners = new List<Import.PastWinner>();
        foreach (var d in approved)
        {
            var definition = definitions[d.ProgrammeId];
            if (ProgrammeRuleSet.For(definition) != set || definition.Categories.FirstOrDefault(c => c.Code == d.CategoryCode) is not { } category) continue;
            var individual = category.Applicant == ApplicantKind.Individual;
            winners.Add(new Import.PastWinner(d.Applicant, UnitOf(category, d.Fields), new PastQualityAward(
                d.Level.Contains("市长", StringComparison.Ordinal) ? QualityAwardLevel.Mayor : QualityAwardLevel.Gold,
                individual ? QualityAwardApplicant.Individual : QualityAwardApplicant.Organisation, d.MeetingDate.Year)));
        }
        return winners;
    }

    private DateOnly Today => DateOnly.FromDateTime(ShanghaiTime.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>
    /// What 审定 waits for: where the programme's stages have a 公示 (<see cref="ProgrammeStagePlan.ApprovalNeedsNotice"/>, seeds
    /// 002 and 004) or the organiser published one anyway, its latest notice closed without open objections and its list; where
    /// they have none (seed 001 遴选, seed 003), the applications that may stand (<see cref="ApplicationStanding.Listable"/>).
    /// </summary>
    private sealed record NoticeGate(ProgrammeNotice? Notice, bool Needed, int Open, IReadOnlySet<int> Listed)
    {
        public IReadOnlyList<Wording> Check(DateOnly? meetingDate, string? meetingReference, DateOnly today) => Needed
            ? NoticeRules.CheckApproval(Notice?.PublishedAt is not null, Notice?.ClosedAt is not null, Open, meetingDate, meetingReference, today)
            : NoticeRules.CheckApproval(true, true, 0, meetingDate, meetingReference, today);
    }

    private async Task<NoticeGate> GateAsync(Programme p, ProgrammeDefinition definition, IEnumerable<ApplicationStanding> all, CancellationToken ct)
    {
        var notice = await LatestNoticeAsync(p.Id, ct);
        var needed = notice is not null || ProgrammeStagePlan.Of(definition.Stages).ApprovalNeedsNotice;
        var open = notice is null ? 0 : await OpenObjectionsAsync(notice.Id, ct);
        var listed = needed ? ListedIds(notice) : all.Where(s => s.Listable || s.Decision is not null).Select(s => s.ApplicationId).ToHashSet();
        return new(notice, needed, open, listed);
    }

    private Task<ProgrammeNotice?> LatestNoticeAsync(int programmeId, CancellationToken ct) => ProgrammeNotices.LatestAsync(db, programmeId, false, ct);

    private Task<int> OpenObjectionsAsync(int noticeId, CancellationToken ct) => ProgrammeNotices.OpenObjectionsAsync(db, noticeId, ct);

    /// <summary>Why <paramref name="s"/> cannot be approved: the stage gate, not on the notice's list, no level proposed.</summary>
    private static List<Wording> ApprovalBlocks(ApplicationStanding s, bool listed, bool noticed)
    {
        var blocks = StageGate.BeforeApproval(s.Facts).ToList();
        if (!listed) blocks.Add(noticed ? Wording.Of("不在公示名单中") : Wording.Of("不在拟授奖名单中（形式审查未通过或没有拟授奖等级）"));
        if (s.ProposedLevel is null && s.ObjectionEffect != ObjectionEffect.Withdraw) blocks.Add(Wording.Of("没有拟授奖等级"));
        return blocks;
    }

    private static string CategoryName(ProgrammeDefinition d, string code) => d.Categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    private static string UnitOf(AwardCategory category, string? fieldsJson)
    {
        if (category.Applicant != ApplicantKind.Individual || string.IsNullOrWhiteSpace(fieldsJson)) return "";
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(fieldsJson) ?? [];
        return fields.GetValueOrDefault("所在单位", "").Trim();
    }

    private async Task<Dictionary<int, string>> FieldsAsync(List<int> ids, CancellationToken ct) =>
        await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Fields, ct);

    /// <summary>The next sequence number after the programme's highest certificate number with its prefix.</summary>
    private async Task<int> NextSequenceAsync(Programme p, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = CertificatePrefix(p.Code, DateOnly.FromDateTime(ShanghaiTime.ToLocal(now).DateTime));
        var numbers = await db.Set<ProgrammeCertificate>().AsNoTracking().Where(c => c.ProgrammeId == p.Id).Select(c => c.Number).ToListAsync(ct);
        var max = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0).DefaultIfEmpty(0).Max();
        return max + 1;
    }

    private static ProgrammeCertificate NewCertificate(Programme p, ProgrammeDefinition definition, int applicationId, string categoryCode, string applicant,
        string title, string level, string? fieldsJson, DateTimeOffset now, string actor, int sequence)
    {
        var category = definition.Categories.FirstOrDefault(c => c.Code == categoryCode);
        var prefix = CertificatePrefix(p.Code, DateOnly.FromDateTime(ShanghaiTime.ToLocal(now).DateTime));
        return new ProgrammeCertificate
        {
            ProgrammeId = p.Id, ApplicationId = applicationId, Number = prefix + sequence.ToString("D3", CultureInfo.InvariantCulture),
            Holder = applicant, HolderUnit = category is null ? "" : UnitOf(category, fieldsJson),
            Project = title.Length > 0 && title != applicant ? title : "", Level = level, IssuedAt = now, IssuedBy = actor,
        };
    }

    private async Task<ApprovalOutcome> SaveNumbersAsync(int count, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(200, [], count);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(409, [Wording.Of("证书编号已被同时颁发的证书占用，请重试")]);
        }
    }

    private async Task<IReadOnlyList<CertificateRow>> RegisterAsync(int programmeId, ProgrammeDefinition definition, CancellationToken ct)
    {
        var certs = await db.Set<ProgrammeCertificate>().AsNoTracking().Where(c => c.ProgrammeId == programmeId).ToListAsync(ct);
        var ids = certs.Select(c => c.ApplicationId).Distinct().ToList();
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new { a.Reference, a.CategoryCode }, ct);
        var numbers = certs.ToDictionary(c => c.Id, c => c.Number);
        var replacedBy = certs.Where(c => c.Replaces is not null).ToDictionary(c => c.Replaces!.Value, c => c.Number);
        return certs.OrderBy(c => c.Number, StringComparer.Ordinal).Select(c => new CertificateRow(c.Id, c.Number, c.ApplicationId, apps[c.ApplicationId].Reference,
            CategoryName(definition, apps[c.ApplicationId].CategoryCode), c.Level, c.Holder, c.HolderUnit, c.Project, c.IssuedAt, c.IssuedBy,
            c.Replaces is { } r ? numbers.GetValueOrDefault(r) : null, replacedBy.GetValueOrDefault(c.Id))).ToList();
    }
}
