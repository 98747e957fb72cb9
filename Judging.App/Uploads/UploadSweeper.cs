namespace Judging.App.Uploads;

/// <summary>
/// Deletes abandoned uploads (tus expiration extension; issue 15): every <see cref="UploadOptions.SweepMinutes"/> it
/// calls <see cref="UploadStore.SweepAsync"/> with the app's clock, so an upload untouched for
/// <see cref="UploadOptions.ExpiryHours"/> goes. Any instance may sweep: the upload's lock keeps a working one.
/// </summary>
public sealed class UploadSweeper(UploadStore store, TimeProvider clock, ILogger<UploadSweeper> log) : BackgroundService
{
    /// <summary>One sweep now; returns how many uploads were deleted (errors are logged, not thrown).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        try
        {
            var n = await store.SweepAsync(clock.GetUtcNow(), ct);
            if (n > 0) log.LogInformation("Deleted {Count} abandoned upload(s) older than {Hours} h", n, store.Options.ExpiryHours);
            return n;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "Sweeping abandoned uploads failed");
            return 0;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(0.1, store.Options.SweepMinutes)), clock);
        try
        {
            do await SweepOnceAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }
}
