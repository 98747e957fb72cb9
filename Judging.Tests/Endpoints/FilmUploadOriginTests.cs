namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Headers;
using Judging.App.Films;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Issue 10, item 10: the film upload accepted <c>text/plain</c> from any Origin, so a page of another origin on the same
/// site (a sibling subdomain: the organiser's Lax cookie goes along) could replace a film. Now only video, octet-stream or
/// multipart bodies are taken, and only from this origin (a present <c>Origin</c> names this host, a present
/// <c>Sec-Fetch-Site</c> is same-origin).
/// </summary>
public sealed class FilmUploadOriginTests(FilmTestApp app) : IClassFixture<FilmTestApp>
{
    private static readonly byte[] SeedFilm = File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4"));

    private static HttpRequestMessage Upload(int entryId, HttpContent body, string? origin = null, string? fetchSite = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/films/{entryId}/video") { Content = body };
        if (origin is not null) req.Headers.Add("Origin", origin);
        if (fetchSite is not null) req.Headers.Add("Sec-Fetch-Site", fetchSite);
        return req;
    }

    private static ByteArrayContent Body(string type)
    {
        var c = new ByteArrayContent(SeedFilm);
        c.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return c;
    }

    [Fact]
    public async Task A_text_plain_upload_from_a_sibling_origin_replaces_nothing()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-011");

        // What a page on https://evil.example.com can send without a preflight: text/plain or multipart, with the cookie.
        var text = await org.SendAsync(Upload(id, Body("text/plain"), "http://evil.localhost", "same-site"));
        Assert.True(text.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnsupportedMediaType, $"{text.StatusCode}");
        using var form = new MultipartFormDataContent { { Body("video/mp4"), "file", "x.mp4" } };
        var multipart = await org.SendAsync(Upload(id, form, "http://evil.localhost", "same-site"));
        Assert.Equal(HttpStatusCode.Forbidden, multipart.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Set<FilmAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.EntryId == id)));

        // text/plain is refused even without an Origin: only video or multipart bodies.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await org.SendAsync(Upload(id, Body("text/plain")))).StatusCode);

        // The organiser's page (same origin) still uploads.
        var own = await org.SendAsync(Upload(id, Body("video/mp4"), "http://localhost", "same-origin"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
