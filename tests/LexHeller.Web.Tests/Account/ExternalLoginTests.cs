using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Account;

/// <summary>
/// Log-in through a real OpenID provider on loopback, the whole code flow over HTTP: who is let in (an invited account
/// by its verified e-mail or by a registered subject) and who is not (anyone else, with nothing created), how a strong
/// acr stands in for the authenticator app and a weak one does not, and a förbund that turned passwords off.
/// </summary>
public class ExternalLoginTests
{
    const string Strong = "http://id.elegnamnden.se/loa/1.0/loa3";
    const string Weak = "http://id.elegnamnden.se/loa/1.0/loa2";

    static OidcProvider StartProvider(params OidcProvider.User[] users) => OidcProvider.Start(
        [new OidcProvider.Client("lexheller", "hemligt-test", OidcLogin.RedirectUris(), OidcLogin.PostLogoutUris())], users);

    [Fact]
    public async Task An_invited_account_is_linked_by_its_verified_email_in_any_case_and_logged_in()
    {
        using var provider = StartProvider(new OidcProvider.User("fk-4711", "RAPPORTOR@Insjoriket.example", true, Weak));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "SITHS via Inera", [Strong], "INS");
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(id, "rapportor@insjoriket.example");

        Assert.Equal("/", page.Url);
        var (login, audit, session) = await app.WithDbAsync(async db => (
            await db.UserLogins.SingleAsync(),
            await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ExternalLoginLinkedByEmail),
            await db.LoginSessions.SingleAsync()));
        Assert.Equal(("oidc-" + id, "fk-4711"), (login.LoginProvider, login.ProviderKey));
        Assert.Contains("SITHS via Inera", audit.After);
        Assert.Equal(login.UserId, session.UserId);
        Assert.Equal("SITHS via Inera", session.Method);
        Assert.Equal(Weak, session.Acr);
        Assert.Equal("fk-4711", session.ExternalSubject);
        Assert.NotNull(session.IdTokenHint);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == login.UserId).Select(u => u.LastLoginAt).SingleAsync()));
    }

    [Fact]
    public async Task A_subject_registered_for_an_account_logs_it_in_whatever_email_the_provider_sends()
    {
        using var provider = StartProvider(new OidcProvider.User("199001011234", "", true, Weak));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "rapportor.kommun@insjoriket.example");
            db.UserLogins.Add(new() { LoginProvider = "oidc-" + id, ProviderKey = "199001011234", ProviderDisplayName = "Freja eID", UserId = user.Id });
            return await db.SaveChangesAsync();
        });
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(id);

        Assert.Equal("/", page.Url);
        var start = await browser.GetAsync("/konto");
        Assert.Contains("rapportor.kommun@insjoriket.example", start.Text);
    }

    [Theory]
    [InlineData("okand@insjoriket.example", true, ExternalLoginFailures.NoAccountText)]
    [InlineData("rapportor@insjoriket.example", false, "har inte bekräftat din e-postadress")]
    [InlineData("", true, "skickade ingen e-postadress")]
    [InlineData("rapportor@sodranorrbotten.example", true, "använder inte SITHS via Inera")]
    public async Task Anyone_not_invited_is_refused_in_swedish_and_nothing_is_created(string email, bool verified, string expected)
    {
        using var provider = StartProvider(new OidcProvider.User("nagon", email, verified, Strong));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "SITHS via Inera", [Strong], "INS");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(id);

        Assert.StartsWith("/logga-in/extern/misslyckades", page.Url);
        Assert.Contains(expected, page.Text);
        Assert.Contains("Logga in med lösenord", page.Text);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.UserLogins.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.LoginSessions.CountAsync()));
        var home = await browser.GetAsync("/", follow: false);
        Assert.StartsWith("/logga-in", new Uri(new Uri("https://localhost"), home.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_strong_acr_counts_as_the_second_factor_for_the_kansli()
    {
        using var provider = StartProvider(new OidcProvider.User("kansli-1", "kansli@insjoriket.example", true, Strong));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "SITHS via Inera", [Strong], "INS");
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);

        var page = await oidc.LoginAsync(id, totpSecret: null);
        var inbox = await browser.GetAsync("/inkorg");

        Assert.Equal("/", page.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, inbox.Status);
        Assert.Equal("/inkorg", inbox.Url);
        var session = await app.WithDbAsync(db => db.LoginSessions.SingleAsync());
        Assert.True(session.StrongAuthentication);
        Assert.False(session.AuthenticatorCode);
        Assert.Equal("SITHS via Inera (stark autentisering)", session.Method);
        Assert.Equal(Strong, session.Acr);
    }

    [Fact]
    public async Task A_weak_acr_still_asks_the_kansli_for_the_authenticator_code()
    {
        using var provider = StartProvider(new OidcProvider.User("kansli-1", "kansli@insjoriket.example", true, Weak));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Region Insjöriket", [Strong], "INS");
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);

        var asked = await oidc.LoginAsync(id, totpSecret: null);
        Assert.StartsWith("/logga-in/verifiera", asked.Url);
        Assert.Equal(0, await app.WithDbAsync(db => db.LoginSessions.CountAsync()));

        var page = await browser.SubmitAsync(asked, new Dictionary<string, string> { ["Code"] = Totp.Code(AppFactory.TotpSecret) });
        var inbox = await browser.GetAsync("/inkorg");

        Assert.Equal("/", page.Url);
        Assert.Equal("/inkorg", inbox.Url);
        var session = await app.WithDbAsync(db => db.LoginSessions.SingleAsync());
        Assert.False(session.StrongAuthentication);
        Assert.True(session.AuthenticatorCode);
        Assert.Equal("Region Insjöriket och autentiseringsapp", session.Method);
    }

    [Fact]
    public async Task When_the_forbund_turned_passwords_off_the_right_password_is_refused_and_the_e_id_works()
    {
        using var provider = StartProvider(new OidcProvider.User("r-1", "rapportor@insjoriket.example", true, Weak));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        await app.WithDbAsync(async db =>
        {
            (await db.Forbund.SingleAsync(f => f.Code == "INS")).AllowPasswordLogin(false);
            return await db.SaveChangesAsync();
        });
        using var browser = new Browserless(app);

        var refused = await browser.LoginAsync("rapportor@insjoriket.example");
        Assert.Equal("/logga-in", refused.Url);
        Assert.Contains("stängt av inloggning med lösenord", refused.Text);
        Assert.Contains("Logga in med Freja eID", refused.Text);
        Assert.Equal(0, await app.WithDbAsync(db => db.LoginSessions.CountAsync()));

        using var oidc = new OidcLogin(browser);
        var page = await oidc.LoginAsync(id, "rapportor@insjoriket.example");
        Assert.Equal("/", page.Url);

        using var other = new Browserless(app);
        var elsewhere = await other.LoginAsync("rapportor@sodranorrbotten.example");
        Assert.Equal("/", elsewhere.Url);
    }

    [Fact]
    public async Task Mitt_konto_lists_the_persons_own_recent_log_ins_with_how_each_was_made()
    {
        using var provider = StartProvider(new OidcProvider.User("r-1", "rapportor@insjoriket.example", true, Strong));
        using var app = new AppFactory();
        var id = await OidcLogin.RegisterAsync(app, provider, "Freja eID", [Strong], "INS");
        using (var first = new Browserless(app))
            Assert.Equal("/", (await first.LoginAsync("rapportor@insjoriket.example")).Url);
        // The second log-in a minute later: the list is newest first, and the test clock stands still otherwise.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var browser = new Browserless(app);
        using var oidc = new OidcLogin(browser);
        Assert.Equal("/", (await oidc.LoginAsync(id, "rapportor@insjoriket.example")).Url);

        var account = await browser.GetAsync("/konto");

        var rows = account.Document.QuerySelectorAll("[data-testid=recent-logins] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Freja eID (stark autentisering)", rows[0]);
        Assert.Contains("Den här inloggningen", rows[0]);
        Assert.Contains("Lösenord", rows[1]);
        Assert.Contains("Inte utloggad", rows[1]);
        Assert.Equal("Freja eID (stark autentisering)", account.Document.QuerySelector("[data-testid=login-method]")!.TextContent);
    }
}
