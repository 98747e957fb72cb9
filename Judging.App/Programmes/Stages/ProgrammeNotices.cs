namespace Judging.App.Programmes.Stages;

using System.Text.Json;
using System.Text.Json.Serialization;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

/// <summary>One line of a published 公示 list, as stored in <see cref="ProgrammeNotice.List"/> (JSON, camelCase names).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Reference">Its reference (G01, WS-0001).</param>
/// <param name="Category">The category's name as the notice gives it.</param>
/// <param name="Level">The proposed level (奖项等级).</param>
/// <param name="Applicant">Who applies (the organisation or the person).</param>
/// <param name="Title">The project or the name applied for.</param>
public sealed record NoticeListItem(
    [property: JsonPropertyName("applicationId")] int ApplicationId,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("applicant")] string Applicant,
    [property: JsonPropertyName("title")] string Title);

/// <summary>Where a published 公示 stands at a given instant.</summary>
public enum NoticePhase
{
    /// <summary>未发布: a draft.</summary>
    Draft,

    /// <summary>未开始: published, its first day not yet reached (Beijing).</summary>
    NotStarted,

    /// <summary>公示中: open for objections.</summary>
    Open,

    /// <summary>期满待结束: the period is over, the organiser has not closed it yet.</summary>
    Ended,

    /// <summary>已结束: closed by the organiser.</summary>
    Closed,
}

/// <summary>One calendar day of a notice's period, for the organiser's explanation of the working-day count.</summary>
/// <param name="Date">The day (Beijing).</param>
/// <param name="Working">Counted as a working day.</param>
/// <param name="Holiday">The holiday's name when the calendar lists the day (a day off, or a weekend day worked for it), else empty.</param>
/// <param name="Weekend">A Saturday or Sunday.</param>
public sealed record NoticeDay(DateOnly Date, bool Working, string Holiday, bool Weekend);

/// <summary>One application on the organiser's 拟授奖 page: its standing, category and what stops it from being listed.</summary>
/// <param name="Standing">Where it stands (<see cref="ProgrammeStandings"/>).</param>
/// <param name="CategoryName">Its category's name.</param>
/// <param name="Levels">The levels it may be proposed for (categories.csv 奖项等级).</param>
public sealed record ProposalRow(ApplicationStanding Standing, string CategoryName, IReadOnlyList<string> Levels)
{
    /// <summary>Why it cannot be listed (zh-CN <see cref="Wording"/>s): not through the formal review, and <see cref="StageGate"/>'s reasons.</summary>
    public IReadOnlyList<Wording> Blocks => Standing.FormalReviewPassed
        ? Standing.BlocksBeforeNotice
        : [Wording.Of("未通过形式审查"), .. Standing.BlocksBeforeNotice];
}

/// <summary>
/// The organiser's page of a programme's 拟授奖 and 公示 (issue 16): every application with its proposal, the notice in force
/// (null when none is drafted), its period's days, and the open objections of the notice.
/// </summary>
/// <param name="ProgrammeId">The programme.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Categories">Its categories (code, name, levels).</param>
/// <param name="Rows">The applications (not drafts), by reference.</param>
/// <param name="Notice">The notice, or null.</param>
/// <param name="Days">The calendar days from the notice's first to its last day, or empty.</param>
/// <param name="OpenObjections">ProgrammeObjection rows of the notice not yet decided.</param>
/// <param name="DefaultWorkingDays">The period a new notice gets (<see cref="ProgrammeNotices.WorkingDaysOf"/>).</param>
/// <param name="Phase">Where the notice stands now.</param>
/// <param name="List">The published list (empty for a draft).</param>
public sealed record NoticeBoard(int ProgrammeId, string Code, string Name, IReadOnlyList<AwardCategory> Categories, IReadOnlyList<ProposalRow> Rows,
    ProgrammeNotice? Notice, IReadOnlyList<NoticeDay> Days, int OpenObjections, int DefaultWorkingDays, NoticePhase Phase, IReadOnlyList<NoticeListItem> List)
{
    /// <summary>The applications that would be listed if published now.</summary>
    public IEnumerable<ProposalRow> Listable => Rows.Where(r => r.Standing.Listable);
}

/// <summary>A published 公示 as the public page shows it (issue 16).</summary>
/// <param name="NoticeId">The notice.</param>
/// <param name="Version">Its version (the cache key's part).</param>
/// <param name="Code">The programme's code.</param>
/// <param name="ProgrammeName">The programme's name.</param>
/// <param name="Organiser">Who runs it (主办单位).</param>
/// <param name="Title">The heading.</param>
/// <param name="List">The list as published.</param>
/// <param name="StartDay">The first day (Beijing).</param>
/// <param name="EndDay">The last day (Beijing).</param>
/// <param name="WorkingDays">The period in working days.</param>
/// <param name="HowToObject">How to object.</param>
/// <param name="Contact">The contact.</param>
/// <param name="PublishedAt">Published (UTC).</param>
/// <param name="ClosedAt">Closed (UTC), or null.</param>
public sealed record PublicNotice(int NoticeId, int Version, string Code, string ProgrammeName, string Organiser, string Title,
    IReadOnlyList<NoticeListItem> List, DateOnly StartDay, DateOnly EndDay, int WorkingDays, string HowToObject, string Contact,
    DateTimeOffset PublishedAt, DateTimeOffset? ClosedAt)
{
    /// <summary>00:00 Beijing of the first day.</summary>
    public DateTimeOffset OpensAt => NoticePeriod.OpensAt(StartDay);

    /// <summary>24:00 Beijing of the last day.</summary>
    public DateTimeOffset ClosesAt => NoticePeriod.ClosesAt(EndDay);

    /// <summary>Where it stands at <paramref name="now"/>.</summary>
    public NoticePhase PhaseAt(DateTimeOffset now) => ClosedAt is not null ? NoticePhase.Closed
        : now < OpensAt ? NoticePhase.NotStarted : now < ClosesAt ? NoticePhase.Open : NoticePhase.Ended;
}

/// <summary>What the organiser types for a notice; null fields keep the stored value (a new notice: the defaults).</summary>
/// <param name="Title">The heading; blank: "&lt;programme name&gt;拟授奖名单公示".</param>
/// <param name="StartDay">The first day (Beijing); required for a new notice.</param>
/// <param name="WorkingDays">The period in working days; null: the programme's (<see cref="ProgrammeNotices.WorkingDaysOf"/>).</param>
/// <param name="HowToObject">How to object (up to 2,000 characters).</param>
/// <param name="Contact">The contact (up to 500 characters).</param>
public sealed record NoticeDraft(string? Title, DateOnly? StartDay, int? WorkingDays, string? HowToObject, string? Contact);

/// <summary>
/// The proposed list (拟授奖) and the public notice (公示) of a programme (issue 16, "公示: public notice with objections"):
/// <list type="bullet">
/// <item>the organiser sets or withdraws an application's proposed level, with a reason, one of its category's levels
/// (append-only <see cref="ProgrammeProposal"/>s, source <see cref="ProgrammeStandings.OrganiserSource"/>);</item>
/// <item>drafts the notice (title, first day, period in working days, how to object, contact), its last day computed on the
/// working-day calendar (<see cref="NoticePeriod.EndDay"/>);</item>
/// <item>publishes it: the listable applications (<see cref="ApplicationStanding.Listable"/>) are snapshot into the list, which
/// is frozen from then on; the period may then only be extended (<see cref="NoticePeriod.CheckChange"/>);</item>
/// <item>closes it once the period is over and no objection is open (<see cref="NoticeRules.CheckClose"/>).</item>
/// </list>
/// Every action is audited (<see cref="AuditEntry"/>) and answers a <see cref="ProgrammeChange"/>: 200 done; 400 refused with the
/// reason; 404 no such programme or application; 409 the notice changed elsewhere (its <see cref="ProgrammeNotice.Version"/>) or
/// is in the wrong state. Objections themselves are handled elsewhere; this service only counts the open ones. Scoped.
/// </summary>
public sealed class ProgrammeNotices(JudgingDb db, ProgrammeStandings standings, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long the public read model of a code is kept in memory (a change forgets it at once in this process).</summary>
    public static readonly TimeSpan PublicCacheFor = TimeSpan.FromSeconds(10);

    /// <summary>The longest reason, how-to-object and contact texts accepted.</summary>
    public const int MaxReason = 1000, MaxHowToObject = 2000, MaxContact = 500, MaxTitle = 200;

    /// <summary>
    /// The period of a programme's notice in working days: the number in its stages' 公示 entry when it names one
    /// ("公示（7个工作日）"), else <see cref="NoticePeriod.DefaultWorkingDays"/> (issue 16: "default 5; a programme may set more").
    /// </summary>
    public static int WorkingDaysOf(ProgrammeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ProgrammeStagePlan.Unknown(definition.Stages).Count == 0 ? ProgrammeStagePlan.Of(definition.Stages).NoticeWorkingDays : NoticePeriod.DefaultWorkingDays;
    }

    /// <summary>The default heading of a programme's notice.</summary>
    public static string DefaultTitle(string programmeName) => $"{programmeName}拟授奖名单公示";

    /// <summary>The organiser's page of <paramref name="code"/>, or null when there is no such programme.</summary>
    public async Task<NoticeBoard?> BoardAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var definition = ProgrammeService.DefinitionOf(p);
        var rows = (await standings.LoadAsync(p.Id, ct)).Select(s =>
        {
            var category = definition.Categories.FirstOrDefault(c => c.Code == s.CategoryCode);
            return new ProposalRow(s, category?.Name ?? s.CategoryCode, category?.Levels ?? []);
        }).ToList();
        var notice = await NoticeOfAsync(p.Id, tracked: false, ct);
        var open = notice is null ? 0 : await OpenObjectionsAsync(notice.Id, ct);
        IReadOnlyList<NoticeDay> days = [];
        if (notice is not null)
        {
            var calendar = await ProgrammeService.LoadCalendarAsync(db, ct);
            days = DaysOf(calendar, notice.StartDay, notice.EndDay);
        }
        var phase = notice is null || notice.PublishedAt is null ? NoticePhase.Draft : PublicOf(p, definition, notice).PhaseAt(clock.GetUtcNow());
        return new NoticeBoard(p.Id, p.Code, p.Name, definition.Categories, rows, notice, days, open, WorkingDaysOf(definition), phase,
            notice?.PublishedAt is null ? [] : ListOf(notice));
    }

    /// <summary>The published notice of <paramref name="code"/> as the public page shows it, or null when none is published
    /// (kept in memory for <see cref="PublicCacheFor"/>; a change made through this service forgets it at once).</summary>
    public async Task<PublicNotice?> PublicAsync(string code, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(code), out PublicNotice? hit)) return hit;
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        PublicNotice? found = null;
        if (p is not null && await NoticeOfAsync(p.Id, tracked: false, ct) is { PublishedAt: not null } n)
            found = PublicOf(p, ProgrammeService.DefinitionOf(p), n);
        cache.Set(CacheKey(code), found, PublicCacheFor);
        return found;
    }

    /// <summary>
    /// Sets application <paramref name="applicationId"/>'s proposed level to <paramref name="level"/>, which must be one of its
    /// category's levels, with <paramref name="reason"/> (2–1,000 characters). Appends a <see cref="ProgrammeProposal"/>.
    /// Refused once the programme's notice is published (the list is frozen).
    /// </summary>
    public Task<ProgrammeChange> SetLevelAsync(int applicationId, string? level, string? reason, string actor, CancellationToken ct) =>
        ProposeAsync(applicationId, level?.Trim() ?? "", withdraw: false, reason, actor, ct);

    /// <summary>Withdraws application <paramref name="applicationId"/>'s proposed level with <paramref name="reason"/>: it leaves the
    /// proposed list. Appends a <see cref="ProgrammeProposal"/> with <see cref="ProgrammeProposal.Withdrawn"/>.</summary>
    public Task<ProgrammeChange> WithdrawLevelAsync(int applicationId, string? reason, string actor, CancellationToken ct) =>
        ProposeAsync(applicationId, "", withdraw: true, reason, actor, ct);

    private async Task<ProgrammeChange> ProposeAsync(int applicationId, string level, bool withdraw, string? reason, string actor, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (reason is not { Length: >= 2 }) return new(400, Wording.Of("请填写理由"));
        if (reason.Length > MaxReason) return new(400, Wording.Of("理由最多 {0} 字", MaxReason));
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null || a.Status is ProgrammeApplicationStatus.Draft or ProgrammeApplicationStatus.Withdrawn) return new(404, Wording.Of("没有这份申报"));
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        if (await NoticeOfAsync(p.Id, tracked: false, ct) is { PublishedAt: not null })
            return new(409, Wording.Of("拟授奖名单已公示，不能再改；公示期间的变化通过异议处理"), applicationId);
        var category = ProgrammeService.DefinitionOf(p).Categories.FirstOrDefault(c => c.Code == a.CategoryCode);
        if (!withdraw && (category is null || !category.Levels.Contains(level, StringComparer.Ordinal)))
            return new(400, Wording.Of("“{0}”不是奖项类别“{1}”的奖项等级（可选：{2}）", level, category?.Name ?? a.CategoryCode,
                string.Join("、", category?.Levels ?? [])), applicationId);
        var current = await db.Set<ProgrammeProposal>().AsNoTracking().Where(x => x.ApplicationId == applicationId).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        var before = current is null ? null : current.Withdrawn ? "已撤销" : current.Level;
        if (withdraw && current is not { Withdrawn: false }) return new(409, Wording.Of("这份申报没有拟授奖等级"), applicationId);
        var now = clock.GetUtcNow();
        db.Add(new ProgrammeProposal
        {
            ApplicationId = applicationId, Level = withdraw ? "" : level, Withdrawn = withdraw, Source = ProgrammeStandings.OrganiserSource,
            Reason = reason, Actor = actor, At = now,
        });
        db.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = withdraw ? "撤销拟授奖等级" : "设定拟授奖等级", Subject = $"{p.Name} {a.Reference} {a.Title}".Trim(),
            Before = before, After = withdraw ? "已撤销" : level, Reason = reason,
        });
        await db.SaveChangesAsync(ct);
        return new(200, null, applicationId);
    }

    /// <summary>
    /// Drafts or changes the notice of <paramref name="code"/>. A new notice needs its first day; the heading defaults to
    /// <see cref="DefaultTitle"/>, the period to <see cref="WorkingDaysOf"/>; the last day is computed on the calendar (400 with
    /// the calendar's reason when it does not cover the days). Once published only the texts may change and the period may only
    /// grow (<see cref="NoticePeriod.CheckChange"/>); the list stays as published. <paramref name="version"/> is the version the
    /// page read (ignored for a new notice); 409 when it changed since. Closed: 409.
    /// </summary>
    public async Task<ProgrammeChange> SaveAsync(string code, NoticeDraft draft, int version, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, Wording.Of("没有这个评选项目"));
        var definition = ProgrammeService.DefinitionOf(p);
        var notice = await NoticeOfAsync(p.Id, tracked: true, ct);
        if (notice is not null && notice.Version != version) return Changed(notice);
        if (notice?.ClosedAt is not null) return new(409, Wording.Of("公示已结束，不能再改"), notice.Id, notice.Version);
        var start = draft.StartDay ?? notice?.StartDay;
        if (start is null) return new(400, Wording.Of("请填写公示开始日期"));
        var days = draft.WorkingDays ?? notice?.WorkingDays ?? WorkingDaysOf(definition);
        if (days is < 1 or > NoticePeriod.MaxWorkingDays)
            return new(400, Wording.Of("公示期限应为 1 至 {0} 个工作日", NoticePeriod.MaxWorkingDays));
        var title = string.IsNullOrWhiteSpace(draft.Title) ? notice?.Title ?? DefaultTitle(p.Name) : draft.Title.Trim();
        var how = draft.HowToObject?.Trim() ?? notice?.HowToObject ?? "";
        var contact = draft.Contact?.Trim() ?? notice?.Contact ?? "";
        if (title.Length > MaxTitle) return new(400, Wording.Of("标题最多 {0} 字", MaxTitle));
        if (how.Length > MaxHowToObject) return new(400, Wording.Of("异议方式最多 {0} 字", MaxHowToObject));
        if (contact.Length > MaxContact) return new(400, Wording.Of("联系方式最多 {0} 字", MaxContact));
        DateOnly end;
        try { end = NoticePeriod.EndDay(await ProgrammeService.LoadCalendarAsync(db, ct), start.Value, days); }
        catch (OutsideCalendarException e) { return new(400, Wording.Of("无法计算公示结束日期：{0}", e.Reason), notice?.Id ?? 0, notice?.Version ?? 0); }
        var now = clock.GetUtcNow();
        string? before = null;
        if (notice is null)
        {
            notice = new ProgrammeNotice { ProgrammeId = p.Id, Title = title, Version = 1 };
            db.Add(notice);
        }
        else
        {
            if (notice.PublishedAt is not null && NoticePeriod.CheckChange(notice.StartDay, notice.EndDay, start.Value, end) is { } refused)
                return new(400, refused, notice.Id, notice.Version);
            before = Describe(notice);
            notice.Version++;
        }
        (notice.Title, notice.StartDay, notice.WorkingDays, notice.EndDay, notice.HowToObject, notice.Contact) = (title, start.Value, days, end, how, contact);
        var action = before is null ? "起草公示" : notice.PublishedAt is null ? "修改公示草稿" : "修改已发布的公示";
        db.Add(new AuditEntry { At = now, Actor = actor, Action = action, Subject = $"{p.Name} {title}", Before = before, After = Describe(notice) });
        return await SaveNoticeAsync(code, notice, ct);
    }

    /// <summary>Extends the published notice of <paramref name="code"/> to <paramref name="workingDays"/> working days (never
    /// fewer than published: 400 with <see cref="NoticePeriod.CheckChange"/>'s reason). See <see cref="SaveAsync"/>.</summary>
    public Task<ProgrammeChange> ExtendAsync(string code, int workingDays, int version, string actor, CancellationToken ct) =>
        SaveAsync(code, new NoticeDraft(null, null, workingDays, null, null), version, actor, ct);

    /// <summary>
    /// Publishes the drafted notice of <paramref name="code"/>: the listable applications (formal review passed, a level proposed,
    /// nothing blocking them) are snapshot into <see cref="ProgrammeNotice.List"/> by reference; 400 when none is listable, or
    /// when the period is not set; 409 when already published or changed since <paramref name="version"/>.
    /// </summary>
    public async Task<ProgrammeChange> PublishAsync(string code, int version, string actor, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, Wording.Of("没有这个评选项目"));
        var notice = await NoticeOfAsync(p.Id, tracked: true, ct);
        if (notice is null) return new(400, Wording.Of("请先起草公示"));
        if (notice.Version != version) return Changed(notice);
        if (notice.PublishedAt is not null) return new(409, Wording.Of("公示已发布"), notice.Id, notice.Version);
        var definition = ProgrammeService.DefinitionOf(p);
        var list = (await standings.LoadAsync(p.Id, ct)).Where(s => s.Listable).Select(s => new NoticeListItem(s.ApplicationId, s.Reference,
            definition.Categories.FirstOrDefault(c => c.Code == s.CategoryCode)?.Name ?? s.CategoryCode, s.ProposedLevel!, s.Applicant, s.Title)).ToList();
        if (list.Count == 0) return new(400, Wording.Of("没有可以公示的申报：须通过形式审查、已设定拟授奖等级且未被阻止"), notice.Id, notice.Version);
        var now = clock.GetUtcNow();
        notice.List = JsonSerializer.Serialize(list, ProgrammeService.StoredJson);
        notice.PublishedAt = now;
        notice.PublishedBy = actor;
        notice.Version++;
        db.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "发布公示", Subject = $"{p.Name} {notice.Title}",
            After = $"{Describe(notice)}；名单 {list.Count} 项：{string.Join("、", list.Select(i => $"{i.Reference} {i.Level}"))}",
        });
        return await SaveNoticeAsync(code, notice, ct);
    }

    /// <summary>
    /// Closes the published notice of <paramref name="code"/> at now: refused (400) before its period ends or while an objection
    /// of it is open (<see cref="NoticeRules.CheckClose"/>), 409 when not published, already closed or changed since
    /// <paramref name="version"/>. Records <see cref="ProgrammeNotice.ClosedAt"/> and <see cref="ProgrammeNotice.ClosedBy"/>.
    /// </summary>
    public async Task<ProgrammeChange> CloseAsync(string code, int version, string actor, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return new(404, Wording.Of("没有这个评选项目"));
        var notice = await NoticeOfAsync(p.Id, tracked: true, ct);
        if (notice?.PublishedAt is null) return new(409, Wording.Of("公示尚未发布"));
        if (notice.Version != version) return Changed(notice);
        if (notice.ClosedAt is not null) return new(409, Wording.Of("公示已结束"), notice.Id, notice.Version);
        var now = clock.GetUtcNow();
        var open = await OpenObjectionsAsync(notice.Id, ct);
        var problems = NoticeRules.CheckClose(NoticePeriod.ClosesAt(notice.EndDay), open, now);
        if (problems.Count > 0) return new(400, Wording.Join("；", problems), notice.Id, notice.Version);
        notice.ClosedAt = now;
        notice.ClosedBy = actor;
        notice.Version++;
        db.Add(new AuditEntry { At = now, Actor = actor, Action = "结束公示", Subject = $"{p.Name} {notice.Title}", Before = Describe(notice), After = "已结束" });
        return await SaveNoticeAsync(code, notice, ct);
    }

    /// <summary>The calendar days from <paramref name="from"/> to <paramref name="to"/> (both included) with whether each counts.</summary>
    public static IReadOnlyList<NoticeDay> DaysOf(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = new List<NoticeDay>();
        for (var d = from; d <= to && days.Count < 120; d = d.AddDays(1))
        {
            if (!calendar.Covers(d)) break;
            days.Add(new NoticeDay(d, calendar.IsWorkingDay(d), calendar.Listed(d)?.Name ?? "", d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        }
        return days;
    }

    /// <summary>The list of a published notice.</summary>
    public static IReadOnlyList<NoticeListItem> ListOf(ProgrammeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return JsonSerializer.Deserialize<List<NoticeListItem>>(notice.List, ProgrammeService.StoredJson) ?? [];
    }

    private static PublicNotice PublicOf(Programme p, ProgrammeDefinition d, ProgrammeNotice n) => new(n.Id, n.Version, p.Code, p.Name, d.Organiser,
        n.Title, ListOf(n), n.StartDay, n.EndDay, n.WorkingDays, n.HowToObject, n.Contact, n.PublishedAt!.Value, n.ClosedAt);

    private static string CacheKey(string code) => "programme-notice:" + code;

    private static ProgrammeChange Changed(ProgrammeNotice n) => new(409, Wording.Of("公示已被他人修改，请刷新后重试"), n.Id, n.Version);

    private static string Describe(ProgrammeNotice n) =>
        $"{n.StartDay:yyyy-MM-dd} 起 {n.WorkingDays} 个工作日，至 {n.EndDay:yyyy-MM-dd}（标题：{n.Title}）";

    private async Task<ProgrammeChange> SaveNoticeAsync(string code, ProgrammeNotice notice, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return new(409, Wording.Of("公示已被他人修改，请刷新后重试")); }
        finally { cache.Remove(CacheKey(code)); }
        return new(200, null, notice.Id, notice.Version);
    }

    private Task<ProgrammeNotice?> NoticeOfAsync(int programmeId, bool tracked, CancellationToken ct) => LatestAsync(db, programmeId, tracked, ct);

    private Task<int> OpenObjectionsAsync(int noticeId, CancellationToken ct) => OpenObjectionsAsync(db, noticeId, ct);

    /// <summary>The programme's notice: the latest (one per programme in practice), or null; tracked for a change.</summary>
    internal static Task<ProgrammeNotice?> LatestAsync(JudgingDb db, int programmeId, bool tracked, CancellationToken ct)
    {
        var q = db.Set<ProgrammeNotice>().Where(n => n.ProgrammeId == programmeId);
        return (tracked ? q : q.AsNoTracking()).OrderByDescending(n => n.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The objections to notice <paramref name="noticeId"/> not yet decided (已受理 / 调查中).</summary>
    internal static Task<int> OpenObjectionsAsync(JudgingDb db, int noticeId, CancellationToken ct) =>
        db.Set<ProgrammeObjection>().CountAsync(o => o.NoticeId == noticeId && o.Status != ObjectionStatus.Decided, ct);
}
