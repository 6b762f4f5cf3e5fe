using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Account;

/// <summary>
/// An administrator adds an identity provider in the running app, and a kansli logs in with it at once — no restart —
/// through a real OpenID provider on loopback; the provider's strong acr stands in for the authenticator app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExternalLoginFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    const string Strong = "http://id.elegnamnden.se/loa/1.0/loa3";

    [Fact]
    public async Task An_administrator_adds_a_provider_and_the_kansli_logs_in_with_it_without_a_restart()
    {
        using var provider = OidcProvider.Start(
            [new OidcProvider.Client("lexheller-browser", "browser-secret-4711", OidcLogin.RedirectUris(app.RootUrl), OidcLogin.PostLogoutUris(app.RootUrl))],
            [new OidcProvider.User("hsa-SE2321000131-E000000000001", "Kansli@Insjoriket.example", true, Strong)]);

        // 1. The administrator adds "SITHS via Inera" for Insjöriket.
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            await admin.GotoAsync("/inloggning/leverantorer/ny");
            await Ui.AssertAccessibleAsync(admin, "/inloggning/leverantorer/ny");
            await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync("SITHS via Inera");
            await admin.GetByLabel("Utfärdare", new() { Exact = true }).FillAsync(provider.Issuer);
            await admin.GetByLabel("Klient-id", new() { Exact = true }).FillAsync("lexheller-browser");
            await admin.GetByLabel("Klienthemlighet", new() { Exact = true }).FillAsync("browser-secret-4711");
            await admin.GetByLabel("Starka acr-värden", new() { Exact = true }).FillAsync(Strong);
            await admin.GetByLabel("Samordningsförbundet Insjöriket", new() { Exact = true }).CheckAsync();
            await admin.GetByLabel("Påslagen", new() { Exact = true }).CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Lägg till leverantören" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
            Assert.DoesNotContain("browser-secret-4711", await admin.ContentAsync());
        }

        // 2. The kansli, in their own browser, logs in with it: no password, no authenticator code.
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");
        await Ui.AssertAccessibleAsync(page, "/logga-in with a provider");
        await page.GetByLabel("E-post").FillAsync("kansli@insjoriket.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in med SITHS via Inera" }).ClickAndLoadAsync();

        Assert.Equal("/", Ui.PathOf(page));
        await page.GotoAsync("/inkorg");
        Assert.Equal("/inkorg", Ui.PathOf(page));
        await page.GotoAsync("/konto");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("SITHS via Inera (stark autentisering)");
        await Ui.AssertAccessibleAsync(page, "/konto after an e-legitimation log-in");
    }

    [Fact]
    public async Task Someone_without_an_account_is_told_so_in_swedish_and_can_go_back()
    {
        using var provider = OidcProvider.Start(
            [new OidcProvider.Client("lexheller-browser", "browser-secret-4711", OidcLogin.RedirectUris(app.RootUrl), OidcLogin.PostLogoutUris(app.RootUrl))],
            [new OidcProvider.User("okand-1", "okand@insjoriket.example", true, Strong)]);
        await OidcLogin.RegisterAsync(app.Factory, provider, "Freja eID", [Strong], "INS");

        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logga-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in med Freja eID" }).ClickAndLoadAsync();

        Assert.StartsWith("/logga-in/extern/misslyckades", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggningen misslyckades");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Du har inget konto i Lex Heller – kontakta kansliet i ditt samordningsförbund");
        await Ui.AssertAccessibleAsync(page, "/logga-in/extern/misslyckades");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logga in med lösenord" }).ClickAndLoadAsync();
        Assert.Equal("/logga-in", Ui.PathOf(page));
    }
}
