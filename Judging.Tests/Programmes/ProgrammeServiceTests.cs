namespace Judging.Tests.Programmes;

using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Import;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The four programmes load on first run and the engine checks their applications (issue 13, "Done when", first bullet):
/// the seeded rows go through the same importer and rules as a typed form, and each one's failing rules equal its 预期.
/// </summary>
public sealed class ProgrammeServiceTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Mobile = "13900001313";

    private async Task<T> WithServiceAsync<T>(Func<ProgrammeService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeService>());
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Expected(string code)
    {
        var dir = Path.Combine(Paths.Seeds, "programmes", code);
        var csv = File.ReadAllText(Path.Combine(dir, ApplicantImport.ApplicantsFile));
        IEnumerable<(string Id, IReadOnlyList<string> Expected)> rows = code switch
        {
            "government-quality-award-2025" => ApplicantImport.GovernmentQualityAward2025(csv, File.ReadAllText(Path.Combine(dir, ApplicantImport.PastWinnersFile))).Applicants!.Select(a => (a.Id, a.Expected)),
            "quality-benchmark-2021" => ApplicantImport.QualityBenchmark2021(csv).Applicants!.Select(a => (a.Id, a.Expected)),
            "technology-award-2022" => ApplicantImport.TechnologyAward2022(csv).Applicants!.Select(a => (a.Id, a.Expected)),
            "technology-award-2024" => ApplicantImport.TechnologyAward2024(csv).Applicants!.Select(a => (a.Id, a.Expected)),
            _ => throw new ArgumentOutOfRangeException(nameof(code)),
        };
        return rows.ToDictionary(r => r.Id, r => r.Expected);
    }

    [Theory]
    [InlineData("government-quality-award-2025", 32)]
    [InlineData("quality-benchmark-2021", 26)]
    [InlineData("technology-award-2022", 30)]
    [InlineData("technology-award-2024", 27)]
    public async Task Each_seeded_application_fails_exactly_the_rules_of_its_row(string code, int rows)
    {
        var board = await WithServiceAsync(s => s.BoardAsync(code, CancellationToken.None));
        Assert.NotNull(board);
        var expected = Expected(code);
        Assert.Equal(rows, board.Applications.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), board.Applications.Select(a => a.Reference));
        foreach (var row in board.Applications)
        {
            Assert.Empty(row.Eligibility.Problems);
            Assert.True(expected[row.Reference].SequenceEqual(row.Eligibility.FailedCodes),
                $"{code} {row.Reference}: expected {string.Join(",", expected[row.Reference])}, got {string.Join(",", row.Eligibility.FailedCodes)}");
            // Refused exactly when a rule fails.
            Assert.Equal(row.Eligibility.Eligible ? ProgrammeApplicationStatus.Submitted : ProgrammeApplicationStatus.Refused, row.Status);
        }
        Assert.Contains(board.Applications, a => a.Status == ProgrammeApplicationStatus.Submitted);
        Assert.Contains(board.Applications, a => a.Status == ProgrammeApplicationStatus.Refused);
    }

    [Fact]
    public async Task The_calendar_and_the_past_winners_are_loaded()
    {
        var (days, winners, programmes) = await app.WithDbAsync(async db => (
            await db.Set<WorkingCalendarDay>().CountAsync(), await db.Set<ProgrammePastWinner>().CountAsync(), await db.Set<Programme>().CountAsync()));
        Assert.Equal(4, programmes);
        // past-winners.csv: 11 rows.
        Assert.Equal(11, winners);
        Assert.Equal(File.ReadAllLines(Path.Combine(Paths.Seeds, "calendar", "cn-workdays.csv")).Count(l => l.Trim().Length > 0) - 1, days);
    }

    [Fact]
    public async Task The_2022_caps_show_the_applicant_over_its_direction()
    {
        var board = (await WithServiceAsync(s => s.BoardAsync("technology-award-2022", CancellationToken.None)))!;
        Assert.Contains(board.Caps, c => c.Over);
        // Every over-cap group has as many rows failing "cap" as it is over.
        foreach (var over in board.Caps.Where(c => c.Over))
            Assert.Equal(over.Counted - over.Limit, board.Applications.Count(a => a.Applicant == over.Applicant && a.Eligibility.FailedCodes.Contains("cap")
                && a.Category.Name == over.Category));
    }

    [Fact]
    public async Task An_individual_with_four_years_is_refused_gold_and_the_organiser_admits_it_with_a_reason()
    {
        var start = await WithServiceAsync(s => s.StartAsync("government-quality-award-2025", "gold-achievement", Mobile, CancellationToken.None));
        Assert.Equal(200, start.Status);
        var fields = new Dictionary<string, string?>
        {
            ["名称"] = "赵明远", ["所在单位"] = "上海申蓝精密机械有限公司", ["在沪从事质量工作年限"] = "4", ["首席质量官制度"] = "是",
            ["声明无严重失信"] = "是", ["公示开始"] = "2025-06-09", ["公示结束"] = "2025-06-13", ["同年申报区级奖"] = "否",
        };
        var saved = await WithServiceAsync(s => s.SaveDraftAsync(start.Id, Mobile, fields, start.Revision, CancellationToken.None));
        Assert.Equal(200, saved.Status);
        var check = Assert.Single(saved.Eligibility!.Checks, c => c.Code == "gold-work-5y");
        Assert.False(check.Passed);
        Assert.Contains("5年", check.Reason.ToString());

        // A stale revision is refused and nothing is overwritten.
        var stale = await WithServiceAsync(s => s.SaveDraftAsync(start.Id, Mobile, new Dictionary<string, string?> { ["名称"] = "别人" }, start.Revision, CancellationToken.None));
        Assert.Equal(409, stale.Status);
        // Someone else's mobile does not see it.
        Assert.Null(await WithServiceAsync(s => s.FormAsync(start.Id, "13900009999", CancellationToken.None)));

        var submitted = await WithServiceAsync(s => s.SubmitAsync(start.Id, Mobile, CancellationToken.None));
        Assert.Equal(400, submitted.Status);
        Assert.Contains("5年", submitted.Reason!.ToString());
        var form = (await WithServiceAsync(s => s.FormAsync(start.Id, Mobile, CancellationToken.None)))!;
        Assert.Equal(ProgrammeApplicationStatus.Refused, form.Row.Status);
        Assert.Equal("赵明远", form.Row.Title);

        Assert.Equal(400, (await WithServiceAsync(s => s.AdmitAsync(start.Id, " ", "组织者 俞琳", CancellationToken.None))).Status);
        var admitted = await WithServiceAsync(s => s.AdmitAsync(start.Id, "经核实其在沪从事质量工作满5年，申报表填写有误", "组织者 俞琳", CancellationToken.None));
        Assert.Equal(200, admitted.Status);
        var after = (await WithServiceAsync(s => s.FormAsync(start.Id, null, CancellationToken.None)))!;
        Assert.Equal(ProgrammeApplicationStatus.Submitted, after.Row.Status);
        Assert.Equal("经核实其在沪从事质量工作满5年，申报表填写有误", after.Row.AdmissionReason);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "准予受理" && e.After == "经核实其在沪从事质量工作满5年，申报表填写有误")));
    }
}
