namespace Judging.Tests.Components;

using Judging.Domain.Competitions;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.Domain.Awards;
using Judging.Domain.Finalists;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// The tier-boundary tie panel of the award page (issue 12): a decision goes through the reason dialog, the chosen
/// boundary, resolution and reason reach the service (AwardsService.ResolveTierTieAsync, which records the reason in the
/// audit log), and a refusal shows the server's message as a snackbar.
/// </summary>
public sealed class AwardPanelsTests
{
    // The boundary below 三等奖: YJ-031 (inside, the 9th third prize) and YJ-044 (outside) both have 84.20.
    private static readonly TierTie ThirdPrizeTie = new(AwardTiering.BoundaryKey(AwardTier.Third), AwardTier.Third, 84.20m, [31], [44],
        TieResolution.Pending, false, Wording.Of("YJ-031 与 YJ-044 同为 84.20 分，争最后 1 个三等奖"));

    [Fact]
    public async Task A_tier_tie_decision_is_not_sent_until_a_reason_is_written_then_the_boundary_the_choice_and_the_reason_reach_the_service()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var sent = new List<(string Key, TieResolution Resolution, string Reason)>();
        var panel = ctx.Render<AwardTiePanel>(p => p
            .Add(x => x.Ties, [ThirdPrizeTie])
            .Add(x => x.Decide, (k, r, why) => { sent.Add((k, r, why)); return Task.FromResult<string?>(null); }));

        panel.Find("[data-testid=tier-tie-include]").Click();
        Assert.True(dialogs.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=reason-cancel]").Click();
        Assert.Empty(sent);

        panel.Find("[data-testid=tier-tie-include]").Click();
        dialogs.Find("textarea").Input(" 两个作品同分，组委会决定均授三等奖 ");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Single(sent));
        Assert.Equal(("tier:3", TieResolution.IncludeAll, "两个作品同分，组委会决定均授三等奖"), sent[0]);
        var shown = ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single();
        Assert.Equal(Severity.Success, shown.Severity);
        Assert.Contains("并列取高", shown.Message);
    }

    [Fact]
    public async Task A_refused_tier_tie_decision_shows_the_servers_message()
    {
        await using var ctx = ComponentContext.Create();
        var dialogs = ctx.RenderProviders();
        var panel = ctx.Render<AwardTiePanel>(p => p
            .Add(x => x.Ties, [ThirdPrizeTie])
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>("获奖名单已确认，不能再修改")));

        panel.Find("[data-testid=tier-tie-exclude]").Click();
        dialogs.Find("textarea").Input("名额有限，并列取低");
        dialogs.Find("[data-testid=reason-confirm]").Click();

        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        panel.WaitForAssertion(() => Assert.Single(snackbar.ShownSnackbars));
        Assert.Equal(Severity.Error, snackbar.ShownSnackbars.Single().Severity);
        Assert.Equal("获奖名单已确认，不能再修改", snackbar.ShownSnackbars.Single().Message);
    }

    [Fact]
    public async Task Confirmed_awards_show_the_ties_without_buttons()
    {
        await using var ctx = ComponentContext.Create();
        var panel = ctx.Render<AwardTiePanel>(p => p
            .Add(x => x.Ties, [ThirdPrizeTie])
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>(null)));
        Assert.Single(panel.FindAll("[data-testid=tier-tie-rule]"));

        panel.Render(p => p.Add(x => x.Confirmed, true));
        Assert.Empty(panel.FindAll("[data-testid=tier-tie-rule]"));
        Assert.Contains("争最后 1 个三等奖", panel.Find("[data-testid='tier-tie-tier:3']").TextContent);
    }

    [Fact]
    public async Task In_English_the_panel_names_the_boundary_and_the_choices_in_English()
    {
        await using var ctx = ComponentContext.Create("en");
        var panel = ctx.Render<AwardTiePanel>(p => p
            .Add(x => x.Ties, [ThirdPrizeTie])
            .Add(x => x.Decide, (_, _, _) => Task.FromResult<string?>(null)));
        Assert.Contains("Third prize boundary", panel.Markup);
        Assert.Equal("Break by the rule", panel.Find("[data-testid=tier-tie-rule]").TextContent.Trim());
    }
}
