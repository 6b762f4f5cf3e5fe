using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>
/// A meeting of a förbund's BUG. Its agenda is the kansli's: cases waiting for the BUG are put on it, and while it is
/// open the kansli adds, removes and reorders items and adds free items (information, other questions). It is sent
/// to the BUG members at its dispatch moment (by default midnight in Stockholm a number of days before the meeting
/// day; earlier when the kansli sends it now), never empty unless the kansli confirmed that. After dispatch a late
/// case can still be added or one withdrawn; the members are told only of the change. After the meeting the minutes
/// (protokoll) are written, sent for justering and locked once every chosen justerare has confirmed them.
/// </summary>
public class Meeting
{
    public const int DefaultCutoffDays = 14;
    public const int MaxOtherBusiness = 4000;

    private readonly List<AgendaItem> _items = [];
    private readonly List<MeetingParticipant> _participants = [];
    private readonly List<MeetingJustifier> _justifiers = [];

    private Meeting() { }

    /// <param name="dispatchAt">
    /// When the agenda goes out; null for the förbund's cut-off. A meeting planned inside the cut-off needs one: the
    /// page asks the kansli to send the agenda now or to choose a moment before the meeting.
    /// </param>
    public static Meeting Plan(int forbundId, DateTimeOffset startsAt, string? place, string? videoLink, string? note, int cutoffDays,
        DateTimeOffset now, DateTimeOffset? dispatchAt = null)
    {
        if (startsAt <= now) throw new ArgumentException("A meeting is planned in the future.", nameof(startsAt));
        var closesAt = dispatchAt ?? CutoffFor(startsAt, cutoffDays);
        if (closesAt >= startsAt) throw new ArgumentException("The agenda goes out before the meeting.", nameof(dispatchAt));
        return new Meeting
        {
            ForbundId = forbundId,
            StartsAt = startsAt,
            Place = place,
            VideoLink = videoLink,
            Note = note,
            CutoffDays = cutoffDays,
            AgendaClosesAt = closesAt < now ? now : closesAt,
            CreatedAt = now,
        };
    }

    /// <summary>Midnight in Stockholm, <paramref name="days"/> days before the meeting's day.</summary>
    public static DateTimeOffset CutoffFor(DateTimeOffset startsAt, int days)
    {
        return Stockholm.ToUtc(Stockholm.Today(startsAt).AddDays(-days), TimeOnly.MinValue);
    }

    /// <summary>Whether the förbund's cut-off for a meeting at <paramref name="startsAt"/> has already passed.</summary>
    public static bool InsideCutoff(DateTimeOffset startsAt, int cutoffDays, DateTimeOffset now) => CutoffFor(startsAt, cutoffDays) <= now;

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public string? Place { get; private set; }
    public string? VideoLink { get; private set; }
    public string? Note { get; private set; }
    public int CutoffDays { get; private set; }
    /// <summary>When the agenda is due to go out (the sweep sends it at or after this moment).</summary>
    public DateTimeOffset AgendaClosesAt { get; private set; }
    /// <summary>When the agenda went out; from then on additions and withdrawals are mailed as changes.</summary>
    public DateTimeOffset? AgendaClosedAt { get; private set; }
    /// <summary>The kansli confirmed that an agenda without items may go out.</summary>
    public bool EmptyAgendaConfirmed { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }
    /// <summary>The calendar event's SEQUENCE: raised each time the meeting is moved or cancelled.</summary>
    public int CalendarSequence { get; private set; }

    // The minutes (protokoll).
    public string? ChairUserId { get; private set; }
    public string? SecretaryUserId { get; private set; }
    public string? OtherBusiness { get; private set; }
    /// <summary>When the kansli sent the minutes for justering; from then on their content is fixed.</summary>
    public DateTimeOffset? MinutesSubmittedAt { get; private set; }
    /// <summary>The § number of the first numbered item, fixed when the minutes are locked (numbering runs per year).</summary>
    public int? FirstParagraph { get; private set; }
    /// <summary>When the last justerare confirmed: the minutes are locked and <see cref="MinutesPdf"/> is final.</summary>
    public DateTimeOffset? MinutesFinalisedAt { get; private set; }
    public byte[]? MinutesPdf { get; private set; }

    public IReadOnlyList<AgendaItem> Items => _items;
    public IReadOnlyList<MeetingParticipant> Participants => _participants;
    public IReadOnlyList<MeetingJustifier> Justifiers => _justifiers;

    public bool IsCancelled => CancelledAt is not null;
    public bool IsAgendaOpen => AgendaClosedAt is null && !IsCancelled;
    public bool IsDispatched => AgendaClosedAt is not null && !IsCancelled;
    public bool IsHeld(DateTimeOffset now) => !IsCancelled && StartsAt <= now;
    public bool MinutesLocked => MinutesFinalisedAt is not null;

    /// <summary>Items still on the agenda (not removed, withdrawn or settled before the meeting), in agenda order.</summary>
    public IEnumerable<AgendaItem> Current => _items.Where(i => i.RemovedAt is null).OrderBy(i => i.Position).ThenBy(i => i.Id);

    /// <summary>The items the minutes number with §, in order: every current item.</summary>
    public IReadOnlyList<AgendaItem> Numbered => Current.ToList();

    /// <summary>Case items still on the agenda without a decision: the minutes wait for them.</summary>
    public int Undecided => Current.Count(i => i.CaseId is not null && i.Decision is null);

    /// <summary>
    /// Why the meeting takes no decisions now, in Swedish; null from the meeting's day (Stockholm), once the agenda has
    /// gone out, until the minutes are sent for justering.
    /// </summary>
    public string? DecisionsClosed(DateTimeOffset now)
    {
        if (IsCancelled) return "Mötet är inställt.";
        if (AgendaClosedAt is null) return "Dagordningen är inte utskickad än.";
        if (Stockholm.Today(now) < Stockholm.Today(StartsAt)) return $"Beslut registreras från mötesdagen {Stockholm.FormatDate(StartsAt)}.";
        if (MinutesSubmittedAt is not null) return "Protokollet är skickat för justering och besluten kan inte längre ändras.";
        return null;
    }

    /// <summary>Before the meeting's day: a case settled now leaves the agenda instead of being decided at the meeting.</summary>
    public bool IsAhead(DateTimeOffset now) => !IsCancelled && MinutesSubmittedAt is null && Stockholm.Today(now) < Stockholm.Today(StartsAt);

    /// <summary>Why the item cannot be decided now, in Swedish; null when it can.</summary>
    public string? CannotDecide(AgendaItem item, DateTimeOffset now) =>
        DecisionsClosed(now)
        ?? (!_items.Contains(item) || item.RemovedAt is not null ? "Punkten står inte längre på dagordningen. Inget är ändrat." : null)
        ?? (item.Decision is not null ? "Mötet har redan beslutat om punkten. Inget är ändrat." : null);

    private int NextPosition => _items.Count == 0 ? 1 : _items.Max(i => i.Position) + 1;

    /// <summary>Puts a case on the agenda (the sweep and the kansli); after dispatch it is an "extra ärende".</summary>
    public AgendaItem AddCase(int caseId, DateTimeOffset now)
    {
        if (IsCancelled || MinutesSubmittedAt is not null) throw new InvalidOperationException("The agenda can no longer change.");
        var item = _items.FirstOrDefault(i => i.CaseId == caseId);
        if (item is { RemovedAt: null }) throw new InvalidOperationException("The case is already on the agenda.");
        if (item is not null) item.Restore(NextPosition, late: IsDispatched, now);
        else _items.Add(item = AgendaItem.ForCase(caseId, NextPosition, late: IsDispatched, now));
        Version++;
        return item;
    }

    /// <summary>A free item: information or another question, with a title and an optional text.</summary>
    public AgendaItem AddFreeItem(AgendaItemKind kind, string title, string? text, DateTimeOffset now)
    {
        if (kind == AgendaItemKind.Case) throw new ArgumentException("A case item needs a case.", nameof(kind));
        if (IsCancelled || MinutesSubmittedAt is not null) throw new InvalidOperationException("The agenda can no longer change.");
        var item = AgendaItem.Free(kind, title, text, NextPosition, late: IsDispatched, now);
        _items.Add(item);
        Version++;
        return item;
    }

    /// <summary>A systemfel taken up by the BUG: its title on the agenda, its description as the item's text.</summary>
    public AgendaItem AddSystemicProblem(int systemicProblemId, string title, string? description, DateTimeOffset now)
    {
        if (IsCancelled || MinutesSubmittedAt is not null) throw new InvalidOperationException("The agenda can no longer change.");
        if (Current.Any(i => i.SystemicProblemId == systemicProblemId)) throw new InvalidOperationException("The systemfel is already on the agenda.");
        var item = AgendaItem.ForSystemicProblem(systemicProblemId, title, description, NextPosition, late: IsDispatched, now);
        _items.Add(item);
        Version++;
        return item;
    }

    /// <summary>Takes an item off the agenda for the given reason; a case goes back to waiting.</summary>
    public void RemoveItem(AgendaItem item, AgendaRemoval why, string? outcome, DateTimeOffset now)
    {
        if (!_items.Contains(item) || item.RemovedAt is not null) throw new InvalidOperationException("The item is not on the agenda.");
        item.Remove(why, outcome, now);
        Version++;
    }

    /// <summary>Sets the agenda's order: the given current items first, in that order; the rest keep theirs after.</summary>
    public void Reorder(IReadOnlyList<int> itemIds)
    {
        var current = Current.ToList();
        var ordered = itemIds.Distinct().Select(id => current.FirstOrDefault(i => i.Id == id)).OfType<AgendaItem>()
            .Concat(current.Where(i => !itemIds.Contains(i.Id))).ToList();
        for (var p = 0; p < ordered.Count; p++) ordered[p].MoveTo(p + 1);
        Version++;
    }

    /// <summary>The agenda goes out now; also when it is empty, if the kansli confirmed that.</summary>
    public void SendAgendaNow(bool confirmEmpty, DateTimeOffset now)
    {
        AgendaClosesAt = now;
        EmptyAgendaConfirmed = EmptyAgendaConfirmed || confirmEmpty;
        Version++;
    }

    internal void CloseAgenda(DateTimeOffset now)
    {
        AgendaClosedAt = now;
        Version++;
    }

    /// <summary>A new time or place; the calendar event is updated (same UID, higher SEQUENCE).</summary>
    /// <param name="dispatchAt">For an agenda not yet sent: when it goes out; null for the cut-off of the new day.</param>
    public void Move(DateTimeOffset startsAt, string? place, string? videoLink, DateTimeOffset? dispatchAt, DateTimeOffset now)
    {
        if (IsCancelled) throw new InvalidOperationException("The meeting is cancelled.");
        if (startsAt <= now) throw new ArgumentException("A meeting is moved to the future.", nameof(startsAt));
        StartsAt = startsAt;
        Place = place;
        VideoLink = videoLink;
        if (IsAgendaOpen)
        {
            var closesAt = dispatchAt ?? CutoffFor(startsAt, CutoffDays);
            AgendaClosesAt = closesAt < now ? now : closesAt;
        }
        CalendarSequence++;
        Version++;
    }

    internal void Cancel(string reason, DateTimeOffset now)
    {
        CancelledAt = now;
        CancelReason = reason;
        CalendarSequence++;
        Version++;
    }

    /// <summary>Records a decision on an item, with the decision in words for the minutes.</summary>
    public void Decide(AgendaItem item, string decision, string text, DateTimeOffset now)
    {
        if (MinutesSubmittedAt is not null) throw new InvalidOperationException("The minutes are fixed.");
        // One decision per item: a second one would rewrite what the meeting decided.
        if (!_items.Contains(item) || item.RemovedAt is not null) throw new InvalidOperationException("The item is not on the agenda.");
        if (item.Decision is not null) throw new InvalidOperationException("The item is already decided.");
        item.Decide(decision, text, now);
        Version++;
    }

    /// <summary>Why the draft minutes cannot be written now; null when they can.</summary>
    public string? MinutesEditRefusal(DateTimeOffset now) =>
        IsCancelled ? "Mötet är inställt och har inget protokoll."
        : !IsHeld(now) ? "Protokollet kan skrivas först när mötet har börjat."
        : MinutesLocked ? "Protokollet är justerat och låst och kan inte ändras."
        : MinutesSubmittedAt is not null ? "Protokollet är skickat för justering och kan inte ändras."
        : null;

    /// <summary>
    /// Writes the draft minutes: attendees, chair, secretary and justerare chosen among the attendees, other
    /// business. Null when saved, else the Swedish reason.
    /// </summary>
    public string? WriteMinutes(IReadOnlyCollection<string> attendees, string? chair, string? secretary, IReadOnlyCollection<string> justifiers,
        string? otherBusiness, DateTimeOffset now)
    {
        if (MinutesEditRefusal(now) is { } refusal) return refusal;
        var present = attendees.Distinct().ToList();
        if (chair is not null && !present.Contains(chair)) return "Ordföranden väljs bland de närvarande.";
        if (secretary is not null && !present.Contains(secretary)) return "Protokollföraren väljs bland de närvarande.";
        if (justifiers.Any(j => !present.Contains(j))) return "Justerarna väljs bland de närvarande.";
        if (otherBusiness is { Length: > MaxOtherBusiness }) return $"Övriga frågor får vara högst {MaxOtherBusiness} tecken.";
        _participants.RemoveAll(p => !present.Contains(p.UserId));
        _participants.AddRange(present.Where(id => _participants.All(p => p.UserId != id)).Select(id => new MeetingParticipant(id)));
        var chosen = justifiers.Distinct().ToList();
        _justifiers.RemoveAll(j => !chosen.Contains(j.UserId));
        _justifiers.AddRange(chosen.Where(id => _justifiers.All(j => j.UserId != id)).Select(id => new MeetingJustifier(id)));
        ChairUserId = chair;
        SecretaryUserId = secretary;
        OtherBusiness = string.IsNullOrWhiteSpace(otherBusiness) ? null : otherBusiness.Trim();
        Version++;
        return null;
    }

    /// <summary>Fixes the content and asks the justerare to confirm. Null when done, else the Swedish reason.</summary>
    public string? SubmitMinutes(DateTimeOffset now)
    {
        if (IsCancelled) return "Mötet är inställt och har inget protokoll.";
        if (!IsHeld(now)) return "Protokollet kan skrivas först när mötet har börjat.";
        if (MinutesLocked) return "Protokollet är justerat och låst och kan inte ändras.";
        if (MinutesSubmittedAt is not null) return "Protokollet är redan skickat för justering.";
        if (Undecided > 0) return $"{Swedish.Count(Undecided, "ärende", "ärenden")} på dagordningen saknar beslut. Registrera besluten på mötets sida först.";
        if (_participants.Count == 0) return "Välj vilka som deltog.";
        if (ChairUserId is null) return "Välj ordförande.";
        if (SecretaryUserId is null) return "Välj protokollförare.";
        if (_justifiers.Count == 0) return "Välj minst en justerare.";
        MinutesSubmittedAt = now;
        Version++;
        return null;
    }

    /// <summary>
    /// One justerare confirms the minutes. When the last one has, the minutes are locked with their § numbers and
    /// final PDF. Null when done, else the Swedish reason.
    /// </summary>
    public string? Justify(string userId, int firstParagraph, Func<Meeting, byte[]> render, DateTimeOffset now)
    {
        if (MinutesLocked) return "Protokollet är redan justerat och låst.";
        if (MinutesSubmittedAt is null) return "Protokollet är inte skickat för justering än.";
        var justifier = _justifiers.FirstOrDefault(j => j.UserId == userId);
        if (justifier is null) return "Du är inte vald till justerare för det här protokollet.";
        if (justifier.ConfirmedAt is not null) return "Du har redan justerat protokollet.";
        justifier.Confirm(now);
        if (_justifiers.All(j => j.ConfirmedAt is not null))
        {
            FirstParagraph = firstParagraph;
            MinutesFinalisedAt = now;
            MinutesPdf = render(this);
        }
        Version++;
        return null;
    }
}

public enum AgendaItemKind { Case, Information, Question, SystemicProblem }

/// <summary>Why an item left the agenda.</summary>
public enum AgendaRemoval
{
    /// <summary>The kansli took it off an open agenda; a case goes back to waiting.</summary>
    Removed,
    /// <summary>The kansli withdrew it after the agenda went out; the members were told.</summary>
    Withdrawn,
    /// <summary>The case was concluded, rejected, withdrawn or referred before the meeting ("avgjort före mötet").</summary>
    SettledBeforeMeeting,
}

/// <summary>An item on a meeting's agenda (a case or a free item), and what the meeting decided about it.</summary>
public class AgendaItem
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;

    private AgendaItem() { }

    internal static AgendaItem ForCase(int caseId, int position, bool late, DateTimeOffset now) =>
        new() { Kind = AgendaItemKind.Case, CaseId = caseId, Position = position, Late = late, AddedAt = now };

    internal static AgendaItem Free(AgendaItemKind kind, string title, string? text, int position, bool late, DateTimeOffset now) =>
        new() { Kind = kind, Title = title.Trim(), Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(), Position = position, Late = late, AddedAt = now };

    /// <summary>A systemfel taken up by the meeting: its title goes on the agenda, its description into the item's text.</summary>
    internal static AgendaItem ForSystemicProblem(int systemicProblemId, string title, string? text, int position, bool late, DateTimeOffset now) =>
        new()
        {
            Kind = AgendaItemKind.SystemicProblem, SystemicProblemId = systemicProblemId, Title = title.Trim(),
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(), Position = position, Late = late, AddedAt = now,
        };

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public AgendaItemKind Kind { get; private set; }
    /// <summary>The systemfel of a systemfel item; null otherwise.</summary>
    public int? SystemicProblemId { get; private set; }
    /// <summary>The case of a case item; null for a free item.</summary>
    public int? CaseId { get; private set; }
    public string? Title { get; private set; }
    public string? Text { get; private set; }
    public int Position { get; private set; }
    /// <summary>Added after the agenda went out: an "extra ärende".</summary>
    public bool Late { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }
    public AgendaRemoval? Removal { get; private set; }
    /// <summary>For an item settled before the meeting: the trigger that settled it, by name.</summary>
    public string? RemovalOutcome { get; private set; }
    /// <summary>What the meeting decided: a trigger by name (Conclude, Refer, Postpone) or <see cref="Noted"/>.</summary>
    public string? Decision { get; private set; }
    /// <summary>The decision in words, as the minutes print it.</summary>
    public string? DecisionText { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The decision of an item the meeting only took note of.</summary>
    public const string Noted = "Noted";

    internal void Decide(string decision, string text, DateTimeOffset now)
    {
        Decision = decision;
        DecisionText = text;
        DecidedAt = now;
    }

    internal void Remove(AgendaRemoval why, string? outcome, DateTimeOffset now)
    {
        RemovedAt = now;
        Removal = why;
        RemovalOutcome = outcome;
    }

    internal void MoveTo(int position) => Position = position;

    /// <summary>Gallring of the item's case: the decision's words go, the decision itself and its date stay.</summary>
    internal void ForgetText() => DecisionText = DecisionText is null ? null : "";

    /// <summary>A removed case put back on the agenda: it starts over at the end, without a decision.</summary>
    internal void Restore(int position, bool late, DateTimeOffset now)
    {
        (RemovedAt, Removal, RemovalOutcome) = (null, null, null);
        (Decision, DecisionText, DecidedAt) = (null, null, null);
        (Position, Late, AddedAt) = (position, late, now);
    }
}

/// <summary>Someone who took part in a meeting, as the minutes record.</summary>
public class MeetingParticipant
{
    private MeetingParticipant() { }

    internal MeetingParticipant(string userId) => UserId = userId;

    public int MeetingId { get; private set; }
    public string UserId { get; private set; } = "";
}

/// <summary>An attendee chosen to confirm (justera) the minutes, and when they did.</summary>
public class MeetingJustifier
{
    private MeetingJustifier() { }

    internal MeetingJustifier(string userId) => UserId = userId;

    public int MeetingId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset? ConfirmedAt { get; private set; }

    internal void Confirm(DateTimeOffset now) => ConfirmedAt = now;
}

/// <summary>One row per dispatched agenda: its primary key is what stops an agenda from going out twice.</summary>
public class AgendaDispatch
{
    public int MeetingId { get; private set; }
    public DateTimeOffset DispatchedAt { get; private set; }
}
