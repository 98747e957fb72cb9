namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The organiser's programme pages in a desktop browser (issue 13, "Organiser"): the list of programmes, the board of
/// government-quality-award-2025 with a refused seeded application (G03: registered 2022-08-01, under 3 years of operation
/// by 2025-07-31) admitted through the reason dialog and then shown 已提交 with its reason; the calendar's calculator
/// across the 2025 National Day holiday.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class ProgrammeBoardBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Code = "government-quality-award-2025";

    [Fact]
    public async Task The_organiser_admits_a_refused_application_with_a_reason_and_sees_it_submitted()
    {
        var context = await Browser.OrganiserAsync(App);
        var id = App.Scalar($"SELECT a.Id FROM ProgrammeApplications a JOIN Programmes p ON p.Id = a.ProgrammeId WHERE p.Code = '{Code}' AND a.Reference = 'G03'");
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{App.BaseUrl}/organiser/programmes");
        await People.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId($"programme-{Code}")).ToContainTextAsync("北京时间");
        await page.ShotAsync(Output, "programmes-list");

        await page.GetByTestId($"board-{Code}").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/programmes/{Code}");
        await Assertions.Expect(page.GetByTestId($"status-{id}")).ToContainTextAsync("不予受理");
        await Assertions.Expect(page.GetByTestId($"eligibility-{id}")).ToContainTextAsync("✗ 1");
        await page.MudInput("search").FillAsync("G03");
        await Assertions.Expect(page.Locator("[data-testid=applications] tbody tr").First).ToContainTextAsync("G03");

        // The row's detail: every rule with ✔/✗ and the materials.
        await page.Locator("[data-testid=applications] tbody tr").First.Locator("button").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId($"detail-{id}")).ToContainTextAsync("✔");
        await Assertions.Expect(page.GetByTestId($"rule-{id}-gold-operating-3y")).ToContainTextAsync("✗");
        await page.ShotAsync(Output, "programme-board-detail");

        await page.GetByTestId($"admit-{id}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reason-confirm")).ToBeDisabledAsync();
        await page.MudInput("reason", "textarea").FillAsync("经核实，该单位由原有企业改制设立，经营满3年（测试）");
        await page.GetByTestId("reason-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"status-{id}")).ToContainTextAsync("已提交");
        await Assertions.Expect(page.GetByTestId($"status-{id}")).ToContainTextAsync("准予受理：经核实，该单位由原有企业改制设立，经营满3年（测试）");
        await Assertions.Expect(page.GetByTestId($"admit-{id}")).ToHaveCountAsync(0);
        await page.ShotAsync(Output, "programme-board-admitted");
        Assert.Equal("Submitted", App.ScalarText($"SELECT Status FROM ProgrammeApplications WHERE Id = {id}"));
        Assert.Equal(1, App.Scalar("SELECT COUNT(*) FROM AuditEntries WHERE Action = '准予受理' AND After = '经核实，该单位由原有企业改制设立，经营满3年（测试）'"));

        // The calendar: 5 working days from Monday 2025-09-29 are 9/29, 9/30, 10/9, 10/10 and Saturday 10/11 (班); 10/1–10/8 are off.
        await page.GotoAsync($"{App.BaseUrl}/organiser/calendar");
        await People.WaitForCircuitAsync(page);
        await page.MudInput("add-from").FillAsync("2025-09-29");
        await page.MudInput("add-n").FillAsync("5");
        await page.GetByTestId("add-go").ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-result")).ToContainTextAsync("2025-10-11");
        await page.MudInput("count-from").FillAsync("2025-09-29");
        await page.MudInput("count-to").FillAsync("2025-10-12");
        await page.GetByTestId("count-go").ClickAsync();
        // 9/29–10/12: 14 days; working: 9/29, 9/30, 10/9, 10/10, 10/11 = 5.
        await Assertions.Expect(page.GetByTestId("count-result")).ToContainTextAsync("共 5 个工作日");
        await page.ShotAsync(Output, "working-calendar");

        // A 班 on Wednesday 2025-06-11 is refused with the reason, in Chinese.
        await page.GetByTestId("form-year").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "2025" }).ClickAsync();
        await page.MudInput("form-date").FillAsync("2025-06-11");
        await page.GetByTestId("form-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "班（调休上班）" }).ClickAsync();
        await page.MudInput("form-name").FillAsync("端午节");
        await page.GetByTestId("form-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("调休上班日 2025-06-11 应为周六或周日");

        // The 2022 technology award's caps: an applicant over its direction's cap is highlighted.
        await page.GotoAsync($"{App.BaseUrl}/organiser/programmes/technology-award-2022");
        await People.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("caps")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cap-over").First).ToContainTextAsync("超出");
        await page.GetByTestId("caps").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "programme-board-caps");
    }
}
