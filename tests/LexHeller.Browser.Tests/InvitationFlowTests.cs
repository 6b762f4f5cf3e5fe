using System.Text.RegularExpressions;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

/// <summary>
/// An administrator invites a new kansli, who follows the mailed link, chooses a password, is made to enrol an
/// authenticator app, and can then log out and in again with password and code.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InvitationFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private const string NewEmail = "ny.kansli@insjoriket.example";
    private const string NewName = "Nora Kanslisdotter";
    private const string NewPassword = "Nytt-Losen-2026x";

    [GeneratedRegex(@"https?://\S+/inbjudan\?token=[^\s""<>]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Invited_kansli_chooses_password_enrols_two_factor_and_logs_in_again()
    {
        // 1. The administrator invites a kansli to Insjöriket.
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            Assert.Equal("/", Ui.PathOf(admin));

            await admin.GotoAsync("/anvandare/ny");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Bjud in användare", Level = 1 })).ToBeVisibleAsync();
            await Ui.AssertAccessibleAsync(admin, "/anvandare/ny (admin)");

            // An administrator first chooses the förbund in a GET form.
            var chooser = admin.GetByRole(AriaRole.Form, new() { Name = "Välj förbund" });
            await chooser.GetByLabel("Förbund").SelectOptionAsync(new SelectOptionValue { Label = "Samordningsförbundet Insjöriket" });
            await chooser.GetByRole(AriaRole.Button, new() { Name = "Välj förbund" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.Locator("main form[method=post] strong").First).ToHaveTextAsync("Samordningsförbundet Insjöriket");

            await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync(NewName);
            await admin.GetByLabel("E-post", new() { Exact = true }).FillAsync(NewEmail);
            await admin.GetByLabel("Roll", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kansli" });
            // A kansli represents no organisation: leave every box unticked.
            await Assertions.Expect(admin.Locator("input[name='Input.OrganisationIds']:checked")).ToHaveCountAsync(0);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudan" }).ClickAndLoadAsync();

            Assert.Matches("^/anvandare/[^/]+$", new Uri(admin.Url).AbsolutePath);
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync($"En inbjudan har skickats till {NewEmail}");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(NewName);
            await Ui.AssertAccessibleAsync(admin, "user page after invitation");
        }

        // 2. The mail waits in the outbox with the link.
        var body = app.Factory.WithDb(db => db.Outbox.Where(m => m.To == NewEmail).Select(m => m.TextBody).Single());
        var link = InvitationLink().Match(body);
        Assert.True(link.Success, $"No invitation link in the mail:\n{body}");
        var invitationPath = new Uri(link.Value).PathAndQuery;

        // 3. The new kansli opens the link in their own browser and chooses a password.
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(invitationPath);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(NewEmail);
        await Ui.AssertAccessibleAsync(page, "/inbjudan with a valid token");

        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Upprepa lösenordet").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara lösenord" }).ClickAndLoadAsync();
        Assert.Equal("/logga-in", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ditt lösenord är sparat");

        // 4. Logging in, a kansli without an authenticator app is sent to enrol one.
        await Ui.LoginAsync(page, NewEmail, NewPassword, totpSecret: null);
        Assert.Equal("/konto/tvafaktor", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aktivera tvåfaktorsinloggning");
        // Nothing else may be opened yet, so there is no menu.
        await Assertions.Expect(page.Locator("nav.main-nav")).ToHaveCountAsync(0);
        await Ui.AssertAccessibleAsync(page, "/konto/tvafaktor (enrolment)");

        var secret = await page.Locator("#totp-key").GetAttributeAsync("data-key");
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.NotEqual(AppFactory.TotpSecret, secret);

        await page.GetByLabel("Verifieringskod").FillAsync(Totp.Code(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktivera" }).ClickAndLoadAsync();

        // 5. The recovery codes are shown once.
        Assert.Equal("/konto/aterstallningskoder", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        await Ui.AssertAccessibleAsync(page, "/konto/aterstallningskoder");

        await page.GetByRole(AriaRole.Link, new() { Name = "Fortsätt" }).ClickAndLoadAsync();
        Assert.Equal("/", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kansli", Exact = true, Level = 2 })).ToBeVisibleAsync();
        Assert.Equal("Start|Inkorg|BUG-möten|Översikt|Systemfel|Sammanställningar|Besvarade avvikelser|Användare|Kategorier|Inställningar|API-nycklar|Ändringslogg|Arkiv och loggar|Mitt konto", string.Join('|', (await Ui.MainNavAsync(page)).Select(m => m.Title)));

        // 6. Log out, and in again with password and authenticator code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAndLoadAsync();
        Assert.Equal("/logga-in", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Du är utloggad");

        await Ui.LoginAsync(page, NewEmail, NewPassword, totpSecret: secret);
        Assert.Equal("/", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Välkommen, {NewName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kansli", Exact = true, Level = 2 })).ToBeVisibleAsync();

        // 7. The link worked once.
        await using var later = await browser.NewContextAsync(app.RootUrl);
        var again = await later.NewPageAsync();
        await again.GotoAsync(invitationPath);
        await Assertions.Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("redan använts");
        await Assertions.Expect(again.GetByLabel("Lösenord")).ToHaveCountAsync(0);
        await Ui.AssertAccessibleAsync(again, "/inbjudan with a used token");
    }
}
