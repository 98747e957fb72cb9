namespace Judging.Domain.Scoring;

/// <summary>
/// A judge's score card (评分卡) for one entry, as counted: points per criterion in sheet order. The one name for this
/// concept in Domain and App; <see cref="ScoreRecord"/> is its append-only stored form (<see cref="ScoreRecord.ToCard"/>).
/// </summary>
/// <param name="EntryId">The entry scored.</param>
/// <param name="JudgeId">The judge.</param>
/// <param name="Points">Points per criterion (points), same length and order as the sheet.</param>
public sealed record ScoreCard(int EntryId, int JudgeId, IReadOnlyList<decimal> Points)
{
    /// <summary>Sum of the points (derived; not part of the card's stored or exported form, so audit packets keep their bytes).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal Total => Points.Sum();
}

/// <summary>An entry's submitted cards, the input of <see cref="Ranking.Rank"/>.</summary>
public sealed record EntryCards(int EntryId, IReadOnlyList<ScoreCard> Cards);

/// <summary>An entry's aggregate and its place. Rank is null for an entry nobody has scored yet.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Rank">1-based competition rank ("1, 2, 2, 4"): equal on score and every tie-break shares a rank.</param>
/// <param name="Score">Trimmed mean of totals (points, full precision), null when unscored.</param>
/// <param name="Median">Median of totals (points), null when unscored.</param>
/// <param name="CriterionScores">Trimmed mean per criterion (points), empty when unscored.</param>
/// <param name="JudgesSubmitted">How many cards were counted.</param>
/// <param name="SharedRank">True when another entry holds the same rank.</param>
/// <param name="DecidedBy">Chinese note of the tie-break that separated it from an equal score, or null.</param>
public sealed record RankedEntry(
    int EntryId, int? Rank, decimal? Score, decimal? Median, IReadOnlyList<decimal> CriterionScores,
    int JudgesSubmitted, bool SharedRank, string? DecidedBy);

/// <summary>
/// Ranks entries by score, then by the configured tie-break sequence (issue 2: "higher median, then
/// higher score on the first criterion, then a shared rank"). Criterion keys use the same trimmed mean
/// as the score. Unscored entries come last, unranked, in input order. Deterministic: entries equal on
/// every key keep input order and share the rank.
/// </summary>
public static class Ranking
{
    /// <summary>Ranks <paramref name="entries"/>; see the type's summary for the rules.</summary>
    public static IReadOnlyList<RankedEntry> Rank(IEnumerable<EntryCards> entries, ScoringOptions options)
    {
        var tieBreaks = options.ParsedTieBreaks();
        var scored = new List<(EntryCards e, decimal score, decimal median, decimal[] crit, int index)>();
        var unscored = new List<EntryCards>();
        var index = 0;
        foreach (var e in entries)
        {
            if (e.Cards.Count == 0) { unscored.Add(e); index++; continue; }
            var totals = e.Cards.Select(c => c.Total).ToList();
            var width = e.Cards[0].Points.Count;
            var crit = Enumerable.Range(0, width)
                .Select(i => Aggregation.TrimmedMean(e.Cards.Select(c => c.Points[i]).ToList(), options)!.Value)
                .ToArray();
            scored.Add((e, Aggregation.TrimmedMean(totals, options)!.Value, Aggregation.Median(totals)!.Value, crit, index++));
        }

        decimal Key(int k, (EntryCards e, decimal score, decimal median, decimal[] crit, int index) x)
        {
            if (k == 0) return x.score;
            var t = tieBreaks[k - 1];
            if (t.Kind == TieBreakKind.Median) return x.median;
            return t.CriterionNumber <= x.crit.Length ? x.crit[t.CriterionNumber - 1] : 0m;
        }

        int Compare((EntryCards e, decimal score, decimal median, decimal[] crit, int index) a,
                    (EntryCards e, decimal score, decimal median, decimal[] crit, int index) b)
        {
            for (var k = 0; k <= tieBreaks.Count; k++)
            {
                var c = Key(k, b).CompareTo(Key(k, a)); // descending: higher first
                if (c != 0) return c;
            }
            return 0;
        }

        var ordered = scored.ToList();
        ordered.Sort((a, b) => { var c = Compare(a, b); return c != 0 ? c : a.index.CompareTo(b.index); });

        var result = new List<RankedEntry>(ordered.Count + unscored.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var x = ordered[i];
            var rank = i + 1;
            var j = i;
            while (j > 0 && Compare(ordered[j - 1], x) == 0) j--;
            rank = j + 1;
            var shared = (i > 0 && Compare(ordered[i - 1], x) == 0) || (i + 1 < ordered.Count && Compare(ordered[i + 1], x) == 0);
            string? decidedBy = null;
            foreach (var n in new[] { i - 1, i + 1 })
            {
                if (n < 0 || n >= ordered.Count || Compare(ordered[n], x) == 0) continue;
                if (ordered[n].score != x.score)
                    continue;
                for (var k = 1; k <= tieBreaks.Count; k++)
                {
                    if (Key(k, ordered[n]) != Key(k, x)) { decidedBy = tieBreaks[k - 1].Describe().ToString(); break; }
                }
                if (decidedBy is not null) break;
            }
            result.Add(new RankedEntry(x.e.EntryId, rank, x.score, x.median, x.crit, x.e.Cards.Count, shared, decidedBy));
        }
        foreach (var e in unscored)
            result.Add(new RankedEntry(e.EntryId, null, null, null, [], 0, false, null));
        return result;
    }
}
