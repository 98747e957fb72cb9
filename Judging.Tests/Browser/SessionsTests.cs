namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The organiser's sign-in sessions page (issue 10, item 8; MudBlazor in issue 12): a signed-in judge is listed with their
/// panel; signing them out asks for confirmation, shows the outcome as a snackbar and removes the row.
/// </summary>
public sealed class SessionsTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_organiser_signs_a_judge_out_after_confirming()
    {
        var judgeContext = await Browser.NewContextAsync();
        var judge = await judgeContext.NewPageAsync();
        await judge.GotoAsync($"{App.BaseUrl}/j/{App.JudgeCode("PW-02")}");
        var judgeId = App.Scalar("SELECT Id FROM Judges WHERE Code = 'PW-02'");

        var organiser = await Browser.OrganiserAsync(App);
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/sessions");
        await Expect(page.Locator("[data-testid=sessions]")).ToContainTextAsync("PW-02");
        await People.WaitForCircuitAsync(page);
        await page.ShotAsync(Output, "sessions-1-list");

        // Cancelling the confirmation signs nobody out.
        await page.ClickAsync($"[data-testid=revoke-judge-{judgeId}]");
        await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(page.Locator("[data-testid=sessions]")).ToContainTextAsync("PW-02");

        await page.ClickAsync($"[data-testid=revoke-judge-{judgeId}]");
        await page.ShotAsync(Output, "sessions-2-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认退出" }).ClickAsync();
        await Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已结束 1 个登录会话");
        await Expect(page.Locator($"[data-testid=revoke-judge-{judgeId}]")).ToHaveCountAsync(0);
        await page.ShotAsync(Output, "sessions-3-signed-out");
        Assert.Equal(0, App.Scalar($"SELECT COUNT(*) FROM SignInSessions WHERE JudgeId = {judgeId} AND RevokedAt IS NULL"));
    }
}
