using LexHeller.Core.Audit;
using LexHeller.Core.Data;

namespace LexHeller.Core.Notifications;

/// <summary>The administrator puts a failed mail back in the queue; the requeue and its audit line are saved together.</summary>
public sealed class OutboxResend(LexHellerDb db, TimeProvider clock)
{
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
