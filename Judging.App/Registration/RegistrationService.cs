namespace Judging.App.Registration;

using Judging.App.Cases;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>A refusal or a list of field problems, or success with a value.</summary>
/// <param name="Value">The result when it worked (an id, a revision), else default.</param>
/// <param name="Status">200, or 400 (field problems), 403/404 (not the unit's), 409 (a rule: deadline, limit, state).</param>
/// <param name="Refusal">The rule that refused it (zh-CN wording), or null.</param>
/// <param name="Problems">Field problems (400), empty otherwise.</param>
public sealed record RegistrationOutcome<T>(T? Value, int Status, Wording? Refusal, IReadOnlyList<FieldProblem> Problems)
{
    /// <summary>True when it worked.</summary>
    public bool Ok => Status == 200;
}

/// <summary>One declaration on the unit's page.</summary>
/// <param name="Id">Declaration id.</param>
/// <param name="Track">赛道.</param>
/// <param name="Title">作品名称 as typed ("" when not yet).</param>
/// <param name="Status">草稿 / 已提交.</param>
/// <param name="EntryCode">作品编号 once submitted.</param>
/// <param name="EntryId">The entry once submitted.</param>
/// <param name="Review">形式审查 status once submitted.</param>
/// <param name="ReturnReasons">The latest 退回修改 reasons, when returned.</param>
/// <param name="Recommendation">推荐 status: null (not yet), true 推荐, false 不推荐.</param>
/// <param name="RecommendationSubmitted">True when the recommender has submitted its table.</param>
/// <param name="UpdatedAt">Last saved (UTC).</param>
/// <param name="Revision">Saves so far.</param>
public sealed record DeclarationLine(int Id, Track Track, string Title, DeclarationStatus Status, string? EntryCode, int? EntryId,
    FormalReviewStatus? Review, string? ReturnReasons, bool? Recommendation, bool RecommendationSubmitted, DateTimeOffset UpdatedAt, int Revision);

/// <summary>A unit's page: its registration, declarations, limits and what it can still do.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CompetitionId">Its competition.</param>
/// <param name="CompetitionName">大赛.</param>
/// <param name="Year">The competition's year.</param>
/// <param name="Unit">The unit row.</param>
/// <param name="Registration">The form's other fields, or null (a unit imported from CSV before it completed the form).</param>
/// <param name="RecommenderName">推荐单位.</param>
/// <param name="Contacts">Mobiles that sign in for the unit.</param>
/// <param name="Declarations">Drafts and submitted declarations, newest first.</param>
/// <param name="Limits">Per track: (declared, limit).</param>
/// <param name="Calendar">The dates.</param>
/// <param name="StillPossible">What the unit can still do now.</param>
/// <param name="DeclarationClosed">Per track: null while a new declaration may be started, else why not (its due date
/// passed, <see cref="IntakeCalendar.DeclarationRefusal"/>), so the page offers only what it will accept.</param>
public sealed record UnitHome(int UnitId, int CompetitionId, string CompetitionName, int Year, Unit Unit, UnitRegistration? Registration,
    string RecommenderName, IReadOnlyList<UnitContact> Contacts, IReadOnlyList<DeclarationLine> Declarations,
    IReadOnlyDictionary<Track, (int Declared, int Limit)> Limits, IntakeCalendar Calendar, IReadOnlyList<Wording> StillPossible,
    IReadOnlyDictionary<Track, Wording?> DeclarationClosed);

/// <summary>One declaration as its page shows it.</summary>
/// <param name="Declaration">The stored row.</param>
/// <param name="Form">Its fields as the domain reads them.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="RecommenderName">推荐单位.</param>
/// <param name="IsMember">会员单位.</param>
/// <param name="Due">When this track's declarations close.</param>
/// <param name="Refusal">Why it cannot be changed or submitted now (deadline), or null.</param>
/// <param name="Repeats">Entries of the unit's other tracks whose title or synopsis repeats this one (flagged for formal review).</param>
/// <param name="EntryCode">作品编号 once submitted.</param>
/// <param name="WordCount">案例篇幅 (字) from the latest uploaded document, or null.</param>
/// <param name="SubmissionToken">The entry's submission-link token (speech and case, once submitted), or null.</param>
/// <param name="Review">The entry's formal review (once submitted), or null.</param>
/// <param name="LatestDocument">The newest uploaded work document, or null.</param>
/// <param name="Calendar">The competition's dates.</param>
/// <param name="Film">A film entry's stored video, or null.</param>
public sealed record DeclarationView(EntryDeclaration Declaration, DeclarationForm Form, string UnitName, string RecommenderName, bool IsMember,
    DateTimeOffset Due, Wording? Refusal, IReadOnlyList<OtherEntry> Repeats, string? EntryCode, int? WordCount,
    string? SubmissionToken = null, FormalReview? Review = null, CaseDocument? LatestDocument = null, IntakeCalendar? Calendar = null,
    Films.FilmAsset? Film = null);

/// <summary>
/// Units register and declare entries online (issue 15, "Units"; seed 000 附件2): the registration, contacts, drafts saved as
/// typed, submission into an <see cref="Entry"/> (the records the CSV import makes), the per-track limits with the
/// organiser's lifts, and the intake calendar. Every method that takes a unit id acts on that unit only: callers pass the
/// signed-in unit's id, never one from the request. Scoped.
/// </summary>
public sealed class RegistrationService(JudgingDb db, TimeProvider clock)
{
    /// <summary>The competition units register for: the newest (highest year, then id), or null when none.</summary>
    public Task<Competition?> CurrentCompetitionAsync(CancellationToken ct) =>
        db.Competitions.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>The competition's dates: the organiser's, else seed 000's of its year.</summary>
    public async Task<IntakeCalendar> CalendarAsync(int competitionId, CancellationToken ct)
    {
        var s = await db.Set<IntakeCalendarSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.CompetitionId == competitionId, ct);
        if (s is not null) return new IntakeCalendar(s.RegistrationOpens, s.RegistrationCloses, s.SpeechDue, s.FilmAndCaseDue, s.RecommendationDue, s.FormalReviewCloses);
        var year = await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.Year).FirstOrDefaultAsync(ct);
        return IntakeCalendar.Default(year == 0 ? ShanghaiTime.ToLocal(clock.GetUtcNow()).Year : year);
    }

    /// <summary>Sets the competition's dates (organiser), audited; refused with the dates' problems when inconsistent.</summary>
    public async Task<IReadOnlyList<Wording>> SetCalendarAsync(int competitionId, IntakeCalendar calendar, string actor, CancellationToken ct)
    {
        var problems = calendar.Problems();
        if (problems.Count > 0) return problems;
        var s = await db.Set<IntakeCalendarSettings>().FirstOrDefaultAsync(x => x.CompetitionId == competitionId, ct);
        if (s is null) db.Add(s = new IntakeCalendarSettings { CompetitionId = competitionId, UpdatedBy = actor });
        (s.RegistrationOpens, s.RegistrationCloses, s.SpeechDue, s.FilmAndCaseDue, s.RecommendationDue, s.FormalReviewCloses) =
            (calendar.RegistrationOpens, calendar.RegistrationCloses, calendar.SpeechDue, calendar.FilmAndCaseDue, calendar.RecommendationDue, calendar.FormalReviewCloses);
        s.UpdatedAt = clock.GetUtcNow();
        s.UpdatedBy = actor;
        db.AuditEntries.Add(new AuditEntry
        {
            At = s.UpdatedAt, Actor = actor, Action = "在线申报日期", Subject = $"competition {competitionId}",
            After = $"报名 {ShanghaiTime.Display(calendar.RegistrationOpens)} – {IntakeCalendar.Show(calendar.RegistrationCloses)}；演讲 {IntakeCalendar.Show(calendar.SpeechDue)}；微电影和案例 {IntakeCalendar.Show(calendar.FilmAndCaseDue)}；推荐 {IntakeCalendar.Show(calendar.RecommendationDue)}；形式审查 {IntakeCalendar.Show(calendar.FormalReviewCloses)}",
        });
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The competition's recommenders (推荐单位 to choose from), by name.</summary>
    public Task<List<Recommender>> RecommendersAsync(int competitionId, CancellationToken ct) =>
        db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).OrderBy(r => r.Kind).ThenBy(r => r.Name).ToListAsync(ct);

    /// <summary>The unit whose contact <paramref name="mobile"/> is in <paramref name="competitionId"/>, or null.</summary>
    public Task<int?> UnitOfMobileAsync(int competitionId, string mobile, CancellationToken ct) =>
        db.Set<UnitContact>().AsNoTracking().Where(c => c.CompetitionId == competitionId && c.Mobile == mobile).Select(c => (int?)c.UnitId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Registers a new unit for the contact who proved <paramref name="mobile"/> (the form's 联系手机 is that number): the
    /// <see cref="Unit"/>, its <see cref="UnitRegistration"/> and the primary <see cref="UnitContact"/>, in one transaction,
    /// audited. 400 with field problems; 409 outside the registration window, for a taken name, or a number already a unit's.
    /// </summary>
    public async Task<RegistrationOutcome<int>> RegisterAsync(int competitionId, string mobile, RegistrationForm form, CancellationToken ct)
    {
        form = form with { ContactMobile = mobile };
        var recommenders = (await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var problems = RegistrationRules.Check(form, recommenders);
        if (problems.Count > 0) return new(0, 400, null, problems);
        var now = clock.GetUtcNow();
        if ((await CalendarAsync(competitionId, ct)).RegistrationRefusal(now) is { } closed) return new(0, 409, closed, []);
        var name = form.Name!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<UnitContact>().AnyAsync(c => c.CompetitionId == competitionId && c.Mobile == mobile, ct))
            return new(0, 409, Wording.Of("该手机号已是其他参赛单位的联系人"), []);
        if (await db.Units.AnyAsync(u => u.CompetitionId == competitionId && u.Name == name, ct))
            return new(0, 409, Wording.Of("“{0}”已经报名；如是本单位，请用该单位已登记的联系手机登录，或联系主办单位", name), []);
        var unit = new Unit { CompetitionId = competitionId, Name = name, RecommenderId = form.RecommenderId!.Value, Nature = form.Nature!.Trim() };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        db.Add(ToRegistration(unit.Id, form, now, now));
        db.Add(new UnitContact { CompetitionId = competitionId, UnitId = unit.Id, Mobile = mobile, Name = form.ContactName!.Trim(), IsPrimary = true, AddedAt = now });
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = Actor(mobile), Action = "在线报名", Subject = $"参赛单位 {name}", After = Summary(form) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(unit.Id, 200, null, []);
    }

    /// <summary>Changes the unit's registration (its own only), audited; 400 with field problems, 409 after formal review closed or for a taken name.</summary>
    public async Task<RegistrationOutcome<int>> UpdateRegistrationAsync(int unitId, string mobile, RegistrationForm form, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return new(0, 404, Wording.Of("参赛单位不存在"), []);
        var reg = await db.Set<UnitRegistration>().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        var primary = await db.Set<UnitContact>().AsNoTracking().Where(c => c.UnitId == unitId && c.IsPrimary).Select(c => c.Mobile).FirstOrDefaultAsync(ct);
        form = form with { ContactMobile = primary ?? mobile };
        var recommenders = (await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == unit.CompetitionId).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var problems = RegistrationRules.Check(form, recommenders);
        if (problems.Count > 0) return new(0, 400, null, problems);
        var now = clock.GetUtcNow();
        if ((await CalendarAsync(unit.CompetitionId, ct)).ResubmissionRefusal(now) is { } closed) return new(0, 409, closed, []);
        var name = form.Name!.Trim();
        if (name != unit.Name && await db.Units.AnyAsync(u => u.CompetitionId == unit.CompetitionId && u.Name == name && u.Id != unitId, ct))
            return new(0, 409, Wording.Of("“{0}”已经报名；如是本单位，请用该单位已登记的联系手机登录，或联系主办单位", name), []);
        var before = reg is null ? "" : Summary(FormOf(unit, reg, primary));
        unit.Name = name;
        unit.RecommenderId = form.RecommenderId!.Value;
        unit.Nature = form.Nature!.Trim();
        if (reg is null) db.Add(ToRegistration(unitId, form, now, now));
        else
        {
            var fresh = ToRegistration(unitId, form, reg.RegisteredAt, now);
            db.Entry(reg).CurrentValues.SetValues(fresh);
        }
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = Actor(mobile), Action = "修改报名信息", Subject = $"参赛单位 {name}", Before = before, After = Summary(form) });
        await db.SaveChangesAsync(ct);
        return new(unitId, 200, null, []);
    }

    /// <summary>Adds a second (or further) contact mobile that signs in for the unit, audited; 400 for a bad number, 409 when it is another unit's.</summary>
    public async Task<RegistrationOutcome<int>> AddContactAsync(int unitId, string actorMobile, string? mobile, string? name, CancellationToken ct)
    {
        mobile = mobile?.Trim();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return new(0, 404, Wording.Of("参赛单位不存在"), []);
        var p = new List<FieldProblem>();
        if (!RegistrationRules.IsMobile(mobile)) p.Add(new("mobile", Wording.Of("联系手机须为 11 位中国大陆手机号")));
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) p.Add(new("name", Wording.Of("请填写联系人姓名")));
        if (p.Count > 0) return new(0, 400, null, p);
        if (await db.Set<UnitContact>().AnyAsync(c => c.CompetitionId == unit.CompetitionId && c.Mobile == mobile, ct))
            return new(0, 409, Wording.Of("该手机号已是参赛单位的联系人"), []);
        var now = clock.GetUtcNow();
        var contact = new UnitContact { CompetitionId = unit.CompetitionId, UnitId = unitId, Mobile = mobile!, Name = name!.Trim(), IsPrimary = false, AddedAt = now };
        db.Add(contact);
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = Actor(actorMobile), Action = "添加联系人", Subject = $"参赛单位 {unit.Name}", After = $"{contact.Name} {FilmVoting.PhoneVerification.Mask(contact.Mobile)}" });
        await db.SaveChangesAsync(ct);
        return new(contact.Id, 200, null, []);
    }

    /// <summary>The unit's page (its own data only), or null for an unknown unit.</summary>
    public async Task<UnitHome?> HomeAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var comp = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == unit.CompetitionId, ct);
        var reg = await db.Set<UnitRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        var recommender = await db.Recommenders.AsNoTracking().Where(r => r.Id == unit.RecommenderId).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";
        var contacts = await db.Set<UnitContact>().AsNoTracking().Where(c => c.UnitId == unitId).OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).ToListAsync(ct);
        var decls = await db.Set<EntryDeclaration>().AsNoTracking().Where(d => d.UnitId == unitId && d.Status != DeclarationStatus.Withdrawn)
            .OrderByDescending(d => d.Id).ToListAsync(ct);
        // Entries imported from CSV (no declaration) are shown too: the unit sees every entry of its own.
        var entries = await db.Entries.AsNoTracking().Where(e => e.UnitId == unitId).ToListAsync(ct);
        var entryIds = entries.Select(e => e.Id).ToList();
        var reviews = (await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => entryIds.Contains(r.EntryId)).ToListAsync(ct)).ToLookup(r => r.EntryId);
        var opinions = await db.Set<RecommendationOpinion>().AsNoTracking().Where(o => entryIds.Contains(o.EntryId) && o.RecommenderId == unit.RecommenderId)
            .ToDictionaryAsync(o => o.EntryId, ct);
        var submitted = await db.Set<RecommendationSubmission>().AsNoTracking().AnyAsync(s => s.RecommenderId == unit.RecommenderId && s.ReopenedAt == null, ct);
        var lines = new List<DeclarationLine>();
        foreach (var d in decls)
        {
            var e = d.EntryId is { } id ? entries.FirstOrDefault(x => x.Id == id) : null;
            lines.Add(Line(d.Id, d.Track, d.Title ?? "", d.Status, e, d.UpdatedAt, d.Revision));
        }
        foreach (var e in entries.Where(e => decls.All(d => d.EntryId != e.Id)).OrderBy(e => e.Code))
            lines.Add(Line(0, e.Track, e.Title, DeclarationStatus.Submitted, e, DateTimeOffset.MinValue, 0));
        DeclarationLine Line(int id, Track track, string title, DeclarationStatus status, Entry? e, DateTimeOffset at, int rev)
        {
            FormalReview? review = e is null ? null : new FormalReview(e.Id, reviews[e.Id]);
            var op = e is null ? null : opinions.GetValueOrDefault(e.Id);
            return new DeclarationLine(id, track, title, status, e?.Code, e?.Id, review?.Status, review?.Status == FormalReviewStatus.Returned ? review.LastReturn?.Reasons : null,
                submitted ? op?.Recommend : null, submitted, at, rev);
        }
        var lifts = await LiftsAsync(unitId, ct);
        var limits = Enum.GetValues<Track>().ToDictionary(t => t, t =>
            (lines.Count(l => l.Track == t), lifts.TryGetValue(t, out var lim) ? lim : EntryLimits.PerUnit(t)));
        var calendar = await CalendarAsync(unit.CompetitionId, ct);
        var now = clock.GetUtcNow();
        var closed = Enum.GetValues<Track>().ToDictionary(t => t, t => calendar.DeclarationRefusal(t, now));
        return new UnitHome(unitId, comp.Id, comp.Name, comp.Year, unit, reg, recommender, contacts, lines, limits, calendar, calendar.StillPossible(now), closed);
    }

    /// <summary>The registration form of a unit as stored (for editing), or null when it has none.</summary>
    public async Task<RegistrationForm?> RegistrationFormAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        var reg = await db.Set<UnitRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        if (unit is null) return null;
        var primary = await db.Set<UnitContact>().AsNoTracking().Where(c => c.UnitId == unitId && c.IsPrimary).Select(c => c.Mobile).FirstOrDefaultAsync(ct);
        return reg is null
            ? new RegistrationForm(unit.Name, null, unit.RecommenderId, null, null, unit.Nature, null, null, null, null, null, null, null, primary, null, [], false)
            : FormOf(unit, reg, primary);
    }

    /// <summary>The per-track limits the organiser lifted for <paramref name="unitId"/> (latest lift per track).</summary>
    private async Task<Dictionary<Track, int>> LiftsAsync(int unitId, CancellationToken ct) =>
        (await db.Set<UnitLimitLift>().AsNoTracking().Where(l => l.UnitId == unitId).ToListAsync(ct))
            .GroupBy(l => l.Track).ToDictionary(g => g.Key, g => g.MaxBy(l => l.Id)!.Limit);

    /// <summary>
    /// The organiser lifts (or with the rule's number restores) <paramref name="unitId"/>'s limit of <paramref name="track"/>
    /// to <paramref name="limit"/> with a reason (seed 000 附件1 (三)4 "原则上"), audited. Refused without a reason or below the rule's.
    /// </summary>
    public async Task<Wording?> LiftLimitAsync(int unitId, Track track, int limit, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Wording.Of("放宽申报数量必须填写理由");
        if (limit < EntryLimits.PerUnit(track) || limit > 50) return Wording.Of("上限须在 {0}–50 之间", EntryLimits.PerUnit(track));
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Wording.Of("参赛单位不存在");
        var now = clock.GetUtcNow();
        db.Add(new UnitLimitLift { UnitId = unitId, Track = track, Limit = limit, Reason = reason.Trim(), By = actor, At = now });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "放宽申报数量", Subject = $"参赛单位 {unit.Name}", Before = EntryLimits.PerUnit(track).ToString(),
            After = $"{ChineseNames.Of(track)} 最多 {limit} 个", Reason = reason.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Starts a draft declaration of <paramref name="track"/> for the unit; 409 after the track's deadline or over the unit's
    /// limit (drafts count, so a sixth speech is refused when it is started, not after it was typed).
    /// </summary>
    public async Task<RegistrationOutcome<int>> StartDeclarationAsync(int unitId, Track track, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return new(0, 404, Wording.Of("参赛单位不存在"), []);
        var now = clock.GetUtcNow();
        if ((await CalendarAsync(unit.CompetitionId, ct)).DeclarationRefusal(track, now) is { } late) return new(0, 409, late, []);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockUnitAsync(unitId, ct);
        if (await LimitRefusalAsync(unitId, track, ct) is { } over) return new(0, 409, over, []);
        var reg = await db.Set<UnitRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        var mobile = await db.Set<UnitContact>().AsNoTracking().Where(c => c.UnitId == unitId && c.IsPrimary).Select(c => c.Mobile).FirstOrDefaultAsync(ct);
        // The contact fields start from the registration's contact; the unit changes them per entry if another person answers.
        var (dept, post) = RegistrationRules.SplitDepartmentAndPost(reg?.ContactPost);
        var d = new EntryDeclaration
        {
            CompetitionId = unit.CompetitionId, UnitId = unitId, Track = track, Status = DeclarationStatus.Draft, Revision = 1,
            ContactName = reg?.ContactName, ContactAddress = reg?.Address, ContactDept = dept, ContactPost = post, ContactMobile = mobile,
            ContactEmail = reg?.ContactEmail, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(d);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(d.Id, 200, null, []);
    }

    private async Task<Wording?> LimitRefusalAsync(int unitId, Track track, CancellationToken ct)
    {
        var declared = await db.Set<EntryDeclaration>().CountAsync(d => d.UnitId == unitId && d.Track == track && d.Status != DeclarationStatus.Withdrawn, ct);
        // Entries of the unit that came by CSV (no declaration) count as well.
        var imported = await db.Entries.CountAsync(e => e.UnitId == unitId && e.Track == track
            && !db.Set<EntryDeclaration>().Any(d => d.EntryId == e.Id), ct);
        var lifts = await LiftsAsync(unitId, ct);
        return EntryLimits.Refusal(track, declared + imported, lifts.TryGetValue(track, out var lim) ? lim : null);
    }

    /// <summary>Serialises declaration changes of one unit (PostgreSQL: an advisory lock in the transaction; SQLite writes are serialised already).</summary>
    private async Task LockUnitAsync(int unitId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(15, {unitId})", ct);
    }

    /// <summary>The unit's declaration <paramref name="id"/> with what its page needs, or null when it is not this unit's.</summary>
    public async Task<DeclarationView?> DeclarationAsync(int unitId, int id, CancellationToken ct)
    {
        var d = await db.Set<EntryDeclaration>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.UnitId == unitId, ct);
        if (d is null) return null;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);
        var reg = await db.Set<UnitRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        var recommender = await db.Recommenders.AsNoTracking().Where(r => r.Id == unit.RecommenderId).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";
        var calendar = await CalendarAsync(unit.CompetitionId, ct);
        var now = clock.GetUtcNow();
        var form = FormOf(d);
        var others = await (from o in db.Set<EntryDeclaration>().AsNoTracking()
                            where o.UnitId == unitId && o.Track != d.Track && o.Status != DeclarationStatus.Withdrawn && o.Id != d.Id
                            select new { o.Id, o.Title, o.Synopsis, o.Track, o.EntryId }).ToListAsync(ct);
        var codes = await db.Entries.AsNoTracking().Where(e => e.UnitId == unitId).ToDictionaryAsync(e => e.Id, ct);
        var otherList = others.Where(o => !string.IsNullOrWhiteSpace(o.Title))
            .Select(o => (Entry: new OtherEntry(o.EntryId is { } eid && codes.TryGetValue(eid, out var oe) ? oe.Code : "草稿", o.Title!, ChineseNames.Of(o.Track)), Synopsis: (string?)o.Synopsis))
            .Concat(codes.Values.Where(e => e.Track != d.Track && others.All(o => o.EntryId != e.Id)).Select(e => (new OtherEntry(e.Code, e.Title, ChineseNames.Of(e.Track)), (string?)null)))
            .ToList();
        var repeats = string.IsNullOrWhiteSpace(d.Title) ? [] : DeclarationRules.Repeats(d.Title, d.Synopsis, otherList);
        CaseDocument? latest = null;
        string? token = null;
        FormalReview? review = null;
        Films.FilmAsset? film = null;
        if (d.EntryId is { } entryId)
        {
            film = await db.Set<Films.FilmAsset>().AsNoTracking().FirstOrDefaultAsync(x => x.EntryId == entryId, ct);
            latest = await db.Set<CaseDocument>().AsNoTracking().Where(x => x.EntryId == entryId).OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
            token = await db.Set<SubmissionLink>().AsNoTracking().Where(l => l.EntryId == entryId).Select(l => l.Token).FirstOrDefaultAsync(ct);
            review = new FormalReview(entryId, await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct));
        }
        var refusal = d.Status == DeclarationStatus.Draft ? calendar.DeclarationRefusal(d.Track, now) : null;
        return new DeclarationView(d, form, unit.Name, recommender, reg?.IsMember ?? false, calendar.DueOf(d.Track), refusal, repeats,
            d.EntryId is { } x && codes.TryGetValue(x, out var en) ? en.Code : null, latest?.WordCount, token, review, latest, calendar, film);
    }

    /// <summary>
    /// Saves a draft as typed (the unit's own; "系统会自动保存"): 200 with the new revision; 400 when a field cannot be held
    /// (over-long, out of range); 409 when already submitted, after the deadline, or when <paramref name="baseRevision"/> is
    /// older than the stored one (another tab saved since: its page reloads rather than overwriting silently). The row is
    /// written only over the revision read, while still a draft: of two pages saving at once on the same revision one is
    /// stored and the other answered 409, never both acknowledged with the same revision (bench/registration, issue 15).
    /// </summary>
    public async Task<RegistrationOutcome<int>> SaveDraftAsync(int unitId, int id, DeclarationForm form, int? baseRevision, CancellationToken ct)
    {
        var d = await db.Set<EntryDeclaration>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.UnitId == unitId, ct);
        if (d is null) return new(0, 404, Wording.Of("申报表不存在"), []);
        if (d.Status != DeclarationStatus.Draft) return new(d.Revision, 409, Wording.Of("申报表已提交，不能再修改"), []);
        var now = clock.GetUtcNow();
        if ((await CalendarAsync(d.CompetitionId, ct)).DeclarationRefusal(d.Track, now) is { } late) return new(d.Revision, 409, late, []);
        if (baseRevision is { } b && b < d.Revision) return new(d.Revision, 409, Wording.Of("此申报表已在其他页面中修改（第 {0} 次保存），请刷新页面后继续", d.Revision), []);
        var problems = DeclarationRules.Check(form, d.Track, submitting: false);
        if (problems.Count > 0) return new(d.Revision, 400, null, problems);
        var read = d.Revision;
        Apply(d, form);
        var stored = await db.Set<EntryDeclaration>().Where(x => x.Id == id && x.Revision == read && x.Status == DeclarationStatus.Draft)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Title, d.Title).SetProperty(x => x.Category, d.Category).SetProperty(x => x.DurationMinutes, d.DurationMinutes)
                .SetProperty(x => x.Creator, d.Creator).SetProperty(x => x.ContactName, d.ContactName).SetProperty(x => x.ContactAddress, d.ContactAddress)
                .SetProperty(x => x.ContactDept, d.ContactDept).SetProperty(x => x.ContactPost, d.ContactPost).SetProperty(x => x.ContactMobile, d.ContactMobile)
                .SetProperty(x => x.ContactEmail, d.ContactEmail).SetProperty(x => x.Synopsis, d.Synopsis).SetProperty(x => x.Honours, d.Honours)
                .SetProperty(x => x.HonourOther, d.HonourOther).SetProperty(x => x.Commitments, d.Commitments)
                .SetProperty(x => x.Revision, read + 1).SetProperty(x => x.UpdatedAt, now), ct);
        if (stored == 1) return new(read + 1, 200, null, []);
        // Another page saved or submitted it since it was read.
        var current = await db.Set<EntryDeclaration>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Status, x.Revision }).FirstAsync(ct);
        return current.Status != DeclarationStatus.Draft
            ? new(current.Revision, 409, Wording.Of("申报表已提交，不能再修改"), [])
            : new(current.Revision, 409, Wording.Of("此申报表已在其他页面中修改（第 {0} 次保存），请刷新页面后继续", current.Revision), []);
    }

    /// <summary>
    /// Submits a draft: every field rule (400), the deadline and the unit's limit of submitted entries (409); then the
    /// <see cref="Entry"/> is made (作品编号: the track's prefix and the next number, e.g. YJ-061) in the same transaction,
    /// audited. Returns the entry id.
    /// </summary>
    public async Task<RegistrationOutcome<int>> SubmitAsync(int unitId, int id, string actorMobile, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockUnitAsync(unitId, ct);
        // Read as stored (not a tracked copy this context may hold from before a draft save, which writes with ExecuteUpdate).
        var d = await db.Set<EntryDeclaration>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.UnitId == unitId, ct);
        if (d is null) return new(0, 404, Wording.Of("申报表不存在"), []);
        if (d.Status == DeclarationStatus.Submitted && d.EntryId is { } done) return new(done, 200, null, []);
        if (d.Status != DeclarationStatus.Draft) return new(0, 409, Wording.Of("申报表已撤回"), []);
        var now = clock.GetUtcNow();
        if ((await CalendarAsync(d.CompetitionId, ct)).DeclarationRefusal(d.Track, now) is { } late) return new(0, 409, late, []);
        var problems = DeclarationRules.Check(FormOf(d), d.Track, submitting: true);
        if (problems.Count > 0) return new(0, 400, null, problems);
        var lifts = await LiftsAsync(unitId, ct);
        var entries = await db.Entries.CountAsync(e => e.UnitId == unitId && e.Track == d.Track, ct);
        if (EntryLimits.Refusal(d.Track, entries, lifts.TryGetValue(d.Track, out var lim) ? lim : null) is { } over) return new(0, 409, over, []);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);
        var division = d.Track == Track.Speech
            ? await db.Divisions.AsNoTracking().Where(x => x.CompetitionId == d.CompetitionId && x.HostRecommenderId == unit.RecommenderId).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct)
            : null;
        // The next code is read then written: on PostgreSQL two units submitting at once (each holding only its own unit's
        // lock) would read the same highest code and the second insert would fail the unique (competition, code) index.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(16, {d.CompetitionId})", ct);
        var entry = new Entry
        {
            CompetitionId = d.CompetitionId, Code = await NextCodeAsync(d.CompetitionId, d.Track, ct), Title = d.Title!.Trim(), Track = d.Track,
            UnitId = unitId, DivisionId = division, Presenter = d.Creator!.Trim(), DurationMinutes = d.DurationMinutes,
        };
        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
        // The declaration becomes submitted only as it was read and checked: a draft save from another page that landed
        // since (it writes without this unit's lock) would otherwise leave an entry made from the older text. Then the
        // whole submission, the entry included, is rolled back and the page told to reload.
        var taken = await db.Set<EntryDeclaration>().Where(x => x.Id == d.Id && x.Revision == d.Revision && x.Status == DeclarationStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EntryId, entry.Id).SetProperty(x => x.Status, DeclarationStatus.Submitted)
                .SetProperty(x => x.SubmittedAt, now).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Revision, d.Revision + 1), ct);
        if (taken == 0)
        {
            await tx.RollbackAsync(ct);
            var current = await db.Set<EntryDeclaration>().AsNoTracking().Where(x => x.Id == d.Id).Select(x => x.Revision).FirstAsync(ct);
            return new(0, 409, Wording.Of("此申报表已在其他页面中修改（第 {0} 次保存），请刷新页面后继续", current), []);
        }
        // Speeches (outline or text) and cases (the case document) take their work through the formal review's intake,
        // whose submission link the unit's page uses (and the organiser may print as before).
        if (d.Track != Track.MicroFilm)
            db.Add(new SubmissionLink { EntryId = entry.Id, Token = CaseIntakeService.NewToken(), CreatedAt = now });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = Actor(actorMobile), Action = "提交参赛作品申报", Subject = $"{entry.Code} {unit.Name}+{entry.Title}",
            After = $"{ChineseNames.Of(entry.Track)}；{d.Category}；{(d.DurationMinutes is { } m ? $"{m} 分钟；" : "")}主创 {d.Creator}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(entry.Id, 200, null, []);
    }

    /// <summary>Withdraws a draft of the unit (kept as 已撤回, no longer counted against the limit); 409 once submitted.</summary>
    public async Task<RegistrationOutcome<int>> WithdrawDraftAsync(int unitId, int id, CancellationToken ct)
    {
        // Only while still a draft as stored (a submission may have landed since this was shown).
        var now = clock.GetUtcNow();
        var withdrawn = await db.Set<EntryDeclaration>().Where(x => x.Id == id && x.UnitId == unitId && x.Status == DeclarationStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, DeclarationStatus.Withdrawn).SetProperty(x => x.UpdatedAt, now), ct);
        if (withdrawn == 1) return new(id, 200, null, []);
        var exists = await db.Set<EntryDeclaration>().AsNoTracking().AnyAsync(x => x.Id == id && x.UnitId == unitId, ct);
        return exists ? new(0, 409, Wording.Of("申报表已提交，不能撤回；如需撤回请联系主办单位"), []) : new(0, 404, Wording.Of("申报表不存在"), []);
    }

    /// <summary>
    /// Null when the work document of <paramref name="entryId"/> may be uploaded now as far as the online intake's dates go,
    /// else the refusal: a declared entry's first document (or a replacement) by its track's due date (speeches 5/31, films
    /// and cases 6/20), a resubmission after 退回修改 until formal review closes (6/30). Entries that did not come through a declaration
    /// (CSV import) answer null: the formal review's own deadline rules them.
    /// </summary>
    public async Task<Wording?> WorkUploadRefusalAsync(int entryId, CancellationToken ct)
    {
        var d = await db.Set<EntryDeclaration>().AsNoTracking().FirstOrDefaultAsync(x => x.EntryId == entryId, ct);
        if (d is null) return null;
        var calendar = await CalendarAsync(d.CompetitionId, ct);
        var now = clock.GetUtcNow();
        var hasDocument = d.Track == Track.MicroFilm
            ? await db.Set<Films.FilmAsset>().AnyAsync(x => x.EntryId == entryId, ct)
            : await db.Set<CaseDocument>().AnyAsync(x => x.EntryId == entryId, ct);
        if (!hasDocument) return calendar.DeclarationRefusal(d.Track, now);
        // A replacement: before the track's due date freely; after it only when formal review returned the entry, until it closes.
        if (calendar.DeclarationRefusal(d.Track, now) is not { } late) return null;
        var returned = new FormalReview(entryId, await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct)).Status == FormalReviewStatus.Returned;
        return returned ? calendar.ResubmissionRefusal(now) : late;
    }

    /// <summary>
    /// What the declaration form PDF (附件2, <see cref="Forms.DeclarationFormPdf"/>) prints for the unit's declaration
    /// <paramref name="id"/>, or null when it is not this unit's. Empty fields print blank; the reference is the entry's number
    /// (or "草稿-{id}" before submission).
    /// </summary>
    public async Task<Forms.DeclarationFormData?> FormDataAsync(int unitId, int id, CancellationToken ct)
    {
        var view = await DeclarationAsync(unitId, id, ct);
        if (view is null) return null;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, ct);
        var reg = await db.Set<UnitRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, ct);
        var mobile = await db.Set<UnitContact>().AsNoTracking().Where(c => c.UnitId == unitId && c.IsPrimary).Select(c => c.Mobile).FirstOrDefaultAsync(ct) ?? "";
        var comp = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == unit.CompetitionId, ct);
        var d = view.Declaration;
        var f = view.Form;
        var honours = f.Honours.Where(h => h != RegistrationChoices.OtherHonour).ToList();
        if (f.Honours.Contains(RegistrationChoices.OtherHonour)) honours.Add(string.IsNullOrWhiteSpace(f.HonourOther) ? RegistrationChoices.OtherHonour : f.HonourOther.Trim());
        return new Forms.DeclarationFormData
        {
            CompetitionName = comp.Name, Reference = view.EntryCode ?? $"草稿-{d.Id}", GeneratedAt = clock.GetUtcNow(),
            Unit = new Forms.DeclarationFormUnit
            {
                Name = unit.Name, IsMember = reg?.IsMember ?? false, Recommender = view.RecommenderName, Address = reg?.Address ?? "", Postcode = reg?.Postcode ?? "",
                Nature = RegistrationChoices.Natures.Contains(unit.Nature) ? unit.Nature : null, NatureOther = reg?.NatureOther, KeyField = reg?.KeyField,
                IsSpecialised = reg?.Specialised ?? false, KeyIndustry = reg?.KeyIndustry, KeyIndustryOther = reg?.KeyIndustryOther,
                ContactName = reg?.ContactName ?? "", ContactDepartmentAndPost = reg?.ContactPost ?? "", ContactMobile = mobile, ContactEmail = reg?.ContactEmail ?? "",
                PlannedTracks = reg is null ? [] : reg.PlannedTracks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Track>).ToList(),
                ActivityOnly = reg?.NoEntryYet ?? false,
            },
            Entry = new Forms.DeclarationFormEntry
            {
                Title = f.Title ?? "", Track = d.Track, Category = f.Category, DurationMinutes = f.DurationMinutes, WordCount = view.WordCount,
                Creator = f.Creator ?? "", ContactName = f.ContactName ?? "", ContactAddress = f.ContactAddress ?? "", ContactDepartment = f.ContactDept ?? "",
                ContactPost = f.ContactPost ?? "", ContactMobile = f.ContactMobile ?? "", ContactEmail = f.ContactEmail ?? "", Synopsis = f.Synopsis ?? "",
                Honours = honours, Commitments = RegistrationChoices.Commitments(comp.Year),
            },
        };
    }

    /// <summary>True when entry <paramref name="entryId"/> is unit <paramref name="unitId"/>'s own.</summary>
    public Task<bool> OwnsEntryAsync(int unitId, int entryId, CancellationToken ct) =>
        db.Entries.AnyAsync(e => e.Id == entryId && e.UnitId == unitId, ct);

    /// <summary>The track's entry-number prefix (the seeds' numbering): YJ 演讲, WDY 微电影, AL 创新案例.</summary>
    public static string CodePrefix(Track track) => track switch { Track.Speech => "YJ", Track.MicroFilm => "WDY", _ => "AL" };

    private async Task<string> NextCodeAsync(int competitionId, Track track, CancellationToken ct)
    {
        var prefix = CodePrefix(track) + "-";
        var codes = await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId && e.Code.StartsWith(prefix)).Select(e => e.Code).ToListAsync(ct);
        var max = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"{prefix}{max + 1:D3}";
    }

    /// <summary>"参赛单位 138****8000": how a unit contact appears in the audit log (the number masked).</summary>
    public static string Actor(string mobile) => $"参赛单位 {(FilmVoting.PhoneVerification.IsMobile(mobile) ? FilmVoting.PhoneVerification.Mask(mobile) : "联系人")}";

    /// <summary>The domain's view of a stored declaration.</summary>
    public static DeclarationForm FormOf(EntryDeclaration d) => new(
        d.Title, d.Category, d.DurationMinutes, d.Creator, d.ContactName, d.ContactAddress, d.ContactDept, d.ContactPost, d.ContactMobile,
        d.ContactEmail, d.Synopsis, (d.Honours ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries), d.HonourOther,
        (d.Commitments ?? "").Select(c => c == '1').ToList());

    // SaveDraftAsync writes the fields set here by name (one conditional UPDATE): a field added here goes there too.
    private static void Apply(EntryDeclaration d, DeclarationForm f)
    {
        static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        d.Title = T(f.Title);
        d.Category = T(f.Category);
        d.DurationMinutes = d.Track == Track.InnovationCase ? null : f.DurationMinutes;
        d.Creator = T(f.Creator);
        d.ContactName = T(f.ContactName);
        d.ContactAddress = T(f.ContactAddress);
        d.ContactDept = T(f.ContactDept);
        d.ContactPost = T(f.ContactPost);
        d.ContactMobile = T(f.ContactMobile);
        d.ContactEmail = T(f.ContactEmail);
        d.Synopsis = f.Synopsis is null ? null : f.Synopsis.Trim();
        d.Honours = string.Join('|', (f.Honours ?? []).Distinct());
        d.HonourOther = T(f.HonourOther);
        d.Commitments = new string((f.Commitments ?? []).Take(3).Select(b => b ? '1' : '0').ToArray());
    }

    private static UnitRegistration ToRegistration(int unitId, RegistrationForm f, DateTimeOffset registeredAt, DateTimeOffset now) => new()
    {
        UnitId = unitId, IsMember = f.IsMember!.Value, Address = f.Address!.Trim(), Postcode = f.Postcode!.Trim(),
        NatureOther = f.Nature?.Trim() == RegistrationChoices.Other ? f.NatureOther?.Trim() : null, KeyField = f.KeyField!.Trim(),
        Specialised = f.Specialised!.Value, KeyIndustry = f.KeyIndustry!.Trim(),
        KeyIndustryOther = f.KeyIndustry?.Trim() == RegistrationChoices.Other ? f.KeyIndustryOther?.Trim() : null,
        ContactName = f.ContactName!.Trim(), ContactPost = f.ContactPost!.Trim(), ContactEmail = f.ContactEmail!.Trim(),
        PlannedTracks = string.Join(',', f.PlannedTracks.Distinct().Order()), NoEntryYet = f.NoEntryYet, RegisteredAt = registeredAt, UpdatedAt = now,
    };

    /// <summary>The domain's view of a stored registration.</summary>
    public static RegistrationForm FormOf(Unit unit, UnitRegistration r, string? mobile) => new(
        unit.Name, r.IsMember, unit.RecommenderId, r.Address, r.Postcode, unit.Nature, r.NatureOther, r.KeyField, r.Specialised, r.KeyIndustry,
        r.KeyIndustryOther, r.ContactName, r.ContactPost, mobile, r.ContactEmail,
        r.PlannedTracks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Track>).ToList(), r.NoEntryYet);

    private static string Summary(RegistrationForm f) =>
        $"{f.Name}；{(f.IsMember == true ? "会员单位" : "非会员单位")}；{f.Nature}{(f.Nature == RegistrationChoices.Other ? $"（{f.NatureOther}）" : "")}；{f.KeyField}；"
        + $"{f.KeyIndustry}{(f.KeyIndustry == RegistrationChoices.Other ? $"（{f.KeyIndustryOther}）" : "")}；{(f.Specialised == true ? "专精特新" : "非专精特新")}；"
        + $"{f.Address} {f.Postcode}；联系人 {f.ContactName}（{f.ContactPost}）{f.ContactEmail}；"
        + (f.NoEntryYet ? "参加活动，暂无作品申报" : "拟申报 " + string.Join("、", f.PlannedTracks.Select(ChineseNames.Of)));
}
