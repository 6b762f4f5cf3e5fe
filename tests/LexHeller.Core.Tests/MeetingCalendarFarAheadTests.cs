using LexHeller.Core.Meetings;

namespace LexHeller.Core.Tests;

public class MeetingCalendarFarAheadTests
{
    [Fact]
    public void A_meeting_more_than_a_year_ahead_gets_its_calendar_event_with_Stockholms_summer_and_winter_rules()
    {
        var now = DateTimeOffset.UtcNow;
        var meeting = Meeting.Plan(1, now.AddYears(2), "Kommunhuset", null, null, Meeting.DefaultCutoffDays, now);
        var ics = MeetingCalendar.Ics(meeting, "Samordningsförbundet Insjöriket", CalendarMethod.Request, "3 ärenden på dagordningen.", "https://lexheller.example/moten/7", now);

        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Contains("BEGIN:DAYLIGHT", ics);
        Assert.Contains("BEGIN:STANDARD", ics);
        Assert.Contains("BYMONTH=3", ics);
        Assert.Contains("BYMONTH=10", ics);
        var parsed = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(now.AddYears(2).UtcDateTime, parsed.Events.Single().Start!.AsUtc, TimeSpan.FromSeconds(1));
    }
}
