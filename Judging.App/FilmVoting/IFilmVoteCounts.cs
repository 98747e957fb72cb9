namespace Judging.App.FilmVoting;

/// <summary>
/// The public vote count of each film (网络投票, issue 4): the number of accepted votes that are not held for review and
/// not excluded by an organiser. It is a cache of the append-only vote records in the database, never the truth itself:
/// after a restart it is rebuilt from the records, and with several app instances each instance re-reads the records.
/// </summary>
public interface IFilmVoteCounts
{
    /// <summary>Public count per film entry id of <paramref name="competitionId"/> (films without votes may be missing).</summary>
    ValueTask<IReadOnlyDictionary<int, long>> PublicCountsAsync(int competitionId, CancellationToken ct = default);

    /// <summary>Votes of <paramref name="competitionId"/> held for the organiser's review (flagged clusters not yet decided); 0 by default.</summary>
    ValueTask<long> HeldVotesAsync(int competitionId, CancellationToken ct = default) => ValueTask.FromResult(0L);
}
