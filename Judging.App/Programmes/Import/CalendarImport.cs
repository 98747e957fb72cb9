namespace Judging.App.Programmes.Import;

using System.Globalization;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;

/// <summary>A problem of a calendar file: its line (the header is line 1; 0 = the whole file) and the reason, in Chinese.</summary>
public sealed record CalendarProblem(int Line, Wording Reason)
{
    /// <summary>"第3行：日期“2025-02-30”不是有效日期" (or the bare reason for line 0).</summary>
    public Wording Text => Line > 0 ? Wording.Of("第{0}行：{1}", Line, Reason) : Reason;

    /// <summary>The zh-CN text of <see cref="Text"/>.</summary>
    public override string ToString() => Text.ToString();
}

/// <summary>
/// The outcome of <see cref="CalendarImport.Parse"/>: all or nothing — a calendar and no problems, or no calendar and
/// every problem found (each row checked, not only the first wrong one).
/// </summary>
public sealed record CalendarParseResult(WorkingDayCalendar? Calendar, IReadOnlyList<CalendarProblem> Problems)
{
    /// <summary>True when the file was read whole (<see cref="Calendar"/> is set).</summary>
    public bool Ok => Calendar is not null;
}

/// <summary>
/// Reads the working-day calendar file <c>seeds/calendar/cn-workdays.csv</c> (issue 13, "Windows and the working-day
/// calendar"; docs/calendar.md) into a <see cref="WorkingDayCalendar"/> (issue 13, step 0: import belongs in the app).
/// </summary>
public static class CalendarImport
{
    /// <summary>
    /// Reads a calendar CSV (docs/calendar.md): a header with the columns <see cref="WorkingDayCalendar.Columns"/> 年度, 日期,
    /// 类型, 节日 (any order, extra columns ignored), then one row per listed day — 年度 the notice's 4-digit year; 日期
    /// yyyy-MM-dd in that year (or in the December before it); 类型 休 (a day off) or 班 (an adjusted working day, which must
    /// be a Saturday or Sunday); 节日 not empty; no date twice. A BOM is ignored, blank lines are skipped, \r\n is a line end,
    /// fields may be quoted ("" for a quote; read by CsvHelper). The calendar covers the years that appear in 年度. All or
    /// nothing: any wrong row gives no calendar and every problem with its line (header = line 1), in Chinese.
    /// </summary>
    public static CalendarParseResult Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var problems = new List<CalendarProblem>();
        var rows = CsvSheet.Read(csv, WorkingDayCalendar.Columns, [], (line, reason) => problems.Add(new(line, reason)));
        if (rows is null) return new(null, problems);

        var parsed = new List<CalendarDay>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Problem(Wording w) => problems.Add(new(row.Line, w));

            var yearText = row["年度"];
            int? year = yearText.Length == 4 && int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
            if (yearText.Length == 0) Problem(Wording.Of("“{0}”不能为空", "年度"));
            else if (year is null) Problem(Wording.Of("{0}“{1}”不是4位年份", "年度", yearText));

            var dateText = row["日期"];
            DateOnly? date = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) ? dt : null;
            if (dateText.Length == 0) Problem(Wording.Of("“{0}”不能为空", "日期"));
            else if (date is null) Problem(Wording.Of("{0}“{1}”不是有效日期（格式 yyyy-MM-dd）", "日期", dateText));

            var kindText = row["类型"];
            CalendarDayKind? kind = kindText switch { "休" => CalendarDayKind.Holiday, "班" => CalendarDayKind.AdjustedWorkday, _ => null };
            if (kind is null) Problem(Wording.Of("{0}“{1}”应为“{2}”或“{3}”", "类型", kindText, "休", "班"));

            var name = row["节日"];
            if (name.Length == 0) Problem(Wording.Of("“{0}”不能为空", "节日"));

            if (date is { } d)
            {
                if (year is { } yr && !(d.Year == yr || (d.Year == yr - 1 && d.Month == 12)))
                    Problem(Wording.Of("日期 {0} 不在 {1} 年度内（只有元旦可从上一年12月开始）", dateText, yr));
                if (kind == CalendarDayKind.AdjustedWorkday && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    Problem(Wording.Of("调休上班日 {0} 应为周六或周日", dateText));
                if (seen.TryGetValue(d, out var first)) Problem(Wording.Of("日期 {0} 与第{1}行重复", dateText, first));
                else seen[d] = row.Line;
            }
            if (problems.Count == before) parsed.Add(new(year!.Value, date!.Value, kind!.Value, name));
        }
        if (problems.Count == 0 && parsed.Count == 0) problems.Add(new(0, Wording.Of("日历没有任何日期")));
        return problems.Count > 0 ? new(null, problems) : new(WorkingDayCalendar.Of(parsed.Select(p => p.Year), parsed), []);
    }
}
