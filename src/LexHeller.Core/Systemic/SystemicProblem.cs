namespace LexHeller.Core.Systemic;

// Stored by name; a test freezes the names.

/// <summary>Where a systemfel stands, from first sight to its end: solved, or a known obstacle that remains.</summary>
public enum SystemicStatus { Identifierat, Analyseras, AtgardPagar, Uppfoljning, Lost, KvarstarSomKantHinder }

/// <summary>How far up a systemfel has been taken: the förbund itself, its board, the förbund together, the nation.</summary>
public enum EscalationLevel { Forbundet, Styrelsen, Forbundsgemensamt, Nationellt }

/// <summary>
/// A systemfel: a named systemic problem that several cases show, owned by a förbund (and within it by a party or by
/// the förbund itself). It groups the cases linked to it, of its own förbund and, once the förbund shares it in the
/// joint register, of other förbund that take part. Its status moves along <see cref="SystemicStatuses.Next"/>; every
/// change is kept in its history.
/// </summary>
public class SystemicProblem
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;
    public const int MaxNote = 2000;

    private readonly List<SystemicProblemParty> _parties = [];
    private readonly List<SystemicProblemEvent> _events = [];

    private SystemicProblem() { }

    public static SystemicProblem Identify(int forbundId, string title, string description, int? categoryId, int? ownerOrganisationId,
        IEnumerable<int> partyIds, int? conflictPartyA, int? conflictPartyB, string userId, DateTimeOffset now)
    {
        var p = new SystemicProblem
        {
            ForbundId = forbundId,
            Status = SystemicStatus.Identifierat,
            Escalation = EscalationLevel.Forbundet,
            CreatedAt = now,
        };
        p.Describe(title, description, categoryId, ownerOrganisationId, partyIds, conflictPartyA, conflictPartyB, now);
        p._events.Add(new SystemicProblemEvent(now, userId, forbundId, SystemicEventKind.Identified, null, SystemicStatus.Identifierat, null));
        return p;
    }

    public int Id { get; private set; }

    /// <summary>The förbund that owns it; only its kansli changes it.</summary>
    public int ForbundId { get; private set; }

    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int? CategoryId { get; private set; }

    /// <summary>The party that owns the problem; null when the förbund itself does.</summary>
    public int? OwnerOrganisationId { get; private set; }

    /// <summary>The rule conflict behind it, when there is one: the two parties whose rules collide.</summary>
    public int? ConflictPartyAId { get; private set; }
    public int? ConflictPartyBId { get; private set; }

    public SystemicStatus Status { get; private set; }
    public EscalationLevel Escalation { get; private set; }

    /// <summary>To whom it was escalated, in words ("Nationella rådet", "Försäkringskassans huvudkontor").</summary>
    public string? EscalatedTo { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two people changing it at once cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<SystemicProblemParty> Parties => _parties;
    public IReadOnlyList<SystemicProblemEvent> Events => _events;

    public bool IsClosed => Status is SystemicStatus.Lost or SystemicStatus.KvarstarSomKantHinder;

    public void Describe(string title, string description, int? categoryId, int? ownerOrganisationId, IEnumerable<int> partyIds,
        int? conflictPartyA, int? conflictPartyB, DateTimeOffset now)
    {
        Title = title.Trim();
        Description = description.Trim();
        CategoryId = categoryId;
        OwnerOrganisationId = ownerOrganisationId;
        // A pair is stored in one order, so the same two parties always compare equal.
        (ConflictPartyAId, ConflictPartyBId) = conflictPartyA is { } a && conflictPartyB is { } b && a != b
            ? (Math.Min(a, b), Math.Max(a, b)) : ((int?)null, (int?)null);
        var ids = partyIds.Distinct().ToHashSet();
        _parties.RemoveAll(p => !ids.Contains(p.OrganisationId));
        foreach (var id in ids.Where(id => _parties.All(p => p.OrganisationId != id))) _parties.Add(new SystemicProblemParty(id));
        Touch(now);
    }

    /// <summary>Moves the status one permitted step; false when <paramref name="to"/> is not a step from here.</summary>
    public bool MoveTo(SystemicStatus to, string userId, int actorForbundId, string? note, DateTimeOffset now)
    {
        if (!SystemicStatuses.Next(Status).Contains(to)) return false;
        _events.Add(new SystemicProblemEvent(now, userId, actorForbundId, SystemicEventKind.StatusChanged, Status, to, Clean(note)));
        Status = to;
        Touch(now);
        return true;
    }

    /// <summary>Records how far up the problem has been taken; false when nothing changes.</summary>
    public bool Escalate(EscalationLevel level, string? to, string userId, int actorForbundId, string? note, DateTimeOffset now)
    {
        var target = Clean(to);
        if (level == Escalation && target == EscalatedTo) return false;
        Escalation = level;
        EscalatedTo = target;
        _events.Add(new SystemicProblemEvent(now, userId, actorForbundId, SystemicEventKind.Escalated, Status, Status,
            Clean(note) is { } n ? $"{level.DisplayName()}{(target is null ? "" : $" ({target})")}: {n}" : $"{level.DisplayName()}{(target is null ? "" : $" ({target})")}"));
        Touch(now);
        return true;
    }

    /// <summary>Notes a step that is not a change of the problem itself (a case linked, a measure recorded).</summary>
    public void Note(SystemicEventKind kind, string userId, int actorForbundId, string? text, DateTimeOffset now)
    {
        _events.Add(new SystemicProblemEvent(now, userId, actorForbundId, kind, Status, Status, Clean(text)));
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A party involved in a systemfel.</summary>
public class SystemicProblemParty
{
    private SystemicProblemParty() { }

    internal SystemicProblemParty(int organisationId) => OrganisationId = organisationId;

    public int Id { get; private set; }
    public int SystemicProblemId { get; private set; }
    public int OrganisationId { get; private set; }
}

public enum SystemicEventKind { Identified, Described, StatusChanged, Escalated, CaseLinked, CaseUnlinked, MeasureRecorded, MeasureFollowedUp, OnAgenda }

/// <summary>One step of a systemfel's history; <see cref="ActorForbundId"/> tells which förbund's person took it.</summary>
public class SystemicProblemEvent
{
    private SystemicProblemEvent() { }

    internal SystemicProblemEvent(DateTimeOffset at, string userId, int actorForbundId, SystemicEventKind kind, SystemicStatus? from, SystemicStatus to, string? text)
    {
        At = at;
        UserId = userId;
        ActorForbundId = actorForbundId;
        Kind = kind;
        FromStatus = from;
        ToStatus = to;
        Text = text;
    }

    public long Id { get; private set; }
    public int SystemicProblemId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string UserId { get; private set; } = "";
    public int ActorForbundId { get; private set; }
    public SystemicEventKind Kind { get; private set; }
    public SystemicStatus? FromStatus { get; private set; }
    public SystemicStatus ToStatus { get; private set; }
    public string? Text { get; private set; }
}

/// <summary>
/// A case linked to a systemfel. <see cref="CaseForbundId"/> is the case's förbund, which may be another than the
/// systemfel's once both share in the joint register; the owning förbund sees only how many such links there are.
/// </summary>
public class SystemicProblemCase
{
    private SystemicProblemCase() { }

    public SystemicProblemCase(int systemicProblemId, int caseId, int caseForbundId, string userId, DateTimeOffset now)
    {
        SystemicProblemId = systemicProblemId;
        CaseId = caseId;
        CaseForbundId = caseForbundId;
        LinkedByUserId = userId;
        LinkedAt = now;
    }

    public int SystemicProblemId { get; private set; }
    public int CaseId { get; private set; }
    public int CaseForbundId { get; private set; }
    public string LinkedByUserId { get; private set; } = "";
    public DateTimeOffset LinkedAt { get; private set; }
}
