using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;

namespace LexHeller.Core.Identity;

/// <summary>
/// What a user does to their own account that the audit trail keeps. Identity's manager has already saved the
/// account itself; each method saves the audit line (and any mail) at once, inside the caller's transaction
/// where the page holds one.
/// </summary>
public sealed class AccountEvents(LexHellerDb db, TimeProvider clock)
{
    public async Task PasswordResetAsync(AppUser user)
    {
        Add(user.Id, null, AuditActions.PasswordReset, user.Email ?? user.Id, null);
        await db.SaveChangesAsync();
    }

    /// <summary>An invitation to a new account, accepted by setting a password.</summary>
    public async Task InvitationAcceptedAsync(AppUser user)
    {
        Add(user.Id, null, AuditActions.InvitationAccepted, user.Email ?? user.Id, null);
        await db.SaveChangesAsync();
    }

    /// <summary>An offered role accepted: the membership (unless already held) and the audit line in one save.</summary>
    public async Task OfferAcceptedAsync(AppUser user, int forbundId, MembershipRole role, IEnumerable<int> organisationIds, string description)
    {
        if (!user.Memberships.Any(m => m.ForbundId == forbundId && m.Role == role))
            user.AddMembership(forbundId, role, organisationIds, clock.GetUtcNow());
        Add(user.Id, forbundId, AuditActions.InvitationAccepted, user.Email ?? user.Id, description);
        await db.SaveChangesAsync();
    }

    public async Task OfferDeclinedAsync(string userId, string? email, int? forbundId, string description)
    {
        Add(userId, forbundId, AuditActions.InvitationDeclined, email ?? userId, description);
        await db.SaveChangesAsync();
    }

    /// <summary>Two-factor login switched on: the audit line and the mail that tells the owner, in one save.</summary>
    public async Task TwoFactorEnabledAsync(AppUser user)
    {
        var now = clock.GetUtcNow();
        Add(user.Id, null, AuditActions.TwoFactorEnabled, user.Email ?? user.Id, "Autentiseringsapp");
        db.Outbox.Add(new TwoFactorChangedMail(user.Email ?? "",
            $"Tvåfaktorsinloggning med en autentiseringsapp aktiverades för ditt konto {Stockholm.Format(now)}.").ToOutbox(now, user.Id));
        await db.SaveChangesAsync();
    }

    private void Add(string userId, int? forbundId, string action, string subject, string? after) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), userId, forbundId, action, subject, null, after));
}
