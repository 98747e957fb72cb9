namespace Judging.App.Cases;

using System.Net;
using System.Security.Claims;
using System.Text;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.Domain.Cases;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

/// <summary>
/// The document endpoints:
/// <list type="bullet">
/// <item><c>POST /submit/{token}/upload</c>: multipart form (antiforgery field first, then the file field <c>file</c>),
/// streamed to disk. 303 to <c>/submit/{token}?r=ok</c> when stored; otherwise a small Chinese HTML page with status
/// 413 (over 50 MiB), 415 (not PDF/.docx by content, or a .docx beyond <see cref="DocxLimits"/>), 409 (channel closed, or
/// not returned), 400 (antiforgery, no file, or a file name longer than 255 characters), 404 (unknown link), 429 (more than
/// <see cref="CaseOptions.UploadsPerLink"/> through the link or <see cref="CaseOptions.UploadsPerAddress"/> from the address
/// within the window; <see cref="CaseUploadLimiter"/>), 503 (the document reader is busy). A signed-in organiser posting
/// here uploads on the unit's behalf.</item>
/// <item><c>GET /cases/{entryId}/file</c>: the latest document as a download (<c>?version=n</c> for an older one,
/// <c>?inline=1</c> to show it in the page); for <see cref="ICaseReaders"/>.</item>
/// </list>
/// </summary>
public static class CaseEndpoints
{
    /// <summary>The form field of the file.</summary>
    public const string FileField = "file";

    /// <summary>Multipart framing allowed on top of the document (1 MiB).</summary>
    private const long Overhead = 1024 * 1024;

    /// <summary>Maps the endpoints above.</summary>
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/submit/{token}/upload", UploadAsync).DisableAntiforgery();
        app.MapGet("/cases/{entryId:int}/file", FileAsync);
    }

    private static async Task<IResult> UploadAsync(string token, HttpContext http, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> af,
        CaseIntakeService intake, CaseStore store, CaseUploadLimiter limiter, SubmissionTexts texts, CancellationToken ct)
    {
        // The submission page chose its language by ?culture= (issue 12): the way back keeps it.
        var back = Components.Pages.Public.PublicCulture.Keep(http, $"/submit/{WebUtility.UrlEncode(token)}");
        // A unit uploading from its declaration page (issue 15) goes back there.
        if (http.User.IsInRole(Roles.Unit) && http.Request.Query["back"].ToString() is { } unitBack
            && System.Text.RegularExpressions.Regex.IsMatch(unitBack, @"^/unit/declarations/\d+$"))
            back = unitBack;
        IResult Page(int status, string message, string? back) => CaseEndpoints.Page(status, message, back, texts);
        // Before anything else, unknown links included (guessing them counts against the address).
        if (!limiter.TryAcquire(new(token, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.User.IsInRole(Roles.Organiser))))
        {
            http.Response.Headers.RetryAfter = (limiter.WindowMinutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page(429, texts.TooFrequent(limiter.WindowMinutes), back);
        }
        if (await intake.EntryOfTokenAsync(token, ct) is not { } entryId) return Page(404, texts.BadLink, null);
        // Before reading a byte of the file: closed channel or wrong status.
        if (await intake.SubmitRefusalAsync(entryId, texts, ct) is { } early) return Page(early.Status, early.Message, back);
        if (await http.RequestServices.GetRequiredService<Registration.RegistrationService>().WorkUploadRefusalAsync(entryId, ct) is { } late)
            return Page(409, http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Wordings>>().Word(late)!, back);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = DocumentSniffer.MaxBytes + Overhead;
        if (http.Request.ContentLength > DocumentSniffer.MaxBytes + Overhead) return Page(413, texts.Of(DocumentSniffer.TooLargeMessage), back);
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mt) || !mt.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mt.Boundary).Value is not { Length: > 0 } boundary)
            return Page(400, texts.UseTheForm, back);

        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            var verified = false;
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var cd)) continue;
                if (!cd.IsFileDisposition())
                {
                    // The antiforgery token comes before the file (the form's first field): hand it over as the header
                    // the antiforgery service reads, so it never buffers the form (and the file) itself.
                    var name = HeaderUtilities.RemoveQuotes(cd.Name).Value;
                    if (name == af.Value.FormFieldName && af.Value.HeaderName is { } header)
                    {
                        using var sr = new StreamReader(section.Body, Encoding.UTF8);
                        var value = await ReadAtMostAsync(sr, 4096);
                        http.Request.Headers[header] = value;
                        verified = await antiforgery.IsRequestValidAsync(http);
                    }
                    continue;
                }
                if (HeaderUtilities.RemoveQuotes(cd.Name).Value != FileField) continue;
                if (!verified) return Page(400, texts.PageExpired, back);
                var fileName = cd.FileNameStar.HasValue ? cd.FileNameStar.Value : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
                if (string.IsNullOrWhiteSpace(fileName)) return Page(400, texts.Of(DocumentSniffer.EmptyMessage), back);
                if (CaseIntakeService.FileNameProblem(fileName) is not null) return Page(400, texts.FileNameTooLong(CaseIntakeService.BareName(fileName).Length), back);
                var (file, refusal) = await store.ReceiveAsync(section.Body, ct);
                if (refusal is not null) return Page(refusal.StatusCode, texts.Of(refusal.Message), back);
                var outcome = await intake.StoreAsync(entryId, file!, fileName!, Actor(http.User), texts, ct);
                if (outcome.Document is null) return Page(outcome.StatusCode, outcome.Message, back);
                return Results.Redirect(QueryHelpers.AddQueryString(back, "r", "ok"));
            }
            return Page(400, verified ? texts.Of(DocumentSniffer.EmptyMessage) : texts.PageExpired, back);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Page(413, texts.Of(DocumentSniffer.TooLargeMessage), back);
        }
        catch (InvalidDataException)
        {
            // Malformed multipart (e.g. a section header too long).
            return Page(400, texts.Incomplete, back);
        }
    }

    /// <summary>"组织者 俞琳（代为上传）" for a signed-in organiser, else "参赛单位（提交链接）".</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Organiser) ? $"组织者 {user.Identity?.Name}（代为上传）"
        : user.IsInRole(Roles.Unit) ? Registration.RegistrationService.Actor(user.FindFirstValue(Roles.MobileClaim) ?? "") + "（在线申报）"
        : "参赛单位（提交链接）";

    private static async Task<string> ReadAtMostAsync(StreamReader r, int max)
    {
        var buf = new char[max];
        var n = await r.ReadBlockAsync(buf, 0, max);
        return new string(buf, 0, n);
    }

    private static async Task<IResult> FileAsync(int entryId, int? version, int? inline, HttpContext http, JudgingDb db, ICaseReaders readers, CaseStore store, SubmissionTexts texts, CancellationToken ct)
    {
        IResult Page(int status, string message, string? back) => CaseEndpoints.Page(status, message, back, texts);
        if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
        if (!await readers.MayReadAsync(http.User, entryId, ct)) return Page(403, texts.NotAllowed, null);
        var docs = db.Set<CaseDocument>().AsNoTracking().Where(d => d.EntryId == entryId);
        var doc = version is { } v ? await docs.FirstOrDefaultAsync(d => d.Version == v, ct)
            : await docs.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (doc is null) return Page(404, texts.NoDocument, null);
        var path = store.FullPath(doc);
        if (!File.Exists(path)) return Page(404, texts.FileMissing, null);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        if (inline == 1)
        {
            var cd = new ContentDispositionHeaderValue("inline");
            cd.SetHttpFileName(doc.OriginalFileName);
            http.Response.Headers.ContentDisposition = cd.ToString();
            return Results.File(path, doc.ContentType, enableRangeProcessing: true);
        }
        return Results.File(path, doc.ContentType, fileDownloadName: doc.OriginalFileName, enableRangeProcessing: true);
    }

    /// <summary>A small HTML page with <paramref name="status"/> in the request's language: never a bare error page.</summary>
    private static IResult Page(int status, string message, string? back, SubmissionTexts texts)
    {
        var link = back is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(back)}\">{WebUtility.HtmlEncode(texts.Back)}</a></p>";
        var html = $"<!DOCTYPE html><html lang=\"{System.Globalization.CultureInfo.CurrentUICulture.Name}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                   $"<title>{WebUtility.HtmlEncode(texts.Title)}</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main class=\"case-msg\" style=\"max-width:40rem;margin:2rem auto;padding:1rem\">" +
                   $"<h1>{WebUtility.HtmlEncode(texts.Heading(status))}</h1><p role=\"alert\" data-testid=\"upload-error\">{WebUtility.HtmlEncode(message)}</p>{link}</main></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
