namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Cases;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using FormalReviewPage = Judging.App.Components.Pages.Organiser.FormalReview;

/// <summary>
/// 退回修改 on the organiser's formal-review page (issue 12, section 2): the reason dialog's confirm stays disabled until a
/// reason is written; the reason reaches the service; a refusal shows the service's message and the case stays put;
/// 通过 with a failing check asks the reason to accept anyway.
/// </summary>
public sealed class FormalReviewTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Returning_a_case_needs_a_reason_and_the_reason_reaches_the_service()
    {
        await using var ctx = Context(out var review);
        var (page, dialogs, snackbars) = Render(ctx);
        Open(page, "AL-003");
        Assert.Equal("待审查", page.Find("[data-testid=fr-detail-status]").TextContent);

        page.Find("[data-testid=fr-return]").Click();
        dialogs.WaitForElement("[data-testid=reason-confirm]", Wait);
        Assert.True(dialogs.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=reason-confirm]").Click(); // disabled: nothing is sent
        Assert.Empty(review.Returns);

        dialogs.Find("textarea").Input("  缺少盖章申报表，请补充后重新提交 ");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已退回修改", snackbars.Find("[data-testid=fr-notice]").TextContent), Wait);
        var sent = Assert.Single(review.Returns);
        Assert.Equal((review.EntryId, "缺少盖章申报表，请补充后重新提交"), (sent.EntryId, sent.Reasons));
        Assert.StartsWith("组织者 ", sent.Actor);
        page.WaitForAssertion(() => Assert.Equal("已退回修改", page.Find("[data-testid=fr-detail-status]").TextContent), Wait);
        Assert.Equal("已退回修改", page.Find("[data-testid=fr-status-AL-003]").TextContent);
    }

    [Fact]
    public async Task A_refused_return_shows_the_services_message_and_the_case_stays_awaiting_review()
    {
        await using var ctx = Context(out var review);
        review.Refusal = "作品已退回修改，正在等待参赛单位重新提交。";
        var (page, dialogs, snackbars) = Render(ctx);
        Open(page, "AL-003");

        page.Find("[data-testid=fr-return]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("文件名不符合要求");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Equal("作品已退回修改，正在等待参赛单位重新提交。", snackbars.Find("[data-testid=fr-error]").TextContent), Wait);
        Assert.Empty(snackbars.FindAll("[data-testid=fr-notice]"));
        Assert.Single(review.Returns);
        Assert.Equal("待审查", page.Find("[data-testid=fr-detail-status]").TextContent);
    }

    [Fact]
    public async Task Cancelling_the_dialog_returns_nothing()
    {
        await using var ctx = Context(out var review);
        var (page, dialogs, snackbars) = Render(ctx);
        Open(page, "AL-003");

        page.Find("[data-testid=fr-return]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("缺少单位简介");
        dialogs.Find("[data-testid=reason-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reason-confirm]")), Wait);
        Assert.Empty(review.Returns);
        Assert.Empty(snackbars.FindAll("[data-testid=fr-notice], [data-testid=fr-error]"));
    }

    [Fact]
    public async Task Accepting_with_a_failing_check_asks_the_reason_to_accept_anyway_and_sends_it()
    {
        await using var ctx = Context(out var review);
        var (page, dialogs, snackbars) = Render(ctx);
        Open(page, "AL-003");

        page.Find("[data-testid=fr-accept]").Click();
        dialogs.WaitForElement("textarea", Wait);
        Assert.Contains("盖章申报表", dialogs.Find(".mud-dialog").TextContent); // names the failing check
        dialogs.Find("textarea").Input("申报表原件已现场核验");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已通过形式审查", snackbars.Find("[data-testid=fr-notice]").TextContent), Wait);
        Assert.Equal("申报表原件已现场核验", Assert.Single(review.Accepts).OverrideReason);
    }

    [Fact]
    public async Task In_English_the_queue_and_the_dialog_read_in_English()
    {
        await using var ctx = Context(out _, "en");
        var (page, dialogs, _) = Render(ctx);
        Assert.Contains("Entries in formal review", page.Markup);
        Assert.Equal("Awaiting review", page.Find("[data-testid=fr-status-AL-003]").TextContent);
        Open(page, "AL-003", "Review");
        Assert.Contains("Stamped application form", page.Find("[data-testid=fr-checklist]").TextContent);
        page.Find("[data-testid=fr-return]").Click();
        Assert.Contains("Return AL-003 for revision", dialogs.WaitForElement(".mud-dialog", Wait).TextContent);
    }

    private static void Open(IRenderedComponent<FormalReviewPage> page, string code, string button = "审查")
    {
        page.FindAll("button").First(b => b.TextContent.Trim() == button).Click();
        page.WaitForAssertion(() => Assert.Contains(code, page.Find("[data-testid=fr-detail] h2").TextContent), Wait);
    }

    private static BunitContext Context(out FakeFormalReview review, string culture = "zh-CN")
    {
        var ctx = ComponentContext.Create(culture);
        review = new FakeFormalReview();
        ctx.Services.AddSingleton<IFormalReview>(review);
        ctx.AddAuthorization().SetAuthorized("organiser");
        return ctx;
    }

    private static (IRenderedComponent<FormalReviewPage> Page, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<FormalReviewPage>(p => p.Add(x => x.CompetitionId, 1));
        page.WaitForElement("[data-testid=fr-status-AL-003]", Wait);
        return (page, dialogs, snackbars);
    }

    /// <summary>One case, AL-003, submitted as a .docx (version 1); the stamped application form is not ticked, so one check fails.</summary>
    private sealed class FakeFormalReview : IFormalReview
    {
        public int EntryId => 3;
        public List<(int EntryId, string? Reasons, string Actor)> Returns { get; } = [];
        public List<(int EntryId, string? OverrideReason)> Accepts { get; } = [];
        public string? Refusal { get; set; }
        private readonly List<FormalReviewRecord> records =
            [new() { Id = 1, EntryId = 3, Action = FormalReviewAction.Submit, At = DateTimeOffset.Parse("2025-06-20T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Actor = "参赛单位（提交链接）", DocumentVersion = 1 }];

        private FormalReview Review => new(EntryId, records);

        public Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct) => Task.FromResult<string?>("2025 年质量大赛");

        public Task<List<QueueRow>> QueueAsync(int competitionId, CancellationToken ct) =>
            Task.FromResult(new List<QueueRow> { new(EntryId, "AL-003", "锅炉焊接质量大数据预警体系", "上海锅炉厂有限公司", Track.InnovationCase, Review.Status, 1, "a.docx", 0, "闵行区市场监管局", 3218, records[0].At) });

        public Task<CaseDetail?> DetailAsync(int entryId, IReadOnlySet<ChecklistKey>? ticks, CancellationToken ct)
        {
            var entry = new Entry { Id = EntryId, Code = "AL-003", Title = "锅炉焊接质量大数据预警体系", Track = Track.InnovationCase, Presenter = "" };
            var doc = new CaseDocument
            {
                EntryId = EntryId, Version = 1, OriginalFileName = "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx", StoredName = "x", ContentType = "application/x",
                Kind = CaseFileKind.Docx, SizeBytes = 20_000, Sha256 = "0", WordCount = 3218, PreviewText = "正文", UploadedAt = records[0].At, UploadedBy = "参赛单位（提交链接）",
            };
            IReadOnlyList<ChecklistItem> checklist =
            [
                new(ChecklistKey.FileType, "文件类型与大小", true, true, ".docx 19.5 KB"),
                new(ChecklistKey.StampedApplication, "盖章申报表", false, false, "待工作人员核对"),
            ];
            return Task.FromResult<CaseDetail?>(new CaseDetail(entry, "上海锅炉厂有限公司", "2025 年质量大赛", [doc], Review, checklist, "token", null));
        }

        public Task<DateTimeOffset?> DeadlineAsync(int competitionId, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);

        public Task SetDeadlineAsync(int competitionId, DateTimeOffset? deadline, string actor, CancellationToken ct) => Task.CompletedTask;

        public Task<ReviewStep> AcceptAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? overrideReason, string actor, CancellationToken ct)
        {
            Accepts.Add((entryId, overrideReason));
            return Step(FormalReviewAction.Accept, null, actor);
        }

        public Task<ReviewStep> ReturnAsync(int entryId, IReadOnlySet<ChecklistKey> ticks, string? reasons, string actor, CancellationToken ct)
        {
            Returns.Add((entryId, reasons, actor));
            return Step(FormalReviewAction.Return, reasons, actor);
        }

        private Task<ReviewStep> Step(FormalReviewAction action, string? reasons, string actor)
        {
            if (Refusal is not null) return Task.FromResult(new ReviewStep(null, Refusal));
            var r = new FormalReviewRecord { Id = records.Count + 1, EntryId = EntryId, Action = action, At = records[^1].At.AddHours(1), Actor = actor, Reasons = reasons, DocumentVersion = 1 };
            records.Add(r);
            return Task.FromResult(new ReviewStep(r, null));
        }
    }
}
