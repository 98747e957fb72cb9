namespace Judging.Tests.Endpoints;

using System.Net;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Issue 10, item 9: sign-in limits no longer share one bucket per address. Judge codes, organiser passwords and the
/// setup link each have their own per-address bucket, and an organiser account is locked after repeated wrong passwords
/// whatever the address (a judge code after repeated failures of that code).
/// </summary>
public sealed partial class SignInBucketTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Sixty_five_bad_judge_codes_on_the_venue_wifi_leave_the_organiser_able_to_sign_in()
    {
        // Every client of the test server has the same (unknown) address: the venue's Wi-Fi.
        var tablet = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 65; i++) statuses.Add((await tablet.GetAsync($"/j/K7PD{i:0000}")).StatusCode);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The organiser, on the same Wi-Fi, signs in.
        await UserAsync("venue-organiser", "venue-organiser-pass-1");
        var (status, location) = await PasswordAsync(app.Browser(), "venue-organiser", "venue-organiser-pass-1");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/organiser", location);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_waits()
    {
        await UserAsync("locked-organiser", "locked-organiser-pass-1");
        for (var i = 0; i < 4; i++)
            Assert.Equal("/login?error=1", (await PasswordAsync(app.Browser(), "locked-organiser", $"wrong-password-{i}")).Location);
        // The fifth wrong password locks the account, and says so.
        Assert.Equal("/login?error=locked", (await PasswordAsync(app.Browser(), "locked-organiser", "wrong-password-4")).Location);
        // The sixth try, from another browser and with the right password: refused while the lock lasts, said in Chinese.
        var (_, location) = await PasswordAsync(app.Browser(), "locked-organiser", "locked-organiser-pass-1");
        Assert.Equal("/login?error=locked", location);
        var page = WebUtility.HtmlDecode(await app.Browser().GetStringAsync(location));
        Assert.Contains("已临时锁定", page);

        // Another account is not affected.
        await UserAsync("other-organiser", "other-organiser-pass-1");
        Assert.Equal("/organiser", (await PasswordAsync(app.Browser(), "other-organiser", "other-organiser-pass-1")).Location);
    }

    private Task UserAsync(string name, string password) => app.WithDbAsync(async db =>
    {
        if (await db.Users.AnyAsync(u => u.UserName == name)) return 0;
        var user = new UserAccount { UserName = name, DisplayName = "组织者", PasswordHash = "", Role = Roles.Organiser, CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, password);
        db.Users.Add(user);
        return await db.SaveChangesAsync();
    });

    private static async Task<(HttpStatusCode Status, string? Location)> PasswordAsync(HttpClient client, string name, string password)
    {
        var html = await client.GetStringAsync("/login");
        var token = TokenRegex().Match(html).Groups[1].Value;
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = name, ["Password"] = password, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token,
        }));
        return (res.StatusCode, res.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
