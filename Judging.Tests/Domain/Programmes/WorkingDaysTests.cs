namespace Judging.Tests.Domain.Programmes;

using Judging.App.Programmes.Import;
using Judging.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// The working-day calendar and counting (issue 13, "Windows and the working-day calendar"): the seeded file of the State
/// Council's notices 2021–2026 (read by <see cref="CalendarImport"/>; its problems are CalendarImportTests'), and <see cref="WorkingDays.Add"/> /
/// <see cref="WorkingDays.Count"/> at each boundary — a weekend, a holiday, an adjusted working Saturday, 国庆.
/// </summary>
public sealed class WorkingDaysTests
{
    private static readonly Lazy<WorkingDayCalendar> seeded = new(() =>
    {
        var result = CalendarImport.Parse(File.ReadAllText(Path.Combine(Paths.Seeds, "calendar", "cn-workdays.csv")));
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        return result.Calendar!;
    });

    /// <summary>The seeded calendar, seeds/calendar/cn-workdays.csv.</summary>
    internal static WorkingDayCalendar Cn => seeded.Value;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_seeded_file_covers_2021_to_2026()
    {
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], Cn.Years.ToList());
        // 2022-12-31 (a Saturday) is listed under the 2023 notice's 元旦 and is a day off.
        Assert.Equal(new CalendarDay(2023, D(2022, 12, 31), CalendarDayKind.Holiday, "元旦"), Cn.Listed(D(2022, 12, 31)));
    }

    [Theory]
    // 2025 春节: 1/28–2/4 off, Sunday 1/26 and Saturday 2/8 worked (国办发明电〔2024〕12号).
    [InlineData("2025-01-26", true)]
    [InlineData("2025-01-27", true)]
    [InlineData("2025-01-28", false)]
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-05", true)]
    [InlineData("2025-02-08", true)]
    [InlineData("2025-02-09", false)]
    // 2025 国庆节、中秋节: 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked.
    [InlineData("2025-09-28", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]
    // 2025 劳动节 5/1–5/5 with Sunday 4/27 worked; 端午 5/31–6/2 (Monday 6/2 off).
    [InlineData("2025-04-27", true)]
    [InlineData("2025-05-05", false)]
    [InlineData("2025-06-02", false)]
    // An ordinary Saturday and Wednesday.
    [InlineData("2025-06-07", false)]
    [InlineData("2025-06-11", true)]
    // 2024: New Year's Day a Monday; 除夕 2/9 (a Friday) is officially a working day; Sunday 2/18 worked.
    [InlineData("2024-01-01", false)]
    [InlineData("2024-02-09", true)]
    [InlineData("2024-02-18", true)]
    // 2026: 元旦 1/1–1/3 with Sunday 1/4 worked; 春节 2/15–2/23 with Saturdays 2/14 and 2/28 worked; 国庆 with Sunday 9/20.
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-04", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]
    // 2021 中秋: Saturday 9/18 worked, Tuesday 9/21 off.
    [InlineData("2021-09-18", true)]
    [InlineData("2021-09-21", false)]
    public void Seeded_days(string date, bool working) => Assert.Equal(working, Cn.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void Days_off_per_year_match_the_notices()
    {
        // Weekday days off (the holidays that cost a working day) per year, counted from the notices:
        // 2025: 元旦 1/1 (1) + 春节 1/28–2/4 (Tue–Fri, Mon–Tue: 6) + 清明 4/4 (1) + 劳动 5/1,2,5 (3) + 端午 6/2 (1)
        //       + 国庆 10/1–10/8 (Wed–Fri, Mon–Wed: 6) = 18; adjusted working weekend days: 1/26, 2/8, 4/27, 9/28, 10/11 = 5.
        // Working days 2025 = 261 weekdays − 18 + 5 = 248.
        Assert.Equal(248, WorkingDays.Count(Cn, D(2025, 1, 1), D(2025, 12, 31)));
        // 2026: weekdays 261; weekday days off: 1/1,1/2 (2) + 2/16–2/20, 2/23 (6) + 4/6 (1) + 5/1, 5/4, 5/5 (3) + 6/19 (1)
        //       + 9/25 (1) + 10/1, 10/2, 10/5, 10/6, 10/7 (5) = 19; worked weekend days: 1/4, 2/14, 2/28, 5/9, 9/20, 10/10 = 6.
        // 261 − 19 + 6 = 248.
        Assert.Equal(248, WorkingDays.Count(Cn, D(2026, 1, 1), D(2026, 12, 31)));
    }

    [Fact]
    public void Add_counts_the_start_day_when_it_is_a_working_day()
    {
        // Monday 2025-06-09: 6/9, 10, 11, 12, 13 → the 5th is Friday 6/13.
        Assert.Equal(D(2025, 6, 13), WorkingDays.Add(Cn, D(2025, 6, 9), 5));
        Assert.Equal(D(2025, 6, 9), WorkingDays.Add(Cn, D(2025, 6, 9), 1));
        // Starting on Saturday 6/7: the count starts on Monday 6/9 and ends on the same Friday.
        Assert.Equal(D(2025, 6, 13), WorkingDays.Add(Cn, D(2025, 6, 7), 5));
        Assert.Equal(D(2025, 6, 9), WorkingDays.Add(Cn, D(2025, 6, 7), 1));
    }

    [Fact]
    public void Add_across_a_weekend()
    {
        // Wednesday 2025-06-11: 11, 12, 13, (14, 15 weekend), 16, 17 → Tuesday 6/17.
        Assert.Equal(D(2025, 6, 17), WorkingDays.Add(Cn, D(2025, 6, 11), 5));
        Assert.Equal(5, WorkingDays.Count(Cn, D(2025, 6, 11), D(2025, 6, 17)));
        Assert.Equal(4, WorkingDays.Count(Cn, D(2025, 6, 11), D(2025, 6, 16)));
    }

    [Fact]
    public void Add_across_a_holiday()
    {
        // 劳动节 2025: Tuesday 4/29, Wednesday 4/30, (5/1–5/5 off), Tuesday 5/6, Wednesday 5/7, Thursday 5/8 → 5/8.
        Assert.Equal(D(2025, 5, 8), WorkingDays.Add(Cn, D(2025, 4, 29), 5));
        // Without the holiday it would have been Monday 5/5: that day is off, so 4/29–5/5 holds only 2 working days.
        Assert.Equal(2, WorkingDays.Count(Cn, D(2025, 4, 29), D(2025, 5, 5)));
    }

    [Fact]
    public void An_adjusted_working_Sunday_counts()
    {
        // Thursday 2025-04-24: 24, 25, (26 Saturday off), 27 Sunday worked (调休), 28, 29 → 4/29 is the 5th.
        Assert.Equal(D(2025, 4, 29), WorkingDays.Add(Cn, D(2025, 4, 24), 5));
        // Starting on the worked Sunday itself counts it: 4/27, 28, 29, 30, (5/1–5/5 off), 5/6 → 5/6.
        Assert.Equal(D(2025, 5, 6), WorkingDays.Add(Cn, D(2025, 4, 27), 5));
    }

    [Fact]
    public void An_adjusted_working_Saturday_counts()
    {
        // Saturday 2025-02-08 is worked (春节 调休): starting on it, 2/8, (2/9 Sunday off), 10, 11, 12, 13 → Thursday 2/13.
        Assert.Equal(D(2025, 2, 13), WorkingDays.Add(Cn, D(2025, 2, 8), 5));
        // The ordinary Saturday a week later is not: from 2/15 the count starts Monday 2/17 → Friday 2/21.
        Assert.Equal(D(2025, 2, 21), WorkingDays.Add(Cn, D(2025, 2, 15), 5));
    }

    [Fact]
    public void The_fifth_working_day_across_national_day()
    {
        // 2025: Thursday 9/25, Friday 9/26, (Saturday 9/27 off), Sunday 9/28 worked, Monday 9/29, Tuesday 9/30 → 9/30 is the 5th.
        Assert.Equal(D(2025, 9, 30), WorkingDays.Add(Cn, D(2025, 9, 25), 5));
        // From Monday 9/29: 9/29, 9/30, (10/1–10/8 off), Thursday 10/9, Friday 10/10, Saturday 10/11 worked → 10/11.
        Assert.Equal(D(2025, 10, 11), WorkingDays.Add(Cn, D(2025, 9, 29), 5));
        // Posted on 10/1 (a holiday): 10/9, 10/10, 10/11, (10/12 Sunday off), 10/13, 10/14 → 10/14.
        Assert.Equal(D(2025, 10, 14), WorkingDays.Add(Cn, D(2025, 10, 1), 5));
        Assert.Equal(5, WorkingDays.Count(Cn, D(2025, 10, 1), D(2025, 10, 14)));
    }

    [Fact]
    public void Count_includes_both_ends_and_is_zero_for_an_empty_range()
    {
        Assert.Equal(1, WorkingDays.Count(Cn, D(2025, 6, 9), D(2025, 6, 9)));
        Assert.Equal(0, WorkingDays.Count(Cn, D(2025, 6, 7), D(2025, 6, 8))); // a plain weekend
        Assert.Equal(0, WorkingDays.Count(Cn, D(2025, 6, 10), D(2025, 6, 9)));
    }

    [Fact]
    public void Count_of_Add_is_n_on_every_start_of_2025()
    {
        for (var d = D(2025, 1, 1); d <= D(2025, 12, 1); d = d.AddDays(1))
            foreach (var n in new[] { 1, 5, 10 })
                Assert.Equal(n, WorkingDays.Count(Cn, d, WorkingDays.Add(Cn, d, n)));
    }

    [Fact]
    public void Outside_the_calendar_years_is_an_error_naming_them()
    {
        var e = Assert.Throws<OutsideCalendarException>(() => Cn.IsWorkingDay(D(2027, 1, 4)));
        Assert.Equal("工作日历不含 2027 年（已有：2021–2026），无法计算工作日", e.Reason.ToString());
        // A count that runs past the last covered day: 2026-12-31 is a Thursday; 3 working days need 2027.
        Assert.Throws<OutsideCalendarException>(() => WorkingDays.Add(Cn, D(2026, 12, 31), 3));
        Assert.Equal(D(2026, 12, 31), WorkingDays.Add(Cn, D(2026, 12, 31), 1));
        Assert.Throws<OutsideCalendarException>(() => WorkingDays.Count(Cn, D(2020, 12, 30), D(2021, 1, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Add(Cn, D(2025, 6, 9), 0));
    }

    [Fact]
    public void A_gap_year_is_named_as_missing()
    {
        var c = WorkingDayCalendar.Of([2021, 2023, 2024], []);
        var e = Assert.Throws<OutsideCalendarException>(() => c.IsWorkingDay(D(2022, 3, 1)));
        Assert.Equal("工作日历不含 2022 年（已有：2021、2023–2024），无法计算工作日", e.Reason.ToString());
    }
}
