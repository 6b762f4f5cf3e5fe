using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>
/// A meeting of a förbund's BUG. Its agenda closes at midnight (Europe/Stockholm) a number of days before the
/// meeting day; then it is frozen and dispatched to the BUG members.
/// </summary>
public class Meeting
{
    public const int DefaultCutoffDays = 14;

    private readonly List<AgendaItem> _items = [];
    private readonly List<MeetingParticipant> _participants = [];

    private Meeting() { }

    public static Meeting Plan(int forbundId, DateTimeOffset startsAt, string? place, string? videoLink, string? note, int cutoffDays, DateTimeOffset now)
    {
        if (startsAt <= now) throw new ArgumentException("A meeting is planned in the future.", nameof(startsAt));
        return new Meeting
        {
            ForbundId = forbundId,
            StartsAt = startsAt,
            Place = place,
            VideoLink = videoLink,
            Note = note,
            CutoffDays = cutoffDays,
            AgendaClosesAt = CutoffFor(startsAt, cutoffDays),
            CreatedAt = now,
        };
    }

    /// <summary>Midnight in Stockholm, <paramref name="days"/> days before the meeting's day.</summary>
    public static DateTimeOffset CutoffFor(DateTimeOffset startsAt, int days)
    {
        return Stockholm.ToUtc(Stockholm.Today(startsAt).AddDays(-days), TimeOnly.MinValue);
    }

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public string? Place { get; private set; }
    public string? VideoLink { get; private set; }
    public string? Note { get; private set; }
    public int CutoffDays { get; private set; }
    public DateTimeOffset AgendaClosesAt { get; private set; }
    public DateTimeOffset? AgendaClosedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset? MinutesFinalisedAt { get; private set; }
    public byte[]? MinutesPdf { get; private set; }

    public IReadOnlyList<AgendaItem> Items => _items;
    public IReadOnlyList<MeetingParticipant> Participants => _participants;

    /// <summary>
    /// Finalises the minutes of a held meeting: who took part and what was decided for each case on the agenda.
    /// Null when done, else the Swedish reason.
    /// </summary>
    public string? FinaliseMinutes(IEnumerable<string> participantUserIds, Func<Meeting, byte[]> render, DateTimeOffset now)
    {
        if (IsCancelled) return "Mötet är inställt och har inget protokoll.";
        if (StartsAt > now) return "Protokollet kan skrivas först när mötet har hållits.";
        if (MinutesFinalisedAt is not null) return "Protokollet är redan fastställt.";
        var undecided = _items.Count(i => i.Decision is null);
        if (undecided > 0) return $"{undecided} ärenden på dagordningen saknar beslut. Registrera besluten på ärendenas sidor först.";
        var ids = participantUserIds.Distinct().ToList();
        if (ids.Count == 0) return "Välj vilka ledamöter som deltog.";
        _participants.Clear();
        _participants.AddRange(ids.Select(id => new MeetingParticipant(id)));
        MinutesFinalisedAt = now;
        MinutesPdf = render(this);
        Version++;
        return null;
    }

    public bool IsCancelled => CancelledAt is not null;
    public bool IsAgendaOpen => AgendaClosedAt is null && !IsCancelled;

    public AgendaItem Add(int caseId, DateTimeOffset now)
    {
        if (!IsAgendaOpen) throw new InvalidOperationException("The agenda is closed.");
        var item = new AgendaItem(caseId, now);
        _items.Add(item);
        Version++;
        return item;
    }

    public void Remove(int caseId)
    {
        if (!IsAgendaOpen) throw new InvalidOperationException("The agenda is closed.");
        _items.RemoveAll(i => i.CaseId == caseId);
        Version++;
    }

    internal void CloseAgenda(DateTimeOffset now)
    {
        AgendaClosedAt = now;
        Version++;
    }

    internal void Cancel(string reason, DateTimeOffset now)
    {
        CancelledAt = now;
        CancelReason = reason;
        Version++;
    }
}

/// <summary>A case on a meeting's agenda, and what the meeting decided about it.</summary>
public class AgendaItem
{
    private AgendaItem() { }

    internal AgendaItem(int caseId, DateTimeOffset now)
    {
        CaseId = caseId;
        AddedAt = now;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int CaseId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    /// <summary>The trigger the meeting decided (Conclude, Refer, Postpone), by name.</summary>
    public string? Decision { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    internal void Decide(string decision, DateTimeOffset now)
    {
        Decision = decision;
        DecidedAt = now;
    }
}

/// <summary>A BUG member who took part in a meeting, as the minutes record.</summary>
public class MeetingParticipant
{
    private MeetingParticipant() { }

    internal MeetingParticipant(string userId) => UserId = userId;

    public int MeetingId { get; private set; }
    public string UserId { get; private set; } = "";
}

/// <summary>One row per dispatched agenda: its primary key is what stops an agenda from going out twice.</summary>
public class AgendaDispatch
{
    public int MeetingId { get; private set; }
    public DateTimeOffset DispatchedAt { get; private set; }
}
