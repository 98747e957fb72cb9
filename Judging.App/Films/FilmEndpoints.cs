namespace Judging.App.Films;

using System.Net.Mime;
using System.Text;
using Judging.App.Accounts;
using Judging.Domain.Competitions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

/// <summary>
/// The film media endpoints (issue 4, "Films"). The two <c>/media</c> URLs are a contract other pages use; keep them.
/// <list type="bullet">
/// <item><c>POST /api/films/{entryId}/video</c> (organiser): the video as the raw body (<c>video/*</c> or
/// <c>application/octet-stream</c>) or as the first file of a <c>multipart/form-data</c> body. 200 <c>{entryId, contentType,
/// sizeBytes, sha256, videoUrl, posterUrl}</c>; 413 <c>{error}</c> over the limit; 415 <c>{error}</c> for another body type
/// or when not MP4/MOV/WebM by content; 403 <c>{error}</c> from another origin (<see cref="Hosting.SameOrigin"/>, issue 10
/// item 10); 404 / 400 <c>{error}</c> (every <c>{error}</c> in the request's language, <see cref="FilmTexts"/>) for an unknown or non-film entry, or a multipart file name longer than 255 characters; 401/403 without an organiser sign-in.</item>
/// <item><c>GET /media/films/{entryId}/video</c>: the video with range requests (206), ETag and Last-Modified; 404
/// without one. <c>?download=1</c> downloads it as "单位名称+参赛作品名称.ext" (seed 000).</item>
/// <item><c>GET /media/films/{entryId}/poster</c>: the poster JPEG, or an SVG placeholder with the title; 404 for an
/// unknown entry.</item>
/// </list>
/// </summary>
public static class FilmEndpoints
{
    /// <summary>Room for multipart boundaries and part headers on top of the video limit (1 MiB).</summary>
    public const long MultipartOverhead = 1 << 20;

    /// <summary>The playback URL of an entry's video.</summary>
    public static string VideoUrl(int entryId) => $"/media/films/{entryId}/video";

    /// <summary>The poster URL of an entry (JPEG or SVG placeholder).</summary>
    public static string PosterUrl(int entryId) => $"/media/films/{entryId}/poster";

    /// <summary>Maps the upload and the two media endpoints.</summary>
    public static IEndpointRouteBuilder MapFilmEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/films/{entryId:int}/video", UploadAsync).RequireAuthorization(p => p.RequireRole(Roles.Organiser));
        app.MapGet("/media/films/{entryId:int}/video", VideoAsync);
        app.MapGet("/media/films/{entryId:int}/poster", PosterAsync);
        return app;
    }

    /// <summary>The audit actor of an organiser's upload: "组织者 {name}".</summary>
    public static string OrganiserActor(HttpContext http) => $"组织者 {http.User.Identity?.Name}";

    /// <summary>The answer to a stored video: <c>{entryId, contentType, sizeBytes, sha256, videoUrl, posterUrl}</c>.</summary>
    public static object Stored(int entryId, FilmAsset asset) => new
    {
        entryId, contentType = asset.ContentType, sizeBytes = asset.SizeBytes, sha256 = asset.Sha256,
        videoUrl = VideoUrl(entryId), posterUrl = PosterUrl(entryId),
    };

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>True for the body types the upload takes: <c>video/*</c>, <c>application/octet-stream</c>, <c>multipart/form-data</c>.</summary>
    public static bool IsUploadType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var t) && t.MediaType.Value is { } m
        && (m.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || m.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || m.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> UploadAsync(int entryId, HttpContext http, FilmLibrary library, FilmStore store, FilmTexts texts, CancellationToken ct)
    {
        // Same-site CSRF: a page of another origin could post text/plain or multipart with the organiser's cookie.
        if (!Hosting.SameOrigin.Allows(http.Request)) return Error(StatusCodes.Status403Forbidden, texts.OtherOrigin);
        if (!IsUploadType(http.Request.ContentType))
            return Error(StatusCodes.Status415UnsupportedMediaType, texts.NotUploadType);
        var max = store.Options.MaxBytes;
        var entry = await library.EntryAsync(entryId, ct);
        if (entry is null) return Error(StatusCodes.Status404NotFound, texts.NoEntry);
        if (entry.Track != Track.MicroFilm) return Error(StatusCodes.Status400BadRequest, texts.NotFilm);

        // This endpoint only: Kestrel's default body limit (about 28.6 MB) would cut a film short.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + MultipartOverhead;
        var isMultipart = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (http.Request.ContentLength > max + (isMultipart ? MultipartOverhead : 0)) return Error(StatusCodes.Status413PayloadTooLarge, texts.TooLarge);

        try
        {
            Stream body = http.Request.Body;
            if (isMultipart)
            {
                var boundary = HeaderUtilities.RemoveQuotes(type!.Boundary).Value;
                if (string.IsNullOrEmpty(boundary)) return Error(StatusCodes.Status400BadRequest, texts.NoBoundary);
                var reader = new MultipartReader(boundary, http.Request.Body);
                MultipartSection? section;
                while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
                {
                    if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var cd) && cd.IsFileDisposition()) break;
                }
                if (section is null) return Error(StatusCodes.Status400BadRequest, texts.NoFile);
                // A name longer than a file name may be is refused, not cut (issue 10, item 14); the name is not kept otherwise.
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var fileCd)
                    && Cases.CaseIntakeService.FileNameProblem(fileCd.FileNameStar.HasValue ? fileCd.FileNameStar.Value : HeaderUtilities.RemoveQuotes(fileCd.FileName).Value) is { } longName)
                    return Error(StatusCodes.Status400BadRequest, longName);
                body = section.Body;
            }
            var (asset, problem) = await library.StoreVideoAsync(entryId, body, OrganiserActor(http), ct);
            if (problem == ReceiveProblem.TooLarge) return Error(StatusCodes.Status413PayloadTooLarge, texts.TooLarge);
            if (asset is null) return Error(StatusCodes.Status415UnsupportedMediaType, texts.NotVideo);
            return Results.Ok(Stored(entryId, asset));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, texts.TooLarge);
        }
        catch (IOException) when (ct.IsCancellationRequested || http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client went away; nothing was recorded
        }
    }

    private static async Task<IResult> VideoAsync(int entryId, HttpContext http, FilmLibrary library, FilmStore store, FilmTexts texts, CancellationToken ct)
    {
        var entry = await library.EntryAsync(entryId, ct);
        if (entry?.Asset is not { } asset) return Error(StatusCodes.Status404NotFound, texts.NoVideo);
        var path = store.PathOf(asset.StoredFileName);
        if (!File.Exists(path)) return Error(StatusCodes.Status404NotFound, texts.VideoFileMissing);
        http.Response.Headers.CacheControl = "public, max-age=300";
        var etag = new EntityTagHeaderValue($"\"{asset.Sha256 ?? asset.StoredFileName}\"");
        var download = http.Request.Query["download"] == "1";
        if (download)
        {
            var cd = new ContentDispositionHeaderValue("attachment");
            cd.SetHttpFileName(entry.DownloadName);
            http.Response.Headers.ContentDisposition = cd.ToString();
        }
        return Results.File(path, asset.ContentType, lastModified: asset.UploadedAt, entityTag: etag, enableRangeProcessing: true);
    }

    private static async Task<IResult> PosterAsync(int entryId, HttpContext http, FilmLibrary library, FilmStore store, FilmTexts texts, CancellationToken ct)
    {
        var entry = await library.EntryAsync(entryId, ct);
        if (entry is null) return Error(StatusCodes.Status404NotFound, texts.NoEntry);
        if (entry.Asset is { PosterFileName: { } poster } asset && File.Exists(store.PathOf(poster)))
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(store.PathOf(poster), MediaTypeNames.Image.Jpeg, lastModified: asset.UploadedAt,
                entityTag: new EntityTagHeaderValue($"\"{poster}\""));
        }
        // A poster may follow shortly (ffmpeg runs after an upload): cache the placeholder briefly.
        http.Response.Headers.CacheControl = "public, max-age=30";
        return Results.Bytes(Encoding.UTF8.GetBytes(PosterPlaceholder.Svg(entry.Title, entry.Code)), "image/svg+xml; charset=utf-8");
    }
}
