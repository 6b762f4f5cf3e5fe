using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

/// <summary>
/// Log-out after a log-in through a real OpenID provider on loopback: the log-out here ends the provider's session too
/// (RP-initiated log-out), and the provider's log-out ends the session here (back-channel log-out, the provider calling
/// the app over real HTTP); a logout token that is not the provider's own, for this client, fresh and unused, ends nothing.
/// </summary>
public class ExternalLogoutTests
{
    const string Weak = "http://id.elegnamnden.se/loa/1.0/loa2";
    const string Strong = "http://id.elegnamnden.se/loa/1.0/loa3";
    const string Email = "rapportor@insjoriket.example";
    static readonly OidcProvider.User Person = new("r-1", Email, true, Weak);

    [Fact]
    public async Task Logging_out_after_an_e_id_log_in_ends_the_session_here_and_at_the_provider_and_returns_to_the_log_in_page()
    {
        using var provider = OidcProvider.Start([new OidcProvider.Client("lexheller", "hemligt-test", OidcLogin.RedirectUris(), OidcLogin.PostLogoutUris())], [Person]);
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);
        var start = await oidc.LoginAsync(id, Email);
        Assert.Equal("/", start.Url);
        using var copy = CopyOf(app, browser);
        var hint = await app.WithDbAsync(db => db.LoginSessions.Select(s => s.IdTokenHint).SingleAsync());
        Assert.Contains(oidc.ProviderCookies.GetCookies(new Uri(provider.Issuer)), c => c.Name == "_session");

        var asked = await browser.SubmitAsync(start, Form(), "form.logout", follow: false);

        Assert.StartsWith(provider.Issuer + "/", asked.Location);
        var query = QueryHelpers.ParseQuery(new Uri(asked.Location!).Query);
        Assert.Equal(hint, query["id_token_hint"].ToString());
        Assert.Equal($"https://localhost/logga-in/extern/{id}/utloggad", query["post_logout_redirect_uri"].ToString());
        Assert.False(string.IsNullOrEmpty(query["state"]));
        // Ended here before the browser even reaches the provider.
        var session = await app.WithDbAsync(db => db.LoginSessions.SingleAsync());
        Assert.Equal((LoginSessions.LoggedOut, null), (session.EndReason, session.IdTokenHint));

        var back = await oidc.EndProviderSessionAsync(asked.Location!);
        Assert.Equal($"/logga-in/extern/{id}/utloggad", back.AbsolutePath);
        var page = await browser.GetAsync(back.PathAndQuery);

        Assert.Equal("/logga-in", page.Url);
        Assert.Contains("Du är utloggad.", page.Text);
        Assert.DoesNotContain(oidc.ProviderCookies.GetCookies(new Uri(provider.Issuer)), c => c.Name == "_session");
        await AssertLoggedOutAsync(copy);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    public async Task When_the_provider_cannot_be_reached_the_log_out_here_still_completes_without_an_error_page()
    {
        var provider = OidcProvider.Start([new OidcProvider.Client("lexheller", "hemligt-test", OidcLogin.RedirectUris(), OidcLogin.PostLogoutUris())], [Person]);
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);
        var start = await oidc.LoginAsync(id, Email);
        Assert.Equal("/", start.Url);
        provider.Dispose();
        // The provider's settings read again (as after a restart): its discovery document must be fetched anew, and cannot be.
        await app.WithScopeAsync(services => services.GetRequiredService<OidcSchemes>().RefreshAsync(id));

        var asked = await browser.SubmitAsync(start, Form(), "form.logout", follow: false);

        Assert.Equal("/logga-in", asked.Location);
        Assert.Contains("Du är utloggad.", (await browser.GetAsync(asked.Location!)).Text);
        Assert.Equal(LoginSessions.LoggedOut, await app.WithDbAsync(db => db.LoginSessions.Select(s => s.EndReason).SingleAsync()));
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    public async Task When_the_person_logs_out_at_the_provider_it_says_so_over_the_back_channel_and_only_that_session_ends_here()
    {
        using var app = AppFactory.WithRealServer();
        var root = app.RootUrl;
        using var provider = OidcProvider.Start([new OidcProvider.Client("lexheller", "hemligt-test", OidcLogin.RedirectUris(root),
            OidcLogin.PostLogoutUris(root), $"{root}/logga-in/extern/1/bakkanal")], [Person]);
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        Assert.Equal(1, id);
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);
        Assert.Equal("/", (await oidc.LoginAsync(id, Email)).Url);
        using var otherDevice = new Browserless(app);
        Assert.Equal("/", (await otherDevice.LoginAsync(Email)).Url);
        var session = await app.WithDbAsync(db => db.LoginSessions.SingleAsync(s => s.IdentityProviderId == id));
        Assert.False(string.IsNullOrEmpty(session.ExternalSessionId));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/konto", follow: false)).Status);

        // The person logs out on the provider's own page; the provider calls the app before it answers.
        await oidc.EndProviderSessionAsync(provider.Issuer + "/session/end");

        var ended = await app.WithDbAsync(db => db.LoginSessions.SingleAsync(s => s.Id == session.Id));
        Assert.Equal(LoginSessions.LoggedOutAtProvider, ended.EndReason);
        await AssertLoggedOutAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/konto", follow: false)).Status);
    }

    [Fact]
    public async Task A_logout_token_that_is_unsigned_forged_altered_for_another_client_an_id_token_or_replayed_gets_400_and_ends_nothing()
    {
        using var catcher = new LogoutTokenCatcher();
        using var provider = OidcProvider.Start([new OidcProvider.Client("lexheller", "hemligt-test", OidcLogin.RedirectUris(),
            OidcLogin.PostLogoutUris(), catcher.Url)], [Person]);
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        var otherClient = await RegisterAnotherClientAsync(app, provider);
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);
        Assert.Equal("/", (await oidc.LoginAsync(id, Email)).Url);
        var idToken = await app.WithDbAsync(db => db.LoginSessions.Select(s => s.IdTokenHint).SingleAsync());

        // The provider's own logout token, caught on its way, so that the test can bend it.
        var caught = catcher.NextAsync();
        await oidc.EndProviderSessionAsync(provider.Issuer + "/session/end");
        var genuine = await caught.WaitAsync(TimeSpan.FromSeconds(30));
        var parts = genuine.Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains(BackChannelLogoutTokens.Event, claims);

        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"logout+jwt"}""")}.{parts[1]}.";
        var otherPerson = claims.Replace("\"r-1\"", "\"r-2\"");
        Assert.NotEqual(claims, otherPerson);
        var altered = $"{parts[0]}.{Base64UrlEncoder.Encode(otherPerson)}.{parts[2]}";
        using var ownKey = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(claims,
            new SigningCredentials(new RsaSecurityKey(ownKey) { KeyId = new JsonWebToken(genuine).Kid }, SecurityAlgorithms.RsaSha256));
        foreach (var (token, to) in new[] { ("", id), ("inte-en-token", id), (unsigned, id), (altered, id), (forged, id), (genuine, otherClient), (idToken!, id) })
        {
            var answer = await PostLogoutTokenAsync(app, to, token);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} for {token[..Math.Min(40, token.Length)]}… to provider {to}");
            Assert.Null(await app.WithDbAsync(db => db.LoginSessions.Select(s => s.EndedAt).SingleAsync()));
        }

        var accepted = await PostLogoutTokenAsync(app, id, genuine);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(accepted.Headers.CacheControl?.NoStore);
        Assert.Equal(LoginSessions.LoggedOutAtProvider, await app.WithDbAsync(db => db.LoginSessions.Select(s => s.EndReason).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostLogoutTokenAsync(app, id, genuine)).StatusCode);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    public async Task A_logout_naming_only_the_subject_ends_that_persons_every_session_through_that_provider_and_no_other()
    {
        using var app = new AppFactory();
        (int BySubject, int ByUnknownSid, List<string?> Reasons) ended = default;
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var admin = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var person = await db.Users.Where(u => u.Email == Email).Select(u => u.Id).SingleAsync();
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            var settings = new IdentityProviderCommands.Settings("Freja eID", "https://idp.example", "lexheller", IdentityProvider.DefaultScopes,
                IdentityProvider.DefaultSubjectClaim, IdentityProvider.DefaultEmailClaim, [Strong]);
            var freja = await commands.CreateAsync(settings, "hemligt", admin);
            var other = await commands.CreateAsync(settings with { DisplayName = "Region Insjöriket" }, "hemligt", admin);
            var now = app.Clock.GetUtcNow();
            db.LoginSessions.AddRange(
                LoginSession.External(person, freja, Weak, false, "sid-1", "r-1", null, now),
                LoginSession.External(person, freja, Weak, false, "sid-2", "r-1", null, now),
                LoginSession.External(admin, freja, Weak, false, "sid-3", "r-2", null, now),
                LoginSession.External(person, other, Weak, false, "sid-4", "r-1", null, now),
                LoginSession.Password(person, false, now));
            await db.SaveChangesAsync();
            var sessions = services.GetRequiredService<LoginSessions>();
            var bySubject = await sessions.EndAtProviderAsync(freja.Id, null, "r-1");
            var byUnknownSid = await sessions.EndAtProviderAsync(freja.Id, "sid-9", "r-2");
            var reasons = await db.LoginSessions.AsNoTracking().OrderBy(s => s.ExternalSessionId != null).ThenBy(s => s.ExternalSessionId).Select(s => s.EndReason).ToListAsync();
            ended = (bySubject, byUnknownSid, reasons);
        });

        Assert.Equal(2, ended.BySubject);
        Assert.Equal(0, ended.ByUnknownSid);
        // Ordered by sid: the password session (none), sid-1, sid-2, sid-3, sid-4.
        Assert.Equal([null, LoginSessions.LoggedOutAtProvider, LoginSessions.LoggedOutAtProvider, null, null], ended.Reasons);
    }

    static async Task<HttpResponseMessage> PostLogoutTokenAsync(AppFactory app, int providerId, string token)
    {
        // As the provider posts it: no cookie of the person's and no form token.
        using var provider = app.CreateDefaultClient(new Uri("https://localhost"));
        return await provider.PostAsync($"/logga-in/extern/{providerId}/bakkanal", new FormUrlEncodedContent([new("logout_token", token)]));
    }

    static async Task AssertLoggedOutAsync(Browserless browser)
    {
        var page = await browser.GetAsync("/konto", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/logga-in", new Uri(new Uri("https://localhost"), page.Location!).AbsolutePath);
    }

    static Browserless CopyOf(AppFactory app, Browserless browser)
    {
        var copy = new Browserless(app);
        var root = new Uri("https://localhost/");
        foreach (Cookie cookie in browser.Cookies.GetCookies(root)) copy.Cookies.Add(root, new Cookie(cookie.Name, cookie.Value));
        return copy;
    }

    /// <summary>The same provider registered once more with another client id: a token for lexheller is not for it.</summary>
    static async Task<int> RegisterAnotherClientAsync(AppFactory app, OidcProvider provider)
    {
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var admin = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var created = await commands.CreateAsync(new IdentityProviderCommands.Settings("Annan klient", provider.Issuer, "annan",
                IdentityProvider.DefaultScopes, IdentityProvider.DefaultSubjectClaim, IdentityProvider.DefaultEmailClaim, [Strong]), "annat-hemligt", admin);
            await commands.SetForbundAsync(created.Id, [await db.Forbund.Where(f => f.Code == "INS").Select(f => f.Id).SingleAsync()], admin);
            await commands.SetEnabledAsync(created.Id, true, admin);
            await services.GetRequiredService<OidcSchemes>().RefreshAsync(created.Id);
            id = created.Id;
        });
        return id;
    }

    /// <summary>A back-channel log-out address on loopback that keeps the logout token the provider posts to it.</summary>
    sealed class LogoutTokenCatcher : IDisposable
    {
        readonly HttpListener _listener = new();

        public LogoutTokenCatcher()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/bakkanal/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
        }

        public string Url { get; }

        public async Task<string> NextAsync()
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var form = QueryHelpers.ParseQuery(await reader.ReadToEndAsync());
            context.Response.StatusCode = 200;
            context.Response.Close();
            return form["logout_token"].ToString();
        }

        public void Dispose() => _listener.Close();
    }
}
