namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Cases;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The low items of issue 10 (item 14, this half): the setup page shows its form only for a valid unclaimed token; staff
/// pages cannot be framed, projector pages only by this site; responses are never sniffed; file names longer than their
/// column are refused in Chinese, not cut and stored.
/// </summary>
public sealed class LowHardeningTests(CasesTestApp app) : IClassFixture<CasesTestApp>
{
    [Theory]
    [InlineData("/login", "DENY", "frame-ancestors 'none'")]
    [InlineData("/organiser", "DENY", "frame-ancestors 'none'")]
    [InlineData("/judge/login", "DENY", "frame-ancestors 'none'")]
    [InlineData("/projector/1", "SAMEORIGIN", "frame-ancestors 'self'")]
    public async Task Staff_pages_refuse_framing_and_projector_pages_allow_only_this_site(string path, string frameOptions, string csp)
    {
        var res = await app.Browser().GetAsync(path);
        Assert.Equal(frameOptions, Assert.Single(res.Headers.GetValues("X-Frame-Options")));
        Assert.Contains(csp, Assert.Single(res.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(res.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Media_is_never_sniffed()
    {
        var film = await app.EntryIdAsync("WDY-001");
        var res = await app.Browser().GetAsync($"/media/films/{film}/poster");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("nosniff", Assert.Single(res.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_case_file_name_longer_than_its_column_is_refused_in_Chinese_and_nothing_is_stored()
    {
        var client = app.Browser();
        var token = await app.TokenAsync("AL-025");
        var html = await client.GetStringAsync($"/submit/{token}");
        var af = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent { { new StringContent(af), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(CasesTestApp.Docx("数字孪生驱动的整车质量改进"));
        var longName = new string('长', 300) + ".docx";
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = longName };
        form.Add(file);
        var res = await client.PostAsync($"/submit/{token}/upload", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("文件名过长", await res.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => (from d in db.Set<CaseDocument>() join e in db.Entries on d.EntryId equals e.Id where e.Code == "AL-025" select d).AnyAsync()));
    }

    [Fact]
    public async Task A_film_file_name_longer_than_a_file_name_may_be_is_refused_in_Chinese()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-004");
        var before = await app.WithDbAsync(db => db.Set<Judging.App.Films.FilmAsset>().AsNoTracking().Where(a => a.EntryId == id).Select(a => a.Sha256).FirstOrDefaultAsync());
        var video = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4")));
        video.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        using var form = new MultipartFormDataContent { { video, "file", new string('长', 300) + ".mp4" } };
        var res = await organiser.PostAsync($"/api/films/{id}/video", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("文件名过长", await res.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Judging.App.Films.FilmAsset>().AsNoTracking().Where(a => a.EntryId == id).Select(a => a.Sha256).FirstOrDefaultAsync()));
    }
}

/// <summary>The first-run link's page (issue 10, item 14), on an app without an organiser.</summary>
public sealed class SetupPageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_setup_page_shows_no_form_for_an_unknown_token_and_the_form_for_the_real_one()
    {
        var res = await app.Browser().GetAsync("/setup/anything-at-all");
        var html = await res.Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"Password\"", html);
        Assert.Contains("链接已失效", html);

        using var scope = app.Services.CreateScope();
        var token = await SetupLink.IssueIfNeededAsync(scope.ServiceProvider.GetRequiredService<Judging.App.Persistence.JudgingDb>(), TimeProvider.System, default);
        Assert.NotNull(token); // no organiser in this fixture
        var page = await app.Browser().GetAsync($"/setup/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"Password\"", await page.Content.ReadAsStringAsync());
    }

}
