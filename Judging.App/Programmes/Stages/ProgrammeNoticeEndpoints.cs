namespace Judging.App.Programmes.Stages;

using System.Globalization;
using Judging.App.Components.Pages.Programmes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// The public page of a programme's 公示 (issue 16, "公示: public notice with objections"):
/// <c>GET /programmes/{code}/notice</c> (anonymous; zh-CN, <c>?culture=en</c> for English) → 200 the published notice
/// (<see cref="ProgrammeNoticePage"/>: the list by category with level, applicant and project, the first and last day in Beijing
/// time, how to object with a link to <c>/programmes/{code}/notice/objection</c>, the contact), 404 a short page when none is
/// published. Static: its own small document rendered by <see cref="HtmlRenderer"/> (no MudBlazor, no circuit, no script),
/// phone first. A published notice is shared widely, so the rendered page is kept in memory for <see cref="PageCacheFor"/>
/// keyed by (notice id, <see cref="ProgrammeNotice.Version"/>, culture, culture from the query or not, phase), and served
/// with <c>Cache-Control: public, max-age=60</c>; every change bumps the version and forgets the notice
/// (<see cref="ProgrammeNotices.PublicAsync"/>).
/// </summary>
public static class ProgrammeNoticeEndpoints
{
    /// <summary>How long a rendered page is kept in memory.</summary>
    public static readonly TimeSpan PageCacheFor = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Cache-Control</c> of a published notice's page.</summary>
    public const string PublicCacheControl = "public, max-age=60";

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapProgrammeNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/programmes/{code}/notice", async (string code, HttpContext http, ProgrammeNotices notices, IMemoryCache cache, TimeProvider clock,
            CancellationToken ct) =>
        {
            var viaQuery = http.Request.Query.ContainsKey(Components.Pages.Public.PublicCulture.Parameter);
            var culture = CultureInfo.CurrentUICulture.Name;
            // The language may come from the culture cookie: a shared cache keeps one copy per cookie header.
            http.Response.Headers.Vary = "Cookie";
            if (await notices.PublicAsync(code, ct) is not { } notice)
            {
                http.Response.Headers.CacheControl = "no-cache";
                return Html(await RenderAsync(http, null, NoticePhase.Draft, culture, viaQuery, code), StatusCodes.Status404NotFound);
            }
            var phase = notice.PhaseAt(clock.GetUtcNow());
            var key = (nameof(ProgrammeNoticePage), notice.NoticeId, notice.Version, culture, viaQuery, phase);
            if (!cache.TryGetValue(key, out byte[]? page) || page is null)
            {
                // Kept as UTF-8 bytes: a hit costs a lookup and a copy to the socket, no encoding.
                page = System.Text.Encoding.UTF8.GetBytes(await RenderAsync(http, notice, phase, culture, viaQuery, code));
                cache.Set(key, page, PageCacheFor);
            }
            http.Response.Headers.CacheControl = PublicCacheControl;
            return Results.Bytes(page, "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static async Task<string> RenderAsync(HttpContext http, PublicNotice? notice, NoticePhase phase, string culture, bool viaQuery, string code)
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(ProgrammeNoticePage.Notice)] = notice,
            [nameof(ProgrammeNoticePage.Phase)] = phase,
            [nameof(ProgrammeNoticePage.Code)] = code,
            [nameof(ProgrammeNoticePage.KeepCulture)] = viaQuery ? culture : null,
        });
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
            return (await renderer.RenderComponentAsync<ProgrammeNoticePage>(parameters)).ToHtmlString();
        });
    }
}
