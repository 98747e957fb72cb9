namespace Judging.Tests.Domain.Finalists;

using Judging.Domain.Competitions;

using Judging.Domain.Finalists;

/// <summary>Hand-built finalist candidates: code "E{id}", unit "单位{n}", group "集团{n}", division "赛区{n}".</summary>
internal static class Candidates
{
    public const string TieBreakText = "中位数高者优先，第1项评分高者优先";

    public static FinalistCandidate C(int id, decimal? score, int unit, int? group = null, int? division = null,
        decimal[]? keys = null, Eligibility eligibility = Eligibility.Eligible, decimal? z = null) => new()
    {
        EntryId = id,
        Code = $"E{id}",
        UnitId = unit,
        UnitName = $"单位{unit}",
        GroupId = group,
        GroupName = group is { } g ? $"集团{g}" : null,
        DivisionId = division,
        DivisionName = division is { } d ? $"赛区{d}" : null,
        Score = score,
        TieBreakKeys = keys ?? [],
        Normalised = z,
        Eligibility = eligibility,
    };

    public static FinalistProposal Select(FinalistRules rules, params FinalistCandidate[] candidates) =>
        FinalistSelection.Select(candidates, rules, FinalistDecisions.None, Wording.Of(TieBreakText));

    public static FinalistProposal Select(FinalistRules rules, FinalistDecisions decisions, params FinalistCandidate[] candidates) =>
        FinalistSelection.Select(candidates, rules, decisions, Wording.Of(TieBreakText));

    public static FinalistLine Line(this FinalistProposal p, int id) => p.Lines.Single(l => l.Candidate.EntryId == id);

    public static FinalistDecisions Ties(string key, TieResolution resolution) =>
        new() { Ties = new Dictionary<CutKey, TieResolution> { [CutKey.Parse(key)] = resolution } };

    public static FinalistDecisions Overrides(params FinalistOverride[] overrides) => new() { Overrides = overrides };

    /// <summary>Every line that was reached above the cut, or could never be walked, and is not a finalist, says why.</summary>
    public static void AssertEveryNonFinalistAboveTheCutHasARemark(FinalistProposal p)
    {
        foreach (var l in p.Lines.Where(l => l.Status != FinalistStatus.Finalist && (l.AboveCut || l.Status == FinalistStatus.Skipped)))
            Assert.False(string.IsNullOrWhiteSpace(l.Remark?.ToString()), $"{l.Candidate.Code} has no remark");
    }
}
