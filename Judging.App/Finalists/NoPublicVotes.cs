namespace Judging.App.Finalists;

using Judging.App.ResultsEngine;
using Judging.App.FilmVoting;

/// <summary>
/// The fallback <see cref="IFilmVoteCounts"/> when no public voting is wired in: every film has 0 accepted votes. The
/// voting module's registration replaces it.
/// </summary>
public sealed class NoPublicVotes : IFilmVoteCounts
{
    /// <summary>An empty map: nobody voted.</summary>
    public ValueTask<IReadOnlyDictionary<int, long>> PublicCountsAsync(int competitionId, CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<int, long>>(new Dictionary<int, long>());
}
