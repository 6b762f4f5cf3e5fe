using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>The meeting as an iCalendar event in Europe/Stockholm, attached to the agenda mail.</summary>
public static class MeetingCalendar
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(2);
    private const string Zone = "Europe/Stockholm";
    private static readonly DateTime RulesSince = new(2000, 1, 1);

    public static string Ics(int meetingId, string forbundName, DateTimeOffset startsAt, string? place, string? videoLink, int caseCount, string url, DateTimeOffset now)
    {
        var local = Stockholm.ToLocal(startsAt).DateTime;
        var calendar = new Calendar { Method = "PUBLISH" };
        // Ical.Net reads the zone's rules from a year before this date up to the machine's real clock, and throws when
        // that date is more than a year ahead of it (a meeting planned far ahead, or a test clock moved on): a fixed
        // date in the past gives the same current rules for every meeting.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Zone, RulesSince, includeHistoricalData: false));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"bug-meeting-{meetingId}@lexheller",
            Summary = $"BUG-möte – {forbundName}",
            Location = place ?? videoLink,
            Description = $"{caseCount} ärenden på dagordningen. {url}",
            Start = new CalDateTime(local, Zone),
            End = new CalDateTime(local + DefaultLength, Zone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
