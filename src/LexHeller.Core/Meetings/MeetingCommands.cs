using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Meetings;

/// <summary>
/// Every change the kansli makes to a BUG meeting, one method per action, each in one transaction committed once
/// (planning a meeting and putting the waiting cases on its agenda happen together). A refusal is the Swedish
/// reason; null means done.
/// </summary>
public sealed class MeetingCommands(LexHellerDb db, TimeProvider clock, WriteGate gate, Agendas agendas, IOptions<PublicUrlOptions> publicUrl)
{
    /// <summary>
    /// Plans a meeting and puts every case waiting for the BUG on its agenda. When the förbund's cut-off for the day
    /// has already passed, <paramref name="timing"/> is required: the agenda goes out now (filled first; empty only
    /// when confirmed) or at the chosen moment before the meeting.
    /// </summary>
    public async Task<Planned> PlanAsync(int forbundId, DateTimeOffset startsAt, string? place, string? videoLink, string? note, int cutoffDays,
        AgendaTiming? timing = null, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (startsAt <= now) return Planned.Refused("Date", "Mötet måste ligga i framtiden.");
            if (timing is null && Meeting.InsideCutoff(startsAt, cutoffDays, now))
                return Planned.Refused("Dispatch", $"Förbundets sista dag för dagordningen inför mötet ({Stockholm.Format(Meeting.CutoffFor(startsAt, cutoffDays))}) har redan passerat. Välj om dagordningen ska skickas ut nu eller vid en tidpunkt före mötet.");
            if (timing?.At is { } at && at <= now) return Planned.Refused("DispatchAt", "Tidpunkten har redan passerat. Välj en tidpunkt före mötet.");
            if (timing?.At is { } before && before >= startsAt) return Planned.Refused("DispatchAt", "Dagordningen måste skickas ut före mötet.");

            var meeting = Meeting.Plan(forbundId, startsAt, place, videoLink, note, cutoffDays, now, timing is null ? null : timing.At ?? now);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync(ct);
            if (timing is { At: null })
            {
                switch (await agendas.SendNowAsync(meeting, timing.Kansli, timing.ConfirmEmpty, publicUrl.Value.Base, now, ct))
                {
                    case SendNow.Empty: return Planned.Refused("ConfirmEmpty", AgendaCommands.EmptyRefusal);
                    // A new meeting's agenda cannot have been sent by anyone else.
                    case SendNow.AlreadySent: throw new InvalidOperationException($"The agenda of the new meeting {meeting.Id} was already sent.");
                    case SendNow.Sent: break;
                }
            }
            else
            {
                await agendas.PlaceReadyCasesAsync(forbundId, ct);
            }
            await tx.CommitAsync(ct);
            return new Planned(meeting, null);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Moves a case from one open agenda to another open agenda of the same förbund.</summary>
    public async Task<string?> MoveAsync(int meetingId, int caseId, int toMeetingId, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var meeting = await db.Meetings.AsTracking().Include(m => m.Items).SingleAsync(m => m.Id == meetingId, ct);
            var target = await db.Meetings.AsTracking().Include(m => m.Items)
                .SingleOrDefaultAsync(m => m.Id == toMeetingId && m.ForbundId == meeting.ForbundId, ct);
            if (!meeting.IsAgendaOpen) return "Dagordningen är stängd; ärendet kan inte flyttas.";
            var item = meeting.Current.FirstOrDefault(i => i.CaseId == caseId);
            if (item is null) return "Ärendet står inte på det här mötets dagordning.";
            if (target is null || !target.IsAgendaOpen || target.Id == meetingId) return "Välj ett annat möte vars dagordning är öppen.";
            if (target.Current.Any(i => i.CaseId == caseId)) return "Ärendet står redan på det mötets dagordning.";
            var now = clock.GetUtcNow();
            meeting.RemoveItem(item, AgendaRemoval.Removed, null, now);
            target.AddCase(caseId, now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Gives a meeting that has not started a new time, place or video link. The calendar event's SEQUENCE is raised;
    /// BUG members who have the agenda get the updated event by mail. An agenda still open goes out at the new day's
    /// cut-off, or, when that has passed, at <paramref name="dispatchAt"/> (now when it is now or earlier): the kansli
    /// chooses, and an empty agenda goes out now only when <paramref name="confirmEmpty"/>.
    /// </summary>
    public async Task<string?> MoveAsync(int meetingId, string actorUserId, DateTimeOffset startsAt, string? place, string? videoLink,
        DateTimeOffset? dispatchAt, bool confirmEmpty, string publicUrl, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var meeting = await db.Meetings.AsTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == meetingId, ct);
            if (meeting is null) return "Mötet finns inte.";
            if (meeting.IsCancelled) return "Mötet är inställt och kan inte flyttas.";
            if (meeting.StartsAt <= now) return "Ett möte som redan har börjat kan inte flyttas.";
            if (startsAt <= now) return "Mötet måste ligga i framtiden.";
            if (place is null && videoLink is null) return "Ange en plats eller en videolänk.";
            if (startsAt == meeting.StartsAt && place == meeting.Place && videoLink == meeting.VideoLink) return "Ange en ny tid, plats eller videolänk.";
            var sendNow = false;
            if (meeting.IsAgendaOpen && Meeting.InsideCutoff(startsAt, meeting.CutoffDays, now))
            {
                if (dispatchAt is not { } at) return "Dagordningens sista dag för den nya tiden har redan passerat. Välj när dagordningen skickas ut.";
                if (at >= startsAt) return "Dagordningen måste skickas ut före mötet.";
                sendNow = at <= now;
            }
            else dispatchAt = null;

            // Cases waiting for the BUG are on the agenda before it can go out at once.
            if (sendNow)
            {
                await agendas.PlaceReadyCasesAsync(meeting.ForbundId, ct);
                if (!meeting.Current.Any() && !confirmEmpty) return "Inga ärenden står på dagordningen. Bekräfta att den ska skickas ut tom, eller välj en senare tidpunkt.";
            }
            var (from, fromPlace, fromLink) = (meeting.StartsAt, meeting.Place, meeting.VideoLink);
            meeting.Move(startsAt, place, videoLink, dispatchAt, now);
            if (sendNow) meeting.SendAgendaNow(confirmEmpty, now);
            var forbund = await db.Forbund.Where(f => f.Id == meeting.ForbundId).Select(f => f.Name).SingleAsync(ct);
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, meeting.ForbundId, AuditActions.MeetingMoved, $"BUG-möte {Stockholm.Format(from)}",
                Described(from, fromPlace, fromLink), Described(startsAt, place, videoLink)));
            if (meeting.IsDispatched)
            {
                var url = $"{publicUrl.TrimEnd('/')}/moten/{meeting.Id}";
                var ics = MeetingCalendar.Ics(meeting, forbund, CalendarMethod.Request, "Mötet har flyttats.", url, now);
                // A calendar update for a fixed time: sent at once, never in a digest.
                foreach (var to in await Recipients.BugMembersAsync(db, meeting.ForbundId, ct))
                    db.Outbox.Add(new MeetingMovedMail(to.Email ?? "", forbund, from, startsAt, place, videoLink, url, ics)
                        .ToOutbox(now, to, meeting.ForbundId, digestible: false));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The sweep sent the agenda meanwhile: moved now, the members would not be told.
            return "Mötet ändrades medan du flyttade det (dagordningen kan just ha skickats ut). Läs in sidan och försök igen.";
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static string Described(DateTimeOffset startsAt, string? place, string? videoLink) =>
        string.Join(" · ", new[] { Stockholm.Format(startsAt), place, videoLink }.OfType<string>());

    /// <summary>Cancels a meeting that has not taken place; its cases wait for the next one and the BUG members are told.</summary>
    public async Task<string?> CancelAsync(int meetingId, CaseActorContext kansli, string? reason, string publicUrl, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        try
        {
            return await agendas.CancelAsync(meetingId, kansli, reason, publicUrl, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The meeting takes note of a free item (information, another question), with an optional note; the minutes print
    /// it as the item's decision. Decisions on cases go through <see cref="CaseCommands.DecideAtMeetingAsync"/>.
    /// </summary>
    public async Task<string?> NoteAsync(int meetingId, int itemId, string? note, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var meeting = await db.Meetings.AsTracking().Include(m => m.Items).SingleAsync(m => m.Id == meetingId, ct);
            var item = meeting.Items.FirstOrDefault(i => i.Id == itemId && i.Kind != AgendaItemKind.Case);
            if (item is null) return "Punkten finns inte på dagordningen.";
            var now = clock.GetUtcNow();
            if (meeting.CannotDecide(item, now) is { } why) return why;
            meeting.Decide(item, AgendaItem.Noted, DecisionWords.Noted(item.Kind, note), now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>
/// When the agenda of a meeting planned inside the förbund's cut-off goes out: now (<see cref="At"/> null; the
/// ready cases are put on it first and an empty one needs <see cref="ConfirmEmpty"/>) or at a moment before the
/// meeting. <see cref="Kansli"/> is who sends it, for the cases' history.
/// </summary>
public sealed record AgendaTiming(CaseActorContext Kansli, DateTimeOffset? At, bool ConfirmEmpty);

/// <summary>The planned meeting, or the refusal for one field of the form (nothing was stored).</summary>
public sealed record Planned(Meeting? Meeting, FieldError? Refusal)
{
    internal static Planned Refused(string field, string message) => new(null, new FieldError(field, message));
}
