using System.Diagnostics;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LexHeller.Web.Tests.Account;

/// <summary>
/// Log-in through an identity provider that goes wrong: a tampered id token (through <see cref="TamperingProvider"/>,
/// a proxy in front of the real provider), a tampered or replayed answer, a provider that is down or hangs. Each ends
/// on the Swedish failure page with the way to the password log-in, nothing created, the reason in the log — and the
/// client secret in no page and no log line.
/// </summary>
public class ExternalLoginFaultTests
{
    const string Weak = "http://id.elegnamnden.se/loa/1.0/loa2";
    const string Secret = "hemligt-5b1e-ingen-far-se";
    const string Name = "Region Insjöriket";
    const string Email = "rapportor@insjoriket.example";
    const int TimeoutSeconds = 3;

    /// <summary>The real provider, the proxy the app reads its back channel from, and the app with its log captured.</summary>
    sealed class Rig : IAsyncDisposable
    {
        public OidcProvider Provider { get; } = OidcProvider.Start(
            [new OidcProvider.Client("lexheller", Secret, OidcLogin.RedirectUris(), OidcLogin.PostLogoutUris())],
            [new OidcProvider.User("r-1", Email, true, Weak)]);
        public TamperingProvider Proxy { get; }
        public CapturedLogs Logs { get; } = new();
        public AppFactory App { get; }
        public int Id { get; private set; }
        public int UsersBefore { get; private set; }

        Rig(int timeoutSeconds)
        {
            Proxy = new TamperingProvider(Provider);
            App = AppFactory.WithHost(host =>
            {
                host.UseSetting("Identity:ProviderTimeoutSeconds", timeoutSeconds.ToString());
                host.ConfigureLogging(Logs.AddTo);
            });
        }

        /// <summary>
        /// The app with the provider registered at <paramref name="authority"/> (the proxy's address when null), waiting
        /// for the provider as long as the app does by default unless the test is about the timeout.
        /// </summary>
        public static async Task<Rig> StartAsync(string? authority = null, int timeoutSeconds = 10)
        {
            var rig = new Rig(timeoutSeconds);
            // The first answers of a freshly started proxy and provider are slow; the app should not be the one to wait.
            using (var warm = new HttpClient()) await warm.GetStringAsync(rig.Proxy.Url + "/jwks");
            rig.Id = await RegisterAsync(rig.App, authority ?? rig.Proxy.Url);
            rig.UsersBefore = await rig.App.WithDbAsync(db => db.Users.CountAsync());
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            App.Dispose();
            await Proxy.DisposeAsync();
            Provider.Dispose();
        }
    }

    /// <summary>Registers the provider as an administrator would, at the given authority, for Insjöriket.</summary>
    static async Task<int> RegisterAsync(AppFactory app, string authority)
    {
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var admin = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var created = await commands.CreateAsync(new IdentityProviderCommands.Settings(Name, authority, "lexheller",
                IdentityProvider.DefaultScopes, IdentityProvider.DefaultSubjectClaim, IdentityProvider.DefaultEmailClaim, []), Secret, admin);
            var forbund = await db.Forbund.Where(f => f.Code == "INS").Select(f => f.Id).ToListAsync();
            await commands.SetForbundAsync(created.Id, forbund, admin);
            await commands.SetEnabledAsync(created.Id, true, admin);
            await services.GetRequiredService<OidcSchemes>().RefreshAsync(created.Id);
            id = created.Id;
        });
        return id;
    }

    /// <summary>The failure page, nothing created, nobody logged in, the reason logged — and no secret anywhere.</summary>
    static async Task AssertRefusedAsync(Rig rig, Browserless browser, Browserless.Page page, string words, params string[] loggedReason)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/logga-in/extern/misslyckades", page.Url);
        Assert.Contains("Inloggningen misslyckades", page.Text);
        Assert.Contains(words, page.Text);
        Assert.Contains("Logga in med lösenord", page.Text);
        Assert.DoesNotContain(Secret, page.Document.DocumentElement.OuterHtml);
        Assert.Equal(rig.UsersBefore, await rig.App.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.UserLogins.CountAsync()));
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.LoginSessions.CountAsync()));
        var home = await browser.GetAsync("/", follow: false);
        Assert.StartsWith("/logga-in", new Uri(new Uri("https://localhost"), home.Location!).AbsolutePath);
        var logged = rig.Logs.Lines.Where(l => l.Contains($"identity provider {rig.Id} ", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var reason in loggedReason)
            Assert.True(logged.Any(l => l.Contains(reason)), $"No log line about provider {rig.Id} says \"{reason}\":\n{string.Join('\n', logged)}");
        Assert.DoesNotContain(Secret, rig.Logs.Text);
    }

    /// <summary>Presses "Logga in med …" and logs in at the real provider; returns the callback address the provider sent back.</summary>
    static async Task<string> CallbackAsync(Rig rig, Browserless browser, OidcLogin oidc)
    {
        var login = await browser.GetAsync("/logga-in");
        var started = await browser.SubmitAsync(login, new Dictionary<string, string>
        {
            ["provider"] = rig.Id.ToString(), ["Input.Email"] = Email, ["Input.Password"] = "",
        }, action: "/logga-in/extern", follow: false);
        Assert.StartsWith(rig.Provider.Issuer, started.Location);
        var back = await oidc.FollowProviderAsync(started.Location!);
        Assert.StartsWith($"/logga-in/extern/{rig.Id}/svar?", back);
        return back;
    }

    [Fact]
    public async Task The_proxy_lets_a_correctly_signed_token_through_so_the_refusals_below_are_the_tampering()
    {
        await using var rig = await Rig.StartAsync();
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(rig.Id, Email);

        Assert.Equal("/", page.Url);
        Assert.Equal(1, rig.Proxy.TokenRequests);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.LoginSessions.CountAsync()));
        Assert.DoesNotContain(Secret, rig.Logs.Text);
    }

    [Theory]
    [InlineData(TamperingProvider.Mode.OtherAudience, "SecurityTokenInvalidAudienceException")]
    [InlineData(TamperingProvider.Mode.Expired, "SecurityTokenExpiredException")]
    [InlineData(TamperingProvider.Mode.Future, "SecurityTokenNotYetValidException")]
    [InlineData(TamperingProvider.Mode.WrongIssuer, "SecurityTokenInvalidIssuerException")]
    [InlineData(TamperingProvider.Mode.Unsigned, "SecurityTokenInvalidSignatureException")]
    [InlineData(TamperingProvider.Mode.UnknownKey, "SecurityTokenInvalidSignatureException")]
    public async Task A_tampered_id_token_is_refused_in_swedish_with_the_reason_logged_and_nothing_created(TamperingProvider.Mode mode, string reason)
    {
        await using var rig = await Rig.StartAsync();
        rig.Proxy.Tampering = mode;
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(rig.Id, Email);

        Assert.Equal(1, rig.Proxy.TokenRequests);
        await AssertRefusedAsync(rig, browser, page, $"Svaret från {Name} kunde inte godtas", "failed", reason);
    }

    [Fact]
    public async Task A_tampered_state_is_refused_and_the_code_is_never_redeemed()
    {
        await using var rig = await Rig.StartAsync();
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);
        var callback = await CallbackAsync(rig, browser, oidc);
        var query = QueryHelpers.ParseQuery(new Uri("https://localhost" + callback).Query);
        var state = query["state"].ToString();
        var tampered = callback.Replace("state=" + Uri.EscapeDataString(state), "state=" + Uri.EscapeDataString(state[..^4] + "AAAA"));
        Assert.NotEqual(callback, tampered);

        var page = await browser.GetAsync(tampered);

        Assert.Equal(0, rig.Proxy.TokenRequests);
        await AssertRefusedAsync(rig, browser, page, $"Svaret från {Name} kunde inte godtas", "failed", "message.State");
    }

    [Fact]
    public async Task A_callback_sent_again_after_a_log_in_logs_nobody_in_from_a_fresh_browser_or_the_same_one()
    {
        await using var rig = await Rig.StartAsync();
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);
        var callback = await CallbackAsync(rig, browser, oidc);
        var first = await browser.GetAsync(callback);
        Assert.Equal("/", first.Url);
        Assert.Equal(1, rig.Proxy.TokenRequests);

        using var thief = new Browserless(rig.App);
        var stolen = await thief.GetAsync(callback);
        var again = await browser.GetAsync(callback);

        foreach (var page in new[] { stolen, again })
        {
            Assert.StartsWith("/logga-in/extern/misslyckades", page.Url);
            Assert.Contains($"Svaret från {Name} kunde inte godtas", page.Text);
            Assert.Contains("Logga in med lösenord", page.Text);
        }
        var home = await thief.GetAsync("/", follow: false);
        Assert.StartsWith("/logga-in", new Uri(new Uri("https://localhost"), home.Location!).AbsolutePath);
        Assert.Equal(1, rig.Proxy.TokenRequests);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.LoginSessions.CountAsync()));
        Assert.DoesNotContain(Secret, rig.Logs.Text);
    }

    [Fact]
    public async Task A_used_code_brought_back_under_a_fresh_state_is_refused_by_the_provider_and_logs_nobody_in()
    {
        await using var rig = await Rig.StartAsync();
        using var victim = new Browserless(rig.App);
        using var victimAtProvider = new OidcLogin(victim);
        var callback = await CallbackAsync(rig, victim, victimAtProvider);
        Assert.Equal("/", (await victim.GetAsync(callback)).Url);
        await rig.App.WithDbAsync(async db =>
        {
            db.LoginSessions.RemoveRange(db.LoginSessions);
            db.UserLogins.RemoveRange(db.UserLogins);
            return await db.SaveChangesAsync();
        });

        // Someone who saw the address starts a log-in of their own and, on the way back, swaps in the used code.
        using var thief = new Browserless(rig.App);
        using var thiefAtProvider = new OidcLogin(thief);
        var own = await CallbackAsync(rig, thief, thiefAtProvider);
        var fresh = QueryHelpers.ParseQuery(new Uri("https://localhost" + own).Query)["code"].ToString();
        var used = QueryHelpers.ParseQuery(new Uri("https://localhost" + callback).Query)["code"].ToString();
        var replayed = own.Replace("code=" + Uri.EscapeDataString(fresh), "code=" + Uri.EscapeDataString(used));
        Assert.NotEqual(own, replayed);

        var page = await thief.GetAsync(replayed);

        Assert.Equal(2, rig.Proxy.TokenRequests);
        await AssertRefusedAsync(rig, thief, page, $"Svaret från {Name} kunde inte godtas", "failed", "invalid_grant");
    }

    [Fact]
    public async Task A_provider_that_is_down_gets_a_swedish_page_at_the_button()
    {
        await using var rig = await Rig.StartAsync(SilentProvider.ClosedUrl());
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(rig.Id, Email);

        await AssertRefusedAsync(rig, browser, page, $"{Name} svarade inte", "could not be reached");
    }

    [Fact]
    public async Task A_provider_that_never_answers_discovery_gets_a_swedish_page_within_the_timeout()
    {
        using var silent = new SilentProvider();
        await using var rig = await Rig.StartAsync(silent.Url, TimeoutSeconds);
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);

        var clock = Stopwatch.StartNew();
        var page = await oidc.LoginAsync(rig.Id, Email);
        clock.Stop();

        Assert.True(silent.Connections > 0);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds - 0.5), TimeSpan.FromSeconds(TimeoutSeconds + 8));
        await AssertRefusedAsync(rig, browser, page, $"{Name} svarade inte", "could not be reached");
    }

    [Fact]
    public async Task A_provider_that_never_answers_the_token_request_gets_a_swedish_page_within_the_timeout()
    {
        await using var rig = await Rig.StartAsync(timeoutSeconds: TimeoutSeconds);
        rig.Proxy.Tampering = TamperingProvider.Mode.HangOnToken;
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);
        var callback = await CallbackAsync(rig, browser, oidc);

        var clock = Stopwatch.StartNew();
        var page = await browser.GetAsync(callback);
        clock.Stop();

        Assert.Equal(1, rig.Proxy.TokenRequests);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds - 0.5), TimeSpan.FromSeconds(TimeoutSeconds + 8));
        await AssertRefusedAsync(rig, browser, page, $"{Name} svarade inte", "failed");
    }

    [Fact]
    public async Task Where_the_forbund_turned_passwords_off_the_failure_page_offers_no_password_log_in()
    {
        await using var rig = await Rig.StartAsync();
        rig.Proxy.Tampering = TamperingProvider.Mode.WrongIssuer;
        await rig.App.WithDbAsync(async db =>
        {
            (await db.Forbund.SingleAsync(f => f.Code == "INS")).AllowPasswordLogin(false);
            return await db.SaveChangesAsync();
        });
        using var browser = new Browserless(rig.App);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(rig.Id, Email);

        Assert.StartsWith("/logga-in/extern/misslyckades", page.Url);
        Assert.Contains("Inloggningen misslyckades", page.Text);
        Assert.DoesNotContain("Logga in med lösenord", page.Text);
        Assert.Contains("Tillbaka till inloggningen", page.Text);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.LoginSessions.CountAsync()));
    }

    [Fact]
    public async Task The_client_secret_is_stored_encrypted_and_shown_in_no_page_audit_line_or_log()
    {
        await using var rig = await Rig.StartAsync();
        using var person = new Browserless(rig.App);
        using var oidc = new OidcLogin(person);
        Assert.Equal("/", (await oidc.LoginAsync(rig.Id, Email)).Url);
        rig.Proxy.Tampering = TamperingProvider.Mode.UnknownKey;
        using var other = new Browserless(rig.App);
        using var otherAtProvider = new OidcLogin(other);
        Assert.StartsWith("/logga-in/extern/misslyckades", (await otherAtProvider.LoginAsync(rig.Id, Email)).Url);
        await rig.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var adminId = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var settings = await db.IdentityProviders.AsNoTracking().SingleAsync(x => x.Id == rig.Id);
            await services.GetRequiredService<IdentityProviderCommands>().UpdateAsync(rig.Id, new IdentityProviderCommands.Settings(
                settings.DisplayName, settings.Authority, settings.ClientId, settings.Scopes, settings.SubjectClaim, settings.EmailClaim, settings.StrongAcrValues), Secret + "-ny", adminId);
        });

        using var admin = new Browserless(rig.App);
        Assert.Equal("/", (await admin.LoginAsync(LexHeller.Core.Demo.DemoSeeder.AdminEmail)).Url);
        var list = await admin.GetAsync("/inloggning/leverantorer");
        var changes = await admin.GetAsync("/andringslogg");

        Assert.Contains(Name, list.Text);
        Assert.Equal(System.Net.HttpStatusCode.OK, changes.Status);
        foreach (var page in new[] { list, changes })
            Assert.DoesNotContain(Secret, page.Document.DocumentElement.OuterHtml);
        var stored = await rig.App.WithDbAsync(db => db.IdentityProviders.AsNoTracking().SingleAsync(p => p.Id == rig.Id));
        Assert.DoesNotContain(Secret, stored.ProtectedClientSecret);
        var audit = await rig.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Select(a => a.Subject + " " + (a.Before ?? "") + " " + (a.After ?? "")).ToListAsync());
        Assert.Contains(audit, a => a.Contains(IdentityProviderCommands.SecretChanged));
        Assert.DoesNotContain(audit, a => a.Contains(Secret));
        Assert.Contains(rig.Logs.Lines, l => l.Contains($"identity provider {rig.Id} failed"));
        Assert.DoesNotContain(Secret, rig.Logs.Text);
    }
}
