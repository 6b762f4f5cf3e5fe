using LexHeller.Core.Time;

namespace LexHeller.Core.Tests;

public class TimeTests
{
    [Theory]
    [InlineData("2026-01-15T12:00:00Z", "2026-01-15 13:00")] // winter: UTC+1
    [InlineData("2026-07-15T12:00:00Z", "2026-07-15 14:00")] // summer: UTC+2
    [InlineData("2026-03-29T00:59:00Z", "2026-03-29 01:59")] // just before the spring shift
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29 03:00")] // just after it
    public void Times_are_shown_in_Stockholm(string utc, string shown) =>
        Assert.Equal(shown, Stockholm.Format(DateTimeOffset.Parse(utc)));

    [Fact]
    public void A_late_evening_in_UTC_is_already_the_next_day_in_Stockholm() =>
        Assert.Equal("2026-11-25", Stockholm.FormatDate(new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData(0, "0 ärenden")]
    [InlineData(1, "1 ärende")]
    [InlineData(2, "2 ärenden")]
    [InlineData(1250, "1\u00a0250 ärenden")]
    public void Counts_are_written_in_singular_for_one_and_plural_otherwise(int n, string expected) =>
        Assert.Equal(expected, Swedish.Count(n, "ärende", "ärenden"));
}
