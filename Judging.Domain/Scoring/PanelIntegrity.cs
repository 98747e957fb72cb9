namespace Judging.Domain.Scoring;

/// <summary>
/// One judge's card on one entry as panel integrity sees it (issue 14, §1): the judge and the points per criterion.
/// </summary>
/// <param name="JudgeId">The judge.</param>
/// <param name="Points">Points per criterion (points), in sheet order; every card of an entry has the same length.</param>
public sealed record PanelCard(int JudgeId, IReadOnlyList<decimal> Points)
{
    /// <summary>Sum of <see cref="Points"/> (points), the same total as <see cref="ScoreCard.Total"/>.</summary>
    public decimal Total => Points.Sum();

    /// <summary>The panel form of a score card (judge and points; the entry is the caller's).</summary>
    public static PanelCard From(ScoreCard card) => new(card.JudgeId, card.Points);
}

/// <summary>One entry of a round with its effective cards (at most one per judge), the input of <see cref="JudgeFigures"/>.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Cards">The entry's effective cards, in any order.</param>
public sealed record EntryPanel(int EntryId, IReadOnlyList<PanelCard> Cards);

/// <summary>A card flagged by <see cref="PanelFlags"/> (issue 14, §1), for the chief judge's page.</summary>
/// <param name="JudgeId">The judge whose card is flagged.</param>
/// <param name="Total">The card's total (points).</param>
/// <param name="PanelMedian">m: median of the entry's other cards' totals (points).</param>
/// <param name="Mad">Raw MAD of the other cards' totals around m (points), before <see cref="ScoringOptions.FlagMadFloor"/>.</param>
/// <param name="Deviation">Total − m (points, signed: negative = below the panel).</param>
/// <param name="DrivingCriterion">
/// 0-based index in sheet order of the criterion that drives the deviation: the one whose (points − median of the other
/// cards' points on it) has the deviation's sign and the largest size (the lower index on a tie); null when no criterion
/// deviates in that direction (possible because a median of sums is not the sum of medians).
/// </param>
/// <param name="DrivingDeviation">That criterion's points − median of the other cards' points on it (points, signed); null with it.</param>
public sealed record CardFlag(
    int JudgeId, decimal Total, decimal PanelMedian, decimal Mad, decimal Deviation, int? DrivingCriterion, decimal? DrivingDeviation);

/// <summary>
/// The live panel flag (issue 14, §1): a card is flagged when its total is more than
/// <see cref="ScoringOptions.FlagK"/> × max(MAD, <see cref="ScoringOptions.FlagMadFloor"/>) points from m, where m is the
/// median of the entry's OTHER cards' totals and MAD the median of |other total − m| (the raw MAD, NOT scaled by 1.4826 to
/// estimate a normal SD: k is in MAD units). Nothing is flagged while fewer than <see cref="ScoringOptions.FlagMinPanel"/>
/// cards (the card included) are in.
/// <para>
/// Why the median of the other cards and MAD: a mean ± SD rule is pulled by the outliers themselves — two low cards
/// drag the mean down and inflate the SD until neither is far enough out (one outlier hides another). The median and
/// the MAD barely move for a few outliers, and leaving the card itself out keeps it from pulling its own yardstick.
/// </para>
/// </summary>
public static class PanelFlags
{
    /// <summary>
    /// The flags of one entry's cards, in the cards' order (each card judged against all the others by position).
    /// Empty when none is flagged or fewer than <see cref="ScoringOptions.FlagMinPanel"/> cards are in.
    /// Throws <see cref="ArgumentException"/> when the cards' criterion counts differ.
    /// </summary>
    public static IReadOnlyList<CardFlag> Check(IReadOnlyList<PanelCard> cards, ScoringOptions o)
    {
        var flags = new List<CardFlag>();
        for (var i = 0; i < cards.Count; i++)
        {
            var others = cards.Where((_, j) => j != i).ToList();
            if (Of(cards[i], others, o) is { } f) flags.Add(f);
        }
        return flags;
    }

    /// <summary>
    /// The flag of one <paramref name="card"/> against the entry's <paramref name="others"/> (the entry's other cards, not
    /// including it), or null when it is within bounds or others.Count + 1 &lt; <see cref="ScoringOptions.FlagMinPanel"/>.
    /// Throws <see cref="ArgumentException"/> when the cards' criterion counts differ.
    /// </summary>
    public static CardFlag? Of(PanelCard card, IReadOnlyList<PanelCard> others, ScoringOptions o)
    {
        if (others.Count == 0 || others.Count + 1 < o.FlagMinPanel) return null;
        if (others.Any(c => c.Points.Count != card.Points.Count))
            throw new ArgumentException("Every card of an entry must have the same number of criteria", nameof(others));
        var totals = others.Select(c => c.Total).ToList();
        var m = Aggregation.Median(totals)!.Value;
        var mad = Aggregation.Median(totals.Select(t => Math.Abs(t - m)).ToList())!.Value;
        var deviation = card.Total - m;
        if (Math.Abs(deviation) <= o.FlagK * Math.Max(mad, o.FlagMadFloor)) return null;

        int? driving = null;
        decimal? drivingDeviation = null;
        for (var i = 0; i < card.Points.Count; i++)
        {
            var d = card.Points[i] - Aggregation.Median(others.Select(c => c.Points[i]).ToList())!.Value;
            if (Math.Sign(d) != Math.Sign(deviation)) continue;
            if (drivingDeviation is null || Math.Abs(d) > Math.Abs(drivingDeviation.Value)) { driving = i; drivingDeviation = d; }
        }
        return new CardFlag(card.JudgeId, card.Total, m, mad, deviation, driving, drivingDeviation);
    }
}

/// <summary>A judge's figures over a round (issue 14, §1, the judge report), from <see cref="JudgeFigures.Of"/>.</summary>
/// <param name="JudgeId">The judge.</param>
/// <param name="Cards">How many of the round's entries the judge has a card on.</param>
/// <param name="Offsets">On how many of them another card is in too (the entries <see cref="Severity"/> is taken over).</param>
/// <param name="Severity">
/// Mean of (card total − median of the entry's other cards' totals) (points, signed: negative = stricter than the panel);
/// null when no entry has another card.
/// </param>
/// <param name="Spread">Population standard deviation of those offsets (points; 0 for one offset); null with <see cref="Severity"/>.</param>
/// <param name="RankCorrelation">
/// Spearman's rho in [-1, 1] between the judge's totals and the panel's scores (<see cref="Aggregation.TrimmedMean"/> of all the
/// entry's cards) over the entries the judge scored; null below 3 entries or when either side has no variance.
/// </param>
/// <param name="TrimmedLow">On how many entries the judge's card was one of the lowest the trimmed mean dropped.</param>
/// <param name="TrimmedHigh">On how many entries the judge's card was one of the highest the trimmed mean dropped.</param>
/// <param name="Flagged">How many of the judge's cards <see cref="PanelFlags.Check"/> flags among the entries' effective cards.</param>
public sealed record JudgeFigure(
    int JudgeId, int Cards, int Offsets, decimal? Severity, decimal? Spread, double? RankCorrelation,
    int TrimmedLow, int TrimmedHigh, int Flagged);

/// <summary>
/// Per-judge figures over a round (issue 14, §1, "after the round, a judge report"): severity, spread, rank correlation
/// with the panel, how often the judge's card was trimmed, and flagged cards. Points stay decimal; only the correlation is a double.
/// </summary>
public static class JudgeFigures
{
    /// <summary>
    /// The figures of every judge with a card in <paramref name="entries"/>, ordered by judge id (see <see cref="JudgeFigure"/>).
    /// Trimmed cards: when <see cref="Aggregation.Trims"/> holds for the entry's card count, the cards are ordered by
    /// (total, judge id) and the first <see cref="ScoringOptions.TrimLowest"/> and last <see cref="ScoringOptions.TrimHighest"/>
    /// count as dropped — cards tied at the cut are told apart by judge id (the lower id is the lower card); the trimmed mean
    /// is the same whichever of equal totals is dropped.
    /// Throws <see cref="ArgumentException"/> when a judge has two cards on one entry or an entry's criterion counts differ.
    /// </summary>
    public static IReadOnlyList<JudgeFigure> Of(IReadOnlyList<EntryPanel> entries, ScoringOptions o)
    {
        foreach (var e in entries)
        {
            if (e.Cards.GroupBy(c => c.JudgeId).Any(g => g.Count() > 1))
                throw new ArgumentException($"Entry {e.EntryId} has two cards of one judge", nameof(entries));
        }

        var low = new Dictionary<int, int>();
        var high = new Dictionary<int, int>();
        var flagged = new Dictionary<int, int>();
        var panelScore = new Dictionary<int, decimal>();
        foreach (var e in entries)
        {
            if (e.Cards.Count == 0) continue;
            panelScore[e.EntryId] = Aggregation.TrimmedMean(e.Cards.Select(c => c.Total).ToList(), o)!.Value;
            foreach (var f in PanelFlags.Check(e.Cards, o)) Bump(flagged, f.JudgeId);
            if (!Aggregation.Trims(e.Cards.Count, o)) continue;
            var ordered = e.Cards.OrderBy(c => c.Total).ThenBy(c => c.JudgeId).ToList();
            foreach (var c in ordered.Take(o.TrimLowest)) Bump(low, c.JudgeId);
            foreach (var c in ordered.Skip(ordered.Count - o.TrimHighest)) Bump(high, c.JudgeId);
        }

        var judges = entries.SelectMany(e => e.Cards).Select(c => c.JudgeId).Distinct().Order();
        var figures = new List<JudgeFigure>();
        foreach (var j in judges)
        {
            var offsets = OffsetsOf(j, entries);
            var scored = entries
                .Select(e => (e.EntryId, card: e.Cards.FirstOrDefault(c => c.JudgeId == j)))
                .Where(x => x.card is not null)
                .Select(x => (judge: x.card!.Total, panel: panelScore[x.EntryId]))
                .ToList();
            decimal? severity = offsets.Count == 0 ? null : offsets.Sum() / offsets.Count;
            decimal? spread = severity is { } s ? Sqrt(offsets.Sum(x => (x - s) * (x - s)) / offsets.Count) : null;
            figures.Add(new JudgeFigure(
                j, scored.Count, offsets.Count, severity, spread,
                Spearman(scored.Select(x => x.judge).ToList(), scored.Select(x => x.panel).ToList()),
                low.GetValueOrDefault(j), high.GetValueOrDefault(j), flagged.GetValueOrDefault(j)));
        }
        return figures;
    }

    /// <summary>
    /// The judge's severity so far (points, signed), for the live page's running offset: the mean of (card total − median of
    /// the entry's other cards' totals) over the <paramref name="entries"/> in so far where the judge has a card and another
    /// card is in; null when there is none.
    /// </summary>
    public static decimal? RunningOffset(int judgeId, IReadOnlyList<EntryPanel> entries)
    {
        var offsets = OffsetsOf(judgeId, entries);
        return offsets.Count == 0 ? null : offsets.Sum() / offsets.Count;
    }

    /// <summary>
    /// Spearman's rho of two equally long series: ranks (ties get their average rank), then the Pearson correlation of the
    /// ranks, so it stays right with ties (the 1 − 6Σd²/(n(n²−1)) shortcut does not). Null below 3 pairs or when either side
    /// has no variance; otherwise in [-1, 1].
    /// </summary>
    public static double? Spearman(IReadOnlyList<decimal> x, IReadOnlyList<decimal> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("The series must be equally long", nameof(y));
        if (x.Count < 3) return null;
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        if (sxx == 0 || syy == 0) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1d, 1d);
    }

    private static List<decimal> OffsetsOf(int judgeId, IReadOnlyList<EntryPanel> entries)
    {
        var offsets = new List<decimal>();
        foreach (var e in entries)
        {
            var mine = e.Cards.FirstOrDefault(c => c.JudgeId == judgeId);
            if (mine is null) continue;
            var others = e.Cards.Where(c => c.JudgeId != judgeId).Select(c => c.Total).ToList();
            if (others.Count == 0) continue;
            offsets.Add(mine.Total - Aggregation.Median(others)!.Value);
        }
        return offsets;
    }

    /// <summary>1-based ranks in ascending order, tied values sharing the mean of their positions.</summary>
    private static double[] Ranks(IReadOnlyList<decimal> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var rank = (start + end) / 2d + 1; // positions start..end (0-based) share their mean, 1-based
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    private static void Bump(Dictionary<int, int> counts, int judgeId) => counts[judgeId] = counts.GetValueOrDefault(judgeId) + 1;

    /// <summary>Square root of a non-negative decimal at decimal precision (Newton's method from the double estimate).</summary>
    private static decimal Sqrt(decimal v)
    {
        if (v <= 0) return 0;
        var r = (decimal)Math.Sqrt((double)v);
        for (var i = 0; i < 4; i++) r = (r + v / r) / 2;
        return r;
    }
}
