using LexHeller.Core.Audit;
using LexHeller.Core.Data;

namespace LexHeller.Core.Identity;

/// <summary>
/// How a kansli gives a role to an account that exists but is not in its förbund: as an offer the owner accepts,
/// with its mail and audit entry written into the same save as the caller's other changes.
/// </summary>
public static class MembershipOffers
{
    /// <summary>
    /// Adds the offer, its mail and its audit entry to <paramref name="db"/> (the caller saves and commits). The
    /// audit entry names the address the inviter typed, never the account's name.
    /// </summary>
    public static void Add(LexHellerDb db, AppUser account, string typedEmail, int forbundId, string forbundName, MembershipRole role,
        IReadOnlyList<int> organisationIds, string auditText, string actorUserId, Func<string, string> link, DateTimeOffset now)
    {
        var (invitation, token) = Invitation.Offer(account.Id, typedEmail, forbundId, role, organisationIds, actorUserId, now);
        db.Invitations.Add(invitation);
        db.Outbox.Add(new MembershipOfferMail(account.Email ?? typedEmail, account.FullName, forbundName, role.DisplayName(),
            link($"/inbjudan?token={token}"), invitation.ExpiresAt).ToOutbox(now, account.Id, forbundId));
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.MembershipOffered, typedEmail, null, auditText));
    }
}
