using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
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

    /// <summary>
    /// The administrator's provider form as it was posted: the text fields untrimmed, the strong acr values one a
    /// line, the förbund ticked. An empty <see cref="Secret"/> on an existing provider keeps the stored one.
    /// </summary>
    public sealed record Form(string? DisplayName, string? Authority, string? ClientId, string? Secret, string? Scopes,
        string? SubjectClaim, string? EmailClaim, string? StrongAcrValues, IReadOnlyList<int> ForbundIds, bool Enabled);

    /// <summary>
    /// Creates (<paramref name="id"/> null) or changes a provider from its form: settings, secret, whether it is
    /// switched on and for which förbund, with one audit line for each of those that changed, in one save. Every
    /// fault in the form is refused on its field and nothing is written; so is a change that would leave a förbund
    /// that has turned passwords off without a switched-on provider. The id of the saved provider comes back.
    /// </summary>
    public async Task<(CommandResult Result, int? Id)> SaveAsync(int? id, Form form, string actorUserId, CancellationToken ct = default)
    {
        IdentityProvider? provider = null;
        if (id is not null)
        {
            provider = await db.IdentityProviders.Include(p => p.Forbund).FirstOrDefaultAsync(p => p.Id == id, ct);
            if (provider is null) return (CommandResult.NotFound, null);
        }
        var forbund = await db.Forbund.Select(f => new { f.Id, f.Name, f.PasswordLoginAllowed }).ToListAsync(ct);
        var otherNames = await db.IdentityProviders.Where(p => p.Id != id).Select(p => p.DisplayName).ToListAsync(ct);
        var errors = Check(form, isNew: provider is null, forbund.Select(f => f.Id).ToHashSet(), otherNames);
        if (errors.Count > 0) return (CommandResult.Refused(null, [.. errors]), null);

        var wanted = form.ForbundIds.Distinct().ToList();
        var beforeForbund = provider?.Forbund.Select(f => f.ForbundId).ToList() ?? [];
        var wasEnabled = provider?.Enabled ?? false;
        // A förbund that turned passwords off must keep a way in: the providers switched on for it.
        var losing = (wasEnabled ? beforeForbund : []).Except(form.Enabled ? wanted : []).ToList();
        var stranded = forbund.Where(f => losing.Contains(f.Id) && !f.PasswordLoginAllowed).ToList();
        if (stranded.Count > 0)
        {
            var strandedIds = stranded.Select(f => f.Id).ToList();
            var covered = await db.Set<IdentityProviderForbund>()
                .Where(x => strandedIds.Contains(x.ForbundId) && x.IdentityProviderId != id
                    && db.IdentityProviders.Any(p => p.Id == x.IdentityProviderId && p.Enabled))
                .Select(x => x.ForbundId).ToListAsync(ct);
            var names = stranded.Where(f => !covered.Contains(f.Id)).Select(f => f.Name).Order(Stockholm.Comparer).ToList();
            if (names.Count > 0)
                return (CommandResult.Refused(null, new FieldError(form.Enabled ? "ForbundIds" : "Enabled",
                    $"{(names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " och " + names[^1])} tillåter inte inloggning med lösenord och har ingen annan påslagen leverantör, så ingen där skulle kunna logga in. " +
                    "Tillåt lösenord för förbundet (under Förbund) eller slå på en annan leverantör för det först.")), null);
        }

        var settings = new Settings(form.DisplayName!, form.Authority!, form.ClientId!, form.Scopes ?? "", form.SubjectClaim ?? "",
            form.EmailClaim ?? "", AcrLines(form.StrongAcrValues));
        var secretChanged = !string.IsNullOrEmpty(form.Secret);
        string? beforeSettings = null;
        if (provider is null)
        {
            provider = IdentityProvider.Create(settings.DisplayName, settings.Authority, settings.ClientId, secrets.Protect(form.Secret!));
            db.IdentityProviders.Add(provider);
        }
        else
        {
            beforeSettings = provider.Describe();
            if (secretChanged) provider.ReplaceSecret(secrets.Protect(form.Secret!));
        }
        Apply(provider, settings);
        var afterSettings = provider.Describe();
        if (beforeSettings is null)
            Audit(AuditActions.IdentityProviderCreated, provider.DisplayName, null, $"{afterSettings}; {SecretChanged}", actorUserId);
        else if (beforeSettings != afterSettings || secretChanged)
            Audit(AuditActions.IdentityProviderUpdated, provider.DisplayName, beforeSettings,
                secretChanged ? $"{afterSettings}; {SecretChanged}" : afterSettings, actorUserId);

        if (form.Enabled != wasEnabled)
        {
            if (form.Enabled) provider.Enable(); else provider.Disable();
            Audit(form.Enabled ? AuditActions.IdentityProviderEnabled : AuditActions.IdentityProviderDisabled, provider.DisplayName, null, null, actorUserId);
        }
        if (!wanted.ToHashSet().SetEquals(beforeForbund))
        {
            string NamesOf(IEnumerable<int> ids) => string.Join(", ", forbund.Where(f => ids.Contains(f.Id)).Select(f => f.Name).Order(StringComparer.Ordinal));
            provider.SetForbund(wanted);
            Audit(AuditActions.IdentityProviderForbundChanged, provider.DisplayName,
                beforeForbund.Count == 0 ? null : NamesOf(beforeForbund), wanted.Count == 0 ? null : NamesOf(wanted), actorUserId);
        }
        await db.SaveChangesAsync(ct);
        return (CommandResult.Done(id is null ? $"Leverantören {provider.DisplayName} lades till." : $"Leverantören {provider.DisplayName} sparades."), provider.Id);
    }

    /// <summary>The strong acr values of the form's text area: one a line, blank lines dropped.</summary>
    public static IReadOnlyList<string> AcrLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What is wrong with the form, each on its field (named as the form's properties), in Swedish.</summary>
    public static IReadOnlyList<FieldError> Check(Form form, bool isNew, IReadOnlySet<int> knownForbund, IReadOnlyCollection<string> otherNames)
    {
        var errors = new List<FieldError>();
        void Length(string field, string? value, int max, string what)
        {
            if ((value?.Trim().Length ?? 0) > max) errors.Add(new(field, $"{what} får vara högst {max} tecken."));
        }
        var name = form.DisplayName?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("DisplayName", "Fyll i leverantörens namn, t.ex. SITHS via Inera."));
        else if (otherNames.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new("DisplayName", $"Det finns redan en leverantör som heter {name}."));
        Length("DisplayName", name, 200, "Namnet");

        if (string.IsNullOrWhiteSpace(form.Authority)) errors.Add(new("Authority", "Fyll i utfärdarens adress, t.ex. https://login.example.se."));
        else if (!IdentityProvider.IsAllowedAuthority(form.Authority))
            errors.Add(new("Authority", "Utfärdaren ska vara en fullständig https-adress, t.ex. https://login.example.se. Vanlig http går bara för 127.0.0.1 och localhost."));
        Length("Authority", form.Authority, 500, "Adressen");

        if (string.IsNullOrWhiteSpace(form.ClientId)) errors.Add(new("ClientId", "Fyll i klient-id, det som leverantören gav Lex Heller."));
        Length("ClientId", form.ClientId, 200, "Klient-id");

        if (isNew && string.IsNullOrEmpty(form.Secret)) errors.Add(new("Secret", "Fyll i klienthemligheten som leverantören gav Lex Heller."));
        else if ((form.Secret?.Length ?? 0) > 500) errors.Add(new("Secret", "Klienthemligheten får vara högst 500 tecken."));

        var scopes = (form.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length > 0 && !scopes.Contains("openid", StringComparer.Ordinal))
            errors.Add(new("Scopes", "Omfånget måste innehålla openid, t.ex. openid email profile."));
        Length("Scopes", form.Scopes, 500, "Omfånget");

        foreach (var (field, value, what) in new[] { ("SubjectClaim", form.SubjectClaim, "Anspråket"), ("EmailClaim", form.EmailClaim, "Anspråket") })
        {
            if (value?.Trim() is { Length: > 0 } claim && claim.Any(char.IsWhiteSpace))
                errors.Add(new(field, "Skriv anspråkets namn utan mellanslag, t.ex. sub."));
            Length(field, value, 100, what);
        }

        var acr = AcrLines(form.StrongAcrValues);
        if (acr.Any(v => v.Any(char.IsWhiteSpace)))
            errors.Add(new("StrongAcrValues", "Skriv ett acr-värde per rad, utan mellanslag i värdet."));
        else if (acr.Any(v => v.Length > 200))
            errors.Add(new("StrongAcrValues", "Ett acr-värde får vara högst 200 tecken."));

        if (form.ForbundIds.Any(f => !knownForbund.Contains(f))) errors.Add(new("ForbundIds", "Välj förbund ur listan."));
        return errors;
    }

    private async Task<string> Names(List<int> forbundIds) =>
        string.Join(", ", (await db.Forbund.Where(f => forbundIds.Contains(f.Id)).Select(f => f.Name).ToListAsync()).Order(StringComparer.Ordinal));

    private static void Apply(IdentityProvider provider, Settings s) =>
        provider.Update(s.DisplayName, s.Authority, s.ClientId, s.Scopes, s.SubjectClaim, s.EmailClaim, s.StrongAcrValues);

    private void Audit(string action, string subject, string? before, string? after, string actorUserId) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, action, subject, before, after));
}
