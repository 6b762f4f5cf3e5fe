using System.Net;
using AngleSharp;
using LexHeller.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Testing;

/// <summary>
/// A browser's way through an identity provider without a browser: the app's "Logga in med …" button, then the real
/// provider's redirects (with the provider's own cookie jar, so its session lasts as a browser's would), back to the
/// app's callback, and on to where the app sends the person.
/// </summary>
public sealed class OidcLogin : IDisposable
{
    private readonly Browserless _app;
    private readonly HttpClient _provider;

    public OidcLogin(Browserless app)
    {
        _app = app;
        _provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = ProviderCookies });
    }

    public CookieContainer ProviderCookies { get; } = new();

    /// <summary>The redirect addresses the test provider must accept for the app at <paramref name="root"/>, providers 1–20.</summary>
    public static IReadOnlyList<string> RedirectUris(string root = "https://localhost") =>
        Enumerable.Range(1, 20).Select(id => $"{root}/logga-in/extern/{id}/svar").ToList();

    public static IReadOnlyList<string> PostLogoutUris(string root = "https://localhost") =>
        Enumerable.Range(1, 20).Select(id => $"{root}/logga-in/extern/{id}/utloggad").ToList();

    /// <summary>Registers the provider in the app as an administrator would, switched on for the given förbund.</summary>
    public static async Task<int> RegisterAsync(AppFactory factory, OidcProvider provider, string name, IReadOnlyList<string> strongAcr,
        params string[] forbundCodes)
    {
        var client = provider.Clients[0];
        var id = 0;
        await factory.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var admin = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            var created = await commands.CreateAsync(new IdentityProviderCommands.Settings(name, provider.Issuer, client.ClientId,
                IdentityProvider.DefaultScopes, IdentityProvider.DefaultSubjectClaim, IdentityProvider.DefaultEmailClaim, strongAcr),
                client.ClientSecret, admin);
            var forbund = await db.Forbund.Where(f => forbundCodes.Contains(f.Code)).Select(f => f.Id).ToListAsync();
            await commands.SetForbundAsync(created.Id, forbund, admin);
            await commands.SetEnabledAsync(created.Id, true, admin);
            await services.GetRequiredService<LexHeller.Web.Identity.OidcSchemes>().RefreshAsync(created.Id);
            id = created.Id;
        });
        return id;
    }

    /// <summary>
    /// Presses "Logga in med …" (with the e-mail field filled in when given, which the provider takes as its hint), logs
    /// in at the provider, and returns the app's page reached; the authenticator code is given when asked and known.
    /// </summary>
    public async Task<Browserless.Page> LoginAsync(int providerId, string? email = null, string? totpSecret = null, string returnUrl = "")
    {
        var login = await _app.GetAsync("/logga-in" + (returnUrl == "" ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var started = await _app.SubmitAsync(login, new Dictionary<string, string>
        {
            ["provider"] = providerId.ToString(), ["Input.Email"] = email ?? "", ["Input.Password"] = "",
        }, action: "/logga-in/extern", follow: false);
        if (started.Location is null || !started.Location.StartsWith("http://127.0.0.1", StringComparison.Ordinal))
            return started.Location is null ? started : await _app.GetAsync(started.Location);
        var back = await FollowProviderAsync(started.Location);
        var page = await _app.GetAsync(back);
        if (page.Url.StartsWith("/logga-in/verifiera") && totpSecret is not null)
            page = await _app.SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Totp.Code(totpSecret) });
        return page;
    }

    /// <summary>Follows the provider's redirects from <paramref name="url"/> until it sends the browser back to the app; returns that path and query.</summary>
    public async Task<string> FollowProviderAsync(string url)
    {
        var location = new Uri(url);
        for (var hop = 0; hop < 12; hop++)
        {
            using var response = await _provider.GetAsync(location);
            if (response.Headers.Location is null)
                throw new InvalidOperationException($"{(int)response.StatusCode} from {location}: {await response.Content.ReadAsStringAsync()}");
            location = new Uri(location, response.Headers.Location);
            if (location.Host != "127.0.0.1" || location.Port != new Uri(url).Port) return location.PathAndQuery;
        }
        throw new InvalidOperationException("The provider never sent the browser back");
    }

    /// <summary>
    /// Opens the provider's end-session page at <paramref name="url"/> with the provider's cookies and posts its form, as
    /// the page's script does, answering yes to logging out of the provider itself (as a person does on a provider's
    /// "Logga ut?" page). Returns where the provider then sends the browser.
    /// </summary>
    public async Task<Uri> EndProviderSessionAsync(string url)
    {
        using var page = await _provider.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)page.StatusCode} from {url}: {html}");
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(url));
        var form = document.QuerySelector("form") as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new InvalidOperationException($"No form on the provider's end-session page: {html}");
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value)).Append(KeyValuePair.Create("logout", "yes")).ToList();
        using var confirmed = await _provider.PostAsync(new Uri(new Uri(url), form.GetAttribute("action") ?? url), new FormUrlEncodedContent(fields));
        var next = confirmed.Headers.Location
            ?? throw new InvalidOperationException($"{(int)confirmed.StatusCode} from the end-session form: {await confirmed.Content.ReadAsStringAsync()}");
        return new Uri(new Uri(url), next);
    }

    public void Dispose() => _provider.Dispose();
}
