namespace Judging.Tests.Browser;

using System.Globalization;
using System.Security.Cryptography;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 15, "Large files survive a bad connection": the organiser uploads a 3 MiB film on 微电影视频 in tus chunks of
/// 256 KiB (<c>Judging:Uploads:ChunkBytes</c>); the connection drops on the first PATCH at or past 55 % (Playwright aborts
/// it before it reaches the server); the row says 连接中断，正在从 N% 处继续…, tus-js-client asks the server's offset (HEAD)
/// and sends the rest; 上传成功, the film is stored once with the file's SHA-256, and the server got each byte once.
/// Starts its own app (full seeds: 30 films with videos).
/// </summary>
[Collection("browser")]
public sealed class FilmResumeTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Chunk = 256 * 1024;
    private LiveApp app = default!;

    public async Task InitializeAsync() =>
        app = await LiveApp.StartAsync(Paths.Seeds, new() { ["Judging:Uploads:ChunkBytes"] = Chunk.ToString(CultureInfo.InvariantCulture) });

    public async Task DisposeAsync()
    {
        await fixture.CloseContextsAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_film_upload_cut_at_60_percent_resumes_from_the_servers_offset_and_is_stored_once()
    {
        // 3 MiB = 3,145,728 bytes = 12 chunks of 262,144.
        var film = FilmUploadTusTests.PaddedFilm(3 << 20);
        var path = Path.Combine(app.DataDir, "品质之光-3MB.mp4");
        await File.WriteAllBytesAsync(path, film);
        var entryId = app.Scalar("SELECT Id FROM Entries WHERE Code = 'WDY-010'");
        long Audits() => app.Scalar($"SELECT COUNT(*) FROM AuditEntries WHERE Subject = 'entry:{entryId}'");
        var auditsBefore = Audits();

        var organiser = await fixture.Browser.OrganiserAsync(app);
        var page = await organiser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync($"{app.BaseUrl}/organiser");
        await page.ClickAsync("[data-testid=films]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("微电影视频");
        await page.WaitForSelectorAsync("[data-film-upload-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=upload-WDY-010]")).ToHaveAttributeAsync("data-chunk-bytes", Chunk.ToString(CultureInfo.InvariantCulture));

        // The network between page and server: count the PATCH bytes that reach the server; drop the first PATCH at or past
        // 55 % (offset 1,835,008 = 7 × 262,144, i.e. 58 %), and hold the HEAD that follows 2.5 s so the row can be seen.
        long sentToServer = 0, cutAt = -1;
        var patches = 0;
        var heldHead = false;
        await page.RouteAsync("**/api/uploads/**", async route =>
        {
            var req = route.Request;
            if (req.Method == "PATCH")
            {
                var offset = long.Parse(await req.HeaderValueAsync("upload-offset") ?? "-1", CultureInfo.InvariantCulture);
                if (cutAt < 0 && offset >= film.Length * 55L / 100)
                {
                    Interlocked.Exchange(ref cutAt, offset);
                    await route.AbortAsync("connectionreset");
                    return;
                }
                Interlocked.Add(ref sentToServer, req.PostDataBuffer?.Length ?? Math.Min(Chunk, film.Length - offset));
                Interlocked.Increment(ref patches);
            }
            else if (req.Method == "HEAD" && cutAt >= 0 && !heldHead)
            {
                heldHead = true;
                await Task.Delay(2500);
            }
            await route.ContinueAsync();
        });

        await page.Locator("[data-testid=upload-WDY-010]").SetInputFilesAsync(path);
        var msg = page.Locator("[data-testid=msg-WDY-010]");
        // The server had 7 chunks = 1,835,008 of 3,145,728 bytes: floor(58.33) = 58 %.
        await Expect(msg).ToHaveTextAsync("连接中断，正在从 58% 处继续…", new() { Timeout = 30_000 });
        Assert.Equal(7L * Chunk, Interlocked.Read(ref cutAt));
        await page.Locator("[data-testid=film-WDY-010]").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync(output, "films-resuming");

        await Expect(msg).ToContainTextAsync("上传成功", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=size-WDY-010]")).ToHaveAttributeAsync("data-size-bytes", film.Length.ToString(CultureInfo.InvariantCulture));
        await page.ShotAsync(output, "films-resumed");

        // Each byte reached the server once: 12 PATCHes of 262,144 = 3,145,728 (the dropped one never arrived), far below 1.3 ×.
        output.WriteLine($"PATCH bytes to the server: {sentToServer} in {patches} requests for a {film.Length}-byte film");
        Assert.Equal(12, patches);
        Assert.Equal(film.Length, Interlocked.Read(ref sentToServer));
        Assert.True(sentToServer < film.Length * 13L / 10);
        // Stored once (one 替换微电影视频), with the file's SHA-256; the unfinished upload is gone.
        Assert.Equal(auditsBefore + 1, Audits());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(film)), app.ScalarText($"SELECT Sha256 FROM FilmAssets WHERE EntryId = {entryId}"));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDir, "uploads"), "*.bin"));
    }
}
