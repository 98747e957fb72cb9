namespace Judging.Tests.Programmes;

using Judging.App.Programmes;
using Judging.Domain.Cases;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Formal review (形式审查) of programme applications (issue 13, "Done when", last bullet): the competition's state machine with
/// the programme's checklist, 通过 / 退回修改 with reasons, resubmission and the history.
/// </summary>
public sealed class ProgrammeFormalReviewTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Mobile = "13900001314";
    private const string Organiser = "组织者 俞琳";

    private async Task<T> InScopeAsync<T>(Func<ProgrammeService, ProgrammeFormalReview, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeService>(), scope.ServiceProvider.GetRequiredService<ProgrammeFormalReview>());
    }

    [Fact]
    public async Task Seeded_submitted_applications_wait_in_the_queue_and_refused_ones_do_not()
    {
        var queue = (await InScopeAsync((_, r) => r.QueueAsync("government-quality-award-2025", CancellationToken.None)))!.Value;
        var board = (await InScopeAsync((s, _) => s.BoardAsync("government-quality-award-2025", CancellationToken.None)))!;
        // Only the seeded rows: the other test of this class adds its own application.
        Assert.Equal(board.Applications.Count(a => a.Seeded && a.Status == ProgrammeApplicationStatus.Submitted), queue.Rows.Count(r => r.Seeded));
        Assert.All(queue.Rows.Where(r => r.Seeded), r => Assert.Equal(FormalReviewStatus.Submitted, r.Review));
        Assert.All(board.Applications.Where(a => a.Seeded && a.Status == ProgrammeApplicationStatus.Refused), r => Assert.Equal(FormalReviewStatus.AwaitingDocument, r.Review));
    }

    [Fact]
    public async Task A_return_goes_back_to_the_applicant_who_resubmits_and_an_accept_with_a_missing_item_needs_a_reason()
    {
        // 质量金奖 for an organisation: registered 2010, a 公示 of 5 working days (2026-11-16 Mon – 11-20 Fri) before today.
        var start = await InScopeAsync((s, _) => s.StartAsync("government-quality-award-2025", "gold-model", Mobile, CancellationToken.None));
        var fields = new Dictionary<string, string?>
        {
            ["名称"] = "上海测试精密仪器有限公司", ["在沪登记注册"] = "是", ["登记注册日期"] = "2010-05-06", ["首席质量官制度"] = "是",
            ["声明无严重失信"] = "是", ["公示开始"] = "2026-11-16", ["公示结束"] = "2026-11-20", ["同年申报区级奖"] = "否",
        };
        var saved = await InScopeAsync((s, _) => s.SaveDraftAsync(start.Id, Mobile, fields, start.Revision, CancellationToken.None));
        Assert.True(saved.Eligibility!.Eligible, string.Join("\n", saved.Eligibility.Checks.Where(c => !c.Passed)));
        Assert.Equal(200, (await InScopeAsync((s, _) => s.SubmitAsync(start.Id, Mobile, CancellationToken.None))).Status);

        var none = new HashSet<string>();
        var refused = await InScopeAsync((_, r) => r.AcceptAsync(start.Id, none, null, Organiser, CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Contains("材料内容完整", refused.Reason!.ToString());
        Assert.Equal(400, (await InScopeAsync((_, r) => r.ReturnAsync(start.Id, none, " ", Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await InScopeAsync((_, r) => r.ReturnAsync(start.Id, none, "营业执照扫描件不清晰，请重新上传", Organiser, CancellationToken.None))).Status);

        var returned = (await InScopeAsync((s, _) => s.FormAsync(start.Id, Mobile, CancellationToken.None)))!;
        Assert.Equal(ProgrammeApplicationStatus.Returned, returned.Row.Status);
        Assert.Equal(FormalReviewStatus.Returned, returned.Row.Review);
        Assert.Equal("营业执照扫描件不清晰，请重新上传", returned.Row.ReturnReasons);
        // A second 退回 while it waits for the applicant is refused.
        Assert.Equal(409, (await InScopeAsync((_, r) => r.ReturnAsync(start.Id, none, "再退一次", Organiser, CancellationToken.None))).Status);

        Assert.Equal(200, (await InScopeAsync((s, _) => s.SaveDraftAsync(start.Id, Mobile, new Dictionary<string, string?> { ["名称"] = "上海测试精密仪器股份有限公司" }, returned.Revision, CancellationToken.None))).Status);
        Assert.Equal(200, (await InScopeAsync((s, _) => s.SubmitAsync(start.Id, Mobile, CancellationToken.None))).Status);
        var resubmitted = (await InScopeAsync((s, _) => s.FormAsync(start.Id, null, CancellationToken.None)))!.Row;
        Assert.Equal(FormalReviewStatus.Resubmitted, resubmitted.Review);

        // No material uploaded: the content tick alone does not make the required materials there; 通过 needs a reason.
        var ticks = new HashSet<string> { ProgrammeFormalReview.ContentKey };
        Assert.Equal(400, (await InScopeAsync((_, r) => r.AcceptAsync(start.Id, ticks, null, Organiser, CancellationToken.None))).Status);
        Assert.Equal(200, (await InScopeAsync((_, r) => r.AcceptAsync(start.Id, ticks, "纸质材料已现场提交", Organiser, CancellationToken.None))).Status);
        var accepted = (await InScopeAsync((s, _) => s.FormAsync(start.Id, null, CancellationToken.None)))!.Row;
        Assert.Equal(FormalReviewStatus.Accepted, accepted.Review);
        Assert.Equal([FormalReviewAction.Submit, FormalReviewAction.Return, FormalReviewAction.Resubmit, FormalReviewAction.Accept], accepted.ReviewHistory.Select(r => r.Action));
        Assert.Equal("纸质材料已现场提交", accepted.ReviewHistory[^1].OverrideReason);
        // Accepted: the applicant can neither change nor withdraw it.
        Assert.Equal(409, (await InScopeAsync((s, _) => s.WithdrawAsync(start.Id, Mobile, CancellationToken.None))).Status);
    }
}

/// <summary>
/// The organiser imports a programme's definition files (issue 13, "Programmes as data": "importable all-or-nothing like the
/// competition CSVs, with row/field-level errors in Chinese"): a bad row changes nothing; a known code gets its windows updated.
/// </summary>
public sealed class ProgrammeDefinitionImportTests(TestApp app) : IClassFixture<TestApp>
{
    private static Dictionary<string, string> Files(string code) =>
        Directory.GetFiles(Path.Combine(Paths.Seeds, "programmes", code), "*.csv")
            .Where(f => Judging.App.Programmes.Import.ProgrammeImport.Files.Contains(Path.GetFileName(f)))
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));

    private async Task<(string? Code, bool Created, IReadOnlyList<Judging.Domain.Competitions.Wording> Problems)> ImportAsync(Dictionary<string, string> files)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeService>().ImportDefinitionAsync(files, "组织者 俞琳", CancellationToken.None);
    }

    [Fact]
    public async Task A_bad_row_changes_nothing_and_a_known_code_gets_its_window_extended()
    {
        var files = Files("technology-award-2024");
        files["windows.csv"] = files["windows.csv"].Replace("2024-05-31 16:00", "2024-06-15 16:00", StringComparison.Ordinal);
        var bad = new Dictionary<string, string>(files) { ["categories.csv"] = files["categories.csv"] + "broken,无等级的类别,项目,,\n" };
        var refused = await ImportAsync(bad);
        Assert.Null(refused.Code);
        Assert.Equal("categories.csv 第4行：“奖项等级”不能为空", Assert.Single(refused.Problems).ToString());
        using (var scope = app.Services.CreateScope())
        {
            var before = (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().ListAsync(CancellationToken.None)).Single(p => p.Code == "technology-award-2024");
            Assert.Equal(new DateTimeOffset(2024, 5, 31, 8, 1, 0, TimeSpan.Zero), before.Definition.Windows.Single(w => w.Code == "nomination").Window.Closes);
        }

        var updated = await ImportAsync(files);
        Assert.Equal(("technology-award-2024", false), (updated.Code, updated.Created));
        using (var scope = app.Services.CreateScope())
        {
            var after = (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().ListAsync(CancellationToken.None)).Single(p => p.Code == "technology-award-2024");
            // 2024-06-15 16:00 Beijing, to the minute: closes at 16:01 Beijing = 08:01 UTC.
            Assert.Equal(new DateTimeOffset(2024, 6, 15, 8, 1, 0, TimeSpan.Zero), after.Definition.Windows.Single(w => w.Code == "nomination").Window.Closes);
        }

        // A new code is a new programme; a category with applications cannot be dropped.
        var next = Files("technology-award-2024");
        next["programme.csv"] = next["programme.csv"].Replace("technology-award-2024,2024年", "technology-award-2025,2025年", StringComparison.Ordinal);
        Assert.Equal(("technology-award-2025", true), ((await ImportAsync(next)).Code, (await app.WithDbAsync(db => db.Set<Programme>().AnyAsync(p => p.Code == "technology-award-2025")))));
        var dropped = Files("technology-award-2024");
        dropped["categories.csv"] = string.Join('\n', dropped["categories.csv"].Split('\n').Where(l => !l.StartsWith("progress,", StringComparison.Ordinal)));
        dropped["materials.csv"] = string.Join('\n', dropped["materials.csv"].Split('\n').Where(l => !l.StartsWith("progress,", StringComparison.Ordinal)));
        var kept = await ImportAsync(dropped);
        Assert.Null(kept.Code);
        Assert.Contains("progress", Assert.Single(kept.Problems).ToString());
    }
}
