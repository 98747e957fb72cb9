namespace Judging.Tests.Programmes;

using Judging.App.Programmes.Import;
using Judging.Domain.Programmes;
using Judging.Tests.Domain.Programmes;

/// <summary>
/// Reading the working-day calendar file (issue 13, "Windows and the working-day calendar"; step 0 moved it to the app on
/// CsvHelper): columns in any order, BOM, CRLF and quotes; every row-level problem with its line; all or nothing.
/// </summary>
public sealed class CalendarImportTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static CalendarParseResult Parse(string csv) => CalendarImport.Parse(csv);

    private static WorkingDayCalendar Cn => WorkingDaysTests.Cn;

    [Fact]
    public void Writing_and_reading_back_gives_the_same_calendar()
    {
        var again = Parse(Cn.ToCsv());
        Assert.True(again.Ok);
        Assert.Equal(Cn.Days, again.Calendar!.Days);
        Assert.Equal(Cn.Years.ToList(), again.Calendar.Years.ToList());
    }

    [Fact]
    public void Columns_in_any_order_with_a_BOM_crlf_quotes_and_blank_lines()
    {
        var r = Parse("\uFEFF节日,类型,日期,年度,备注\r\n\"中秋节、国庆节\",休,2023-09-29,2023,x\r\n\r\n元旦,休,2022-12-31,2023\r\n");
        Assert.True(r.Ok, string.Join("\n", r.Problems));
        Assert.False(r.Calendar!.IsWorkingDay(D(2023, 9, 29))); // a Friday, listed 休
        Assert.Equal([2023], r.Calendar.Years.ToList());
        Assert.False(r.Calendar.Covers(D(2022, 12, 31))); // listed, but 2022's own notice is not in this file
    }

    [Fact]
    public void Every_wrong_row_is_reported_with_its_line_and_nothing_is_kept()
    {
        var r = Parse(string.Join("\n",
            "年度,日期,类型,节日",
            "2025,2025-01-28,休,春节",        // line 2: fine
            "25,2025-01-29,休,春节",          // line 3: not a 4-digit year
            "2025,2025-02-30,休,春节",        // line 4: no such date
            "2025,2025-01-30,放,春节",        // line 5: unknown kind
            "2025,2025-01-31,休,",            // line 6: no name
            "2025,2025-02-05,班,春节",        // line 7: a Wednesday cannot be an adjusted working day
            "2025,2025-01-28,休,春节",        // line 8: repeats line 2
            "2025,2024-06-01,休,端午节",      // line 9: not in the 2025 notice's year
            "2025,,休,春节"));                // line 10: no date
        Assert.False(r.Ok);
        Assert.Null(r.Calendar);
        Assert.Equal(
        [
            "第3行：年度“25”不是4位年份",
            "第4行：日期“2025-02-30”不是有效日期（格式 yyyy-MM-dd）",
            "第5行：类型“放”应为“休”或“班”",
            "第6行：“节日”不能为空",
            "第7行：调休上班日 2025-02-05 应为周六或周日",
            "第8行：日期 2025-01-28 与第2行重复",
            "第9行：日期 2024-06-01 不在 2025 年度内（只有元旦可从上一年12月开始）",
            "第10行：“日期”不能为空",
        ], r.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_missing_column_or_an_empty_file_is_reported()
    {
        Assert.Equal(["第1行：缺少列：类型、节日"], Parse("年度,日期\n2025,2025-01-01\n").Problems.Select(p => p.ToString()));
        Assert.Equal(["文件为空，缺少表头"], Parse("").Problems.Select(p => p.ToString()));
        Assert.Equal(["日历没有任何日期"], Parse("年度,日期,类型,节日\n").Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_quote_that_never_closes_is_named_at_its_line()
    {
        // Line 3 opens a quote that runs to the end of the file.
        Assert.Equal(["第3行：引号未闭合"], Parse("年度,日期,类型,节日\n2025,2025-01-28,休,春节\n2025,2025-01-29,休,\"春节\n2025,2025-01-30,休,春节\n")
            .Problems.Select(p => p.ToString()));
    }
}
