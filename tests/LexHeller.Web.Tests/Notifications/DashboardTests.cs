using System.Net;
using AngleSharp;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Identity;
using LexHeller.Web.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>Hangfire keeps static state (its storage, its logger), so the one host that runs it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire";
}

/// <summary>The app with Hangfire running, as in production.</summary>
public sealed class HangfireApp : IDisposable
{
    public AppFactory App { get; } = AppFactory.WithSettings(("Hangfire:Enabled", "true"));

    public void Dispose()
    {
        App.Dispose();
        // Hangfire's logger points into this host's logger factory, which is gone now.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}

/// <summary>
/// "Bakgrundsjobb", Hangfire's own dashboard: the administrator (with the second factor) sees it; every other role,
/// and anyone not logged in, is turned away; its buttons post with the app's antiforgery token.
/// </summary>
[Collection(HangfireCollection.Name)]
public class DashboardTests(HangfireApp hangfire) : IClassFixture<HangfireApp>
{
    private const string Admin = "admin@lexheller.example";
    private readonly AppFactory app = hangfire.App;

    [Fact]
    public async Task The_administrator_sees_the_dashboard()
    {
        using var admin = new Browserless(app);
        Assert.Equal("/", (await admin.LoginAsync(Admin)).Url);

        var page = await admin.GetAsync("/bakgrundsjobb");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Bakgrundsjobb – Lex Heller", page.Document.QuerySelector(".navbar-brand")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("meta[name=csrf-token]"));
        // The way back goes to the app; the storage's file path is not shown.
        Assert.NotNull(page.Document.QuerySelector(".navbar-right a[href='/']"));
        Assert.DoesNotContain("hangfire.db", page.Document.DocumentElement.OuterHtml);

        var recurring = await admin.GetAsync("/bakgrundsjobb/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.Status);
        Assert.Contains("agenda-sweep", recurring.Text);
    }

    [Fact]
    public async Task The_dashboards_buttons_need_the_apps_antiforgery_token()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var dashboard = await admin.GetAsync("/bakgrundsjobb");
        var token = dashboard.Document.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

        // The dashboard's script sends the token in a header; the same token is accepted as a form field.
        var withToken = await admin.SubmitAsync(await FormAsync(("jobs[]", "999999"), ("__RequestVerificationToken", token)), Form(),
            action: "/bakgrundsjobb/jobs/enqueued/delete");
        Assert.Equal(HttpStatusCode.NoContent, withToken.Status);

        var without = await admin.SubmitAsync(await FormAsync(("jobs[]", "999999")), Form(), action: "/bakgrundsjobb/jobs/enqueued/delete");
        Assert.Equal(HttpStatusCode.Forbidden, without.Status);
    }

    [Theory]
    [InlineData("kansli@insjoriket.example")]
    [InlineData("samordnare@lexheller.example")]
    [InlineData("rapportor@insjoriket.example")]
    public async Task Other_roles_are_refused(string email)
    {
        using var browser = new Browserless(app);
        Assert.Equal("/", (await browser.LoginAsync(email)).Url);

        var page = await browser.GetAsync("/bakgrundsjobb");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);
        Assert.Null(page.Document.QuerySelector(".navbar-brand"));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/bakgrundsjobb/recurring")).Status);
    }

    [Fact]
    public async Task Someone_not_logged_in_is_sent_to_the_login()
    {
        using var browser = new Browserless(app);
        var page = await browser.GetAsync("/bakgrundsjobb", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        var location = new Uri(new Uri("http://localhost"), page.Location!);
        Assert.Equal("/logga-in", location.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fbakgrundsjobb", location.Query);

        var followed = await browser.GetAsync("/bakgrundsjobb");
        Assert.Equal("Logga in", followed.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_administrator_who_has_not_given_the_code_is_not_let_in()
    {
        using var browser = new Browserless(app);
        var halfway = await browser.LoginAsync(Admin, totpSecret: null);
        Assert.StartsWith("/logga-in/verifiera", halfway.Url);

        var page = await browser.GetAsync("/bakgrundsjobb", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/logga-in", new Uri(new Uri("http://localhost"), page.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Only_the_dashboard_may_use_inline_styles()
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        static string Policy(HttpResponseMessage r) => string.Join(";", r.Headers.GetValues("Content-Security-Policy"));

        var dashboard = Policy(await http.GetAsync("/bakgrundsjobb"));
        Assert.Contains("style-src 'self' 'unsafe-inline'", dashboard);
        Assert.Contains("script-src 'self';", dashboard);
        Assert.Contains("frame-ancestors 'none'", dashboard);
        Assert.Contains("style-src 'self';", Policy(await http.GetAsync("/logga-in")));
        Assert.Contains("style-src 'self';", Policy(await http.GetAsync("/bakgrundsjobbet")));
    }

    /// <summary>A page holding one post form with these fields, as the dashboard's script would send them.</summary>
    private static async Task<Browserless.Page> FormAsync(params (string Name, string Value)[] fields)
    {
        var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Name}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
        var document = await BrowsingContext.New(Configuration.Default)
            .OpenAsync(r => r.Content($"<main><form method=\"post\">{inputs}</form></main>").Address("http://localhost/bakgrundsjobb"));
        return new Browserless.Page(HttpStatusCode.OK, "/bakgrundsjobb", document, null);
    }
}

/// <summary>Without Hangfire (as in every other test host) there is no dashboard and no menu item for it.</summary>
public class DashboardOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_Hangfire_the_dashboard_does_not_exist()
    {
        using var admin = new Browserless(app);
        var start = await admin.LoginAsync("admin@lexheller.example");
        Assert.DoesNotContain("/bakgrundsjobb", start.NavLinks);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/bakgrundsjobb")).Status);
        Assert.DoesNotContain("Bakgrundsjobb", (await admin.GetAsync("/utskick")).Text);
    }

    [Fact]
    public void The_menu_offers_the_dashboard_to_the_administrator_only_when_it_is_mapped()
    {
        MemberContext Holding(MembershipRole role, int? forbundId) => new("u1", "Namn", "namn@example.se", true,
            [new MembershipView(1, forbundId, forbundId is null ? null : "Förbundet", role, [])],
            forbundId is null ? [] : [new ForbundView(forbundId.Value, "Förbundet", "F")],
            forbundId is null ? null : new ForbundView(forbundId.Value, "Förbundet", "F"));
        var admin = Holding(MembershipRole.Administrator, null);
        var kansli = Holding(MembershipRole.Kansli, 1);

        Assert.Equal(["/", "/anvandare", "/kategorier", "/installningar", "/api-nycklar", "/andringslogg", "/arkiv", "/forbund", "/organisationer", "/inloggning/leverantorer", "/utskick", "/sakerhetskopior", "/bakgrundsjobb", "/konto"],
            Navigation.For(admin, secondFactorPassed: true, jobsDashboard: true).Select(i => i.Path));
        Assert.DoesNotContain("/bakgrundsjobb", Navigation.For(admin, secondFactorPassed: true, jobsDashboard: false).Select(i => i.Path));
        Assert.DoesNotContain("/bakgrundsjobb", Navigation.For(kansli, secondFactorPassed: true, jobsDashboard: true).Select(i => i.Path));
        Assert.Empty(Navigation.For(admin, secondFactorPassed: false, jobsDashboard: true));
    }
}
