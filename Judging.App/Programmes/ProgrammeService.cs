namespace Judging.App.Programmes;

using System.Text.Json;
using Judging.App.Persistence;
using Judging.App.Programmes.Import;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>A programme as lists show it.</summary>
/// <param name="Id">Id.</param>
/// <param name="Code">Its code (links: <c>/programmes/{code}</c>).</param>
/// <param name="Definition">Its definition (categories, routes, rules, materials, caps, windows, stages).</param>
/// <param name="Applications">Applications other than withdrawn ones, drafts included.</param>
/// <param name="Submitted">Submitted (or admitted).</param>
/// <param name="Refused">Refused and not admitted.</param>
public sealed record ProgrammeSummary(int Id, string Code, ProgrammeDefinition Definition, int Applications, int Submitted, int Refused);

/// <summary>One checklist item of an application's materials, and whether it is there.</summary>
/// <param name="Item">The item (materials.csv).</param>
/// <param name="Done">Uploaded (or, for a form section or a fixed text, filled in / always there).</param>
/// <param name="FileId">The newest upload's id, or null.</param>
public sealed record MaterialStatus(MaterialItem Item, bool Done, long? FileId);

/// <summary>One application as the organiser's grid shows it.</summary>
/// <param name="Id">Id.</param>
/// <param name="Reference">Reference.</param>
/// <param name="Category">Its award category.</param>
/// <param name="Title">What is applied for.</param>
/// <param name="Applicant">Who applies.</param>
/// <param name="Status">Status.</param>
/// <param name="SubmittedAt">Last submission (UTC).</param>
/// <param name="Eligibility">Every rule with ✔/✗ and its reason.</param>
/// <param name="AdmissionReason">The organiser's reason for admitting it although a rule failed, or null.</param>
/// <param name="Materials">The checklist.</param>
/// <param name="Seeded">Loaded from the seeds.</param>
public sealed record ApplicationRow(int Id, string Reference, AwardCategory Category, string Title, string Applicant, ProgrammeApplicationStatus Status,
    DateTimeOffset? SubmittedAt, Eligibility Eligibility, string? AdmissionReason, IReadOnlyList<MaterialStatus> Materials, bool Seeded)
{
    /// <summary>Where it stands in the formal review (形式审查): 未提交 until submitted with every rule passed or admitted.</summary>
    public FormalReviewStatus Review { get; init; }

    /// <summary>The latest 退回修改's reasons, which the applicant reads, or null.</summary>
    public string? ReturnReasons { get; init; }

    /// <summary>The formal review's steps, oldest first.</summary>
    public IReadOnlyList<ProgrammeReviewRecord> ReviewHistory { get; init; } = [];

    /// <summary>Required materials there / required.</summary>
    public (int Done, int Required) Completeness => (Materials.Count(m => m.Item.Required && m.Done), Materials.Count(m => m.Item.Required));
}

/// <summary>How much of a cap one applicant uses (seed 003: per applicant, per direction or scope).</summary>
/// <param name="Applicant">The applicant.</param>
/// <param name="Category">The category's name.</param>
/// <param name="Group">The direction or scope.</param>
/// <param name="Counted">Applications counted (live, not via an uncapped partner).</param>
/// <param name="Limit">The cap.</param>
public sealed record CapUse(string Applicant, string Category, string Group, int Counted, int Limit)
{
    /// <summary>More counted than the cap allows.</summary>
    public bool Over => Counted > Limit;
}

/// <summary>The organiser's page of one programme (issue 13): its applications, their eligibility, caps and completeness.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Applications">Every application but withdrawn ones, by reference.</param>
/// <param name="Caps">The caps' use per applicant and group, fullest first; empty when the programme has no cap.</param>
public sealed record ProgrammeBoard(ProgrammeSummary Programme, IReadOnlyList<ApplicationRow> Applications, IReadOnlyList<CapUse> Caps);

/// <summary>An application's form as its owner's page shows it.</summary>
/// <param name="Row">The application.</param>
/// <param name="Programme">Its programme.</param>
/// <param name="Fields">The form's fields.</param>
/// <param name="Values">What is typed, by field.</param>
/// <param name="Revision">The revision a save must name.</param>
public sealed record ApplicationForm(ApplicationRow Row, ProgrammeSummary Programme, IReadOnlyList<ProgrammeField> Fields,
    IReadOnlyDictionary<string, string> Values, int Revision);

/// <summary>The outcome of a change: HTTP status (200, 400, 403, 404, 409), the reason when refused, and the eligibility after it.</summary>
/// <param name="Status">200 done; 400 refused with <paramref name="Reason"/>; 404 not found or not the caller's; 409 changed elsewhere.</param>
/// <param name="Reason">Why not, or null.</param>
/// <param name="Id">The application's id.</param>
/// <param name="Revision">Its revision after the change.</param>
/// <param name="Eligibility">The rules after the change, or null.</param>
public sealed record ProgrammeChange(int Status, Wording? Reason, int Id = 0, int Revision = 0, Eligibility? Eligibility = null);

/// <summary>
/// The programmes (issue 13): lists, the organiser's board, an applicant's forms with their eligibility, starting, saving as
/// typed (by revision), submitting (refused with the failing rules' reasons when a rule fails), withdrawing, and the
/// organiser's admission of a refused application with a recorded reason. Every decision is audited. Scoped.
/// </summary>
public sealed class ProgrammeService(JudgingDb db, TimeProvider clock)
{
    /// <summary>How fields and files are stored as JSON: Chinese as written (readable in the database, a third of the size).</summary>
    public static readonly JsonSerializerOptions StoredJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fields hold at most this many characters each (the longest section, 推进和应用, is 8,000 字).</summary>
    public const int MaxFieldChars = 20_000;

    /// <summary>The working-day calendar as stored (the organiser's edited copy), or the empty calendar of no year.</summary>
    public static async Task<WorkingDayCalendar> LoadCalendarAsync(JudgingDb db, CancellationToken ct)
    {
        var days = await db.Set<WorkingCalendarDay>().AsNoTracking().ToListAsync(ct);
        return WorkingDayCalendar.Of(days.Select(d => d.Year).Distinct(),
            days.Select(d => new CalendarDay(d.Year, d.Date, d.Working ? CalendarDayKind.AdjustedWorkday : CalendarDayKind.Holiday, d.Holiday)));
    }

    /// <summary>Reads a stored programme's definition back from its files.</summary>
    /// <exception cref="InvalidOperationException">The stored files no longer import (never the case for files stored by the seeder).</exception>
    public static ProgrammeDefinition DefinitionOf(Programme p)
    {
        var files = JsonSerializer.Deserialize<Dictionary<string, string>>(p.SourceFiles) ?? [];
        return ProgrammeImport.Read(files).Definition ?? throw new InvalidOperationException($"评选项目“{p.Name}”的配置无法读取");
    }

    /// <summary>Every programme, by code.</summary>
    public async Task<IReadOnlyList<ProgrammeSummary>> ListAsync(CancellationToken ct)
    {
        var programmes = await db.Set<Programme>().AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var counts = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => a.Status != ProgrammeApplicationStatus.Withdrawn)
            .GroupBy(a => new { a.ProgrammeId, a.Status, Admitted = a.AdmittedAt != null }).Select(g => new { g.Key.ProgrammeId, g.Key.Status, g.Key.Admitted, N = g.Count() })
            .ToListAsync(ct);
        return programmes.Select(p =>
        {
            var c = counts.Where(x => x.ProgrammeId == p.Id).ToList();
            return new ProgrammeSummary(p.Id, p.Code, DefinitionOf(p), c.Sum(x => x.N),
                c.Where(x => x.Status == ProgrammeApplicationStatus.Submitted).Sum(x => x.N), c.Where(x => x.Status == ProgrammeApplicationStatus.Refused).Sum(x => x.N));
        }).ToList();
    }

    /// <summary>
    /// Imports a programme's definition files (docs/programmes.md: programme.csv, categories.csv, … ; file name → CSV text), all
    /// or nothing, as the organiser uploads them: a new code adds a programme; a known code replaces its definition (e.g. a
    /// window extended), refused when its rules change family or a category that applications use is gone. Problems come as
    /// "文件 第N行：原因"; nothing is stored then. Audited.
    /// </summary>
    /// <returns>The programme's code and whether it is new, or the problems.</returns>
    public async Task<(string? Code, bool Created, IReadOnlyList<Wording> Problems)> ImportDefinitionAsync(IReadOnlyDictionary<string, string> files, string actor, CancellationToken ct)
    {
        var known = files.Where(f => ProgrammeImport.Files.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
        var read = ProgrammeImport.Read(known);
        if (read.Definition is not { } definition) return (null, false, read.Problems.Select(x => x.Text).ToList());
        ProgrammeRuleSet set;
        try { set = ProgrammeRuleSet.For(definition); }
        catch (InvalidOperationException) { return (null, false, [Wording.Of("{0}：申报条件不属于同一套规则", ProgrammeImport.RulesFile)]); }
        var now = clock.GetUtcNow();
        var existing = await db.Set<Programme>().SingleOrDefaultAsync(x => x.Code == definition.Code, ct);
        var json = JsonSerializer.Serialize(known, StoredJson);
        if (existing is null)
        {
            db.Add(new Programme { Code = definition.Code, Name = definition.Name, SourceFiles = json, ImportedAt = now });
            db.Add(new AuditEntry { At = now, Actor = actor, Action = "导入评选项目", Subject = definition.Name, After = definition.Code });
            await db.SaveChangesAsync(ct);
            return (definition.Code, true, []);
        }
        var before = DefinitionOf(existing);
        if (ProgrammeRuleSet.For(before) != set)
            return (null, false, [Wording.Of("{0}：评选项目“{1}”的申报条件不能换成另一套规则", ProgrammeImport.RulesFile, definition.Code)]);
        var used = await db.Set<ProgrammeApplication>().Where(a => a.ProgrammeId == existing.Id).Select(a => a.CategoryCode).Distinct().ToListAsync(ct);
        var gone = used.Where(c => definition.Categories.All(x => x.Code != c)).ToList();
        if (gone.Count > 0)
            return (null, false, [Wording.Of("{0}：奖项类别“{1}”已有申报，不能删除", ProgrammeImport.CategoriesFile, string.Join("、", gone))]);
        existing.Name = definition.Name;
        existing.SourceFiles = json;
        existing.ImportedAt = now;
        db.Add(new AuditEntry { At = now, Actor = actor, Action = "更新评选项目配置", Subject = definition.Name, After = definition.Code });
        await db.SaveChangesAsync(ct);
        return (definition.Code, false, []);
    }

    /// <summary>The organiser's board of the programme <paramref name="code"/>, or null when there is none.</summary>
    public async Task<ProgrammeBoard?> BoardAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is not { } loaded) return null;
        var rows = loaded.Applications.Select(a => loaded.Row(a)).OrderBy(r => r.Reference, StringComparer.Ordinal).ToList();
        return new ProgrammeBoard(loaded.Summary, rows, loaded.CapUses());
    }

    /// <summary>The signed-in contact's applications (any programme), newest first.</summary>
    public async Task<IReadOnlyList<(ProgrammeSummary Programme, ApplicationRow Row)>> MineAsync(string mobile, CancellationToken ct)
    {
        var ids = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => a.OwnerMobile == mobile && a.Status != ProgrammeApplicationStatus.Withdrawn)
            .OrderByDescending(a => a.Id).Select(a => new { a.Id, a.ProgrammeId }).ToListAsync(ct);
        var result = new List<(ProgrammeSummary, ApplicationRow)>();
        foreach (var programmeId in ids.Select(i => i.ProgrammeId).Distinct())
        {
            var code = await db.Set<Programme>().Where(p => p.Id == programmeId).Select(p => p.Code).SingleAsync(ct);
            var loaded = (await LoadAsync(code, ct))!;
            result.AddRange(loaded.Applications.Where(a => a.OwnerMobile == mobile).Select(a => (loaded.Summary, loaded.Row(a))));
        }
        return result.OrderByDescending(r => r.Item2.Id).ToList();
    }

    /// <summary>Application <paramref name="id"/>'s form, when <paramref name="mobile"/> owns it (null: the organiser's view), or null
    /// (also once withdrawn).</summary>
    public async Task<ApplicationForm?> FormAsync(int id, string? mobile, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || (mobile is not null && a.OwnerMobile != mobile) || a.Status == ProgrammeApplicationStatus.Withdrawn) return null;
        var code = await db.Set<Programme>().Where(p => p.Id == a.ProgrammeId).Select(p => p.Code).SingleAsync(ct);
        var loaded = (await LoadAsync(code, ct))!;
        var stored = loaded.Applications.Single(x => x.Id == id);
        var row = loaded.Row(stored);
        return new ApplicationForm(row, loaded.Summary, loaded.Set.Fields(row.Category), FieldsOf(stored), stored.Revision);
    }

    /// <summary>
    /// Starts an application (or nomination) to <paramref name="code"/> in <paramref name="categoryCode"/> for the contact
    /// <paramref name="mobile"/>: a draft with no field typed, reference <c>WS-0001</c> onwards.
    /// </summary>
    public async Task<ProgrammeChange> StartAsync(string code, string categoryCode, string mobile, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, Wording.Of("没有这个评选项目"));
        var definition = DefinitionOf(p);
        if (definition.Categories.All(c => c.Code != categoryCode)) return new(400, Wording.Of("没有这个奖项类别"));
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var n = await db.Set<ProgrammeApplication>().CountAsync(x => x.ProgrammeId == p.Id && !x.Seeded, ct) + 1 + attempt;
            var a = new ProgrammeApplication
            {
                ProgrammeId = p.Id, Reference = $"WS-{n:D4}", CategoryCode = categoryCode, OwnerMobile = mobile, Revision = 1,
                Status = ProgrammeApplicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
            };
            db.Add(a);
            try
            {
                db.Add(Audit(now, mobile, "开始申报", p, a, null));
                await db.SaveChangesAsync(ct);
                return new(200, null, a.Id, a.Revision);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear(); // another start took the same reference
            }
        }
    }

    /// <summary>
    /// Saves the typed <paramref name="values"/> (field → text; unknown fields ignored, each at most <see cref="MaxFieldChars"/>)
    /// of a draft or refused application at <paramref name="revision"/>; 409 when it was saved elsewhere since. Returns the
    /// eligibility as typed.
    /// </summary>
    public async Task<ProgrammeChange> SaveDraftAsync(int id, string mobile, IReadOnlyDictionary<string, string?> values, int revision, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.OwnerMobile == mobile, ct);
        if (a is null) return new(404, Wording.Of("没有这份申报"));
        if (!Editable(a.Status)) return new(409, Wording.Of("已提交的申报不能再修改"), id, a.Revision);
        var code = await db.Set<Programme>().Where(p => p.Id == a.ProgrammeId).Select(p => p.Code).SingleAsync(ct);
        var loaded = (await LoadAsync(code, ct))!;
        var category = loaded.Definition.Categories.Single(c => c.Code == a.CategoryCode);
        var fields = FieldsOf(a);
        foreach (var f in loaded.Set.Fields(category))
            if (values.TryGetValue(f.Name, out var v))
            {
                v = (v ?? "").Trim();
                if (v.Length > MaxFieldChars) return new(400, Wording.Of("“{0}”太长（最多 {1} 字符）", f.Name, MaxFieldChars), id, a.Revision);
                fields[f.Name] = v;
            }
        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(fields, ProgrammeService.StoredJson);
        var title = fields.GetValueOrDefault(loaded.Set.TitleField, "");
        var applicant = fields.GetValueOrDefault(loaded.Set.ApplicantField, "");
        if (title.Length > 200) title = title[..200];
        if (applicant.Length > 200) applicant = applicant[..200];
        var changed = await db.Set<ProgrammeApplication>()
            .Where(x => x.Id == id && x.Revision == revision && (x.Status == ProgrammeApplicationStatus.Draft || x.Status == ProgrammeApplicationStatus.Refused
                || x.Status == ProgrammeApplicationStatus.Returned))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Fields, json).SetProperty(x => x.Revision, revision + 1).SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.Title, title).SetProperty(x => x.Applicant, applicant), ct);
        if (changed == 0) return new(409, Wording.Of("此申报已在其他页面中修改，请刷新后再编辑"), id, a.Revision);
        var saved = a;
        saved.Fields = json;
        saved.Applicant = applicant;
        return new(200, null, id, revision + 1, loaded.Check(saved, now));
    }

    /// <summary>
    /// Submits the draft or refused application at its stored fields: every rule is checked at this instant; when all pass it
    /// is Submitted (200), otherwise Refused (400, the first failing reason; the eligibility lists all) and the organiser
    /// sees it. The form's own problems (a field that is not a date) refuse it without recording anything.
    /// </summary>
    public async Task<ProgrammeChange> SubmitAsync(int id, string mobile, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().SingleOrDefaultAsync(x => x.Id == id && x.OwnerMobile == mobile, ct);
        if (a is null) return new(404, Wording.Of("没有这份申报"));
        if (!Editable(a.Status)) return new(409, Wording.Of("这份申报已提交"), id, a.Revision);
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        var loaded = (await LoadAsync(p.Code, ct))!;
        var now = clock.GetUtcNow();
        var eligibility = loaded.Check(a, now);
        if (eligibility.Problems.Count > 0)
            return new(400, Wording.Of("“{0}”：{1}", eligibility.Problems[0].Field, eligibility.Problems[0].Reason), id, a.Revision, eligibility);
        a.Status = eligibility.Eligible ? ProgrammeApplicationStatus.Submitted : ProgrammeApplicationStatus.Refused;
        a.SubmittedAt = now;
        if (eligibility.Eligible) await EnterFormalReviewAsync(a.Id, Registration.RegistrationService.Actor(mobile), now, ct);
        a.UpdatedAt = now;
        a.Revision++;
        var failed = eligibility.Checks.Where(c => !c.Passed).ToList();
        db.Add(Audit(now, mobile, eligibility.Eligible ? "提交申报" : "提交申报（不予受理）", p, a,
            eligibility.Eligible ? "符合全部申报条件" : string.Join("；", failed.Select(c => c.Reason.ToString()))));
        await db.SaveChangesAsync(ct);
        return eligibility.Eligible
            ? new(200, null, id, a.Revision, eligibility)
            : new(400, Wording.Of("不予受理：{0}", failed[0].Reason), id, a.Revision, eligibility);
    }

    /// <summary>Withdraws the contact's application that is not yet admitted by the formal review (draft, submitted or refused).</summary>
    public async Task<ProgrammeChange> WithdrawAsync(int id, string mobile, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().SingleOrDefaultAsync(x => x.Id == id && x.OwnerMobile == mobile, ct);
        if (a is null) return new(404, Wording.Of("没有这份申报"));
        if (a.Status == ProgrammeApplicationStatus.Withdrawn) return new(409, Wording.Of("这份申报已撤回"), id, a.Revision);
        var steps = await db.Set<ProgrammeReviewRecord>().AsNoTracking().Where(r => r.ApplicationId == id).ToListAsync(ct);
        if (FormalReview.StatusOf(steps.OrderBy(r => r.At).ThenBy(r => r.Id).Select(ProgrammeFormalReview.AsStep)) == FormalReviewStatus.Accepted)
            return new(409, Wording.Of("已通过形式审查的申报不能撤回"), id, a.Revision);
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        var now = clock.GetUtcNow();
        a.Status = ProgrammeApplicationStatus.Withdrawn;
        a.UpdatedAt = now;
        a.Revision++;
        db.Add(Audit(now, mobile, "撤回申报", p, a, null));
        await db.SaveChangesAsync(ct);
        return new(200, null, id, a.Revision);
    }

    /// <summary>
    /// The organiser admits a refused application although a rule failed, with <paramref name="reason"/> (2–500 characters)
    /// recorded on it and in the audit (issue 13: "an organiser may admit a refused application only with a recorded reason").
    /// </summary>
    public async Task<ProgrammeChange> AdmitAsync(int id, string? reason, string organiser, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (reason is not { Length: >= 2 }) return new(400, Wording.Of("请填写准予受理的理由"));
        if (reason.Length > 500) return new(400, Wording.Of("理由最多 500 字"));
        var a = await db.Set<ProgrammeApplication>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return new(404, Wording.Of("没有这份申报"));
        if (a.Status != ProgrammeApplicationStatus.Refused) return new(409, Wording.Of("只有不予受理的申报需要准予受理"), id, a.Revision);
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        var now = clock.GetUtcNow();
        a.Status = ProgrammeApplicationStatus.Submitted;
        a.AdmittedAt = now;
        a.AdmittedBy = organiser;
        a.AdmissionReason = reason;
        a.Revision++;
        await EnterFormalReviewAsync(a.Id, organiser, now, ct);
        db.Add(new AuditEntry { At = now, Actor = organiser, Action = "准予受理", Subject = Subject(p, a), Before = "不予受理", After = reason });
        await db.SaveChangesAsync(ct);
        return new(200, null, id, a.Revision);
    }

    /// <summary>True while the applicant may change and submit it: a draft, refused, or returned by the formal review.</summary>
    public static bool Editable(ProgrammeApplicationStatus status) =>
        status is ProgrammeApplicationStatus.Draft or ProgrammeApplicationStatus.Refused or ProgrammeApplicationStatus.Returned;

    /// <summary>Appends the formal review's 首次提交 or, after a return, 重新提交 step (version = the submissions so far + 1).</summary>
    private async Task EnterFormalReviewAsync(int applicationId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var steps = await db.Set<ProgrammeReviewRecord>().AsNoTracking().Where(r => r.ApplicationId == applicationId).ToListAsync(ct);
        var submitted = steps.Count(r => r.Action is FormalReviewAction.Submit or FormalReviewAction.Resubmit);
        db.Add(new ProgrammeReviewRecord
        {
            ApplicationId = applicationId, At = now, Actor = actor, Version = submitted + 1,
            Action = submitted == 0 ? FormalReviewAction.Submit : FormalReviewAction.Resubmit,
        });
    }

    private static AuditEntry Audit(DateTimeOffset now, string mobile, string action, Programme p, ProgrammeApplication a, string? after) =>
        new() { At = now, Actor = Registration.RegistrationService.Actor(mobile), Action = action, Subject = Subject(p, a), After = after };

    private static string Subject(Programme p, ProgrammeApplication a) => $"{p.Name} {a.Reference} {a.Title}".Trim();

    private static Dictionary<string, string> FieldsOf(ProgrammeApplication a) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(a.Fields) ?? [];

    private async Task<Loaded?> LoadAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var applications = await db.Set<ProgrammeApplication>().AsNoTracking()
            .Where(a => a.ProgrammeId == p.Id && a.Status != ProgrammeApplicationStatus.Withdrawn).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var files = await db.Set<ProgrammeMaterialFile>().AsNoTracking().Where(f => ids.Contains(f.ApplicationId))
            .Select(f => new { f.Id, f.ApplicationId, f.MaterialCode }).ToListAsync(ct);
        var winners = await db.Set<ProgrammePastWinner>().AsNoTracking().Where(w => w.ProgrammeId == p.Id).ToListAsync(ct);
        var steps = (await db.Set<ProgrammeReviewRecord>().AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct))
            .GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => (IReadOnlyList<ProgrammeReviewRecord>)g.OrderBy(r => r.At).ThenBy(r => r.Id).ToList());
        var calendar = await LoadCalendarAsync(db, ct);
        var definition = DefinitionOf(p);
        var summary = new ProgrammeSummary(p.Id, p.Code, definition, applications.Count,
            applications.Count(a => a.Status == ProgrammeApplicationStatus.Submitted), applications.Count(a => a.Status == ProgrammeApplicationStatus.Refused));
        var pastWinners = winners.Select(w => new PastWinner(w.Name, w.Unit, new PastQualityAward(
            w.Award == "市长质量奖" ? QualityAwardLevel.Mayor : QualityAwardLevel.Gold,
            w.Kind == "先进质量管理成果" ? QualityAwardApplicant.Individual : QualityAwardApplicant.Organisation, w.Year))).ToList();
        var set = ProgrammeRuleSet.For(definition);
        // Issue 16: the family's other programmes' approved winners (审定) count as past winners too.
        pastWinners.AddRange(await Stages.ProgrammeApprovals.ApprovedAsPastWinnersAsync(db, p.Id, set, ct));
        return new Loaded(summary, definition, set, applications, calendar, pastWinners,
            files.GroupBy(f => f.ApplicationId).ToDictionary(g => g.Key, g => g.GroupBy(f => f.MaterialCode).ToDictionary(m => m.Key, m => m.Max(f => f.Id))),
            steps, clock.GetUtcNow());
    }

    /// <summary>One programme with everything its rules read, loaded once per request.</summary>
    private sealed record Loaded(ProgrammeSummary Summary, ProgrammeDefinition Definition, ProgrammeRuleSet Set, List<ProgrammeApplication> Applications,
        WorkingDayCalendar Calendar, IReadOnlyList<PastWinner> PastWinners, Dictionary<int, Dictionary<string, long>> Files,
        Dictionary<int, IReadOnlyList<ProgrammeReviewRecord>> Steps, DateTimeOffset Now)
    {
        public Dictionary<string, string> FieldsAt(ProgrammeApplication a, DateTimeOffset at) => FieldsAt(Definition, Set, a, at);

        private static Dictionary<string, string> FieldsAt(ProgrammeDefinition Definition, ProgrammeRuleSet Set, ProgrammeApplication a, DateTimeOffset at)
        {
            var fields = FieldsOf(a);
            var category = Definition.Categories.Single(c => c.Code == a.CategoryCode);
            foreach (var (k, v) in Set.Implied(category, at)) fields[k] = v;
            return fields;
        }

        /// <summary>Every application as another one's rules see it, read once per load (a board checks each against all).</summary>
        private Lazy<List<(int Id, OtherApplication Other)>> AllAsOthers { get; } = new(() => Applications.Select(o => (o.Id,
            new OtherApplication(o.Reference, FieldsAt(Definition, Set, o, o.SubmittedAt ?? Now), o.Status == ProgrammeApplicationStatus.Draft ? null : o.SubmittedAt))).ToList());

        public Eligibility Check(ProgrammeApplication a, DateTimeOffset at)
        {
            var others = AllAsOthers.Value.Where(o => o.Id != a.Id).Select(o => o.Other).ToList();
            return Set.Check(Definition, a.Reference, FieldsAt(a, at), new ProgrammeRuleContext(Calendar, PastWinners, others, at));
        }

        public ApplicationRow Row(ProgrammeApplication a)
        {
            var category = Definition.Categories.Single(c => c.Code == a.CategoryCode);
            var at = a.Status == ProgrammeApplicationStatus.Draft ? Now : a.SubmittedAt ?? Now;
            var fields = FieldsOf(a);
            var uploads = Files.GetValueOrDefault(a.Id) ?? [];
            var materials = category.Materials.Select(m => m.Source switch
            {
                MaterialSource.GeneratedFixed => new MaterialStatus(m, true, null),
                MaterialSource.Form => new MaterialStatus(m, Set.Fields(category).Where(f => f.Kind == ProgrammeFieldKind.LongText)
                    .All(f => fields.GetValueOrDefault(f.Name, "").Length > 0) || a.Seeded, null),
                _ => new MaterialStatus(m, uploads.ContainsKey(m.Code), uploads.TryGetValue(m.Code, out var fid) ? fid : null),
            }).ToList();
            var steps = Steps.GetValueOrDefault(a.Id) ?? [];
            return new ApplicationRow(a.Id, a.Reference, category, a.Title, a.Applicant, a.Status, a.SubmittedAt, Check(a, at), a.AdmissionReason, materials, a.Seeded)
            {
                Review = FormalReview.StatusOf(steps.Select(ProgrammeFormalReview.AsStep)),
                ReturnReasons = steps.LastOrDefault(r => r.Action == FormalReviewAction.Return)?.Reasons,
                ReviewHistory = steps,
            };
        }

        public IReadOnlyList<CapUse> CapUses()
        {
            var uses = new List<CapUse>();
            foreach (var cap in Definition.Caps)
            {
                var category = Definition.Categories.Single(c => c.Code == cap.Category);
                // The group field is the category's choice among its groups: the field whose value is one of the groups.
                var groupField = Set.Fields(category).FirstOrDefault(f => f.Kind == ProgrammeFieldKind.Choice && f.Choices.SequenceEqual(category.Groups))?.Name;
                if (groupField is null) continue;
                foreach (var g in Applications.Where(a => a.CategoryCode == cap.Category)
                             .Select(a => (a, f: FieldsOf(a)))
                             .Where(x => !(cap.PartnersUncapped && x.f.GetValueOrDefault("合作单位推荐不限名额") == "是"))
                             .GroupBy(x => (x.a.Applicant, Group: x.f.GetValueOrDefault(groupField, ""))))
                    uses.Add(new CapUse(g.Key.Applicant, category.Name, g.Key.Group, g.Count(), cap.Limit));
            }
            return uses.OrderByDescending(u => u.Counted - u.Limit).ThenBy(u => u.Applicant, StringComparer.Ordinal).ToList();
        }
    }
}
