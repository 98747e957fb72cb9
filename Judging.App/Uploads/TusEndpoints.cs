namespace Judging.App.Uploads;

using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

/// <summary>
/// A tus 1.0.0 server (https://tus.io/protocols/resumable-upload, issue 15 "Large files survive a bad connection"): core,
/// creation, termination and expiration, under <c>/api/uploads</c>. Every answer carries <c>Tus-Resumable: 1.0.0</c>;
/// every request but OPTIONS must too (else 412). Refusals are <c>{error}</c> in the request's language.
/// <list type="bullet">
/// <item><c>OPTIONS /api/uploads</c> (anyone): 204 with <c>Tus-Version</c>, <c>Tus-Extension: creation,termination,expiration</c>,
/// <c>Tus-Max-Size</c> (<see cref="UploadOptions.MaxBytes"/>).</item>
/// <item><c>POST /api/uploads</c> (signed in, same origin): <c>Upload-Length</c> (1 … the target's cap) and
/// <c>Upload-Metadata</c> naming the <c>target</c> (<see cref="IUploadTarget"/>); 201 with <c>Location: /api/uploads/{id}</c>
/// (32 hex) and <c>Upload-Expires</c>. 400 (length, metadata, target), 413 (over the cap), the target's refusal.</item>
/// <item><c>HEAD /api/uploads/{id}</c>: 200 with <c>Upload-Offset</c> (the data's length on disk), <c>Upload-Length</c>,
/// <c>Upload-Expires</c>, <c>Cache-Control: no-store</c>.</item>
/// <item><c>PATCH /api/uploads/{id}</c>: <c>application/offset+octet-stream</c> at <c>Upload-Offset</c> (409 when not the
/// server's), streamed to disk; 204 with the new <c>Upload-Offset</c>. A body that breaks off keeps what arrived. The bytes
/// that make up the target's head (<see cref="IUploadTarget.HeadBytes"/>) are inspected as they arrive (e.g. 415 not a
/// video: the upload is deleted). The PATCH bringing the last byte calls <see cref="IUploadTarget.CompleteAsync"/> and
/// answers with its outcome (e.g. 200 with the stored film); then the upload is gone. 413 past <c>Upload-Length</c>
/// (nothing of that PATCH is kept), 423 while another request writes it.</item>
/// <item><c>DELETE /api/uploads/{id}</c>: 204, the data deleted.</item>
/// </list>
/// HEAD, PATCH and DELETE answer 404 for an unknown, finished or expired upload, or one another user created; and ask the
/// target again (<see cref="IUploadTarget.AuthorizeAsync"/>). Anonymous: 401. Another origin: 403.
/// </summary>
public static class TusEndpoints
{
    /// <summary>The protocol version spoken.</summary>
    public const string Version = "1.0.0";

    /// <summary>The extensions announced by OPTIONS.</summary>
    public const string Extensions = "creation,termination,expiration";

    /// <summary>The base path of uploads.</summary>
    public const string BasePath = "/api/uploads";

    /// <summary>The body type of a PATCH.</summary>
    public const string OffsetStream = "application/offset+octet-stream";

    private const int BufferSize = 81920;

    /// <summary>Maps OPTIONS/POST on <see cref="BasePath"/> and HEAD/PATCH/DELETE on <c>{BasePath}/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapTusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(BasePath, [HttpMethods.Options], Options).AllowAnonymous();
        app.MapPost(BasePath, CreateAsync).RequireAuthorization();
        app.MapMethods(BasePath + "/{id}", [HttpMethods.Head], HeadAsync).RequireAuthorization();
        app.MapMethods(BasePath + "/{id}", [HttpMethods.Patch], PatchAsync).RequireAuthorization();
        app.MapDelete(BasePath + "/{id}", DeleteAsync).RequireAuthorization();
        return app;
    }

    private static IResult Error(HttpContext http, int status, string message)
    {
        http.Response.Headers["Tus-Resumable"] = Version;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { error = message }, statusCode: status);
    }

    private static IResult Answer(HttpContext http, int status)
    {
        http.Response.Headers["Tus-Resumable"] = Version;
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(status);
    }

    private static string HttpDate(DateTimeOffset t) => t.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    private static IResult Options(HttpContext http, UploadStore store)
    {
        http.Response.Headers["Tus-Version"] = Version;
        http.Response.Headers["Tus-Extension"] = Extensions;
        http.Response.Headers["Tus-Max-Size"] = store.Options.MaxBytes.ToString(CultureInfo.InvariantCulture);
        return Answer(http, StatusCodes.Status204NoContent);
    }

    /// <summary>The request's own checks: the protocol version and the origin; null when they pass.</summary>
    private static IResult? Precheck(HttpContext http, UploadTexts texts)
    {
        if (http.Request.Headers["Tus-Resumable"].ToString() != Version)
        {
            http.Response.Headers["Tus-Version"] = Version;
            return Error(http, StatusCodes.Status412PreconditionFailed, texts.Version);
        }
        return Hosting.SameOrigin.Allows(http.Request) ? null : Error(http, StatusCodes.Status403Forbidden, texts.OtherOrigin);
    }

    private static IUploadTarget? TargetOf(HttpContext http, string? name) =>
        string.IsNullOrEmpty(name) ? null : http.RequestServices.GetKeyedService<IUploadTarget>(name);

    private static async Task<IResult> CreateAsync(HttpContext http, UploadStore store, UploadTexts texts, TimeProvider clock,
        ILogger<UploadStore> log, CancellationToken ct)
    {
        if (Precheck(http, texts) is { } refused) return refused;
        var owner = UploadStore.OwnerOf(http.User);
        if (owner is null) return Results.Unauthorized();
        if (!long.TryParse(http.Request.Headers["Upload-Length"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1)
            return Error(http, StatusCodes.Status400BadRequest, texts.BadLength);
        if (UploadMetadata.Parse(http.Request.Headers["Upload-Metadata"].ToString()) is not { } metadata)
            return Error(http, StatusCodes.Status400BadRequest, texts.BadMetadata);
        if (TargetOf(http, metadata.Target) is not { } target) return Error(http, StatusCodes.Status400BadRequest, texts.UnknownTarget);
        var decision = await target.AuthorizeAsync(http, metadata, ct);
        if (decision.Refusal is { } no) return Error(http, no.StatusCode, no.Message);
        var max = Math.Min(decision.Permit!.MaxBytes, store.Options.MaxBytes);
        if (length > max) return Error(http, StatusCodes.Status413PayloadTooLarge, texts.TooLarge(UploadTexts.Size(max)));

        var now = clock.GetUtcNow();
        var info = new UploadInfo
        {
            Id = UploadStore.NewId(), Target = metadata.Target!, Length = length, Owner = owner,
            Metadata = new Dictionary<string, string>(metadata.Values), Label = decision.Permit.Label, CreatedAt = now, ExpiresAt = now + store.Expiry,
        };
        await store.CreateAsync(info, ct);
        log.LogInformation("Upload {Id} created for {Target} {Label}: {Length} bytes by {Owner}", info.Id, info.Target, info.Label, length, owner);
        http.Response.Headers.Location = $"{BasePath}/{info.Id}";
        http.Response.Headers["Upload-Expires"] = HttpDate(info.ExpiresAt);
        return Answer(http, StatusCodes.Status201Created);
    }

    /// <summary>
    /// The upload <paramref name="id"/> as the request may see it: 404 when missing, expired or another owner's, else the
    /// target's decision again. Returns the info and target, or the answer to give.
    /// </summary>
    private static async Task<(UploadInfo? Info, IUploadTarget? Target, IResult? Refused)> OpenAsync(string id, HttpContext http,
        UploadStore store, UploadTexts texts, TimeProvider clock, CancellationToken ct)
    {
        if (Precheck(http, texts) is { } refused) return (null, null, refused);
        var info = await store.ReadAsync(id, ct);
        if (info is null || info.Owner != UploadStore.OwnerOf(http.User) || info.ExpiresAt <= clock.GetUtcNow() || store.Offset(id) < 0
            || TargetOf(http, info.Target) is not { } target)
            return (null, null, Error(http, StatusCodes.Status404NotFound, texts.NoUpload));
        var decision = await target.AuthorizeAsync(http, new UploadMetadata(info.Metadata), ct);
        if (decision.Refusal is { } no) return (null, null, Error(http, no.StatusCode, no.Message));
        return (info, target, null);
    }

    /// <summary>
    /// The offset, repaired: all bytes on disk but the upload still here means the process stopped between the last byte
    /// and the target's completion; the last byte is dropped so the client sends it again and completion runs.
    /// </summary>
    private static long RepairedOffset(UploadStore store, UploadInfo info)
    {
        var offset = store.Offset(info.Id);
        if (offset < info.Length) return offset;
        using var held = store.TryLock(info.Id);
        if (held is null) return offset;
        using (var f = new FileStream(store.DataPath(info.Id), FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) f.SetLength(info.Length - 1);
        return info.Length - 1;
    }

    private static async Task<IResult> HeadAsync(string id, HttpContext http, UploadStore store, UploadTexts texts, TimeProvider clock, CancellationToken ct)
    {
        var (info, _, refused) = await OpenAsync(id, http, store, texts, clock, ct);
        if (refused is not null) return refused;
        http.Response.Headers["Upload-Offset"] = RepairedOffset(store, info!).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = info!.Length.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = HttpDate(info.ExpiresAt);
        return Answer(http, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, UploadStore store, UploadTexts texts, TimeProvider clock,
        ILogger<UploadStore> log, CancellationToken ct)
    {
        var (info, _, refused) = await OpenAsync(id, http, store, texts, clock, ct);
        if (refused is not null) return refused;
        using var held = store.TryLock(id);
        if (held is null) return Error(http, StatusCodes.Status423Locked, texts.Locked);
        store.Delete(id);
        log.LogInformation("Upload {Id} ({Label}) deleted by its owner", id, info!.Label);
        return Answer(http, StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> PatchAsync(string id, HttpContext http, UploadStore store, UploadTexts texts, TimeProvider clock,
        ILogger<UploadStore> log, CancellationToken ct)
    {
        var (info, target, refused) = await OpenAsync(id, http, store, texts, clock, ct);
        if (refused is not null) return refused;
        if (!string.Equals(http.Request.ContentType, OffsetStream, StringComparison.OrdinalIgnoreCase))
            return Error(http, StatusCodes.Status415UnsupportedMediaType, texts.NotOffsetStream);
        if (!long.TryParse(http.Request.Headers["Upload-Offset"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var claimed))
            return Error(http, StatusCodes.Status400BadRequest, texts.BadOffset);
        var offset = RepairedOffset(store, info!);
        using var held = store.TryLock(id);
        if (held is null) return Error(http, StatusCodes.Status423Locked, texts.Locked);
        offset = store.Offset(id);
        if (offset < 0) return Error(http, StatusCodes.Status404NotFound, texts.NoUpload);
        if (claimed != offset)
        {
            http.Response.Headers["Upload-Offset"] = offset.ToString(CultureInfo.InvariantCulture);
            return Error(http, StatusCodes.Status409Conflict, texts.OffsetMismatch(offset));
        }
        var remaining = info!.Length - offset;
        if (http.Request.ContentLength > remaining) return Error(http, StatusCodes.Status413PayloadTooLarge, texts.PastLength);
        // This endpoint only: Kestrel's default body limit (about 28.6 MB) would cut a large PATCH short; never past the length.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = Math.Max(1, remaining);

        var (written, problem) = await WriteAsync(http, store, info, target!, offset, ct);
        var now = clock.GetUtcNow();
        if (problem is { } p)
        {
            if (p.StatusCode == StatusCodes.Status413PayloadTooLarge && p.Message.Length == 0) return Error(http, p.StatusCode, texts.PastLength);
            store.Delete(id);
            log.LogInformation("Upload {Id} ({Label}) refused at {Offset} bytes: {Status} {Reason}", id, info.Label, offset + written, p.StatusCode, p.Message);
            return Error(http, p.StatusCode, p.Message);
        }
        var total = offset + written;
        if (total < info.Length)
        {
            info.ExpiresAt = now + store.Expiry;
            await store.SaveAsync(info, CancellationToken.None);
            if (http.RequestAborted.IsCancellationRequested) return Results.Empty; // the client went away; what arrived is kept
            http.Response.Headers["Upload-Offset"] = total.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["Upload-Expires"] = HttpDate(info.ExpiresAt);
            return Answer(http, StatusCodes.Status204NoContent);
        }

        // The last byte is in: the target takes the file, once (the lock is held); then the upload is gone either way.
        var outcome = await target!.CompleteAsync(http, store.DataPath(id), new UploadMetadata(info.Metadata), CancellationToken.None);
        store.Delete(id);
        log.LogInformation("Upload {Id} ({Label}) complete, {Length} bytes: {Status}", id, info.Label, info.Length, outcome.StatusCode);
        http.Response.Headers["Tus-Resumable"] = Version;
        http.Response.Headers.CacheControl = "no-store";
        if (outcome.Succeeded) http.Response.Headers["Upload-Offset"] = info.Length.ToString(CultureInfo.InvariantCulture);
        return Results.Json(outcome.Body, statusCode: outcome.StatusCode);
    }

    /// <summary>
    /// Appends the request body to the data at <paramref name="offset"/>, each read written through at once (a cut keeps
    /// what arrived), inspecting the head as soon as the target's <see cref="IUploadTarget.HeadBytes"/> are in. Returns the
    /// bytes kept, or a refusal: the target's, or 413 with an empty message for bytes past the length (this PATCH's bytes
    /// are then removed again).
    /// </summary>
    private static async Task<(long Written, UploadRefusal? Problem)> WriteAsync(HttpContext http, UploadStore store, UploadInfo info,
        IUploadTarget target, long offset, CancellationToken ct)
    {
        var remaining = info.Length - offset;
        var need = (int)Math.Min(target.HeadBytes, info.Length);
        var head = need > 0 && offset < need ? new byte[need] : null;
        var headLength = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        await using var file = new FileStream(store.DataPath(info.Id), FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        try
        {
            if (head is not null && offset > 0) headLength = await file.ReadAtLeastAsync(head.AsMemory(0, (int)offset), (int)offset, false, ct);
            file.Seek(offset, SeekOrigin.Begin);
            while (true)
            {
                int n;
                try
                {
                    n = await http.Request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), ct);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    file.SetLength(offset);
                    return (0, new UploadRefusal(StatusCodes.Status413PayloadTooLarge, ""));
                }
                catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
                {
                    break; // the connection broke: keep what arrived
                }
                if (n == 0) break;
                if (written + n > remaining)
                {
                    file.SetLength(offset);
                    return (0, new UploadRefusal(StatusCodes.Status413PayloadTooLarge, ""));
                }
                await file.WriteAsync(buffer.AsMemory(0, n), CancellationToken.None);
                written += n;
                if (head is not null && headLength < need)
                {
                    var take = Math.Min(n, need - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                    if (headLength == need && target.InspectHead(head) is { } no) return (written, no);
                }
            }
            file.Flush(flushToDisk: true);
            return (written, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
