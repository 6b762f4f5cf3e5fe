using LexHeller.Core.Meetings;

namespace LexHeller.Core.Tests;

public class MeetingCutoffTests
{
    [Theory]
    // A meeting on 15 December 09:00 in Stockholm (08:00 UTC) closes its agenda at midnight Stockholm on 1 December.
    [InlineData("2026-12-15T08:00:00Z", 14, "2026-11-30T23:00:00Z")]
    // Across the spring shift: 8 April 2027 10:00 CEST; 14 days before is 25 March 00:00 CET.
    [InlineData("2027-04-08T08:00:00Z", 14, "2027-03-24T23:00:00Z")]
    // An early-morning meeting in UTC terms is still on its Stockholm day.
    [InlineData("2026-06-10T22:30:00Z", 7, "2026-06-03T22:00:00Z")]
    public void The_cut_off_is_midnight_in_Stockholm_days_before_the_meeting_day(string startsAt, int days, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Meeting.CutoffFor(DateTimeOffset.Parse(startsAt), days));

    [Fact]
    public void A_meeting_is_planned_in_the_future()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        Assert.Throws<ArgumentException>(() => Meeting.Plan(1, now.AddMinutes(-1), null, null, null, 14, now));
    }
}
