using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Notifications;

/// <summary>The administrator puts a failed mail back in the queue; the requeue and its audit line are saved together.</summary>
public sealed class OutboxResend(LexHellerDb db, TimeProvider clock)
{
    /// <summary>
    /// What became of a resend: whether the mail was queued again, its status, and its recipient and subject as
    /// this viewer may see them (<see cref="OutboxQuery.Hides"/>).
    /// </summary>
    public sealed record Outcome(bool Requeued, OutboxStatus Status, string To, string Subject);

    /// <summary>Resends mail <paramref name="id"/> for a viewer who is kansli of <paramref name="kansliForbund"/>; null when there is no such mail.</summary>
    public async Task<Outcome?> ResendAsync(long id, IReadOnlyCollection<int?> kansliForbund, string actorUserId)
    {
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id);
        if (message is null) return null;
        var hidden = OutboxQuery.Hides(message.ReporterBound, message.ForbundId, kansliForbund);
        var to = hidden ? OutboxQuery.Reporter.ToLower(Stockholm.Culture) : message.To;
        var subject = hidden ? message.NeutralSubject ?? "" : message.Subject;
        // The audit trail outlives the list's rule, so it never names a reporter.
        var auditTo = message.ReporterBound ? OutboxQuery.Reporter.ToLower(Stockholm.Culture) : message.To;
        var error = message.ReporterBound ? OutboxQuery.Mask(message.LastError, message.To, message.Subject) : message.LastError;
        var auditSubject = $"E-post {message.Id} till {auditTo}";
        if (auditSubject.Length > 200) auditSubject = auditSubject[..200];
        var requeued = await ResendAsync(message, auditSubject, error, OutboxQuery.NameOf(OutboxStatus.Waiting), actorUserId);
        return new Outcome(requeued, message.Status, to, subject);
    }

    /// <summary>
    /// False when the message has not failed (nothing changes). The audit subject and the error come from the
    /// caller, which knows which recipients the change log must not name.
    /// </summary>
    public async Task<bool> ResendAsync(OutboxMessage message, string auditSubject, string? error, string waitingName, string actorUserId)
    {
        var now = clock.GetUtcNow();
        if (!message.Requeue(now)) return false;
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, message.ForbundId, AuditActions.OutboxResent, auditSubject, error, waitingName));
        await db.SaveChangesAsync();
        return true;
    }
}
