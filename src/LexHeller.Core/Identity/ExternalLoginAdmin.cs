using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// The e-legitimationer linked to an account (Identity's user logins: the provider's scheme and the person's subject
/// there), and the kansli's and administrator's linking and unlinking from the user's page. Linking lets whoever holds
/// that subject log in as the user, so only someone who may manage every role the user holds may do it (as for
/// resetting the second factor), never for their own account.
/// </summary>
public sealed class ExternalLoginAdmin(LexHellerDb db, UserDetailsQuery query, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>A linked login; <see cref="ProviderId"/> is null for a login of another kind than an identity provider.</summary>
    public sealed record LinkedLogin(int? ProviderId, string ProviderName, string Subject);

    public sealed record ProviderChoice(int Id, string Name);

    public const string SubjectField = "Subject";
    public const string ProviderField = "ProviderId";

    /// <summary>The user's linked logins, named by the provider's current name, in name order.</summary>
    public async Task<IReadOnlyList<LinkedLogin>> LinkedAsync(string userId, CancellationToken ct = default)
    {
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == userId)
            .Select(l => new { l.LoginProvider, l.ProviderKey, l.ProviderDisplayName }).ToListAsync(ct);
        var names = await db.IdentityProviders.AsNoTracking().ToDictionaryAsync(p => IdentityProvider.SchemeFor(p.Id), p => new { p.Id, p.DisplayName }, ct);
        return logins
            .Select(l => names.TryGetValue(l.LoginProvider, out var p)
                ? new LinkedLogin(p.Id, p.DisplayName, l.ProviderKey)
                : new LinkedLogin(null, l.ProviderDisplayName ?? l.LoginProvider, l.ProviderKey))
            .OrderBy(l => l.ProviderName, Stockholm.Comparer).ThenBy(l => l.Subject, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The providers a subject may be registered with for the shown user: switched on and enabled for one of the
    /// förbund the user has an active role in; an administrator may choose any switched-on provider.
    /// </summary>
    public async Task<IReadOnlyList<ProviderChoice>> ChoicesAsync(KansliOrAdmin who, UserDetailsQuery.Result shown, CancellationToken ct = default)
    {
        var forbundIds = shown.User.Memberships.Where(m => m.IsActive && m.ForbundId is not null).Select(m => m.ForbundId!.Value).Distinct().ToList();
        var providers = await db.IdentityProviders.AsNoTracking()
            .Where(p => p.Enabled && (who.IsAdministrator || p.Forbund.Any(f => forbundIds.Contains(f.ForbundId))))
            .Select(p => new ProviderChoice(p.Id, p.DisplayName)).ToListAsync(ct);
        return providers.OrderBy(p => p.Name, Stockholm.Comparer).ToList();
    }

    /// <summary>Whether <paramref name="who"/> may link and unlink e-legitimationer for the shown user.</summary>
    public static bool MayManage(UserDetailsQuery.Result shown) => shown.MayResetTwoFactor;

    /// <summary>
    /// Registers the person's subject at a provider for the user before their first log-in with it; the fields are
    /// ProviderId and Subject. A subject already linked to someone, or a second link to the same provider, is refused.
    /// </summary>
    public async Task<CommandResult> LinkAsync(KansliOrAdmin who, string userId, int? providerId, string? subject, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        if (shown is null || !MayManage(shown)) return CommandResult.NotFound;
        var choices = await ChoicesAsync(who, shown, ct);
        var key = subject?.Trim() ?? "";
        var errors = new List<FieldError>();
        var provider = choices.FirstOrDefault(c => c.Id == providerId);
        if (provider is null)
            errors.Add(new(ProviderField, choices.Count == 0
                ? "Ingen påslagen leverantör av e-legitimation finns för användarens förbund."
                : "Välj leverantör ur listan."));
        if (key.Length == 0) errors.Add(new(SubjectField, "Fyll i personens identitet hos leverantören (det anspråk som identifierar personen)."));
        else if (key.Length > 400) errors.Add(new(SubjectField, "Identiteten får vara högst 400 tecken."));
        if (errors.Count > 0) return CommandResult.Refused(null, [.. errors]);

        var scheme = IdentityProvider.SchemeFor(provider!.Id);
        var user = shown.User;
        var existing = await db.UserLogins.AsNoTracking().Where(l => l.LoginProvider == scheme && (l.ProviderKey == key || l.UserId == user.Id))
            .Select(l => new { l.UserId, l.ProviderKey }).ToListAsync(ct);
        if (existing.Any(l => l.ProviderKey == key && l.UserId != user.Id))
            return CommandResult.Refused(null, new FieldError(SubjectField, $"Identiteten {key} hos {provider.Name} är redan kopplad till en annan användare."));
        if (existing.Any(l => l.ProviderKey == key))
            return CommandResult.Refused(null, new FieldError(SubjectField, $"{user.FullName} är redan kopplad till identiteten {key} hos {provider.Name}."));
        if (existing.Count > 0)
            return CommandResult.Refused(null, new FieldError(ProviderField,
                $"{user.FullName} är redan kopplad till {provider.Name}. Ta bort den kopplingen först om identiteten ska bytas."));

        // Identity's manager saves the login row itself; the transaction makes its save and the audit line one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = await users.AddLoginAsync(user, new UserLoginInfo(scheme, key, provider.Name));
        if (!added.Succeeded)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(null, new FieldError(SubjectField, $"Identiteten {key} hos {provider.Name} är redan kopplad till en annan användare."));
        }
        Audit(who, AuditActions.ExternalLoginLinked, user, null, $"{provider.Name}: {key}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done($"{user.FullName} kan nu logga in med e-legitimation via {provider.Name}.");
    }

    /// <summary>The link the user's page asks to remove, if it exists and <paramref name="who"/> may remove it.</summary>
    public async Task<LinkedLogin?> FindAsync(KansliOrAdmin who, string userId, int? providerId, string? subject, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        if (shown is null || !MayManage(shown) || providerId is null || subject is null) return null;
        return (await LinkedAsync(userId, ct)).FirstOrDefault(l => l.ProviderId == providerId && l.Subject == subject);
    }

    /// <summary>
    /// Removes a link once the page asked for confirmation. The user's security stamp is renewed with it (Identity's
    /// manager does so), which ends every session of theirs: one begun with the unlinked e-legitimation among them.
    /// </summary>
    public async Task<CommandResult> UnlinkAsync(KansliOrAdmin who, string userId, int? providerId, string? subject, CancellationToken ct = default)
    {
        var link = await FindAsync(who, userId, providerId, subject, ct);
        if (link is null) return CommandResult.NotFound;
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await users.RemoveLoginAsync(user, IdentityProvider.SchemeFor(link.ProviderId!.Value), link.Subject);
        if (!removed.Succeeded)
        {
            db.ChangeTracker.Clear();
            return CommandResult.NotFound;
        }
        Audit(who, AuditActions.ExternalLoginUnlinked, user, $"{link.ProviderName}: {link.Subject}", null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done($"Kopplingen mellan {user.FullName} och {link.ProviderName} togs bort.");
    }

    private void Audit(KansliOrAdmin who, string action, AppUser user, string? before, string? after) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who.UserId, who.IsAdministrator ? null : who.CurrentForbundId, action,
            user.Email ?? user.Id, before, after));
}
