namespace Judging.App.Programmes.Import;

using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>
/// A problem of one field of an applicant's or nominator's form (issue 13, step 0): the field's name, which is the
/// applicants.csv column it stands for ("登记注册日期"), and the reason, the same text a CSV row gets after its
/// "applicants.csv 第N行：" ("登记注册日期“2025-02-30”不是有效日期（格式 yyyy-MM-dd）").
/// </summary>
public sealed record FieldProblem(string Field, Wording Reason)
{
    /// <summary>The zh-CN text of <see cref="Reason"/>.</summary>
    public override string ToString() => Reason.ToString();
}

/// <summary>
/// The outcome of reading a form into a programme's facts (<see cref="ApplicantImport.QualityBenchmark2021Form"/> and the
/// others): all or nothing — the facts and no problems, or no facts and every field's problem.
/// </summary>
public sealed record FormReading<TFacts>(TFacts? Facts, IReadOnlyList<FieldProblem> Problems) where TFacts : class
{
    /// <summary>True when every field was right (<see cref="Facts"/> is set).</summary>
    public bool Ok => Facts is not null;
}

/// <summary>
/// One row of seed 002's past-winners.csv: the winner's <paramref name="Name"/> (获奖者), its <paramref name="Unit"/>
/// (所在单位; "" for an organisation) and the award won (奖项, 类别 and 获奖年度).
/// </summary>
public sealed record PastWinner(string Name, string Unit, PastQualityAward Award);

/// <summary>
/// The outcome of <see cref="ApplicantImport.PastWinners"/>: all or nothing — the winners and no problems, or no winners and
/// every problem ("past-winners.csv 第N行：原因").
/// </summary>
public sealed record PastWinnersResult(IReadOnlyList<PastWinner>? Winners, IReadOnlyList<ApplicantProblem> Problems)
{
    /// <summary>True when the file was read whole (<see cref="Winners"/> is set).</summary>
    public bool Ok => Winners is not null;
}
