namespace Judging.App.Registration;

using System.Security.Claims;
using System.Security.Cryptography;
using Judging.App.Accounts;
using Judging.App.Cases;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>A material as a page lists it.</summary>
/// <param name="Id">UnitMaterial id (download: <c>/unit-materials/{id}</c>).</param>
/// <param name="Kind">What it is.</param>
/// <param name="EntryId">The entry, or null for the unit's own.</param>
/// <param name="DownloadName">"单位名称+作品名称（盖章申报表）.pdf".</param>
/// <param name="SizeBytes">Bytes.</param>
/// <param name="UploadedAt">UTC.</param>
public sealed record MaterialLine(long Id, MaterialKind Kind, int? EntryId, string DownloadName, long SizeBytes, DateTimeOffset UploadedAt);

/// <summary>A file received to a temporary path: its size, SHA-256 and format by content (null when none of <see cref="MaterialFormat"/>).</summary>
/// <param name="TempPath">The temporary file (the caller moves or deletes it).</param>
/// <param name="SizeBytes">Bytes.</param>
/// <param name="Sha256">Lower-case hex.</param>
/// <param name="Format">PDF, .docx (confirmed by <see cref="DocumentSniffer"/>), JPEG or PNG; null otherwise.</param>
public sealed record ReceivedMaterial(string TempPath, long SizeBytes, string Sha256, MaterialFormat? Format);

/// <summary>
/// Receives an uploaded material-like file (a unit's material, a recommender's stamped scan): streamed to a temporary file in
/// the destination folder (so the final move is a rename), hashed as it arrives, refused once over the cap, its format read
/// from its first bytes.
/// </summary>
public static class MaterialReceiver
{
    /// <summary>
    /// Streams <paramref name="content"/> to a new temporary file in <paramref name="folder"/> (created if missing). Null, with
    /// nothing left behind, when it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<ReceivedMaterial?> ReceiveAsync(Stream content, string folder, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".upload-{Guid.NewGuid():N}");
        var kept = false;
        try
        {
            long size = 0;
            var head = new byte[8];
            var headLength = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > maxBytes) return null;
                    if (headLength < head.Length) { var take = Math.Min(n, head.Length - headLength); Array.Copy(buffer, 0, head, headLength, take); headLength += take; }
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                await file.FlushAsync(ct);
            }
            var format = MaterialRules.FormatOf(head.AsSpan(0, headLength));
            if (format == MaterialFormat.Docx)
            {
                await using var check = File.OpenRead(temp);
                if (DocumentSniffer.Sniff(check).Kind != CaseFileKind.Docx) format = null;
            }
            kept = true;
            return new ReceivedMaterial(temp, size, Convert.ToHexStringLower(sha.GetHashAndReset()), format);
        }
        finally
        {
            if (!kept) CaseStore.TryDelete(temp);
        }
    }
}

/// <summary>
/// The files units upload beside their entries (issue 15, "Materials"; seed 000 附件1 (三)3): the stamped declaration (PDF)
/// per entry, the logo (JPG) and profile (Word) per unit, extras. Each is checked by content (<see cref="MaterialRules"/>),
/// kept under <c>{Judging:Storage:Path}/units/{unitId}/</c> (mode 600 by the process umask, <c>FilePermissions</c>), append-only (a new logo supersedes the old one, which
/// stays on record), and downloaded as "单位名称+作品名称" whatever it was called. Readers: the unit itself, the organiser, and
/// the unit's recommender. Scoped.
/// </summary>
public sealed class UnitMaterials(JudgingDb db, CaseStore cases, TimeProvider clock)
{
    /// <summary>The folder of unit materials: <c>units/</c> beside the case documents' folder.</summary>
    public string Root => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cases.Root))!, "units");

    /// <summary>The unit's current materials (the newest of each kind per entry; every extra), newest first.</summary>
    public async Task<IReadOnlyList<MaterialLine>> OfUnitAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return [];
        var rows = await db.Set<UnitMaterial>().AsNoTracking().Where(m => m.UnitId == unitId).OrderByDescending(m => m.Id).ToListAsync(ct);
        var titles = await db.Entries.AsNoTracking().Where(e => e.UnitId == unitId).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        var current = rows.Where(m => m.Kind == MaterialKind.Extra)
            .Concat(rows.Where(m => m.Kind != MaterialKind.Extra).GroupBy(m => (m.Kind, m.EntryId)).Select(g => g.First()))
            .OrderByDescending(m => m.Id).ToList();
        var extraNumber = rows.Where(m => m.Kind == MaterialKind.Extra).OrderBy(m => m.Id).Select((m, i) => (m.Id, i + 1)).ToDictionary(x => x.Id, x => x.Item2);
        return current.Select(m => new MaterialLine(m.Id, m.Kind, m.EntryId,
            MaterialRules.DownloadName(unit.Name, m.EntryId is { } e ? titles.GetValueOrDefault(e) : null, m.Kind, Path.GetExtension(m.StoredName), extraNumber.GetValueOrDefault(m.Id)),
            m.SizeBytes, m.UploadedAt)).ToList();
    }

    /// <summary>
    /// Stores <paramref name="content"/> as the unit's <paramref name="kind"/> (of <paramref name="entryId"/>, which must be the
    /// unit's own entry, for a stamped declaration or an entry's extra). Returns the new row, or the refusal (400 not the
    /// right kind of file, 404 not the unit's entry, 409 after formal review closed). The content is read once, streamed to a
    /// temporary file, sniffed, hashed; nothing is kept when refused.
    /// </summary>
    public async Task<(UnitMaterial? Material, int Status, Wording? Refusal)> StoreAsync(int unitId, MaterialKind kind, int? entryId, string fileName,
        Stream content, string actor, IntakeCalendar calendar, CancellationToken ct)
    {
        if (kind == MaterialKind.StampedDeclaration && entryId is null) return (null, 400, Wording.Of("请先选择作品"));
        if (kind is MaterialKind.Logo or MaterialKind.Profile) entryId = null;
        if (entryId is { } eid && !await db.Entries.AnyAsync(e => e.Id == eid && e.UnitId == unitId, ct)) return (null, 404, Wording.Of("作品不存在"));
        if (calendar.ResubmissionRefusal(clock.GetUtcNow()) is { } closed) return (null, 409, closed);
        var received = await MaterialReceiver.ReceiveAsync(content, Path.Combine(Root, unitId.ToString()), MaterialRules.MaxBytes, ct);
        if (received is null) return (null, 413, MaterialRules.Refusal(kind, null, MaterialRules.MaxBytes + 1));
        try
        {
            if (MaterialRules.Refusal(kind, received.Format, received.SizeBytes) is { } bad) return (null, 400, bad);
            var format = received.Format!.Value;
            var stored = Path.Combine(unitId.ToString(), $"{Guid.NewGuid():N}{MaterialRules.Extension(format)}");
            File.Move(received.TempPath, Path.Combine(Root, stored));
            var now = clock.GetUtcNow();
            var row = new UnitMaterial
            {
                UnitId = unitId, EntryId = entryId, Kind = kind, OriginalFileName = CaseIntakeService.CleanName(fileName), StoredName = stored,
                ContentType = MaterialRules.ContentType(format), SizeBytes = received.SizeBytes, Sha256 = received.Sha256, UploadedAt = now, UploadedBy = actor,
            };
            db.Add(row);
            db.AuditEntries.Add(new AuditEntry { At = now, Actor = actor, Action = "上传申报材料", Subject = $"unit {unitId}{(entryId is { } x ? $" entry {x}" : "")}", After = $"{kind} {row.OriginalFileName} {received.SizeBytes} B" });
            try { await db.SaveChangesAsync(ct); }
            catch { CaseStore.TryDelete(Path.Combine(Root, stored)); throw; }
            return (row, 200, null);
        }
        finally { CaseStore.TryDelete(received.TempPath); }
    }

    /// <summary>
    /// The material <paramref name="id"/> with its file path and download name when <paramref name="user"/> may read it (the
    /// unit itself, an organiser, the unit's recommender), else null (unknown and forbidden look the same).
    /// </summary>
    public async Task<(string Path, string ContentType, string DownloadName)?> ReadableAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var m = await db.Set<UnitMaterial>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == m.UnitId, ct);
        var allowed = user.IsInRole(Roles.Organiser) || user.UnitId() == m.UnitId
            || (user.IsInRole(Roles.Recommender) && int.TryParse(user.FindFirstValue(Roles.RecommenderIdClaim), out var r) && r == unit.RecommenderId);
        if (!allowed) return null;
        var line = (await OfUnitAsync(m.UnitId, ct)).FirstOrDefault(l => l.Id == id);
        var title = m.EntryId is { } e ? await db.Entries.AsNoTracking().Where(x => x.Id == e).Select(x => x.Title).FirstOrDefaultAsync(ct) : null;
        var name = line?.DownloadName ?? MaterialRules.DownloadName(unit.Name, title, m.Kind, Path.GetExtension(m.StoredName));
        return (Path.Combine(Root, m.StoredName), m.ContentType, name);
    }
}
