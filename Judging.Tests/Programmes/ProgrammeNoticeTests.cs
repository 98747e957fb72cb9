namespace Judging.Tests.Programmes;

using System.Net;
using Bunit;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Stages;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Judging.Tests.Endpoints;
using Judging.Tests.Components;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The proposed list (拟授奖) and the 公示 of a programme (issue 16, "公示: public notice with objections"): a proposal's level is
/// one of its category's; publishing snapshots only the listable applications; the last day is computed on the working-day
/// calendar across 国庆; a published period can be extended, never shortened; the notice cannot close before its period ends
/// nor with an open objection; the public page answers anyone with the list and the last day, 404 before publishing; every
/// action is audited.
/// </summary>
public sealed class ProgrammeNoticeTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    private const string Organiser = "组织者 俞琳";

    private async Task<T> NoticesAsync<T>(Func<ProgrammeNotices, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeNotices>());
    }

    private Task<int> ApplicationIdAsync(string code, string reference) => app.WithDbAsync(db =>
        db.Set<ProgrammeApplication>().Where(a => a.Reference == reference && db.Set<Programme>().Any(p => p.Id == a.ProgrammeId && p.Code == code))
            .Select(a => a.Id).SingleAsync());

    private async Task AcceptFormalReviewAsync(int id)
    {
        using var scope = app.Services.CreateScope();
        var review = scope.ServiceProvider.GetRequiredService<ProgrammeFormalReview>();
        var r = await review.AcceptAsync(id, new HashSet<string> { ProgrammeFormalReview.ContentKey }, "纸质材料已现场核对", Organiser, CancellationToken.None);
        Assert.Equal(200, r.Status);
    }

    private Task<List<string>> AuditActionsAsync(string subjectPart) => app.WithDbAsync(db =>
        db.Set<AuditEntry>().Where(a => a.Subject.Contains(subjectPart)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task A_proposed_level_must_be_one_of_the_category_levels_needs_a_reason_and_is_appended_and_audited()
    {
        const string code = "technology-award-2022";
        var t05 = await ApplicationIdAsync(code, "T05"); // 质量改进优秀项目: 优秀奖 only

        var wrong = await NoticesAsync(n => n.SetLevelAsync(t05, "一等奖", "评审结果排名第一", Organiser, CancellationToken.None));
        Assert.Equal(400, wrong.Status);
        Assert.Equal("“一等奖”不是奖项类别“质量改进优秀项目”的奖项等级（可选：优秀奖）", wrong.Reason!.ToString());
        Assert.Equal(400, (await NoticesAsync(n => n.SetLevelAsync(t05, "优秀奖", " ", Organiser, CancellationToken.None))).Status);
        Assert.Equal(409, (await NoticesAsync(n => n.WithdrawLevelAsync(t05, "不再推荐", Organiser, CancellationToken.None))).Status);

        Assert.Equal(200, (await NoticesAsync(n => n.SetLevelAsync(t05, "优秀奖", "会审答辩综合排名第 3", Organiser, CancellationToken.None))).Status);
        var board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        var row = board.Rows.Single(r => r.Standing.ApplicationId == t05);
        Assert.Equal("优秀奖", row.Standing.ProposedLevel);
        Assert.Equal(ProgrammeStandings.OrganiserSource, row.Standing.Proposal!.Source);
        // Not through the formal review yet: proposed but not listable, with the reason shown.
        Assert.False(row.Standing.Listable);
        Assert.Contains("未通过形式审查", row.Blocks.Select(b => b.ToString()));

        Assert.Equal(200, (await NoticesAsync(n => n.WithdrawLevelAsync(t05, "申报单位主动放弃", Organiser, CancellationToken.None))).Status);
        board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        Assert.Null(board.Rows.Single(r => r.Standing.ApplicationId == t05).Standing.ProposedLevel);
        var rows = await app.WithDbAsync(db => db.Set<ProgrammeProposal>().Where(p => p.ApplicationId == t05).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([("优秀奖", false), ("", true)], rows.Select(p => (p.Level, p.Withdrawn)));
        Assert.Equal(["设定拟授奖等级", "撤销拟授奖等级"], await AuditActionsAsync(" T05 "));
    }

    [Fact]
    public async Task The_notice_lists_only_listable_applications_ends_on_the_calendar_extends_but_never_shortens_and_closes_only_when_due_and_clear()
    {
        const string code = "government-quality-award-2025";
        app.Clock.Set(new DateTimeOffset(2025, 9, 20, 2, 0, 0, TimeSpan.Zero));
        var (g01, g02, g12, g09) = (await ApplicationIdAsync(code, "G01"), await ApplicationIdAsync(code, "G02"), await ApplicationIdAsync(code, "G12"), await ApplicationIdAsync(code, "G09"));
        foreach (var id in new[] { g01, g02, g12 }) await AcceptFormalReviewAsync(id);
        // G12's credit check failed: stopped. G09 has a level but is not through the formal review.
        await app.WithDbAsync(async db =>
        {
            db.Add(new ProgrammeCreditCheck
            {
                ApplicationId = g12, CheckedBy = "俞琳", CheckedOn = new DateOnly(2025, 9, 15), Sources = "信用记录、市场监管行政处罚",
                Result = Judging.Domain.Programmes.CreditCheckResult.Failed, Finding = "2024年受到市场监管部门行政处罚", Actor = Organiser, At = app.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });
        foreach (var id in new[] { g01, g02, g12, g09 })
            Assert.Equal(200, (await NoticesAsync(n => n.SetLevelAsync(id, "上海市质量金奖", "资料评审和现场评审综合排名靠前", Organiser, CancellationToken.None))).Status);

        var anonymous = app.CreateClient();
        var before = await anonymous.GetAsync($"/programmes/{code}/notice");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("这个评选项目目前没有公示", await before.Content.ReadAsStringAsync());

        // Drafted from Monday 2025-09-29 for the default 5 working days: 9-29, 9-30, (国庆 10-1…10-8 off) 10-9, 10-10 and the
        // worked Saturday 10-11.
        var draft = await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2025, 9, 29), null, "以书面形式向评审办公室提出，须署真实姓名。", "评审办公室 俞琳 021-12345678"), 0, Organiser, CancellationToken.None));
        Assert.Equal(200, draft.Status);
        var board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        Assert.Equal((NoticePeriod.DefaultWorkingDays, new DateOnly(2025, 10, 11)), (board.Notice!.WorkingDays, board.Notice.EndDay));
        Assert.Equal("2025—2026年上海市政府质量奖拟授奖名单公示", board.Notice.Title);
        Assert.Equal(5, board.Days.Count(d => d.Working));
        Assert.Equal(NoticePhase.Draft, board.Phase);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/programmes/{code}/notice")).StatusCode);

        var published = await NoticesAsync(n => n.PublishAsync(code, board.Notice.Version, Organiser, CancellationToken.None));
        Assert.Equal(200, published.Status);
        board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        Assert.Equal(["G01", "G02"], board.List.Select(i => i.Reference));
        Assert.All(board.List, i => Assert.Equal(("上海市质量金奖（先进质量管理模式）", "上海市质量金奖"), (i.Category, i.Level)));
        Assert.Contains(board.Rows.Single(r => r.Standing.ApplicationId == g12).Blocks, b => b.ToString().Contains("信用查询未通过", StringComparison.Ordinal));
        // The list is frozen: no more proposals, and publishing again is refused.
        Assert.Equal(409, (await NoticesAsync(n => n.SetLevelAsync(g12, "上海市质量金奖", "复核后恢复", Organiser, CancellationToken.None))).Status);
        Assert.Equal(409, (await NoticesAsync(n => n.PublishAsync(code, board.Notice!.Version, Organiser, CancellationToken.None))).Status);

        var page = await anonymous.GetAsync($"/programmes/{code}/notice");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("public, max-age=60", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("上海申蓝精密机械有限公司", html);
        Assert.Contains("上海浦江智能装备股份有限公司", html);
        Assert.DoesNotContain("上海松江申茂纺织有限公司", html); // G12, stopped
        Assert.Contains("2025-10-11 24:00（北京时间）", html);
        Assert.Contains("2025-09-29 00:00（北京时间）", html);
        Assert.Contains("评审办公室 俞琳 021-12345678", html);
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain($"/programmes/{code}/notice/objection", html); // not open before 9-29
        var english = await (await anonymous.GetAsync($"/programmes/{code}/notice?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("2025-10-11 24:00 (Beijing time)", english);
        Assert.Contains("lang=\"zh-CN\"", english);

        // Open: the objection link shows.
        app.Clock.Set(new DateTimeOffset(2025, 10, 9, 2, 0, 0, TimeSpan.Zero));
        Assert.Contains($"/programmes/{code}/notice/objection", await anonymous.GetStringAsync($"/programmes/{code}/notice"));

        // Cannot shorten (fewer working days, or a new first day); can extend: 7 working days end Tuesday 10-14.
        var version = board.Notice!.Version;
        var shorter = await NoticesAsync(n => n.ExtendAsync(code, 4, version, Organiser, CancellationToken.None));
        Assert.Equal(400, shorter.Status);
        Assert.Contains("期限不能缩短", shorter.Reason!.ToString());
        var moved = await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2025, 9, 30), null, null, null), version, Organiser, CancellationToken.None));
        Assert.Equal(400, moved.Status);
        Assert.Contains("开始日期 2025-09-29 不能再改", moved.Reason!.ToString());
        Assert.Equal(409, (await NoticesAsync(n => n.ExtendAsync(code, 7, version - 1, Organiser, CancellationToken.None))).Status);
        var extended = await NoticesAsync(n => n.ExtendAsync(code, 7, version, Organiser, CancellationToken.None));
        Assert.Equal(200, extended.Status);
        board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        Assert.Equal(new DateOnly(2025, 10, 14), board.Notice!.EndDay);
        Assert.Equal(["G01", "G02"], board.List.Select(i => i.Reference));
        Assert.Contains("2025-10-14 24:00（北京时间）", await anonymous.GetStringAsync($"/programmes/{code}/notice"));
        // The organiser's page explains the count: 16 calendar days, 7 counted (the worked Saturday 10-11 among them), 国庆 off.
        Assert.Equal((16, 7), (board.Days.Count, board.Days.Count(d => d.Working)));
        Assert.Contains(new NoticeDay(new DateOnly(2025, 10, 11), true, "国庆节、中秋节", true), board.Days);
        Assert.Contains(new NoticeDay(new DateOnly(2025, 10, 1), false, "国庆节、中秋节", false), board.Days);
        Assert.Contains(new NoticeDay(new DateOnly(2025, 10, 12), false, "", true), board.Days);

        // Not before the period ends (10-14 24:00 Beijing = 10-14 16:00 UTC).
        app.Clock.Set(new DateTimeOffset(2025, 10, 14, 15, 59, 0, TimeSpan.Zero));
        var early = await NoticesAsync(n => n.CloseAsync(code, board.Notice.Version, Organiser, CancellationToken.None));
        Assert.Equal(400, early.Status);
        Assert.Contains("不能提前结束", early.Reason!.ToString());

        // Not with an open objection.
        app.Clock.Set(new DateTimeOffset(2025, 10, 15, 2, 0, 0, TimeSpan.Zero));
        var noticeId = board.Notice.Id;
        var objectionId = await app.WithDbAsync(async db =>
        {
            var o = new ProgrammeObjection
            {
                NoticeId = noticeId, ApplicationId = g02, Number = "25-0001", Name = "张三", Organisation = "上海某公司", Mobile = "13900001111",
                Grounds = "申报材料中的获奖情况与事实不符，请核查。", ReceivedAt = new DateTimeOffset(2025, 10, 10, 2, 0, 0, TimeSpan.Zero), Status = ObjectionStatus.Investigating,
            };
            db.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });
        Assert.Equal(1, (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!.OpenObjections);
        var blocked = await NoticesAsync(n => n.CloseAsync(code, board.Notice.Version, Organiser, CancellationToken.None));
        Assert.Equal(400, blocked.Status);
        Assert.Equal("还有 1 件异议未处理完毕，公示不能结束", blocked.Reason!.ToString());

        await app.WithDbAsync(db => db.Set<ProgrammeObjection>().Where(o => o.Id == objectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ObjectionStatus.Decided).SetProperty(o => o.Outcome, Judging.Domain.Programmes.ObjectionOutcome.Rejected)));
        Assert.Equal(200, (await NoticesAsync(n => n.CloseAsync(code, board.Notice.Version, Organiser, CancellationToken.None))).Status);
        board = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!;
        Assert.Equal((NoticePhase.Closed, app.Clock.GetUtcNow(), Organiser), (board.Phase, board.Notice!.ClosedAt, board.Notice.ClosedBy));
        Assert.Equal(409, (await NoticesAsync(n => n.ExtendAsync(code, 8, board.Notice.Version, Organiser, CancellationToken.None))).Status);
        var closedPage = await anonymous.GetStringAsync($"/programmes/{code}/notice");
        Assert.Contains("公示已结束", closedPage);
        Assert.DoesNotContain($"/programmes/{code}/notice/objection", closedPage);

        Assert.Equal(["起草公示", "发布公示", "修改已发布的公示", "结束公示"], (await AuditActionsAsync(board.Notice.Title)).ToList());
        var publishedAudit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "发布公示" && a.Subject.Contains(board.Notice.Title)));
        Assert.Contains("G01 上海市质量金奖、G02 上海市质量金奖", publishedAudit.After);
    }

    [Fact]
    public async Task A_notice_outside_the_calendar_or_with_nothing_listable_is_refused_and_the_public_page_stays_404()
    {
        const string code = "quality-benchmark-2021";
        var outside = await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2040, 3, 1), null, null, null), 0, Organiser, CancellationToken.None));
        Assert.Equal(400, outside.Status);
        Assert.Contains("工作日历不含 2040 年", outside.Reason!.ToString());
        Assert.Equal(400, (await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2025, 9, 29), 31, null, null), 0, Organiser, CancellationToken.None))).Status);
        Assert.Null((await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!.Notice);

        Assert.Equal(200, (await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft("质量标杆拟认定名单公示", new DateOnly(2025, 9, 29), 10, null, null), 0, Organiser, CancellationToken.None))).Status);
        var notice = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!.Notice!;
        Assert.Equal(("质量标杆拟认定名单公示", new DateOnly(2025, 10, 17)), (notice.Title, notice.EndDay));
        var nothing = await NoticesAsync(n => n.PublishAsync(code, notice.Version, Organiser, CancellationToken.None));
        Assert.Equal(400, nothing.Status);
        Assert.StartsWith("没有可以公示的申报", nothing.Reason!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/programmes/{code}/notice")).StatusCode);
    }

    [Fact]
    public async Task The_organisers_page_sets_a_level_through_its_dialog_and_explains_the_drafted_period()
    {
        const string code = "technology-award-2024";
        Assert.Equal(200, (await NoticesAsync(n => n.SaveAsync(code, new NoticeDraft(null, new DateOnly(2025, 9, 29), null, null, "质协评审部"), 0, Organiser, CancellationToken.None))).Status);
        await using var ctx = Judging.Tests.Components.ComponentContext.Create();
        // The page's scopes get the app's service (its database, clock and cache); each a scope of the app's own.
        ctx.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<ProgrammeNotices>());
        ctx.AddAuthorization().SetAuthorized("俞琳");
        var dialogs = ctx.RenderProviders();
        var page = ctx.Render<Judging.App.Components.Pages.Organiser.ProgrammeNoticeBoardPage>(p => p.Add(x => x.Code, code));
        var wait = TimeSpan.FromSeconds(15);
        page.WaitForElement("[data-testid=pn-period]", wait);
        Assert.Contains("至 2025-10-11 24:00（北京时间）", page.Find("[data-testid=pn-period]").TextContent);
        Assert.Contains("10-11（国庆节、中秋节调休上班）", page.Find("[data-testid=pn-days]").TextContent);

        var first = (await NoticesAsync(n => n.BoardAsync(code, CancellationToken.None)))!.Rows[0].Standing;
        page.Find($"[data-testid=pn-set-{first.Reference}]").Click();
        dialogs.WaitForElement("[data-testid=level-confirm]", wait);
        Assert.True(dialogs.Find("[data-testid=level-confirm]").HasAttribute("disabled")); // no reason yet
        dialogs.Find("textarea").Input("复评综合排名第一");
        dialogs.Find("[data-testid=level-confirm]").Click();
        page.WaitForAssertion(() => Assert.NotEqual("—", page.Find($"[data-testid=pn-level-{first.Reference}]").TextContent), wait);
        var proposal = await app.WithDbAsync(db => db.Set<ProgrammeProposal>().SingleAsync(p => p.ApplicationId == first.ApplicationId));
        Assert.Equal(("复评综合排名第一", "组织者 俞琳"), (proposal.Reason, proposal.Actor));
    }

    [Fact]
    public void A_programme_may_set_a_longer_period_in_its_stages()
    {
        static ProgrammeDefinition With(params string[] stages) => new("x", "x", "x", "x", [], [EntryRoute.Application], [], [], [], stages);
        Assert.Equal(NoticePeriod.DefaultWorkingDays, ProgrammeNotices.WorkingDaysOf(With("形式审查", "公示", "审定")));
        Assert.Equal(7, ProgrammeNotices.WorkingDaysOf(With("形式审查", "公示（7个工作日）", "审定")));
    }
}
