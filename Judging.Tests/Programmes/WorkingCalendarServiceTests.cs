namespace Judging.Tests.Programmes;

using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.Domain.Programmes;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The organiser's calendar editor (issue 13, "Windows and the working-day calendar"): one day added, changed and removed
/// with the file's rules and audited; an import all or nothing. Its own app: the tests change the calendar the rules read.
/// </summary>
public sealed class WorkingCalendarServiceTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Actor = "组织者 俞琳";

    private async Task<T> WithServiceAsync<T>(Func<WorkingCalendarService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<WorkingCalendarService>());
    }

    private Task<List<WorkingCalendarDay>> DaysAsync() => app.WithDbAsync(db => db.Set<WorkingCalendarDay>().AsNoTracking().OrderBy(d => d.Date).ToListAsync());

    [Fact]
    public async Task A_work_day_on_a_weekday_is_refused_and_nothing_is_stored()
    {
        var before = await DaysAsync();
        // 2025-06-11 is a Wednesday: 班 is only for a Saturday or Sunday.
        var r = await WithServiceAsync(s => s.SaveAsync(null, new CalendarDay(2025, new DateOnly(2025, 6, 11), CalendarDayKind.AdjustedWorkday, "端午节"), Actor, default));
        Assert.False(r.Ok);
        Assert.Equal("调休上班日 2025-06-11 应为周六或周日", r.Reason!.ToString());
        Assert.Equal(before.Count, (await DaysAsync()).Count);
    }

    [Fact]
    public async Task A_date_outside_its_year_or_in_a_year_not_covered_is_refused()
    {
        // 2025-03-01 is not in the notice year 2024 (only December of the year before may be).
        var outside = await WithServiceAsync(s => s.SaveAsync(null, new CalendarDay(2024, new DateOnly(2025, 3, 1), CalendarDayKind.Holiday, "测试"), Actor, default));
        Assert.Equal("日期 2025-03-01 不在 2024 年度内（只有元旦可从上一年12月开始）", outside.Reason!.ToString());
        // The seed covers 2021–2026: 2030 is not covered.
        var uncovered = await WithServiceAsync(s => s.SaveAsync(null, new CalendarDay(2030, new DateOnly(2030, 5, 1), CalendarDayKind.Holiday, "劳动节"), Actor, default));
        Assert.Equal("工作日历不含 2030 年度，请先导入该年度的放假安排", uncovered.Reason!.ToString());
        var listed = (await DaysAsync()).First();
        var twice = await WithServiceAsync(s => s.SaveAsync(null, new CalendarDay(listed.Year, listed.Date, CalendarDayKind.Holiday, "重复"), Actor, default));
        Assert.StartsWith("工作日历中已有", twice.Reason!.ToString());
    }

    [Fact]
    public async Task A_day_is_added_changed_moved_and_removed_each_with_its_audit_entry()
    {
        // 2026-08-08 is a Saturday (2026-01-01 is a Thursday; +219 days = 31 weeks + 2 days → Saturday).
        var saturday = new DateOnly(2026, 8, 8);
        Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);
        Assert.DoesNotContain(await DaysAsync(), d => d.Date == saturday);
        Assert.True((await WithServiceAsync(s => s.SaveAsync(null, new CalendarDay(2026, saturday, CalendarDayKind.AdjustedWorkday, "测试节"), Actor, default))).Ok);
        var added = Assert.Single(await DaysAsync(), d => d.Date == saturday);
        Assert.True(added.Working);
        Assert.Equal("测试节", added.Holiday);
        Assert.False((await WithServiceAsync(s => s.CalendarAsync(default))).Listed(saturday) is null);

        // Changed in place: 班 → 休.
        Assert.True((await WithServiceAsync(s => s.SaveAsync(saturday, new CalendarDay(2026, saturday, CalendarDayKind.Holiday, "测试节二"), Actor, default))).Ok);
        var changed = Assert.Single(await DaysAsync(), d => d.Date == saturday);
        Assert.False(changed.Working);
        // Moved to the Sunday after: the Saturday is no longer listed.
        var sunday = saturday.AddDays(1);
        Assert.True((await WithServiceAsync(s => s.SaveAsync(saturday, new CalendarDay(2026, sunday, CalendarDayKind.AdjustedWorkday, "测试节二"), Actor, default))).Ok);
        var days = await DaysAsync();
        Assert.DoesNotContain(days, d => d.Date == saturday);
        Assert.Contains(days, d => d.Date == sunday && d.Working);

        Assert.True((await WithServiceAsync(s => s.RemoveAsync(sunday, Actor, default))).Ok);
        Assert.DoesNotContain(await DaysAsync(), d => d.Date == sunday);
        Assert.False((await WithServiceAsync(s => s.RemoveAsync(sunday, Actor, default))).Ok); // not listed any more

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject.StartsWith("工作日历 2026-08-0")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["添加工作日历日期", "修改工作日历日期", "修改工作日历日期", "删除工作日历日期"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Actor, a.Actor));
        Assert.Equal("2026 年度 2026-08-08 班 测试节", audit[1].Before);
        Assert.Equal("2026 年度 2026-08-08 休 测试节二", audit[1].After);
        Assert.Equal("2026 年度 2026-08-09 班 测试节二", audit[3].Before);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_changes_nothing_and_lists_the_row()
    {
        var before = await DaysAsync();
        var imports = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导入工作日历"));
        // Line 3 (header = 1) is a 班 on Wednesday 2027-10-06; line 2 is fine.
        const string csv = "年度,日期,类型,节日\n2027,2027-10-01,休,国庆节\n2027,2027-10-06,班,国庆节\n";
        var r = await WithServiceAsync(s => s.ImportAsync(csv, Actor, default));
        Assert.False(r.Ok);
        var problem = Assert.Single(r.Problems);
        Assert.Equal("第3行：调休上班日 2027-10-06 应为周六或周日", problem.ToString());
        var after = await DaysAsync();
        Assert.Equal(before.Select(d => (d.Date, d.Working, d.Holiday)), after.Select(d => (d.Date, d.Working, d.Holiday)));
        Assert.Equal(imports, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导入工作日历")));
    }

    [Fact]
    public async Task The_export_reads_back_as_the_stored_calendar_and_an_import_replaces_it_whole()
    {
        var exported = await WithServiceAsync(s => s.ExportAsync(default));
        Assert.StartsWith("年度,日期,类型,节日\n", exported);
        var stored = await DaysAsync();
        Assert.Equal(stored.Count + 1, exported.TrimEnd('\n').Split('\n').Length); // the header and one line per day

        // The export plus a new year 2027 with one day: all of it comes back, 2027 covered.
        var r = await WithServiceAsync(s => s.ImportAsync(exported + "2027,2027-01-01,休,元旦\n", Actor, default));
        Assert.True(r.Ok, r.Reason?.ToString());
        var after = await DaysAsync();
        Assert.Equal(stored.Count + 1, after.Count);
        Assert.Contains(2027, (await WithServiceAsync(s => s.ViewAsync(default))).Years);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "导入工作日历").OrderBy(a => a.Id).LastAsync());
        Assert.Contains("2027", audit.After);
        Assert.DoesNotContain("2027", audit.Before);

        // Back to the stored calendar (the other tests of this class read it).
        Assert.True((await WithServiceAsync(s => s.ImportAsync(exported, Actor, default))).Ok);
        Assert.Equal(stored.Count, (await DaysAsync()).Count);
    }

    [Fact]
    public async Task The_last_day_of_a_year_is_not_removed()
    {
        // A year of one day, then its only day: removing it would leave 2028 uncovered.
        var exported = await WithServiceAsync(s => s.ExportAsync(default));
        Assert.True((await WithServiceAsync(s => s.ImportAsync(exported + "2028,2028-01-01,休,元旦\n", Actor, default))).Ok);
        var r = await WithServiceAsync(s => s.RemoveAsync(new DateOnly(2028, 1, 1), Actor, default));
        Assert.False(r.Ok);
        Assert.Contains(await DaysAsync(), d => d.Date == new DateOnly(2028, 1, 1));
        Assert.True((await WithServiceAsync(s => s.ImportAsync(exported, Actor, default))).Ok);
    }
}
