namespace LexHeller.Core.Cases;

/// <summary>
/// One report: a collaboration failure (Avvikelse) or a failed handover (Remiss/överlämning). Its state is
/// changed only by <see cref="CaseWorkflow"/>; its content only while it is a draft.
/// </summary>
public class Case
{
    private readonly List<CaseParty> _parties = [];
    private readonly List<RuleConflict> _ruleConflicts = [];
    private readonly List<CaseEvent> _events = [];
    private readonly List<CaseQuestion> _questions = [];
    private readonly List<CaseReferral> _referrals = [];

    /// <summary>What redacted text is replaced with.</summary>
    public const string RedactedMark = "[struket av kansliet]";

    private Case() { }

    public static Case NewDraft(int forbundId, CaseKind kind, string reporterUserId, int reporterOrganisationId, Guid formKey, DateTimeOffset now) => new()
    {
        FormKey = formKey,
        ForbundId = forbundId,
        Kind = kind,
        State = CaseState.Utkast,
        ReporterUserId = reporterUserId,
        ReporterOrganisationId = reporterOrganisationId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public CaseKind Kind { get; private set; }
    public CaseState State { get; internal set; }
    public string ReporterUserId { get; private set; } = "";
    public int ReporterOrganisationId { get; private set; }

    /// <summary>Identifies the form the case was created from, so a resent POST finds the same case.</summary>
    public Guid FormKey { get; private set; }

    /// <summary>E.g. LH-INS-2026-0042; given at submission.</summary>
    public string? Reference { get; private set; }
    public int? ReferenceYear { get; private set; }
    public int? ReferenceSequence { get; private set; }

    public DateOnly? EventDate { get; private set; }
    public int? CategoryId { get; private set; }
    public string? WhatHappened { get; private set; }
    public string? Consequences { get; private set; }
    public string? Suggestion { get; private set; }
    public Gender? Gender { get; private set; }
    public AgeBand? AgeBand { get; private set; }
    public bool? SolvedLocally { get; private set; }

    public int? HandoverFromOrganisationId { get; private set; }
    public int? HandoverToOrganisationId { get; private set; }
    public DateOnly? HandoverSentDate { get; private set; }
    public bool? HandoverReceived { get; private set; }
    public int? DaysWaited { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>The kansli member handling the case.</summary>
    public string? HandlerUserId { get; private set; }

    public string? RejectionReason { get; private set; }
    public string? RejectionWhereToTurn { get; private set; }

    public CaseOutcome? Outcome { get; private set; }
    public string? Summary { get; private set; }
    public string? Answer { get; private set; }
    public DateTimeOffset? ConcludedAt { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Why the kansli published before every party had approved the text (after their due date).</summary>
    public string? PublishedWithoutApprovalReason { get; private set; }

    /// <summary>Optimistic concurrency: two people changing the case at once cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>When the case was gallrad by the retention rule: only its minimal record is left.</summary>
    public DateTimeOffset? GallradAt { get; private set; }

    public bool IsGallrad => GallradAt is not null;

    public IReadOnlyList<CaseParty> Parties => _parties;
    public IReadOnlyList<RuleConflict> RuleConflicts => _ruleConflicts;
    public IReadOnlyList<CaseEvent> Events => _events;
    public IReadOnlyList<CaseQuestion> Questions => _questions;
    public IReadOnlyList<CaseReferral> Referrals => _referrals;

    public int CurrentRound => _referrals.Count == 0 ? 0 : _referrals.Max(r => r.Round);

    /// <summary>The answer duties of the latest referral.</summary>
    public IEnumerable<CaseReferral> CurrentReferrals => _referrals.Where(r => r.Round == CurrentRound);

    public bool AllReferralsAnswered => CurrentReferrals.All(r => r.Status != ReferralStatus.Pending);

    /// <summary>
    /// The parties that answered the case in any round. Each approves the published text before it is published
    /// (<see cref="Systemic.PublicationSignOff"/>); a case no party answered is published when the kansli chooses.
    /// </summary>
    public IReadOnlyList<int> AnsweringPartyIds =>
        _referrals.Where(r => r.Status == ReferralStatus.Answered).Select(r => r.OrganisationId).Distinct().Order().ToList();

    public bool IsDraft => State == CaseState.Utkast;

    /// <summary>Replaces what the reporter wrote. Only a draft can be edited this way.</summary>
    public void EditDraft(CaseContent content, DateTimeOffset now)
    {
        if (!IsDraft) throw new InvalidOperationException("Only a draft can be edited.");
        EventDate = content.EventDate;
        CategoryId = content.CategoryId;
        WhatHappened = Clean(content.WhatHappened);
        Consequences = Clean(content.Consequences);
        Suggestion = Clean(content.Suggestion);
        Gender = content.Gender;
        AgeBand = content.AgeBand;
        SolvedLocally = content.SolvedLocally;
        var handover = Kind == CaseKind.Overlamning;
        HandoverFromOrganisationId = handover ? content.HandoverFromOrganisationId : null;
        HandoverToOrganisationId = handover ? content.HandoverToOrganisationId : null;
        HandoverSentDate = handover ? content.HandoverSentDate : null;
        HandoverReceived = handover ? content.HandoverReceived : null;
        DaysWaited = handover ? content.DaysWaited : null;
        _parties.Clear();
        _parties.AddRange(content.Parties.Select(p => new CaseParty(p.OrganisationId, Clean(p.OtherActorName))));
        _ruleConflicts.Clear();
        _ruleConflicts.AddRange(content.RuleConflicts.Select((r, i) => new RuleConflict(i + 1, r)));
        Touch(now);
    }

    public CaseContent Content => new(EventDate, CategoryId, WhatHappened, Consequences, Suggestion, Gender, AgeBand, SolvedLocally,
        _parties.Select(p => new PartyRef(p.OrganisationId, p.OtherActorName)).ToList(),
        _ruleConflicts.OrderBy(r => r.Position).Select(r => r.ToContent()).ToList(),
        HandoverFromOrganisationId, HandoverToOrganisationId, HandoverSentDate, HandoverReceived, DaysWaited);

    public void AssignReference(string forbundCode, int year, int sequence, DateTimeOffset now)
    {
        ReferenceYear = year;
        ReferenceSequence = sequence;
        Reference = FormatReference(forbundCode, year, sequence);
        SubmittedAt = now;
    }

    public static string FormatReference(string forbundCode, int year, int sequence) => $"LH-{forbundCode}-{year}-{sequence:0000}";

    internal void Record(CaseEvent e) => _events.Add(e);

    internal void SetHandler(string? userId) => HandlerUserId = userId;

    internal CaseQuestion AddQuestion(string askedBy, string question, DateTimeOffset now)
    {
        var q = new CaseQuestion(askedBy, question, now);
        _questions.Add(q);
        return q;
    }

    internal CaseQuestion? OpenQuestion => _questions.Where(q => q.Answer is null).OrderBy(q => q.AskedAt).LastOrDefault();

    internal void SetRejection(string? reason, string? whereToTurn)
    {
        RejectionReason = reason;
        RejectionWhereToTurn = whereToTurn;
    }

    internal void Refer(IEnumerable<int> organisationIds, DateOnly due, DateTimeOffset now)
    {
        var round = CurrentRound + 1;
        _referrals.AddRange(organisationIds.Distinct().Select(o => new CaseReferral(round, o, due, now)));
    }

    internal void SetConclusion(CaseOutcome? outcome, string? summary, string? answer, DateTimeOffset? now)
    {
        Outcome = outcome;
        Summary = summary;
        Answer = answer;
        ConcludedAt = now;
    }

    /// <param name="withoutApprovalReason">Why the kansli published before every answering party approved the text.</param>
    internal void SetPublished(bool published, DateTimeOffset now, string? withoutApprovalReason = null)
    {
        IsPublished = published;
        PublishedAt = published ? now : null;
        PublishedWithoutApprovalReason = published ? withoutApprovalReason : null;
    }

    /// <summary>
    /// Replaces every match of a passage (see <see cref="CaseRedaction"/>) in every text of the case and of its
    /// <paramref name="history"/> with <see cref="RedactedMark"/>; the passage is kept nowhere. Returns the number of places struck.
    /// </summary>
    internal int Redact(string passage, IEnumerable<CaseEvent> history)
    {
        var count = 0;
        foreach (var t in RedactableTexts(history).ToList())
        {
            var found = CaseRedaction.Find(t.Text, passage).Count;
            if (found == 0) continue;
            t.Replace(CaseRedaction.Strike(t.Text!, passage));
            count += found;
        }
        return count;
    }

    /// <summary>Every text of the case, in the order of the case page, each with how to rewrite it.</summary>
    internal IEnumerable<RedactableText> RedactableTexts(IEnumerable<CaseEvent> history)
    {
        yield return new("Vad hände?", WhatHappened, t => WhatHappened = t);
        yield return new("Konsekvenser för individen", Consequences, t => Consequences = t);
        yield return new("Förslag på förbättring", Suggestion, t => Suggestion = t);
        foreach (var p in _parties) yield return new("Berörd part", p.OtherActorName, p.RenameOther);
        foreach (var r in _ruleConflicts.OrderBy(r => r.Position))
            foreach (var t in r.Texts()) yield return t;
        foreach (var q in _questions.OrderBy(q => q.AskedAt))
        {
            yield return new("Fråga från kansliet", q.Question, q.RewriteQuestion);
            yield return new("Rapportörens svar", q.Answer, q.RewriteAnswer);
        }
        foreach (var r in _referrals.OrderBy(r => r.Round).ThenBy(r => r.OrganisationId))
            yield return new("Partens svar", r.Response, r.RewriteResponse);
        yield return new("Skäl att avvisa", RejectionReason, t => RejectionReason = t);
        yield return new("Vart rapportören kan vända sig", RejectionWhereToTurn, t => RejectionWhereToTurn = t);
        yield return new("Sammanfattning", Summary, t => Summary = t);
        yield return new("Svar", Answer, t => Answer = t);
        foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Id))
            yield return new("Kommentar i historiken", e.Comment, e.RewriteComment);
    }

    /// <summary>
    /// Deletes every text of the case and of its <paramref name="history"/> by the retention rule and keeps the
    /// minimal record: reference, kind, category, dates, state and outcome, the statistics answers (gender, age
    /// band, solved locally, the handover facts), the parties and referrals as organisations with their dates, and
    /// the rule conflicts' parties, which compilations count by name. The timeline keeps who did what when, without
    /// comments. Not a change of state: the case stays where it was, for the counts.
    /// </summary>
    internal void Gallra(IEnumerable<CaseEvent> history, DateTimeOffset now)
    {
        WhatHappened = Consequences = Suggestion = null;
        RejectionReason = RejectionWhereToTurn = null;
        Summary = Answer = null;
        foreach (var p in _parties) p.Forget();
        foreach (var r in _ruleConflicts) r.Forget();
        foreach (var q in _questions) q.Forget();
        foreach (var r in _referrals) r.Forget();
        foreach (var e in history) e.Forget();
        GallradAt = now;
        Version++;
    }

    /// <summary>Kansli corrections during screening: category and parties.</summary>
    internal void Correct(int? categoryId, IReadOnlyList<PartyRef> parties)
    {
        CategoryId = categoryId;
        _parties.Clear();
        _parties.AddRange(parties.Select(p => new CaseParty(p.OrganisationId, p.OtherActorName)));
    }

    internal void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A party the case concerns: an organisation of the register, or a named other actor (free text).</summary>
public class CaseParty
{
    private CaseParty() { }

    internal CaseParty(int? organisationId, string? otherActorName)
    {
        OrganisationId = organisationId;
        OtherActorName = organisationId is null ? otherActorName : null;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public int? OrganisationId { get; private set; }
    public string? OtherActorName { get; private set; }

    internal void RenameOther(string name) => OtherActorName = name;

    /// <summary>A named other actor is free text; an organisation of the register stays, for the compilations.</summary>
    internal void Forget() => OtherActorName = null;
}

/// <summary>A Catch-22 stored as a row, so that compilations can count party pairs across cases and förbund.</summary>
public class RuleConflict
{
    private RuleConflict() { }

    internal RuleConflict(int position, RuleConflictContent c)
    {
        Position = position;
        PartyAOrganisationId = c.PartyA.OrganisationId;
        PartyAName = c.PartyA.OrganisationId is null ? c.PartyA.OtherActorName?.Trim() : null;
        RequirementA = c.RequirementA.Trim();
        RuleA = string.IsNullOrWhiteSpace(c.RuleA) ? null : c.RuleA.Trim();
        PartyBOrganisationId = c.PartyB.OrganisationId;
        PartyBName = c.PartyB.OrganisationId is null ? c.PartyB.OtherActorName?.Trim() : null;
        RequirementB = c.RequirementB.Trim();
        RuleB = string.IsNullOrWhiteSpace(c.RuleB) ? null : c.RuleB.Trim();
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public int Position { get; private set; }
    public int? PartyAOrganisationId { get; private set; }
    public string? PartyAName { get; private set; }
    public string RequirementA { get; private set; } = "";
    public string? RuleA { get; private set; }
    public int? PartyBOrganisationId { get; private set; }
    public string? PartyBName { get; private set; }
    public string RequirementB { get; private set; } = "";
    public string? RuleB { get; private set; }

    internal IEnumerable<RedactableText> Texts()
    {
        var label = $"Regelkrock {Position}";
        yield return new($"{label}: part", PartyAName, t => PartyAName = t);
        yield return new($"{label}: krav", RequirementA, t => RequirementA = t);
        yield return new($"{label}: regel", RuleA, t => RuleA = t);
        yield return new($"{label}: part", PartyBName, t => PartyBName = t);
        yield return new($"{label}: krav", RequirementB, t => RequirementB = t);
        yield return new($"{label}: regel", RuleB, t => RuleB = t);
    }

    /// <summary>The requirements and rules go; the parties stay, since compilations count conflicts by party pair.</summary>
    internal void Forget()
    {
        RequirementA = RequirementB = "";
        RuleA = RuleB = null;
    }

    public RuleConflictContent ToContent() => new(new PartyRef(PartyAOrganisationId, PartyAName), RequirementA, RuleA,
        new PartyRef(PartyBOrganisationId, PartyBName), RequirementB, RuleB);
}

/// <summary>An immutable line of a case's history: who (and in which role) did what, when, from which state to which.</summary>
public class CaseEvent
{
    private CaseEvent() { }

    public CaseEvent(DateTimeOffset at, string actorUserId, string actorRole, string action, CaseState from, CaseState to, string? comment)
    {
        At = at;
        ActorUserId = actorUserId;
        ActorRole = actorRole;
        Action = action;
        FromState = from;
        ToState = to;
        Comment = comment;
    }

    public long Id { get; private set; }
    public int CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorUserId { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    /// <summary>A trigger name, or Created / Edited for changes that keep the state.</summary>
    public string Action { get; private set; } = "";
    public CaseState FromState { get; private set; }
    public CaseState ToState { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>Only a redaction rewrites a line of the history, and only its comment.</summary>
    internal void RewriteComment(string comment) => Comment = comment;

    /// <summary>Gallring removes the comment; who did what when stays, for the compilations' state counts.</summary>
    internal void Forget() => Comment = null;
}

/// <summary>The last reference number used per förbund and year; bumped in the submitting transaction.</summary>
public class ReferenceCounter
{
    public int ForbundId { get; private set; }
    public int Year { get; private set; }
    public int Last { get; private set; }
}
