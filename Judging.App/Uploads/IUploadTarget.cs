namespace Judging.App.Uploads;

/// <summary>
/// What a resumable upload is for (issue 15, "Large files survive a bad connection"): the tus server
/// (<see cref="TusEndpoints"/>) receives the bytes; a target says who may upload what, how large, and what becomes of the
/// file once the last byte is in. An upload names its target in its metadata (<c>target</c>, e.g. <c>film</c>); targets
/// are registered as keyed scoped services (<see cref="UploadsModule.AddUploadTarget{T}"/>), one key per name.
/// <para>Adding a target (e.g. the lead's <c>unit-film</c>): implement this interface, refuse in
/// <see cref="AuthorizeAsync"/> whatever the signed-in user may not upload (another unit's entry: 404), hand the finished
/// file to the feature's own store in <see cref="CompleteAsync"/>, and call <c>services.AddUploadTarget&lt;T&gt;("unit-film")</c>
/// in the feature's front door. The page uses tus-js-client with <c>metadata: { target: "unit-film", entryId, filename }</c>.</para>
/// </summary>
public interface IUploadTarget
{
    /// <summary>
    /// Whether the request's user may upload for <paramref name="metadata"/> (e.g. its <c>entryId</c>), and how much.
    /// Called at creation (POST) and again at every HEAD, PATCH and DELETE of the upload, so a revoked right stops an upload
    /// midway. A refusal's status and Chinese message (through <c>IStringLocalizer</c>) go to the client as <c>{error}</c>.
    /// </summary>
    Task<UploadDecision> AuthorizeAsync(HttpContext http, UploadMetadata metadata, CancellationToken ct);

    /// <summary>
    /// How many leading bytes <see cref="InspectHead"/> wants (e.g. 4,096 for a video's container); 0 for no early check.
    /// A file shorter than this is inspected whole when its last byte arrives.
    /// </summary>
    int HeadBytes { get; }

    /// <summary>
    /// Looks at the first <see cref="HeadBytes"/> bytes as soon as they are in (the first PATCH that brings them): a refusal
    /// ends the upload there (its data is deleted), so nobody sends 1 GB to learn the file is not a video. Null: go on.
    /// </summary>
    UploadRefusal? InspectHead(ReadOnlySpan<byte> head);

    /// <summary>
    /// Called once, when the last byte of the upload is on disk at <paramref name="dataPath"/> (the lock of the upload held).
    /// Copy or read the file; the server deletes it afterwards, whatever the outcome. The outcome's status and JSON body
    /// answer the final PATCH (2xx: success, the client's <c>onSuccess</c> reads the body). An exception leaves the upload
    /// in place and the client's retry sends the last byte again, which calls this again.
    /// </summary>
    Task<UploadOutcome> CompleteAsync(HttpContext http, string dataPath, UploadMetadata metadata, CancellationToken ct);
}

/// <summary>An upload allowed: at most <paramref name="MaxBytes"/> bytes; <paramref name="Label"/> names it in logs (e.g. "WDY-001 品质之光").</summary>
/// <param name="MaxBytes">The largest <c>Upload-Length</c> accepted for it, bytes.</param>
/// <param name="Label">A short human name of what is uploaded.</param>
public sealed record UploadPermit(long MaxBytes, string Label);

/// <summary>An upload refused: the HTTP status and the message in the request's language (zh-CN keys, English resources).</summary>
/// <param name="StatusCode">e.g. 403 (not this user's), 404 (no such entry), 400, 415 (not a video).</param>
/// <param name="Message">Shown to the user as <c>{error}</c>.</param>
public sealed record UploadRefusal(int StatusCode, string Message);

/// <summary>The answer of <see cref="IUploadTarget.AuthorizeAsync"/>: exactly one of a permit or a refusal.</summary>
public sealed record UploadDecision
{
    private UploadDecision(UploadPermit? permit, UploadRefusal? refusal) { Permit = permit; Refusal = refusal; }

    /// <summary>The permit, or null when refused.</summary>
    public UploadPermit? Permit { get; }

    /// <summary>The refusal, or null when permitted.</summary>
    public UploadRefusal? Refusal { get; }

    /// <summary>Allowed, up to <paramref name="maxBytes"/> bytes.</summary>
    public static UploadDecision Allow(long maxBytes, string label) => new(new UploadPermit(maxBytes, label), null);

    /// <summary>Refused with <paramref name="statusCode"/> and <paramref name="message"/>.</summary>
    public static UploadDecision Refuse(int statusCode, string message) => new(null, new UploadRefusal(statusCode, message));
}

/// <summary>What answers the final PATCH: a status and a JSON body (e.g. the stored film, or <c>{error}</c>).</summary>
/// <param name="StatusCode">2xx on success; 4xx refuses (the upload's data is deleted, nothing is stored).</param>
/// <param name="Body">Serialised as JSON.</param>
public sealed record UploadOutcome(int StatusCode, object Body)
{
    /// <summary>200 with <paramref name="body"/>.</summary>
    public static UploadOutcome Ok(object body) => new(StatusCodes.Status200OK, body);

    /// <summary>The refusal's status with <c>{error}</c>.</summary>
    public static UploadOutcome Refused(UploadRefusal refusal) => new(refusal.StatusCode, new { error = refusal.Message });

    /// <summary>True for a 2xx status.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
