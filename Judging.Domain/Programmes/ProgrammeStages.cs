namespace Judging.Domain.Programmes;

using Judging.Domain.Competitions;

/// <summary>
/// The conclusion of a site verification (现场验证 / 现场考察, issue 16; seed 003 "现场验证（必要时）", seed 001 "现场考察（必要时）"):
/// whether what the application states was found on site. UI: 属实 / 基本属实 / 不属实.
/// </summary>
public enum SiteVisitConclusion
{
    /// <summary>属实: found as stated.</summary>
    True,

    /// <summary>基本属实: found as stated in substance, with minor differences recorded in the findings.</summary>
    MostlyTrue,

    /// <summary>不属实: not found as stated; the application stops before 公示 unless the committee records otherwise.</summary>
    Untrue,
}

/// <summary>The result of a credit check (信用查询, issue 16; seed 001 "信用查询（必要时）", seed 002 三: 无严重失信). UI: 通过 / 未通过.</summary>
public enum CreditCheckResult
{
    /// <summary>通过: nothing found that bars the application.</summary>
    Passed,

    /// <summary>未通过: a record bars it (e.g. 严重失信, an administrative penalty of the listed kinds); it is blocked with the finding.</summary>
    Failed,
}

/// <summary>The outcome of an objection (异议) raised during 公示 (issue 16). UI: 成立 / 不成立 / 部分成立.</summary>
public enum ObjectionOutcome
{
    /// <summary>成立: upheld; the award is withdrawn or changed before 审定.</summary>
    Upheld,

    /// <summary>不成立: rejected; the award stands.</summary>
    Rejected,

    /// <summary>部分成立: partly upheld; the award may be changed (e.g. a lower level), with the reasons.</summary>
    PartlyUpheld,
}

/// <summary>What a decided objection does to the proposed award (issue 16: "an upheld objection withdraws or changes the award before 审定").</summary>
public enum ObjectionEffect
{
    /// <summary>无变化: the award stands (the only effect of 不成立).</summary>
    None,

    /// <summary>撤销: the application leaves the list.</summary>
    Withdraw,

    /// <summary>调整: the proposed level is changed to the one recorded with the outcome.</summary>
    ChangeLevel,
}

/// <summary>
/// The period of a 公示 (public notice, issue 16) counted in working days on the working-day calendar (seed 002 三(二):
/// "公示时间不少于5个工作日"; seed 004 五: 公示): it opens at 00:00 Beijing of its first day and closes at 24:00 Beijing of its
/// last day, the <c>WorkingDays</c>-th working day counting the first day when it is a working day.
/// </summary>
public static class NoticePeriod
{
    /// <summary>The period when a programme does not set one: 5 working days.</summary>
    public const int DefaultWorkingDays = 5;

    /// <summary>The longest period accepted: 30 working days.</summary>
    public const int MaxWorkingDays = 30;

    /// <summary>
    /// The last day of a period of <paramref name="workingDays"/> working days from <paramref name="start"/>
    /// (<see cref="WorkingDays.Add"/>): posted Monday 2025-09-29 for 5 working days it ends Saturday 2025-10-11 (国庆, the 11th
    /// is a worked weekend day). Throws <see cref="OutsideCalendarException"/> when the calendar does not cover the days, and
    /// <see cref="ArgumentOutOfRangeException"/> when <paramref name="workingDays"/> is outside 1–<see cref="MaxWorkingDays"/>.
    /// </summary>
    public static DateOnly EndDay(WorkingDayCalendar calendar, DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        return WorkingDays.Add(calendar, start, workingDays);
    }

    /// <summary>The instant the period opens: 00:00 Beijing of <paramref name="start"/>.</summary>
    public static DateTimeOffset OpensAt(DateOnly start) => new(start.ToDateTime(TimeOnly.MinValue), ShanghaiTime.Offset);

    /// <summary>The instant the period closes: 24:00 Beijing of <paramref name="endDay"/> (00:00 of the next day); an objection
    /// received at or after it is late.</summary>
    public static DateTimeOffset ClosesAt(DateOnly endDay) => OpensAt(endDay.AddDays(1));

    /// <summary>
    /// Checks a change of a published period (issue 16: "the period cannot be shortened once published"): the new last day may
    /// not be before the published one, and the first day may not move. Returns the reason (zh-CN <see cref="Wording"/>) or null.
    /// </summary>
    public static Wording? CheckChange(DateOnly publishedStart, DateOnly publishedEnd, DateOnly newStart, DateOnly newEnd)
    {
        if (newStart != publishedStart)
            return Wording.Of("公示已发布，开始日期 {0:yyyy-MM-dd} 不能再改", publishedStart);
        if (newEnd < publishedEnd)
            return Wording.Of("公示已发布，期限不能缩短：原定 {0:yyyy-MM-dd} 结束，新的结束日期 {1:yyyy-MM-dd} 更早", publishedEnd, newEnd);
        return null;
    }
}

/// <summary>An objection as received (issue 16: "by real name: name, organisation, mobile (verified by SMS code) … the
/// application objected to, the grounds"); strings as typed, <paramref name="MobileVerified"/> true when the SMS code matched.</summary>
public sealed record ObjectionForm(string? Name, string? Organisation, string? Mobile, bool MobileVerified, string? ApplicationReference, string? Grounds);

/// <summary>
/// The rules of a 公示 and its objections (异议) and of 审定 after it (issue 16, "公示: public notice with objections" and
/// "审定 and after"). Each check returns the reasons it fails (zh-CN <see cref="Wording"/>s, empty when it passes).
/// </summary>
public static class NoticeRules
{
    /// <summary>The shortest grounds accepted, in characters.</summary>
    public const int MinGroundsLength = 10;

    /// <summary>
    /// Whether an objection may be received at <paramref name="at"/>: by real name (name, organisation and an SMS-verified
    /// 11-digit mobile; anonymous objections are refused), against an application on the notice's list
    /// (<paramref name="listed"/>: references), with grounds of at least <see cref="MinGroundsLength"/> characters, while the
    /// notice is open (<paramref name="opensAt"/> ≤ at &lt; <paramref name="closesAt"/>; a late objection is refused) and not closed
    /// (<paramref name="closed"/>).
    /// </summary>
    public static IReadOnlyList<Wording> CheckObjection(ObjectionForm form, IReadOnlySet<string> listed, DateTimeOffset opensAt,
        DateTimeOffset closesAt, bool closed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(listed);
        var problems = new List<Wording>();
        if (closed || at >= closesAt)
            problems.Add(Wording.Of("公示已于 {0} 结束，逾期提出的异议不予受理", ShanghaiTime.DisplayDeadline(closesAt)));
        else if (at < opensAt)
            problems.Add(Wording.Of("公示尚未开始（{0} 开始），不能提出异议", ShanghaiTime.Display(opensAt)));
        if (string.IsNullOrWhiteSpace(form.Name) || string.IsNullOrWhiteSpace(form.Organisation) || string.IsNullOrWhiteSpace(form.Mobile))
            problems.Add(Wording.Of("异议须实名提出：请填写姓名、工作单位和手机号码，匿名异议不予受理"));
        else if (!IsMobile(form.Mobile) || !form.MobileVerified)
            problems.Add(Wording.Of("手机号码未经短信验证码验证，异议不予受理"));
        if (string.IsNullOrWhiteSpace(form.ApplicationReference) || !listed.Contains(form.ApplicationReference.Trim()))
            problems.Add(Wording.Of("请选择公示名单中的一项"));
        if ((form.Grounds?.Trim().Length ?? 0) < MinGroundsLength)
            problems.Add(Wording.Of("请写明异议的事实和理由（至少 {0} 个字）", MinGroundsLength));
        return problems;
    }

    /// <summary>
    /// Whether a decided objection's outcome and effect go together: 不成立 changes nothing; 成立 withdraws or changes the award;
    /// 部分成立 keeps or changes it; a change names the new level (<paramref name="newLevel"/>) different from
    /// <paramref name="currentLevel"/>; the reasons are at least 2 characters.
    /// </summary>
    public static IReadOnlyList<Wording> CheckOutcome(ObjectionOutcome outcome, ObjectionEffect effect, string? newLevel,
        string currentLevel, string? reasons)
    {
        var problems = new List<Wording>();
        if ((reasons?.Trim().Length ?? 0) < 2)
            problems.Add(Wording.Of("请写明处理结论的理由"));
        switch (outcome)
        {
            case ObjectionOutcome.Rejected when effect != ObjectionEffect.None:
                problems.Add(Wording.Of("异议不成立时，拟授奖结果不作变化"));
                break;
            case ObjectionOutcome.Upheld when effect == ObjectionEffect.None:
                problems.Add(Wording.Of("异议成立时，须撤销或调整拟授奖结果"));
                break;
            case ObjectionOutcome.PartlyUpheld when effect == ObjectionEffect.Withdraw:
                problems.Add(Wording.Of("异议部分成立时，可调整拟授奖等级，撤销请选择“成立”"));
                break;
        }
        if (effect == ObjectionEffect.ChangeLevel && (string.IsNullOrWhiteSpace(newLevel) || newLevel.Trim() == currentLevel))
            problems.Add(Wording.Of("调整拟授奖结果须选择新的等级"));
        return problems;
    }

    /// <summary>
    /// Whether a 公示 may close at <paramref name="now"/>: not before its period ends (<paramref name="closesAt"/>), and not while
    /// an objection is open (<paramref name="openObjections"/> &gt; 0; issue 16: "A 公示 cannot close while an objection is open").
    /// </summary>
    public static IReadOnlyList<Wording> CheckClose(DateTimeOffset closesAt, int openObjections, DateTimeOffset now)
    {
        var problems = new List<Wording>();
        if (now < closesAt)
            problems.Add(Wording.Of("公示期至 {0} 才结束，不能提前结束", ShanghaiTime.Display(closesAt)));
        if (openObjections > 0)
            problems.Add(Wording.Of("还有 {0} 件异议未处理完毕，公示不能结束", openObjections));
        return problems;
    }

    /// <summary>
    /// Whether the committee's decision (审定) may be recorded for an application: only after its 公示 closed
    /// (<paramref name="noticeClosed"/>) without open objections (issue 16: "only after 公示 closed without open objections"),
    /// with the meeting's date (not in the future of <paramref name="today"/>) and reference (会议纪要 / 文号).
    /// </summary>
    public static IReadOnlyList<Wording> CheckApproval(bool noticePublished, bool noticeClosed, int openObjections,
        DateOnly? meetingDate, string? meetingReference, DateOnly today)
    {
        var problems = new List<Wording>();
        if (!noticePublished)
            problems.Add(Wording.Of("拟授奖名单尚未公示，不能审定"));
        else if (!noticeClosed)
            problems.Add(Wording.Of("公示尚未结束，不能审定"));
        if (openObjections > 0)
            problems.Add(Wording.Of("还有 {0} 件异议未处理完毕，不能审定", openObjections));
        if (meetingDate is null)
            problems.Add(Wording.Of("请填写审定会议日期"));
        else if (meetingDate > today)
            problems.Add(Wording.Of("审定会议日期 {0:yyyy-MM-dd} 晚于今天", meetingDate));
        if (string.IsNullOrWhiteSpace(meetingReference))
            problems.Add(Wording.Of("请填写审定会议的纪要编号或文号"));
        return problems;
    }

    /// <summary>True for an 11-digit mainland mobile number starting with 1.</summary>
    public static bool IsMobile(string? s) => s is { Length: 11 } && s[0] == '1' && s.All(char.IsAsciiDigit);
}

/// <summary>
/// What the stages after the expert review found about one application, in force (the latest record of each): the site
/// verification's conclusion (null when none was needed or none is recorded yet) and whether one was required, a committee
/// record that lets a 不属实 application go on anyway, the credit check's result and finding, and an upheld objection's effect.
/// </summary>
public sealed record StageFacts(
    bool VisitRequired,
    SiteVisitConclusion? Visit,
    string? CommitteeOverride,
    CreditCheckResult? Credit,
    string? CreditFinding,
    ObjectionEffect ObjectionEffect = ObjectionEffect.None);

/// <summary>
/// Whether an application may stand on the 公示 list and go to 审定 (issue 16): a required site visit must be concluded, a 不属实
/// conclusion stops it unless the committee recorded otherwise, a failed credit check blocks it with its finding, an objection
/// upheld with 撤销 withdraws it. Returns the reasons it is stopped (zh-CN <see cref="Wording"/>s), empty when it goes on.
/// </summary>
public static class StageGate
{
    /// <summary>The reasons the application is stopped before 公示, empty when it may be listed.</summary>
    public static IReadOnlyList<Wording> BeforeNotice(StageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var problems = new List<Wording>();
        if (facts.VisitRequired && facts.Visit is null)
            problems.Add(Wording.Of("现场验证尚无结论"));
        if (facts.Visit == SiteVisitConclusion.Untrue && string.IsNullOrWhiteSpace(facts.CommitteeOverride))
            problems.Add(Wording.Of("现场验证结论为不属实"));
        if (facts.Credit == CreditCheckResult.Failed)
            problems.Add(string.IsNullOrWhiteSpace(facts.CreditFinding)
                ? Wording.Of("信用查询未通过")
                : Wording.Of("信用查询未通过：{0}", facts.CreditFinding));
        return problems;
    }

    /// <summary>The reasons the application cannot be approved at 审定 (the notice's reasons plus an upheld objection's 撤销).</summary>
    public static IReadOnlyList<Wording> BeforeApproval(StageFacts facts)
    {
        var problems = BeforeNotice(facts).ToList();
        if (facts.ObjectionEffect == ObjectionEffect.Withdraw)
            problems.Add(Wording.Of("公示期间异议成立，拟授奖结果已撤销"));
        return problems;
    }
}

/// <summary>Chinese UI names of the stage enums, as the pages and exports show them.</summary>
public static class StageNames
{
    /// <summary>属实 / 基本属实 / 不属实.</summary>
    public static string Of(SiteVisitConclusion c) => c switch
    {
        SiteVisitConclusion.True => "属实",
        SiteVisitConclusion.MostlyTrue => "基本属实",
        SiteVisitConclusion.Untrue => "不属实",
        _ => c.ToString(),
    };

    /// <summary>通过 / 未通过.</summary>
    public static string Of(CreditCheckResult r) => r switch
    {
        CreditCheckResult.Passed => "通过",
        CreditCheckResult.Failed => "未通过",
        _ => r.ToString(),
    };

    /// <summary>成立 / 不成立 / 部分成立.</summary>
    public static string Of(ObjectionOutcome o) => o switch
    {
        ObjectionOutcome.Upheld => "成立",
        ObjectionOutcome.Rejected => "不成立",
        ObjectionOutcome.PartlyUpheld => "部分成立",
        _ => o.ToString(),
    };

    /// <summary>无变化 / 撤销 / 调整.</summary>
    public static string Of(ObjectionEffect e) => e switch
    {
        ObjectionEffect.None => "无变化",
        ObjectionEffect.Withdraw => "撤销",
        ObjectionEffect.ChangeLevel => "调整",
        _ => e.ToString(),
    };
}
