namespace Judging.Tests.Endpoints;

using System.Net;
using Judging.Tests.Support;

/// <summary>Sign-in codes cannot be guessed at speed: attempts per address per minute are limited.</summary>
public sealed class SignInLimitTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public SignInLimitTests(TestApp app) => this.app = app;

    [Fact]
    public async Task Guessing_codes_is_refused_after_the_limit_with_a_chinese_message()
    {
        var client = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++) statuses.Add((await client.GetAsync($"/j/GUESS{i:000}")).StatusCode);
        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var refused = await client.GetAsync("/j/GUESS999");
        Assert.Contains("过于频繁", await refused.Content.ReadAsStringAsync());
    }
}
