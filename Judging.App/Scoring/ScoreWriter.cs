namespace Judging.App.Scoring;

using System.Threading.Channels;
using Judging.App.Persistence;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The single writer of score records (group commit): submissions queue here and are committed in
/// batches of up to <see cref="MaxBatch"/>, one transaction and one fsync per batch, so a crowd of
/// judges does not fight over the database's write lock. <see cref="WriteAsync"/> completes only after
/// the commit that holds the record; if a batch fails (e.g. a unique index refuses one record), each of
/// its records is retried alone so only the offending one fails, with its <see cref="DbUpdateException"/>.
/// </summary>
public sealed class ScoreWriter : BackgroundService
{
    /// <summary>Most records committed in one transaction.</summary>
    public const int MaxBatch = 128;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly IDbContextFactory<JudgingDb> factory;
    private readonly ILogger<ScoreWriter> log;

    public ScoreWriter(IDbContextFactory<JudgingDb> factory, ILogger<ScoreWriter> log)
    {
        this.factory = factory;
        this.log = log;
    }

    private sealed record Pending(ScoreRecord Record, AuditEntry? Audit, Func<ScoreRecord, IEnumerable<object>>? Related, TaskCompletionSource Done);

    /// <summary>
    /// Queues <paramref name="record"/> (and its audit line) and waits for its commit. Throws <see cref="DbUpdateException"/> when refused.
    /// <paramref name="related"/> makes rows committed in the same transaction (e.g. the card's comments), fresh for each attempt.
    /// </summary>
    public async Task WriteAsync(ScoreRecord record, AuditEntry? audit, CancellationToken ct, Func<ScoreRecord, IEnumerable<object>>? related = null)
    {
        var pending = new Pending(record, audit, related, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        // Not cancelled by ct once queued: the record may already be committing.
        await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch);
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (Exception batchError) when (batch.Count > 1)
            {
                log.LogDebug(batchError, "Batch of {Count} failed; committing one by one", batch.Count);
                foreach (var p in batch)
                {
                    try { await CommitAsync([p]); p.Done.TrySetResult(); }
                    catch (Exception e) { p.Done.TrySetException(e); }
                }
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> items)
    {
        await using var db = await factory.CreateDbContextAsync();
        foreach (var p in items)
        {
            p.Record.Id = 0;
            db.ScoreRecords.Add(p.Record);
            if (p.Audit is not null) { p.Audit.Id = 0; db.AuditEntries.Add(p.Audit); }
            foreach (var row in p.Related?.Invoke(p.Record) ?? []) db.Add(row);
        }
        await db.SaveChangesAsync();
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
