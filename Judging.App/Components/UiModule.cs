namespace Judging.App.Components;

using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

/// <summary>
/// The staff pages' user interface: Razor components with interactive server rendering, MudBlazor (theme, snackbars,
/// dialogs, zh-CN texts for its own strings), and the two UI cultures (zh-CN default, English complete beside it).
/// </summary>
/// <remarks>
/// Texts: a component injects <c>IStringLocalizer&lt;ItsType&gt;</c> as <c>L</c> and writes the Chinese text as the key
/// (<c>@L["入围名单"]</c>); the English is in <c>Resources/&lt;folders of its namespace&gt;/&lt;Type&gt;.en.resx</c>. zh-CN
/// needs no resource file: a key that is not found comes back as itself. Shared words (header, buttons, refusals) are
/// in <see cref="Judging.App.SharedResource"/>; texts the Domain builds (<see cref="Judging.Domain.Competitions.Wording"/>)
/// are worded through <see cref="Judging.App.Wordings"/>. <c>LocalizationTests</c> fails when a key written in code has no English.
/// </remarks>
public static class UiModule
{
    /// <summary>The UI cultures: zh-CN (default) and English.</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>The brand red of the topbar and primary buttons (#b4232a), as in <c>css/app.css</c>.</summary>
    public const string BrandRed = "#b4232a";

    /// <summary>Razor components, MudBlazor with the brand theme and its zh-CN strings, localization from <c>Resources/</c>.</summary>
    public static IServiceCollection AddJudgingUi(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            c.SnackbarConfiguration.PreventDuplicates = false;
            c.SnackbarConfiguration.ShowCloseIcon = true;
            c.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudLocalizer, JudgingMudLocalizer>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }

    /// <summary>
    /// zh-CN unless the visitor chose otherwise: the culture cookie (set by the header's language switch through
    /// <c>GET /culture/{name}</c>) or <c>?culture=en</c> (public pages). The browser's Accept-Language is not consulted:
    /// a venue's borrowed tablet with an English browser still shows Chinese.
    /// </summary>
    public static void UseJudgingLocalization(this WebApplication app)
    {
        // Work that runs outside a request's culture (a circuit's renders, hosted services) is zh-CN too.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo(Cultures[0]);
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
        app.UseRequestLocalization(options);
    }

    /// <summary>
    /// The pages (<see cref="App"/>) and <c>GET /culture/{name}?returnUrl=/path</c>: sets the culture cookie for a year
    /// and goes back to <c>returnUrl</c> (a local path only; anything else goes to <c>/</c>). 400 for a culture other than
    /// <see cref="Cultures"/>.
    /// </summary>
    public static void MapJudgingUi(this WebApplication app)
    {
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            if (!Cultures.Contains(name, StringComparer.OrdinalIgnoreCase))
                return Results.BadRequest("不支持的语言 / unsupported language");
            var culture = Cultures.First(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var back = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(back);
        }).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    /// <summary>
    /// The brand theme: red primary (<see cref="BrandRed"/>), Noto Sans CJK first in every font stack, the topbar in
    /// the brand colour, rounded corners as in the current stylesheet.
    /// </summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = BrandRed,
            PrimaryDarken = "#8c1b21",
            AppbarBackground = BrandRed,
            Secondary = "#475467",
            Success = "#127a3e",
            Warning = "#b45309",
            Error = "#b42318",
            Background = "#f5f6f8",
            TextPrimary = "#1d2330",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}

/// <summary>Marker for MudBlazor's own strings in Chinese (<c>Resources/Components/MudBlazorStrings.zh-CN.resx</c>).</summary>
public sealed class MudBlazorStrings;

/// <summary>
/// MudBlazor's own strings (pager, filters, dialogs) in Chinese when the UI culture is zh-CN; in English MudBlazor's
/// built-in texts stand (<see cref="LocalizedString.ResourceNotFound"/>).
/// </summary>
public sealed class JudgingMudLocalizer(IStringLocalizer<MudBlazorStrings> strings) : MudLocalizer
{
    /// <inheritdoc />
    public override LocalizedString this[string key] =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? strings[key]
            : new LocalizedString(key, key, resourceNotFound: true);

    /// <inheritdoc />
    public override LocalizedString this[string key, params object[] arguments] =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? strings[key, arguments]
            : new LocalizedString(key, key, resourceNotFound: true);
}
