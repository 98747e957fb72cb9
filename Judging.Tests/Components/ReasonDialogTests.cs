namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>The reason dialog every organiser action with a reason goes through (issue 12).</summary>
public sealed class ReasonDialogTests
{
    [Fact]
    public async Task Confirm_stays_disabled_until_a_reason_with_a_visible_character_is_written()
    {
        await using var ctx = ComponentContext.Create();
        var provider = ctx.RenderProviders();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        Task<string?> asked = null!;
        await provider.InvokeAsync(() => { asked = ReasonDialog.AskAsync(dialogs, "解锁评分卡", "解锁后评委可重新提交。", "解锁"); });

        var confirm = provider.Find("[data-testid=reason-confirm]");
        Assert.True(confirm.HasAttribute("disabled"));
        Assert.Contains("解锁", confirm.TextContent);

        provider.Find("textarea").Input("   ");
        Assert.True(provider.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));

        provider.Find("textarea").Input("  评委误触，需重新评分 ");
        Assert.False(provider.Find("[data-testid=reason-confirm]").HasAttribute("disabled"));
        provider.Find("[data-testid=reason-confirm]").Click();

        Assert.Equal("评委误触，需重新评分", await asked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(provider.FindAll("[data-testid=reason-confirm]"));
    }

    [Fact]
    public async Task Cancel_gives_no_reason_and_closes_the_dialog()
    {
        await using var ctx = ComponentContext.Create();
        var provider = ctx.RenderProviders();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        Task<string?> asked = null!;
        await provider.InvokeAsync(() => { asked = ReasonDialog.AskAsync(dialogs, "排除投票簇"); });
        provider.Find("textarea").Input("可疑");
        provider.Find("[data-testid=reason-cancel]").Click();

        Assert.Null(await asked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(provider.FindAll("[data-testid=reason-dialog]"));
    }

    [Fact]
    public async Task In_English_the_dialog_reads_in_English()
    {
        await using var ctx = ComponentContext.Create("en");
        var provider = ctx.RenderProviders();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => { _ = ReasonDialog.AskAsync(dialogs, "Unlock the card"); });

        Assert.Equal("Confirm", provider.Find("[data-testid=reason-confirm]").TextContent.Trim());
        Assert.Equal("Cancel", provider.Find("[data-testid=reason-cancel]").TextContent.Trim());
        Assert.Contains("Reason (required)", provider.Markup);
    }
}
