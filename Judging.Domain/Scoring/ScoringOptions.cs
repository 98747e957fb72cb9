namespace Judging.Domain.Scoring;

using Judging.Domain.Competitions;

/// <summary>
/// Rule parameters of scoring, bound from <c>appsettings.json</c> section <c>Judging:Scoring</c>.
/// Defaults are issue 2's: steps of 0.5 points; drop one highest and one lowest total when at least
/// 5 judges scored, the plain mean below that; ties broken by higher median, then higher first criterion.
/// </summary>
public sealed class ScoringOptions
{
    /// <summary>Smallest step of a criterion's points (points).</summary>
    public decimal Step { get; set; } = 0.5m;
    /// <summary>Trim only when at least this many judges scored the entry.</summary>
    public int TrimWhenAtLeast { get; set; } = 5;
    /// <summary>How many highest totals are dropped when trimming.</summary>
    public int TrimHighest { get; set; } = 1;
    /// <summary>How many lowest totals are dropped when trimming.</summary>
    public int TrimLowest { get; set; } = 1;
    /// <summary>
    /// Tie-break sequence applied after an equal score, in order: <c>Median</c> (higher median of the
    /// judges' totals wins) or <c>CriterionN</c> (higher aggregate on the sheet's N-th criterion, 1-based).
    /// Entries equal on every key share a rank.
    /// </summary>
    public List<string> TieBreaks { get; set; } = ["Median", "Criterion1"];

    /// <summary>
    /// The panel flag's multiple k (issue 14, §1): a card is flagged when |total − median of the entry's other cards' totals|
    /// exceeds k × max(MAD, <see cref="FlagMadFloor"/>) (see <see cref="PanelFlags"/>). Positive; default 3.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // not a results rule: kept out of audit packets, whose hashes it would change
    public decimal FlagK { get; set; } = 3m;
    /// <summary>
    /// No card of an entry is flagged while fewer than this many cards (the card itself included) are in for it
    /// (issue 14, §1: "the minimum panel size"). At least 3; default 5.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // not a results rule: kept out of audit packets, whose hashes it would change
    public int FlagMinPanel { get; set; } = 5;
    /// <summary>
    /// Lower bound of the MAD used by the panel flag (points, not negative; default 1.0), so a unanimous panel (MAD 0)
    /// does not flag a card half a point away.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // not a results rule: kept out of audit packets, whose hashes it would change
    public decimal FlagMadFloor { get; set; } = 1.0m;

    /// <summary>Parses <see cref="TieBreaks"/>. Throws <see cref="FormatException"/> on an unknown key.</summary>
    public IReadOnlyList<TieBreak> ParsedTieBreaks() => TieBreaks.Select(TieBreak.Parse).ToList();

    /// <summary>Problems with the configuration (English, for the operator's log); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Step <= 0) problems.Add("Scoring:Step must be positive");
        if (TrimHighest < 0 || TrimLowest < 0) problems.Add("Scoring:TrimHighest and TrimLowest must not be negative");
        if (TrimWhenAtLeast <= TrimHighest + TrimLowest) problems.Add("Scoring:TrimWhenAtLeast must exceed TrimHighest + TrimLowest, or nothing would be left");
        if (FlagK <= 0) problems.Add("Scoring:FlagK must be positive");
        if (FlagMinPanel < 3) problems.Add("Scoring:FlagMinPanel must be at least 3 (with fewer cards the other cards' MAD says nothing)");
        if (FlagMadFloor < 0) problems.Add("Scoring:FlagMadFloor must not be negative");
        foreach (var t in TieBreaks)
        {
            try { TieBreak.Parse(t); }
            catch (FormatException e) { problems.Add(e.Message); }
        }
        return problems;
    }
}

/// <summary>One key of the tie-break sequence: the median of totals, or one criterion (1-based).</summary>
public readonly record struct TieBreak(TieBreakKind Kind, int CriterionNumber)
{
    /// <summary>Parses <c>Median</c> or <c>CriterionN</c> (N ≥ 1). Throws <see cref="FormatException"/> otherwise.</summary>
    public static TieBreak Parse(string s)
    {
        var t = s.Trim();
        if (t.Equals("Median", StringComparison.OrdinalIgnoreCase)) return new(TieBreakKind.Median, 0);
        if (t.StartsWith("Criterion", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(t["Criterion".Length..], out var n) && n >= 1)
            return new(TieBreakKind.Criterion, n);
        throw new FormatException($"Unknown tie-break '{s}': use Median or CriterionN (N from 1)");
    }

    /// <summary>Description for the organiser: zh-CN "中位数高者优先" or "第2项评分高者优先".</summary>
    public Wording Describe() => Kind == TieBreakKind.Median ? Wording.Of("中位数高者优先") : Wording.Of("第{0}项评分高者优先", CriterionNumber);
}

/// <summary>Kinds of tie-break key.</summary>
public enum TieBreakKind
{
    /// <summary>Higher median of the judges' totals.</summary>
    Median,
    /// <summary>Higher aggregate on one criterion.</summary>
    Criterion,
}
