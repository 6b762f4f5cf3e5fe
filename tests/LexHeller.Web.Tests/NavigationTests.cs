using LexHeller.Testing;

namespace LexHeller.Web.Tests;

public class NavigationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("rapportor@insjoriket.example", "/|/arenden/ny|/arenden/mina|/besvarade|/konto", "Rapportör")]
    [InlineData("rapportor.kommun@insjoriket.example", "/|/arenden/ny|/arenden/mina|/besvarade|/konto", "Rapportör")]
    [InlineData("styrelse@insjoriket.example", "/|/oversikt|/systemfel|/sammanstallningar|/besvarade|/konto", "Styrelse")]
    [InlineData("bug.kommun@insjoriket.example", "/|/att-besvara|/moten|/systemfel|/sammanstallningar|/besvarade|/konto", "BUG-ledamot")]
    [InlineData("kansli@insjoriket.example", "/|/inkorg|/moten|/oversikt|/systemfel|/sammanstallningar|/besvarade|/anvandare|/kategorier|/installningar|/api-nycklar|/andringslogg|/arkiv|/konto", "Kansli")]
    [InlineData("kansli@sodranorrbotten.example", "/|/inkorg|/moten|/oversikt|/systemfel|/sammanstallningar|/besvarade|/anvandare|/kategorier|/installningar|/api-nycklar|/andringslogg|/arkiv|/konto", "Kansli")]
    [InlineData("admin@lexheller.example", "/|/anvandare|/kategorier|/installningar|/api-nycklar|/andringslogg|/arkiv|/forbund|/organisationer|/inloggning/leverantorer|/utskick|/sakerhetskopior|/konto", "Administratör")]
    public async Task Each_role_sees_its_own_navigation_and_start_page(string email, string expectedNav, string card)
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync(email);

        Assert.Equal("/", start.Url);
        Assert.Equal(expectedNav.Split('|'), start.NavLinks);
        Assert.Contains(card, start.Document.QuerySelectorAll(".card h2").Select(h => h.TextContent));
        foreach (var link in start.NavLinks)
            Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync(link)).Status);
    }

    [Fact]
    public async Task The_bug_member_for_the_municipalities_represents_every_municipality()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync("bug.kommun@insjoriket.example");
        foreach (var kommun in new[] { "Mölndals stad", "Partille kommun", "Härryda kommun", "Lerums kommun", "Alingsås kommun" })
            Assert.Contains(kommun, start.Text);
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example", "/anvandare")]
    [InlineData("styrelse@insjoriket.example", "/anvandare/ny")]
    [InlineData("bug.fk@insjoriket.example", "/anvandare")]
    [InlineData("kansli@insjoriket.example", "/forbund")]
    [InlineData("kansli@insjoriket.example", "/utskick")]
    public async Task A_page_outside_the_role_is_refused_in_Swedish(string email, string url)
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(email);
        var page = await browser.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);
    }

    [Theory]
    [InlineData("/tillganglighet", "Tillgänglighetsredogörelse")]
    [InlineData("/personuppgifter", "Så hanterar vi personuppgifter")]
    public async Task The_statements_are_public_and_linked_from_every_page(string url, string heading)
    {
        using var browser = new Browserless(app);
        var page = await browser.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains(heading, page.Document.QuerySelector("h1")!.TextContent);
        var login = await browser.GetAsync("/logga-in");
        Assert.NotNull(login.Document.QuerySelector($"footer a[href='{url}']"));
    }

    [Fact]
    public async Task An_unknown_address_gets_a_Swedish_404_page()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("rapportor@insjoriket.example");
        var page = await browser.GetAsync("/finns-inte");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Sidan finns inte", page.Text);
    }

    [Fact]
    public async Task Pages_speak_Swedish_and_load_nothing_from_other_hosts()
    {
        using var browser = new Browserless(app);
        var page = await browser.LoginAsync("kansli@insjoriket.example");
        Assert.Equal("sv", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Välkommen, Maria Holmberg", page.Text);
        var external = page.Document.QuerySelectorAll("link[href], script[src], img[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(u => u.StartsWith("http") || u.StartsWith("//"));
        Assert.Empty(external);
    }
}
