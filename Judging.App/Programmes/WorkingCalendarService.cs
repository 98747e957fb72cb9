namespace Judging.App.Programmes;

using Judging.App.Persistence;
using Judging.App.Programmes.Import;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>The stored working-day calendar as the organiser's page shows it: the covered years and their listed days (休 and 班).</summary>
/// <param name="Years">The notice years covered (sorted).</param>
/// <param name="Days">The listed days, by date.</param>
public sealed record CalendarView(IReadOnlyList<int> Years, IReadOnlyList<CalendarDay> Days)
{
    /// <summary>The listed days of the notice year <paramref name="year"/>, by date.</summary>
    public IReadOnlyList<CalendarDay> Of(int year) => Days.Where(d => d.Year == year).ToList();
}

/// <summary>The outcome of a calendar change: null <see cref="Reason"/> when done, else why not (Chinese), with a file's problems.</summary>
/// <param name="Reason">Why the change was refused, or null when it was made.</param>
/// <param name="Problems">An import's problems, each with its line (empty otherwise).</param>
public sealed record CalendarChange(Wording? Reason, IReadOnlyList<CalendarProblem> Problems)
{
    /// <summary>Done.</summary>
    public static readonly CalendarChange Done = new(null, []);

    /// <summary>True when the change was made.</summary>
    public bool Ok => Reason is null;

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static CalendarChange Refused(Wording reason) => new(reason, []);
}

/// <summary>
/// The organiser's editor of the working-day calendar (issue 13, "Windows and the working-day calendar"; docs/calendar.md):
/// lists the stored <see cref="WorkingCalendarDay"/> rows per notice year, adds, changes and removes one day with the rules of
/// <see cref="CalendarImport.Parse"/> (班 only on a Saturday or Sunday, a date in its notice year or the December before, a
/// covered year, a holiday name, no date twice), exports it as the seed's CSV (<see cref="WorkingDayCalendar.ToCsv"/>) and
/// replaces it by an imported file all or nothing. Every change is audited (Actor, Action, Subject "工作日历 yyyy-MM-dd",
/// Before, After). The calculator reads <see cref="WorkingDays"/>. Scoped.
/// </summary>
public sealed class WorkingCalendarService(JudgingDb db, TimeProvider clock)
{
    /// <summary>Holiday names hold at most this many characters (the column's length).</summary>
    public const int MaxNameChars = 20;

    /// <summary>The stored calendar.</summary>
    public async Task<CalendarView> ViewAsync(CancellationToken ct)
    {
        var calendar = await ProgrammeService.LoadCalendarAsync(db, ct);
        return new CalendarView(calendar.Years.ToList(), calendar.Days);
    }

    /// <summary>The stored calendar, for the calculator (<see cref="WorkingDays.Add"/>, <see cref="WorkingDays.Count"/>).</summary>
    public Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct) => ProgrammeService.LoadCalendarAsync(db, ct);

    /// <summary>The stored calendar as the seed's CSV (<c>seeds/calendar/cn-workdays.csv</c>'s format, UTF-8 text without BOM).</summary>
    public async Task<string> ExportAsync(CancellationToken ct) => (await ProgrammeService.LoadCalendarAsync(db, ct)).ToCsv();

    /// <summary>
    /// Adds (<paramref name="original"/> null) or changes (<paramref name="original"/> the date it had) one listed day. Refused,
    /// with the reason in Chinese, when: the name is empty or longer than <see cref="MaxNameChars"/>; the year is not covered
    /// (a new year comes with its notice through <see cref="ImportAsync"/>); the date is not in the notice year
    /// <paramref name="day"/>.Year (or its December before); a 班 is not a Saturday or Sunday; the date is already listed
    /// (another row); the original is not listed.
    /// </summary>
    public async Task<CalendarChange> SaveAsync(DateOnly? original, CalendarDay day, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(day);
        var name = (day.Name ?? "").Trim();
        if (name.Length == 0) return CalendarChange.Refused(Wording.Of("“{0}”不能为空", "节日"));
        if (name.Length > MaxNameChars) return CalendarChange.Refused(Wording.Of("节日名称最多 {0} 字", MaxNameChars));
        var years = await db.Set<WorkingCalendarDay>().Select(d => d.Year).Distinct().ToListAsync(ct);
        if (!years.Contains(day.Year))
            return CalendarChange.Refused(Wording.Of("工作日历不含 {0} 年度，请先导入该年度的放假安排", day.Year));
        var date = day.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!(day.Date.Year == day.Year || (day.Date.Year == day.Year - 1 && day.Date.Month == 12)))
            return CalendarChange.Refused(Wording.Of("日期 {0} 不在 {1} 年度内（只有元旦可从上一年12月开始）", date, day.Year));
        if (day.Kind == CalendarDayKind.AdjustedWorkday && day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            return CalendarChange.Refused(Wording.Of("调休上班日 {0} 应为周六或周日", date));

        WorkingCalendarDay? before = null;
        if (original is { } o)
        {
            before = await db.Set<WorkingCalendarDay>().SingleOrDefaultAsync(d => d.Date == o, ct);
            if (before is null) return CalendarChange.Refused(Wording.Of("工作日历中没有 {0}", o.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (day.Date != original && await db.Set<WorkingCalendarDay>().AnyAsync(d => d.Date == day.Date, ct))
            return CalendarChange.Refused(Wording.Of("工作日历中已有 {0}", date));

        var beforeText = before is null ? null : Text(before);
        var after = new WorkingCalendarDay { Date = day.Date, Year = day.Year, Working = day.Kind == CalendarDayKind.AdjustedWorkday, Holiday = name };
        if (before is not null && before.Date == after.Date)
        {
            before.Year = after.Year; // same key: changed in place
            before.Working = after.Working;
            before.Holiday = after.Holiday;
        }
        else
        {
            if (before is not null) db.Remove(before);
            db.Add(after);
        }
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = before is null ? "添加工作日历日期" : "修改工作日历日期",
            Subject = $"工作日历 {date}", Before = beforeText, After = Text(after),
        });
        await db.SaveChangesAsync(ct);
        return CalendarChange.Done;
    }

    /// <summary>
    /// Removes the listed day <paramref name="date"/> (it becomes an ordinary weekday or weekend). Refused when it is not
    /// listed, or when it is the last listed day of its notice year (the year would no longer be covered).
    /// </summary>
    public async Task<CalendarChange> RemoveAsync(DateOnly date, string actor, CancellationToken ct)
    {
        var text = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var day = await db.Set<WorkingCalendarDay>().SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null) return CalendarChange.Refused(Wording.Of("工作日历中没有 {0}", text));
        if (!await db.Set<WorkingCalendarDay>().AnyAsync(d => d.Year == day.Year && d.Date != date, ct))
            return CalendarChange.Refused(Wording.Of("{0} 是 {1} 年度唯一的日期，删除后该年度将不在日历中；请导入该年度的完整安排", text, day.Year));
        db.Remove(day);
        db.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = "删除工作日历日期", Subject = $"工作日历 {text}", Before = Text(day) });
        await db.SaveChangesAsync(ct);
        return CalendarChange.Done;
    }

    /// <summary>
    /// Replaces the whole calendar by the file <paramref name="csv"/> (read by <see cref="CalendarImport.Parse"/>), all or
    /// nothing: any problem changes nothing and comes back with every problem and its line. Audited once with the years and
    /// day counts before and after.
    /// </summary>
    public async Task<CalendarChange> ImportAsync(string csv, string actor, CancellationToken ct)
    {
        var parsed = CalendarImport.Parse(csv);
        if (parsed.Calendar is not { } calendar) return new(Wording.Of("文件有 {0} 处问题，工作日历未作任何修改", parsed.Problems.Count), parsed.Problems);
        var old = await ProgrammeService.LoadCalendarAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<WorkingCalendarDay>().ExecuteDeleteAsync(ct);
        db.AddRange(calendar.Days.Select(d => new WorkingCalendarDay { Date = d.Date, Year = d.Year, Working = d.Kind == CalendarDayKind.AdjustedWorkday, Holiday = d.Name }));
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "导入工作日历", Subject = "工作日历",
            Before = Summary(old), After = Summary(calendar),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CalendarChange.Done;
    }

    private static string Text(WorkingCalendarDay d) =>
        $"{d.Year} 年度 {d.Date:yyyy-MM-dd} {(d.Working ? "班" : "休")} {d.Holiday}";

    private static string Summary(WorkingDayCalendar c) =>
        c.Years.Count == 0 ? "无" : $"{string.Join("、", c.Years)} 年度，共 {c.Days.Count} 天";
}
