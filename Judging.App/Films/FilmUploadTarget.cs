namespace Judging.App.Films;

using Judging.App.Accounts;
using Judging.App.Uploads;
using Judging.Domain.Competitions;
using Judging.Domain.Films;

/// <summary>
/// The <c>film</c> upload target (issue 15, "Large files survive a bad connection"): the organiser's resumable upload of
/// a film entry's video over tus (<see cref="TusEndpoints"/>), metadata <c>entryId</c> (and <c>filename</c>, not kept).
/// Organisers only (403 otherwise); 404 for an unknown entry, 400 for one not a film; at most <see cref="FilmOptions.MaxBytes"/>.
/// The first 4,096 bytes are sniffed as they arrive (415 not MP4/MOV/WebM: the upload ends there); the finished file goes
/// through <see cref="FilmLibrary.StoreVideoAsync"/>, the same path as <c>POST /api/films/{id}/video</c>.
/// </summary>
public sealed class FilmUploadTarget(FilmLibrary library, FilmStore store, FilmTexts texts) : IUploadTarget
{
    /// <summary>The target's name in the upload's metadata.</summary>
    public const string Name = "film";

    /// <inheritdoc />
    public async Task<UploadDecision> AuthorizeAsync(HttpContext http, UploadMetadata metadata, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Organiser)) return UploadDecision.Refuse(StatusCodes.Status403Forbidden, texts.OrganiserOnly);
        if (metadata.Int("entryId") is not { } entryId || await library.EntryAsync(entryId, ct) is not { } entry)
            return UploadDecision.Refuse(StatusCodes.Status404NotFound, texts.NoEntry);
        if (entry.Track != Track.MicroFilm) return UploadDecision.Refuse(StatusCodes.Status400BadRequest, texts.NotFilm);
        return UploadDecision.Allow(store.Options.MaxBytes, $"{entry.Code} {entry.Title}");
    }

    /// <inheritdoc />
    public int HeadBytes => VideoFormat.SniffBytes;

    /// <inheritdoc />
    public UploadRefusal? InspectHead(ReadOnlySpan<byte> head) => Inspect(head, texts);

    /// <inheritdoc />
    public Task<UploadOutcome> CompleteAsync(HttpContext http, string dataPath, UploadMetadata metadata, CancellationToken ct) =>
        StoreAsync(library, texts, metadata.Int("entryId")!.Value, dataPath, FilmEndpoints.OrganiserActor(http), ct);

    /// <summary>415 with <see cref="FilmTexts.NotVideo"/> unless the first bytes are MP4/MOV/WebM (<see cref="VideoFormat.Sniff"/>); every film target's early check.</summary>
    public static UploadRefusal? Inspect(ReadOnlySpan<byte> head, FilmTexts texts) =>
        VideoFormat.Sniff(head) is null ? new UploadRefusal(StatusCodes.Status415UnsupportedMediaType, texts.NotVideo) : null;

    /// <summary>
    /// Stores a finished upload at <paramref name="dataPath"/> as <paramref name="entryId"/>'s video through
    /// <see cref="FilmLibrary.StoreVideoAsync"/> (recorded as by <paramref name="actor"/>): 200 with the stored video, 413 over
    /// the limit, 415 not a video. Every film target's completion.
    /// </summary>
    public static async Task<UploadOutcome> StoreAsync(FilmLibrary library, FilmTexts texts, int entryId, string dataPath, string actor, CancellationToken ct)
    {
        await using var file = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var (asset, problem) = await library.StoreVideoAsync(entryId, file, actor, ct);
        if (problem == ReceiveProblem.TooLarge) return UploadOutcome.Refused(new UploadRefusal(StatusCodes.Status413PayloadTooLarge, texts.TooLarge));
        if (asset is null) return UploadOutcome.Refused(new UploadRefusal(StatusCodes.Status415UnsupportedMediaType, texts.NotVideo));
        return UploadOutcome.Ok(FilmEndpoints.Stored(entryId, asset));
    }
}
