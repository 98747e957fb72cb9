namespace Judging.Tests.Components;

using Judging.Domain.Competitions;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.Domain.Finalists;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// The tie and override panels of the finalist page (issue 12): every decision goes through the reason dialog, the
/// chosen tie / entry and the reason reach the service, and a refusal shows the server's message as a snackbar.
/// </summary>
public sealed class FinalistPanelsTests
{
    // 嘉定赛区: YJ-027 and YJ-028 tie on 87.40 for the last seat (the seeds' tie, docs/import-formats.md).
    private static readonly CutTie JiadingTie = new(CutKey.Division(3), Wording.Of("嘉定赛区"), 87.40m, [27], [28],
        TieResolution.Pending, false, Wording.Of("YJ-027 与 YJ-028 同为 87.40 分，争最后 1 个名额"));

    private static FinalistLine Line(string code, int entryId, FinalistStatus status, SkipReason? reason = null) =>
        new(new FinalistCandidate { EntryId = entryId, Code = code, UnitId = 1, UnitName = "上海电气风电集团股份有限公司", Score = 86.1m },
            status, reason, reason is null ? null : Wording.Of("同一集团公司已有 2 个作品入围"), null, 4, false, null);

    [Fact]
    public async Task A_tie_decision_is_not_sent_until_a_reason_is_written_then_the_tie_the_choice_and_the_reason_reach_the_service()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var sent = new List<(CutKey Key, TieResolution Resolution, string Reason)>();
        var panel = ctx.Render<FinalistTiePanel>(p => p
            .Add(x => x.Ties, [JiadingTie])
            .Add(x => x.Decide, (k, r, why) => { sent.Add((k, r, why)); return Task.FromResult<string?>(null); }));

        panel.Find("[data-testid=tie-rule]").Click();
        Assert.True(dialogs.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=reason-cancel]").Click();
        Assert.Empty(sent);

        panel.Find("[data-testid=tie-rule]").Click();
        dialogs.Find("textarea").Input("按通知规定的中位数规则决出");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Single(sent));
        Assert.Equal((CutKey.Division(3), TieResolution.TieBreak, "按通知规定的中位数规则决出"), sent[0]);
        var shown = ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single();
        Assert.Equal(Severity.Success, shown.Severity);
    }

    [Fact]
    public async Task A_refused_tie_decision_shows_the_servers_message()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var panel = ctx.Render<FinalistTiePanel>(p => p
            .Add(x => x.Ties, [JiadingTie])
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>("入围名单已确认，不能再修改")));

        panel.Find("[data-testid=tie-include]").Click();
        dialogs.Find("textarea").Input("两位选手均表现突出");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        panel.WaitForAssertion(() => Assert.Single(snackbar.ShownSnackbars));
        Assert.Equal(Severity.Error, snackbar.ShownSnackbars.Single().Severity);
        Assert.Equal("入围名单已确认，不能再修改", snackbar.ShownSnackbars.Single().Message);
    }

    [Fact]
    public async Task A_cap_tie_and_a_confirmed_list_offer_no_tie_buttons()
    {
        await using var ctx = ComponentContext.Create();
        var cap = JiadingTie with { Key = CutKey.Cap(28), Name = Wording.Of("集团公司名额") };
        var panel = ctx.Render<FinalistTiePanel>(p => p
            .Add(x => x.Ties, [cap, JiadingTie])
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>(null)));
        Assert.Single(panel.FindAll("[data-testid=tie-rule]"));

        panel.Render(p => p.Add(x => x.Confirmed, true));
        Assert.Empty(panel.FindAll("[data-testid=tie-rule]"));
    }

    [Fact]
    public async Task Admitting_beyond_the_cap_needs_a_reason_and_sends_the_entry_and_the_reason()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var sent = new List<(int EntryId, FinalistAction Action, string? Reason)>();
        var panel = ctx.Render<FinalistOverridePanel>(p => p
            .Add(x => x.Line, Line("YJ-004", 4, FinalistStatus.Skipped, SkipReason.GroupCap))
            .Add(x => x.Decide, (id, a, why) => { sent.Add((id, a, why)); return Task.FromResult<string?>(null); }));
        Assert.Empty(panel.FindAll("[data-testid=drop-YJ-004]")); // not a finalist: admit, not drop

        panel.Find("[data-testid=admit-YJ-004]").Click();
        var confirm = dialogs.Find("[data-testid=reason-confirm]");
        Assert.True(confirm.HasAttribute("disabled"));
        confirm.Click();
        Assert.Empty(sent);

        dialogs.Find("textarea").Input(" 风电板块代表新能源产业领域 ");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Single(sent));
        Assert.Equal((4, FinalistAction.Admit, "风电板块代表新能源产业领域"), sent[0]);
        Assert.Equal(Severity.Success, ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Severity);
    }

    [Fact]
    public async Task A_refused_drop_shows_the_servers_message()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var panel = ctx.Render<FinalistOverridePanel>(p => p
            .Add(x => x.Line, Line("YJ-008", 8, FinalistStatus.Finalist))
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>("入围名单已确认，不能再修改")));

        panel.Find("[data-testid=drop-YJ-008]").Click();
        dialogs.Find("textarea").Input("作品涉及保密内容");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        panel.WaitForAssertion(() => Assert.Single(snackbar.ShownSnackbars));
        Assert.Equal(Severity.Error, snackbar.ShownSnackbars.Single().Severity);
        Assert.Equal("入围名单已确认，不能再修改", snackbar.ShownSnackbars.Single().Message);
    }

    [Fact]
    public async Task Undoing_an_override_needs_no_reason_and_in_English_the_buttons_read_in_English()
    {
        await using var ctx = ComponentContext.Create("en");
        var sent = new List<(int, FinalistAction, string?)>();
        var panel = ctx.Render<FinalistOverridePanel>(p => p
            .Add(x => x.Line, Line("YJ-004", 4, FinalistStatus.Finalist))
            .Add(x => x.Overridden, true)
            .Add(x => x.Decide, (id, a, why) => { sent.Add((id, a, why)); return Task.FromResult<string?>(null); }));

        Assert.Equal("Undo adjustment", panel.Find("[data-testid=clear-YJ-004]").TextContent.Trim());
        panel.Find("[data-testid=clear-YJ-004]").Click();
        panel.WaitForAssertion(() => Assert.Single(sent));
        Assert.Equal((4, FinalistAction.Clear, (string?)null), sent[0]);
    }
}
