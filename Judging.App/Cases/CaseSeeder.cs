namespace Judging.App.Cases;

using Judging.App.Import;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Loads the sample case documents of <c>seeds/cases/</c> (<see cref="CaseOptions.SeedsPath"/>) after the competition
/// import: <c>manifest.csv</c> with columns 作品编号, 文件名 (the file in that folder; its name is also the "uploaded"
/// name checked by the naming rule). Each becomes version 1 with a Submit record by "种子数据".
/// Idempotent (does nothing once any case document exists, or without a manifest) and all-or-nothing (every row
/// is checked and every file sniffed before anything is stored; a failure throws with the row report).
/// </summary>
public sealed class CaseSeeder(JudgingDb db, CaseStore store, CaseIntakeService intake, IOptions<CaseOptions> options, TimeProvider clock, ILogger<CaseSeeder> log)
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.csv";

    /// <summary>Seeds the documents if due; returns how many were stored.</summary>
    /// <exception cref="InvalidOperationException">A row or file is bad (nothing stored).</exception>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var dir = options.Value.SeedsPath;
        var manifest = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifest) || await db.Set<CaseDocument>().AnyAsync(ct)) return 0;
        var problems = new List<ImportProblem>();
        var table = CsvTable.Read(ManifestFile, await File.ReadAllBytesAsync(manifest, ct), ["作品编号", "文件名"], problems);
        var entries = await db.Entries.AsNoTracking().ToDictionaryAsync(e => e.Code, ct);
        var rows = new List<(int EntryId, int CompetitionId, string Name, ReceivedFile File)>();
        try
        {
            foreach (var r in table?.Rows ?? [])
            {
                if (r.Required("作品编号", problems) is not { } code || r.Required("文件名", problems) is not { } name) continue;
                if (!entries.TryGetValue(code, out var e)) { r.Problem(problems, $"作品编号“{code}”不在 entries.csv 中"); continue; }
                if (rows.Any(x => x.EntryId == e.Id)) { r.Problem(problems, $"作品编号“{code}”重复"); continue; }
                var path = Path.Combine(dir, name);
                if (!File.Exists(path)) { r.Problem(problems, $"文件“{name}”不存在"); continue; }
                await using var s = File.OpenRead(path);
                var (file, refusal) = await store.ReceiveAsync(s, ct);
                if (refusal is not null) { r.Problem(problems, $"文件“{name}”：{refusal.Message}"); continue; }
                rows.Add((e.Id, e.CompetitionId, name, file!));
            }
            if (problems.Count > 0)
                throw new InvalidOperationException("Case seeds in " + dir + " were not loaded:\n" + string.Join("\n", problems));

            var kept = new List<string>();
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var now = clock.GetUtcNow();
                foreach (var (entryId, _, name, file) in rows)
                {
                    var rel = store.Keep(file, entryId, 1);
                    kept.Add(rel);
                    db.Add(new CaseDocument
                    {
                        EntryId = entryId, Version = 1, OriginalFileName = name, StoredName = rel, ContentType = DocumentSniffer.ContentType(file.Kind),
                        Kind = file.Kind, SizeBytes = file.SizeBytes, Sha256 = file.Sha256, WordCount = file.WordCount, PreviewText = file.PreviewText,
                        UploadedAt = now, UploadedBy = "种子数据",
                    });
                    db.Add(new FormalReviewRecord { EntryId = entryId, Action = FormalReviewAction.Submit, At = now, Actor = "种子数据", DocumentVersion = 1 });
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                kept.Clear();
            }
            finally
            {
                foreach (var k in kept) CaseStore.TryDelete(Path.Combine(store.Root, k));
            }
            foreach (var c in rows.Select(r => r.CompetitionId).Distinct()) await intake.EnsureLinksAsync(c, ct);
            log.LogInformation("Seeded {Count} case documents from {Dir}", rows.Count, dir);
            return rows.Count;
        }
        finally
        {
            foreach (var r in rows) CaseStore.TryDelete(r.File.TempPath);
        }
    }
}
