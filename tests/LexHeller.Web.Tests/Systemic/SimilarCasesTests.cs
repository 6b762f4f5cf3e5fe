using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The suggestions on a constructed corpus: a case about a rule conflict between Försäkringskassan and
/// Arbetsförmedlingen, three near-duplicates of it, one case with a different text but the same conflict, and cases
/// about other things. The five nearest are the planted ones, each with its reason, and none of the others; another
/// förbund's near-duplicate appears only when both förbund take part in the joint register, and then only as a summary.
/// </summary>
public sealed class SimilarCorpus : IAsyncLifetime
{
    private const string Fk = "Försäkringskassan";
    private const string Af = "Arbetsförmedlingen";
    public static readonly (string, string, string, string)[] FkAfConflict =
        [(Fk, "Läkarintyg om nedsatt arbetsförmåga innan sjukpenning betalas ut.", Af, "Inskrivning som arbetssökande med full arbetsförmåga.")];

    public AppFactory App { get; } = new();

    public int Target { get; private set; }
    public int[] Planted { get; private set; } = [];
    public int SameConflict { get; private set; }
    public int[] Unrelated { get; private set; } = [];
    public int Draft { get; private set; }
    public int OtherForbund { get; private set; }

    public async Task InitializeAsync()
    {
        var app = App;
        var target = await app.FileCaseAsync(CaseState.UnderGranskning,
            whatHappened: "Försäkringskassan krävde ett läkarintyg om nedsatt arbetsförmåga innan sjukpenningen betalades ut, medan Arbetsförmedlingen krävde inskrivning som arbetssökande.",
            consequences: "Hushållet stod utan sjukpenning och försörjningsstöd i två månader.",
            category: "Regler som krockar", parties: [Fk, Af], conflicts: FkAfConflict);
        var planted = new[]
        {
            await app.FileCaseAsync(whatHappened: "Arbetsförmedlingen ville ha inskrivning som arbetssökande, Försäkringskassan ett läkarintyg om nedsatt arbetsförmåga för sjukpenningen.",
                consequences: "Ingen sjukpenning betalades ut under tiden.", category: "Regler som krockar", parties: [Fk, Af], conflicts: FkAfConflict),
            await app.FileCaseAsync(whatHappened: "Sjukpenningen stoppades i väntan på läkarintyg om arbetsförmåga medan inskrivningen som arbetssökande dröjde.",
                consequences: "Personen fick söka försörjningsstöd.", category: "Regler som krockar", parties: [Fk, Af]),
            await app.FileCaseAsync(whatHappened: "Läkarintyget om nedsatt arbetsförmåga räckte inte för sjukpenningen och Arbetsförmedlingen nekade inskrivning som arbetssökande.",
                consequences: "Sjukpenning och ersättning uteblev i sju veckor.", category: "Oklart ansvar", parties: [Fk, Af], conflicts: FkAfConflict),
            await app.FileCaseAsync(whatHappened: "Försäkringskassan drog in sjukpenningen när läkarintyget om arbetsförmåga saknades, och Arbetsförmedlingen ville se inskrivning som arbetssökande först.",
                consequences: "Hyran kunde inte betalas.", category: "Regler som krockar", parties: [Fk, Af]),
        };
        var sameConflict = await app.FileCaseAsync(whatHappened: "Aktivitetsersättningen drogs in när programmet på dagverksamheten avbröts i förtid.",
            consequences: "Ekonomin rasade för familjen.", category: "Ekonomiskt stöd", parties: [Fk, Af], conflicts: FkAfConflict);
        var unrelated = new[]
        {
            await app.FileCaseAsync(whatHappened: "Tolken till mötet på vårdcentralen uteblev och samtalet fick ställas in.",
                consequences: "Besöket bokades om tre gånger.", category: "Språk och tolk", parties: ["Västra Götalandsregionen"]),
            await app.FileCaseAsync(whatHappened: "Bostadsbolaget sade upp kontraktet utan att socialtjänsten underrättades om hyresskulden.",
                consequences: "Familjen blev bostadslös över vintern.", category: "Boende", parties: ["Mölndals stad"]),
            await app.FileCaseAsync(whatHappened: "Remissen från vårdcentralen till psykiatrin kom aldrig fram och ingen kontaktade patienten.",
                consequences: "Vården försenades med ett halvår.", category: "Överlämning och remiss", parties: ["Västra Götalandsregionen"]),
            await app.FileCaseAsync(whatHappened: "Skolan och elevhälsan delade inte uppgifter om frånvaron på grund av sekretessen.",
                consequences: "Eleven missade en termin.", category: "Informationsdelning och sekretess", parties: ["Partille kommun"]),
            await app.FileCaseAsync(whatHappened: "Handläggaren på kommunens ekonomiska bistånd svarade inte på telefon under sommaren.",
                consequences: "Räkningarna blev obetalda.", category: "Nåbarhet och kontakt", parties: ["Lerums kommun"]),
            await app.FileCaseAsync(whatHappened: "Väntetiden till den neuropsykiatriska utredningen var över två år.",
                consequences: "Insatserna i skolan kunde inte anpassas.", category: "Väntetid", parties: ["Västra Götalandsregionen"]),
        };
        // A förbund's year has many cases about other things: they make the planted words rare, as they are in life, and
        // bm25 weighs a word by how rare it is.
        var everyday = new[]
        {
            ("Tolkbokningen till mötet hos socialtjänsten gjordes för fel språk.", "Mötet fick ställas in.", "Språk och tolk", "Partille kommun"),
            ("Hyresvärden fick inget besked om att kommunen skulle betala hyran.", "Vräkning hotade familjen.", "Boende", "Härryda kommun"),
            ("Vårdcentralen skickade journalen till fel mottagning inom regionen.", "Utredningen fick börja om.", "Överlämning och remiss", "Västra Götalandsregionen"),
            ("Ingen på kommunens växel kunde säga vem som ansvarade för dagverksamheten.", "Anhöriga ringde i veckor.", "Oklart ansvar", "Alingsås kommun"),
            ("Kön till budget- och skuldrådgivningen var fem månader lång.", "Skulderna växte under tiden.", "Väntetid", "Mölndals stad"),
            ("Skolskjutsen ställdes in utan att vårdnadshavarna fick veta något.", "Eleven kom inte till skolan.", "Nåbarhet och kontakt", "Lerums kommun"),
        };
        for (var round = 0; round < 4; round++)
            foreach (var (what, consequence, kind, party) in everyday)
                await app.FileCaseAsync(whatHappened: $"{what} Gång {round + 1}.", consequences: consequence, category: kind, parties: [party]);
        var draft = await app.WithDbAsync(async db =>
        {
            // A draft like the target, which no one but its reporter may see.
            var reporter = db.Users.Single(u => u.NormalizedEmail == "RAPPORTOR@INSJORIKET.EXAMPLE");
            var forbund = db.Forbund.Single(f => f.Code == "INS");
            var c = Case.NewDraft(forbund.Id, CaseKind.Avvikelse, reporter.Id, db.Organisations.Single(o => o.Name == "Mölndals stad").Id, Guid.NewGuid(), app.Clock.GetUtcNow());
            c.EditDraft(new CaseContent(null, null, "Försäkringskassan krävde läkarintyg om nedsatt arbetsförmåga för sjukpenningen, Arbetsförmedlingen inskrivning som arbetssökande.",
                "Utan sjukpenning.", null, null, null, null, [], []), app.Clock.GetUtcNow());
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var other = await app.FileCaseAsync(reporterEmail: "rapportor@sodranorrbotten.example",
            whatHappened: "Försäkringskassan krävde läkarintyg om nedsatt arbetsförmåga för sjukpenningen medan Arbetsförmedlingen krävde inskrivning som arbetssökande.",
            consequences: "Sjukpenningen uteblev i två månader.", category: "Regler som krockar", parties: [Fk, Af], conflicts: FkAfConflict);
        Target = target.Id;
        Planted = planted.Select(p => p.Id).ToArray();
        SameConflict = sameConflict.Id;
        Unrelated = unrelated.Select(u => u.Id).ToArray();
        Draft = draft;
        OtherForbund = other.Id;
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public class SimilarCasesTests(SimilarCorpus c) : IClassFixture<SimilarCorpus>
{
    private const string Fk = "Försäkringskassan";
    private const string Af = "Arbetsförmedlingen";

    private readonly AppFactory app = c.App;

    private async Task<IReadOnlyList<SimilarCases.Suggestion>> SuggestAsync(int caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SimilarCases>().ForAsync(caseId);
    }

    private Task ShareAsync(string code, bool share) => app.WithDbAsync(async db =>
    {
        db.Forbund.Single(f => f.Code == code).ShareSystemicProblems(share);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_five_nearest_are_the_planted_cases_with_their_reasons_and_no_unrelated_case()
    {
        await ShareAsync("INS", false);

        var suggestions = await SuggestAsync(c.Target);

        Assert.Equal(5, suggestions.Count);
        Assert.Equal(c.Planted.Append(c.SameConflict).Order(), suggestions.Select(s => s.CaseId).Order());
        Assert.DoesNotContain(suggestions, s => c.Unrelated.Contains(s.CaseId) || s.CaseId == c.Draft || s.CaseId == c.Target || s.CaseId == c.OtherForbund);
        // The near-duplicates rank above the case that shares only the conflict.
        Assert.Equal(c.SameConflict, suggestions[^1].CaseId);
        Assert.All(suggestions.Take(4), s => Assert.Contains("liknande text", s.Reasons));
        Assert.All(suggestions.Zip(suggestions.Skip(1)), p => Assert.True(p.First.Score >= p.Second.Score));
        var conflict = $"samma regelkrock: {Fk} ↔ {Af}";
        Assert.Equal([conflict, $"samma parter: {Af}, {Fk}", "samma kategori: Regler som krockar"],
            suggestions.Single(s => s.CaseId == c.Planted[0]).Reasons.Where(r => r != "liknande text"));
        Assert.Contains(conflict, suggestions.Single(s => s.CaseId == c.SameConflict).Reasons);
        Assert.DoesNotContain("liknande text", suggestions.Single(s => s.CaseId == c.SameConflict).Reasons);
        Assert.DoesNotContain(suggestions.Single(s => s.CaseId == c.Planted[1]).Reasons, r => r.StartsWith("samma regelkrock", StringComparison.Ordinal));
        Assert.All(suggestions, s => Assert.True(s.OwnForbund && s.Reference is not null));
    }

    [Fact]
    public async Task An_unrelated_case_gets_no_suggestion_from_the_rule_conflict_cases()
    {
        await ShareAsync("INS", false);

        var suggestions = await SuggestAsync(c.Unrelated[0]);

        Assert.DoesNotContain(suggestions, s => c.Planted.Contains(s.CaseId) || s.CaseId == c.Target || s.CaseId == c.SameConflict);
    }

    [Fact]
    public async Task Another_forbunds_case_appears_only_when_both_take_part_in_the_joint_register_and_only_as_a_summary()
    {
        try
        {
            await ShareAsync("INS", true);
            await ShareAsync("SNB", false);
            Assert.DoesNotContain(await SuggestAsync(c.Target), s => s.CaseId == c.OtherForbund);

            await ShareAsync("INS", false);
            await ShareAsync("SNB", true);
            Assert.DoesNotContain(await SuggestAsync(c.Target), s => s.CaseId == c.OtherForbund);

            await ShareAsync("INS", true);
            var suggestions = await SuggestAsync(c.Target);
            var other = Assert.Single(suggestions, s => s.CaseId == c.OtherForbund);
            Assert.False(other.OwnForbund);
            Assert.Null(other.Reference);
            Assert.Null(other.Summary);
            Assert.Equal("Samordningsförbundet Södra Norrbotten", other.Forbund);
            Assert.Contains("liknande text", other.Reasons);

            // And the other way round: Södra Norrbotten's kansli sees Insjöriket's cases as summaries.
            var back = await SuggestAsync(c.OtherForbund);
            Assert.Contains(back, s => s.CaseId == c.Target && !s.OwnForbund && s.Reference is null);
        }
        finally
        {
            await ShareAsync("INS", false);
            await ShareAsync("SNB", false);
        }
    }

    [Fact]
    public async Task A_linked_case_is_no_longer_suggested()
    {
        await ShareAsync("INS", false);
        var kansli = await app.CaseUserAsync("kansli@insjoriket.example");
        using var scope = app.Services.CreateScope();
        var commands = scope.ServiceProvider.GetRequiredService<SystemicCommands>();

        var linked = await commands.LinkCasesAsync(kansli, c.Planted[2], c.Planted[1]);

        Assert.Equal(CommandStatus.Done, linked.Status);
        Assert.DoesNotContain(await SuggestAsync(c.Planted[2]), s => s.CaseId == c.Planted[1]);
        Assert.DoesNotContain(await SuggestAsync(c.Planted[1]), s => s.CaseId == c.Planted[2]);
        Assert.Equal(CommandStatus.Refused, (await commands.LinkCasesAsync(kansli, c.Planted[1], c.Planted[2])).Status);
        // Another förbund's case is never linked to.
        Assert.Equal(CommandStatus.Refused, (await commands.LinkCasesAsync(kansli, c.Planted[1], c.OtherForbund)).Status);
    }
}
