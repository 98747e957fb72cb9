namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>
/// One criterion (评分项) of a programme's score sheet (issue 16, "Expert review and defence"): its place, name, maximum
/// points (its weight; the criteria of a sheet total 100) and the guidance shown to the expert.
/// </summary>
/// <param name="Order">1-based place on the sheet (序号).</param>
/// <param name="Name">The criterion, e.g. 科学性和创新性.</param>
/// <param name="MaxPoints">Maximum points (满分), a positive multiple of the scoring step (0.5).</param>
/// <param name="Guidance">Scoring guidance (评分要点), may be empty.</param>
public sealed record ProgrammeCriterion(int Order, string Name, decimal MaxPoints, string Guidance);

/// <summary>
/// A programme's score sheet for one review round (issue 16): 初评 / 书面评价 (the online review, <see cref="RoundKind.FirstReview"/>)
/// or 复评 / 会审答辩 (the panel with a defence, <see cref="RoundKind.ReReview"/>). Read from the programme folder's optional
/// <c>score-sheets.csv</c> (docs/programmes.md); the expert review copies it onto its competition's
/// <see cref="Scoring.ScoreSheet"/>s of the case track.
/// </summary>
/// <param name="Name">The sheet's name (评分表), e.g. "上海市政府质量奖资料评审评分表".</param>
/// <param name="Round">The round it is used in: FirstReview (初评) or ReReview (复评).</param>
/// <param name="Criteria">The criteria in 序号 order; their maxima total <see cref="Scoring.ScoreSheet.TotalPoints"/>.</param>
public sealed record ProgrammeScoreSheet(string Name, RoundKind Round, IReadOnlyList<ProgrammeCriterion> Criteria)
{
    /// <summary>The words of <c>score-sheets.csv</c>'s 轮次 column: 初评 (FirstReview) and 复评 (ReReview).</summary>
    public static RoundKind? ParseRound(string? text) => text?.Trim() switch
    {
        "初评" => RoundKind.FirstReview,
        "复评" => RoundKind.ReReview,
        _ => null,
    };

    /// <summary>初评 / 复评.</summary>
    public static string RoundName(RoundKind round) => round == RoundKind.ReReview ? "复评" : "初评";
}
