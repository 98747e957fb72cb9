namespace Judging.Tests.Endpoints;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Judging.App.FilmVoting;
using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A clock the tests move by hand (the app reads time through <see cref="TimeProvider"/>).</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks = new DateTimeOffset(2025, 6, 21, 2, 0, 0, TimeSpan.Zero).UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
    public void Set(DateTimeOffset t) => Interlocked.Exchange(ref ticks, t.UtcTicks);
    public void Advance(TimeSpan d) => Interlocked.Add(ref ticks, d.Ticks);
}

/// <summary>SMS gateway "Memory": keeps the last text per phone.</summary>
public sealed class MemorySmsGateway : ISmsGateway
{
    public ConcurrentDictionary<string, string> Last { get; } = new();
    public Task SendAsync(string phone, string text, CancellationToken ct) { Last[phone] = text; return Task.CompletedTask; }
    public string CodeOf(string phone) => Regex.Match(Last[phone], @"验证码 (\d{6})").Groups[1].Value;
}

/// <summary>
/// The app in memory for the film vote tests: a manual clock, the "Memory" SMS gateway, three films in competition 1,
/// and the client address taken from the test header <c>X-Test-Ip</c> (the test server has none).
/// </summary>
public class FilmVoteTestApp : TestApp
{
    public ManualClock Clock { get; } = new();
    public MemorySmsGateway Sms { get; } = new();
    protected virtual Dictionary<string, string?> Settings => new()
    {
        ["Judging:Voting:PerIpPerMinute"] = "100000", ["Judging:Voting:PerSubnetPerMinute"] = "100000",
        // Most test voters share the test server's unknown address: its SMS budget is not what these tests are about.
        ["Judging:Voting:Sms:PerSubnetPerDay"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>(Settings) { ["Judging:Voting:Sms:Gateway"] = "Memory" }));
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddKeyedSingleton<ISmsGateway>("Memory", Sms);
            s.AddSingleton<IStartupFilter, TestIpFilter>();
        });
    }

    private sealed class TestIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, n) =>
            {
                if (ctx.Request.Headers.TryGetValue("X-Test-Ip", out var ip)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                return n(ctx);
            });
            next(app);
        };
    }

    private int films;

    /// <summary>Adds a new film to competition 1 and returns its id.</summary>
    public Task<int> NewFilmAsync() => WithDbAsync(async db =>
    {
        var n = Interlocked.Increment(ref films);
        var e = new Entry { CompetitionId = 1, Code = $"WDY-T{n:000}", Title = $"测试微电影{n}", Track = Track.MicroFilm, UnitId = await db.Units.Select(u => u.Id).FirstAsync(), Presenter = "导演" };
        db.Entries.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    });

    private static int phones;

    /// <summary>A fresh phone number.</summary>
    public static string NewPhone() => "139" + Interlocked.Increment(ref phones).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A client that verified a fresh phone (voter and device cookies), sending <paramref name="ip"/> and <paramref name="userAgent"/>.</summary>
    public async Task<HttpClient> VoterAsync(string? ip = null, string? userAgent = null, string? phone = null)
    {
        var client = Browser();
        if (ip is not null) client.DefaultRequestHeaders.Add("X-Test-Ip", ip);
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        phone ??= NewPhone();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/voting/1/code", new { phone })).StatusCode);
        var res = await client.PostAsJsonAsync("/api/voting/1/verify", new { phone, code = Sms.CodeOf(phone) });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return client;
    }

    /// <summary>Saves competition 1's voting settings as the organiser would.</summary>
    public async Task SetRulesAsync(VotingRules rules, FraudThresholds? fraud = null)
    {
        using var scope = Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<VotingSettingsStore>();
        Assert.Empty(await store.SaveAsync(1, rules, fraud ?? new FraudThresholds(NewIdentityMinutes: 0), "test", default));
    }

    public FilmVotes Writer => Services.GetRequiredService<FilmVotes>();
}

/// <summary>The same app with low rate limits: 3 per address and 5 per /24 per minute.</summary>
public sealed class FilmVoteLimitedApp : FilmVoteTestApp
{
    protected override Dictionary<string, string?> Settings => new(base.Settings)
    {
        ["Judging:Voting:PerIpPerMinute"] = "3", ["Judging:Voting:PerSubnetPerMinute"] = "5",
    };
}
