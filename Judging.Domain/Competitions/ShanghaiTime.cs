namespace Judging.Domain.Competitions;

/// <summary>
/// Asia/Shanghai time (UTC+08:00, no daylight saving): the voting window is set and shown in it, and a voter's "day"
/// is its calendar day (00:00 Shanghai = 16:00 UTC of the day before). Issue 4, "Voting rules".
/// </summary>
public static class ShanghaiTime
{
    /// <summary>The fixed offset, +08:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>"Asia/Shanghai" from the system's time-zone data, or a fixed +08:00 zone when the data is missing.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", Offset, "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>The instant <paramref name="at"/> as Shanghai local time (offset +08:00).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The Shanghai calendar day of <paramref name="at"/> as an int yyyymmdd, e.g. 20250621.</summary>
    public static int Day(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return local.Year * 10000 + local.Month * 100 + local.Day;
    }

    /// <summary>The instant of a Shanghai wall-clock time (e.g. 2025-06-21 09:00 → 2025-06-21T01:00Z).</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    /// <summary>ISO 8601 with the +08:00 offset, seconds precision, e.g. "2025-06-21T09:00:00+08:00".</summary>
    public static string Iso(DateTimeOffset at) => ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>For people: "2025-06-21 09:00".</summary>
    public static string Display(DateTimeOffset at) => ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A deadline that ends a day, "yyyy-MM-dd 24:00" in Beijing time, the way a notice states it (a 公示 "至 12月4日24:00"):
    /// <paramref name="at"/> 00:00 Beijing of 12-05 shows as "2025-12-04 24:00"; any other instant as <see cref="Display"/>.
    /// </summary>
    public static string DisplayDeadline(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 24:00"
            : Display(at);
    }
}
