using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LexHeller.Testing;

/// <summary>
/// A man in the middle of the back channel to a real <see cref="OidcProvider"/>: the app is registered with this
/// proxy's address as its authority, so it reads the discovery document, the keys and the token answer from here,
/// while the browser still logs in at the real provider (the authorization endpoint is the real one's). The token
/// request goes on to the real provider; its id token comes back changed as <see cref="Tampering"/> says. The keys
/// offered are the real provider's and this proxy's own, so a token it re-signs unchanged is a valid one — the control
/// that shows the proxy itself lets a log-in through.
/// </summary>
public sealed class TamperingProvider : IAsyncDisposable
{
    public enum Mode
    {
        /// <summary>Re-signed with the proxy's own published key, claims unchanged: must be accepted.</summary>
        Resigned,
        OtherAudience,
        /// <summary>Issued two hours ago, expired an hour ago.</summary>
        Expired,
        /// <summary>Issued an hour from now, not valid before then.</summary>
        Future,
        /// <summary>The token names an issuer other than the discovery document's.</summary>
        WrongIssuer,
        /// <summary><c>alg: none</c> with an empty signature.</summary>
        Unsigned,
        /// <summary>Signed with a key that is not among the published ones, under the real key's id.</summary>
        UnknownKey,
        /// <summary>The token request is taken and never answered.</summary>
        HangOnToken,
    }

    public const string OtherAudience = "ett-annat-system";
    public const string OtherIssuer = "https://falsk-utfardare.example";

    private readonly OidcProvider _real;
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private readonly RSA _own = RSA.Create(2048);
    private readonly RSA _impostor = RSA.Create(2048);
    private readonly string _ownKeyId = "proxy-" + Guid.NewGuid().ToString("N");
    private int _tokenRequests;

    public TamperingProvider(OidcProvider real)
    {
        _real = real;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        ((IApplicationBuilder)_app).Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Urls.First().TrimEnd('/');
    }

    /// <summary>The proxy's address: the authority the app is given.</summary>
    public string Url { get; }

    public Mode Tampering { get; set; } = Mode.Resigned;

    /// <summary>How many token requests reached the proxy (each a code the app tried to redeem).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                var discovery = JsonNode.Parse(await _http.GetStringAsync(_real.Issuer + "/.well-known/openid-configuration"))!;
                discovery["jwks_uri"] = Url + "/jwks";
                discovery["token_endpoint"] = Url + "/token";
                await WriteJsonAsync(context, 200, discovery.ToJsonString());
                return;
            case "/jwks":
                var discoveryOfReal = JsonNode.Parse(await _http.GetStringAsync(_real.Issuer + "/.well-known/openid-configuration"))!;
                var keys = JsonNode.Parse(await _http.GetStringAsync(discoveryOfReal["jwks_uri"]!.GetValue<string>()))!;
                var own = _own.ExportParameters(includePrivateParameters: false);
                keys["keys"]!.AsArray().Add(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _ownKeyId,
                    ["n"] = Base64UrlEncoder.Encode(own.Modulus), ["e"] = Base64UrlEncoder.Encode(own.Exponent),
                });
                await WriteJsonAsync(context, 200, keys.ToJsonString());
                return;
            case "/token" when HttpMethods.IsPost(context.Request.Method):
                Interlocked.Increment(ref _tokenRequests);
                await TokenAsync(context);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        if (Tampering == Mode.HangOnToken)
        {
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        var discovery = JsonNode.Parse(await _http.GetStringAsync(_real.Issuer + "/.well-known/openid-configuration"))!;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var forward = new HttpRequestMessage(HttpMethod.Post, discovery["token_endpoint"]!.GetValue<string>())
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        if (context.Request.Headers.Authorization.Count > 0)
            forward.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        using var answer = await _http.SendAsync(forward);
        var text = await answer.Content.ReadAsStringAsync();
        if (answer.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text) is JsonObject tokens && tokens["id_token"] is { } idToken)
        {
            tokens["id_token"] = Rewrite(idToken.GetValue<string>());
            text = tokens.ToJsonString();
        }
        await WriteJsonAsync(context, (int)answer.StatusCode, text);
    }

    private string Rewrite(string idToken)
    {
        var original = new JsonWebToken(idToken);
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(original.EncodedPayload))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (Tampering)
        {
            case Mode.OtherAudience:
                claims["aud"] = OtherAudience;
                claims["azp"] = OtherAudience;
                break;
            case Mode.Expired:
                claims["iat"] = now - 7200;
                claims["auth_time"] = now - 7200;
                claims["exp"] = now - 3600;
                break;
            case Mode.Future:
                claims["iat"] = now + 3600;
                claims["nbf"] = now + 3600;
                claims["exp"] = now + 7200;
                break;
            case Mode.WrongIssuer:
                claims["iss"] = OtherIssuer;
                break;
            case Mode.Unsigned:
                return Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(claims.ToJsonString()) + ".";
            case Mode.Resigned:
            case Mode.UnknownKey:
            case Mode.HangOnToken:
                break;
        }
        var key = Tampering == Mode.UnknownKey
            ? new RsaSecurityKey(_impostor) { KeyId = original.Kid }
            : new RsaSecurityKey(_own) { KeyId = _ownKeyId };
        // The times are the ones set above, not the handler's defaults.
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(claims.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        _http.Dispose();
        _own.Dispose();
        _impostor.Dispose();
    }
}
