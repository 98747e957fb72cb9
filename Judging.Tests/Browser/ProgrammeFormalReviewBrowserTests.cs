namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Formal review of programme applications in the browser (issue 13, "Done when", last bullet): the organiser opens the queue
/// of 上海市政府质量奖, returns G01 with a reason, and accepts G02 with its content ticked and, since no material was uploaded,
/// a reason to accept anyway; both steps stay in the history.
/// </summary>
public sealed class ProgrammeFormalReviewBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Organiser_returns_one_application_and_accepts_another_with_a_reason()
    {
        var organiser = await Browser.OrganiserAsync(App);
        var queue = await organiser.NewPageAsync();
        await queue.GotoAsync($"{App.BaseUrl}/organiser/programmes/government-quality-award-2025/formal-review");
        await Expect(queue.Locator("[data-testid=pfr-status-G01]")).ToHaveTextAsync("待审查");
        await People.WaitForCircuitAsync(queue);

        await queue.ClickAsync("[data-testid=pfr-row-G01]");
        await Expect(queue.Locator("[data-testid=pfr-detail] > h2")).ToContainTextAsync("G01");
        await Expect(queue.Locator("[data-testid=pfr-item-rules]")).ToContainTextAsync("符合全部申报条件");
        await queue.ClickAsync("[data-testid=pfr-return]");
        await queue.FillAsync(".mud-dialog textarea", "申报书缺少推荐单位盖章，请补充后重新提交");
        await queue.ClickAsync("[data-testid=reason-confirm]");
        await Expect(queue.Locator("[data-testid=pfr-detail-status]")).ToHaveTextAsync("已退回修改");
        await Expect(queue.Locator("[data-testid=pfr-status-G01]")).ToHaveTextAsync("已退回修改");
        await Expect(queue.Locator("[data-testid=pfr-history]")).ToContainTextAsync("申报书缺少推荐单位盖章");
        await queue.ShotAsync(Output, "programme-formal-review-1-returned");

        await queue.ClickAsync("[data-testid=pfr-row-G02]");
        await Expect(queue.Locator("[data-testid=pfr-detail] > h2")).ToContainTextAsync("G02");
        await queue.ClickAsync("[data-testid=pfr-tick-content] input");
        await queue.ClickAsync("[data-testid=pfr-accept]");
        // Required materials are missing: accepting asks why.
        await queue.FillAsync(".mud-dialog textarea", "纸质申报材料已于现场核验");
        await queue.ClickAsync("[data-testid=reason-confirm]");
        await Expect(queue.Locator("[data-testid=pfr-detail-status]")).ToHaveTextAsync("已通过");
        await Expect(queue.Locator("[data-testid=pfr-history]")).ToContainTextAsync("破例通过：纸质申报材料已于现场核验");
        await queue.ShotAsync(Output, "programme-formal-review-2-accepted");
        Assert.Equal(2, App.Scalar("SELECT COUNT(*) FROM ProgrammeReviewRecords WHERE Action IN ('Accept','Return')"));
    }
}
