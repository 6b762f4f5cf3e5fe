using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// The administrator's changes to identity providers. Each is one save (one transaction) with its audit line;
/// the secret is protected before it is stored and the audit only says that it changed.
/// </summary>
public sealed class IdentityProviderCommands(LexHellerDb db, ProviderSecretProtector secrets, TimeProvider clock)
{
    public const string SecretChanged = "hemligheten ändrades";

    public record Settings(string DisplayName, string Authority, string ClientId, string Scopes, string SubjectClaim,
        string EmailClaim, IReadOnlyList<string> StrongAcrValues);

    public async Task<IdentityProvider> CreateAsync(Settings settings, string secret, string actorUserId)
    {
        var provider = IdentityProvider.Create(settings.DisplayName, settings.Authority, settings.ClientId, secrets.Protect(secret));
        Apply(provider, settings);
        db.IdentityProviders.Add(provider);
        Audit(AuditActions.IdentityProviderCreated, provider.DisplayName, null, $"{provider.Describe()}; {SecretChanged}", actorUserId);
        await db.SaveChangesAsync();
        return provider;
    }

    /// <summary>Saves new settings; an empty <paramref name="newSecret"/> keeps the stored secret.</summary>
    public async Task<bool> UpdateAsync(int id, Settings settings, string? newSecret, string actorUserId)
    {
        var provider = await db.IdentityProviders.FirstOrDefaultAsync(p => p.Id == id);
        if (provider is null) return false;
        var before = provider.Describe();
        Apply(provider, settings);
        var after = provider.Describe();
        if (!string.IsNullOrEmpty(newSecret))
        {
            provider.ReplaceSecret(secrets.Protect(newSecret));
            after += $"; {SecretChanged}";
        }
        Audit(AuditActions.IdentityProviderUpdated, provider.DisplayName, before, after, actorUserId);
        await db.SaveChangesAsync();
        return true;
    }

    public async Task<bool> SetEnabledAsync(int id, bool enabled, string actorUserId)
    {
        var provider = await db.IdentityProviders.FirstOrDefaultAsync(p => p.Id == id);
        if (provider is null) return false;
        if (enabled) provider.Enable(); else provider.Disable();
        Audit(enabled ? AuditActions.IdentityProviderEnabled : AuditActions.IdentityProviderDisabled, provider.DisplayName, null, null, actorUserId);
        await db.SaveChangesAsync();
        return true;
    }

    public async Task<bool> SetForbundAsync(int id, IReadOnlyCollection<int> forbundIds, string actorUserId)
    {
        var provider = await db.IdentityProviders.Include(p => p.Forbund).FirstOrDefaultAsync(p => p.Id == id);
        if (provider is null) return false;
        var known = await db.Forbund.Where(f => forbundIds.Contains(f.Id)).Select(f => new { f.Id, f.Name }).ToListAsync();
        var before = await Names(provider.Forbund.Select(f => f.ForbundId).ToList());
        provider.SetForbund(known.Select(f => f.Id));
        Audit(AuditActions.IdentityProviderForbundChanged, provider.DisplayName, before,
            string.Join(", ", known.Select(f => f.Name).Order(StringComparer.Ordinal)), actorUserId);
        await db.SaveChangesAsync();
        return true;
    }

    private async Task<string> Names(List<int> forbundIds) =>
        string.Join(", ", (await db.Forbund.Where(f => forbundIds.Contains(f.Id)).Select(f => f.Name).ToListAsync()).Order(StringComparer.Ordinal));

    private static void Apply(IdentityProvider provider, Settings s) =>
        provider.Update(s.DisplayName, s.Authority, s.ClientId, s.Scopes, s.SubjectClaim, s.EmailClaim, s.StrongAcrValues);

    private void Audit(string action, string subject, string? before, string? after, string actorUserId) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, action, subject, before, after));
}
