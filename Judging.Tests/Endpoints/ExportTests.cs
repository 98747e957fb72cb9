namespace Judging.Tests.Endpoints;

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Judging.App.Awards;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A seeded app with complete, published speech results (built once for the export tests).</summary>
public sealed class PublishedResultsFixture : IAsyncLifetime
{
    /// <summary>The app in memory.</summary>
    public TestApp App { get; } = new();
    /// <summary>What the results builder did.</summary>
    public ResultsScenario Scenario { get; private set; } = default!;
    /// <summary>A signed-in organiser.</summary>
    public HttpClient Organiser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Scenario = await ResultsData.CompleteSpeechAsync(App.Services);
        Organiser = await ResultsData.OrganiserClientAsync(App);
    }

    public Task DisposeAsync()
    {
        Organiser.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The organiser's downloads: results.csv, raw-scores.csv and the audit packet.</summary>
public sealed class ExportTests(PublishedResultsFixture fixture) : IClassFixture<PublishedResultsFixture>
{
    private string Url(string file) => $"/organiser/exports/{fixture.Scenario.CompetitionId}/Speech/{file}";

    [Fact]
    public async Task Results_csv_has_the_bom_the_chinese_header_one_row_per_entry_and_every_override_reason()
    {
        var res = await fixture.Organiser.GetAsync(Url("results.csv"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "results.csv must start with the UTF-8 BOM");

        var rows = ReadCsv(bytes);
        Assert.Equal(["作品编号", "作品名称", "参赛单位", "集团公司", "推荐单位", "分赛区", "演讲者/作者", "初赛得分", "初赛名次", "标准分",
            "入围状态", "入围说明", "调整理由", "决赛得分", "决赛名次", "奖项", "奖项说明", "观摩奖项"], rows[0]);
        var speechEntries = await fixture.App.WithDbAsync(db => db.Entries.CountAsync(e => e.Track == Track.Speech));
        Assert.Equal(speechEntries, rows.Count - 1);
        Assert.Equal(rows.Count - 1, rows.Skip(1).Select(r => r[0]).Distinct().Count());

        Assert.NotEmpty(fixture.Scenario.OverrideReasons);
        var reasons = rows.Skip(1).Select(r => r[12]).ToList();
        foreach (var reason in fixture.Scenario.OverrideReasons) Assert.Contains(reason, reasons);
        var admitted = rows.Single(r => r[12] == ResultsData.AdmitReason);
        Assert.Equal("入围", admitted[10]);
        Assert.NotEqual("", admitted[13]); // scored in the final
        var finalists = rows.Skip(1).Count(r => r[10] == "入围");
        Assert.Equal(await fixture.App.WithDbAsync(db => db.RoundEntries.CountAsync(x => x.RoundId == fixture.Scenario.FinalRoundId)), finalists);

        // Awards: every tier and the participation certificate are there; the withdrawn entry has none.
        var awards = rows.Skip(1).Select(r => r[15]).ToList();
        foreach (var tier in new[] { "一等奖", "二等奖", "三等奖", AwardNames.Participation }) Assert.Contains(tier, awards);
        var withdrawn = await fixture.App.WithDbAsync(db => db.Entries.Where(e => e.Id == fixture.Scenario.WithdrawnEntryId).Select(e => e.Code).SingleAsync());
        Assert.Equal("", rows.Single(r => r[0] == withdrawn)[15]);
    }

    [Fact]
    public async Task Raw_scores_csv_has_one_row_per_score_record()
    {
        var res = await fixture.Organiser.GetAsync(Url("raw-scores.csv"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.True(bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);
        var rows = ReadCsv(bytes);
        Assert.Equal("轮次", rows[0][0]);
        var records = await fixture.App.WithDbAsync(db =>
            db.ScoreRecords.CountAsync(r => db.Rounds.Any(x => x.Id == r.RoundId && x.Track == Track.Speech)));
        Assert.Equal(fixture.Scenario.PreliminaryCards + fixture.Scenario.FinalCards, records);
        Assert.Equal(records, rows.Count - 1);
        Assert.Contains(rows.Skip(1), r => r[0].Contains("决赛"));
    }

    [Fact]
    public async Task The_audit_packet_verifies_and_a_copy_with_one_point_changed_fails_the_hash()
    {
        var res = await fixture.Organiser.GetAsync(Url("audit-packet.json"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var json = await res.Content.ReadAsStringAsync();
        var check = AuditPacket.Verify(json);
        Assert.True(check.HashMatches, string.Join("\n", check.Differences));
        Assert.True(check.ResultsMatch, string.Join("\n", check.Differences));
        Assert.True(check.Verified);
        Assert.Empty(check.Differences);

        var tampered = AuditPacketTampering.ChangeOnePoint(json);
        var bad = AuditPacket.Verify(tampered);
        Assert.True(bad.Readable);
        Assert.False(bad.HashMatches);
        Assert.False(bad.Verified);
        Assert.Contains(bad.Differences, d => d.Contains("SHA-256"));
    }

    [Fact]
    public async Task Exports_are_for_the_organiser_only()
    {
        foreach (var file in new[] { "results.csv", "raw-scores.csv", "audit-packet.json" })
        {
            var res = await fixture.App.Browser().GetAsync(Url(file));
            Assert.NotEqual(HttpStatusCode.OK, res.StatusCode);
        }
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }
}

/// <summary>The public results page (/results/{id}): nothing before publication, the awards after.</summary>
public sealed class PublicResultsTests
{
    [Fact]
    public async Task The_public_page_shows_nothing_before_publication_and_the_awards_after()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        var competitionId = await app.WithDbAsync(db => db.Competitions.Select(c => c.Id).FirstAsync());

        var fresh = await PageAsync(client, competitionId);
        Assert.Contains("结果尚未发布", fresh);

        var scenario = await ResultsData.CompleteSpeechAsync(app.Services, new ResultsPlan { Publish = false });
        var view = await ResultsData.LoadAsync(app.Services, competitionId);
        Assert.True(view.AwardsConfirmed);
        var winners = view.Outcome!.Tiers.Lines.Where(l => l.Tier is not null).Select(l => view.Entries[l.Candidate.EntryId]).ToList();
        var participants = view.Outcome.Lines.Where(l => l.Award == AwardNames.Participation).Select(l => view.Entries[l.EntryId]).ToList();
        Assert.NotEmpty(winners);
        Assert.NotEmpty(participants);

        // A commendation decided before publication is not shown either.
        var recommenderId = view.Input.Entries.First(e => e.EntryId == winners[0].EntryId).RecommenderId;
        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AwardsService>().SetCommendationAsync(competitionId, recommenderId, true, "测试", "测试", default));
        var recommenderName = winners[0].Recommender;

        var before = await PageAsync(client, competitionId);
        Assert.Contains("结果尚未发布", before);
        Assert.DoesNotContain("一等奖", before);
        Assert.DoesNotContain(recommenderName, before);
        Assert.All(winners, w => Assert.DoesNotContain(w.Title, before));

        await ResultsData.PublishAsync(app.Services, competitionId, true);
        var after = await PageAsync(client, competitionId);
        Assert.DoesNotContain("结果尚未发布", after);
        foreach (var tier in new[] { "一等奖", "二等奖", "三等奖" }) Assert.Contains(tier, after);
        Assert.All(winners, w => { Assert.Contains($"《{w.Title}》", after); Assert.Contains(w.Unit, after); });
        // Participation certificates are counted, not listed; no scores are shown.
        Assert.Contains($"另有 {participants.Count} 件作品获颁参赛成果证书", NormaliseSpace(after));
        Assert.All(participants, p => Assert.DoesNotContain(p.Title, after));
        // Commendation ranks recommenders across every track: with films and cases in the seeds still unpublished, it stays hidden.
        Assert.DoesNotContain(recommenderName, after);
        Assert.DoesNotContain("初赛得分", after);
        foreach (var line in view.Outcome.Lines.Where(l => l.FinalScore is not null))
            Assert.DoesNotContain(Judging.Domain.Scoring.Aggregation.Display(line.FinalScore), after);

        // Withdrawing the publication hides everything again.
        await ResultsData.PublishAsync(app.Services, competitionId, false);
        var withdrawn = await PageAsync(client, competitionId);
        Assert.Contains("结果尚未发布", withdrawn);
        Assert.All(winners, w => Assert.DoesNotContain(w.Title, withdrawn));
        Assert.NotNull(scenario);
    }

    [Fact]
    public async Task An_unknown_competition_says_so()
    {
        using var app = new TestApp();
        var html = await PageAsync(app.CreateClient(), 999);
        Assert.Contains("大赛不存在", html);
    }

    private static async Task<string> PageAsync(HttpClient client, int competitionId)
    {
        var res = await client.GetAsync($"/results/{competitionId}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
    }

    private static string NormaliseSpace(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ")
        .Replace("<strong>", "").Replace("</strong>", "");
}

/// <summary>Changes one point of one card in an audit packet, keeping the stored hash.</summary>
public static class AuditPacketTampering
{
    /// <summary>The packet with the first preliminary card's first point moved by half a point (its hash untouched).</summary>
    public static string ChangeOnePoint(string json)
    {
        var node = JsonNode.Parse(json)!;
        var points = node["input"]!["preliminaryCards"]!.AsArray()[0]!["points"]!.AsArray();
        var p = points[0]!.GetValue<decimal>();
        points[0] = p >= 0.5m ? p - 0.5m : p + 0.5m;
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
