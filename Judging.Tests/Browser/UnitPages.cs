namespace Judging.Tests.Browser;

using System.Globalization;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// A unit contact's steps on its own pages (issue 15, "Units"), shared by <see cref="UnitRegistrationBrowserTests"/> and
/// <see cref="RegistrationFlowTests"/>: the phone it uses, the SMS sign-in, starting, filling and submitting a declaration.
/// </summary>
public static class UnitPages
{
    /// <summary>A 390×844 phone (an Android Chrome, touch, Chinese, Beijing time).</summary>
    public static Task<IBrowserContext> PhoneAsync(this IBrowser browser) => browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, HasTouch = true, IsMobile = true,
        Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
    });

    /// <summary>
    /// Signs <paramref name="mobile"/> in on <c>/unit/login</c> with the code the app texted it (read from <paramref name="sms"/>,
    /// the "Memory" gateway); takes the screenshot <paramref name="shot"/> with the code typed, before tapping 登录. The caller
    /// waits for where the app goes next (the registration form for a new contact, the unit's page otherwise).
    /// </summary>
    public static async Task SignInAsync(IPage page, string baseUrl, MemorySmsGateway sms, string mobile, ITestOutputHelper output, string shot)
    {
        await page.GotoAsync($"{baseUrl}/unit/login");
        await page.FillAsync("[data-testid=login-mobile]", mobile);
        await page.Locator("[data-testid=login-send]").TapAsync();
        await Expect(page.Locator("[data-testid=login-code-msg]")).Not.ToBeEmptyAsync();
        Assert.True(sms.Last.ContainsKey(mobile), "no SMS sent to " + mobile);
        await page.FillAsync("[data-testid=login-code]", sms.CodeOf(mobile));
        await page.ShotAsync(output, shot);
        await page.Locator("[data-testid=login-submit]").TapAsync();
    }

    /// <summary>A synopsis of <paramref name="times"/> × 18 CJK characters (18 字 each) starting with <paramref name="head"/>.</summary>
    public static string Synopsis(string head, int times = 7) => head + string.Concat(Enumerable.Repeat("质量是企业的生命线，品牌是发展的金名片。", times));

    /// <summary>Fills the fields of a declaration the registration does not prefill; <paramref name="minutes"/> null for a case.</summary>
    public static async Task FillRestAsync(IPage page, string synopsis, int? minutes)
    {
        if (minutes is { } m) await page.FillAsync("[data-testid=decl-minutes]", m.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("[data-testid=decl-creator]", "张伟团队");
        await page.FillAsync("[data-testid=decl-dept]", "品牌部"); // the registration gives 部门及职务 as one field: not prefilled
        await page.FillAsync("[data-testid=decl-synopsis]", synopsis);
        await page.CheckAsync("[data-testid='decl-honour-上海品牌认证获证单位']");
        for (var i = 0; i < 3; i++) await page.CheckAsync($"[data-testid=decl-commit-{i}]");
    }

    /// <summary>Taps 申报… for <paramref name="track"/> (an enum name, e.g. "Speech") on the unit's page; returns the new declaration's id.</summary>
    public static async Task<int> StartAsync(IPage page, string track)
    {
        await page.Locator($"[data-testid=start-{track}]").TapAsync();
        await page.WaitForURLAsync("**/unit/declarations/*");
        return int.Parse(page.Url.Split('/').Last().Split('?')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Taps 提交申报 and expects the submitted page (a refusal or field problems fail the test, naming what the page said).</summary>
    public static async Task SubmitAsync(IPage page)
    {
        await page.Locator("[data-testid=decl-submit]").TapAsync();
        // The answer: the submitted page, or the form again with its problems or refusal.
        await Expect(page.Locator("[data-testid=decl-ok], [data-testid=decl-problems], [data-testid=decl-refusal]")).ToBeVisibleAsync();
        if (!page.Url.Contains("r=submitted", StringComparison.Ordinal))
        {
            // Refused: name what the page said (a failed assertion then shows the field problems).
            var said = await page.Locator(".unit-msg, .unit-error").AllTextContentsAsync();
            Assert.Fail($"not submitted ({page.Url}): {string.Join(" | ", said)}");
        }
        await Expect(page.Locator("[data-testid=decl-ok]")).ToContainTextAsync("申报已提交，作品编号");
    }
}
