namespace Judging.App.Registration;

using Judging.App.Films;
using Judging.App.Uploads;
using Judging.Domain.Competitions;
using Judging.Domain.Films;
using Microsoft.Extensions.Localization;

/// <summary>
/// The <c>unit-film</c> upload target (issue 15, "Large files survive a bad connection"): a unit uploads its declared film's
/// video over tus (<see cref="TusEndpoints"/>), metadata <c>entryId</c>; it resumes from where a cut connection stopped.
/// Only the signed-in unit's own submitted film entry (another unit's, an unknown or a non-film entry: 404), within the
/// film's dates (<see cref="RegistrationService.WorkUploadRefusalAsync"/>: 409 after 6/20, a replacement after a return until
/// formal review closes); at most <see cref="FilmOptions.MaxBytes"/> (1 GB); sniffed as MP4/MOV/WebM as the first bytes arrive;
/// stored through <see cref="FilmLibrary.StoreVideoAsync"/>, the path every film takes.
/// </summary>
public sealed class UnitFilmTarget(FilmLibrary library, FilmStore store, FilmTexts texts, RegistrationService registration, IStringLocalizer<Wordings> W) : IUploadTarget
{
    /// <summary>The target's name in the upload's metadata.</summary>
    public const string Name = "unit-film";

    /// <inheritdoc />
    public async Task<UploadDecision> AuthorizeAsync(HttpContext http, UploadMetadata metadata, CancellationToken ct)
    {
        if (http.User.UnitId() is not { } unitId) return UploadDecision.Refuse(StatusCodes.Status403Forbidden, texts.OrganiserOnly);
        if (metadata.Int("entryId") is not { } entryId || await library.EntryAsync(entryId, ct) is not { } entry || entry.Track != Track.MicroFilm || !await registration.OwnsEntryAsync(unitId, entryId, ct))
            return UploadDecision.Refuse(StatusCodes.Status404NotFound, texts.NoEntry);
        if (await registration.WorkUploadRefusalAsync(entryId, ct) is { } late) return UploadDecision.Refuse(StatusCodes.Status409Conflict, W.Word(late)!);
        return UploadDecision.Allow(store.Options.MaxBytes, $"{entry.Code} {entry.Title}");
    }

    /// <inheritdoc />
    public int HeadBytes => VideoFormat.SniffBytes;

    /// <inheritdoc />
    public UploadRefusal? InspectHead(ReadOnlySpan<byte> head) => FilmUploadTarget.Inspect(head, texts);

    /// <inheritdoc />
    public Task<UploadOutcome> CompleteAsync(HttpContext http, string dataPath, UploadMetadata metadata, CancellationToken ct) =>
        FilmUploadTarget.StoreAsync(library, texts, metadata.Int("entryId")!.Value, dataPath, RegistrationService.Actor(http.User.UnitMobile()) + "（在线申报）", ct);
}
