namespace Judging.Tests.Endpoints;

using System.Net;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app with small upload limits: 3 per submission link and 5 per address per window.</summary>
public sealed class UploadLimitTestApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Judging:Cases:UploadsPerLink"] = "3",
            ["Judging:Cases:UploadsPerAddress"] = "5",
        }));
    }
}

/// <summary>
/// Submission links go to outside units (issue 10, item 2): uploads are limited per link and per address (chained), so
/// a script cannot keep the document reader busy. A refusal is a Chinese page with 429, before any byte is read.
/// </summary>
public sealed class CaseUploadLimitTests(UploadLimitTestApp app) : IClassFixture<UploadLimitTestApp>
{
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string code)
    {
        var token = await app.WithDbAsync(db => Task.FromResult(
            (from l in db.Set<Judging.App.Cases.SubmissionLink>() join e in db.Entries on l.EntryId equals e.Id where e.Code == code select l.Token).Single()));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(CasesTestApp.Docx("质量")), "file", "a.docx" } };
        return await client.PostAsync($"/submit/{token}/upload", form);
    }

    [Fact]
    public async Task A_fourth_upload_through_one_link_and_a_sixth_from_one_address_are_refused_with_429()
    {
        // EnsureLinks runs with the intake queue; the seeds without case documents have links once it is built.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Judging.App.Persistence.JudgingDb>();
            await scope.ServiceProvider.GetRequiredService<Judging.App.Cases.CaseIntakeService>().EnsureLinksAsync(db.Competitions.Select(c => c.Id).First(), default);
        }
        using var client = app.Browser();
        for (var i = 0; i < 3; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(client, "AL-002")).StatusCode);
        var refused = await PostAsync(client, "AL-002");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("上传过于频繁", await refused.Content.ReadAsStringAsync());

        // Another link from the same address: two more pass (5 in all), the sixth is refused.
        for (var i = 0; i < 2; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(client, "AL-003")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(client, "AL-004")).StatusCode);
    }
}
