using LexHeller.Browser.Tests.Cases;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Administration;

/// <summary>
/// The administrator adds an identity provider through its form (a refused attempt first), the kansli registers a
/// person's identity there on the user's page and removes it again after confirming. Every page is axe-clean and reflows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityProviderAdminFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task The_administrator_adds_a_provider_and_the_kansli_links_and_unlinks_a_persons_identity()
    {
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            await admin.Menu("Inloggning").ClickAndLoadAsync();
            await admin.GetByRole(AriaRole.Link, new() { Name = "Lägg till leverantör" }).ClickAndLoadAsync();
            await Ui.AssertAccessibleAsync(admin, "/inloggning/leverantorer/ny");

            await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync("SITHS via Inera");
            await admin.GetByLabel("Utfärdare", new() { Exact = true }).FillAsync("http://idp.example.se");
            await admin.GetByLabel("Klient-id", new() { Exact = true }).FillAsync("lexheller");
            await admin.GetByLabel("Klienthemlighet", new() { Exact = true }).FillAsync("browser-secret-1");
            await admin.GetByLabel("Samordningsförbundet Insjöriket", new() { Exact = true }).CheckAsync();
            await admin.GetByLabel("Påslagen", new() { Exact = true }).CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Lägg till leverantören" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.Locator("#err-authority")).ToContainTextAsync("https-adress");
            await Ui.AssertAccessibleAsync(admin, "/inloggning/leverantorer/ny with an error");

            await admin.GetByLabel("Utfärdare", new() { Exact = true }).FillAsync("https://idp.example.se");
            await admin.GetByLabel("Klienthemlighet", new() { Exact = true }).FillAsync("browser-secret-1");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Lägg till leverantören" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Leverantören SITHS via Inera lades till.");
            await Assertions.Expect(admin.Locator("[data-testid=callback-url]").First).ToContainTextAsync("/logga-in/extern/");
            await Ui.AssertAccessibleAsync(admin, "/inloggning/leverantorer with a provider");

            await admin.GetByRole(AriaRole.Link, new() { Name = "SITHS via Inera" }).ClickAndLoadAsync();
            await Ui.AssertAccessibleAsync(admin, "/inloggning/leverantorer/{id}");
            Assert.Equal("", await admin.GetByLabel("Klienthemlighet", new() { Exact = true }).InputValueAsync());

            // Turning passwords off for the förbund asks first; the administrator thinks again.
            var ins = app.Factory.WithDb(db => db.Forbund.Single(f => f.Code == "INS").Id);
            await admin.GotoAsync($"/forbund/{ins}");
            await admin.GetByLabel("Tillåt inloggning med lösenord", new() { Exact = true }).UncheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Spara ändringarna" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.Locator("[data-testid=password-off-confirm]")).ToContainTextAsync("bara logga in med e-legitimation, via SITHS via Inera");
            await Ui.AssertAccessibleAsync(admin, "/forbund/{id} asking to turn passwords off");
            await admin.Locator("[data-testid=password-off-confirm]").GetByRole(AriaRole.Link, new() { Name = "avbryt" }).ClickAndLoadAsync();
            Assert.True(app.Factory.WithDb(db => db.Forbund.Single(f => f.Id == ins).PasswordLoginAllowed));
        }

        await using var kansliContext = await browser.NewContextAsync(app.RootUrl);
        var kansli = await kansliContext.NewPageAsync();
        await Ui.LoginAsync(kansli, "kansli@insjoriket.example");
        var userId = app.Factory.WithDb(db => db.Users.Single(u => u.Email == "bug.fk@insjoriket.example").Id);
        await kansli.GotoAsync($"/anvandare/{userId}");
        await kansli.GetByLabel("Leverantör", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "SITHS via Inera" });
        await kansli.GetByLabel("Identitet hos leverantören", new() { Exact = true }).FillAsync("siths-1234");
        await kansli.GetByRole(AriaRole.Button, new() { Name = "Koppla e-legitimation" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("via SITHS via Inera");
        await Ui.AssertAccessibleAsync(kansli, "/anvandare/{id} with a linked e-legitimation");

        await kansli.GetByRole(AriaRole.Button, new() { Name = "Ta bort koppling till SITHS via Inera" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.Locator("[data-testid=unlink-confirm]")).ToContainTextAsync("Inget är ändrat än.");
        await Ui.AssertAccessibleAsync(kansli, "/anvandare/{id} asking to unlink");
        await kansli.GetByRole(AriaRole.Button, new() { Name = "Ja, ta bort kopplingen" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("togs bort");
        Assert.False(app.Factory.WithDb(db => db.UserLogins.Any(l => l.UserId == userId)));
    }
}
