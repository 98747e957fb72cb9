namespace Judging.App.Recommendations;

using System.Security.Cryptography;
using System.Text.Json;
using Judging.App.Accounts;
using Judging.App.Cases;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Recommendations;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>A file a unit uploaded beside an entry, as the recommender's page links it (<c>/unit-materials/{Id}</c>).</summary>
/// <param name="Id">The <see cref="UnitMaterial"/> id.</param>
/// <param name="Kind">What it is.</param>
/// <param name="FileName">As uploaded.</param>
/// <param name="SizeBytes">Bytes.</param>
public sealed record MaterialLink(long Id, MaterialKind Kind, string FileName, long SizeBytes);

/// <summary>One entry on the recommender's page (issue 15, "Recommenders").</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">作品编号.</param>
/// <param name="UnitName">申报单位名称（全称）.</param>
/// <param name="Title">参赛作品名称.</param>
/// <param name="Track">作品类型.</param>
/// <param name="Declaration">The unit's declaration (附件2 (二)), or null for an entry imported from CSV.</param>
/// <param name="Materials">The unit's uploads for this entry and the unit's own (logo, profile), newest first.</param>
/// <param name="HasCaseDocument">True when a case document is stored (<c>/cases/{EntryId}/file</c>).</param>
/// <param name="Recommend">推荐 (true) / 不推荐 (false), or null when not yet given.</param>
/// <param name="Text">推荐意见's text as typed.</param>
/// <param name="Position">排序, 1-based over all the recommender's entries.</param>
public sealed record DeskEntry(int EntryId, string Code, string UnitName, string Title, Track Track, EntryDeclaration? Declaration,
    IReadOnlyList<MaterialLink> Materials, bool HasCaseDocument, bool? Recommend, string? Text, int Position);

/// <summary>The recommender's page: its entries in order, its submission and the due date.</summary>
/// <param name="RecommenderId">The recommender.</param>
/// <param name="Name">推荐单位名称.</param>
/// <param name="Kind">区市场监管局 or 产业集团.</param>
/// <param name="CompetitionName">大赛.</param>
/// <param name="Entries">Submitted entries whose unit chose this recommender, by 排序.</param>
/// <param name="Submission">The latest submission, or null.</param>
/// <param name="Due">推荐提交截止 (UTC).</param>
/// <param name="Late">The deadline's refusal when it has passed, else null.</param>
/// <param name="Reopened">While no submission stands: the organiser's latest reopening (when, why), else null.</param>
public sealed record RecommenderDesk(int RecommenderId, string Name, string Kind, string CompetitionName, IReadOnlyList<DeskEntry> Entries,
    RecommendationSubmission? Submission, DateTimeOffset Due, Wording? Late, RecommendationSubmission? Reopened = null);

/// <summary>One line of the submitted catalogue (<see cref="RecommendationSubmission.CatalogueJson"/>, 附件3 一、推荐目录).</summary>
/// <param name="Position">排序.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">作品编号.</param>
/// <param name="Unit">申报单位名称（全称）.</param>
/// <param name="Title">参赛作品名称.</param>
/// <param name="Track">作品类型 as its name ("Speech").</param>
/// <param name="TrackName">作品类型 in Chinese (演讲 / 微电影 / 创新案例).</param>
/// <param name="Recommend">推荐 (true) / 不推荐 (false).</param>
/// <param name="Opinion">推荐意见's text.</param>
public sealed record CatalogueRow(int Position, int EntryId, string Code, string Unit, string Title, string Track, string TrackName, bool Recommend, string Opinion);

/// <summary>Whether a recommender has an account (专属账号).</summary>
public enum AccountState
{
    /// <summary>No link issued and no account.</summary>
    None,
    /// <summary>A sign-in link is issued and not yet used.</summary>
    LinkIssued,
    /// <summary>An account exists (a link was used).</summary>
    Active,
}

/// <summary>One recommender on the organiser's list (<c>/organiser/recommenders/{id}</c>, <c>GET /api/competitions/{id}/recommenders</c>).</summary>
/// <param name="RecommenderId">The recommender.</param>
/// <param name="Name">推荐单位名称.</param>
/// <param name="Kind">区市场监管局 or 产业集团.</param>
/// <param name="Account">Its account's state.</param>
/// <param name="UserNames">The accounts' user names joined by "、" ("" for none).</param>
/// <param name="Entries">Submitted entries whose unit chose it.</param>
/// <param name="Opinions">Of those, how many have 推荐 / 不推荐.</param>
/// <param name="SubmittedAt">When it submitted (UTC), or null.</param>
/// <param name="HasScan">True when the stamped scan is uploaded.</param>
public sealed record RecommenderRow(int RecommenderId, string Name, string Kind, AccountState Account, string UserNames, int Entries, int Opinions,
    DateTimeOffset? SubmittedAt, bool HasScan)
{
    /// <summary>完成: submitted with its stamped scan.</summary>
    public bool Complete => SubmittedAt is not null && HasScan;
}

/// <summary>
/// The recommenders' side of issue 15 ("Recommenders (推荐单位)"; seed 000 附件1 (四), 附件3): the entries that chose a recommender,
/// its opinions (推荐意见) and order (排序), the submission with the filler's fields, and the stamped scan; and the organiser's
/// list of recommenders. Every method taking a recommender id acts on that recommender's entries only (an entry whose unit
/// chose another recommender is "not found"): callers pass the signed-in recommender's id (<see cref="Roles.RecommenderIdClaim"/>),
/// never one from the request. Scoped.
/// </summary>
public sealed class RecommendationService(JudgingDb db, TimeProvider clock, RegistrationService registration, DatabaseSettings storage)
{
    /// <summary>JSON of the stored catalogue: web names, Chinese kept readable (not \u-escaped).</summary>
    private static readonly JsonSerializerOptions CatalogueOptions = new(JsonSerializerOptions.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Largest stamped scan, in bytes (<see cref="RecommendationRules.MaxScanBytes"/>, 20 MiB).</summary>
    public const long MaxScanBytes = RecommendationRules.MaxScanBytes;

    /// <summary>The folder of the stamped scans: <c>{Judging:Storage:Path}/recommendations</c> (created if missing).</summary>
    public string ScanFolder
    {
        get
        {
            var path = Path.Combine(storage.StoragePath, "recommendations");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The recommender's submitted entries (an <see cref="Entry"/> of a unit that chose it), untracked.</summary>
    private IQueryable<Entry> EntriesOf(int recommenderId) =>
        from e in db.Entries.AsNoTracking()
        join u in db.Units on e.UnitId equals u.Id
        where u.RecommenderId == recommenderId
        select e;

    /// <summary>The recommender's page, or null when there is no such recommender.</summary>
    public async Task<RecommenderDesk?> DeskAsync(int recommenderId, CancellationToken ct)
    {
        var rec = await db.Recommenders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommenderId, ct);
        if (rec is null) return null;
        var comp = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == rec.CompetitionId, ct);
        var entries = await (from e in EntriesOf(recommenderId)
                             join u in db.Units on e.UnitId equals u.Id
                             select new { Entry = e, UnitName = u.Name }).ToListAsync(ct);
        var ids = entries.Select(e => e.Entry.Id).ToList();
        var unitIds = entries.Select(e => e.Entry.UnitId).Distinct().ToList();
        var decls = await db.Set<EntryDeclaration>().AsNoTracking().Where(d => d.EntryId != null && ids.Contains(d.EntryId.Value)).ToDictionaryAsync(d => d.EntryId!.Value, ct);
        var materials = (await db.Set<UnitMaterial>().AsNoTracking().Where(m => unitIds.Contains(m.UnitId)).OrderByDescending(m => m.Id).ToListAsync(ct));
        var cases = (await db.Set<CaseDocument>().AsNoTracking().Where(c => ids.Contains(c.EntryId)).Select(c => c.EntryId).Distinct().ToListAsync(ct)).ToHashSet();
        var opinions = await db.Set<RecommendationOpinion>().AsNoTracking().Where(o => o.RecommenderId == recommenderId).ToDictionaryAsync(o => o.EntryId, ct);
        var order = RecommendationRules.Order(entries.Select(e => (e.Entry.Id, e.Entry.Track, e.Entry.Code, opinions.TryGetValue(e.Entry.Id, out var o) ? (int?)o.Position : null)));
        var byId = entries.ToDictionary(e => e.Entry.Id);
        var lines = order.Select((id, i) =>
        {
            var x = byId[id];
            var op = opinions.GetValueOrDefault(id);
            var mats = materials.Where(m => m.EntryId == id || (m.EntryId == null && m.UnitId == x.Entry.UnitId))
                .Select(m => new MaterialLink(m.Id, m.Kind, m.OriginalFileName, m.SizeBytes)).ToList();
            return new DeskEntry(id, x.Entry.Code, x.UnitName, x.Entry.Title, x.Entry.Track, decls.GetValueOrDefault(id), mats, cases.Contains(id),
                op?.Recommend, op?.Text, i + 1);
        }).ToList();
        var submission = await LatestSubmissionAsync(recommenderId, ct);
        var calendar = await registration.CalendarAsync(rec.CompetitionId, ct);
        return new RecommenderDesk(rec.Id, rec.Name, rec.Kind, comp.Name, lines, submission, calendar.RecommendationDue, calendar.RecommendationRefusal(clock.GetUtcNow()),
            submission is null ? await ReopenedAsync(recommenderId, ct) : null);
    }

    /// <summary>The recommender's standing submission (the latest one the organiser has not reopened), or null.</summary>
    public Task<RecommendationSubmission?> LatestSubmissionAsync(int recommenderId, CancellationToken ct) =>
        db.Set<RecommendationSubmission>().AsNoTracking().Where(s => s.RecommenderId == recommenderId && s.ReopenedAt == null).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Reopens the recommender's standing submission (退回重新提交) so it can change opinions and order and submit again, e.g.
    /// when an entry was ranked by mistake. The submission is kept, marked reopened with who, when and why, audited; the
    /// recommender's page shows the reason. The due date still applies (the organiser moves 推荐提交截止 on the intake calendar
    /// to allow a late correction). 200; 400 without a reason (≤ 500 characters, the reason dialog's bound); 404 no such recommender; 409 nothing
    /// submitted to reopen.
    /// </summary>
    public async Task<RegistrationOutcome<int>> ReopenAsync(int recommenderId, string? reason, string actor, CancellationToken ct)
    {
        var rec = await db.Recommenders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommenderId, ct);
        if (rec is null) return new(0, 404, Wording.Of("没有这个推荐单位"), []);
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > 500) return new(0, 400, null, [new FieldProblem("reason", Wording.Of("请填写退回原因（最多 500 个字）"))]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(recommenderId, ct);
        var s = await db.Set<RecommendationSubmission>().Where(x => x.RecommenderId == recommenderId && x.ReopenedAt == null).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (s is null) return new(0, 409, Wording.Of("“{0}”尚未提交推荐，无需退回", rec.Name), []);
        var now = clock.GetUtcNow();
        s.ReopenedAt = now;
        s.ReopenedBy = actor;
        s.ReopenReason = why;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "退回推荐重新提交", Subject = rec.Name,
            Before = $"已于 {ShanghaiTime.Display(s.SubmittedAt)} 提交（{s.SubmittedBy}）{(s.StampedScanName is null ? "" : "，含盖章扫描件")}", After = why,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(s.Id, 200, null, []);
    }

    /// <summary>The latest reopening of the recommender's submissions while none stands (its time and reason, for its page), or null.</summary>
    public async Task<RecommendationSubmission?> ReopenedAsync(int recommenderId, CancellationToken ct)
    {
        var latest = await db.Set<RecommendationSubmission>().AsNoTracking().Where(s => s.RecommenderId == recommenderId).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        return latest?.ReopenedAt is null ? null : latest;
    }

    /// <summary>Why the recommender cannot change its opinions or order now (submitted, or past the due date), or null.</summary>
    private async Task<(int Status, Wording Refusal)?> ClosedAsync(int recommenderId, CancellationToken ct)
    {
        if (await LatestSubmissionAsync(recommenderId, ct) is { } s)
            return (409, Wording.Of("推荐已于 {0}（北京时间）提交，不能再修改", ShanghaiTime.Display(s.SubmittedAt)));
        var competitionId = await db.Recommenders.AsNoTracking().Where(r => r.Id == recommenderId).Select(r => r.CompetitionId).FirstOrDefaultAsync(ct);
        if ((await registration.CalendarAsync(competitionId, ct)).RecommendationRefusal(clock.GetUtcNow()) is { } late) return (409, late);
        return null;
    }

    /// <summary>
    /// Saves 推荐 / 不推荐 and the text of one entry as typed (<see cref="RecommendationOpinion"/> upsert; the entry keeps its place
    /// in the order). 200; 404 when the entry is not this recommender's; 400 when the text is over
    /// <see cref="RecommendationRules.MaxOpinionChars"/>; 409 once submitted or after the due date.
    /// </summary>
    public async Task<RegistrationOutcome<int>> SaveOpinionAsync(int recommenderId, int entryId, bool? recommend, string? text, string actor, CancellationToken ct)
    {
        if (!await EntriesOf(recommenderId).AnyAsync(e => e.Id == entryId, ct)) return new(0, 404, Wording.Of("没有这个作品，或它不属于本推荐单位"), []);
        if (text is { Length: > RecommendationRules.MaxOpinionChars })
            return new(0, 400, null, [new FieldProblem("text", Wording.Of("推荐意见最多 {0} 个字", RecommendationRules.MaxOpinionChars))]);
        if (await ClosedAsync(recommenderId, ct) is { } closed) return new(0, closed.Status, closed.Refusal, []);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(recommenderId, ct);
        var rows = await EnsureRowsAsync(recommenderId, ct);
        var row = rows.First(r => r.EntryId == entryId);
        row.Recommend = recommend;
        row.Text = string.IsNullOrWhiteSpace(text) ? null : text;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(entryId, 200, null, []);
    }

    /// <summary>
    /// Sets the order (排序): <paramref name="entryIds"/> first to last, each of the recommender's entries exactly once (kept
    /// grouped by track). Positions become 1..n. 200; 400 when the list is not exactly its entries; 409 once submitted or late.
    /// </summary>
    public async Task<RegistrationOutcome<IReadOnlyList<int>>> ReorderAsync(int recommenderId, IReadOnlyList<int> entryIds, string actor, CancellationToken ct)
    {
        if (await ClosedAsync(recommenderId, ct) is { } closed) return new(null, closed.Status, closed.Refusal, []);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(recommenderId, ct);
        var entries = await EntriesOf(recommenderId).Select(e => new { e.Id, e.Track }).ToListAsync(ct);
        if (RecommendationRules.Reorder(entryIds, entries.Select(e => (e.Id, e.Track)).ToList()) is not { } order)
            return new(null, 400, Wording.Of("排序须恰好包含本单位的每个作品各一次，请刷新页面后重试"), []);
        var rows = await EnsureRowsAsync(recommenderId, ct);
        var now = clock.GetUtcNow();
        for (var i = 0; i < order.Count; i++)
        {
            var row = rows.First(r => r.EntryId == order[i]);
            if (row.Position == i + 1) continue;
            row.Position = i + 1;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(order, 200, null, []);
    }

    /// <summary>
    /// Every current entry of the recommender with its opinion row (missing rows added with no opinion), positions renumbered
    /// 1..n in <see cref="RecommendationRules.Order"/>; tracked, not yet saved.
    /// </summary>
    private async Task<List<RecommendationOpinion>> EnsureRowsAsync(int recommenderId, CancellationToken ct)
    {
        var entries = await EntriesOf(recommenderId).Select(e => new { e.Id, e.Track, e.Code }).ToListAsync(ct);
        var rows = await db.Set<RecommendationOpinion>().Where(o => o.RecommenderId == recommenderId).ToListAsync(ct);
        var byEntry = rows.ToDictionary(r => r.EntryId);
        var order = RecommendationRules.Order(entries.Select(e => (e.Id, e.Track, e.Code, byEntry.TryGetValue(e.Id, out var r) ? (int?)r.Position : null)));
        var now = clock.GetUtcNow();
        for (var i = 0; i < order.Count; i++)
        {
            if (!byEntry.TryGetValue(order[i], out var row))
            {
                row = new RecommendationOpinion { RecommenderId = recommenderId, EntryId = order[i], Position = i + 1, UpdatedAt = now };
                db.Add(row);
                rows.Add(row);
                byEntry[order[i]] = row;
            }
            row.Position = i + 1;
        }
        return rows;
    }

    /// <summary>Serialises one recommender's writes (PostgreSQL: an advisory lock in the transaction; SQLite serialises writes already).</summary>
    private async Task LockAsync(int recommenderId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(16, {recommenderId})", ct);
    }

    /// <summary>
    /// Submits the recommendation (提交推荐, by the due date, seed 000 附件1 (四)3): 409 after the due date
    /// (<see cref="IntakeCalendar.RecommendationRefusal"/>), when already submitted, or while an entry has no 推荐 / 不推荐; 400 with
    /// the filler's field problems. Stores a <see cref="RecommendationSubmission"/> with the catalogue as it is now
    /// (<see cref="CatalogueRow"/>s as JSON), audited. Returns the submission's id.
    /// </summary>
    public async Task<RegistrationOutcome<int>> SubmitAsync(int recommenderId, FillerForm filler, string actor, CancellationToken ct)
    {
        var rec = await db.Recommenders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommenderId, ct);
        if (rec is null) return new(0, 404, Wording.Of("没有这个推荐单位"), []);
        var now = clock.GetUtcNow();
        if ((await registration.CalendarAsync(rec.CompetitionId, ct)).RecommendationRefusal(now) is { } late) return new(0, 409, late, []);
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(now).DateTime);
        var problems = RecommendationRules.CheckFiller(filler, today);
        if (problems.Count > 0) return new(0, 400, null, problems);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(recommenderId, ct);
        if (await LatestSubmissionAsync(recommenderId, ct) is { } done)
            return new(done.Id, 409, Wording.Of("推荐已于 {0}（北京时间）提交，不能再修改", ShanghaiTime.Display(done.SubmittedAt)), []);
        var desk = (await DeskAsync(recommenderId, ct))!;
        if (RecommendationRules.MissingOpinion(desk.Entries.Select(e => (e.Code, e.Title, e.Recommend)).ToList()) is { } missing) return new(0, 409, missing, []);
        // The stored positions are made 1..n as shown, so the table printed later matches what was submitted.
        await EnsureRowsAsync(recommenderId, ct);
        var catalogue = desk.Entries.Select(e => new CatalogueRow(e.Position, e.EntryId, e.Code, e.UnitName, e.Title, e.Track.ToString(), ChineseNames.Of(e.Track),
            e.Recommend!.Value, e.Text ?? "")).ToList();
        static string T(string? s) => s!.Trim();
        var submission = new RecommendationSubmission
        {
            RecommenderId = recommenderId, FillerName = T(filler.Name), FillerDept = T(filler.Dept), FillerPost = T(filler.Post), FillerPhone = T(filler.Phone),
            FillerEmail = T(filler.Email), FilledOn = filler.FilledOn ?? today, CatalogueJson = JsonSerializer.Serialize(catalogue, CatalogueOptions),
            SubmittedAt = now, SubmittedBy = actor,
        };
        db.Add(submission);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "提交推荐", Subject = rec.Name,
            After = $"{catalogue.Count} 个作品（推荐 {catalogue.Count(c => c.Recommend)} 个）；填表人 {submission.FillerName}（{submission.FillerDept} {submission.FillerPost}）",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(submission.Id, 200, null, []);
    }

    /// <summary>The catalogue of <paramref name="submission"/> as submitted.</summary>
    public static IReadOnlyList<CatalogueRow> CatalogueOf(RecommendationSubmission submission) =>
        JsonSerializer.Deserialize<List<CatalogueRow>>(submission.CatalogueJson, CatalogueOptions) ?? [];

    /// <summary>
    /// What the 附件3 PDF prints for the recommender: the submitted catalogue and filler once submitted, else the current
    /// opinions and order with the filler blank (a preview). Null when there is no such recommender.
    /// </summary>
    public async Task<RecommendationTableInput?> TableAsync(int recommenderId, CancellationToken ct)
    {
        var desk = await DeskAsync(recommenderId, ct);
        if (desk is null) return null;
        var s = desk.Submission;
        var rows = s is not null
            ? CatalogueOf(s).Select(c => new RecommendationTableLine(c.Position, c.Unit, c.Title, Enum.Parse<Track>(c.Track), c.Recommend, c.Opinion)).ToList()
            : desk.Entries.Select(e => new RecommendationTableLine(e.Position, e.UnitName, e.Title, e.Track, e.Recommend, e.Text ?? "")).ToList();
        return new RecommendationTableInput(desk.CompetitionName, desk.Name, rows, s?.FillerName, s?.FillerDept, s?.FillerPost, s?.FillerPhone, s?.FillerEmail,
            s?.FilledOn, clock.GetUtcNow(), s is not null);
    }

    /// <summary>
    /// Stores the stamped scan of the recommender's submitted table (PDF, JPEG or PNG by content, at most
    /// <see cref="MaxScanBytes"/>) under <see cref="ScanFolder"/> and records it on the latest submission (a new upload replaces
    /// the record; the old file stays), audited. 200; 409 before submitting; 413 too large; 415 not a PDF, JPEG or PNG.
    /// </summary>
    public async Task<RegistrationOutcome<string>> SaveScanAsync(int recommenderId, Stream content, string actor, CancellationToken ct)
    {
        var submission = await db.Set<RecommendationSubmission>().Where(s => s.RecommenderId == recommenderId && s.ReopenedAt == null).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (submission is null) return new(null, 409, Wording.Of("请先提交推荐，再上传盖章扫描件"), []);
        var folder = ScanFolder;
        var received = await MaterialReceiver.ReceiveAsync(content, folder, MaxScanBytes, ct);
        if (received is null) return new(null, 413, Wording.Of("文件超过 {0} MB 的上限，请压缩后重新上传", MaxScanBytes / 1024 / 1024), []);
        try
        {
            var (size, hash) = (received.SizeBytes, received.Sha256);
            if (size == 0) return new(null, 415, Wording.Of("没有收到文件，请选择盖章后的推荐表扫描件"), []);
            if (received.Format is not { } k || !RecommendationRules.ScanFormats.Contains(k))
                return new(null, 415, Wording.Of("文件内容不是 PDF、JPG 或 PNG（仅按内容判断，改扩展名无效），请上传盖章推荐表的扫描件"), []);
            var extension = MaterialRules.Extension(k);
            var name = $"{recommenderId}-{submission.Id}-{hash[..12]}{extension}";
            File.Move(received.TempPath, Path.Combine(folder, name), overwrite: true);
            var now = clock.GetUtcNow();
            submission.StampedScanName = Path.Combine("recommendations", name).Replace('\\', '/');
            submission.StampedScanSha256 = hash;
            submission.StampedScanAt = now;
            var recName = await db.Recommenders.AsNoTracking().Where(r => r.Id == recommenderId).Select(r => r.Name).FirstAsync(ct);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = "上传推荐表盖章扫描件", Subject = recName, After = $"{extension[1..].ToUpperInvariant()}，{size:N0} 字节，SHA-256 {hash}",
            });
            await db.SaveChangesAsync(ct);
            return new(hash, 200, null, []);
        }
        finally
        {
            CaseStore.TryDelete(received.TempPath);
        }
    }

    /// <summary>The stored scan of the recommender's latest submission: full path, content type and a download name; or null.</summary>
    public async Task<(string Path, string ContentType, string FileName)?> ScanFileAsync(int recommenderId, CancellationToken ct)
    {
        var s = await LatestSubmissionAsync(recommenderId, ct);
        if (s?.StampedScanName is not { } stored) return null;
        var path = Path.Combine(storage.StoragePath, stored);
        if (!File.Exists(path)) return null;
        var name = await db.Recommenders.AsNoTracking().Where(r => r.Id == recommenderId).Select(r => r.Name).FirstAsync(ct);
        var ext = Path.GetExtension(stored);
        var contentType = ext switch { ".pdf" => MaterialFormat.Pdf, ".jpg" => MaterialFormat.Jpeg, _ => MaterialFormat.Png };
        return (path, MaterialRules.ContentType(contentType), $"{name}+参赛作品推荐表（盖章）{ext}");
    }

    /// <summary>Every recommender of <paramref name="competitionId"/> with its account, progress and completeness, by kind then name.</summary>
    public async Task<IReadOnlyList<RecommenderRow>> OverviewAsync(int competitionId, CancellationToken ct)
    {
        var recs = await db.Recommenders.AsNoTracking().Where(r => r.CompetitionId == competitionId).OrderBy(r => r.Kind).ThenBy(r => r.Name).ToListAsync(ct);
        var ids = recs.Select(r => r.Id).ToList();
        var users = (await db.Users.AsNoTracking().Where(u => u.Role == Roles.Recommender && u.RecommenderId != null && ids.Contains(u.RecommenderId.Value))
            .Select(u => new { u.RecommenderId, u.UserName }).ToListAsync(ct)).ToLookup(u => u.RecommenderId!.Value, u => u.UserName);
        var open = (await db.Set<RecommenderInvite>().AsNoTracking().Where(i => ids.Contains(i.RecommenderId) && i.UsedAt == null).Select(i => i.RecommenderId).ToListAsync(ct)).ToHashSet();
        var entries = (await (from e in db.Entries.AsNoTracking()
                              join u in db.Units on e.UnitId equals u.Id
                              where ids.Contains(u.RecommenderId)
                              select new { e.Id, u.RecommenderId }).ToListAsync(ct));
        var given = (await db.Set<RecommendationOpinion>().AsNoTracking().Where(o => ids.Contains(o.RecommenderId) && o.Recommend != null)
            .Select(o => new { o.RecommenderId, o.EntryId }).ToListAsync(ct)).Select(o => (o.RecommenderId, o.EntryId)).ToHashSet();
        var submissions = (await db.Set<RecommendationSubmission>().AsNoTracking().Where(s => ids.Contains(s.RecommenderId) && s.ReopenedAt == null).ToListAsync(ct))
            .GroupBy(s => s.RecommenderId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Id)!);
        return recs.Select(r =>
        {
            var mine = entries.Where(e => e.RecommenderId == r.Id).ToList();
            var names = users[r.Id].Order(StringComparer.Ordinal).ToList();
            var state = names.Count > 0 ? AccountState.Active : open.Contains(r.Id) ? AccountState.LinkIssued : AccountState.None;
            var s = submissions.GetValueOrDefault(r.Id);
            return new RecommenderRow(r.Id, r.Name, r.Kind, state, string.Join("、", names), mine.Count, mine.Count(e => given.Contains((r.Id, e.Id))),
                s?.SubmittedAt, s?.StampedScanName is not null);
        }).ToList();
    }
}
