namespace Judging.App.Components.Pages.Organiser;

using Judging.App.FilmVoting;

/// <summary>The organiser's leaderboard order of the films (issue 4, "the organiser's leaderboard").</summary>
public static class FilmRanking
{
    /// <summary>
    /// <paramref name="films"/> by public count (votes), most first, ties by 作品编号; each with its rank, 1-based,
    /// shared by ties ("1, 2, 2, 4"). Held and excluded votes do not count.
    /// </summary>
    public static IEnumerable<(FilmVotesRow Film, int Rank)> Ranked(IEnumerable<FilmVotesRow> films)
    {
        var rank = 0;
        long? previous = null;
        var position = 0;
        foreach (var f in films.OrderByDescending(f => f.Tally.Public).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            position++;
            if (f.Tally.Public != previous) (rank, previous) = (position, f.Tally.Public);
            yield return (f, rank);
        }
    }
}
