using LexHeller.Core.Organisations;
using LexHeller.Core.Notifications;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>
/// Puts ready cases on the next open agenda, and sends every agenda whose moment has passed by the app's clock:
/// the agenda is frozen, its cases move to "Behandlas i BUG" and the BUG members get it by mail. An empty agenda is
/// not sent unless the kansli confirmed it. Safe to run any number of times; a row in AgendaDispatches (primary key:
/// the meeting) is what makes a dispatch happen once, whether the sweep or the kansli's "send now" gets there first.
/// </summary>
public sealed class Agendas(LexHellerDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl)
{
    public static readonly CaseActorContext System = new("system", [CaseActor.System], []);

    /// <summary>
    /// Every case "Redo för BUG" that is on no open agenda goes to the förbund's next meeting still open for cases,
    /// unless the kansli took it off that meeting's agenda (then it waits for the one after).
    /// </summary>
    public Task<int> PlaceReadyCasesAsync(int? forbundId = null, CancellationToken ct = default) => PlaceAsync(forbundId, null, ct);

    /// <summary>
    /// As <see cref="PlaceReadyCasesAsync"/>, with one meeting of the förbund open for cases even though its dispatch
    /// moment has come: the meeting whose agenda is about to go out now. A case still goes to an earlier open meeting.
    /// </summary>
    public Task<int> PlaceReadyCasesOnAsync(int forbundId, int meetingId, CancellationToken ct = default) => PlaceAsync(forbundId, meetingId, ct);

    private async Task<int> PlaceAsync(int? forbundId, int? goingOut, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Cases
            .Where(c => c.State == CaseState.RedoForBug && (forbundId == null || c.ForbundId == forbundId))
            .Where(c => !db.AgendaItems.Any(i => i.CaseId == c.Id && i.RemovedAt == null
                && db.Meetings.Any(m => m.Id == i.MeetingId && m.AgendaClosedAt == null && m.CancelledAt == null)))
            .Select(c => new { c.Id, c.ForbundId })
            .ToListAsync(ct);
        var placed = 0;
        foreach (var group in waiting.GroupBy(c => c.ForbundId))
        {
            var open = await db.Meetings.Include(m => m.Items)
                .Where(m => m.ForbundId == group.Key && m.AgendaClosedAt == null && m.CancelledAt == null && (m.AgendaClosesAt > now || m.Id == goingOut))
                .OrderBy(m => m.StartsAt).ToListAsync(ct);
            foreach (var c in group)
            {
                var next = open.FirstOrDefault(m => m.Items.All(i => i.CaseId != c.Id));
                if (next is null) continue;
                next.AddCase(c.Id, now);
                placed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return placed;
    }

    /// <summary>
    /// How many waiting cases a new meeting of the förbund at <paramref name="startsAt"/> would get on its agenda:
    /// those "Redo för BUG" on no open agenda that no earlier meeting still open for cases would take first.
    /// </summary>
    public async Task<int> ReadyForNewMeetingAsync(int forbundId, DateTimeOffset startsAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Cases
            .Where(c => c.State == CaseState.RedoForBug && c.ForbundId == forbundId)
            .Where(c => !db.AgendaItems.Any(i => i.CaseId == c.Id && i.RemovedAt == null
                && db.Meetings.Any(m => m.Id == i.MeetingId && m.AgendaClosedAt == null && m.CancelledAt == null)))
            .Select(c => c.Id).ToListAsync(ct);
        var earlier = await db.Meetings.AsNoTracking()
            .Where(m => m.ForbundId == forbundId && m.AgendaClosedAt == null && m.CancelledAt == null && m.AgendaClosesAt > now && m.StartsAt < startsAt)
            .Select(m => m.Items.Select(i => i.CaseId).ToList()).ToListAsync(ct);
        return waiting.Count(id => earlier.All(items => items.Contains(id)));
    }

    /// <summary>
    /// Dispatches every agenda whose moment has passed; returns how many it dispatched. An agenda without items waits
    /// (open, and the meeting's pages say so) until it gets one or the kansli confirms that it may go out empty.
    /// </summary>
    public async Task<int> CloseDueAgendasAsync(string publicUrl, CancellationToken ct = default)
    {
        await PlaceReadyCasesAsync(null, ct);
        var now = clock.GetUtcNow();
        var due = await db.Meetings.Where(m => m.AgendaClosedAt == null && m.CancelledAt == null && m.AgendaClosesAt <= now
                && (m.EmptyAgendaConfirmed || m.Items.Any(i => i.RemovedAt == null)))
            .OrderBy(m => m.AgendaClosesAt).Select(m => m.Id).ToListAsync(ct);
        var dispatched = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            // Not committed when it was not sent: the claim goes with it.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await DispatchAsync(id, System, publicUrl, now, ct)) continue;
            await tx.CommitAsync(ct);
            dispatched++;
        }
        db.ChangeTracker.Clear();
        return dispatched;
    }

    /// <summary>The agenda as the PDF sent with the mail: one stored file, shared by every member's mail.</summary>
    private async Task<MailAttachment> AgendaAttachmentAsync(Meeting meeting, string forbund, DateTimeOffset now, CancellationToken ct)
    {
        var caseIds = meeting.Current.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, c => (c.Reference ?? "", c.Category), ct);
        var pdf = AgendaPdf.Render(new AgendaContent(forbund, meeting.StartsAt, meeting.Place, meeting.VideoLink, AgendaPdf.Entries(meeting, cases)));
        return new MailAttachment(AgendaPdf.FileName(meeting.StartsAt), AgendaPdf.ContentType, pdf, now);
    }

    /// <summary>
    /// Sends one agenda inside the caller's transaction (the sweep's, or the kansli's "send now"). The claim in
    /// AgendaDispatches is written before the meeting is read, so that an agenda goes out once whoever gets there
    /// first; then the agenda is closed, its cases move to "Behandlas i BUG" and the BUG members' mails are
    /// written. False when it was not sent (already sent, cancelled, or empty without the kansli's confirmation):
    /// the caller then leaves its transaction uncommitted, claim included.
    /// </summary>
    internal async Task<bool> DispatchAsync(int meetingId, CaseActorContext who, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"AgendaDispatches\" (\"MeetingId\", \"DispatchedAt\") VALUES ({meetingId}, {DatabaseEngine.For(db).Instant(now)}) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0) return false;

        var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == meetingId, ct);
        if (!meeting.IsAgendaOpen || (!meeting.Current.Any() && !meeting.EmptyAgendaConfirmed)) return false;
        meeting.CloseAgenda(now);
        var caseIds = meeting.Current.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.Include(c => c.Referrals).Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var c in cases.Where(c => c.State == CaseState.RedoForBug))
            CaseActions.StartReview(c, who, now, $"Dagordningen för mötet {Stockholm.Format(meeting.StartsAt)} skickades ut");

        await WriteAgendaMailsAsync(meeting, cases, publicUrl, now, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Sends a meeting's agenda at once, inside the caller's transaction: the waiting cases are put on it first, and
    /// an empty agenda goes out only when the kansli confirmed that. The meeting is tracked by this context.
    /// </summary>
    internal async Task<SendNow> SendNowAsync(Meeting meeting, CaseActorContext who, bool confirmEmpty, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await PlaceReadyCasesOnAsync(meeting.ForbundId, meeting.Id, ct);
        if (!meeting.Current.Any() && !confirmEmpty && !meeting.EmptyAgendaConfirmed) return SendNow.Empty;
        meeting.SendAgendaNow(confirmEmpty, now);
        await db.SaveChangesAsync(ct);
        return await DispatchAsync(meeting.Id, who, publicUrl, now, ct) ? SendNow.Sent : SendNow.AlreadySent;
    }

    /// <summary>The agenda as the BUG members get it: the meeting, its items in agenda order and the calendar event.</summary>
    private async Task WriteAgendaMailsAsync(Meeting meeting, IReadOnlyList<Case> cases, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var items = meeting.Current.ToList();
        var references = items.Where(i => i.CaseId is not null).Select(i => cases.First(c => c.Id == i.CaseId).Reference!).ToList();
        var other = items.Where(i => i.CaseId is null).Select(i => $"{i.Kind.DisplayName()}: {i.Title}").ToList();
        var meetingUrl = $"{publicUrl.TrimEnd('/')}/moten/{meeting.Id}";
        var ics = MeetingCalendar.Ics(meeting, forbund, CalendarMethod.Request, $"{Swedish.Count(references.Count, "ärende", "ärenden")} på dagordningen.", meetingUrl, now);
        var pdf = await AgendaAttachmentAsync(meeting, forbund, now, ct);
        // Meeting mails carry a calendar entry for a fixed time, so they are sent at once, never in a digest.
        foreach (var to in await Recipients.BugMembersAsync(db, meeting.ForbundId, ct))
            db.Outbox.Add(new AgendaMail(to.Email ?? "", forbund, meeting.StartsAt, meeting.Place, meeting.VideoLink, references, meetingUrl, ics, other) { Attachment = pdf }
                .ToOutbox(now, to, meeting.ForbundId, digestible: false));
    }

    /// <summary>
    /// Tells the BUG members of one change to an agenda they already have (an item added or withdrawn), and nothing
    /// else. Once the meeting has begun the members are at the table, so no mail is written.
    /// </summary>
    internal async Task WriteChangeMailsAsync(Meeting meeting, AgendaChange change, string what, bool isCase, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        if (meeting.StartsAt <= now) return;
        var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var meetingUrl = $"{publicUrl.TrimEnd('/')}/moten/{meeting.Id}";
        foreach (var to in await Recipients.BugMembersAsync(db, meeting.ForbundId, ct))
            db.Outbox.Add(new AgendaChangeMail(to.Email ?? "", forbund, meeting.StartsAt, change, what, isCase, meetingUrl)
                .ToOutbox(now, to, meeting.ForbundId, digestible: false));
    }

    /// <summary>
    /// Cancels a meeting that has not taken place: its cases go back to waiting (Postpone where the agenda had
    /// closed) and onto the next meeting, and the BUG members are told.
    /// </summary>
    public async Task<string?> CancelAsync(int meetingId, CaseActorContext kansli, string? reason, string publicUrl, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "Skriv varför mötet ställs in.";
        var now = clock.GetUtcNow();
        var meeting = await db.Meetings.Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return "Mötet finns inte.";
        if (meeting.IsCancelled) return "Mötet är redan inställt.";
        if (meeting.StartsAt <= now) return "Ett möte som redan har hållits kan inte ställas in.";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var caseIds = meeting.Current.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.Include(c => c.Referrals).Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var c in cases.Where(c => c.State == CaseState.BehandlasIBug))
        {
            var r = CaseActions.Postpone(c, kansli, $"Mötet {Stockholm.Format(meeting.StartsAt)} ställdes in", now);
            if (!r.Fired) return r.Refusal;
        }
        // The members have the meeting in their calendars only once the agenda went out with it.
        var inCalendars = meeting.AgendaClosedAt is not null;
        meeting.Cancel(reason.Trim(), now);
        var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var url = $"{publicUrl.TrimEnd('/')}/moten";
        var ics = inCalendars ? MeetingCalendar.Ics(meeting, forbund, CalendarMethod.Cancel, "Mötet är inställt.", url, now) : null;
        foreach (var to in await Recipients.BugMembersAsync(db, meeting.ForbundId, ct))
            db.Outbox.Add(new MeetingCancelledMail(to.Email ?? "", forbund, meeting.StartsAt, url, ics)
                .ToOutbox(now, to, meeting.ForbundId, digestible: false));
        await db.SaveChangesAsync(ct);
        await PlaceReadyCasesAsync(meeting.ForbundId, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Keeps the agenda in step with a trigger just fired on a case (inside the command's transaction). From the
    /// meeting's day until its minutes are sent, a decision trigger is the meeting's decision on the case's item, kept
    /// in words. Before the meeting's day a case that has left the BUG's hands (concluded, referred ...) leaves the
    /// agenda as settled before the meeting, and a postponed one is taken off to wait for the next meeting. Returns
    /// the Swedish reason when the decision cannot be recorded; the caller then writes nothing.
    /// </summary>
    public async Task<string?> RecordDecisionAsync(Case c, CaseTrigger trigger, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var onAgendas = db.AgendaItems.Where(i => i.CaseId == c.Id && i.RemovedAt == null && i.Decision == null).Select(i => i.MeetingId);
        var meeting = await db.Meetings.AsTracking().Include(m => m.Items)
            .Where(m => onAgendas.Contains(m.Id) && m.CancelledAt == null && m.MinutesSubmittedAt == null)
            .OrderBy(m => m.StartsAt).FirstOrDefaultAsync(ct);
        if (meeting is null) return null;
        var item = meeting.Current.Single(i => i.CaseId == c.Id);
        if (meeting.DecisionsClosed(now) is null)
            return trigger.Spec().IsBugDecision ? await DecideAsync(meeting, item, c, trigger, ct) : null;
        if (!meeting.IsAhead(now)) return null;
        if (trigger == CaseTrigger.Postpone)
            meeting.RemoveItem(item, meeting.IsAgendaOpen ? AgendaRemoval.Removed : AgendaRemoval.Withdrawn, trigger.ToString(), now);
        else if (c.State is not (CaseState.RedoForBug or CaseState.BehandlasIBug))
            meeting.RemoveItem(item, AgendaRemoval.SettledBeforeMeeting, trigger.ToString(), now);
        else return null;
        // Members who have the agenda learn of this one change, as of any other edit after it went out.
        if (meeting.IsDispatched)
            await WriteChangeMailsAsync(meeting, trigger == CaseTrigger.Postpone ? AgendaChange.Withdrawn : AgendaChange.Settled,
                c.Reference!, isCase: true, publicUrl.Value.Base, now, ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Records the decision trigger just fired on the item's case as the meeting's decision, in words. Returns the
    /// Swedish reason when it cannot be recorded.
    /// </summary>
    internal async Task<string?> DecideAsync(Meeting meeting, AgendaItem item, Case c, CaseTrigger trigger, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (meeting.CannotDecide(item, now) is { } why) return why;
        var words = await DecisionWords.ForAsync(db, c, trigger, ct);
        if (words.Length > AgendaItem.MaxText)
        {
            // Summary and answer may each be long; the minutes keep them together in one decision text.
            var room = AgendaItem.MaxText - (words.Length - (c.Summary?.Length ?? 0) - (c.Answer?.Length ?? 0));
            return trigger == CaseTrigger.Conclude
                ? $"Beslutet ryms inte i protokollet: sammanfattningen och svaret får tillsammans vara högst {room} tecken. Korta någon av dem."
                : $"Beslutet ryms inte i protokollet, som har plats för {AgendaItem.MaxText} tecken. Korta texten.";
        }
        meeting.Decide(item, trigger.ToString(), words, now);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The default due date of a referral: the day before the agenda cut-off of the first planned meeting at least
    /// the förbund's response time ahead (three weeks unless set), so every answer is on the table at that
    /// meeting; a week more than the response time when none is planned.
    /// </summary>
    public async Task<DateOnly> DefaultResponseDueAsync(int forbundId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // One statement: the response time with the few cut-offs still ahead; which of them is far enough ahead
        // depends on that response time, so it is picked here.
        var plan = await db.Forbund.Where(f => f.Id == forbundId)
            .Select(f => new
            {
                f.ResponseDays,
                Cutoffs = db.Meetings.Where(m => m.ForbundId == f.Id && m.CancelledAt == null && m.AgendaClosesAt >= now)
                    .OrderBy(m => m.AgendaClosesAt).Select(m => m.AgendaClosesAt).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        var days = plan?.ResponseDays ?? Forbund.DefaultResponseDays;
        var earliest = now.AddDays(days);
        var cutoff = plan?.Cutoffs.Where(at => at >= earliest).Select(at => (DateTimeOffset?)at).FirstOrDefault();
        var due = cutoff is { } c ? Stockholm.ToLocal(c.AddMinutes(-1)) : Stockholm.ToLocal(now).AddDays(days + 7);
        return DateOnly.FromDateTime(due.DateTime);
    }
}

/// <summary>What became of an agenda the kansli asked to send now.</summary>
internal enum SendNow { Sent, Empty, AlreadySent }
