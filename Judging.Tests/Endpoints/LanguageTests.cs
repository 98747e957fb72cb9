namespace Judging.Tests.Endpoints;

using System.Net;
using Judging.Tests.Support;

/// <summary>The language switch (issue 12, section 3): zh-CN unless the visitor chose English (cookie or ?culture=en).</summary>
public sealed class LanguageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_page_is_Chinese_by_default_even_for_an_English_browser()
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var html = await client.GetStringAsync("/login");
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("上海质量评审系统", html);
    }

    [Fact]
    public async Task The_switch_sets_the_cookie_and_the_next_page_is_English()
    {
        var client = app.Browser();
        var res = await client.GetAsync("/culture/en?returnUrl=/login");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/login", res.Headers.Location?.OriginalString);

        var html = await client.GetStringAsync("/login");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Shanghai Quality Judging", html);
        Assert.Contains("/culture/zh-CN?returnUrl=", html); // and back

        await client.GetAsync("/culture/zh-CN?returnUrl=/login");
        Assert.Contains("<html lang=\"zh-CN\"", await client.GetStringAsync("/login"));
    }

    [Fact]
    public async Task The_query_string_chooses_English_for_one_page()
    {
        var client = app.Browser();
        Assert.Contains("<html lang=\"en\"", await client.GetStringAsync("/login?culture=en"));
        Assert.Contains("<html lang=\"zh-CN\"", await client.GetStringAsync("/login"));
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_switch_never_sends_anyone_off_site(string returnUrl)
    {
        var res = await app.Browser().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/", res.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_refused()
    {
        var res = await app.Browser().GetAsync("/culture/fr?returnUrl=/");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }
}
