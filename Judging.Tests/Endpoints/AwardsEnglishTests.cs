namespace Judging.Tests.Endpoints;

using System.Net;
using System.Text;
using Judging.Tests.Support;

/// <summary>
/// The certificates' fixed wording and the exports' column headers follow the UI culture (issue 12, section 3): on the
/// seeded 2025 speech track carried to confirmed awards, <c>?culture=en</c> gives English certificates and English CSV
/// headers (still UTF-8 with BOM), and the default stays Chinese.
/// </summary>
public sealed class AwardsEnglishTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    [Fact]
    public async Task Certificates_and_exports_read_in_english_with_culture_en_and_in_chinese_by_default()
    {
        var scenario = await ResultsData.CompleteSpeechAsync(app.Services, new ResultsPlan { Publish = false });
        var id = scenario.CompetitionId;
        using var organiser = await ResultsData.OrganiserClientAsync(app);

        var zh = WebUtility.HtmlDecode(await organiser.GetStringAsync($"/organiser/certificates/{id}/Speech"));
        Assert.Contains("荣誉证书", zh);
        Assert.Contains("上海市质量协会", zh);
        var en = WebUtility.HtmlDecode(await organiser.GetStringAsync($"/organiser/certificates/{id}/Speech?culture=en"));
        Assert.Contains("Certificate of Honour", en);
        Assert.Contains("First Prize", en);
        Assert.Contains("Shanghai Association for Quality", en);
        Assert.DoesNotContain("荣誉证书", en);
        Assert.DoesNotContain("特发此证", en);

        var csv = await organiser.GetByteArrayAsync($"/organiser/exports/{id}/Speech/results.csv?culture=en");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var header = Encoding.UTF8.GetString(csv[3..]).Split('\n')[0];
        Assert.StartsWith("Entry no.,Title,Unit", header);
        Assert.Contains("First prize", Encoding.UTF8.GetString(csv));
        var raw = Encoding.UTF8.GetString(await organiser.GetByteArrayAsync($"/organiser/exports/{id}/Speech/raw-scores.csv?culture=en"));
        Assert.Contains("Criterion 1", raw.Split('\n')[0]);
        var zhCsv = Encoding.UTF8.GetString(await organiser.GetByteArrayAsync($"/organiser/exports/{id}/Speech/results.csv"));
        Assert.StartsWith("\uFEFF作品编号,作品名称", zhCsv);
    }
}
