namespace Judging.Tests.Domain.Competitions;

using Judging.Domain.Competitions;

/// <summary>Instants are shown in Beijing time through one helper; a deadline that ends a day reads "24:00" of that day.</summary>
public sealed class ShanghaiTimeTests
{
    [Fact]
    public void An_instant_is_shown_in_Beijing_time()
    {
        Assert.Equal("2025-12-04 09:30", ShanghaiTime.Display(new DateTimeOffset(2025, 12, 4, 1, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_deadline_at_Beijing_midnight_reads_24_00_of_the_day_it_ends()
    {
        // 00:00 Beijing of 12-05 is 16:00 UTC of 12-04.
        Assert.Equal("2025-12-04 24:00", ShanghaiTime.DisplayDeadline(new DateTimeOffset(2025, 12, 4, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2025-12-04 24:00", ShanghaiTime.DisplayDeadline(new DateTimeOffset(2025, 12, 5, 0, 0, 0, ShanghaiTime.Offset)));
        // Any other instant as usual.
        Assert.Equal("2025-12-04 18:00", ShanghaiTime.DisplayDeadline(new DateTimeOffset(2025, 12, 4, 10, 0, 0, TimeSpan.Zero)));
    }
}
