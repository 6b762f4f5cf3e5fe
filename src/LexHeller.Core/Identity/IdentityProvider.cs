namespace LexHeller.Core.Identity;

/// <summary>
/// An OpenID Connect provider a person may log in through. The client secret is held only in its protected form
/// (see <see cref="ProviderSecretProtector"/>), so a copy of the database does not hand out the secret.
/// Not yet mapped in the database: the mapping, the förbund it is enabled for and the migration come next.
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
