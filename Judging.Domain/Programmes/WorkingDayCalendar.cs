namespace Judging.Domain.Programmes;

using System.Globalization;
using System.Text;
using Judging.Domain.Competitions;

/// <summary>What a listed day of the calendar is (issue 13, "Windows and the working-day calendar").</summary>
public enum CalendarDayKind
{
    /// <summary>休: a day off of a public holiday (放假), whatever weekday it falls on.</summary>
    Holiday,

    /// <summary>班: a Saturday or Sunday worked in exchange for a holiday (调休上班).</summary>
    AdjustedWorkday,
}

/// <summary>
/// One listed day: a day off of a public holiday or an adjusted working weekend day, from the State Council's notice of
/// <paramref name="Year"/> (国务院办公厅关于<paramref name="Year"/>年部分节假日安排的通知).
/// </summary>
/// <param name="Year">The notice's year (年度); a 元旦 may start on 12/31 of the year before (2023's notice: 2022-12-31).</param>
/// <param name="Date">The calendar day (Beijing).</param>
/// <param name="Kind">休 or 班.</param>
/// <param name="Name">The holiday it belongs to, as the notice names it ("春节", "中秋节、国庆节").</param>
public sealed record CalendarDay(int Year, DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// Thrown when a date outside the calendar's years is asked about: a working day cannot be decided without that year's
/// State Council notice. <see cref="Reason"/> is the Chinese text for the page.
/// </summary>
public sealed class OutsideCalendarException : ArgumentOutOfRangeException
{
    /// <summary>An exception for <paramref name="date"/>, naming the years the calendar covers.</summary>
    public OutsideCalendarException(DateOnly date, IReadOnlyCollection<int> years)
        : base(nameof(date), date, $"工作日历不含 {date.Year} 年（已有：{Years(years)}），无法计算工作日")
    {
        Date = date;
        Reason = Wording.Of("工作日历不含 {0} 年（已有：{1}），无法计算工作日", date.Year, Years(years));
    }

    /// <summary>The date asked about.</summary>
    public DateOnly Date { get; }

    /// <summary>"工作日历不含 2027 年（已有：2021–2026），无法计算工作日".</summary>
    public Wording Reason { get; }

    private static string Years(IReadOnlyCollection<int> years) =>
        years.Count == 0 ? "无" : string.Join("、", Runs(years.Order().ToList()));

    private static IEnumerable<string> Runs(List<int> ys)
    {
        for (var i = 0; i < ys.Count;)
        {
            var j = i;
            while (j + 1 < ys.Count && ys[j + 1] == ys[j] + 1) j++;
            yield return i == j ? $"{ys[i]}" : $"{ys[i]}–{ys[j]}";
            i = j + 1;
        }
    }
}

/// <summary>
/// China's working days for some years (issue 13, "Windows and the working-day calendar"; docs/calendar.md): a day is a
/// working day (工作日) when it is an adjusted working weekend day (调休上班, 班), or a Monday–Friday that is not a day off
/// of a public holiday (休). Weekends not listed are days off. Only the <see cref="Years"/> whose State Council notices the
/// calendar holds are known; asking about any other date throws <see cref="OutsideCalendarException"/>.
/// The file is <c>seeds/calendar/cn-workdays.csv</c> (2021–2026), read by the app's <c>CalendarImport.Parse</c>.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The CSV header, in this order when written (<see cref="ToCsv"/>); any order is read.</summary>
    public static readonly IReadOnlyList<string> Columns = ["年度", "日期", "类型", "节日"];

    private readonly Dictionary<DateOnly, CalendarDay> days;
    private readonly SortedSet<int> years;

    private WorkingDayCalendar(IEnumerable<int> years, IEnumerable<CalendarDay> days)
    {
        this.years = new SortedSet<int>(years);
        this.days = days.ToDictionary(d => d.Date);
    }

    /// <summary>
    /// A calendar of <paramref name="years"/> with the listed <paramref name="days"/> (no checks: for tests and code that
    /// built the days itself; the app's <c>CalendarImport.Parse</c> checks a file). Throws <see cref="ArgumentException"/> on a repeated date.
    /// </summary>
    public static WorkingDayCalendar Of(IEnumerable<int> years, IEnumerable<CalendarDay> days) => new(years, days);

    /// <summary>The notice years the calendar covers (sorted); a date is known when its calendar year is one of them.</summary>
    public IReadOnlySet<int> Years => years;

    /// <summary>The listed days (休 and 班), by date.</summary>
    public IReadOnlyList<CalendarDay> Days => days.Values.OrderBy(d => d.Date).ToList();

    /// <summary>True when <paramref name="date"/>'s year is covered.</summary>
    public bool Covers(DateOnly date) => years.Contains(date.Year);

    /// <summary>The listed day at <paramref name="date"/>, or null (an ordinary weekday or weekend).</summary>
    public CalendarDay? Listed(DateOnly date) => days.GetValueOrDefault(date);

    /// <summary>
    /// Whether <paramref name="date"/> is a working day: 班, or Mon–Fri and not 休. Throws <see cref="OutsideCalendarException"/>
    /// when the date's year is not covered.
    /// </summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!Covers(date)) throw new OutsideCalendarException(date, years);
        if (days.TryGetValue(date, out var d)) return d.Kind == CalendarDayKind.AdjustedWorkday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The calendar as the CSV <c>CalendarImport.Parse</c> reads (UTF-8 text, "\n" line ends, days in date order).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var d in Days)
            sb.Append(CultureInfo.InvariantCulture, $"{d.Year},{d.Date:yyyy-MM-dd},{(d.Kind == CalendarDayKind.Holiday ? "休" : "班")},{Quote(d.Name)}\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

/// <summary>
/// Counting working days on a <see cref="WorkingDayCalendar"/> as the notices count them (issue 13, "Windows and the
/// working-day calendar"; seed 002 三(二): "公示时间不少于5个工作日"). A period of N working days that starts on day D
/// counts D itself when D is a working day: a 公示 posted on Monday 2025-06-09 for 5 working days runs to the end of Friday
/// 2025-06-13; posted on Saturday 2025-06-07 it starts counting on Monday and also ends on 6/13.
/// Every method throws <see cref="OutsideCalendarException"/> when it has to look at a day outside the calendar's years.
/// </summary>
public static class WorkingDays
{
    /// <summary>
    /// The last day of a period of <paramref name="n"/> working days that starts on <paramref name="start"/>: the n-th working
    /// day on or after <paramref name="start"/>, counting <paramref name="start"/> itself when it is a working day (so
    /// <c>Add(c, d, 1)</c> is d for a working day d, else the next working day). The period ends at the end of that day
    /// (24:00 Beijing). Throws <see cref="ArgumentOutOfRangeException"/> when n &lt; 1, and
    /// <see cref="OutsideCalendarException"/> when the count runs past the calendar's years.
    /// Invariant: <c>Count(c, start, Add(c, start, n)) == n</c>.
    /// </summary>
    public static DateOnly Add(WorkingDayCalendar calendar, DateOnly start, int n)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var day = start;
        var counted = 0;
        while (true)
        {
            if (calendar.IsWorkingDay(day) && ++counted == n) return day;
            day = day.AddDays(1);
        }
    }

    /// <summary>
    /// The number of working days from <paramref name="from"/> to <paramref name="to"/>, both included (a 公示 "6/9 至 6/13"
    /// counts 5 when all five are working days); 0 when <paramref name="to"/> is before <paramref name="from"/>. Throws
    /// <see cref="OutsideCalendarException"/> when any day of the range is outside the calendar's years.
    /// </summary>
    public static int Count(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var n = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) n++;
        return n;
    }
}
