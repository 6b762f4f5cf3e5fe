using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Published.PublishedSteps;

namespace LexHeller.Web.Tests.Published;

public class PublishedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Reporter = "rapportor@insjoriket.example";
    private const string ReporterName = "Sara Lindqvist";

    /// <summary>A word no other case of this class contains, for the rows of a theory that share one database.</summary>
    private static string UniqueWord(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private async Task<Browserless> AsAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    [Theory]
    [InlineData("styrelse@insjoriket.example")]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("rapportor.kommun@insjoriket.example")]
    [InlineData("bug.fk@insjoriket.example")]
    [InlineData("kansli@insjoriket.example")]
    public async Task Published_answers_of_the_forbund_appear_and_nothing_else(string email)
    {
        var word = UniqueWord("kungsorn");
        var published = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: remissen kom aldrig fram.", category: "Oklart ansvar");
        var unpublished = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: inte publicerat.", publish: false);
        var answered = await app.FileCaseAsync(CaseState.Besvarad, whatHappened: $"{word}: besvarat men inte avslutat.");
        var reopened = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: publicerat och sedan återöppnat.");
        await app.ReopenAsync(reopened.Id);
        var otherForbund = await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: $"{word} i Norrbotten.");

        using var browser = await AsAsync(email);
        var page = await browser.GetAsync($"/besvarade?q={word}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([published.Id], page.CaseIds());
        var row = page.RowText(published.Id);
        Assert.Contains(published.Reference, row);
        Assert.Contains("Oklart ansvar", row);
        Assert.Contains(Stockholm.FormatDate(app.Clock.GetUtcNow()), row);
        Assert.Contains("Åtgärd vidtagen av part", row);
        Assert.Contains("Remisser tappades mellan kommun och AF.", row);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-case='{published.Id}'] a[href='/arenden/{published.Id}']"));
        foreach (var hidden in new[] { unpublished, answered, reopened, otherForbund })
            Assert.DoesNotContain(hidden.Reference, page.Text);
    }

    [Theory]
    [InlineData("styrelse@insjoriket.example")]
    [InlineData("rapportor.kommun@insjoriket.example")]
    [InlineData("bug.af@insjoriket.example")]
    public async Task The_reporters_identity_is_nowhere_in_the_page(string email)
    {
        var word = UniqueWord("identitet");
        var filed = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: den som anmälde ska inte synas.");
        var reporterId = app.UserId(Reporter);

        using var browser = await AsAsync(email);
        var page = await browser.GetAsync($"/besvarade?q={word}");
        Assert.Equal([filed.Id], page.CaseIds());
        var html = page.Document.DocumentElement.OuterHtml;
        Assert.DoesNotContain(ReporterName, html);
        Assert.DoesNotContain(Reporter, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(reporterId, html);
        Assert.Empty((await browser.GetAsync("/besvarade?q=" + Uri.EscapeDataString(ReporterName))).CaseIds());
        Assert.Empty((await browser.GetAsync("/besvarade?q=rapportor")).CaseIds());
    }

    [Fact]
    public async Task Text_category_and_party_narrow_the_answers()
    {
        var housing = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Fjällräv: ingen bostad utan arbete.", category: "Boende");
        await app.ConcludeAsync(housing.Id, "Bostadsbolaget och kommunen har en ny rutin.");
        var waiting = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Fjällräv: utredningen dröjde ett år.", category: "Väntetid");
        await app.ConcludeAsync(waiting.Id, "Väntetiden är ett känt strukturellt hinder.", CaseOutcome.NoActionPossible, onlyParty: "Mölndals stad");
        var insId = app.ForbundId("INS");
        int CategoryId(string name) => app.WithDb(db => db.Categories.Single(k => k.ForbundId == insId && k.Name == name).Id);

        using var browser = await AsAsync("styrelse@insjoriket.example");
        Assert.Equal([waiting.Id, housing.Id], (await browser.GetAsync("/besvarade?q=fjällräv")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync("/besvarade?q=fjällräv bostad")).CaseIds());
        Assert.Equal([waiting.Id], (await browser.GetAsync("/besvarade?q=strukturellt")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync($"/besvarade?q=fjällräv&kategori={CategoryId("Boende")}")).CaseIds());
        Assert.Equal([waiting.Id], (await browser.GetAsync($"/besvarade?q=fjällräv&part={app.OrganisationId("Mölndals stad")}")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync($"/besvarade?q=fjällräv&part={app.OrganisationId("Arbetsförmedlingen")}")).CaseIds());
        Assert.Empty((await browser.GetAsync($"/besvarade?q=fjällräv&kategori={CategoryId("Boende")}&part={app.OrganisationId("Mölndals stad")}")).CaseIds());
        Assert.Contains("Ingen åtgärd möjlig", (await browser.GetAsync("/besvarade?q=fjällräv")).RowText(waiting.Id));
    }

    [Fact]
    public async Task A_long_summary_is_cut_to_about_two_hundred_characters()
    {
        var words = string.Join(' ', Enumerable.Range(1, 80).Select(i => $"ord{i}"));
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Långsammanfattning: mycket att säga.");
        await app.ConcludeAsync(filed.Id, words);

        using var browser = await AsAsync("styrelse@insjoriket.example");
        var excerpt = (await browser.GetAsync("/besvarade?q=långsammanfattning")).Document.QuerySelector($"tr[data-case='{filed.Id}'] .excerpt")!.TextContent;
        Assert.StartsWith("ord1 ord2 ord3", excerpt);
        Assert.EndsWith(" …", excerpt);
        Assert.InRange(excerpt.Length, 150, 205);
        Assert.DoesNotContain("ord80", excerpt);
    }

    [Fact]
    public async Task Paging_shows_the_newest_answers_first_and_keeps_the_search()
    {
        var filed = new List<int>();
        for (var i = 0; i < 22; i++)
        {
            filed.Add((await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"Bläddringsord nummer {i}.")).Id);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        filed.Reverse();

        using var browser = await AsAsync("rapportor.kommun@insjoriket.example");
        var first = await browser.GetAsync("/besvarade?q=bläddringsord");
        Assert.Equal(filed.Take(20), first.CaseIds());
        Assert.Contains("22 besvarade ärenden, sida 1 av 2", first.Text);
        var next = first.Document.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/besvarade?q=bl%C3%A4ddringsord&p=2", next);
        Assert.Equal(filed.Skip(20), (await browser.GetAsync(next)).CaseIds());
    }

    [Theory]
    [InlineData("kategori=abc")]
    [InlineData("kategori=SNB")]
    [InlineData("part=999999")]
    [InlineData("p=-4")]
    [InlineData("p=99999")]
    public async Task An_unknown_filter_value_filters_nothing(string bad)
    {
        var word = UniqueWord("filter");
        var filed = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: ett svar.");
        var snbCategory = app.WithDb(db => db.Categories.First(k => k.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id).Id);
        using var browser = await AsAsync("styrelse@insjoriket.example");
        var page = await browser.GetAsync($"/besvarade?q={word}&" + bad.Replace("=SNB", $"={snbCategory}"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(filed.Id, page.CaseIds());
    }

    [Fact]
    public async Task Someone_without_a_role_in_a_forbund_is_refused()
    {
        using var admin = await AsAsync("admin@lexheller.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/besvarade")).Status);
        using var anonymous = new Browserless(app);
        var page = await anonymous.GetAsync("/besvarade", follow: false);
        Assert.StartsWith("/logga-in", new Uri(new Uri("http://localhost"), page.Location).AbsolutePath);
    }
}
