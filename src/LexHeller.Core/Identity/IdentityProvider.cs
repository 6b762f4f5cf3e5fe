namespace LexHeller.Core.Identity;

/// <summary>
/// An OpenID Connect provider a person may log in through. The client secret is held only in its protected form
/// (see <see cref="ProviderSecretProtector"/>), so a copy of the database does not hand out the secret.
/// </summary>
public class IdentityProvider
{
    public const string DefaultScopes = "openid email profile";
    public const string DefaultSubjectClaim = "sub";
    public const string DefaultEmailClaim = "email";

    private IdentityProvider() { }

    public int Id { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string Authority { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    public string ProtectedClientSecret { get; private set; } = "";
    public string Scopes { get; private set; } = DefaultScopes;
    public string SubjectClaim { get; private set; } = DefaultSubjectClaim;
    public string EmailClaim { get; private set; } = DefaultEmailClaim;
    /// <summary>The acr values that count as a strong log-in.</summary>
    public List<string> StrongAcrValues { get; private set; } = [];
    public bool Enabled { get; private set; }

    private readonly List<IdentityProviderForbund> _forbund = [];
    /// <summary>The förbund whose people may log in through this provider.</summary>
    public IReadOnlyCollection<IdentityProviderForbund> Forbund => _forbund;

    public void SetForbund(IEnumerable<int> forbundIds)
    {
        var wanted = forbundIds.ToHashSet();
        _forbund.RemoveAll(f => !wanted.Contains(f.ForbundId));
        foreach (var id in wanted.Where(id => _forbund.All(f => f.ForbundId != id)))
            _forbund.Add(new IdentityProviderForbund(id));
    }

    public static IdentityProvider Create(string displayName, string authority, string clientId, string protectedSecret)
    {
        if (!IsAllowedAuthority(authority)) throw new ArgumentException("The authority must be an absolute https address.", nameof(authority));
        return new IdentityProvider
        {
            DisplayName = displayName.Trim(),
            Authority = authority.Trim(),
            ClientId = clientId.Trim(),
            ProtectedClientSecret = protectedSecret,
        };
    }

    /// <summary>Changes the settings; the secret is replaced on its own through <see cref="ReplaceSecret"/>.</summary>
    public void Update(string displayName, string authority, string clientId, string scopes, string subjectClaim,
        string emailClaim, IEnumerable<string> strongAcrValues)
    {
        if (!IsAllowedAuthority(authority)) throw new ArgumentException("The authority must be an absolute https address.", nameof(authority));
        DisplayName = displayName.Trim();
        Authority = authority.Trim();
        ClientId = clientId.Trim();
        Scopes = string.IsNullOrWhiteSpace(scopes) ? DefaultScopes : string.Join(' ', scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        SubjectClaim = string.IsNullOrWhiteSpace(subjectClaim) ? DefaultSubjectClaim : subjectClaim.Trim();
        EmailClaim = string.IsNullOrWhiteSpace(emailClaim) ? DefaultEmailClaim : emailClaim.Trim();
        StrongAcrValues = strongAcrValues.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
    }

    /// <summary>The settings as the audit trail shows them: never the secret.</summary>
    public string Describe() =>
        $"Namn: {DisplayName}; Utfärdare: {Authority}; Klient-id: {ClientId}; Omfång: {Scopes}; " +
        $"Personens anspråk: {SubjectClaim}; E-postanspråk: {EmailClaim}; Starka acr: {string.Join(", ", StrongAcrValues)}";

    /// <summary>Whether this acr is one the administrator marked strong.</summary>
    public bool IsStrong(string? acr) => acr is not null && StrongAcrValues.Contains(acr, StringComparer.Ordinal);

    /// <summary>The authentication scheme this provider is registered under while the app runs.</summary>
    public string SchemeName => SchemeFor(Id);

    public static string SchemeFor(int id) => $"oidc-{id}";

    public void ReplaceSecret(string protectedSecret) => ProtectedClientSecret = protectedSecret;
    public void Enable() => Enabled = true;
    public void Disable() => Enabled = false;

    /// <summary>An absolute https address; plain http only on this machine (127.0.0.1, localhost), for a test provider.</summary>
    public static bool IsAllowedAuthority(string? authority)
    {
        if (!Uri.TryCreate(authority?.Trim(), UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme == Uri.UriSchemeHttps) return true;
        return uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback && (uri.Host == "127.0.0.1" || uri.Host == "localhost"));
    }
}

/// <summary>A förbund for which an identity provider is enabled.</summary>
public class IdentityProviderForbund
{
    private IdentityProviderForbund() { }
    internal IdentityProviderForbund(int forbundId) => ForbundId = forbundId;

    public int IdentityProviderId { get; private set; }
    public int ForbundId { get; private set; }
}
