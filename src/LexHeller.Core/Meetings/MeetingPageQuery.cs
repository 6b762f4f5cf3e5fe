using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>
/// What the meeting pages show, for one user: the meeting with its items, the cases on it, and the lists of a form
/// only when that form is shown. A user outside the meeting's förbund gets null (404).
/// </summary>
public sealed class MeetingPageQuery(LexHellerDb db, TimeProvider clock, Agendas agendas)
{
    public sealed record CaseInfo(int Id, string Reference, string? Category, CaseState State, CaseOutcome? Outcome);

    /// <summary>An agenda item with its number on the agenda and, for a case item, the case.</summary>
    public sealed record Row(AgendaItem Item, int Number, CaseInfo? Case)
    {
        public string Anchor => $"punkt-{Item.Id}";
        public string Title => Case?.Reference ?? (Item.Kind == AgendaItemKind.SystemicProblem ? $"Systemfel: {Item.Title}" : Item.Title ?? "");
        /// <summary>Prefix of the ids inside the row, so every row's fields have their own.</summary>
        public string IdPrefix => $"p{Item.Id}-";
    }

    public sealed record Other(int Id, DateTimeOffset StartsAt);

    /// <summary>The meeting page: the agenda, what left it, and for the kansli the other open meetings and the referral form's lists.</summary>
    /// <param name="Settled">Cases settled before the meeting ("avgjort före mötet").</param>
    /// <param name="Withdrawn">Items taken off the agenda after it went out.</param>
    public sealed record Details(Meeting Meeting, bool IsKansli, DateTimeOffset Now, IReadOnlyList<Row> Rows, IReadOnlyList<Row> Settled,
        IReadOnlyList<Row> Withdrawn, IReadOnlyList<Other> OtherOpen, IReadOnlyList<CasePageQuery.Option> Partners, DateOnly? ResponseDue)
    {
        public bool Held => Meeting.StartsAt <= Now;

        /// <summary>Where the agenda stands; an agenda past its moment that has not gone out is empty or about to go.</summary>
        public string AgendaStatus => Meeting switch
        {
            { IsCancelled: true } m => $"Mötet är inställt: {m.CancelReason}",
            { AgendaClosedAt: { } closed } => $"Stängd och utskickad {Stockholm.Format(closed)}",
            var m when m.AgendaClosesAt > Now => $"Öppen – stängs {Stockholm.Format(m.AgendaClosesAt)}",
            var m when m.Current.Any() => "Öppen – skickas ut till ledamöterna inom några minuter",
            _ => "Öppen – dagordningen är tom och går inte ut förrän den har en punkt eller kansliet bekräftar att den ska skickas tom",
        };

        /// <summary>Why the meeting takes no decisions now; null while it does.</summary>
        public string? DecisionsClosed => Meeting.DecisionsClosed(Now);

        /// <summary>The kansli records decisions on this page now.</summary>
        public bool Deciding => IsKansli && DecisionsClosed is null;
    }

    /// <summary>An item on the agenda: a case (reference, category, state) or a free item (title, text).</summary>
    public sealed record AgendaRow(int Id, AgendaItemKind Kind, int? CaseId, string? Reference, string? Category, CaseState? State,
        string? Title, string? Text, bool Late, string? Decision, int? SystemicProblemId = null)
    {
        public string Name => CaseId is null ? $"”{Title}”" : $"ärende {Reference}";
    }

    /// <summary>An item that left the agenda, and why.</summary>
    public sealed record Gone(AgendaItemKind Kind, int? CaseId, string? Reference, string? Title, AgendaRemoval Removal, string? Outcome, DateTimeOffset At);

    /// <summary>A case of the förbund ready for the BUG, with the other open agenda it stands on, if any.</summary>
    public sealed record Candidate(int Id, string Reference, string? Category, DateTimeOffset? OnMeeting);

    /// <summary>The kansli's agenda page: the items in order, those that left, and the cases that can be added.</summary>
    public sealed record Agenda(Meeting Meeting, DateTimeOffset Now, IReadOnlyList<AgendaRow> Items, IReadOnlyList<Gone> Removed, IReadOnlyList<Candidate> Candidates)
    {
        /// <summary>Items can still be added, removed or withdrawn.</summary>
        public bool Editable => IsEditable(Meeting);

        /// <summary>The agenda's moment has passed but it has not gone out: it is empty and waits for items or a confirmation.</summary>
        public bool Waiting => Meeting.IsAgendaOpen && Meeting.AgendaClosesAt <= Now;

        internal static bool IsEditable(Meeting m) => !m.IsCancelled && m.MinutesSubmittedAt is null;
    }

    /// <summary>The move page: the meeting, and why it can no longer be moved (null when it can).</summary>
    public sealed record Move(Meeting Meeting, string? Closed, DateTimeOffset Now)
    {
        public bool AgendaEmpty => !Meeting.Current.Any();
    }

    /// <summary>The meeting page, for the kansli and the BUG members of the meeting's förbund.</summary>
    public async Task<Details?> DetailsAsync(int id, CaseUser user, CancellationToken ct = default)
    {
        var meeting = await MeetingAsync(id, ct);
        if (meeting is null) return null;
        var roles = user.RolesIn(meeting.ForbundId);
        if (!roles.Contains(MembershipRole.Kansli) && !roles.Contains(MembershipRole.BugLedamot)) return null;
        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new CaseInfo(c.Id, c.Reference ?? "", db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(), c.State, c.Outcome))
            .ToDictionaryAsync(c => c.Id, ct);
        Row ToRow(AgendaItem item, int number) => new(item, number, item.CaseId is { } c ? cases.GetValueOrDefault(c) : null);
        var otherOpen = await db.Meetings.AsNoTracking()
            .Where(m => m.ForbundId == meeting.ForbundId && m.Id != id && m.AgendaClosedAt == null && m.CancelledAt == null)
            .OrderBy(m => m.StartsAt).Select(m => new Other(m.Id, m.StartsAt)).ToListAsync(ct);
        var view = new Details(meeting, roles.Contains(MembershipRole.Kansli), clock.GetUtcNow(),
            meeting.Current.Select((item, n) => ToRow(item, n + 1)).ToList(),
            meeting.Items.Where(i => i.Removal == AgendaRemoval.SettledBeforeMeeting).OrderBy(i => i.RemovedAt).Select(i => ToRow(i, 0)).ToList(),
            meeting.Items.Where(i => i.Removal == AgendaRemoval.Withdrawn).OrderBy(i => i.RemovedAt).Select(i => ToRow(i, 0)).ToList(),
            otherOpen, [], null);
        // The referral form lists the partners and proposes a due date; only loaded when a row offers it.
        if (view.Deciding && view.Rows.Any(r => r.Item.Decision is null && r.Case?.State == CaseState.BehandlasIBug))
        {
            var (partners, _) = await CasePageQuery.OptionsAsync(db, meeting.ForbundId, null, withCategories: false, ct);
            view = view with { Partners = partners, ResponseDue = await agendas.DefaultResponseDueAsync(meeting.ForbundId, ct) };
        }
        return view;
    }

    /// <summary>The agenda page, for the kansli of the meeting's förbund only.</summary>
    public async Task<Agenda?> AgendaAsync(int id, CaseUser user, CancellationToken ct = default)
    {
        var meeting = await MeetingAsync(id, ct);
        if (meeting is null || !user.RolesIn(meeting.ForbundId).Contains(MembershipRole.Kansli)) return null;
        var now = clock.GetUtcNow();

        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.State, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, ct);
        var items = meeting.Current.Select(i => i.CaseId is { } cid
                ? new AgendaRow(i.Id, i.Kind, cid, cases[cid].Reference, cases[cid].Category, cases[cid].State, null, null, i.Late, i.Decision)
                : new AgendaRow(i.Id, i.Kind, null, null, null, null, i.Title, i.Text, i.Late, i.Decision, i.SystemicProblemId))
            .ToList();
        var removed = meeting.Items.Where(i => i.RemovedAt is not null).OrderBy(i => i.RemovedAt)
            .Select(i => new Gone(i.Kind, i.CaseId, i.CaseId is { } cid ? cases[cid].Reference : null, i.Title, i.Removal!.Value, i.RemovalOutcome, i.RemovedAt!.Value))
            .ToList();

        var current = meeting.Current.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var candidates = Agenda.IsEditable(meeting)
            ? await db.Cases.AsNoTracking()
                .Where(c => c.ForbundId == meeting.ForbundId && c.State == CaseState.RedoForBug && !current.Contains(c.Id))
                .OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence)
                .Select(c => new Candidate(c.Id, c.Reference ?? "",
                    db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                    db.AgendaItems.Where(i => i.CaseId == c.Id && i.RemovedAt == null && i.MeetingId != id)
                        .Join(db.Meetings.Where(m => m.AgendaClosedAt == null && m.CancelledAt == null), i => i.MeetingId, m => m.Id, (i, m) => (DateTimeOffset?)m.StartsAt)
                        .FirstOrDefault()))
                .ToListAsync(ct)
            : [];
        return new Agenda(meeting, now, items, removed, candidates);
    }

    /// <summary>The move page, for the kansli of the meeting's förbund only.</summary>
    public async Task<Move?> MoveAsync(int id, CaseUser user, CancellationToken ct = default)
    {
        var meeting = await MeetingAsync(id, ct);
        if (meeting is null || !user.RolesIn(meeting.ForbundId).Contains(MembershipRole.Kansli)) return null;
        var now = clock.GetUtcNow();
        var closed = meeting.IsCancelled ? "Mötet är inställt och kan inte flyttas."
            : meeting.IsHeld(now) ? "Ett möte som redan har börjat kan inte flyttas."
            : null;
        return new Move(meeting, closed, now);
    }

    private Task<Meeting?> MeetingAsync(int id, CancellationToken ct) =>
        db.Meetings.AsNoTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id, ct);
}
