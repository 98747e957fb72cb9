namespace Judging.Tests.Browser;

using System.Text.RegularExpressions;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The public film vote in English end to end (issue 12, section 3): a phone opens <c>/films?culture=en</c>, taps a
/// film (the link keeps the language), taps Vote, verifies its number with the SMS code and votes; every word the page
/// and films.js write, and every answer of the vote API, is English; a second vote is refused in English; the 中文 link
/// gives the same film in Chinese. Starts its own app (full seeds).
/// </summary>
[Collection("browser")]
public sealed partial class FilmVotingEnglishTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private LiveApp app = default!;

    public async Task InitializeAsync() => app = await LiveApp.StartAsync(Paths.Seeds);

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex(@"SMS (\d{3}\*{4}\d{4}) 验证码 (\d{4,8})")]
    private static partial Regex SmsLine();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    private async Task<string> CodeForAsync(string phone)
    {
        for (var i = 0; i < 150; i++)
        {
            var code = SmsLine().Matches(app.Output).Where(m => m.Groups[1].Value == Judging.App.FilmVoting.PhoneVerification.Mask(phone)).Select(m => m.Groups[2].Value).LastOrDefault();
            if (code is not null) return code;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no SMS code for {phone} in the app's output");
    }

    [Fact]
    public async Task A_phone_votes_in_English_from_the_gallery_to_the_refused_second_vote()
    {
        var film = app.Scalar("SELECT Id FROM Entries WHERE Code = 'WDY-003'");
        var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, HasTouch = true, IsMobile = true,
            Locale = "en-GB", TimezoneId = "Asia/Shanghai",
        });
        var phone = await context.NewPageAsync();
        await phone.GotoAsync($"{app.BaseUrl}/films?culture=en");
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Micro-film online vote");
        await Expect(phone.Locator("[data-testid=live]")).ToHaveTextAsync("Live");
        await phone.ShotAsync(output, "films-gallery-english");

        await phone.Locator("[data-testid=film-WDY-003]").TapAsync();
        await phone.WaitForURLAsync(new Regex($"/films/{film}\\?culture=en$"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(phone.Locator("[data-testid=live]")).ToHaveTextAsync("Live");
        await Expect(phone.Locator("[data-testid=vote]")).ToHaveTextAsync("Vote");
        await Expect(phone.Locator("#fm-rule")).ToContainTextAsync("Votes per phone number per film per day: 1.");
        await Expect(phone.Locator("#fm-period")).ToHaveTextAsync("Voting period: no limit");

        await phone.Locator("[data-testid=vote]").TapAsync();
        await Expect(phone.Locator("[data-testid=verify]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=verify-message]")).ToHaveTextAsync("Please verify your phone number first.");
        await phone.Locator("[data-testid=send-code]").TapAsync();
        await Expect(phone.Locator("[data-testid=verify-message]")).ToHaveTextAsync("Please enter an 11-digit mobile number.");
        await phone.Locator("[data-testid=phone]").FillAsync("13900002222");
        await phone.Locator("[data-testid=send-code]").TapAsync();
        await Expect(phone.Locator("[data-testid=verify-message]")).ToHaveTextAsync("Code sent");
        await Expect(phone.Locator("[data-testid=send-code]")).ToContainTextAsync("Resend in");
        await phone.ShotAsync(output, "films-verify-panel-english");
        await phone.Locator("[data-testid=code]").FillAsync(await CodeForAsync("13900002222"));
        await phone.Locator("[data-testid=verify-submit]").TapAsync();

        await Expect(phone.Locator("[data-testid=vote-message]")).ToHaveTextAsync("Vote counted");
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("1");
        await phone.ShotAsync(output, "films-voted-english");

        await phone.Locator("[data-testid=vote]").TapAsync();
        await Expect(phone.Locator("[data-testid=vote-message]")).ToHaveTextAsync("You have already voted for this film today; come back tomorrow.");
        await Expect(phone.Locator("[data-testid=count]")).ToHaveTextAsync("1");
        await phone.ShotAsync(output, "films-second-vote-refused-english");

        // Nothing Chinese is left on the page outside data (the same convention as PublicEnglishTests).
        var html = await phone.ContentAsync();
        var text = Judging.Tests.Endpoints.PublicEnglishTests.InterfaceText(html);
        Assert.DoesNotMatch(Han(), text);

        // The language link: the same film in Chinese.
        await phone.Locator("[data-testid=lang-zh]").TapAsync();
        await phone.WaitForURLAsync(new Regex($"/films/{film}\\?culture=zh-CN$"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(phone.Locator("[data-testid=vote]")).ToHaveTextAsync("投票");
        await Expect(phone.Locator("[data-testid=lang-en]")).ToHaveTextAsync("English");
    }
}
