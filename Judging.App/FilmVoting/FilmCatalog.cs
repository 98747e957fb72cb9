namespace Judging.App.FilmVoting;

using System.Collections.Concurrent;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Which entry ids are films (track MicroFilm) and of which competition, cached in memory so the vote path does not
/// read the database per vote: a film is looked up once, a miss is remembered for 5 seconds.
/// </summary>
public sealed class FilmCatalog(IDbContextFactory<JudgingDb> factory, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, int> films = new();
    private readonly ConcurrentDictionary<int, long> misses = new();

    /// <summary>The competition of film <paramref name="entryId"/>, or null when it is not a film.</summary>
    public async ValueTask<int?> CompetitionOfAsync(int entryId, CancellationToken ct)
    {
        if (films.TryGetValue(entryId, out var c)) return c;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (misses.TryGetValue(entryId, out var at) && now - at < 5000) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Entries.AsNoTracking().Where(e => e.Id == entryId && e.Track == Track.MicroFilm)
            .Select(e => (int?)e.CompetitionId).FirstOrDefaultAsync(ct);
        if (found is { } comp) { films[entryId] = comp; misses.TryRemove(entryId, out _); }
        else
        {
            if (misses.Count > 100_000) misses.Clear();
            misses[entryId] = now;
        }
        return found;
    }
}
