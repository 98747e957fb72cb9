namespace Judging.App.Films;

using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Films;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>What the film pages and endpoints need to know about one film entry.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="CompetitionId">Its competition.</param>
/// <param name="Code">作品编号, e.g. WDY-001.</param>
/// <param name="Title">作品名称.</param>
/// <param name="UnitName">参赛单位.</param>
/// <param name="Track">The entry's track; only <see cref="Track.MicroFilm"/> entries take a video.</param>
/// <param name="Asset">The current video, or null when none was uploaded.</param>
public sealed record FilmEntry(int EntryId, int CompetitionId, string Code, string Title, string UnitName, Track Track, FilmAsset? Asset)
{
    /// <summary>The download name "单位名称+参赛作品名称.ext" (seed 000), or null without a video.</summary>
    public string? DownloadName => Asset is null ? null
        : FilmFileName.For(UnitName, Title, Asset.ContentType switch { "video/quicktime" => VideoContainer.Mov, "video/webm" => VideoContainer.WebM, _ => VideoContainer.Mp4 });
}

/// <summary>
/// The film list of the organiser's upload page (<c>Organiser/FilmUpload.razor</c>): what it reads, so a component test can
/// stand in for the database. Implemented by <see cref="FilmLibrary"/> (scoped).
/// </summary>
public interface IFilmList
{
    /// <summary>The competition's name, or null when there is no competition <paramref name="competitionId"/>.</summary>
    Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct);

    /// <summary>The film entries of competition <paramref name="competitionId"/> by 作品编号, each with its current video (or none).</summary>
    Task<IReadOnlyList<FilmEntry>> FilmsAsync(int competitionId, CancellationToken ct);
}

/// <summary>
/// The film entries and their videos in the database: looks them up and records a received file as an entry's video
/// (replacing the previous one only after the new one is committed), with an audit entry.
/// </summary>
public sealed class FilmLibrary(JudgingDb db, FilmStore store, PosterMaker posters, TimeProvider clock, ILogger<FilmLibrary> log) : IFilmList
{
    /// <summary>The competition's name, or null when there is no competition <paramref name="competitionId"/>.</summary>
    public Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct) =>
        db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.Name).FirstOrDefaultAsync(ct);

    /// <summary>The entry <paramref name="entryId"/> with its video, or null when there is no such entry.</summary>
    public async Task<FilmEntry?> EntryAsync(int entryId, CancellationToken ct)
    {
        var e = await (from en in db.Entries.AsNoTracking()
                       join u in db.Units.AsNoTracking() on en.UnitId equals u.Id
                       where en.Id == entryId
                       select new { en.Id, en.CompetitionId, en.Code, en.Title, Unit = u.Name, en.Track }).FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var asset = await db.Set<FilmAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.EntryId == entryId, ct);
        return new FilmEntry(e.Id, e.CompetitionId, e.Code, e.Title, e.Unit, e.Track, asset);
    }

    /// <summary>The film entries (track MicroFilm) of <paramref name="competitionId"/> in code order, with their videos.</summary>
    public async Task<IReadOnlyList<FilmEntry>> FilmsAsync(int competitionId, CancellationToken ct)
    {
        var rows = await (from en in db.Entries.AsNoTracking()
                          join u in db.Units.AsNoTracking() on en.UnitId equals u.Id
                          where en.CompetitionId == competitionId && en.Track == Track.MicroFilm
                          orderby en.Code
                          select new { en.Id, en.CompetitionId, en.Code, en.Title, Unit = u.Name, en.Track }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var assets = await db.Set<FilmAsset>().AsNoTracking().Where(a => ids.Contains(a.EntryId)).ToDictionaryAsync(a => a.EntryId, ct);
        return rows.Select(r => new FilmEntry(r.Id, r.CompetitionId, r.Code, r.Title, r.Unit, r.Track, assets.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>
    /// The one path of a new video, whoever sends it (<c>POST /api/films/{id}/video</c>, the tus upload's <c>film</c>
    /// target): streams <paramref name="body"/> through <see cref="FilmStore.ReceiveAsync"/> (content sniffed MP4/MOV/WebM,
    /// at most <see cref="FilmOptions.MaxBytes"/>, SHA-256) and records it (<see cref="RecordAsync"/>: file placed, row,
    /// audit, poster queued). Returns the asset, or the problem (nothing stored). Stream and disk errors are thrown.
    /// </summary>
    public async Task<(FilmAsset? Asset, ReceiveProblem Problem)> StoreVideoAsync(int entryId, Stream body, string actor, CancellationToken ct)
    {
        var (film, problem) = await store.ReceiveAsync(body, store.Options.MaxBytes, ct);
        if (film is null) return (null, problem == ReceiveProblem.None ? ReceiveProblem.NotVideo : problem);
        return (await RecordAsync(entryId, film, actor, ct), ReceiveProblem.None);
    }

    /// <summary>
    /// A film declared online (issue 15) has no document: storing its video is its submission to formal review. When the
    /// film awaits its first submission, or was returned (退回修改), the Submit or Resubmit step is added in the same
    /// transaction as the video, before the intake deadline of the formal-review page (a later video is stored but not a
    /// submission, as a late document is refused). Entries imported from CSV are left to the organiser, as before.
    /// </summary>
    private async Task AppendFormalSubmissionAsync(int entryId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Set<Registration.EntryDeclaration>().AnyAsync(d => d.EntryId == entryId && d.Status == Registration.DeclarationStatus.Submitted, ct)) return;
        var review = new Domain.Cases.FormalReview(entryId, await db.Set<Domain.Cases.FormalReviewRecord>().AsNoTracking().Where(r => r.EntryId == entryId).ToListAsync(ct));
        if (review.Status is not (Domain.Cases.FormalReviewStatus.AwaitingDocument or Domain.Cases.FormalReviewStatus.Returned)) return;
        var competitionId = await db.Entries.AsNoTracking().Where(e => e.Id == entryId).Select(e => e.CompetitionId).FirstAsync(ct);
        var deadline = await db.Set<Cases.CaseIntakeSettings>().AsNoTracking().Where(s => s.CompetitionId == competitionId).Select(s => s.Deadline).FirstOrDefaultAsync(ct);
        var step = review.Submit(0, $"{actor}（微电影视频）", now, deadline);
        if (!step.Ok) return;
        step.Record!.DocumentVersion = null; // a video, not a document version
        db.Add(step.Record);
    }

    /// <summary>
    /// Makes <paramref name="film"/> the video of <paramref name="entryId"/>: moves it into place, updates or inserts the
    /// <see cref="FilmAsset"/> and writes an audit entry in one transaction, then deletes the previous file and poster
    /// and queues a poster frame. If the database refuses, the new file is deleted and the previous one stays.
    /// </summary>
    public async Task<FilmAsset> RecordAsync(int entryId, ReceivedFilm film, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var name = store.Place(film, entryId, now);
        string? oldVideo = null, oldPoster = null;
        FilmAsset asset;
        try
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            asset = await db.Set<FilmAsset>().FirstOrDefaultAsync(a => a.EntryId == entryId, ct) ?? new FilmAsset { EntryId = entryId, StoredFileName = name, ContentType = "", UploadedBy = actor };
            var before = asset.Id == 0 ? null : $"{asset.StoredFileName} {asset.SizeBytes} B sha256={asset.Sha256}";
            oldVideo = asset.Id == 0 ? null : asset.StoredFileName;
            oldPoster = asset.PosterFileName;
            asset.StoredFileName = name;
            asset.ContentType = VideoFormat.ContentType(film.Container);
            asset.SizeBytes = film.SizeBytes;
            asset.Sha256 = film.Sha256;
            asset.PosterFileName = null;
            asset.UploadedAt = now;
            asset.UploadedBy = actor;
            if (asset.Id == 0) db.Add(asset);
            await AppendFormalSubmissionAsync(entryId, actor, now, ct);
            db.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = before is null ? "上传微电影视频" : "替换微电影视频", Subject = $"entry:{entryId}",
                Before = before, After = $"{name} {film.SizeBytes} B sha256={film.Sha256}",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            store.DeleteQuietly(name);
            throw;
        }
        store.DeleteQuietly(oldVideo);
        store.DeleteQuietly(oldPoster);
        log.LogInformation("Film of entry {EntryId} stored as {File} ({Bytes} bytes) by {Actor}", entryId, name, film.SizeBytes, actor);
        posters.Enqueue(entryId, name);
        return asset;
    }
}
