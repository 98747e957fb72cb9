namespace Judging.Tests.Components;

using System.Globalization;
using Bunit;
using Judging.App.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

/// <summary>
/// A bunit context set up as the app sets up its pages: MudBlazor's services with the app's zh-CN strings, localization
/// from Judging.App's <c>Resources/</c>, JavaScript calls answered loosely (MudBlazor's own interop).
/// Use it as <c>await using var ctx = ComponentContext.Create();</c> (platform.md: MudBlazor's services are only
/// IAsyncDisposable, so a test class must not inherit BunitContext).
/// </summary>
public static class ComponentContext
{
    /// <summary>A context for zh-CN (default) or the given UI culture; sets the thread's culture for the test.</summary>
    public static BunitContext Create(string culture = "zh-CN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddTransient<MudLocalizer, JudgingMudLocalizer>();
        return ctx;
    }

    /// <summary>Renders MudBlazor's providers (dialogs, popovers, snackbars) and returns the dialog provider.</summary>
    public static IRenderedComponent<MudDialogProvider> RenderProviders(this BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();
        return ctx.Render<MudDialogProvider>();
    }
}
