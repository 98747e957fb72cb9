namespace Judging.Tests.Support;

using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>Debian's Chromium under Playwright (never a downloaded browser), one per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // A shared, noisy machine (2 cores, other builds running) can take more than Playwright's default 5 s to
        // render a page's circuit; what the tests check does not depend on the wait, only whether it flakes.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Debian's chromium is not installed: run ./test.sh, which installs it");
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
        });
    }

    /// <summary>Closes every context (and its pages) a test opened.</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var c in Browser.Contexts.ToList()) await c.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        Playwright.Dispose();
    }
}

/// <summary>Helpers that act as the people in the room.</summary>
public static class People
{
    /// <summary>A tablet in portrait (768×1024) or landscape (1024×768), touch enabled.</summary>
    public static Task<IBrowserContext> TabletAsync(this IBrowser browser, bool landscape = false) =>
        browser.NewContextAsync(new()
        {
            ViewportSize = landscape ? new() { Width = 1024, Height = 768 } : new() { Width = 768, Height = 1024 },
            HasTouch = true, IsMobile = false, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });

    /// <summary>Creates the first organiser through the printed setup link; returns the signed-in context.</summary>
    public static async Task<IBrowserContext> OrganiserAsync(this IBrowser browser, LiveApp app) =>
        await browser.OrganiserAsync(await app.SetupLinkAsync());

    /// <summary>
    /// Creates the first organiser through <paramref name="setupLink"/> (<c>{base}/setup/{token}</c>, e.g. from
    /// <c>SetupLink.IssueIfNeededAsync</c> for an app in this process) on a 1366×900 desktop; returns the signed-in context.
    /// </summary>
    public static async Task<IBrowserContext> OrganiserAsync(this IBrowser browser, string setupLink)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(setupLink);
        await page.FillAsync("input[name=UserName]", "organiser");
        await page.FillAsync("input[name=DisplayName]", "俞琳");
        await page.FillAsync("input[name=Password]", "correct-horse-battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/organiser");
        await page.CloseAsync();
        return context;
    }

    /// <summary>A judge signs in on a tablet by scanning their card's QR link.</summary>
    public static async Task<IPage> JudgeAsync(this IBrowser browser, LiveApp app, string judgeNumber, bool landscape = false)
    {
        var context = await browser.TabletAsync(landscape);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/j/{app.JudgeCode(judgeNumber)}");
        await page.WaitForURLAsync("**/judge");
        await page.WaitForSelectorAsync(".judge-head");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// The native element inside a MudBlazor field marked <c>data-testid=<paramref name="testId"/></c> (the attribute lands on the
    /// wrapper or on the element itself): its first <paramref name="tag"/> (<c>input</c>, <c>textarea</c>).
    /// </summary>
    public static ILocator MudInput(this IPage page, string testId, string tag = "input") =>
        page.Locator($"[data-testid={testId}]").Locator($"xpath=descendant-or-self::{tag}").First;

    /// <summary>Waits until the interactive circuit is up (Blazor has attached and rendered).</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('script[src*=\"blazor.web.js\"]')");
        await page.WaitForTimeoutAsync(300);
    }

    /// <summary>Organiser's console: start the round if needed, put <paramref name="entryCode"/> on stage and open scoring.</summary>
    public static async Task<IPage> OpenScoringAsync(this IBrowserContext organiser, LiveApp app, int roundId, string entryCode)
    {
        var page = await organiser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/organiser/rounds/{roundId}");
        await page.WaitForSelectorAsync("[data-testid=status]");
        await WaitForCircuitAsync(page);
        if (await page.Locator("[data-testid=start]").CountAsync() > 0)
        {
            await page.ClickAsync("[data-testid=start]");
            await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("进行中");
        }
        await page.ClickAsync($"[data-testid=onstage-{entryCode}]");
        await Assertions.Expect(page.Locator("[data-testid=onstage]")).ToContainTextAsync(entryCode);
        await page.ClickAsync("[data-testid=open-scoring]");
        await Assertions.Expect(page.Locator("[data-testid=close-scoring]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Taps a quick value for each criterion (1-based index → value as shown on the chip).</summary>
    public static async Task TapAsync(this IPage judge, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            await judge.Locator($"[data-testid=crit-{i + 1}] .chip[data-value='{values[i]}']").TapAsync();
            await Assertions.Expect(judge.Locator($"[data-testid=value-{i + 1}]")).ToHaveTextAsync(decimal.Parse(values[i]).ToString("0.0"));
        }
    }

    /// <summary>Saves a screenshot and prints where it is.</summary>
    public static async Task ShotAsync(this IPage page, ITestOutputHelper output, string name)
    {
        var path = Path.Combine(Paths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
    }
}
