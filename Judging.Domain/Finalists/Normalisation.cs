namespace Judging.Domain.Finalists;

/// <summary>
/// Optional normalisation for an overall cut across divisions with different judges (issue 3). Off by default and
/// always shown beside the raw scores. A z-score is (x − mean) / standard deviation over the group (population SD);
/// a group with no spread gives 0. Values are rounded to 6 decimals so a recomputation gives identical figures.
/// </summary>
public static class Normalisation
{
    /// <summary>z-score of each value within its group: key → z (dimensionless).</summary>
    public static IReadOnlyDictionary<TKey, decimal> ZScores<TKey>(IEnumerable<(TKey Key, decimal Value)> values) where TKey : notnull
    {
        var list = values.ToList();
        if (list.Count == 0) return new Dictionary<TKey, decimal>();
        var mean = list.Average(v => (double)v.Value);
        var sd = Math.Sqrt(list.Average(v => Math.Pow((double)v.Value - mean, 2)));
        return list.ToDictionary(v => v.Key, v => sd < 1e-12 ? 0m : Round(((double)v.Value - mean) / sd));
    }

    /// <summary>
    /// 分赛区标准分: each entry's score as a z-score among the scored entries of its division.
    /// Input: (entry, division, score in points). Output: entry → z.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal> PerDivision(IEnumerable<(int EntryId, int? DivisionId, decimal Score)> scores) =>
        scores.GroupBy(s => s.DivisionId)
            .SelectMany(g => ZScores(g.Select(s => (s.EntryId, s.Score))))
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>
    /// 评委标准分: every judge's card totals become z-scores among that judge's own totals (a severe judge and a lenient
    /// one count alike); an entry's value is the mean of its cards' z-scores. Input: (entry, judge, card total in points).
    /// Output: entry → z.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal> PerJudge(IEnumerable<(int EntryId, int JudgeId, decimal Total)> cards)
    {
        var perCard = cards.GroupBy(c => c.JudgeId)
            .SelectMany(g => ZScores(g.Select(c => ((c.EntryId, c.JudgeId), c.Total))).Select(kv => (kv.Key.EntryId, Z: kv.Value)));
        return perCard.GroupBy(x => x.EntryId).ToDictionary(g => g.Key, g => Round((double)g.Average(x => x.Z)));
    }

    private static decimal Round(double z) => Math.Round((decimal)z, 6, MidpointRounding.AwayFromZero);
}
