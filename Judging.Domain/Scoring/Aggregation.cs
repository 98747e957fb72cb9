namespace Judging.Domain.Scoring;

/// <summary>
/// Turns judges' totals into an entry's score (issue 2): the trimmed mean — drop
/// <see cref="ScoringOptions.TrimHighest"/> highest and <see cref="ScoringOptions.TrimLowest"/> lowest
/// when at least <see cref="ScoringOptions.TrimWhenAtLeast"/> judges scored, the plain mean below that.
/// Kept at full decimal precision (28 digits); pages round to 2 decimals only for display.
/// </summary>
public static class Aggregation
{
    /// <summary>The entry's score in points, or null when nobody has scored.</summary>
    public static decimal? TrimmedMean(IReadOnlyCollection<decimal> values, ScoringOptions options)
    {
        if (values.Count == 0) return null;
        IEnumerable<decimal> kept = values;
        if (values.Count >= options.TrimWhenAtLeast)
        {
            kept = values.Order().Skip(options.TrimLowest).Take(values.Count - options.TrimLowest - options.TrimHighest);
        }
        var list = kept.ToList();
        return list.Sum() / list.Count;
    }

    /// <summary>True when <see cref="TrimmedMean"/> drops values for this many judges.</summary>
    public static bool Trims(int judges, ScoringOptions options) => judges >= options.TrimWhenAtLeast;

    /// <summary>Median in points (mean of the two middle values for an even count), or null when empty.</summary>
    public static decimal? Median(IReadOnlyCollection<decimal> values)
    {
        if (values.Count == 0) return null;
        var s = values.Order().ToList();
        var mid = s.Count / 2;
        return s.Count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /// <summary>Display form: rounded half away from zero to 2 decimals, e.g. 87.333… → "87.33".</summary>
    public static string Display(decimal? score) =>
        score is null ? "—" : Math.Round(score.Value, 2, MidpointRounding.AwayFromZero).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
