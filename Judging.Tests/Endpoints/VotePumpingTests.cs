namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.FilmVoting;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 10, item 4 ("one device, many phones"): one device cookie verified 25 phones and all 25 votes counted. Now a
/// device verifies at most <c>Judging:Voting:VerificationsPerDevicePerDay</c> phones a day (5), and votes from a device
/// that verified more than <c>Judging:Voting:Fraud:DevicePhones</c> (3) are held in a device cluster for review.
/// </summary>
public sealed class DevicePhonesTests(FilmVoteTestApp app) : IClassFixture<FilmVoteTestApp>
{
    [Fact]
    public async Task One_device_verifying_25_phones_gets_5_verified_and_no_more_than_3_votes_counted()
    {
        // Bursts off (no identity is new): only the device rule can hold these votes.
        await app.SetRulesAsync(VotingRules.Default, new FraudThresholds(NewIdentityMinutes: 0));
        var film = await app.NewFilmAsync();
        var device = app.Browser(); // one phone: its cookies stay; only the number typed changes
        device.DefaultRequestHeaders.Add("X-Test-Ip", "10.44.0.9");
        var verified = 0;
        var refusals = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var phone = FilmVoteTestApp.NewPhone();
            var sent = await device.PostAsJsonAsync("/api/voting/1/code", new { phone });
            if (sent.StatusCode != HttpStatusCode.OK) { refusals.Add(await ErrorAsync(sent)); continue; }
            var res = await device.PostAsJsonAsync("/api/voting/1/verify", new { phone, code = app.Sms.CodeOf(phone) });
            if (res.StatusCode != HttpStatusCode.OK) { refusals.Add(await ErrorAsync(res)); continue; }
            verified++;
            Assert.Equal(HttpStatusCode.OK, (await device.PostAsync($"/api/films/{film}/votes", null)).StatusCode);
        }

        Assert.Equal(5, verified);
        Assert.Equal(20, refusals.Count);
        Assert.All(refusals, r => Assert.Contains("设备", r));
        var tally = (await app.Writer.TalliesAsync(1, default))[film];
        Assert.True(tally.Public <= 3, $"public {tally.Public}");
        Assert.Equal(5, tally.Public + tally.Held);
        Assert.True(await app.WithDbAsync(db => db.Set<VoteCluster>().AnyAsync(c => c.EntryId == film && c.Kind == (int)ClusterKind.Device)));
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage res) =>
        JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
}

/// <summary>The film vote app with small SMS budgets: 50 codes per /24 and 120 in all per Shanghai day.</summary>
public sealed class SmsBudgetApp : FilmVoteTestApp
{
    protected override Dictionary<string, string?> Settings => new(base.Settings)
    {
        ["Judging:Voting:Sms:PerSubnetPerDay"] = "50", ["Judging:Voting:Sms:PerDay"] = "120",
    };
}

/// <summary>
/// Issue 10, item 5 ("SMS code pumping"): 60 codes to 60 numbers from one address a minute, and a fresh address starts
/// again. Now each /24 (IPv6 /48) and the whole app have a daily budget of codes, and the console warns when one nears
/// its end.
/// </summary>
public sealed class SmsBudgetTests(SmsBudgetApp app) : IClassFixture<SmsBudgetApp>
{
    private async Task<HttpResponseMessage> CodeAsync(string ip)
    {
        using var c = app.Browser();
        c.DefaultRequestHeaders.Add("X-Test-Ip", ip);
        return await c.PostAsJsonAsync("/api/voting/1/code", new { phone = FilmVoteTestApp.NewPhone() });
    }

    [Fact]
    public async Task A_script_pumping_codes_stops_at_the_subnet_budget_then_at_the_daily_budget_and_the_console_warns()
    {
        // 60 numbers from addresses of one /24: 50 codes, then refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 60; i++) statuses.Add((await CodeAsync($"10.7.7.{i}")).StatusCode);
        Assert.Equal(50, statuses.Count(s => s == HttpStatusCode.OK));
        var refused = await CodeAsync("10.7.7.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("网络", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // Fresh /24s: the app's daily budget (120) stops them.
        statuses.Clear();
        for (var i = 1; i <= 80; i++) statuses.Add((await CodeAsync($"10.8.{i}.1")).StatusCode);
        Assert.Equal(70, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(120, app.Sms.Last.Count);

        // The console says so.
        using var scope = app.Services.CreateScope();
        var warnings = await scope.ServiceProvider.GetRequiredService<PhoneVerification>().BudgetWarningsAsync(default);
        Assert.Contains(warnings, w => w.Contains("今日短信验证码") && w.Contains("120"));
        Assert.Contains(warnings, w => w.Contains("10.7.7.0/24"));

        // The next Shanghai day starts afresh.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync("10.7.7.1")).StatusCode);
    }
}
