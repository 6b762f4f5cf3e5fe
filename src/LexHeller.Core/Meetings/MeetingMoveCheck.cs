using LexHeller.Core.Cases;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>
/// What the kansli wrote to move a meeting, checked before anything is saved: the new time and place, then, when the
/// new day's cut-off has already passed for an agenda not yet sent, when the agenda goes out.
/// </summary>
public static class MeetingMoveCheck
{
    public const string SendNow = "nu";
    public const string SendLater = "senare";

    /// <summary>When the agenda goes out for the new time, and what is wrong with the answer.</summary>
    /// <param name="Ask">The new time is inside the cut-off of an agenda not yet sent: the page asks when it goes out.</param>
    /// <param name="NewCutoff">When the agenda would have gone out for the new time.</param>
    public sealed record Dispatch(bool Ask, DateTimeOffset? NewCutoff, DateTimeOffset? At, IReadOnlyList<FieldError> Errors);

    /// <summary>The new moment, when date and time are given, and what is wrong with the new time and place.</summary>
    public static (DateTimeOffset? StartsAt, IReadOnlyList<FieldError> Errors) When(DateOnly? date, TimeOnly? time, string? place, string? videoLink, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        DateTimeOffset? startsAt = null;
        if (date is { } d && time is { } t)
        {
            startsAt = Stockholm.ToUtc(d, t);
            if (startsAt <= now) errors.Add(new("Date", "Mötet måste ligga i framtiden."));
        }
        if (string.IsNullOrWhiteSpace(place) && string.IsNullOrWhiteSpace(videoLink)) errors.Add(new("Place", "Ange en plats eller en videolänk."));
        errors.AddRange(PersonalDataGuard.Scan(place).Select(hit => new FieldError("Place", hit.Message)));
        return (startsAt, errors);
    }

    /// <summary>When the agenda goes out, from the kansli's choice (<see cref="SendNow"/> or <see cref="SendLater"/> with a moment).</summary>
    public static Dispatch When(Meeting meeting, DateTimeOffset startsAt, string? choice, DateOnly? date, TimeOnly? time, bool confirmEmpty, DateTimeOffset now)
    {
        if (!meeting.IsAgendaOpen || !Meeting.InsideCutoff(startsAt, meeting.CutoffDays, now)) return new(false, null, null, []);
        var cutoff = Meeting.CutoffFor(startsAt, meeting.CutoffDays);
        DateTimeOffset? at = null;
        FieldError? error = null;
        switch (choice)
        {
            case SendNow:
                at = now;
                if (!meeting.Current.Any() && !confirmEmpty)
                    error = new("ConfirmEmpty", "Inga ärenden står på dagordningen. Kryssa i rutan för att skicka ut den ändå, eller välj en senare tidpunkt.");
                break;
            case SendLater when date is { } dd && time is { } dt:
                at = Stockholm.ToUtc(dd, dt);
                if (at <= now) error = new("DispatchDate", "Tidpunkten har redan passerat. Välj en senare, eller skicka ut dagordningen nu.");
                else if (at >= startsAt) error = new("DispatchDate", "Dagordningen måste skickas ut före mötet.");
                break;
            case SendLater:
                error = new("DispatchDate", "Ange datum och tid då dagordningen ska skickas ut.");
                break;
            default:
                // Not an error the kansli made: the question the page asks before anything is saved.
                error = new("Dispatch", $"Dagordningen skulle ha skickats ut {Stockholm.Format(cutoff)} för den nya tiden. Välj när den ska skickas ut.");
                break;
        }
        return new(true, cutoff, at, error is null ? [] : [error]);
    }

    /// <summary>What the kansli is told once the meeting is moved.</summary>
    public static string Moved(Meeting meeting, DateTimeOffset startsAt, DateTimeOffset? dispatchAt, DateTimeOffset now)
    {
        var told = meeting.IsDispatched ? " Ledamöterna får den nya tiden och en uppdaterad kalenderhändelse med e-post."
            : dispatchAt is { } sent && sent <= now ? " Dagordningen skickas ut nu."
            : dispatchAt is { } later ? $" Dagordningen skickas ut {Stockholm.Format(later)}."
            : "";
        return $"Mötet flyttades till {Stockholm.Format(startsAt)}.{told}";
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
