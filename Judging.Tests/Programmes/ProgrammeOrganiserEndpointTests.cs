namespace Judging.Tests.Programmes;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Judging.App.Programmes;
using Judging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The organiser's programme endpoints (issue 13, "Organiser"): admitting a refused application with a reason, and the
/// board's CSV export with every rule's result.
/// </summary>
public sealed class ProgrammeOrganiserEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Code = "government-quality-award-2025";

    private async Task<ProgrammeBoard> BoardAsync()
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().BoardAsync(Code, default))!;
    }

    [Fact]
    public async Task Admitting_a_refused_application_needs_a_reason_and_records_it()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        // The last refused one (its 预期 names a failing rule).
        var refused = (await BoardAsync()).Applications.Where(a => a.Status == ProgrammeApplicationStatus.Refused).ToList();
        Assert.True(refused.Count >= 2, "the seed has refused applications");
        var row = refused[^1];

        var none = await organiser.PostAsJsonAsync($"/api/programme-applications/{row.Id}/admit", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("请填写准予受理的理由", await none.Content.ReadAsStringAsync());

        var ok = await organiser.PostAsJsonAsync($"/api/programme-applications/{row.Id}/admit", new { reason = "经核实已整改到位" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = (await BoardAsync()).Applications.Single(a => a.Id == row.Id);
        Assert.Equal(ProgrammeApplicationStatus.Submitted, after.Status);
        Assert.Equal("经核实已整改到位", after.AdmissionReason);
        var audit = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditEntries, a => a.Action == "准予受理" && a.After == "经核实已整改到位"));
        Assert.StartsWith("组织者 ", audit.Actor);

        // Once admitted it is no longer refused: 409; no such application: 404.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"/api/programme-applications/{row.Id}/admit", new { reason = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsJsonAsync("/api/programme-applications/999999/admit", new { reason = "理由充分" })).StatusCode);
    }

    [Fact]
    public async Task The_export_lists_every_application_with_its_rules_as_text()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var res = await organiser.GetAsync($"/api/programmes/{Code}/applications.csv");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/csv", res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 BOM, for Excel
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var board = await BoardAsync();
        var lines = text.TrimEnd('\r', '\n').Split("\r\n");
        // The header and one line per application (no field of the seed holds a line break).
        Assert.Equal(board.Applications.Count + 1, lines.Length);
        Assert.StartsWith("编号,奖项类别,名称/项目,申报主体,状态,准予受理理由,申报条件,材料,提交时间（北京时间）,", lines[0]);
        Assert.EndsWith(string.Join(",", board.Programme.Definition.RuleCodes), lines[0]);
        var g03 = board.Applications.Single(a => a.Reference == "G03");
        var line = lines.Single(l => l.StartsWith("G03,", StringComparison.Ordinal));
        // G03 fails gold-operating-3y only (预期), so it is refused with 1 rule failing and that rule's reason after ✗.
        Assert.Contains(",不予受理,", line);
        Assert.Contains(",1 项不符合,", line);
        Assert.Contains("✗ " + g03.Eligibility.Checks.Single(c => !c.Passed).Reason, line);
        Assert.Equal(g03.Eligibility.Checks.Count(c => c.Passed), line.Split("✔ ").Length - 1); // the gold award's rules; the mayor award's own are empty cells

        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync("/api/programmes/no-such-programme/applications.csv")).StatusCode);
    }
}
