namespace Judging.Domain.Reviews;

using Judging.Domain.Finalists;

/// <summary>One effective card of an online review round: the expert's total for the entry, in points.</summary>
public sealed record ReviewCard(int EntryId, int JudgeId, decimal Total);

/// <summary>
/// A card flagged for the chief judge: <see cref="Total"/> lies <see cref="Deviation"/> points from
/// <see cref="MeanOfOthers"/> (the mean of the other cards of the entry), more than <see cref="Threshold"/> = 2 × the
/// round's pooled standard deviation <see cref="PooledSd"/>. All in points, rounded to 6 decimals.
/// </summary>
public sealed record OutlierFlag(int EntryId, int JudgeId, decimal Total, decimal MeanOfOthers, decimal Deviation, decimal PooledSd, decimal Threshold);

/// <summary>
/// Outlier cards (离群评分, issue 5: "an outlier flag where one expert's score lies more than 2 standard deviations from the
/// panel's mean for that case, for the chief judge to look at"). With k = 3 an entry's own SD is useless (one of three
/// scores can never lie more than 2 population SDs from a mean that includes it), so the rule is:
/// <para>
/// a card x of entry e is an outlier when e has at least 2 cards and |x − m₋| &gt; 2 × s, where m₋ is the mean of the
/// other cards of e, and s is the round's pooled standard deviation of cards around their entry means:
/// s = √( Σₑ Σᵢ (xₑᵢ − x̄ₑ)² / Σₑ (nₑ − 1) ), over the entries with nₑ ≥ 2 cards (the panel's usual disagreement).
/// </para>
/// No card is flagged while s is 0 or undefined (no entry has two cards).
/// </summary>
public static class Outliers
{
    /// <summary>The multiple of the pooled standard deviation beyond which a card is flagged.</summary>
    public const decimal Factor = 2m;

    /// <summary>The rule as shown on the organiser's and chief judge's pages.</summary>
    public const string RuleText =
        "离群评分：某专家的总分与该作品其他专家总分的平均值相差超过 2 倍的本轮合并标准差 s（s 为各专家总分偏离所在作品平均分的合并标准差：" +
        "s = √(Σ(分数 − 作品平均分)² / Σ(作品评分份数 − 1))，只计至少有 2 份评分的作品），提请评委会主任复核。";

    /// <summary>The round's pooled standard deviation s (points), or null when no entry has two cards.</summary>
    public static decimal? PooledSd(IEnumerable<ReviewCard> cards)
    {
        double ss = 0;
        var df = 0;
        foreach (var g in cards.GroupBy(c => c.EntryId))
        {
            var totals = g.Select(c => (double)c.Total).ToList();
            if (totals.Count < 2) continue;
            var mean = totals.Average();
            ss += totals.Sum(t => (t - mean) * (t - mean));
            df += totals.Count - 1;
        }
        return df == 0 ? null : Round(Math.Sqrt(ss / df));
    }

    /// <summary>The flagged cards, by entry then judge (see the class summary for the rule).</summary>
    public static IReadOnlyList<OutlierFlag> Find(IEnumerable<ReviewCard> cards)
    {
        var list = cards.ToList();
        var s = PooledSd(list);
        if (s is not { } sd || sd == 0) return [];
        var threshold = Factor * sd;
        var flags = new List<OutlierFlag>();
        foreach (var g in list.GroupBy(c => c.EntryId).OrderBy(g => g.Key))
        {
            var entryCards = g.ToList();
            if (entryCards.Count < 2) continue;
            foreach (var c in entryCards.OrderBy(c => c.JudgeId))
            {
                var others = entryCards.Where(o => !ReferenceEquals(o, c)).Average(o => (double)o.Total);
                var deviation = Math.Abs((double)c.Total - others);
                if (deviation > (double)threshold)
                    flags.Add(new OutlierFlag(c.EntryId, c.JudgeId, c.Total, Round(others), Round(deviation), sd, threshold));
            }
        }
        return flags;
    }

    private static decimal Round(double v) => Math.Round((decimal)v, 6, MidpointRounding.AwayFromZero);
}

/// <summary>An entry's online review result: cards in, raw mean (points), and the per-expert z-score mean when asked.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Cards">Effective cards in.</param>
/// <param name="RawMean">Arithmetic mean of the cards' totals (points, 6 decimals), null without cards.</param>
/// <param name="ZScore">Mean of the cards' per-expert z-scores (<see cref="Normalisation.PerJudge"/>), null when off or without cards.</param>
public sealed record EntryReviewResult(int EntryId, int Cards, decimal? RawMean, decimal? ZScore);

/// <summary>Results of an online review round for the organiser (issue 5: "normalisation as an option, shown beside the raw means").</summary>
public static class ReviewResults
{
    /// <summary>
    /// Per entry of <paramref name="entryIds"/> (in that order): cards, raw mean, and with <paramref name="normalise"/> the
    /// per-expert z-score (评委标准分: each expert's totals as z-scores among that expert's own cards, population SD, then
    /// averaged per entry; <see cref="Normalisation.PerJudge"/>, issue 3).
    /// </summary>
    public static IReadOnlyList<EntryReviewResult> Summarise(IEnumerable<int> entryIds, IEnumerable<ReviewCard> cards, bool normalise)
    {
        var list = cards.ToList();
        var z = normalise ? Normalisation.PerJudge(list.Select(c => (c.EntryId, c.JudgeId, c.Total))) : null;
        var byEntry = list.GroupBy(c => c.EntryId).ToDictionary(g => g.Key, g => g.ToList());
        return entryIds.Select(id =>
        {
            var mine = byEntry.GetValueOrDefault(id) ?? [];
            decimal? mean = mine.Count == 0 ? null : Math.Round(mine.Average(c => c.Total), 6, MidpointRounding.AwayFromZero);
            return new EntryReviewResult(id, mine.Count, mean, z is not null && z.TryGetValue(id, out var v) ? v : null);
        }).ToList();
    }
}

/// <summary>
/// Who is behind schedule (催办, issue 5: "a reminder list of experts behind schedule"): the expected pace is even from the
/// start of the review to its deadline.
/// </summary>
public static class ReviewSchedule
{
    /// <summary>
    /// Cards expected by <paramref name="now"/>: ⌊assigned × (now − start) / (due − start)⌋, clamped to [0, assigned]
    /// (all of them at or after the deadline, or when the deadline is not after the start).
    /// </summary>
    public static int ExpectedBy(int assigned, DateTimeOffset start, DateTimeOffset due, DateTimeOffset now)
    {
        if (now >= due || due <= start) return assigned;
        if (now <= start) return 0;
        var share = (now - start).TotalSeconds / (due - start).TotalSeconds;
        return Math.Clamp((int)Math.Floor(assigned * share + 1e-9), 0, assigned);
    }

    /// <summary>True when an expert with <paramref name="submitted"/> of <paramref name="assigned"/> cards is below <see cref="ExpectedBy"/>.</summary>
    public static bool IsBehind(int assigned, int submitted, DateTimeOffset start, DateTimeOffset due, DateTimeOffset now) =>
        submitted < ExpectedBy(assigned, start, due, now);

    /// <summary>
    /// The contact shown in the reminder list, masked: the first and last characters kept, the middle starred
    /// ("13812345678" → "138****5678"; "王丽华" → "王*华"); empty for none.
    /// </summary>
    public static string Mask(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact)) return "";
        var c = contact.Trim();
        if (c.Length <= 2) return c[0] + "*";
        var keep = c.Length >= 7 ? 3 : 1;
        var tail = c.Length >= 7 ? 4 : 1;
        if (keep + tail >= c.Length) { keep = 1; tail = 1; }
        return c[..keep] + new string('*', c.Length - keep - tail) + c[^tail..];
    }
}
