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
        var day = Stockholm.ToLocal(startsAt).Date.AddDays(-days);
        return new DateTimeOffset(day, Stockholm.Zone.GetUtcOffset(day)).ToUniversalTime();
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

    public IReadOnlyList<AgendaItem> Items => _items;

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

/// <summary>One row per dispatched agenda: its primary key is what stops an agenda from going out twice.</summary>
public class AgendaDispatch
{
    public int MeetingId { get; private set; }
    public DateTimeOffset DispatchedAt { get; private set; }
}
