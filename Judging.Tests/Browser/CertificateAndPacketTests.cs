namespace Judging.Tests.Browser;

using System.Text;
using System.Text.RegularExpressions;
using Judging.Domain.Awards;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// After complete speech results (built by <see cref="ResultsData"/> on the live app's database): the certificates
/// print one A4 page each, the organiser confirms a commendation, an audit packet verifies and a tampered one does
/// not, and the public results page reads well on a 375 px phone.
/// </summary>
public sealed partial class CertificateAndPacketTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    // Speeches only: the public page lists the commendation once every track with entries is published.
    protected override string? SeedsPath => Paths.SpeechOnlySeedsWithoutScores;

    [Fact]
    public async Task Certificates_commendation_audit_packet_and_public_page()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var (scenario, view) = await ResultsData.OnLiveAppAsync(App, async sp =>
        {
            var s = await ResultsData.CompleteSpeechAsync(sp);
            return (s, await ResultsData.LoadAsync(sp, s.CompetitionId));
        });
        var id = scenario.CompetitionId;
        var expected = view.Outcome!.Lines.Count(l => l.Award != "");
        var awards = view.Outcome.Lines.Count(l => l.Tier is not null);
        Assert.True(awards > 0 && expected > awards);

        // 1. Certificates: one per award and per participation certificate, one A4 page each.
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/certificates/{id}/Speech");
        await Expect(page.Locator("[data-testid=certificate]")).ToHaveCountAsync(expected);
        await Expect(page.Locator("[data-testid=certificate]").First.Locator("[data-testid=cert-award]")).ToHaveTextAsync("一等奖");
        await Expect(page.Locator("[data-testid=certificate]").Last.Locator("[data-testid=cert-award]")).ToHaveTextAsync(AwardNames.Participation);
        await Expect(page.Locator("[data-testid=certificate]").First).ToContainTextAsync("上海市质量协会");
        await Expect(page.Locator("[data-testid=certificate]").First).ToContainTextAsync(view.Competition.Name);
        var fontOk = await page.EvaluateAsync<bool>("() => document.fonts.check('24px \"Noto Serif CJK SC\"', '荣誉证书')");
        Output.WriteLine($"Noto Serif CJK SC available: {fontOk}");
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        await File.WriteAllBytesAsync(Path.Combine(Paths.Screenshots, "certificates.pdf"), pdf);
        Assert.Equal(expected, PdfPages(pdf));
        await page.ShotAsync(Output, "certificates");

        await page.ClickAsync("[data-testid=filter-awards]");
        await Expect(page.Locator("[data-testid=certificate]")).ToHaveCountAsync(awards);
        Assert.Equal(awards, PdfPages(await page.PdfAsync(new() { Format = "A4", PrintBackground = true })));
        await page.ClickAsync("[data-testid=filter-participation]");
        await Expect(page.Locator("[data-testid=certificate]")).ToHaveCountAsync(expected - awards);

        // Not before the awards are confirmed (the film track has none).
        await page.GotoAsync($"{App.BaseUrl}/organiser/certificates/{id}/MicroFilm");
        await Expect(page.Locator("[data-testid=cert-message]")).ToContainTextAsync("尚未确认");
        await Expect(page.Locator("[data-testid=certificate]")).ToHaveCountAsync(0);

        // 2. Commendation: confirm the first proposed recommender with a note.
        await page.GotoAsync($"{App.BaseUrl}/organiser/commendation/{id}");
        await People.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=commendation] tbody tr").First).ToBeVisibleAsync();
        var proposed = page.Locator("[data-testid^=proposed-]");
        Assert.True(await proposed.CountAsync() > 0, "at least one recommender is proposed");
        var recId = (await proposed.First.GetAttributeAsync("data-testid"))!["proposed-".Length..];
        await page.FillAsync($"[data-testid=note-{recId}]", "组织推荐工作扎实，作品质量高");
        await page.Locator($"[data-testid=note-{recId}]").DispatchEventAsync("change");
        await page.ClickAsync($"[data-testid=commend-{recId}]");
        await Expect(page.Locator($"[data-testid=state-{recId}]")).ToContainTextAsync("已确认表扬");
        await page.ShotAsync(Output, "commendation");

        // 3. Audit packet: the downloaded packet verifies; one point changed fails the hash.
        await page.GotoAsync($"{App.BaseUrl}/organiser/audit-packet/{id}/Speech");
        await People.WaitForCircuitAsync(page);
        var sha = await page.Locator("[data-testid=current-sha]").InnerTextAsync();
        Assert.Matches("^[0-9a-f]{64}$", sha.Trim());
        var download = await organiser.APIRequest.GetAsync($"{App.BaseUrl}/organiser/exports/{id}/Speech/audit-packet.json");
        Assert.Equal(200, download.Status);
        var json = Encoding.UTF8.GetString(await download.BodyAsync());
        var dir = Directory.CreateTempSubdirectory("judging-packet-").FullName;
        try
        {
            var good = Path.Combine(dir, "审计包.json");
            await File.WriteAllTextAsync(good, json);
            await page.SetInputFilesAsync("[data-testid=packet-file]", good);
            await Expect(page.Locator("[data-testid=hash-check]")).ToContainTextAsync("✓ 哈希一致");
            await Expect(page.Locator("[data-testid=results-check]")).ToContainTextAsync("✓ 重新计算结果一致");
            await Expect(page.Locator("[data-testid=same-as-current]")).ToContainTextAsync("与确认并公布的结果相同");
            await Expect(page.Locator("[data-testid=no-differences]")).ToBeVisibleAsync();
            await page.ShotAsync(Output, "audit-packet-ok");

            var bad = Path.Combine(dir, "审计包-改动.json");
            await File.WriteAllTextAsync(bad, AuditPacketTampering.ChangeOnePoint(json));
            await page.SetInputFilesAsync("[data-testid=packet-file]", bad);
            await Expect(page.Locator("[data-testid=hash-check]")).ToContainTextAsync("✗ 哈希一致");
            await Expect(page.Locator("[data-testid=differences]")).ToContainTextAsync("SHA-256 不符");
            await page.ShotAsync(Output, "audit-packet-tampered");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // 4. The public page on a phone, and the organiser pages on a phone too.
        var phone = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
        });
        var pub = await phone.NewPageAsync();
        await pub.GotoAsync($"{App.BaseUrl}/results/{id}");
        await Expect(pub.Locator("[data-testid=track-Speech]")).ToContainTextAsync("一等奖");
        await Expect(pub.Locator("[data-testid=award-line]")).ToHaveCountAsync(awards);
        await Expect(pub.Locator("[data-testid=commended]")).ToBeVisibleAsync();
        Assert.False(await pub.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "no sideways scrolling at 375 px");
        // The verifiable tally (issue 14, §2): the head pinned at confirmation, the export and the vote-audit report beside the results.
        await Expect(pub.Locator("[data-testid=tally-Speech]")).ToContainTextAsync("链头");
        await Expect(pub.Locator("[data-testid=tally-download]")).ToHaveAttributeAsync("href", $"/results/{id}/tally.json");
        await pub.ShotAsync(Output, "public-results-375");
        await pub.ScreenshotAsync(new() { Path = Path.Combine(Paths.Screenshots, "public-results-375-full.png"), FullPage = true });
        await pub.Locator("[data-testid=vote-audit-link]").ClickAsync();
        await Expect(pub.Locator("[data-testid=not-published]")).ToBeVisibleAsync(); // the films' results are not published here
        Assert.False(await pub.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "no sideways scrolling at 375 px");
        await pub.ShotAsync(Output, "vote-audit-375");

        var organiserPhone = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
            StorageState = await organiser.StorageStateAsync(),
        });
        var small = await organiserPhone.NewPageAsync();
        await small.GotoAsync($"{App.BaseUrl}/organiser/certificates/{id}/Speech");
        await Expect(small.Locator("[data-testid=certificate]")).ToHaveCountAsync(expected);
        await small.ShotAsync(Output, "certificates-375");
        await small.GotoAsync($"{App.BaseUrl}/organiser/commendation/{id}");
        await Expect(small.Locator($"[data-testid=state-{recId}]")).ToContainTextAsync("已确认表扬");
        await small.ShotAsync(Output, "commendation-375");
    }

    /// <summary>Pages of a PDF: its page objects (<c>/Type /Page</c>, not <c>/Pages</c>).</summary>
    private static int PdfPages(byte[] pdf) => PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
