using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>What a calendar attachment asks of the member's calendar.</summary>
public enum CalendarMethod
{
    /// <summary>Add the meeting, or update it when the calendar already has it (same UID, higher SEQUENCE).</summary>
    Request,
    /// <summary>Take the meeting out of the calendar.</summary>
    Cancel,
}

/// <summary>
/// The meeting as an iCalendar event in Europe/Stockholm, attached to the mails about it. Every mail about one meeting
/// carries the same UID, so a calendar updates the event it has instead of adding another; the SEQUENCE (the
/// meeting's <see cref="Meeting.CalendarSequence"/>, raised on every move and on cancellation) tells it which
/// version is the newest.
/// </summary>
public static class MeetingCalendar
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(2);
    private const string Zone = "Europe/Stockholm";
    private static readonly DateTime RulesSince = new(2000, 1, 1);

    public static string Uid(int meetingId) => $"bug-meeting-{meetingId}@lexheller";

    public static string Ics(Meeting meeting, string forbundName, CalendarMethod method, string description, string url, DateTimeOffset now)
    {
        var local = Stockholm.ToLocal(meeting.StartsAt).DateTime;
        var calendar = new Calendar
        {
            Method = method switch
            {
                CalendarMethod.Request => CalendarMethods.Request,
                CalendarMethod.Cancel => CalendarMethods.Cancel,
            },
        };
        // Ical.Net reads the zone's rules from a year before this date up to the machine's real clock, and throws when
        // that date is more than a year ahead of it (a meeting planned far ahead, or a test clock moved on): a fixed
        // date in the past gives the same current rules for every meeting.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Zone, RulesSince, includeHistoricalData: false));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = Uid(meeting.Id),
            Sequence = meeting.CalendarSequence,
            Status = method switch
            {
                CalendarMethod.Request => EventStatus.Confirmed,
                CalendarMethod.Cancel => EventStatus.Cancelled,
            },
            Summary = $"BUG-möte – {forbundName}",
            Location = meeting.Place ?? meeting.VideoLink,
            Description = $"{description} {url}",
            Start = new CalDateTime(local, Zone),
            End = new CalDateTime(local + DefaultLength, Zone),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
