namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.App.LiveRounds;
using Judging.App.FilmVoting;
using Judging.Domain.FilmVoting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// The cluster decision on the organiser's vote review (issue 12, section 2): 计入 / 排除 only with a reason written in
/// the reason dialog; the decision and the reason reach the service; a refusal shows the server's message.
/// </summary>
public sealed class VoteReviewTests
{
    private const long ClusterId = 41;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15); // a loaded CI machine

    [Fact]
    public async Task Including_a_cluster_asks_a_reason_and_sends_decision_and_reason_to_the_service()
    {
        await using var ctx = Context(out var review);
        var (page, dialogs, snackbars) = Render(ctx);
        Assert.Contains("待核验", page.Find($"[data-testid=cluster-state-{ClusterId}]").TextContent);

        page.Find($"[data-testid=include-{ClusterId}]").Click();
        dialogs.WaitForElement("[data-testid=reason-confirm]", Wait);
        Assert.True(dialogs.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        Assert.Contains("WDY-002", dialogs.Markup); // the dialog names the film and its 30 votes
        dialogs.Find("[data-testid=reason-confirm]").Click(); // disabled: no decision without a reason
        Assert.Empty(review.Decisions);

        dialogs.Find("textarea").Input(" 电话回访确认：同一单位职工集中投票 ");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已计入：该组投票计入公开票数。", snackbars.Find("[data-testid=notice]").TextContent), Wait);
        var decision = Assert.Single(review.Decisions);
        Assert.Equal((1, ClusterId, true, "电话回访确认：同一单位职工集中投票"), (decision.Competition, decision.Cluster, decision.Include, decision.Reason));
        page.WaitForAssertion(() => Assert.Contains("已计入", page.Find($"[data-testid=cluster-state-{ClusterId}]").TextContent), Wait);
        Assert.Equal("30", page.Find("[data-testid=public-WDY-002]").TextContent);
    }

    [Fact]
    public async Task Cancelling_the_reason_dialog_decides_nothing()
    {
        await using var ctx = Context(out var review);
        var (page, dialogs, snackbars) = Render(ctx);

        page.Find($"[data-testid=exclude-{ClusterId}]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("刷票");
        dialogs.Find("[data-testid=reason-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reason-confirm]")), Wait);
        Assert.Empty(review.Decisions);
        Assert.Empty(snackbars.FindAll("[data-testid=notice], [data-testid=error]"));
        Assert.Contains("待核验", page.Find($"[data-testid=cluster-state-{ClusterId}]").TextContent);
    }

    [Fact]
    public async Task A_refusal_shows_the_servers_message_and_the_cluster_stays_held()
    {
        await using var ctx = Context(out var review);
        review.Refusal = "该票组已有新的决定，请刷新后再核验";
        var (page, dialogs, snackbars) = Render(ctx);

        page.Find($"[data-testid=exclude-{ClusterId}]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("同一网段新号集中投票，认定为刷票");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Equal("该票组已有新的决定，请刷新后再核验", snackbars.Find("[data-testid=error]").TextContent), Wait);
        Assert.Empty(snackbars.FindAll("[data-testid=notice]"));
        var decision = Assert.Single(review.Decisions);
        Assert.False(decision.Include);
        Assert.Contains("待核验", page.Find($"[data-testid=cluster-state-{ClusterId}]").TextContent);
        Assert.Equal("0", page.Find("[data-testid=public-WDY-002]").TextContent);
    }

    [Fact]
    public async Task In_English_the_page_and_its_decision_read_in_English()
    {
        await using var ctx = Context(out _, "en");
        var (page, dialogs, _) = Render(ctx);

        Assert.Contains("Film vote review", page.Markup);
        Assert.Contains("Held", page.Find($"[data-testid=cluster-state-{ClusterId}]").TextContent);
        Assert.Equal("Include", page.Find($"[data-testid=include-{ClusterId}]").TextContent.Trim());
        page.Find($"[data-testid=include-{ClusterId}]").Click();
        Assert.Contains("Include the cluster", dialogs.WaitForElement(".mud-dialog", Wait).TextContent);
    }

    private static BunitContext Context(out FakeReview review, string culture = "zh-CN")
    {
        var ctx = ComponentContext.Create(culture);
        review = new FakeReview();
        ctx.Services.AddSingleton<IVoteReview>(review);
        ctx.Services.AddSingleton<ILiveEvents, NoLiveEvents>();
        ctx.AddAuthorization().SetAuthorized("organiser");
        return ctx;
    }

    private static (IRenderedComponent<VoteReview> Page, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<VoteReview>(p => p.Add(x => x.CompetitionId, 1));
        page.WaitForElement($"[data-testid=include-{ClusterId}]", Wait);
        return (page, dialogs, snackbars);
    }

    /// <summary>One film (WDY-002) with 30 held votes in one subnet cluster; a decision to include moves them to public.</summary>
    private sealed class FakeReview : IVoteReview
    {
        public List<(int Competition, long Cluster, bool Include, string? Reason)> Decisions { get; } = [];
        public string? Refusal { get; set; }
        private bool? included;

        public Task<VoteReviewView> LoadAsync(int competitionId, CancellationToken ct)
        {
            var tally = included == true ? new FilmTally(30, 0, 0) : included == false ? new FilmTally(0, 0, 30) : new FilmTally(0, 30, 0);
            var at = DateTimeOffset.Parse("2025-06-21T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(new VoteReviewView(
                [new FilmVotesRow(2, "WDY-002", "诚信之光", "上海某某公司", tally), new FilmVotesRow(1, "WDY-001", "匠心", "上海另一公司", new FilmTally(1, 0, 0))],
                [new ClusterRow(ClusterId, 2, "WDY-002 诚信之光", ClusterKind.Subnet, "10.9.8.0/24", 30, at, at.AddSeconds(20), ["137****0001"], included,
                    included is null ? null : "理由（组织者 organiser）")],
                []));
        }

        public Task<VotesOverTime> VotesOverTimeAsync(int competitionId, IReadOnlyList<FilmVotesRow> films, TimeSpan bucket, int maxBuckets, CancellationToken ct) =>
            Task.FromResult(new VotesOverTime(bucket, [DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch + bucket],
                films.Select(f => new FilmVoteSeries(f.EntryId, f.Code, [1, 2])).ToList()));

        public Task<string?> DecideAsync(int competitionId, long clusterId, bool include, string? reason, string actor, CancellationToken ct)
        {
            Decisions.Add((competitionId, clusterId, include, reason));
            if (Refusal is null) included = include;
            return Task.FromResult(Refusal);
        }

        public Task<VotingSettings> SettingsAsync(int competitionId, CancellationToken ct) => Task.FromResult(VotingSettings.Default);

        public Task<IReadOnlyList<string>> SaveSettingsAsync(int competitionId, VotingRules rules, FraudThresholds fraud, string actor, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }

    private sealed class NoLiveEvents : ILiveEvents
    {
        public ValueTask PublishAsync(LiveEvent e, CancellationToken ct = default) => ValueTask.CompletedTask;
        public IDisposable Subscribe(Func<LiveEvent, ValueTask> handler) => new Nothing();
        private sealed class Nothing : IDisposable { public void Dispose() { } }
    }
}
