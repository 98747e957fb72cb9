namespace Judging.App.Hosting;

/// <summary>
/// Response headers against clickjacking and content sniffing (issue 10, item 14), on every response, set just before it
/// starts (so error pages and antiforgery's own <c>X-Frame-Options: SAMEORIGIN</c> get them too):
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c> everywhere (media, documents, JSON, pages).</item>
/// <item>Pages that may be framed by this site only: the projector pages (<c>/projector/…</c>, shown in the venue's own
/// frame or a preview) and the case documents (<c>/cases/…</c>, shown in the expert's review page):
/// <c>X-Frame-Options: SAMEORIGIN</c> and <c>Content-Security-Policy: frame-ancestors 'self'</c>.</item>
/// <item>Everything else (sign-in, judge pads, the organiser's console, the public vote pages): never framed,
/// <c>X-Frame-Options: DENY</c> and <c>Content-Security-Policy: frame-ancestors 'none'</c>.</item>
/// </list>
/// Only <c>frame-ancestors</c> is set in the CSP: the Blazor and MudBlazor scripts are not constrained further here.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Path prefixes whose responses may be framed by this site.</summary>
    public static readonly IReadOnlyList<string> FramedBySelf = ["/projector", "/cases"];

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var self = FramedBySelf.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = self ? "SAMEORIGIN" : "DENY";
            headers.ContentSecurityPolicy = self ? "frame-ancestors 'self'" : "frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
