namespace Judging.App.Films;

using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Films;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Seeds the film videos (issue 4: "the seeds include about 30 films with small generated videos"): each
/// <c>{seeds}/films/{作品编号}.mp4</c> (or .mov/.webm) becomes the video of the MicroFilm entry with that code, and
/// <c>{code}.jpg</c> beside it its poster. Runs at start after the competition import; only while no film has a
/// video yet, so a second start does nothing. All or nothing: a file that is not a video stops start-up with its
/// name and nothing is recorded. Entries without a file have no video; files without an entry are skipped.
/// </summary>
public sealed class FilmSeeder(JudgingDb db, FilmStore store, TimeProvider clock, ILogger<FilmSeeder> log)
{
    /// <summary>Who the seeded videos are recorded as uploaded by.</summary>
    public const string SeedActor = "种子数据";

    private static readonly string[] VideoExtensions = [".mp4", ".mov", ".webm"];

    /// <summary>Runs the seeder in <paramref name="services"/>' scope for the seeds folder <paramref name="seedsPath"/>.</summary>
    public static Task<int> RunAsync(IServiceProvider services, string seedsPath) =>
        services.GetRequiredService<FilmSeeder>().SeedAsync(seedsPath, CancellationToken.None);

    /// <summary>Seeds from <c>{seedsPath}/films</c>; returns how many videos were recorded (0 when there was nothing to do).</summary>
    /// <exception cref="InvalidOperationException">A seed file is not an MP4/MOV/WebM or is over the limit (nothing recorded).</exception>
    public async Task<int> SeedAsync(string seedsPath, CancellationToken ct)
    {
        var dir = Path.Combine(seedsPath, "films");
        if (!Directory.Exists(dir) || await db.Set<FilmAsset>().AnyAsync(ct)) return 0;
        var files = Directory.GetFiles(dir).Where(f => VideoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f, StringComparer.Ordinal).First(), StringComparer.OrdinalIgnoreCase);
        if (files.Count == 0) return 0;
        var entries = await db.Entries.AsNoTracking().Where(e => e.Track == Track.MicroFilm).Select(e => new { e.Id, e.Code }).ToListAsync(ct);
        var placed = new List<string>();
        var now = clock.GetUtcNow();
        try
        {
            foreach (var e in entries.OrderBy(e => e.Code, StringComparer.Ordinal))
            {
                if (!files.TryGetValue(e.Code, out var file)) continue;
                ReceivedFilm? film;
                ReceiveProblem problem;
                await using (var source = File.OpenRead(file))
                    (film, problem) = await store.ReceiveAsync(source, store.Options.MaxBytes, ct);
                if (film is null)
                    throw new InvalidOperationException($"种子视频 {file} 无法使用：{(problem == ReceiveProblem.TooLarge ? FilmStore.TooLargeMessage : FilmStore.NotVideoMessage)}。");
                var name = store.Place(film, e.Id, now);
                placed.Add(name);
                var jpeg = Path.ChangeExtension(file, ".jpg");
                string? poster = null;
                if (File.Exists(jpeg)) placed.Add(poster = store.PlacePoster(jpeg, name));
                db.Add(new FilmAsset
                {
                    EntryId = e.Id, StoredFileName = name, ContentType = VideoFormat.ContentType(film.Container), SizeBytes = film.SizeBytes,
                    Sha256 = film.Sha256, PosterFileName = poster, UploadedAt = now, UploadedBy = SeedActor,
                });
            }
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var p in placed) store.DeleteQuietly(p);
            throw;
        }
        var count = placed.Count(p => !p.EndsWith(".jpg", StringComparison.Ordinal));
        var unused = files.Keys.Except(entries.Select(e => e.Code), StringComparer.OrdinalIgnoreCase).ToList();
        log.LogInformation("Seeded {Count} film videos from {Dir}", count, dir);
        if (unused.Count > 0) log.LogWarning("Seed films without a MicroFilm entry, skipped: {Codes}", string.Join(", ", unused));
        return count;
    }
}
