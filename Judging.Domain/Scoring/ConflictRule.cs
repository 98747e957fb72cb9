namespace Judging.Domain.Scoring;

using Judging.Domain.Competitions;

/// <summary>
/// The conflict-of-interest rule (回避): a judge never scores an entry of their own unit, nor of any
/// unit in the same group company (issue 2, "A judge never scores a speaker from their own unit or group").
/// </summary>
public static class ConflictRule
{
    /// <summary>True when <paramref name="judge"/> must not score an entry of <paramref name="entryUnit"/>.</summary>
    /// <param name="judge">The judge; only <see cref="Judge.ConflictUnitId"/> matters.</param>
    /// <param name="judgeUnit">The judge's conflict unit, or null when the judge has none.</param>
    /// <param name="entryUnit">The unit of the entry being scored.</param>
    public static bool IsConflicted(Judge judge, Unit? judgeUnit, Unit entryUnit)
    {
        if (judge.ConflictUnitId is null || judgeUnit is null) return false;
        if (judgeUnit.Id != judge.ConflictUnitId) throw new ArgumentException("judgeUnit is not the judge's conflict unit", nameof(judgeUnit));
        if (judgeUnit.Id == entryUnit.Id) return true;
        return judgeUnit.GroupId is not null && judgeUnit.GroupId == entryUnit.GroupId;
    }

    /// <summary>
    /// The same rule by name, for data not stored yet (the importer checks <c>preliminary_scores.csv</c> before
    /// anything has an id; unit and group names are unique within a competition): true when the judge's conflict
    /// unit is the entry's unit, or both units belong to the same group company.
    /// </summary>
    /// <param name="conflictUnit">Name of the judge's conflict unit (回避单位), or null when the judge has none.</param>
    /// <param name="conflictGroup">Name of that unit's group company, or null for an independent unit.</param>
    /// <param name="entryUnit">Name of the entry's unit.</param>
    /// <param name="entryGroup">Name of the entry unit's group company, or null for an independent unit.</param>
    public static bool IsConflicted(string? conflictUnit, string? conflictGroup, string entryUnit, string? entryGroup)
    {
        if (conflictUnit is null) return false;
        if (conflictUnit == entryUnit) return true;
        return conflictGroup is not null && conflictGroup == entryGroup;
    }

    /// <summary>Chinese reason shown to the judge, e.g. "您与该参赛单位（或其所属集团）存在关联，按回避规定不参与评分".</summary>
    public const string Reason = "您与该参赛单位或其所属集团存在关联，按回避规定不参与本选手评分";
}
