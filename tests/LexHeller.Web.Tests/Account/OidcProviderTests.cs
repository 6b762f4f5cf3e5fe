using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LexHeller.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LexHeller.Web.Tests.Account;

/// <summary>The OpenID provider the log-in tests run against is a real one, configured per test: its discovery document
/// offers what Lex Heller needs, and a code flow with PKCE gives a signed id token with the configured user's claims.</summary>
public class OidcProviderTests : IClassFixture<OidcProvider>
{
    const string RedirectUri = OidcProvider.DefaultRedirectUri;
    readonly OidcProvider _provider;

    public OidcProviderTests(OidcProvider provider) => _provider = provider;

    [Fact]
    public async Task Discovery_offers_pkce_with_s256_logout_and_back_channel_logout()
    {
        using var http = new HttpClient();
        var discovery = await Discovery(http, _provider.Issuer);

        Assert.Equal(_provider.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.StartsWith(_provider.Issuer, discovery.GetProperty("jwks_uri").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith(_provider.Issuer, discovery.GetProperty("end_session_endpoint").GetString());
        Assert.True(discovery.GetProperty("backchannel_logout_supported").GetBoolean());
        var keys = new JsonWebKeySet(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));
        Assert.Contains(keys.Keys, k => k.Kty == "RSA" && k.Alg == "RS256");
    }

    [Fact]
    public async Task Code_flow_with_pkce_gives_a_signed_id_token_with_the_configured_claims()
    {
        var user = _provider.Users[0];
        var token = await CodeFlow(_provider, user.Sub);

        Assert.Equal(user.Sub, token.Subject);
        Assert.Equal(user.Email, Claim(token, "email"));
        Assert.Equal("true", Claim(token, "email_verified"));
        Assert.Equal(user.Acr, Claim(token, "acr"));
    }

    [Fact]
    public async Task Each_test_chooses_its_users_and_the_login_hint_chooses_who_logs_in()
    {
        using var provider = OidcProvider.Start(
            [new OidcProvider.Client("other-client", "other-secret", [RedirectUri])],
            [
                new OidcProvider.User("first", "first@example.se", true, "urn:lexheller:acr:password"),
                new OidcProvider.User("bo-sub", "bo@example.se", false, "urn:lexheller:acr:mfa"),
            ]);

        var token = await CodeFlow(provider, "bo-sub");

        Assert.NotEqual(_provider.Issuer, provider.Issuer);
        Assert.Equal("bo-sub", token.Subject);
        Assert.Equal("bo@example.se", Claim(token, "email"));
        Assert.Equal("false", Claim(token, "email_verified"));
        Assert.Equal("urn:lexheller:acr:mfa", Claim(token, "acr"));
    }

    [Fact]
    public async Task A_code_without_its_pkce_verifier_is_refused()
    {
        var client = _provider.Clients[0];
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        var discovery = await Discovery(http, _provider.Issuer);
        var (code, _) = await Authorize(http, discovery, client, _provider.Users[0].Sub, nonce: "n");

        var response = await http.PostAsync(discovery.GetProperty("token_endpoint").GetString(), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
                ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret,
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    static string? Claim(JsonWebToken token, string name)
    {
        Assert.True(token.TryGetClaim(name, out var claim),
            $"No {name} in the id token: {System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload))}");
        return claim.Value;
    }

    static async Task<JsonElement> Discovery(HttpClient http, string issuer) =>
        JsonDocument.Parse(await http.GetStringAsync(issuer + "/.well-known/openid-configuration")).RootElement;

    static async Task<JsonWebToken> CodeFlow(OidcProvider provider, string sub)
    {
        var client = provider.Clients[0];
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        var discovery = await Discovery(http, provider.Issuer);
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var (code, verifier) = await Authorize(http, discovery, client, sub, nonce);

        var response = await http.PostAsync(discovery.GetProperty("token_endpoint").GetString(), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
                ["code_verifier"] = verifier, ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret,
            }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var idToken = JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;

        var keys = new JsonWebKeySet(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = client.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(nonce, Claim(token, "nonce"));
        return token;
    }

    /// <summary>Sends the authorization request with a fresh PKCE verifier and follows the provider's redirects (its
    /// interaction logs in the login_hint's user and consents) until it redirects back with a code.</summary>
    static async Task<(string Code, string Verifier)> Authorize(HttpClient http, JsonElement discovery,
        OidcProvider.Client client, string sub, string nonce)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var url = QueryHelpers.AddQueryString(discovery.GetProperty("authorization_endpoint").GetString()!,
            new Dictionary<string, string?>
            {
                ["client_id"] = client.ClientId, ["response_type"] = "code", ["scope"] = "openid email",
                ["redirect_uri"] = RedirectUri, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
                ["state"] = state, ["nonce"] = nonce, ["login_hint"] = sub,
            });

        var location = new Uri(url);
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await http.GetAsync(location);
            Assert.True(response.Headers.Location is not null,
                $"{(int)response.StatusCode} from {location}: {await response.Content.ReadAsStringAsync()}");
            location = new Uri(location, response.Headers.Location);
            if (location.GetLeftPart(UriPartial.Path) == RedirectUri)
            {
                var query = QueryHelpers.ParseQuery(location.Query);
                Assert.Equal(state, query["state"].ToString());
                Assert.True(query.ContainsKey("code"), location.ToString());
                return (query["code"].ToString(), verifier);
            }
        }
        throw new InvalidOperationException("The provider never redirected back with a code");
    }
}
