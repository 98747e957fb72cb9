namespace Judging.Tests.Endpoints;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Judging.App.LiveRounds;
using Judging.App.FilmVotingPages;
using Judging.App.FilmVoting;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The public film pages and their JSON (issue 4, "Public voting"): <c>GET /api/films</c> in its exact shape, the
/// gallery and film pages (static, small, no Blazor script, lazy posters, a phone player), Chinese 404s instead of
/// error pages, and the live stream <c>/api/films/live</c>: snapshot first, at most one update per film per second,
/// the final count always sent, heartbeats, and a stalled stream not slowing the others. Counts come from a fake
/// <see cref="IFilmVoteCounts"/> so the tests do not depend on the vote rules.
/// </summary>
public sealed class FilmsApiTests : IClassFixture<FilmsApiTests.FilmsApp>
{
    /// <summary>The app with a settable <see cref="IFilmVoteCounts"/>, heartbeats every second and a 4-event stream queue.</summary>
    public sealed class FilmsApp : TestApp
    {
        public FakeCounts Counts { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Judging:PublicFilms:HeartbeatSeconds"] = "1",
                ["Judging:PublicFilms:ClientQueue"] = "4",
                ["Judging:PublicFilms:CatalogCacheSeconds"] = "0",
            }));
            builder.ConfigureTestServices(s => s.AddSingleton<IFilmVoteCounts>(Counts));
        }
    }

    /// <summary>Counts set by the test.</summary>
    public sealed class FakeCounts : IFilmVoteCounts
    {
        public ConcurrentDictionary<int, long> Values { get; } = new();

        public ValueTask<IReadOnlyDictionary<int, long>> PublicCountsAsync(int competitionId, CancellationToken ct = default) =>
            ValueTask.FromResult<IReadOnlyDictionary<int, long>>(new Dictionary<int, long>(Values));
    }

    private readonly FilmsApp app;
    public FilmsApiTests(FilmsApp app) => this.app = app;

    private static readonly SemaphoreSlim FilmsGate = new(1, 1);
    private static int[]? filmIds;

    /// <summary>Three film entries of competition 1 (codes TST-F01…03), added once.</summary>
    private async Task<int[]> FilmsAsync()
    {
        await FilmsGate.WaitAsync();
        try
        {
            return filmIds ??= await app.WithDbAsync(async db =>
            {
                var units = await db.Units.Where(u => u.CompetitionId == 1).OrderBy(u => u.Id).Take(3).ToListAsync();
                var entries = units.Select((u, i) => new Entry
                {
                    CompetitionId = 1, Code = $"TST-F0{i + 1}", Title = $"测试影片{i + 1}·匠心", Track = Track.MicroFilm, UnitId = u.Id,
                    Presenter = $"主创{i + 1}", DurationMinutes = 5,
                }).ToList();
                db.Entries.AddRange(entries);
                await db.SaveChangesAsync();
                return entries.Select(e => e.Id).ToArray();
            });
        }
        finally { FilmsGate.Release(); }
    }

    [Fact]
    public async Task Api_films_lists_the_films_with_media_urls_and_the_public_count()
    {
        var ids = await FilmsAsync();
        app.Counts.Values[ids[0]] = 42;
        app.Counts.Values[ids[1]] = 7;
        app.Counts.Values.TryRemove(ids[2], out _);

        var res = await app.CreateClient().GetAsync("/api/films");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var films = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Where(f => ids.Contains(f.GetProperty("entryId").GetInt32())).ToList();

        Assert.Equal(3, films.Count);
        var first = films.Single(f => f.GetProperty("entryId").GetInt32() == ids[0]);
        Assert.Equal(["entryId", "title", "unit", "videoUrl", "posterUrl", "acceptedVotes"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("测试影片1·匠心", first.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("unit").GetString()));
        Assert.Equal($"/media/films/{ids[0]}/video", first.GetProperty("videoUrl").GetString());
        Assert.Equal($"/media/films/{ids[0]}/poster", first.GetProperty("posterUrl").GetString());
        Assert.Equal(42, first.GetProperty("acceptedVotes").GetInt64());
        Assert.Equal(0, films.Single(f => f.GetProperty("entryId").GetInt32() == ids[2]).GetProperty("acceptedVotes").GetInt64());
        // The same for the competition named explicitly; an unknown one gets a Chinese 404.
        var named = await app.CreateClient().GetStringAsync("/api/films?competitionId=1");
        Assert.Contains("\"acceptedVotes\":42", named);
        var missing = await app.CreateClient().GetAsync("/api/films?competitionId=999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("大赛不存在", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_gallery_is_one_small_static_page_with_lazy_posters_and_counts()
    {
        var ids = await FilmsAsync();
        app.Counts.Values[ids[1]] = 1234;

        var res = await app.CreateClient().GetAsync("/films");
        var html = await res.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("微电影网络投票", html);
        Assert.Contains("测试影片2·匠心", html); // UTF-8, not entities
        Assert.Contains($"<img src=\"/media/films/{ids[1]}/poster\" loading=\"lazy\"", html);
        Assert.Contains($"href=\"/films/{ids[1]}\"", html);
        Assert.Contains($"data-count=\"{ids[1]}\" data-testid=\"count-TST-F02\">1,234</b>", html);
        Assert.Contains("data-competition=\"1\"", html);
        // No circuit and no framework: no blazor.web.js, no MudBlazor.
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("MudBlazor", html);
        Assert.True(res.Content.Headers.ContentLength is null or < 40_000);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 40_000, $"gallery HTML is {html.Length} characters");
    }

    [Fact]
    public async Task The_film_page_has_a_phone_player_the_count_and_the_vote_button()
    {
        var ids = await FilmsAsync();
        app.Counts.Values[ids[0]] = 42;

        var html = await app.CreateClient().GetStringAsync($"/films/{ids[0]}");

        Assert.Contains($"<video controls playsinline preload=\"metadata\" poster=\"/media/films/{ids[0]}/poster\" src=\"/media/films/{ids[0]}/video\"", html);
        Assert.Contains("<h1 data-testid=\"film-title\">测试影片1·匠心</h1>", html);
        Assert.Contains("主创：主创1 · 5 分钟", html);
        Assert.Contains($"data-count=\"{ids[0]}\" data-testid=\"count\">42</b>", html);
        Assert.Contains("data-testid=\"vote\">投票</button>", html);
        Assert.Contains($"data-entry=\"{ids[0]}\"", html);
        Assert.Contains("/js/films.js", html);
        Assert.DoesNotContain("blazor.web.js", html);
    }

    [Theory]
    [InlineData("/films/999999", "没有找到这部作品")]
    [InlineData("/films?competitionId=999", "没有找到这个大赛")]
    public async Task Unknown_films_and_competitions_get_a_chinese_sentence_not_an_error_page(string url, string text)
    {
        await FilmsAsync();
        var res = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains(text, html);
        Assert.Contains("href=\"/films\"", html);
    }

    [Fact]
    public async Task A_speech_is_not_a_film()
    {
        var speech = await app.EntryIdAsync("YJ-001");
        var res = await app.CreateClient().GetAsync($"/films/{speech}");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
    }

    [Fact]
    public async Task The_live_stream_sends_a_snapshot_then_at_most_one_update_per_film_per_second_and_always_the_last()
    {
        var ids = await FilmsAsync();
        app.Counts.Values[ids[0]] = 100;
        app.Counts.Values[ids[1]] = 5;
        using var client = app.CreateClient();
        await using var stream = await SseStream.OpenAsync(client, "/api/films/live?competitionId=1");
        Assert.Equal("text/event-stream", stream.ContentType);

        var snapshot = await stream.NextEventAsync();
        Assert.Equal("snapshot", snapshot.Name);
        var counts = JsonDocument.Parse(snapshot.Data).RootElement.GetProperty("counts");
        Assert.Equal(100, counts.GetProperty(ids[0].ToString()).GetInt64());
        Assert.Equal(5, counts.GetProperty(ids[1].ToString()).GetInt64());

        // 30 changes of one film in about 1.5 s: the first is sent at once, then at most one a second, and the last value arrives.
        var events = app.Services.GetRequiredService<ILiveEvents>();
        var watch = Stopwatch.StartNew();
        var updates = new List<(long Count, TimeSpan At)>();
        var reading = Task.Run(async () =>
        {
            while (updates.Count == 0 || updates[^1].Count != 130)
            {
                var e = await stream.NextEventAsync(TimeSpan.FromSeconds(6));
                if (e.Name != "count") continue;
                var d = JsonDocument.Parse(e.Data).RootElement;
                Assert.Equal(ids[0], d.GetProperty("entryId").GetInt32());
                updates.Add((d.GetProperty("count").GetInt64(), watch.Elapsed));
            }
        });
        for (var i = 1; i <= 30; i++)
        {
            app.Counts.Values[ids[0]] = 100 + i;
            await events.PublishAsync(new FilmVotesChanged(1, ids[0]));
            await Task.Delay(50);
        }
        var lastChange = watch.Elapsed;
        await reading;
        // At most one update per started second of changes, plus the first (a loaded machine stretches the 1.5 s).
        Assert.InRange(updates.Count, 2, (int)Math.Ceiling(lastChange.TotalSeconds) + 1);
        for (var i = 1; i < updates.Count; i++)
            Assert.True(updates[i].At - updates[i - 1].At >= TimeSpan.FromMilliseconds(900), $"updates {updates[i - 1].At} and {updates[i].At} closer than a second");
        Assert.True(updates[^1].At - lastChange < TimeSpan.FromSeconds(1.5), $"last change at {lastChange}, its update at {updates[^1].At}");

        // Another film is not held back by the first one's window.
        app.Counts.Values[ids[1]] = 6;
        await events.PublishAsync(new FilmVotesChanged(1, ids[1]));
        var other = await stream.NextEventAsync(TimeSpan.FromSeconds(2), "count");
        Assert.Contains($"\"entryId\":{ids[1]},\"count\":6", other.Data);
    }

    [Fact]
    public async Task The_live_stream_sends_heartbeats_and_an_unknown_competition_gets_a_chinese_404()
    {
        await FilmsAsync();
        using var client = app.CreateClient();
        await using var stream = await SseStream.OpenAsync(client, "/api/films/live?competitionId=1");
        Assert.Equal("snapshot", (await stream.NextEventAsync()).Name);
        Assert.Equal(": hb", await stream.NextCommentAsync(TimeSpan.FromSeconds(3)));

        var res = await client.GetAsync("/api/films/live?competitionId=999");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Contains("大赛不存在", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stalled_stream_does_not_slow_the_others_and_gets_a_snapshot_when_it_reads_again()
    {
        var ids = await FilmsAsync();
        using var client = app.CreateClient();
        await using var stalled = await SseStream.OpenAsync(client, "/api/films/live?competitionId=1");
        await using var reader = await SseStream.OpenAsync(client, "/api/films/live?competitionId=1");
        Assert.Equal("snapshot", (await reader.NextEventAsync()).Name);
        var live = app.Services.GetRequiredService<FilmCountBroadcaster>();
        Assert.True(live.Connected >= 2);

        // 3,000 films change once each (about 150 KB of events): more than the stalled stream's transport buffers
        // (64 KB) and its queue (4 events) hold. The reading stream keeps reading (it may itself be resynchronised).
        var events = app.Services.GetRequiredService<ILiveEvents>();
        const int Flood = 3000;
        var seenAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var e = await reader.NextEventAsync(TimeSpan.FromSeconds(20));
                var root = JsonDocument.Parse(e.Data).RootElement;
                var count = e.Name == "snapshot"
                    ? root.GetProperty("counts").TryGetProperty(ids[0].ToString(), out var c) ? c.GetInt64() : 0
                    : root.GetProperty("entryId").GetInt32() == ids[0] ? root.GetProperty("count").GetInt64() : 0;
                if (count == 777_000) seenAt.TrySetResult(watch.Elapsed);
            }
        });
        var sentBefore = live.UpdatesSent;
        for (var i = 0; i < Flood; i++) await events.PublishAsync(new FilmVotesChanged(1, 500_000 + i));
        while (live.UpdatesSent < sentBefore + Flood) await Task.Delay(20);
        await Task.Delay(200);

        // While the stalled stream still reads nothing, a change reaches the reading stream within the second.
        app.Counts.Values[ids[0]] = 777_000;
        var changedAt = watch.Elapsed;
        await events.PublishAsync(new FilmVotesChanged(1, ids[0]));
        var arrived = await seenAt.Task.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(arrived - changedAt < TimeSpan.FromSeconds(1), $"update took {arrived - changedAt}");
        stop.Cancel();

        // The stalled stream dropped events: when it reads again it gets a fresh snapshot with the latest count.
        var snapshots = 0;
        long? latest = null;
        try
        {
            while (true)
            {
                var e = await stalled.NextEventAsync(TimeSpan.FromSeconds(2));
                var root = JsonDocument.Parse(e.Data).RootElement;
                if (e.Name == "snapshot")
                {
                    snapshots++;
                    if (root.GetProperty("counts").TryGetProperty(ids[0].ToString(), out var c)) latest = c.GetInt64();
                }
                else if (root.GetProperty("entryId").GetInt32() == ids[0]) latest = root.GetProperty("count").GetInt64();
            }
        }
        catch (OperationCanceledException) { } // nothing more within 2 s
        Assert.True(snapshots >= 2, $"{snapshots} snapshot(s): the stalled stream was resynchronised");
        Assert.Equal(777_000, latest);
    }

    /// <summary>A minimal server-sent-events reader over an <see cref="HttpClient"/> response.</summary>
    private sealed class SseStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage response;
        private readonly StreamReader reader;
        private readonly Queue<string> comments = new();

        private SseStream(HttpResponseMessage response, Stream body) => (this.response, reader) = (response, new StreamReader(body));

        public string? ContentType => response.Content.Headers.ContentType?.MediaType;

        public static async Task<SseStream> OpenAsync(HttpClient client, string url)
        {
            var res = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            return new SseStream(res, await res.Content.ReadAsStreamAsync());
        }

        public async Task<(string Name, string Data)> NextEventAsync(TimeSpan? timeout = null, string? name = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
            while (true)
            {
                string? ev = null, data = null;
                while (true)
                {
                    var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
                    if (line.Length == 0) break;
                    if (line.StartsWith(':')) comments.Enqueue(line);
                    else if (line.StartsWith("event: ")) ev = line[7..];
                    else if (line.StartsWith("data: ")) data = line[6..];
                }
                if (data is not null && (name is null || ev == name)) return (ev ?? "message", data);
            }
        }

        public async Task<string> NextCommentAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (comments.Count == 0)
            {
                var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
                if (line.StartsWith(':')) return line;
            }
            return comments.Dequeue();
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
