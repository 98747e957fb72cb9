namespace Judging.Tests.Browser;

using Judging.App.Programmes;
using Judging.App.Programmes.Review;
using Judging.App.ResultsEngine;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Programmes;
using Judging.Domain.Reviews;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// 上海市政府质量奖 (seed 002) in the browser, first half of issue 16's "Done when" (the 公示, the objection and 审定 are
/// another class): after 形式审查 (by service), the organiser follows the board's stage strip to the expert review, opens an
/// edition, imports six experts from a CSV through the page, follows the edition to the online review console, generates the
/// assignment and starts the review; one expert signs in with their access code and scores an application online; the other
/// cards and the 复评 list by service; the organiser schedules two defences on the edition's defence page; then follows the
/// strip to verification and plans a site visit for one application with a team of two, records a finding and 属实.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class ProgrammeReviewBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Code = "government-quality-award-2025";
    private const string Organiser = "组织者 测试";
    private static readonly string[] Accepted = ["G01", "G02", "G09", "P01"];

    /// <summary>Six experts from universities (no applicant's organisation, so no conflicts); numbers ZL-01… are unique in the seeds.</summary>
    private const string ExpertsCsv = "姓名,工作单位,评委编号\n冯复,复旦大学,ZL-01\n王交,上海交通大学,ZL-02\n陈华,华东理工大学,ZL-03\n何大,上海大学,ZL-04\n周同,同济大学,ZL-05\n钱师,华东师范大学,ZL-06\n";

    [Fact]
    public async Task Experts_review_online_two_defences_are_scheduled_and_one_application_gets_a_site_visit()
    {
        var organiser = await Browser.OrganiserAsync(App);
        await ResultsData.OnLiveAppAsync(App, async sp =>
        {
            foreach (var reference in Accepted)
            {
                using var scope = sp.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<App.Persistence.JudgingDb>();
                var id = await (from a in db.Set<ProgrammeApplication>() join p in db.Set<Programme>() on a.ProgrammeId equals p.Id
                                where p.Code == Code && a.Reference == reference select a.Id).SingleAsync();
                var done = await scope.ServiceProvider.GetRequiredService<ProgrammeFormalReview>().AcceptAsync(id,
                    new HashSet<string> { ProgrammeFormalReview.ContentKey }, "纸质材料已现场核对", Organiser, default);
                Assert.Equal(200, done.Status);
            }
            return 0;
        });

        // The board's stage strip leads to the expert review (资料评审).
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/organiser/programmes/{Code}");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("stage-ExpertReview")).ToContainTextAsync("资料评审");
        await page.GetByTestId("stage-strip").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "programme-review-1-board-strip");
        await page.GetByTestId("stage-ExpertReview").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("pxr-none")).ToBeVisibleAsync();

        // Open a review edition of all categories: the four accepted applications become its entries.
        await page.GetByTestId("pxr-open").ClickAsync();
        var edition = page.Locator("[data-testid^=pxr-edition-]");
        await Expect(edition).ToHaveCountAsync(1);
        await Expect(edition).ToContainTextAsync("申报 4 项，专家 0 位");
        var editionId = (await edition.GetAttributeAsync("data-testid"))!["pxr-edition-".Length..];

        // Experts from a CSV through the page.
        await page.GetByTestId($"pxr-experts-{editionId}").SetInputFilesAsync(new FilePayload
        {
            Name = "experts.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(ExpertsCsv),
        });
        await Expect(edition).ToContainTextAsync("申报 4 项，专家 6 位");
        var experts = page.GetByTestId($"pxr-expert-list-{editionId}");
        await Expect(experts.Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(experts).ToContainTextAsync("冯复");
        await page.ShotAsync(Output, "programme-review-2-edition-experts");
        var cid = App.Scalar($"SELECT CompetitionId FROM ProgrammeReviewEditions WHERE Id = {editionId}");
        Assert.Equal(6, App.Scalar($"SELECT COUNT(*) FROM Judges WHERE CompetitionId = {cid}"));

        // The edition's link to the existing online review console: assign (k = 3) and start.
        await page.GetByTestId($"pxr-first-review-{editionId}").ClickAsync();
        await page.WaitForURLAsync("**/organiser/review/*");
        await page.WaitForSelectorAsync("[data-testid=status]");
        await People.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=generate]");
        await Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已生成分配");
        // Balanced: 4 applications × 3 = 12 cards over 6 experts → 2 each.
        await Expect(page.Locator("[data-testid^=load-]")).ToHaveCountAsync(6);
        Assert.All(await page.Locator("[data-testid^=load-]").AllInnerTextsAsync(), l => Assert.Equal("2", l.Trim()));
        await page.ClickAsync("[data-testid=start-review]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        await page.ShotAsync(Output, "programme-review-3-console-started");

        // One expert signs in with their access code and scores an application on the programme's sheet (5 criteria).
        var tablet = await Browser.TabletAsync();
        var expert = await tablet.NewPageAsync();
        await expert.GotoAsync($"{App.BaseUrl}/j/{App.JudgeCode("ZL-01")}");
        await expert.WaitForURLAsync("**/expert");
        await expert.WaitForSelectorAsync("[data-testid=my-entries]");
        await People.WaitForCircuitAsync(expert);
        await Expect(expert.Locator("[data-testid=my-entries] tbody tr")).ToHaveCountAsync(2);
        await expert.ShotAsync(Output, "programme-review-4-expert-list");
        var firstRow = expert.Locator("[data-testid=my-entries] tbody tr").First;
        var reference = (await firstRow.Locator("td").First.InnerTextAsync()).Trim();
        Assert.Contains(reference, Accepted);
        await firstRow.Locator("[data-testid^=open-]").ClickAsync();
        await expert.WaitForSelectorAsync("[data-testid=entry]");
        await People.WaitForCircuitAsync(expert);
        string[] points = ["27", "22", "17", "13", "9"];
        for (var i = 0; i < points.Length; i++)
        {
            await expert.FillAsync($"[data-testid=points-{i + 1}]", points[i]);
            await expert.PressAsync($"[data-testid=points-{i + 1}]", "Tab");
        }
        await expert.FillAsync("[data-testid=comment-1]", "质量管理体系健全，运行有效");
        await expert.PressAsync("[data-testid=comment-1]", "Tab");
        await Expect(expert.Locator("[data-testid=total]")).ToHaveTextAsync("88.0");
        await expert.ShotAsync(Output, "programme-review-5-expert-scoring");
        await expert.ClickAsync("[data-testid=submit]");
        await expert.ClickAsync("[data-testid=confirm]");
        await Expect(expert.Locator("[data-testid=submitted]")).ToContainTextAsync("88");
        Assert.Equal("27;22;17;13;9", App.ScalarText($"SELECT s.Points FROM ScoreRecords s JOIN Entries e ON e.Id = s.EntryId WHERE e.Code = '{reference}' AND e.CompetitionId = {cid}"));
        await Expect(page.Locator("[data-testid=progress-ZL-01]")).ToContainTextAsync("1");

        // The other eleven cards, the close of the online review and the 复评 list (two finalists) by service.
        await ResultsData.OnLiveAppAsync(App, async sp =>
        {
            using var scope = sp.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<App.Persistence.JudgingDb>();
            var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
            var round = await db.Rounds.SingleAsync(r => r.CompetitionId == cid && r.Kind == RoundKind.FirstReview);
            var pairs = await db.Set<ReviewAssignment>().Where(a => a.RoundId == round.Id).Select(a => new { a.JudgeId, a.EntryId }).ToListAsync();
            var done = await db.ScoreRecords.Where(s => s.RoundId == round.Id).Select(s => new { s.JudgeId, s.EntryId }).ToListAsync();
            var order = pairs.Select(p => p.EntryId).Distinct().Order().ToList();
            foreach (var p in pairs.Where(p => !done.Contains(p)))
            {
                var rank = order.IndexOf(p.EntryId);
                var stored = await reviews.SubmitAsync(p.JudgeId, round.Id, p.EntryId, [28m - rank, 22m, 17m, 13m, 9m], ["", "", "", "", ""], default);
                Assert.Equal(SubmitStatus.Stored, stored.Status);
            }
            Assert.Null(await reviews.SetRunningAsync(round.Id, false, Organiser, default));
            var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
            Assert.Null(await results.SetFinalistRulesAsync((int)cid, Track.InnovationCase,
                new FinalistRules { Overall = 2, UnitCap = 1, GroupCap = 2, Normalisation = NormalisationMode.None }, Organiser, default));
            var view = (await results.LoadAsync((int)cid, Track.InnovationCase, default))!;
            foreach (var t in view.Outcome!.Finalists.Ties.Where(t => !t.Resolved))
                Assert.Null(await results.ResolveFinalistTieAsync((int)cid, Track.InnovationCase, t.Key, TieResolution.TieBreak, Organiser, default));
            Assert.Null(await results.ConfirmFinalistsAsync((int)cid, Track.InnovationCase, Organiser, default));
            return 0;
        });

        // Two defences on the edition's defence page.
        await page.GotoAsync($"{App.BaseUrl}/organiser/programmes/{Code}/review");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId($"pxr-defence-{editionId}").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/defence/{cid}");
        await page.WaitForSelectorAsync("[data-testid=defence]");
        await People.WaitForCircuitAsync(page);
        var rows = page.Locator("[data-testid=defence] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var first = (await rows.Nth(0).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        var second = (await rows.Nth(1).Locator("[data-entry]").GetAttributeAsync("data-entry"))!;
        async Task CallAsync(string entry, string at)
        {
            await page.ClickAsync($"[data-testid=call-{entry}]");
            await page.FillAsync("[data-testid=starts-at]", at);
            await page.FillAsync("[data-testid=minutes]", "30");
            await page.FillAsync("[data-testid=reason]", "进入会审答辩");
            await page.ClickAsync("[data-testid=save-slot]");
        }
        await CallAsync(second, "2025-09-03T09:00");
        await Expect(page.Locator($"[data-testid=slot-{second}]")).ToContainTextAsync("09-03 09:00–09:30");
        await CallAsync(first, "2025-09-03T09:30");
        await Expect(page.Locator($"[data-testid=slot-{first}]")).ToContainTextAsync("09-03 09:30–10:00");
        await page.ClickAsync("[data-testid=apply-order]");
        await Expect(rows.Nth(0).Locator("[data-entry]")).ToHaveAttributeAsync("data-entry", second);
        await Expect(page.Locator("[data-testid=defence-count]")).ToContainTextAsync("答辩 2 个 / 复审 2 个");
        await page.ShotAsync(Output, "programme-review-6-defences");

        // Verification through the strip: a site visit for one application, a team of two without a conflict, a finding, 属实.
        await page.GotoAsync($"{App.BaseUrl}/organiser/programmes/{Code}");
        await People.WaitForCircuitAsync(page);
        await page.GetByTestId("stage-SiteVisit").ClickAsync();
        await page.WaitForURLAsync($"**/organiser/programmes/{Code}/verification");
        await People.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync("无需");
        await page.GetByTestId("pv-row-G02").ClickAsync();
        await Expect(page.Locator("[data-testid=pv-detail] > h2")).ToContainTextAsync("G02");
        await page.MudInput("pv-plan-reason", "textarea").FillAsync("核实申报材料所述管理成效");
        await page.MudInput("pv-plan-date").FillAsync("2025-09-10");
        await page.MudInput("pv-plan-place").FillAsync("申报单位生产现场");
        await page.MudInput("pv-member-name-0").FillAsync("赵验");
        await page.MudInput("pv-member-org-0").FillAsync("上海市质量协会");
        await page.MudInput("pv-member-name-1").FillAsync("孙查");
        await page.MudInput("pv-member-org-1").FillAsync("上海市计量测试技术研究院");
        await page.GetByTestId("pv-plan").ClickAsync();
        await Expect(page.GetByTestId("pv-visit")).ToContainTextAsync("组长 赵验（上海市质量协会）");
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync("已安排 2025-09-10");

        await page.MudInput("pv-criterion").FillAsync("质量管理体系运行");
        await page.MudInput("pv-finding-text", "textarea").FillAsync("体系文件与现场运行一致");
        await page.GetByTestId("pv-finding").ClickAsync();
        await Expect(page.GetByTestId("pv-findings")).ToContainTextAsync("体系文件与现场运行一致");
        await page.GetByTestId("pv-conclusion-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^属实$") }).ClickAsync();
        await page.MudInput("pv-conclusion-text", "textarea").FillAsync("现场验证组意见：申报材料属实");
        await page.GetByTestId("pv-conclude").ClickAsync();
        await Expect(page.GetByTestId("pv-conclusion")).ToContainTextAsync("属实：现场验证组意见：申报材料属实");
        await Expect(page.GetByTestId("pv-visit-G02")).ToHaveTextAsync("属实");
        await page.ShotAsync(Output, "programme-review-7-site-visit");
        await page.GetByTestId("pv-row-G02").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(Output, "programme-review-8-verification-row");
        var g02 = App.Scalar($"SELECT a.Id FROM ProgrammeApplications a JOIN Programmes p ON p.Id = a.ProgrammeId WHERE p.Code = '{Code}' AND a.Reference = 'G02'");
        Assert.Equal("True", App.ScalarText($"SELECT Conclusion FROM ProgrammeSiteFindings WHERE ApplicationId = {g02} AND Conclusion IS NOT NULL"));
        Assert.Equal(2, App.Scalar($"SELECT COUNT(*) FROM ProgrammeSiteFindings WHERE ApplicationId = {g02}"));
    }
}
