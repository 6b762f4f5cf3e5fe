using System.Text;
using System.Text.RegularExpressions;
using LexHeller.Browser.Tests.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests.Administration;

/// <summary>
/// A new förbund joins without anyone touching the database: the administrator registers its organisations and
/// creates it with its code, its kansli imports three users from a CSV file and adds a category, and one of the
/// imported reporters files a case whose reference carries the new code. Every page is axe-clean and reflows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewForbundFlowTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    private const string ForbundName = "Samordningsförbundet Kungsbacka";
    private const string Kansli = "kansli@kungsbacka.example";
    private const string Reporter = "rapportor@kungsbacka.example";
    private const string NewPassword = "Nytt-Losen-2026x";

    [GeneratedRegex(@"https?://\S+/inbjudan\?token=[^\s""<>]+")]
    private static partial Regex InvitationLink();

    private string InvitationPath(string email)
    {
        var body = app.Factory.WithDb(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).First());
        return new Uri(InvitationLink().Match(body).Value).PathAndQuery;
    }

    private static async Task AcceptInvitationAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Upprepa lösenordet").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara lösenord" }).ClickAndLoadAsync();
        Assert.Equal("/logga-in", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task An_administrator_adds_a_foerbund_its_kansli_imports_users_and_a_reporter_files_under_the_new_code()
    {
        // 1. The administrator registers the förbund's municipality and region, then creates the förbund.
        await using (var adminContext = await browser.NewContextAsync(app.RootUrl))
        {
            var admin = await adminContext.NewPageAsync();
            await Ui.LoginAsync(admin, "admin@lexheller.example");
            foreach (var (name, kind) in new[] { ("Kungsbacka kommun", "Kommun"), ("Region Halland", "Region") })
            {
                await admin.GotoAsync("/organisationer/ny");
                await Ui.AssertAccessibleAsync(admin, "/organisationer/ny");
                await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync(name);
                await admin.GetByLabel("Typ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
                await admin.GetByRole(AriaRole.Button, new() { Name = "Lägg till organisationen" }).ClickAndLoadAsync();
                await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync(name);
            }

            await admin.Menu("Förbund").ClickAndLoadAsync();
            await admin.GetByRole(AriaRole.Link, new() { Name = "Lägg till ett förbund" }).ClickAndLoadAsync();
            await Ui.AssertAccessibleAsync(admin, "/forbund/ny");
            await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync(ForbundName);
            // A code already in use is refused next to the field.
            await admin.GetByLabel("Kod", new() { Exact = true }).FillAsync("INS");
            foreach (var member in new[] { "Försäkringskassan", "Arbetsförmedlingen", "Kungsbacka kommun", "Region Halland" })
                await admin.GetByLabel(member, new() { Exact = true }).CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Skapa förbundet" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.Locator("#code-error")).ToContainTextAsync("Koden INS används redan");
            await Ui.AssertAccessibleAsync(admin, "/forbund/ny with an error");
            await admin.GetByLabel("Kod", new() { Exact = true }).FillAsync("KBA");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Skapa förbundet" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync(ForbundName);
            await Ui.AssertAccessibleAsync(admin, "the new förbund");

            // Its kansli is invited.
            await admin.GotoAsync("/anvandare/ny");
            var chooser = admin.GetByRole(AriaRole.Form, new() { Name = "Välj förbund" });
            await chooser.GetByLabel("Förbund").SelectOptionAsync(new SelectOptionValue { Label = ForbundName });
            await chooser.GetByRole(AriaRole.Button, new() { Name = "Välj förbund" }).ClickAndLoadAsync();
            await admin.GetByLabel("Namn", new() { Exact = true }).FillAsync("Karin Kansli");
            await admin.GetByLabel("E-post", new() { Exact = true }).FillAsync(Kansli);
            await admin.GetByLabel("Roll", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kansli" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudan" }).ClickAndLoadAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync($"En inbjudan har skickats till {Kansli}");
        }

        // 2. The kansli accepts, enrols an authenticator app and logs in.
        await using var kansliContext = await browser.NewContextAsync(app.RootUrl);
        var kansli = await kansliContext.NewPageAsync();
        await AcceptInvitationAsync(kansli, InvitationPath(Kansli));
        await Ui.LoginAsync(kansli, Kansli, NewPassword, totpSecret: null);
        var secret = await kansli.Locator("#totp-key").GetAttributeAsync("data-key");
        await kansli.GetByLabel("Verifieringskod").FillAsync(Totp.Code(secret!));
        await kansli.GetByRole(AriaRole.Button, new() { Name = "Aktivera" }).ClickAndLoadAsync();
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Fortsätt" }).ClickAndLoadAsync();
        Assert.Equal("/", Ui.PathOf(kansli));

        // 3. The kansli imports three users from a CSV file: a preview first, then the confirmation.
        await kansli.Menu("Användare").ClickAndLoadAsync();
        await kansli.GetByRole(AriaRole.Link, new() { Name = "Importera" }).First.ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "/anvandare/importera");
        var csv = "e-post;namn;roll;organisation\n"
            + $"{Reporter};Rut Rapportör;Rapportör;Kungsbacka kommun\n"
            + "bug.fk@kungsbacka.example;Bo Bugsson;BUG-ledamot;Försäkringskassan\n"
            + "styrelse@kungsbacka.example;Stina Styrelse;Styrelse;\n";
        await kansli.GetByLabel("CSV-fil").SetInputFilesAsync(new FilePayload { Name = "anvandare.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await kansli.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.Locator("main")).ToContainTextAsync("Rut Rapportör");
        Assert.Equal(0, app.Factory.WithDb(db => db.Users.Count(u => u.Email == Reporter)));
        await Ui.AssertAccessibleAsync(kansli, "import preview");
        await kansli.GetByRole(AriaRole.Button, new() { Name = "Bekräfta importen" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status).First).ToContainTextAsync("3 användare är inbjudna");

        // 4. The kansli adds a category of its own.
        await kansli.Menu("Kategorier").ClickAndLoadAsync();
        await Ui.AssertAccessibleAsync(kansli, "/kategorier");
        var add = kansli.Locator("[data-testid=add-category]");
        await add.GetByLabel("Namn").FillAsync("Skuldsättning");
        await add.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).ClickAndLoadAsync();
        await Assertions.Expect(kansli.Locator("main table")).ToContainTextAsync("Skuldsättning");
        await Ui.AssertAccessibleAsync(kansli, "/kategorier after adding");

        // 5. The imported reporter accepts the invitation and files a case under the new code.
        await using var reporterContext = await browser.NewContextAsync(app.RootUrl);
        var reporter = await reporterContext.NewPageAsync();
        await AcceptInvitationAsync(reporter, InvitationPath(Reporter));
        await Ui.LoginAsync(reporter, Reporter, NewPassword, totpSecret: null);
        await Filing.FillDeviationAsync(reporter, "Remissen från kommunen kom aldrig fram till Försäkringskassan.");
        await reporter.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "Skuldsättning" });
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAndLoadAsync();

        var year = Stockholm.ToLocal(app.Factory.Clock.GetUtcNow()).Year;
        await Assertions.Expect(reporter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"LH-KBA-{year}-0001");
        await Ui.AssertAccessibleAsync(reporter, "the reporter's case page");

        // The new förbund's kansli sees it in its inbox.
        await kansli.Menu("Inkorg").ClickAndLoadAsync();
        await Assertions.Expect(kansli.Locator("main")).ToContainTextAsync($"LH-KBA-{year}-0001");
        await Ui.AssertAccessibleAsync(kansli, "the new förbund's inbox");
    }
}
