using LexHeller.Core.Cases;
using LexHeller.Core.Data;
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

    /// <summary>Finalises the minutes of a held meeting: who took part, what was decided, and the PDF kept with it.</summary>
    public async Task<string?> FinaliseMinutesAsync(int meetingId, IReadOnlyList<string> participants, Func<Meeting, byte[]> render, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var meeting = await db.Meetings.AsTracking().Include(m => m.Items).Include(m => m.Participants).SingleAsync(m => m.Id == meetingId, ct);
            // Until the minutes page chooses chair, secretary and justerare: the first attendee is all three.
            var now = clock.GetUtcNow();
            var first = participants.FirstOrDefault();
            var refusal = meeting.WriteMinutes(participants, first, first, first is null ? [] : [first], null, now)
                ?? meeting.SubmitMinutes(now)
                ?? meeting.Justify(first!, 1, render, now);
            if (refusal is not null) return refusal;
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
