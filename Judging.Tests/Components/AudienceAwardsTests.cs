namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.App.LiveRounds;
using Judging.App.VenueVoting;
using Judging.Domain.Competitions;
using Judging.Domain.VenueVoting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// The organiser's audience awards (issue 12, section 2): the judges' designated pick is recorded only with a reason
/// written in the reason dialog, and the pick and the reason reach the console; a refusal shows the server's message.
/// </summary>
public sealed class AudienceAwardsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15); // a loaded CI machine
    private static readonly string Award = AudienceAwardCatalog.Of(Track.Speech)[0];

    [Fact]
    public async Task Designating_an_entry_asks_a_reason_and_sends_entry_and_reason_to_the_console()
    {
        await using var ctx = Context(out var console);
        var (page, dialogs, snackbars) = Render(ctx);
        Assert.Contains("未确定", page.Find("[data-testid=standing-0]").TextContent);

        page.Find("[data-testid=designate-pick-0-YJ-007]").Click();
        dialogs.WaitForElement("[data-testid=reason-confirm]", Wait);
        Assert.True(dialogs.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        Assert.Contains("YJ-007", dialogs.Markup); // the dialog names the entry
        dialogs.Find("[data-testid=reason-confirm]").Click(); // disabled: no designation without a reason
        Assert.Empty(console.Designations);

        dialogs.Find("textarea").Input(" 评委组一致推选：演绎生动 ");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Equal("推选已记录", snackbars.Find("[data-testid=notice]").TextContent), Wait);
        Assert.Equal((Award, 7, "评委组一致推选：演绎生动"), Assert.Single(console.Designations));
        page.WaitForAssertion(() => Assert.Contains("获奖：YJ-007", page.Find("[data-testid=standing-0]").TextContent), Wait);
        Assert.Contains("评委组一致推选：演绎生动", page.Find("[data-testid=record-0]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=designate-entry-0]")); // the choice folds away once recorded
    }

    [Fact]
    public async Task Cancelling_the_reason_dialog_designates_nothing()
    {
        await using var ctx = Context(out var console);
        var (page, dialogs, snackbars) = Render(ctx);

        page.Find("[data-testid=designate-pick-0-YJ-015]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("理由");
        dialogs.Find("[data-testid=reason-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=reason-confirm]")), Wait);
        Assert.Empty(console.Designations);
        Assert.Empty(snackbars.FindAll("[data-testid=notice], [data-testid=refusal]"));
        Assert.Contains("未确定", page.Find("[data-testid=standing-0]").TextContent);
    }

    [Fact]
    public async Task A_refusal_shows_the_servers_message_in_a_snackbar_and_nothing_is_recorded()
    {
        await using var ctx = Context(out var console);
        console.Refusal = "只能推选入围决赛的作品";
        var (page, dialogs, snackbars) = Render(ctx);

        page.Find("[data-testid=designate-pick-0-YJ-015]").Click();
        dialogs.WaitForElement("textarea", Wait).Input("现场表现突出");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        snackbars.WaitForAssertion(() => Assert.Equal("只能推选入围决赛的作品", snackbars.Find("[data-testid=refusal]").TextContent), Wait);
        Assert.Empty(snackbars.FindAll("[data-testid=notice]"));
        Assert.Equal((Award, 3, "现场表现突出"), Assert.Single(console.Designations));
        Assert.Contains("未确定", page.Find("[data-testid=standing-0]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=designate-entry-0]"));
    }

    [Fact]
    public async Task In_English_the_page_and_its_reason_dialog_read_in_English()
    {
        await using var ctx = Context(out _, "en");
        var (page, dialogs, _) = Render(ctx);

        Assert.Contains("Designate", page.Find("[data-testid=designate-pick-0-YJ-007]").TextContent);
        page.Find("[data-testid=designate-pick-0-YJ-007]").Click();
        Assert.Contains("will be recorded as the judges' pick", dialogs.WaitForElement(".mud-dialog", Wait).TextContent);
    }

    private static BunitContext Context(out FakeConsole console, string culture = "zh-CN")
    {
        var ctx = ComponentContext.Create(culture);
        console = new FakeConsole();
        ctx.Services.AddSingleton<IAudienceVoteConsole>(console);
        ctx.Services.AddLogging();
        ctx.Services.AddSignalR();
        ctx.Services.AddSingleton<ILiveEvents, NoLiveEvents>();
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddOptions<AudienceVoteOptions>();
        ctx.Services.AddSingleton<AudienceTallyBroadcaster>();
        ctx.AddAuthorization().SetAuthorized("organiser");
        return ctx;
    }

    private static (IRenderedComponent<AudienceAwards> Page, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) Render(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<AudienceAwards>(p => p.Add(x => x.CompetitionId, 1));
        page.WaitForElement("[data-testid=designate-pick-0-YJ-007]", Wait);
        return (page, dialogs, snackbars);
    }

    /// <summary>The speech final (three finalists); the first award is in designated mode with nothing designated yet.</summary>
    private sealed class FakeConsole : IAudienceVoteConsole
    {
        public List<(string Award, int? Entry, string? Reason)> Designations { get; } = [];
        public string? Refusal { get; set; }
        private AudienceAwardDecision? designated;

        private static readonly AudienceCandidate[] Finalists =
        [
            new(3, "YJ-015", "质量之光", "上海甲公司", "张三", 1),
            new(7, "YJ-007", "匠心", "上海乙公司", "李四", 2),
            new(9, "YJ-032", "诚信", "上海丙公司", "王五", 3),
        ];

        public Task<AudienceAwardBoard> GetBoardAsync(int competitionId, Track track, CancellationToken ct)
        {
            var panels = AudienceAwardCatalog.Of(track).Select((name, i) => i != 0
                ? new AudienceAwardPanel(name, null, null, new AudienceAwardStanding(null, Wording.Of("未设置评选方式"), false, null))
                : designated is { } d
                    ? new AudienceAwardPanel(name, d, null, new AudienceAwardStanding(d.EntryId, Wording.Of("评委推选"), true, d.Reason is null ? null : Wording.Data(d.Reason)))
                    : new AudienceAwardPanel(name, new AudienceAwardDecision { AwardName = name, Actor = "组织者 organiser", Kind = AwardDecisionKind.ModeChosen, Mode = AwardMode.Designated },
                        null, new AudienceAwardStanding(null, Wording.Of("评委推选"), false, Wording.Of("尚未推选获奖作品")))).ToList();
            var names = Finalists.ToDictionary(f => f.EntryId, f => (f.Code, f.Title, f.Unit));
            return Task.FromResult(new AudienceAwardBoard(competitionId, "2025上海市质量品牌故事大赛", track, 11, Finalists, panels, null, names));
        }

        public Task<string?> DesignateAsync(int competitionId, Track track, string awardName, int? entryId, string? reason, string actor, CancellationToken ct)
        {
            Designations.Add((awardName, entryId, reason));
            if (Refusal is null)
                designated = new AudienceAwardDecision
                {
                    AwardName = awardName, Actor = actor, Kind = AwardDecisionKind.Designated, Mode = AwardMode.Designated, EntryId = entryId, Reason = reason,
                    At = DateTimeOffset.UnixEpoch,
                };
            return Task.FromResult(Refusal);
        }

        public Task<string?> SetModeAsync(int competitionId, Track track, string awardName, AwardMode mode, string actor, CancellationToken ct) => Unexpected();
        public Task<string?> BreakTieAsync(int questionId, int entryId, string? reason, string actor, CancellationToken ct) => Unexpected();
        public Task<string?> BreakPublicTieAsync(int competitionId, Track track, string awardName, int entryId, string? reason, string actor, CancellationToken ct) => Unexpected();
        public Task<string?> CreateQuestionAsync(int competitionId, Track track, string awardName, string actor, CancellationToken ct, VoteAssurance assurance = VoteAssurance.BallotCode) => Unexpected();
        public Task<string?> SetAssuranceAsync(int questionId, VoteAssurance assurance, string actor, CancellationToken ct) => Unexpected();
        public Task<string?> IssueBallotsAsync(int questionId, int count, string actor, CancellationToken ct) => Unexpected();
        public Task<AssuranceStatus?> AssuranceStatusAsync(int questionId, CancellationToken ct) => Task.FromResult<AssuranceStatus?>(null);
        public Task<string?> OpenAsync(int questionId, string actor, CancellationToken ct) => Unexpected();
        public Task<string?> CloseAsync(int questionId, string actor, CancellationToken ct) => Unexpected();

        private static Task<string?> Unexpected() => throw new InvalidOperationException("not part of this test");
    }

    private sealed class NoLiveEvents : ILiveEvents
    {
        public ValueTask PublishAsync(LiveEvent e, CancellationToken ct = default) => ValueTask.CompletedTask;
        public IDisposable Subscribe(Func<LiveEvent, ValueTask> handler) => new Nothing();
        private sealed class Nothing : IDisposable { public void Dispose() { } }
    }
}
