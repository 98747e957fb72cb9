namespace Judging.Domain.Awards;

using System.Globalization;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.Scoring;

/// <summary>Professional award tiers (专业奖项, seed 000, 附件1 (八)): 一等奖, 二等奖, 三等奖.</summary>
public enum AwardTier
{
    /// <summary>一等奖.</summary>
    First = 1,
    /// <summary>二等奖.</summary>
    Second = 2,
    /// <summary>三等奖.</summary>
    Third = 3,
}

/// <summary>Chinese names of awards.</summary>
public static class AwardNames
{
    /// <summary>The participation certificate every other accepted entry receives (seed 000, 附件1 (八): 活动参赛成果证书).</summary>
    public const string Participation = "参赛成果证书";

    /// <summary>A finalist's place before the final is held (<see cref="TrackInput.FinalPending"/>): not an award, a state.</summary>
    public const string AwaitingFinal = "待决赛";

    /// <summary>一等奖 / 二等奖 / 三等奖.</summary>
    public static string Of(AwardTier tier) => tier switch
    {
        AwardTier.First => "一等奖",
        AwardTier.Second => "二等奖",
        AwardTier.Third => "三等奖",
        _ => tier.ToString(),
    };

    /// <summary>The tier's name as a <see cref="Wording"/> (worded in the reader's language): 一等奖 / 二等奖 / 三等奖.</summary>
    public static Wording Name(AwardTier tier) => tier switch
    {
        AwardTier.First => Wording.Of("一等奖"),
        AwardTier.Second => Wording.Of("二等奖"),
        AwardTier.Third => Wording.Of("三等奖"),
        _ => Wording.Data(tier.ToString()),
    };
}

/// <summary>How a tier's size is given.</summary>
public enum QuotaKind
{
    /// <summary>A number of entries.</summary>
    Count,
    /// <summary>A percentage of the field (all accepted entries of the track), rounded by <see cref="TierRules.Rounding"/>.</summary>
    Percent,
    /// <summary>Every finalist ranked in the final not given a higher tier (其余决赛选手); the value is unused.</summary>
    RestOfFinal,
}

/// <summary>Rounding of a percentage quota to whole entries (shown to the organiser).</summary>
public enum QuotaRounding
{
    /// <summary>向下取整.</summary>
    Down,
    /// <summary>四舍五入 (half away from zero).</summary>
    Nearest,
    /// <summary>向上取整.</summary>
    Up,
}

/// <summary>One tier's size: a count, or a percentage (0–100) of the field.</summary>
public sealed record TierQuota(AwardTier Tier, QuotaKind Kind, decimal Value);

/// <summary>
/// Tier sizes per track ("奖项名额安排视参赛作品规模而定", seed 000, 附件1 (八)). Default (<see cref="Default"/>):
/// 一等奖 5 %, 二等奖 10 %, 三等奖 15 % of the field, rounded to the nearest whole entry.
/// </summary>
public sealed record TierRules
{
    /// <summary>Quotas, one per tier, highest tier first.</summary>
    public IReadOnlyList<TierQuota> Quotas { get; init; } = [];
    /// <summary>Rounding of percentage quotas.</summary>
    public QuotaRounding Rounding { get; init; } = QuotaRounding.Nearest;
    /// <summary>
    /// True: only finalists can win a tier. False (default): finalists come first by final result, then the other
    /// entries by preliminary result, so a lower tier can reach beyond the final (seed 000 has the final decide
    /// 一等奖 and 二等奖 while 三等奖 exists for every track).
    /// </summary>
    public bool FinalistsOnly { get; init; }

    /// <summary>5 % / 10 % / 15 % of the field, rounded to nearest.</summary>
    public static TierRules Default { get; } = new()
    {
        Quotas = [new(AwardTier.First, QuotaKind.Percent, 5), new(AwardTier.Second, QuotaKind.Percent, 10), new(AwardTier.Third, QuotaKind.Percent, 15)],
        Rounding = QuotaRounding.Nearest,
    };

    /// <summary>
    /// The final decides 一等奖 and 二等奖 (seed 000, 附件1 (六): "决赛……决出演讲的一等奖和二等奖"): 一等奖 3 finalists,
    /// 二等奖 every other finalist, 三等奖 15 % of the field from the entries that did not reach the final.
    /// The app's default for every track.
    /// </summary>
    public static TierRules FinalDecidesFirstAndSecond { get; } = new()
    {
        Quotas = [new(AwardTier.First, QuotaKind.Count, 3), new(AwardTier.Second, QuotaKind.RestOfFinal, 0), new(AwardTier.Third, QuotaKind.Percent, 15)],
        Rounding = QuotaRounding.Nearest,
    };

    /// <summary>Problems (zh-CN as text); empty when valid.</summary>
    public IReadOnlyList<Wording> Validate()
    {
        var p = new List<Wording>();
        if (Quotas.Count == 0) p.Add(Wording.Of("请至少设置一个奖项等级"));
        if (Quotas.Select(q => q.Tier).Distinct().Count() != Quotas.Count) p.Add(Wording.Of("每个奖项等级只能设置一次"));
        if (!Quotas.Select(q => q.Tier).SequenceEqual(Quotas.Select(q => q.Tier).Order())) p.Add(Wording.Of("奖项等级须从高到低排列"));
        foreach (var q in Quotas)
        {
            if (q.Value < 0) p.Add(Wording.Of("{0}的名额不能为负数", AwardNames.Name(q.Tier)));
            if (q.Kind == QuotaKind.Count && q.Value != decimal.Truncate(q.Value)) p.Add(Wording.Of("{0}的名额须为整数", AwardNames.Name(q.Tier)));
            if (q.Kind == QuotaKind.Percent && q.Value > 100) p.Add(Wording.Of("{0}的比例不能超过 100%", AwardNames.Name(q.Tier)));
        }
        return p;
    }

    /// <summary>
    /// Whole-entry count of each tier for a field of <paramref name="fieldSize"/> entries, of which
    /// <paramref name="finalists"/> are ranked in the final (for <see cref="QuotaKind.RestOfFinal"/>), with the arithmetic in Chinese.
    /// </summary>
    public IReadOnlyList<TierCount> Counts(int fieldSize, int finalists = 0)
    {
        var counts = new List<TierCount>();
        foreach (var q in Quotas)
        {
            var before = counts.Sum(c => c.Count);
            counts.Add(q.Kind == QuotaKind.RestOfFinal
                ? new TierCount(q.Tier, Math.Max(0, finalists - before), Wording.Of("{0} 其余决赛选手：{1} − {2} = {3} 名", AwardNames.Name(q.Tier), finalists, before, Math.Max(0, finalists - before)))
                : Count(q, fieldSize));
        }
        return counts;
    }

    private TierCount Count(TierQuota q, int fieldSize)
    {
        if (q.Kind == QuotaKind.Count) return new TierCount(q.Tier, (int)q.Value, Wording.Of("{0} {1:0} 名", AwardNames.Name(q.Tier), q.Value));
        var exact = fieldSize * q.Value / 100m;
        var n = Rounding switch
        {
            QuotaRounding.Down => decimal.Floor(exact),
            QuotaRounding.Up => decimal.Ceiling(exact),
            _ => Math.Round(exact, 0, MidpointRounding.AwayFromZero),
        };
        var how = Rounding switch { QuotaRounding.Down => Wording.Of("向下取整"), QuotaRounding.Up => Wording.Of("向上取整"), _ => Wording.Of("四舍五入") };
        return new TierCount(q.Tier, (int)n, Wording.Of("{0} {1}% × {2} = {3} → {4:0} 名（{5}）", AwardNames.Name(q.Tier),
            q.Value.ToString("0.##", CultureInfo.InvariantCulture), fieldSize, exact.ToString("0.##", CultureInfo.InvariantCulture), n, how));
    }
}

/// <summary>A tier's size in entries, with the arithmetic that gave it.</summary>
public sealed record TierCount(AwardTier Tier, int Count, Wording Explanation);

/// <summary>
/// An entry in the award order. <see cref="Stage"/> groups entries whose <see cref="Key"/> is comparable
/// (0: ranked in the final by final score; 1: not a finalist, by preliminary score); a tie needs the same stage.
/// <see cref="AwaitingFinal"/>: a finalist before the final is held; it holds a place of stage 0 but has no key yet, takes
/// no tier and is in no tie.
/// </summary>
public sealed record AwardCandidate(int EntryId, string Code, int Stage, decimal Key, IReadOnlyList<decimal> TieBreakKeys, bool AwaitingFinal = false);

/// <summary>One entry's tier (null: participation certificate) and remark.</summary>
public sealed record TierLine(AwardCandidate Candidate, AwardTier? Tier, Wording? Remark, string? TieKey);

/// <summary>A tie across a tier boundary ("tier:1" is the boundary below 一等奖), for the organiser to decide.</summary>
public sealed record TierTie(string Key, AwardTier Upper, decimal Score, IReadOnlyList<int> Inside, IReadOnlyList<int> Outside,
    TieResolution Resolution, bool Resolved, Wording Explanation);

/// <summary>Tier assignment: lines in award order, the boundary ties, the tier sizes used.</summary>
public sealed record TierAssignment(IReadOnlyList<TierLine> Lines, IReadOnlyList<TierTie> Ties, IReadOnlyList<TierCount> Counts)
{
    /// <summary>True when finalists still await the final (<see cref="AwardCandidate.AwaitingFinal"/>).</summary>
    public bool AwaitingFinal => Lines.Any(l => l.Candidate.AwaitingFinal);

    /// <summary>True when no boundary tie is left undecided and no finalist awaits the final.</summary>
    public bool CanConfirm => Ties.All(t => t.Resolved) && !AwaitingFinal;
}

/// <summary>
/// Assigns tiers down the award order (issue 3). Tier i ends at the cumulative count of tiers 1..i (capped by the
/// entries available and never before the previous tier's end). At each boundary, entries of the same stage with an
/// equal key on both sides form a tie: Pending (shown, blocks confirmation) and TieBreak (the configured tie-break
/// keys decide; equal on every key stays unresolved) keep the boundary; IncludeAll gives every tied entry the higher
/// tier; ExcludeAll gives them all the lower one. Entries after the last tier receive the participation certificate.
/// Finalists awaiting the final hold their places (so the tiers below them are what the final cannot change) but take no
/// tier: their remark names the tiers their places span ("待决赛：决赛决出一等奖、二等奖").
/// </summary>
public static class AwardTiering
{
    /// <summary>The cut key of the boundary below <paramref name="tier"/>.</summary>
    public static string BoundaryKey(AwardTier tier) => $"tier:{(int)tier}";

    /// <summary>
    /// Assigns tiers to <paramref name="ordered"/> (best first). <paramref name="fieldSize"/>: accepted entries of the track
    /// (the base of percentages). Throws <see cref="ArgumentException"/> when the rules are invalid.
    /// </summary>
    public static TierAssignment Assign(IReadOnlyList<AwardCandidate> ordered, int fieldSize, TierRules rules,
        IReadOnlyDictionary<string, TieResolution> decisions, Wording tieBreakText)
    {
        var problems = rules.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("；", problems), nameof(rules));
        var counts = rules.Counts(fieldSize, ordered.Count(c => c.Stage == 0));
        var tiers = new AwardTier?[ordered.Count];
        var remarks = new Wording?[ordered.Count];
        var tieKeys = new string?[ordered.Count];
        var ties = new List<TierTie>();
        var n = ordered.Count;
        var start = 0;
        var cumulative = 0;
        foreach (var tc in counts)
        {
            cumulative += tc.Count;
            var end = Math.Max(start, Math.Min(cumulative, n));
            if (end > start && end < n && Tied(ordered[end - 1], ordered[end]))
            {
                var lo = end - 1;
                while (lo > start && Tied(ordered[lo - 1], ordered[end - 1])) lo--;
                var hi = end;
                while (hi + 1 < n && Tied(ordered[hi + 1], ordered[end])) hi++;
                var key = BoundaryKey(tc.Tier);
                var resolution = decisions.GetValueOrDefault(key, TieResolution.Pending);
                var separable = TieBreakKeys.Comparer.Compare(ordered[end - 1].TieBreakKeys, ordered[end].TieBreakKeys) != 0;
                var inside = ordered.Skip(lo).Take(end - lo).ToList();
                var outside = ordered.Skip(end).Take(hi - end + 1).ToList();
                var all = inside.Concat(outside).ToList();
                var codes = Codes(all);
                var name = AwardNames.Name(tc.Tier);
                var scoreText = ordered[end].Key.ToString("0.00", CultureInfo.InvariantCulture);
                var resolved = resolution is TieResolution.IncludeAll or TieResolution.ExcludeAll || (resolution == TieResolution.TieBreak && separable);
                // {0} codes, {1} score, {2} tier, {3} seats added above, {4} seats given down, {5} tie-break order.
                var explanation = resolution switch
                {
                    TieResolution.IncludeAll => Wording.Of("{0} 同分 {1}，组委会决定并列取{2}：{2}多 {3} 个名额，以下各等级名额不变（获奖总数增加 {3} 个）", codes, scoreText, name, hi + 1 - end, end - lo, tieBreakText),
                    TieResolution.ExcludeAll => Wording.Of("{0} 同分 {1}，组委会决定并列取下一等级：{2}少 {4} 个名额，下一等级相应多 {4} 个", codes, scoreText, name, hi + 1 - end, end - lo, tieBreakText),
                    TieResolution.TieBreak when separable => Wording.Of("{0} 同分 {1}，按规则（{5}）决出{2}", codes, scoreText, name, hi + 1 - end, end - lo, tieBreakText),
                    TieResolution.TieBreak => Wording.Of("{0} 同分 {1}，按规则（{5}）仍无法区分：请选择并列取高或并列取低", codes, scoreText, name, hi + 1 - end, end - lo, tieBreakText),
                    _ => Wording.Of("{0} 同分 {1}，跨越{2}名额边界：请选择并列取高、并列取低，或按规则决出", codes, scoreText, name, hi + 1 - end, end - lo, tieBreakText),
                };
                if (resolution == TieResolution.IncludeAll) end = hi + 1;
                else if (resolution == TieResolution.ExcludeAll) end = lo;
                for (var i = lo; i <= hi; i++)
                {
                    var others = Codes(all.Where(c => c.EntryId != ordered[i].EntryId));
                    remarks[i] = resolution switch
                    {
                        TieResolution.IncludeAll => Wording.Of("与 {0} 同分，并列取{1}", others, name, tieBreakText),
                        TieResolution.ExcludeAll => Wording.Of("与 {0} 同分，并列取下一等级", others, name, tieBreakText),
                        TieResolution.TieBreak when separable => i < end ? Wording.Of("与 {0} 同分，按{2}取{1}", others, name, tieBreakText) : Wording.Of("与 {0} 同分，按{2}未取{1}", others, name, tieBreakText),
                        _ => Wording.Of("与 {0} 同分（{1}边界），待组委会决定", others, name, tieBreakText),
                    };
                    tieKeys[i] = key;
                }
                ties.Add(new TierTie(key, tc.Tier, ordered[lo].Key,
                    inside.Select(c => c.EntryId).ToList(), outside.Select(c => c.EntryId).ToList(), resolution, resolved, explanation));
            }
            for (var i = start; i < end; i++) tiers[i] = tc.Tier;
            start = end;
            cumulative = Math.Max(cumulative, start);
        }
        var open = ordered.Select((c, i) => (c, i)).Where(x => x.c.AwaitingFinal).Select(x => tiers[x.i]).Distinct().ToList();
        var openText = Wording.Join("、", open.OfType<AwardTier>().Order().Select(AwardNames.Name)
            .Concat(open.Contains(null) ? [Wording.Of(AwardNames.Participation)] : []));
        var lines = ordered.Select((c, i) => c.AwaitingFinal
            ? new TierLine(c, null, Wording.Of("待决赛：由决赛决出（{0}）", openText), null)
            : new TierLine(c, tiers[i], remarks[i], tieKeys[i])).ToList();
        return new TierAssignment(lines, ties, counts);
    }

    /// <summary>The entries' codes as data, joined by "、" (", " in English).</summary>
    private static Wording Codes(IEnumerable<AwardCandidate> xs) => Wording.Join("、", xs.Select(x => Wording.Data(x.Code)));

    private static bool Tied(AwardCandidate a, AwardCandidate b) => !a.AwaitingFinal && !b.AwaitingFinal && a.Stage == b.Stage && a.Key == b.Key;

}
