namespace Judging.Tests.Components;

using AngleSharp.Dom;
using Bunit;
using Judging.App.Programmes;
using Judging.App.Programmes.Stages;
using Judging.Domain.Programmes;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using VerificationPage = Judging.App.Components.Pages.Organiser.ProgrammeVerificationPage;

/// <summary>
/// The organiser's verification page (issue 16, "Site verification" and "Credit check") against the app in memory: the
/// 信用未通过 filter shows only the blocked application with its reason, and a team with the applicant's own expert is refused
/// with the rule and the name, while a clean team is planned and shown in the grid.
/// </summary>
public sealed class ProgrammeVerificationPageTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Code = "government-quality-award-2025";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private Task<int> IdOfAsync(string reference) => app.WithDbAsync(db =>
        db.Set<ProgrammeApplication>().Where(a => a.Reference == reference && db.Set<Programme>().Any(p => p.Id == a.ProgrammeId && p.Code == Code))
            .Select(a => a.Id).SingleAsync());

    private static IElement Field(IRenderedComponent<VerificationPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] textarea");

    [Fact]
    public async Task The_credit_filter_shows_the_blocked_application_and_a_conflicting_team_is_refused_with_its_rule()
    {
        var g18 = await IdOfAsync("G18");
        using (var scope = app.Services.CreateScope())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var done = await scope.ServiceProvider.GetRequiredService<ProgrammeVerification>().RecordCreditAsync(g18,
                new CreditCheckForm("周婷", today, ["信用记录"], null, CreditCheckResult.Failed, "列入严重失信主体名单"), "组织者 测试", default);
            Assert.Equal(200, done.Status);
        }

        await using var ctx = ComponentContext.Create();
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<ProgrammeVerification>());
        ctx.AddAuthorization().SetAuthorized("organiser");
        ctx.Render<MudPopoverProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        ctx.Render<MudDialogProvider>();
        var page = ctx.Render<VerificationPage>(p => p.Add(x => x.Code, Code));
        page.WaitForElement("[data-testid=pv-row-G18]", Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=pv-row-G01]"));

        page.Find($"[data-testid=pv-filter-{VerificationPage.VerificationFilter.CreditFailed}]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=pv-row-G01]")), Wait);
        Assert.Single(page.FindAll("[data-testid^=pv-row-]"));
        Assert.Equal("信用查询未通过：列入严重失信主体名单", page.Find("[data-testid=pv-blocks-G18]").TextContent);
        Assert.Equal("未通过", page.Find("[data-testid=pv-credit-G18]").TextContent);

        page.Find("[data-testid=pv-row-G18]").Closest("tr")!.Click();
        page.WaitForElement("[data-testid=pv-detail]", Wait);
        Assert.Contains("列入严重失信主体名单", page.Find("[data-testid=pv-detail-blocks]").TextContent);
        Assert.Contains("上海闵行恒力机电有限公司", page.Find("[data-testid=pv-parties]").TextContent);

        Field(page, "pv-plan-reason").Change("核实生产现场的质量管理体系运行情况");
        Field(page, "pv-plan-date").Change("2026-12-08");
        Field(page, "pv-plan-place").Change("上海市闵行区恒力路 1 号");
        Field(page, "pv-member-name-0").Change("李强");
        Field(page, "pv-member-org-0").Change("上海市质量协会");
        Field(page, "pv-member-name-1").Change("吴刚");
        Field(page, "pv-member-org-1").Change("上海闵行恒力机电有限公司");
        page.Find("[data-testid=pv-plan]").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("专家“吴刚”的工作单位“上海闵行恒力机电有限公司”是申报单位，须回避", snackbars.Markup), Wait);
        Assert.Empty(page.FindAll("[data-testid=pv-visit]"));

        Field(page, "pv-member-org-1").Change("同济大学");
        page.Find("[data-testid=pv-plan]").Click();
        page.WaitForElement("[data-testid=pv-visit]", Wait);
        Assert.Contains("组长 李强（上海市质量协会）", page.Find("[data-testid=pv-visit]").TextContent);
        Assert.Equal("已安排 2026-12-08", page.Find("[data-testid=pv-visit-G18]").TextContent);
    }
}
