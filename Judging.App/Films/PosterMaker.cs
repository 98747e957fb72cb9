namespace Judging.App.Films;

using System.Diagnostics;
using System.Threading.Channels;
using Judging.App.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Poster frames (issue 4: "a poster frame (ffmpeg when installed, a placeholder otherwise)"): after an upload the video is
/// queued; one background worker runs <c>ffmpeg -ss 1 -i in -frames:v 1 -vf scale=480:-2 out.jpg</c> (no shell, killed
/// after <see cref="FilmOptions.PosterTimeoutSeconds"/>), then records the JPEG on the entry's <see cref="FilmAsset"/> if
/// that video is still the current one. ffmpeg is looked up once; without it nothing runs and the placeholder is served.
/// </summary>
public sealed class PosterMaker(FilmStore store, IDbContextFactory<JudgingDb> dbs, IOptions<FilmOptions> options, ILogger<PosterMaker> log) : BackgroundService
{
    private readonly Channel<(int EntryId, string StoredFileName)> queue = Channel.CreateBounded<(int, string)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Lazy<string?> ffmpeg = new(() => FindFfmpeg(options.Value.Ffmpeg));

    /// <summary>Full path of the ffmpeg program in use, or null when posters are placeholders (looked up once).</summary>
    public string? Ffmpeg => ffmpeg.Value;

    /// <summary>Posters made since start (for tests and logs).</summary>
    public int Made => made;
    private int made;

    /// <summary>Queues a poster for the entry's stored video; does nothing without ffmpeg.</summary>
    public void Enqueue(int entryId, string storedFileName)
    {
        if (Ffmpeg is null) return;
        queue.Writer.TryWrite((entryId, storedFileName));
    }

    /// <summary>The ffmpeg program: <c>none</c> → null, a path → that file if it exists, unset → <c>ffmpeg</c> on PATH.</summary>
    public static string? FindFfmpeg(string? configured)
    {
        if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation(Ffmpeg is null ? "ffmpeg not found: film posters are placeholders" : "Film posters by {Ffmpeg}", Ffmpeg);
        await foreach (var (entryId, video) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var poster = await MakeAsync(video, stoppingToken);
                if (poster is null) continue;
                await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                var n = await db.Set<FilmAsset>().Where(a => a.EntryId == entryId && a.StoredFileName == video)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.PosterFileName, poster), stoppingToken);
                if (n == 0) store.DeleteQuietly(poster);
                else Interlocked.Increment(ref made);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogWarning(e, "Poster of entry {EntryId} failed; the placeholder is served", entryId);
            }
        }
    }

    /// <summary>Runs ffmpeg at 1 s, then at 0 s for a shorter video; returns the poster's file name or null.</summary>
    private async Task<string?> MakeAsync(string video, CancellationToken ct)
    {
        var input = store.PathOf(video);
        if (!File.Exists(input) || Ffmpeg is null) return null;
        var name = FilmStore.PosterNameFor(video);
        var temp = Path.Combine(store.Folder, $".poster-{Guid.NewGuid():N}.jpg");
        try
        {
            foreach (var at in new[] { "1", "0" })
            {
                if (await RunAsync(Ffmpeg, ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-ss", at, "-i", input, "-frames:v", "1", "-vf", "scale=480:-2", temp], ct)
                    && new FileInfo(temp) is { Exists: true, Length: > 0 })
                {
                    File.Move(temp, store.PathOf(name), overwrite: true);
                    return name;
                }
            }
            return null;
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private async Task<bool> RunAsync(string program, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync(ct);
        _ = p.StandardOutput.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.PosterTimeoutSeconds)));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested) throw;
            log.LogWarning("ffmpeg took longer than {Seconds} s and was stopped", options.Value.PosterTimeoutSeconds);
            return false;
        }
        if (p.ExitCode != 0) log.LogInformation("ffmpeg exit {Code}: {Error}", p.ExitCode, (await stderr).Trim());
        return p.ExitCode == 0;
    }
}
