namespace Judging.Domain.Scoring;

/// <summary>
/// Lexicographic order of tie-break values (the configured keys after an equal score, e.g. median then criterion 1;
/// points, higher first when sorted descending). Shared by the finalist cut, the tier boundaries and the results order.
/// </summary>
public sealed class TieBreakKeys : IComparer<IReadOnlyList<decimal>>
{
    /// <summary>The one instance.</summary>
    public static readonly TieBreakKeys Comparer = new();

    /// <summary>Negative when <paramref name="a"/> is lower on the first key that differs; a shorter list is lower when it is a prefix.</summary>
    public int Compare(IReadOnlyList<decimal>? a, IReadOnlyList<decimal>? b)
    {
        a ??= [];
        b ??= [];
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }
}
