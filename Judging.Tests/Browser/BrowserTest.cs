namespace Judging.Tests.Browser;

using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// Base of the browser tests: each class starts its own app (fresh database from <c>seeds/</c>) and, when
/// done, closes every browser context it opened (open pages would keep reconnecting to a stopped app).
/// </summary>
[Collection("browser")]
public abstract class BrowserTest : IAsyncLifetime
{
    private readonly BrowserFixture fixture;

    protected BrowserTest(BrowserFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        Output = output;
    }

    /// <summary>Debian's Chromium.</summary>
    protected IBrowser Browser => fixture.Browser;

    /// <summary>Where screenshots' paths are printed.</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>The app under test, a real process.</summary>
    protected LiveApp App { get; private set; } = default!;

    /// <summary>The seeds the app starts on; null for <see cref="Paths.SeedsWithoutScores"/> (preliminaries ready to run live).</summary>
    protected virtual string? SeedsPath => null;

    public async Task InitializeAsync() => App = await LiveApp.StartAsync(SeedsPath);

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await App.DisposeAsync();
    }
}
