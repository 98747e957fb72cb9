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

    /// <summary>Chinese reason shown to the judge, e.g. "您与该参赛单位（或其所属集团）存在关联，按回避规定不参与评分".</summary>
    public const string Reason = "您与该参赛单位或其所属集团存在关联，按回避规定不参与本选手评分";
}
