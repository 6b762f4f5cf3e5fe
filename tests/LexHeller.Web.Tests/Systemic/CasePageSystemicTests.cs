using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The kansli's case page, through the pages as a browser without script uses them: the similar cases with why they
/// were suggested (while screening, too), linking a suggested case and taking the link away, linking the case to a
/// systemfel, and that nobody but the förbund's own kansli sees these sections or reaches their forms.
/// </summary>
public sealed class CasePageSystemicTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Fk = "Försäkringskassan";
    private const string Af = "Arbetsförmedlingen";
    private static readonly (string, string, string, string)[] Conflict =
        [(Fk, "Läkarintyg om nedsatt arbetsförmåga innan sjukpenning betalas ut.", Af, "Inskrivning som arbetssökande med full arbetsförmåga.")];

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    /// <summary>A case under screening, a near-duplicate with the same rule conflict, an unrelated case and, in the other förbund, a near-duplicate.</summary>
    private async Task<(CaseFactory.Filed Target, CaseFactory.Filed Twin, CaseFactory.Filed Unrelated, CaseFactory.Filed Other)> CorpusAsync()
    {
        var target = await app.FileCaseAsync(CaseState.UnderGranskning,
            whatHappened: "Försäkringskassan krävde ett läkarintyg om nedsatt arbetsförmåga innan sjukpenningen betalades ut, medan Arbetsförmedlingen krävde inskrivning som arbetssökande.",
            consequences: "Hushållet stod utan sjukpenning i två månader.", category: "Regler som krockar", parties: [Fk, Af], conflicts: Conflict);
        var twin = await app.FileCaseAsync(
            whatHappened: "Arbetsförmedlingen ville ha inskrivning som arbetssökande, Försäkringskassan ett läkarintyg om nedsatt arbetsförmåga för sjukpenningen.",
            consequences: "Ingen sjukpenning betalades ut under tiden.", category: "Regler som krockar", parties: [Fk, Af], conflicts: Conflict);
        var unrelated = await app.FileCaseAsync(whatHappened: "Tolken till mötet på vårdcentralen uteblev och samtalet fick ställas in.",
            consequences: "Besöket bokades om tre gånger.", category: "Språk och tolk", parties: ["Västra Götalandsregionen"]);
        foreach (var (what, kind, party) in new[]
        {
            ("Hyresvärden fick inget besked om att kommunen skulle betala hyran.", "Boende", "Härryda kommun"),
            ("Kön till budget- och skuldrådgivningen var fem månader lång.", "Väntetid", "Mölndals stad"),
            ("Skolskjutsen ställdes in utan att vårdnadshavarna fick veta något.", "Nåbarhet och kontakt", "Lerums kommun"),
        })
            await app.FileCaseAsync(whatHappened: what, consequences: "Det blev besvärligt.", category: kind, parties: [party]);
        var other = await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: "rapportor@sodranorrbotten.example",
            whatHappened: "Försäkringskassan krävde läkarintyg om nedsatt arbetsförmåga för sjukpenningen medan Arbetsförmedlingen krävde inskrivning som arbetssökande.",
            consequences: "Sjukpenningen uteblev i två månader.", category: "Regler som krockar", parties: [Fk, Af], conflicts: Conflict);
        return (target, twin, unrelated, other);
    }

    private Task ShareAsync(string code) => app.WithDbAsync(async db =>
    {
        db.Forbund.Single(f => f.Code == code).ShareSystemicProblems(true);
        return await db.SaveChangesAsync();
    });

    private int Links(int caseId) => app.WithDb(db => db.CaseLinks.Count(l => l.CaseId == caseId || l.OtherCaseId == caseId));

    private static string Section(Browserless.Page page, string testId) =>
        page.Document.QuerySelector($"[data-testid={testId}]")?.TextContent ?? "";

    [Fact]
    public async Task While_screening_the_kansli_sees_the_similar_cases_with_why_and_links_one()
    {
        var (target, twin, unrelated, other) = await CorpusAsync();
        using var kansli = await LoginAsync(Kansli);

        var page = await kansli.GetAsync($"/arenden/{target.Id}");
        var suggestion = page.Document.QuerySelector($"[data-testid=suggestion][data-case='{twin.Id}']");
        Assert.NotNull(suggestion);
        Assert.Matches("samma regelkrock: (Arbetsförmedlingen ↔ Försäkringskassan|Försäkringskassan ↔ Arbetsförmedlingen)", suggestion.TextContent);
        Assert.NotNull(suggestion.QuerySelector($"a[href='/arenden/{twin.Id}']"));
        Assert.DoesNotContain(unrelated.Reference, Section(page, "similar-cases"));
        // The other förbund does not take part in the joint register: none of its cases.
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=other-forbund]"));

        page = await kansli.SubmitAsync(page, Form(), $"[data-case='{twin.Id}'] form");
        Assert.Equal($"/arenden/{target.Id}", page.Url.Split('#')[0]);
        Assert.Contains($"Du har kopplat ärendet till {twin.Reference}.", page.Text);
        Assert.Contains(twin.Reference, Section(page, "linked-cases"));
        Assert.Null(page.Document.QuerySelector($"[data-testid=suggestion][data-case='{twin.Id}']"));
        Assert.Equal(1, Links(target.Id));

        // Read from the other case, the link is there too, and is taken away from there.
        var back = await kansli.GetAsync($"/arenden/{twin.Id}");
        Assert.Contains(target.Reference, Section(back, "linked-cases"));
        back = await kansli.SubmitAsync(back, Form(), "[data-testid=linked-cases] form");
        Assert.Contains($"Du har tagit bort kopplingen till {target.Reference}.", back.Text);
        Assert.Equal(0, Links(target.Id));

        // Once both förbund share, the other förbund's case is a summary: no reference, no link, no text, nothing to press.
        await ShareAsync("INS");
        await ShareAsync("SNB");
        page = await kansli.GetAsync($"/arenden/{target.Id}");
        var foreign = page.Document.QuerySelectorAll("[data-testid=suggestion]").SingleOrDefault(e => e.QuerySelector("[data-testid=other-forbund]") is not null);
        Assert.True(foreign is not null, Section(page, "similar-cases"));
        Assert.Contains("Samordningsförbundet Södra Norrbotten", foreign.TextContent);
        Assert.Contains("Remisser tappades mellan kommun och AF.", foreign.TextContent);
        Assert.DoesNotContain(other.Reference, foreign.TextContent);
        Assert.DoesNotContain("Sjukpenningen uteblev", foreign.TextContent);
        Assert.Null(foreign.QuerySelector("a, form"));
    }

    [Fact]
    public async Task Linking_to_a_case_of_another_forbund_is_refused_and_only_the_own_kansli_reaches_the_forms()
    {
        var (target, twin, _, other) = await CorpusAsync();
        using var kansli = await LoginAsync(Kansli);

        var page = await kansli.PostFromAsync($"/arenden/{target.Id}", $"/arenden/{target.Id}?handler=Link", Form(("otherCaseId", other.Id.ToString())));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Det ärendet finns inte bland förbundets ärenden.", page.Document.QuerySelector("[data-testid=error-summary]")?.TextContent);
        Assert.Equal(0, Links(target.Id));

        foreach (var email in new[] { "kansli@sodranorrbotten.example", "bug.fk@insjoriket.example", "rapportor@insjoriket.example" })
        {
            using var someone = await LoginAsync(email);
            var response = await someone.PostFromAsync("/", $"/arenden/{target.Id}?handler=Link", Form(("otherCaseId", twin.Id.ToString())));
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
        }
        Assert.Equal(0, Links(target.Id));

        // The reporter reads their case without the kansli's sections, with their own ledger instead.
        using var reporter = await LoginAsync("rapportor@insjoriket.example");
        var own = await reporter.GetAsync($"/arenden/{target.Id}");
        Assert.Null(own.Document.QuerySelector("[data-testid=similar-cases]"));
        Assert.Null(own.Document.QuerySelector("[data-testid=case-systemfel]"));
        Assert.Contains("Det här har hänt sedan du rapporterade", Section(own, "impact-ledger"));
    }

    [Fact]
    public async Task The_kansli_links_the_case_to_a_systemfel_from_the_case_page()
    {
        var target = await app.FileCaseAsync(CaseState.UnderGranskning);
        var user = await app.CaseUserAsync(Kansli);
        int problemId = 0;
        await app.WithScopeAsync(async s =>
        {
            var made = await s.GetRequiredService<SystemicCommands>().IdentifyAsync(user, app.ForbundId("INS"),
                new SystemicInput("Remisser som tappas", "Remisser mellan kommun och AF kommer inte fram.", null, null, [], null, null), null);
            problemId = made.Id!.Value;
        });
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.GetAsync($"/arenden/{target.Id}");
        Assert.NotNull(page.Document.QuerySelector($"a[href='/systemfel/ny?arende={target.Id}']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/atgarder/ny?arende={target.Id}']"));

        // Nothing chosen: the reason by the select, with the summary linking to it.
        var refused = await kansli.SubmitAsync(page, Form(("systemicProblemId", "")), "[data-testid=case-systemfel] form");
        Assert.Equal("Välj ett systemfel.", refused.Document.QuerySelector("#systemfel-error")!.TextContent.Trim());
        Assert.NotNull(refused.Document.QuerySelector("[data-testid=error-summary] a[href='#SystemicProblemId']"));
        Assert.Equal(0, app.WithDb(db => db.SystemicProblemCases.Count()));

        page = await kansli.SubmitAsync(page, Form(("systemicProblemId", problemId.ToString())), "[data-testid=case-systemfel] form");
        Assert.Contains($"Du har kopplat {target.Reference} till systemfelet ”Remisser som tappas”.", page.Text);
        Assert.NotNull(page.Document.QuerySelector($"[data-testid=case-systemfel] a[href='/systemfel/{problemId}']"));
        Assert.Equal(1, app.WithDb(db => db.SystemicProblemCases.Count(l => l.CaseId == target.Id && l.SystemicProblemId == problemId)));
    }
}
