namespace Judging.Tests.Programmes;

using Judging.App.Programmes;
using Judging.Domain.Cases;
using Judging.Tests.Support;
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
