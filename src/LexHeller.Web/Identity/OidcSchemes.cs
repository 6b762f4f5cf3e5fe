using System.Collections.Concurrent;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LexHeller.Web.Identity;

/// <summary>
/// The identity providers as authentication schemes of the running app: a provider added, changed, switched on or
/// off takes effect at once, without a restart. Each switched-on provider is the scheme <c>oidc-{id}</c>, an
/// OpenID Connect handler whose options are read from the database when first needed and read again after a change.
/// Another instance may have made the change: every request that starts, answers or ends a log-in through a provider
/// compares the stored settings with those this instance built the scheme from (<see cref="EnsureAsync"/>).
/// </summary>
public sealed class OidcSchemes(
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitorCache<OpenIdConnectOptions> optionsCache,
    IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    // What each provider's scheme was built from here: its stored settings, as one string.
    private readonly ConcurrentDictionary<int, string> _builtFrom = new();

    /// <summary>Registers every switched-on provider; the app calls it once as it starts.</summary>
    public async Task LoadAllAsync()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var ids = await db.IdentityProviders.AsNoTracking().Select(p => p.Id).ToListAsync();
        foreach (var id in ids) await RefreshAsync(id);
    }

    /// <summary>
    /// Makes the provider's scheme here follow its stored settings: added, changed, switched on or off, perhaps by
    /// another instance. One small read; the scheme is rebuilt only when the settings differ from those it was built from.
    /// </summary>
    public async Task EnsureAsync(int providerId)
    {
        var stored = await StoredAsync(providerId);
        if (_builtFrom.TryGetValue(providerId, out var built) && built == stored) return;
        await ApplyAsync(providerId, stored);
    }

    /// <summary>Call after a provider's settings were saved: the scheme follows the stored settings from the next request.</summary>
    public async Task RefreshAsync(int providerId) => await ApplyAsync(providerId, await StoredAsync(providerId));

    private async Task<string> StoredAsync(int providerId)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var p = await db.IdentityProviders.AsNoTracking().Where(p => p.Id == providerId)
            .Select(p => new { p.Enabled, p.Authority, p.ClientId, p.ProtectedClientSecret, p.Scopes, p.SubjectClaim, p.EmailClaim, p.StrongAcrValues })
            .FirstOrDefaultAsync();
        return p is null ? "" : string.Join('\u001f', p.Enabled, p.Authority, p.ClientId, p.ProtectedClientSecret, p.Scopes, p.SubjectClaim,
            p.EmailClaim, string.Join(' ', p.StrongAcrValues));
    }

    private async Task ApplyAsync(int providerId, string stored)
    {
        var name = IdentityProvider.SchemeFor(providerId);
        var enabled = stored.StartsWith(bool.TrueString, StringComparison.Ordinal);
        await _lock.WaitAsync();
        try
        {
            optionsCache.TryRemove(name);
            var registered = await schemes.GetSchemeAsync(name) is not null;
            if (enabled && !registered)
                schemes.TryAddScheme(new AuthenticationScheme(name, null, typeof(OpenIdConnectHandler)));
            else if (!enabled && registered)
                schemes.RemoveScheme(name);
            _builtFrom[providerId] = stored;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Before authentication: a request to a provider's own paths (the answer after log-in, the log-out's return and
    /// front channel, all under <c>/logga-in/extern/{id}/</c>) finds that provider's scheme as stored, even when
    /// another instance started the log-in after the provider was added or changed there.
    /// </summary>
    public static async Task FollowProviderPathsAsync(HttpContext context, Func<Task> next)
    {
        const string prefix = "/logga-in/extern/";
        var path = context.Request.Path.Value;
        if (path is not null && path.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(prefix.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0 && int.TryParse(rest[..slash], out var id) && id > 0)
                await context.RequestServices.GetRequiredService<OidcSchemes>().EnsureAsync(id);
        }
        await next();
    }
}

/// <summary>
/// The options of a provider's scheme, from its stored settings: code flow with PKCE, nonce and state, discovery at
/// the issuer, the claims as the provider names them, and the failures sent to a Swedish page with the reason logged.
/// </summary>
public sealed class OidcOptionsFromDatabase(IServiceScopeFactory scopes, ProviderSecretProtector secrets, IConfiguration configuration)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public const string LoginHintItem = "login_hint";
    public const string ReturnUrlItem = "returnUrl";
    /// <summary>The HttpContext item through which the log-out hands the session's id token to the provider's end-session request.</summary>
    public const string IdTokenHintItem = "lh:id_token_hint";

    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || !name.StartsWith("oidc-", StringComparison.Ordinal) || !int.TryParse(name.AsSpan(5), out var id)) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var provider = db.IdentityProviders.AsNoTracking().FirstOrDefault(p => p.Id == id)
            ?? throw new InvalidOperationException($"No identity provider {id}.");

        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.SignOutScheme = IdentityConstants.ApplicationScheme;
        options.Authority = provider.Authority;
        options.RequireHttpsMetadata = provider.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        options.ClientId = provider.ClientId;
        options.ClientSecret = secrets.Unprotect(provider.ProtectedClientSecret);
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The answer comes back as a top-level GET, so the state and nonce cookies can stay SameSite=Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scopeName in provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) options.Scope.Add(scopeName);
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = true;
        // The handler drops acr by default; it says how strongly the person authenticated, so it is kept.
        options.ClaimActions.Remove("acr");
        options.CallbackPath = $"/logga-in/extern/{id}/svar";
        options.SignedOutCallbackPath = $"/logga-in/extern/{id}/utloggad";
        options.RemoteSignOutPath = $"/logga-in/extern/{id}/frontkanal";
        options.BackchannelTimeout = TimeSpan.FromSeconds(configuration.GetValue("Identity:ProviderTimeoutSeconds", 10));
        options.TokenValidationParameters.NameClaimType = provider.SubjectClaim;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Properties.Items.TryGetValue(LoginHintItem, out var hint) && !string.IsNullOrWhiteSpace(hint))
                    context.ProtocolMessage.LoginHint = hint;
                return Task.CompletedTask;
            },
            // The handler accepts an unsigned id token from the token endpoint (OpenID Connect lets the TLS of the back
            // channel vouch for it); Lex Heller does not, so a token with alg "none" cannot stand in for the provider's.
            OnTokenResponseReceived = context =>
            {
                if (context.TokenEndpointResponse.IdToken is { Length: > 0 } idToken && !IsSigned(idToken))
                    context.Fail(new SecurityTokenInvalidSignatureException("The id token from the token endpoint is not signed."));
                return Task.CompletedTask;
            },
            // The app's cookie holds no tokens; the log-out passes the session's id token, and the provider learns
            // which session of whom to end.
            OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.HttpContext.Items[IdTokenHintItem] is string hint) context.ProtocolMessage.IdTokenHint = hint;
                return Task.CompletedTask;
            },
            // Back from the provider's log-out without our state (an old or copied link): to the log-in page all the same.
            OnSignedOutCallbackRedirect = context =>
            {
                if (string.IsNullOrEmpty(context.Properties?.RedirectUri))
                {
                    context.Response.Redirect("/logga-in");
                    context.HandleResponse();
                }
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<OidcSchemes>>();
                logger.LogWarning("Log-in through identity provider {ProviderId} failed: {Reason}", id, ExternalLoginFailures.Describe(context.Failure));
                var failure = ExternalLoginFailures.IsUnreachable(context.Failure) ? ExternalLoginFailure.ProviderUnreachable : ExternalLoginFailure.ProviderAnswer;
                context.Response.Redirect(ExternalLoginFailures.PageFor(failure, id));
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    private static bool IsSigned(string idToken)
    {
        try
        {
            var token = new JsonWebToken(idToken);
            return token.EncodedSignature.Length > 0 && !string.Equals(token.Alg, "none", StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            // Not a token at all: the handler's own validation refuses it with its reason.
            return true;
        }
    }
}
