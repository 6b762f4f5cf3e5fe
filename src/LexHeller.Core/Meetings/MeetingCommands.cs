using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>
/// Every change the kansli makes to a BUG meeting, one method per action, each in one transaction committed once
/// (planning a meeting and putting the waiting cases on its agenda happen together). A refusal is the Swedish
/// reason; null means done.
/// </summary>
public sealed class MeetingCommands(LexHellerDb db, TimeProvider clock, WriteGate gate, Agendas agendas)
{
    /// <summary>Plans a meeting and puts every case waiting for the BUG on its agenda.</summary>
    public async Task<Meeting> PlanAsync(int forbundId, DateTimeOffset startsAt, string? place, string? videoLink, string? note, int cutoffDays, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var meeting = Meeting.Plan(forbundId, startsAt, place, videoLink, note, cutoffDays, clock.GetUtcNow());
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        await agendas.PlaceReadyCasesAsync(forbundId, ct);
        await tx.CommitAsync(ct);
        return meeting;
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
