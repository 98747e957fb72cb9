namespace Judging.Domain.Scoring;

using Judging.Domain.Competitions;

/// <summary>A score sheet (评分表): weighted criteria whose maximum points total 100, per track and round kind.</summary>
public sealed class ScoreSheet
{
    /// <summary>The total every sheet's criteria must reach, in points.</summary>
    public const decimal TotalPoints = 100m;

    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string Name { get; set; }
    public Track Track { get; set; }
    public RoundKind RoundKind { get; set; }
    /// <summary>Criteria in sheet order (序号 ascending).</summary>
    public List<Criterion> Criteria { get; set; } = [];
}

/// <summary>One criterion (评分项) of a score sheet: a name and a maximum in points (its weight).</summary>
public sealed class Criterion
{
    public int Id { get; set; }
    public int ScoreSheetId { get; set; }
    /// <summary>1-based position on the sheet (序号).</summary>
    public int Order { get; set; }
    public required string Name { get; set; }
    /// <summary>Maximum points (满分), a positive multiple of the scoring step.</summary>
    public decimal MaxPoints { get; set; }
    /// <summary>Scoring guidance (评分要点) shown to the judge.</summary>
    public string Guidance { get; set; } = "";
}

/// <summary>Checks a judge's points against a score sheet before anything is stored.</summary>
public static class ScoreCardRules
{
    /// <summary>
    /// Validates one judge's points for one entry: exactly one value per criterion, in sheet order,
    /// each within [0, criterion maximum] and a multiple of <paramref name="step"/> (points; 0.5 by default,
    /// issue 2: "steps of 0.5, bounded by the criterion's maximum").
    /// </summary>
    /// <returns>Problems (<see cref="Wording"/>s, zh-CN as text; a criterion's name is data), empty when the card is valid.</returns>
    public static IReadOnlyList<Wording> Validate(IReadOnlyList<Criterion> criteria, IReadOnlyList<decimal?> points, decimal step)
    {
        var problems = new List<Wording>();
        if (points.Count != criteria.Count)
        {
            problems.Add(Wording.Of("评分项数量不符：应为 {0} 项，收到 {1} 项", criteria.Count, points.Count));
            return problems;
        }
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var p = points[i];
            if (p is null)
                problems.Add(Wording.Of("“{0}”尚未打分", c.Name));
            else if (p < 0 || p > c.MaxPoints)
                problems.Add(Wording.Of("“{0}”的分数 {1:0.##} 超出范围 0–{2:0.##}", c.Name, p, c.MaxPoints));
            else if (p.Value % step != 0)
                problems.Add(Wording.Of("“{0}”的分数 {1:0.##} 须为 {2:0.##} 的整数倍", c.Name, p, step));
        }
        return problems;
    }

    /// <summary>Sum of a valid card's points (points).</summary>
    public static decimal Total(IEnumerable<decimal> points) => points.Sum();

    /// <summary>
    /// Checks that a sheet's criteria maxima total exactly <see cref="ScoreSheet.TotalPoints"/> and are positive
    /// multiples of <paramref name="step"/> (issue 2: "criteria weights not totalling 100" is rejected).
    /// </summary>
    /// <returns>Problems (<see cref="Wording"/>s, zh-CN as text; a criterion's name is data), empty when the sheet is valid.</returns>
    public static IReadOnlyList<Wording> ValidateSheet(IReadOnlyList<Criterion> criteria, decimal step)
    {
        var problems = new List<Wording>();
        if (criteria.Count == 0) problems.Add(Wording.Of("评分表没有评分项"));
        foreach (var c in criteria)
        {
            if (c.MaxPoints <= 0 || c.MaxPoints % step != 0)
                problems.Add(Wording.Of("评分项“{0}”的满分 {1:0.##} 须为 {2:0.##} 的正整数倍", c.Name, c.MaxPoints, step));
        }
        var total = criteria.Sum(c => c.MaxPoints);
        if (criteria.Count > 0 && total != ScoreSheet.TotalPoints)
            problems.Add(Wording.Of("评分项满分合计为 {0:0.##}，应为 {1:0.##}", total, ScoreSheet.TotalPoints));
        return problems;
    }
}
