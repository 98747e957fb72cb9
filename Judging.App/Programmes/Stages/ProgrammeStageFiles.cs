namespace Judging.App.Programmes.Stages;

using System.Globalization;
using Judging.App.Cases;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>The outcome of storing a stage file: 200 with the row, or 400/413 with the refusal (nothing kept).</summary>
public sealed record StageFileUpload(int Status, ProgrammeStageFile? File, Wording? Refusal);

/// <summary>
/// The files recorded at the stages after intake (issue 16: a site visit's photos or documents, a credit record, an
/// objection's evidence, the applicant's reply), stored under the data folder's <c>programme-stages/{applicationId}/</c>:
/// PDF, Word (.docx), JPG or PNG recognised by content, at most <see cref="MaxBytes"/> bytes each, append-only, audited.
/// Read back only by organisers (<c>GET /organiser/programme-stage-files/{id}</c>); an objector's evidence is never public.
/// </summary>
public sealed class ProgrammeStageFiles(JudgingDb db, CaseStore cases, TimeProvider clock)
{
    /// <summary><see cref="ProgrammeStageFile.Kind"/> of a site visit's photo or document.</summary>
    public const string SiteVisitKind = "现场验证";

    /// <summary><see cref="ProgrammeStageFile.Kind"/> of a credit check's record.</summary>
    public const string CreditKind = "信用查询";

    /// <summary><see cref="ProgrammeStageFile.Kind"/> of an objector's evidence.</summary>
    public const string EvidenceKind = "异议证据";

    /// <summary><see cref="ProgrammeStageFile.Kind"/> of the applicant's reply to an objection.</summary>
    public const string ReplyKind = "申报方答复";

    /// <summary>Largest file: 20 MiB (as the application materials).</summary>
    public const long MaxBytes = MaterialRules.MaxBytes;

    /// <summary>The folder the files live in.</summary>
    public string Root => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cases.Root))!, "programme-stages");

    /// <summary>
    /// Stores <paramref name="content"/> (named <paramref name="fileName"/> by the uploader) as a file of <paramref name="kind"/>
    /// for record <paramref name="ownerId"/> of application <paramref name="applicationId"/>, uploaded by
    /// <paramref name="actor"/>. Streamed once to a temporary file, hashed, its format read from its first bytes; nothing is kept
    /// when refused (400: not PDF/.docx/JPG/PNG or empty; 413: over <see cref="MaxBytes"/>). Audited as 上传阶段材料 unless
    /// <paramref name="audit"/> is false (the caller audits it with its own record in the same save).
    /// </summary>
    public async Task<StageFileUpload> StoreAsync(int applicationId, string kind, long ownerId, string fileName, Stream content, string actor,
        CancellationToken ct, bool audit = true)
    {
        var folder = Path.Combine(Root, applicationId.ToString(CultureInfo.InvariantCulture));
        var received = await MaterialReceiver.ReceiveAsync(content, folder, MaxBytes, ct);
        if (received is null) return new(413, null, MaterialRules.Refusal(MaterialKind.Extra, null, MaxBytes + 1));
        try
        {
            if (MaterialRules.Refusal(MaterialKind.Extra, received.Format, received.SizeBytes) is { } bad) return new(400, null, bad);
            var format = received.Format!.Value;
            var stored = Path.Combine(applicationId.ToString(CultureInfo.InvariantCulture), $"{Guid.NewGuid():N}{MaterialRules.Extension(format)}");
            File.Move(received.TempPath, Path.Combine(Root, stored));
            var now = clock.GetUtcNow();
            var row = new ProgrammeStageFile
            {
                ApplicationId = applicationId, Kind = kind, OwnerId = ownerId, FileName = CaseIntakeService.CleanName(fileName),
                Format = MaterialRules.Extension(format)[1..], SizeBytes = received.SizeBytes, Sha256 = received.Sha256, StoredName = stored,
                UploadedAt = now, UploadedBy = actor,
            };
            db.Add(row);
            if (audit)
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now, Actor = actor, Action = "上传阶段材料", Subject = $"{kind} #{ownerId}",
                    After = $"{row.FileName} {received.SizeBytes} B sha256 {received.Sha256}",
                });
            try { await db.SaveChangesAsync(ct); }
            catch { CaseStore.TryDelete(Path.Combine(Root, stored)); throw; }
            return new(200, row, null);
        }
        finally { CaseStore.TryDelete(received.TempPath); }
    }

    /// <summary>The files of <paramref name="kind"/> for the records <paramref name="ownerIds"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ProgrammeStageFile>> ListAsync(string kind, IReadOnlyCollection<long> ownerIds, CancellationToken ct) =>
        await db.Set<ProgrammeStageFile>().AsNoTracking().Where(f => f.Kind == kind && ownerIds.Contains(f.OwnerId)).OrderBy(f => f.Id).ToListAsync(ct);

    /// <summary>File <paramref name="fileId"/>'s path, content type and name as uploaded, or null when unknown. Organisers only
    /// (the endpoint requires the role).</summary>
    public async Task<(string Path, string ContentType, string DownloadName)?> ReadAsync(long fileId, CancellationToken ct)
    {
        var f = await db.Set<ProgrammeStageFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId, ct);
        if (f is null) return null;
        var format = f.Format switch { "pdf" => MaterialFormat.Pdf, "jpg" => MaterialFormat.Jpeg, "png" => MaterialFormat.Png, _ => MaterialFormat.Docx };
        return (Path.Combine(Root, f.StoredName), MaterialRules.ContentType(format), f.FileName);
    }
}
