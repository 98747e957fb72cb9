namespace Judging.App.Cases;

using System.Security.Cryptography;
using Judging.App.Import;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>A line of the formal-review queue.</summary>
/// <param name="EntryId">Entry id.</param>
/// <param name="Code">作品编号.</param>
/// <param name="Title">作品名称.</param>
/// <param name="UnitName">参赛单位.</param>
/// <param name="Track">赛道.</param>
/// <param name="Status">Formal-review status.</param>
/// <param name="LatestVersion">Latest document version, or null.</param>
/// <param name="FileName">Latest document's original name, or null.</param>
/// <param name="FailingAutomatic">How many automatic checklist items fail.</param>
/// <param name="Recommender">推荐单位 of the entry's unit ("" when unknown).</param>
/// <param name="WordCount">The latest document's word count (.docx), or null (PDF, or no document).</param>
/// <param name="SubmittedAt">When the latest document was uploaded (UTC; shown in Beijing time), or null.</param>
public sealed record QueueRow(int EntryId, string Code, string Title, string UnitName, Track Track, FormalReviewStatus Status,
    int? LatestVersion, string? FileName, int FailingAutomatic, string Recommender = "", int? WordCount = null, DateTimeOffset? SubmittedAt = null);

/// <summary>Everything about one entry's intake: documents (newest first), review, checklist, link, deadline.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="UnitName">参赛单位.</param>
/// <param name="CompetitionName">大赛.</param>
/// <param name="Documents">All versions, newest first.</param>
/// <param name="Review">The formal review with its whole history.</param>
/// <param name="Checklist">Automatic items plus the manual ticks given.</param>
/// <param name="Token">The entry's submission-link token.</param>
/// <param name="Deadline">The competition's intake deadline, or null (open).</param>
/// <param name="Declaration">The online declaration behind the entry (附件2 (二), issue 15), or null for an entry imported by CSV.</param>
/// <param name="Materials">What the unit uploaded beside its entries (<see cref="Registration.UnitMaterial"/>: the unit's logo, profile and extras,
/// and this entry's stamped declaration and extras), newest first; empty when none.</param>
/// <param name="Film">A film's stored video (its submission to formal review), or null.</param>
public sealed record CaseDetail(Entry Entry, string UnitName, string CompetitionName, IReadOnlyList<CaseDocument> Documents,
    FormalReview Review, IReadOnlyList<ChecklistItem> Checklist, string Token, DateTimeOffset? Deadline,
    Registration.EntryDeclaration? Declaration = null, IReadOnlyList<Registration.UnitMaterial>? Materials = null, Films.FilmAsset? Film = null)
{
    /// <summary>The newest document, or null.</summary>
    public CaseDocument? Latest => Documents.FirstOrDefault();

    /// <summary>
    /// The newest uploaded material that a manual checklist item looks for (issue 15: "show beside each whether the matching
    /// material is present"): 盖章申报表 → this entry's stamped declaration, 单位logo → the unit's logo, 单位简介 → its profile;
    /// null when absent or for an automatic item.
    /// </summary>
    public Registration.UnitMaterial? MaterialFor(ChecklistKey key) => key switch
    {
        ChecklistKey.StampedApplication => (Materials ?? []).FirstOrDefault(m => m.Kind == Judging.Domain.Registration.MaterialKind.StampedDeclaration && m.EntryId == Entry.Id),
        ChecklistKey.UnitLogo => (Materials ?? []).FirstOrDefault(m => m.Kind == Judging.Domain.Registration.MaterialKind.Logo),
        ChecklistKey.UnitProfile => (Materials ?? []).FirstOrDefault(m => m.Kind == Judging.Domain.Registration.MaterialKind.Profile),
        _ => null,
    };
}

/// <summary>The outcome of a stored upload: the new version, or a refusal with its HTTP status (409 for a closed channel or wrong status).</summary>
/// <param name="Document">The stored document, or null.</param>
/// <param name="StatusCode">200, or 404/409.</param>
/// <param name="Message">zh-CN.</param>
public sealed record UploadOutcome(CaseDocument? Document, int StatusCode, string Message);

/// <summary>
/// Submissions and formal review (issue 5, "Intake"): the queue, an entry's detail and checklist, storing an
/// upload as a new version with its Submit/Resubmit record, accepting and returning (append-only
/// <see cref="FormalReviewRecord"/>s), the submission links and the intake deadline. The staff's refusals
/// (accept, return) come in the request's language through <c>L</c> (Resources/Cases/CaseIntakeService.en.resx).
/// </summary>
public sealed class CaseIntakeService(JudgingDb db, CaseStore store, TimeProvider clock, IStringLocalizer<CaseIntakeService> L) : IFormalReview
{
    /// <inheritdoc />
    public Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct) =>
        db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The submission links of <paramref name="competitionId"/>'s cases by entry number, made first where missing
    /// (<see cref="EnsureLinksAsync"/>): what the organiser prints and hands to the units.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionLinkLine>> LinkSheetAsync(int competitionId, CancellationToken ct)
    {
        await EnsureLinksAsync(competitionId, ct);
        return await (from l in db.Set<SubmissionLink>().AsNoTracking()
                      join e in db.Entries on l.EntryId equals e.Id
                      join u in db.Units on e.UnitId equals u.Id
                      where e.CompetitionId == competitionId
                      orderby e.Code
                      select new SubmissionLinkLine(e.Code, e.Title, u.Name, l.Token)).ToListAsync(ct);
    }

    /// <summary>Tracks whose entries need a document by default (seed 000: cases are Word documents).</summary>
    public static bool NeedsDocument(Track t) => t == Track.InnovationCase;

    /// <summary>The competition's deadline, or null (open).</summary>
    public async Task<DateTimeOffset?> DeadlineAsync(int competitionId, CancellationToken ct) =>
        (await db.Set<CaseIntakeSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.CompetitionId == competitionId, ct))?.Deadline;

    /// <summary>Sets (or with null clears) the competition's intake deadline.</summary>
    public async Task SetDeadlineAsync(int competitionId, DateTimeOffset? deadline, string actor, CancellationToken ct)
    {
        var s = await db.Set<CaseIntakeSettings>().FirstOrDefaultAsync(x => x.CompetitionId == competitionId, ct);
        if (s is null) db.Add(s = new CaseIntakeSettings { CompetitionId = competitionId, UpdatedBy = actor });
        s.Deadline = deadline;
        s.UpdatedAt = clock.GetUtcNow();
        s.UpdatedBy = actor;
        db.Add(new Judging.Domain.Scoring.AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "形式审查截止时间", Subject = $"competition {competitionId}",
            After = deadline is { } d ? IntakeWindow.Format(d) : "不设截止",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Makes sure every document-needing entry of the competition has a submission link.</summary>
    public async Task EnsureLinksAsync(int competitionId, CancellationToken ct)
    {
        var ids = await db.Entries.Where(e => e.CompetitionId == competitionId && e.Track == Track.InnovationCase).Select(e => e.Id).ToListAsync(ct);
        var have = (await db.Set<SubmissionLink>().Select(l => l.EntryId).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var id in ids.Where(i => !have.Contains(i)))
            db.Add(new SubmissionLink { EntryId = id, Token = NewToken(), CreatedAt = now });
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    /// <summary>A new link token: 128 random bits as 32 lower-case hex characters.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The entry behind a submission-link token, or null.</summary>
    public Task<int?> EntryOfTokenAsync(string token, CancellationToken ct) =>
        db.Set<SubmissionLink>().AsNoTracking().Where(l => l.Token == token).Select(l => (int?)l.EntryId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The queue of a competition, by code: document-needing entries (cases), any entry with a document, and every entry a
    /// unit declared and submitted online, of every track (issue 15: "declared entries flow into the existing formal review").
    /// </summary>
    public async Task<List<QueueRow>> QueueAsync(int competitionId, CancellationToken ct)
    {
        await EnsureLinksAsync(competitionId, ct);
        var withDocs = db.Set<CaseDocument>().Select(d => d.EntryId);
        var declared = DeclaredEntries();
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.CompetitionId == competitionId && (e.Track == Track.InnovationCase || withDocs.Contains(e.Id) || declared.Contains(e.Id)))
            .OrderBy(e => e.Code).ToListAsync(ct);
        var films = (await db.Set<Films.FilmAsset>().AsNoTracking().Where(f => declared.Contains(f.EntryId)).ToListAsync(ct)).ToDictionary(f => f.EntryId);
        var ids = entries.Select(e => e.Id).ToList();
        var docs = (await db.Set<CaseDocument>().AsNoTracking().Where(d => ids.Contains(d.EntryId)).ToListAsync(ct))
            .GroupBy(d => d.EntryId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);
        var records = (await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => ids.Contains(r.EntryId)).ToListAsync(ct))
            .ToLookup(r => r.EntryId);
        var ctx = await ChecklistContextAsync(competitionId, ct);
        var recommenders = await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return entries.Select(e =>
        {
            var review = new FormalReview(e.Id, records[e.Id]);
            var doc = docs.GetValueOrDefault(e.Id);
            var film = doc is null ? films.GetValueOrDefault(e.Id) : null;
            var failing = BuildChecklist(e, doc, ctx, new HashSet<ChecklistKey>(), film).Count(i => i.Automatic && !i.Passed);
            var unit = ctx.Units[e.UnitId];
            return new QueueRow(e.Id, e.Code, e.Title, unit.Name, e.Track, review.Status, doc?.Version, doc?.OriginalFileName, failing,
                recommenders.GetValueOrDefault(unit.RecommenderId, ""), doc?.WordCount, doc?.UploadedAt ?? film?.UploadedAt);
        }).ToList();
    }

    /// <summary>One entry's detail; <paramref name="ticks"/> are the manual items ticked (null: those of the latest review step).</summary>
    public async Task<CaseDetail?> DetailAsync(int entryId, IReadOnlySet<ChecklistKey>? ticks, CancellationToken ct)
    {
        var e = await db.Entries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == entryId, ct);
        if (e is null) return null;
        await EnsureLinksAsync(e.CompetitionId, ct);
        var docs = (await db.Set<CaseDocument>().AsNoTracking().Where(d => d.EntryId == entryId).ToListAsync(ct)).OrderByDescending(d => d.Version).ToList();
        var review = new FormalReview(entryId, await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct));
        ticks ??= FormalChecklist.ParseKeys(review.History.LastOrDefault(r => r.Action is FormalReviewAction.Accept or FormalReviewAction.Return)?.Ticks);
        var ctx = await ChecklistContextAsync(e.CompetitionId, ct);
        var token = await db.Set<SubmissionLink>().AsNoTracking().Where(l => l.EntryId == entryId).Select(l => l.Token).FirstOrDefaultAsync(ct) ?? "";
        var comp = await db.Competitions.AsNoTracking().Where(c => c.Id == e.CompetitionId).Select(c => c.Name).FirstAsync(ct);
        var declaration = await db.Set<Registration.EntryDeclaration>().AsNoTracking().FirstOrDefaultAsync(d => d.EntryId == entryId, ct);
        var materials = await db.Set<Registration.UnitMaterial>().AsNoTracking()
            .Where(m => m.UnitId == e.UnitId && (m.EntryId == null || m.EntryId == entryId)).ToListAsync(ct);
        var film = declaration is null ? null : await db.Set<Films.FilmAsset>().AsNoTracking().FirstOrDefaultAsync(f => f.EntryId == entryId, ct);
        return new CaseDetail(e, ctx.Units[e.UnitId].Name, comp, docs, review, BuildChecklist(e, docs.FirstOrDefault(), ctx, ticks, film), token,
            await DeadlineAsync(e.CompetitionId, ct), declaration, materials.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).ToList(), film);
    }

    /// <summary>The entries declared and submitted online (issue 15).</summary>
    private IQueryable<int> DeclaredEntries() =>
        db.Set<Registration.EntryDeclaration>().Where(d => d.EntryId != null && d.Status == Registration.DeclarationStatus.Submitted).Select(d => d.EntryId!.Value);

    private sealed record ChecklistContext(Dictionary<int, Unit> Units, List<Entry> Entries, Dictionary<(int Unit, Track Track), int> Lifts);

    private async Task<ChecklistContext> ChecklistContextAsync(int competitionId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.CompetitionId == competitionId).ToDictionaryAsync(u => u.Id, ct);
        var unitIds = units.Keys.ToList();
        // The organiser's lifts of a unit's limit (issue 15, "原则上"): the latest per unit and track counts.
        var lifts = (await db.Set<Registration.UnitLimitLift>().AsNoTracking().Where(l => unitIds.Contains(l.UnitId)).ToListAsync(ct))
            .GroupBy(l => (l.UnitId, l.Track)).ToDictionary(g => g.Key, g => g.MaxBy(l => l.Id)!.Limit);
        return new(units, await db.Entries.AsNoTracking().Where(x => x.CompetitionId == competitionId).ToListAsync(ct), lifts);
    }

    private static IReadOnlyList<ChecklistItem> BuildChecklist(Entry e, CaseDocument? doc, ChecklistContext ctx, IReadOnlySet<ChecklistKey> ticks, Films.FilmAsset? film = null) =>
        FormalChecklist.Build(new ChecklistInput(
            doc?.Kind, doc?.SizeBytes, doc?.WordCount, doc?.OriginalFileName, ctx.Units[e.UnitId].Name, e.Title,
            ctx.Entries.Count(x => x.UnitId == e.UnitId && x.Track == e.Track),
            ctx.Lifts.TryGetValue((e.UnitId, e.Track), out var lifted) ? lifted : CompetitionImporter.MaxEntriesPerUnit(e.Track),
            ctx.Entries.Where(x => x.Track != e.Track).Select(x => new OtherEntry(x.Code, x.Title, ChineseNames.Of(x.Track))).ToList(),
            ticks, film?.SizeBytes));

    /// <summary>
    /// Null when the entry may take a document now, else (404 or 409, the reason worded by <paramref name="texts"/> in the
    /// request's language). Checked before reading an upload.
    /// </summary>
    public async Task<(int Status, string Message)?> SubmitRefusalAsync(int entryId, SubmissionTexts texts, CancellationToken ct)
    {
        var e = await db.Entries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == entryId, ct);
        if (e is null) return (404, texts.NoEntry);
        var review = new FormalReview(entryId, await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct));
        return texts.SubmitRefusal(review, clock.GetUtcNow(), await DeadlineAsync(e.CompetitionId, ct)) is { } why ? (409, why) : null;
    }

    /// <summary>
    /// Stores a received file as the entry's next version with its Submit/Resubmit record, in one transaction
    /// (the rules are checked again inside it). The temporary file is moved or deleted, never left behind. Messages are
    /// worded by <paramref name="texts"/> in the request's language.
    /// </summary>
    public async Task<UploadOutcome> StoreAsync(int entryId, ReceivedFile file, string originalFileName, string actor, SubmissionTexts texts, CancellationToken ct)
    {
        string? kept = null;
        try
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var e = await db.Entries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == entryId, ct);
            if (e is null) return new(null, 404, texts.NoEntry);
            var review = new FormalReview(entryId, await db.Set<FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct));
            var version = (await db.Set<CaseDocument>().Where(d => d.EntryId == entryId).MaxAsync(d => (int?)d.Version, ct) ?? 0) + 1;
            var now = clock.GetUtcNow();
            var deadline = await DeadlineAsync(e.CompetitionId, ct);
            var step = review.Submit(version, actor, now, deadline);
            if (!step.Ok) return new(null, 409, texts.SubmitRefusal(review, now, deadline) ?? step.Refusal!);
            kept = store.Keep(file, entryId, version);
            var doc = new CaseDocument
            {
                EntryId = entryId, Version = version, OriginalFileName = CleanName(originalFileName), StoredName = kept,
                ContentType = DocumentSniffer.ContentType(file.Kind), Kind = file.Kind, SizeBytes = file.SizeBytes, Sha256 = file.Sha256,
                WordCount = file.WordCount, PreviewText = file.PreviewText, UploadedAt = now, UploadedBy = actor,
            };
            db.Add(doc);
            db.Add(step.Record!);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            kept = null;
            return new(doc, 200, texts.Stored(step.Record!.Action == FormalReviewAction.Resubmit));
        }
        finally
        {
            CaseStore.TryDelete(file.TempPath);
            if (kept is not null) CaseStore.TryDelete(Path.Combine(store.Root, kept));
        }
    }

    /// <summary>Longest file name kept (the <c>OriginalFileName</c> column), characters.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>
    /// Null when <paramref name="name"/> (without any folder) fits <see cref="MaxFileNameLength"/>, else the Chinese refusal:
    /// a longer name is refused, never cut and stored (issue 10, item 14; the naming rule reads the whole name).
    /// </summary>
    public static string? FileNameProblem(string? name)
    {
        var n = BareName(name);
        return n.Length > MaxFileNameLength ? $"文件名过长（{n.Length} 个字符，最多 {MaxFileNameLength} 个），请改短文件名（“单位名称+作品名称”）后重新上传。" : null;
    }

    /// <summary>The file name without any folder (trimmed; not shortened).</summary>
    public static string BareName(string? name)
    {
        var n = (name ?? "").Replace('\\', '/');
        return n[(n.LastIndexOf('/') + 1)..].Trim();
    }

    /// <summary>The file name without any folder, at most 255 characters (longer ones are refused first: <see cref="FileNameProblem"/>); "未命名" when blank.</summary>
    public static string CleanName(string? name)
    {
        var n = (name ?? "").Replace('\\', '/');
        n = n[(n.LastIndexOf('/') + 1)..].Trim();
        if (n.Length > 255) n = n[^255..];
        return n.Length == 0 ? "未命名" : n;
    }

    /// <summary>Accepts the entry (see <see cref="FormalReview.Accept"/>); returns the step (its refusal in Chinese).</summary>
    public Task<ReviewStep> AcceptAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? overrideReason, string actor, CancellationToken ct) =>
        ReviewAsync(entryId, ticks, (r, list, now) => r.Accept(list, overrideReason, actor, now), ct);

    /// <summary>Returns the entry for revision with reasons (see <see cref="FormalReview.Return"/>).</summary>
    public Task<ReviewStep> ReturnAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? reasons, string actor, CancellationToken ct) =>
        ReviewAsync(entryId, ticks, (r, list, now) => r.Return(reasons, list, actor, now), ct);

    /// <summary>
    /// The domain's refusal (<see cref="FormalReview"/>, zh-CN) in the request's language: the fixed sentences are keys of
    /// this service's resources; the failing-items one is written again from the checklist's labels.
    /// </summary>
    private string Refusal(string zh, IReadOnlyList<ChecklistItem> checklist)
    {
        if (zh.StartsWith("以下检查项未通过：", StringComparison.Ordinal))
            return L["以下检查项未通过：{0}。请退回修改，或填写破例通过的理由。",
                string.Join(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "、" : ", ", checklist.Where(i => !i.Passed).Select(i => L[i.Label].Value))];
        return zh switch
        {
            "退回修改必须填写理由，参赛单位会看到这些理由。" => L["退回修改必须填写理由，参赛单位会看到这些理由。"],
            "参赛单位尚未提交文档，无法审查。" => L["参赛单位尚未提交文档，无法审查。"],
            "作品已退回修改，正在等待参赛单位重新提交。" => L["作品已退回修改，正在等待参赛单位重新提交。"],
            "作品已通过形式审查。" => L["作品已通过形式审查。"],
            _ => zh,
        };
    }

    private async Task<ReviewStep> ReviewAsync(int entryId, IReadOnlySet<ChecklistKey> ticks,
        Func<FormalReview, IReadOnlyList<ChecklistItem>, DateTimeOffset, ReviewStep> act, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var detail = await DetailAsync(entryId, ticks, ct);
        if (detail is null) return new ReviewStep(null, L["作品不存在。"]);
        var step = act(detail.Review, detail.Checklist, clock.GetUtcNow());
        if (!step.Ok) return new ReviewStep(null, Refusal(step.Refusal!, detail.Checklist));
        db.Add(step.Record!);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return step;
    }
}

/// <summary>One line of the printed link sheet: entry number, title, unit and the link's secret token.</summary>
public sealed record SubmissionLinkLine(string Code, string Title, string Unit, string Token);
