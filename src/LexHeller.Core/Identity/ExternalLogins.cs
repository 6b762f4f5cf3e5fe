using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>Why a log-in through an identity provider was refused; each has its own Swedish words and log reason.</summary>
public enum ExternalLoginFailure
{
    /// <summary>Nobody with that subject or verified e-mail has an account.</summary>
    NoAccount,
    MissingEmail,
    UnverifiedEmail,
    /// <summary>The account is already linked to another identity at the same provider.</summary>
    OtherIdentity,
    /// <summary>The provider is not switched on for any förbund of the account.</summary>
    NotForYourForbund,
    /// <summary>The account has no active membership.</summary>
    Inactive,
    /// <summary>The provider's answer was refused: state, code, token, signature, issuer, audience, lifetime…</summary>
    ProviderAnswer,
    /// <summary>The provider could not be reached in time.</summary>
    ProviderUnreachable,
    /// <summary>The provider is unknown or switched off.</summary>
    UnknownProvider,
    /// <summary>The answer came without the log-in it belongs to (an old or copied link).</summary>
    NoPendingLogin,
}

/// <summary>
/// Who a person who logged in through an identity provider is in Lex Heller. There is no sign-up: the identity is
/// linked to an existing account with an active membership — by a subject the kansli or an administrator registered
/// (or an earlier log-in linked), or at the first log-in by the provider's verified e-mail, matched without regard
/// to case. Anyone else is refused and nothing is created.
/// </summary>
public sealed class ExternalLogins(LexHellerDb db, ILookupNormalizer normalizer, TimeProvider clock)
{
    public sealed record Result(AppUser? User, ExternalLoginFailure? Failure, bool LinkedNow)
    {
        public static Result Refused(ExternalLoginFailure why) => new(null, why, false);
    }

    /// <summary>
    /// The account for this identity. A link made by e-mail is stored with its audit line in one save.
    /// </summary>
    public async Task<Result> ResolveAsync(IdentityProvider provider, string? subject, string? email, bool emailVerified)
    {
        if (string.IsNullOrWhiteSpace(subject)) return Result.Refused(ExternalLoginFailure.ProviderAnswer);
        var scheme = provider.SchemeName;
        var linkedUserId = await db.UserLogins.Where(l => l.LoginProvider == scheme && l.ProviderKey == subject)
            .Select(l => l.UserId).FirstOrDefaultAsync();
        if (linkedUserId is not null)
        {
            var linked = await db.Users.FirstAsync(u => u.Id == linkedUserId);
            return await MayUseAsync(provider, linked) is { } why ? Result.Refused(why) : new Result(linked, null, false);
        }

        if (string.IsNullOrWhiteSpace(email)) return Result.Refused(ExternalLoginFailure.MissingEmail);
        if (!emailVerified) return Result.Refused(ExternalLoginFailure.UnverifiedEmail);
        var normalized = normalizer.NormalizeEmail(email.Trim());
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null) return Result.Refused(ExternalLoginFailure.NoAccount);
        if (await MayUseAsync(provider, user) is { } refused) return Result.Refused(refused);
        if (await db.UserLogins.AnyAsync(l => l.LoginProvider == scheme && l.UserId == user.Id))
            return Result.Refused(ExternalLoginFailure.OtherIdentity);

        db.UserLogins.Add(new IdentityUserLogin<string>
        {
            LoginProvider = scheme, ProviderKey = subject, ProviderDisplayName = provider.DisplayName, UserId = user.Id,
        });
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.Id, null, AuditActions.ExternalLoginLinkedByEmail,
            user.Email ?? user.Id, null, $"{provider.DisplayName}: kopplad vid första inloggningen genom verifierad e-post"));
        await db.SaveChangesAsync();
        return new Result(user, null, true);
    }

    /// <summary>An account may log in through a provider switched on for one of its förbund; an administrator through any.</summary>
    private async Task<ExternalLoginFailure?> MayUseAsync(IdentityProvider provider, AppUser user)
    {
        var memberships = await db.Memberships.Where(m => m.UserId == user.Id && m.IsActive)
            .Select(m => new { m.ForbundId, m.Role }).ToListAsync();
        if (memberships.Count == 0) return ExternalLoginFailure.Inactive;
        if (memberships.Any(m => m.Role == MembershipRole.Administrator)) return null;
        var forbund = memberships.Where(m => m.ForbundId is not null).Select(m => m.ForbundId!.Value).ToList();
        var enabled = await db.Set<IdentityProviderForbund>()
            .AnyAsync(f => f.IdentityProviderId == provider.Id && forbund.Contains(f.ForbundId));
        return enabled ? null : ExternalLoginFailure.NotForYourForbund;
    }

    /// <summary>
    /// Whether the person may log in with a password: not when any förbund of theirs has turned passwords off.
    /// </summary>
    public async Task<bool> PasswordAllowedAsync(string userId) =>
        !await db.Memberships.AnyAsync(m => m.UserId == userId && m.IsActive && m.Forbund != null && !m.Forbund.PasswordLoginAllowed);
}
