using System.Collections.Concurrent;
using System.Text.Json;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LexHeller.Web.Identity;

/// <summary>
/// Checks a provider's logout token as OpenID Connect Back-Channel Logout 1.0 asks: signed with one of the provider's
/// keys (from its discovery document, as the log-in's id tokens are), issued by the provider to our client id, issued
/// lately, carrying the back-channel log-out event, naming a session (sid) or a person (sub), and without a nonce,
/// so that an id token can never pass for one. A token seen before (its jti) is refused, so a copy cannot be replayed
/// while it is fresh; the memory of seen tokens is this instance's own and lasts as long as a token is fresh.
/// </summary>
public sealed class BackChannelLogoutTokens(
    OidcSchemes oidcSchemes,
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitor<OpenIdConnectOptions> options,
    TimeProvider clock)
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new();
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The session (sid) and person (sub) a valid token names, or why the token was refused.</summary>
    public sealed record Result(string? Sid, string? Sub, string? Refusal)
    {
        public bool Valid => Refusal is null;
        public static Result Refused(string why) => new(null, null, why);
    }

    public async Task<Result> ValidateAsync(int providerId, string? token, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(token)) return Result.Refused("no logout_token");
        var scheme = IdentityProvider.SchemeFor(providerId);
        await oidcSchemes.EnsureAsync(providerId);
        if (await schemes.GetSchemeAsync(scheme) is null) return Result.Refused("unknown or switched-off provider");
        var settings = options.Get(scheme);

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await settings.ConfigurationManager!.GetConfigurationAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return Result.Refused("the provider's keys could not be read: " + e.Message);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            // Its times are checked below against the app's clock; a logout token need not carry exp.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var validated = await _handler.ValidateTokenAsync(token, parameters);
        if (!validated.IsValid && validated.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have turned to a new key since the keys were read (the manager limits how often it asks).
            settings.ConfigurationManager.RequestRefresh();
            try
            {
                configuration = await settings.ConfigurationManager.GetConfigurationAsync(cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                return Result.Refused("the provider's keys could not be read again: " + e.Message);
            }
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            validated = await _handler.ValidateTokenAsync(token, parameters);
        }
        if (!validated.IsValid || validated.SecurityToken is not JsonWebToken jwt)
            return Result.Refused(validated.Exception?.GetType().Name + ": " + validated.Exception?.Message);

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        var claims = payload.RootElement;
        var now = clock.GetUtcNow();
        if (!claims.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var issued)) return Result.Refused("no iat");
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issued);
        if (issuedAt < now - Fresh || issuedAt > now + Skew) return Result.Refused($"iat {issuedAt:O} is not within {Fresh} of {now:O}");
        if (claims.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var expires) && DateTimeOffset.FromUnixTimeSeconds(expires) < now - Skew)
            return Result.Refused("expired");
        if (claims.TryGetProperty("nonce", out _)) return Result.Refused("a nonce: this is not a logout token");
        if (!claims.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(Event, out var logout) || logout.ValueKind != JsonValueKind.Object)
            return Result.Refused("no back-channel log-out event");
        var sid = claims.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var sub = claims.TryGetProperty("sub", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (string.IsNullOrEmpty(sid) && string.IsNullOrEmpty(sub)) return Result.Refused("neither sid nor sub");

        if (claims.TryGetProperty("jti", out var j) && j.ValueKind == JsonValueKind.String && j.GetString() is { Length: > 0 } jti)
        {
            foreach (var old in _seen.Where(e => e.Value < now).Select(e => e.Key).ToList()) _seen.TryRemove(old, out _);
            if (!_seen.TryAdd($"{providerId} {jti}", issuedAt + Fresh + Skew)) return Result.Refused($"jti {jti} seen before");
        }
        return new Result(sid, sub, null);
    }
}
