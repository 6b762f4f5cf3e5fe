using System.Security.Cryptography;

namespace LexHeller.Core.Identity;

/// <summary>
/// One log-in: how the person authenticated, and — for a log-in through an identity provider — the provider's own
/// session, so that the provider can end ours (back-channel log-out) and we can end theirs (RP-initiated log-out).
/// The login cookie carries the session's id; a session with <see cref="EndedAt"/> set lets no request through.
/// </summary>
public class LoginSession
{
    private LoginSession() { }

    public string Id { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    /// <summary>The provider, for a log-in through one; null for a password.</summary>
    public int? IdentityProviderId { get; private set; }
    /// <summary>The provider's name at the time, so that the record reads the same after a rename or removal.</summary>
    public string? ProviderName { get; private set; }
    public string? Acr { get; private set; }
    /// <summary>Whether the provider's acr was one the administrator marked strong (it then counts as the second factor).</summary>
    public bool StrongAuthentication { get; private set; }
    /// <summary>Whether an authenticator app's code (or a recovery code) was given in this log-in.</summary>
    public bool AuthenticatorCode { get; private set; }
    /// <summary>The provider's session id (the id token's sid), named by a back-channel log-out.</summary>
    public string? ExternalSessionId { get; private set; }
    /// <summary>The person's subject at the provider.</summary>
    public string? ExternalSubject { get; private set; }
    /// <summary>The provider's id token, sent back as the hint when we ask the provider to end its session.</summary>
    public string? IdTokenHint { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    public static LoginSession Password(string userId, bool authenticatorCode, DateTimeOffset now) => new()
    {
        Id = NewId(), UserId = userId, StartedAt = now, AuthenticatorCode = authenticatorCode,
    };

    public static LoginSession External(string userId, IdentityProvider provider, string? acr, bool authenticatorCode,
        string? externalSessionId, string? externalSubject, string? idToken, DateTimeOffset now) => new()
    {
        Id = NewId(), UserId = userId, StartedAt = now,
        IdentityProviderId = provider.Id, ProviderName = provider.DisplayName,
        Acr = acr, StrongAuthentication = provider.IsStrong(acr), AuthenticatorCode = authenticatorCode,
        ExternalSessionId = externalSessionId, ExternalSubject = externalSubject, IdTokenHint = idToken,
    };

    /// <summary>How the person logged in, in the words "Mitt konto" and the access log use.</summary>
    public string Method => Describe(ProviderName, Acr, StrongAuthentication, AuthenticatorCode);

    public static string Describe(string? providerName, string? acr, bool strong, bool authenticatorCode)
    {
        // The acr itself (often a long URI) stays in the record; the words say only what it meant.
        var first = providerName is null ? "Lösenord" : strong ? $"{providerName} (stark autentisering)" : providerName;
        return authenticatorCode ? $"{first} och autentiseringsapp" : first;
    }

    public void End(string reason, DateTimeOffset now)
    {
        if (EndedAt is not null) return;
        EndedAt = now;
        EndReason = reason;
        // The id token served as the hint for ending the provider's session; an ended session keeps no token.
        IdTokenHint = null;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
