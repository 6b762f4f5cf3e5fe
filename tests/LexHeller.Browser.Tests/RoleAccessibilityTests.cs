using System.Net;
using Microsoft.Playwright;

namespace LexHeller.Browser.Tests;

/// <summary>
/// Every demo role logs in through the form, sees the menu items its role needs and none it may not open, and every
/// page of that menu passes axe-core without serious or critical violations and reflows at 320 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleAccessibilityTests(BrowserFixture browser, AppServer app) : IClassFixture<AppServer>
{
    public static TheoryData<string, string, string, string> Roles => new()
    {
        // e-mail, menu items the role must see, menu items it must not see, the start-page card heading
        { "rapportor@insjoriket.example", "Start|Ny rapport|Mina ärenden|Besvarade avvikelser|Mitt konto", "Användare|Förbund|Utskick|Inkorg|Att besvara|Översikt|Systemfel|Sammanställningar", "Rapportör" },
        { "kansli@insjoriket.example", "Start|Inkorg|BUG-möten|Översikt|Systemfel|Sammanställningar|Besvarade avvikelser|Användare|Kategorier|Inställningar|API-nycklar|Ändringslogg|Arkiv och loggar|Mitt konto", "Förbund|Utskick|Ny rapport|Att besvara", "Kansli" },
        { "bug.fk@insjoriket.example", "Start|Att besvara|BUG-möten|Systemfel|Sammanställningar|Besvarade avvikelser|Mitt konto", "Användare|Förbund|Ny rapport|Inkorg|Översikt|Kategorier|Inställningar|API-nycklar|Ändringslogg|Arkiv och loggar", "BUG-ledamot" },
        { "styrelse@insjoriket.example", "Start|Översikt|Systemfel|Sammanställningar|Besvarade avvikelser|Mitt konto", "Användare|Förbund|Ny rapport|Inkorg|Att besvara", "Styrelse" },
        { "admin@lexheller.example", "Start|Användare|Kategorier|Inställningar|API-nycklar|Ändringslogg|Arkiv och loggar|Förbund|Organisationer|Utskick|Mitt konto", "Ny rapport|Inkorg|Att besvara", "Administratör" },
        { "samordnare@lexheller.example", "Start|Inkorg|BUG-möten|Besvarade avvikelser|Användare|Mitt konto", "Förbund|Utskick|Ny rapport", "Kansli" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_in_the_role_menu_passes_axe(string email, string shown, string hidden, string card)
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();

        await Ui.LoginAsync(page, email, onVerifyPage: p => Ui.AssertAccessibleAsync(p, $"/logga-in/verifiera ({email})"));

        Assert.Equal("/", Ui.PathOf(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = card, Exact = true, Level = 2 })).ToBeVisibleAsync();

        var menu = await Ui.MainNavAsync(page);
        var titles = menu.Select(m => m.Title).ToList();
        Assert.All(shown.Split('|'), t => Assert.Contains(t, titles));
        Assert.All(hidden.Split('|'), t => Assert.DoesNotContain(t, titles));
        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.All(menu, m => Assert.StartsWith("/", m.Path));

        foreach (var (title, path) in menu)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal((int)HttpStatusCode.OK, response!.Status);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            // The menu marks where the user is.
            await Assertions.Expect(page.Locator("nav.main-nav a[aria-current=page]")).ToHaveTextAsync(title);
            await Ui.AssertAccessibleAsync(page, $"{path} ({email})");
        }

        if (menu.Any(m => m.Path == "/anvandare"))
        {
            // Those who manage users also reach the invitation form and a user's page.
            await page.GotoAsync("/anvandare/ny");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bjud in användare", Level = 1 })).ToBeVisibleAsync();
            await Ui.AssertAccessibleAsync(page, $"/anvandare/ny ({email})");

            await page.GotoAsync("/anvandare");
            await page.Locator("table.table tbody a").First.ClickAndLoadAsync();
            Assert.Matches("^/anvandare/[^/]+$", new Uri(page.Url).AbsolutePath);
            await Ui.AssertAccessibleAsync(page, $"{Ui.PathOf(page)} ({email})");
        }

        if (menu.Any(m => m.Path == "/utskick"))
        {
            // The administrator also sees a failed mail with its "Skicka igen" button, and the list after pressing it.
            await app.Factory.WithDbAsync(async db =>
            {
                var failed = new LexHeller.Core.Notifications.OutboxMessage("studsar@example.se", "Lex Heller", "Inbjudan till Lex Heller",
                    "", "", app.Factory.Clock.GetUtcNow());
                failed.MarkFailedPermanently(app.Factory.Clock.GetUtcNow(), "E-postservern avvisade brevet (550): okänd mottagare");
                db.Outbox.Add(failed);
                return await db.SaveChangesAsync();
            });
            await page.GotoAsync("/utskick?status=misslyckat");
            await Ui.AssertAccessibleAsync(page, $"/utskick?status=misslyckat ({email})");
            await page.GetByRole(AriaRole.Button, new() { Name = "Skicka igen brevet till studsar@example.se" }).First.ClickAndLoadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("lades i kön igen");
            await Ui.AssertAccessibleAsync(page, $"/utskick after Skicka igen ({email})");
        }
    }

    [Fact]
    public async Task Rapportor_is_refused_user_administration_on_an_accessible_page()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "rapportor@insjoriket.example");

        await page.GotoAsync("/anvandare");

        Assert.Equal("/atkomst-nekad", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har inte behörighet till sidan");
        await Ui.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Unknown_address_shows_an_accessible_404_page()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "styrelse@insjoriket.example");

        var response = await page.GotoAsync("/finns-inte");

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sidan finns inte");
        await Ui.AssertAccessibleAsync(page, "404 page");
    }

    [Fact]
    public async Task Person_in_two_forbund_switches_forbund_in_the_header()
    {
        await using var context = await browser.NewContextAsync(app.RootUrl);
        var page = await context.NewPageAsync();
        await Ui.LoginAsync(page, "samordnare@lexheller.example");

        var switcher = page.GetByLabel("Förbund", new() { Exact = true });
        await Assertions.Expect(switcher.Locator("option")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("main .lead strong")).ToHaveTextAsync("Samordningsförbundet Insjöriket");

        await switcher.SelectOptionAsync(new SelectOptionValue { Label = "Samordningsförbundet Södra Norrbotten" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Byt", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("main .lead strong")).ToHaveTextAsync("Samordningsförbundet Södra Norrbotten");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Du arbetar nu i Samordningsförbundet Södra Norrbotten");
        await Ui.AssertAccessibleAsync(page, "start page after switching förbund");
    }
}
