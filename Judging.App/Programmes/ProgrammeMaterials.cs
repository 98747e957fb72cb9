namespace Judging.App.Programmes;

using System.Security.Claims;
using Judging.App.Accounts;
using Judging.App.Cases;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>The newest upload of one checklist item, as the materials section lists it.</summary>
/// <param name="Id">The file's id (download: <c>/programme-materials/{id}</c>).</param>
/// <param name="MaterialCode">The checklist item (materials.csv 材料代码).</param>
/// <param name="FileName">The name as uploaded.</param>
/// <param name="SizeBytes">Bytes.</param>
/// <param name="UploadedAt">When (UTC).</param>
public sealed record ProgrammeMaterialLine(long Id, string MaterialCode, string FileName, long SizeBytes, DateTimeOffset UploadedAt);

/// <summary>The outcome of an upload: HTTP status (200, 400, 404, 409, 413), the stored row, the refusal.</summary>
/// <param name="Status">200 stored; 400 not an accepted file or not an uploaded item; 404 no such application of the caller or
/// no such item; 409 the application is no longer a draft or refused; 413 larger than <see cref="ProgrammeMaterials.MaxBytes"/>.</param>
/// <param name="File">The stored row, or null.</param>
/// <param name="Refusal">Why not, or null.</param>
public sealed record ProgrammeUpload(int Status, ProgrammeMaterialFile? File, Wording? Refusal);

/// <summary>
/// The files of the programmes' material checklists (issue 13, "Materials"; each programme's materials.csv): uploads of the
/// <see cref="MaterialSource.Upload"/> items and of the stamped scans of the <see cref="MaterialSource.GeneratedStamped"/>
/// forms, by the application's owner while it is a draft or refused. Each file is received by
/// <see cref="MaterialReceiver"/> (streamed, hashed, its format read from its content): PDF, JPG or PNG, and also Word (.docx)
/// for an evidence item (证实性材料), at most <see cref="MaxBytes"/> (20 MiB). Kept under <c>programme-materials/{applicationId}/</c>
/// beside the case documents' folder (as <see cref="UnitMaterials"/> keeps the units' files), append-only: a new upload of an
/// item is the one the checklist counts, the older file stays on record. Readers: the owner and the organisers. Scoped.
/// </summary>
public sealed class ProgrammeMaterials(JudgingDb db, CaseStore cases, ProgrammeService programmes, TimeProvider clock)
{
    /// <summary>Largest file: 20 MiB (the notice's and <see cref="MaterialRules.MaxBytes"/>).</summary>
    public const long MaxBytes = MaterialRules.MaxBytes;

    /// <summary>The folder of the programmes' material files: <c>programme-materials/</c> beside the case documents' folder.</summary>
    public string Root => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cases.Root))!, "programme-materials");

    /// <summary>True for an item uploaded by the applicant: <see cref="MaterialSource.Upload"/> and the stamped scan of a
    /// <see cref="MaterialSource.GeneratedStamped"/> form.</summary>
    public static bool Uploaded(MaterialItem item) => item.Source is MaterialSource.Upload or MaterialSource.GeneratedStamped;

    /// <summary>True for an item the app generates as a PDF (<see cref="MaterialSource.GeneratedStamped"/>, <see cref="MaterialSource.GeneratedFixed"/>).</summary>
    public static bool Generated(MaterialItem item) => item.Source is MaterialSource.GeneratedStamped or MaterialSource.GeneratedFixed;

    /// <summary>The formats <paramref name="item"/> takes: PDF, JPG, PNG; also Word (.docx) for an evidence item (its name
    /// begins 证实性材料: seed 001 "证实性材料（选择性提供）", seed 004 "证实性材料（创新性证明、…）").</summary>
    public static IReadOnlyList<MaterialFormat> Accepted(MaterialItem item) =>
        item.Name.StartsWith("证实性材料", StringComparison.Ordinal)
            ? [MaterialFormat.Pdf, MaterialFormat.Jpeg, MaterialFormat.Png, MaterialFormat.Docx]
            : [MaterialFormat.Pdf, MaterialFormat.Jpeg, MaterialFormat.Png];

    /// <summary>Null when a file of <paramref name="format"/> (null: not recognised by its content) and <paramref name="size"/>
    /// bytes may be uploaded for <paramref name="item"/>, else the Chinese refusal.</summary>
    public static Wording? Refusal(MaterialItem item, MaterialFormat? format, long size)
    {
        if (size <= 0) return Wording.Of("没有收到文件，请选择要上传的文件");
        if (size > MaxBytes) return Wording.Of("文件超过 {0} MB 的上限", MaxBytes / 1024 / 1024);
        if (format is { } f && Accepted(item).Contains(f)) return null;
        return Accepted(item).Contains(MaterialFormat.Docx)
            ? Wording.Of("“{0}”须为 PDF、JPG、PNG 或 Word（.docx）文件（按文件内容识别）", item.Name)
            : Wording.Of("“{0}”须为 PDF、JPG 或 PNG 文件（按文件内容识别）", item.Name);
    }

    /// <summary>The download name of a file: "编号 材料名称.ext" (e.g. "WS-0001 营业执照（原件扫描）.pdf"), unsafe characters as _.</summary>
    public static string DownloadName(string reference, string itemName, string extension)
    {
        var name = $"{reference} {itemName}{extension}";
        foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        return name;
    }

    /// <summary>The newest upload of each item of application <paramref name="applicationId"/>, by material code.</summary>
    public async Task<IReadOnlyDictionary<string, ProgrammeMaterialLine>> NewestAsync(int applicationId, CancellationToken ct)
    {
        var rows = await db.Set<ProgrammeMaterialFile>().AsNoTracking().Where(f => f.ApplicationId == applicationId)
            .OrderByDescending(f => f.Id).ToListAsync(ct);
        return rows.GroupBy(f => f.MaterialCode).ToDictionary(g => g.Key, g =>
        {
            var f = g.First();
            return new ProgrammeMaterialLine(f.Id, f.MaterialCode, f.FileName, f.SizeBytes, f.UploadedAt);
        });
    }

    /// <summary>
    /// Whether contact <paramref name="mobile"/> may upload item <paramref name="materialCode"/> of application
    /// <paramref name="applicationId"/> now: 200, or the refusal <see cref="StoreAsync"/> would give before reading any file
    /// (404 not the contact's application or no such item, 400 an item not uploaded, 409 no longer a draft or refused).
    /// </summary>
    public async Task<ProgrammeUpload> CheckTargetAsync(int applicationId, string materialCode, string mobile, CancellationToken ct) =>
        (await TargetAsync(applicationId, materialCode, mobile, ct)).Check;

    private async Task<(ProgrammeUpload Check, ProgrammeApplication A, Programme P, MaterialItem Item)> TargetAsync(int applicationId, string materialCode, string mobile, CancellationToken ct)
    {
        var a = mobile.Length == 0 ? null
            : await db.Set<ProgrammeApplication>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == applicationId && x.OwnerMobile == mobile, ct);
        if (a is null) return (new(404, null, Wording.Of("没有这份申报")), null!, null!, null!);
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        var item = ProgrammeService.DefinitionOf(p).Categories.Single(c => c.Code == a.CategoryCode).Materials.FirstOrDefault(m => m.Code == materialCode);
        if (item is null) return (new(404, null, Wording.Of("没有这项材料")), a, p, null!);
        if (!Uploaded(item)) return (new(400, null, Wording.Of("“{0}”无需上传", item.Name)), a, p, item);
        if (!ProgrammeService.Editable(a.Status))
            return (new(409, null, Wording.Of("已提交的申报不能再上传材料")), a, p, item);
        return (new(200, null, null), a, p, item);
    }

    /// <summary>
    /// Application <paramref name="applicationId"/>'s form (<see cref="ProgrammeService.FormAsync"/>) when <paramref name="user"/>
    /// may read it (an organiser, or the unit contact who owns it), else null; a withdrawn application is null too.
    /// </summary>
    public async Task<ApplicationForm?> ReadableFormAsync(int applicationId, ClaimsPrincipal user, CancellationToken ct)
    {
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null || a.Status == ProgrammeApplicationStatus.Withdrawn) return null;
        if (user.IsInRole(Roles.Organiser)) return await programmes.FormAsync(applicationId, null, ct);
        if (user.IsInRole(Roles.Unit) && a.OwnerMobile is { Length: > 0 } m && user.UnitMobile() == m) return await programmes.FormAsync(applicationId, m, ct);
        return null;
    }

    /// <summary>
    /// Stores <paramref name="content"/> (named <paramref name="fileName"/> by the uploader) as item <paramref name="materialCode"/>
    /// of application <paramref name="applicationId"/> owned by <paramref name="mobile"/>. Read once: streamed to a temporary file,
    /// hashed, its format read from its first bytes; nothing is kept when refused. Audited as 上传申报材料.
    /// </summary>
    public async Task<ProgrammeUpload> StoreAsync(int applicationId, string materialCode, string mobile, string fileName, Stream content, CancellationToken ct)
    {
        var (check, a, p, item) = await TargetAsync(applicationId, materialCode, mobile, ct);
        if (check.Status != 200) return check;
        var folder = Path.Combine(Root, applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var received = await MaterialReceiver.ReceiveAsync(content, folder, MaxBytes, ct);
        if (received is null) return new(413, null, Refusal(item, null, MaxBytes + 1));
        try
        {
            if (Refusal(item, received.Format, received.SizeBytes) is { } bad) return new(400, null, bad);
            var format = received.Format!.Value;
            var stored = Path.Combine(applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Guid.NewGuid():N}{MaterialRules.Extension(format)}");
            File.Move(received.TempPath, Path.Combine(Root, stored));
            var now = clock.GetUtcNow();
            var actor = RegistrationService.Actor(mobile);
            var row = new ProgrammeMaterialFile
            {
                ApplicationId = applicationId, MaterialCode = item.Code, FileName = CaseIntakeService.CleanName(fileName), Format = MaterialRules.Extension(format)[1..],
                SizeBytes = received.SizeBytes, Sha256 = received.Sha256, StoredName = stored, UploadedAt = now, UploadedBy = actor,
            };
            db.Add(row);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = "上传申报材料", Subject = $"{p.Name} {a.Reference} {a.Title}".Trim(),
                After = $"{item.Name} {row.FileName} {received.SizeBytes} B sha256 {received.Sha256}",
            });
            try { await db.SaveChangesAsync(ct); }
            catch { CaseStore.TryDelete(Path.Combine(Root, stored)); throw; }
            return new(200, row, null);
        }
        finally { CaseStore.TryDelete(received.TempPath); }
    }

    /// <summary>
    /// File <paramref name="fileId"/>'s path, content type and download name ("编号 材料名称.pdf") when <paramref name="user"/> may
    /// read it (an organiser, or the unit contact who owns the application), else null: unknown and forbidden look the same.
    /// </summary>
    public async Task<(string Path, string ContentType, string DownloadName)?> ReadableAsync(long fileId, ClaimsPrincipal user, CancellationToken ct)
    {
        var f = await db.Set<ProgrammeMaterialFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId, ct);
        if (f is null) return null;
        var a = await db.Set<ProgrammeApplication>().AsNoTracking().FirstAsync(x => x.Id == f.ApplicationId, ct);
        var owner = user.IsInRole(Roles.Unit) && a.OwnerMobile is { Length: > 0 } m && user.UnitMobile() == m;
        if (!user.IsInRole(Roles.Organiser) && !owner) return null;
        var p = await db.Set<Programme>().AsNoTracking().SingleAsync(x => x.Id == a.ProgrammeId, ct);
        var item = ProgrammeService.DefinitionOf(p).Categories.FirstOrDefault(c => c.Code == a.CategoryCode)?.Materials.FirstOrDefault(x => x.Code == f.MaterialCode);
        var format = f.Format switch { "pdf" => MaterialFormat.Pdf, "jpg" => MaterialFormat.Jpeg, "png" => MaterialFormat.Png, _ => MaterialFormat.Docx };
        return (Path.Combine(Root, f.StoredName), MaterialRules.ContentType(format), DownloadName(a.Reference, item?.Name ?? f.MaterialCode, MaterialRules.Extension(format)));
    }
}
