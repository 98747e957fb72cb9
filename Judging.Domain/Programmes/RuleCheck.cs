namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;
using Judging.Domain.Registration;

/// <summary>
/// One eligibility rule (申报条件) checked for one application (issue 13, "Eligibility, each rule with its reason"): its
/// <paramref name="Code"/> (stable, e.g. "no-loss-5y", the programme's files refer to it), whether it <paramref name="Passed"/>
/// (✔) or not (✗), and the <paramref name="Reason"/> in the notice's words with the applicant's facts, shown beside ✔/✗
/// before submitting. The rules classes return every rule, passed and failed, in the notice's order.
/// </summary>
public sealed record RuleCheck(string Code, bool Passed, Wording Reason)
{
    /// <summary>A passed rule.</summary>
    public static RuleCheck Pass(string code, Wording reason) => new(code, true, reason);

    /// <summary>A failed rule.</summary>
    public static RuleCheck Fail(string code, Wording reason) => new(code, false, reason);

    /// <summary>Passed when <paramref name="passed"/>, with the reason for each outcome.</summary>
    public static RuleCheck Of(string code, bool passed, Wording whenPassed, Wording whenFailed) =>
        new(code, passed, passed ? whenPassed : whenFailed);

    /// <summary>"✔ reason" or "✗ reason" (zh-CN).</summary>
    public override string ToString() => (Passed ? "✔ " : "✗ ") + Reason;
}

/// <summary>Helpers over a list of <see cref="RuleCheck"/>s.</summary>
public static class RuleChecks
{
    /// <summary>True when every rule passed (an empty list passes).</summary>
    public static bool AllPassed(this IEnumerable<RuleCheck> checks) => checks.All(c => c.Passed);

    /// <summary>The failed rules, in order.</summary>
    public static IReadOnlyList<RuleCheck> Failed(this IEnumerable<RuleCheck> checks) => checks.Where(c => !c.Passed).ToList();
}

/// <summary>
/// A window of a notice in Beijing time, as UTC instants: open from <paramref name="Opens"/> (included) to
/// <paramref name="Closes"/> (excluded). A notice's "至5月31日16时" is to the minute: the minute 16:00 is still inside
/// (<see cref="ToTheMinute"/> closes at 16:01:00); a notice's "至6月30日" is to the end of that day (<see cref="Days"/>
/// closes at 7/1 00:00).
/// </summary>
/// <param name="Opens">The first instant inside (UTC).</param>
/// <param name="Closes">The first instant after the window (UTC).</param>
/// <param name="LastMinute">True when the notice named the closing minute (shown as that minute), false for whole days
/// (shown as "24:00" of the last day).</param>
public sealed record TimeWindow(DateTimeOffset Opens, DateTimeOffset Closes, bool LastMinute)
{
    /// <summary>
    /// From the Beijing wall-clock minute <paramref name="opensLocal"/> to the end of the Beijing minute
    /// <paramref name="lastMinuteLocal"/> (seed 004: 4/22 09:00 – 5/31 16:00: 16:00:59 inside, 16:01:00 outside).
    /// </summary>
    public static TimeWindow ToTheMinute(DateTime opensLocal, DateTime lastMinuteLocal) => new(
        ShanghaiTime.FromLocal(opensLocal).ToUniversalTime(), ShanghaiTime.FromLocal(lastMinuteLocal.AddMinutes(1)).ToUniversalTime(), true);

    /// <summary>From the start of the Beijing day <paramref name="first"/> to the end of the Beijing day <paramref name="last"/>.</summary>
    public static TimeWindow Days(DateOnly first, DateOnly last) => new(IntakeCalendar.StartOfDay(first), IntakeCalendar.EndOfDay(last), false);

    /// <summary>True when <paramref name="at"/> is inside: Opens ≤ at &lt; Closes.</summary>
    public bool Contains(DateTimeOffset at) => at >= Opens && at < Closes;

    /// <summary>"2024-04-22 09:00 至 2024-05-31 16:00（北京时间）" or "2022-05-01 00:00 至 2022-06-30 24:00（北京时间）".</summary>
    public Wording Text => Wording.Of("{0} 至 {1}（北京时间）", ShanghaiTime.Display(Opens),
        LastMinute ? ShanghaiTime.Display(Closes.AddMinutes(-1)) : IntakeCalendar.Show(Closes));
}
