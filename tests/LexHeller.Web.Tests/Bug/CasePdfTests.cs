using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using static LexHeller.Web.Tests.Bug.BugSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Bug;

/// <summary>The PDF layout, read back with PDFsharp's reader, on its own and as downloaded.</summary>
public class CasePdfTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Sentence = "Försäkringskassan krävde ett läkarintyg som vården inte utfärdar förrän Arbetsförmedlingen har gjort en kartläggning, och kartläggningen kräver intyget.";

    private static CasePdfContent Content(string whatHappened, string? response) => new(
        "Samordningsförbundet Insjöriket", "LH-INS-2026-0001", "Remiss/överlämning", "Remitterad till part", "Regler som krockar",
        ["Försäkringskassan", "Arbetsförmedlingen"], CasePdf.Month(new DateOnly(2026, 10, 14)), whatHappened,
        "Personen stod utan ersättning i tre månader.", "En gemensam rutin för vem som börjar.",
        [new("Försäkringskassan", "Läkarintyg innan ersättning kan prövas.", "SFB 27 kap.", "Arbetsförmedlingen", "Kartläggning innan intyg kan begäras.", null)],
        [new("Försäkringskassan", "Besvarad", "2026-11-11", response), new("Arbetsförmedlingen", "Väntar på svar", "2026-11-11", null)],
        new CasePdfHandover("Mölndals stad", "Arbetsförmedlingen", CasePdf.Month(new DateOnly(2026, 9, 1)), "Nej", 43),
        "2026-10-20 10:00");

    [Fact]
    public void Long_text_is_wrapped_over_lines_and_pages_and_every_page_is_numbered()
    {
        var longText = string.Join(" ", Enumerable.Repeat(Sentence, 40));
        var word = new string('x', 300);
        var pdf = PdfText.Read(CasePdf.Render(Content(longText + "\n\nSista stycket " + word, "Försäkringskassan ser över rutinen.")));

        Assert.True(pdf.PageCount >= 2, $"{pdf.PageCount} page(s)");
        for (var i = 0; i < pdf.PageCount; i++)
            Assert.Contains($"Sida {i + 1} av {pdf.PageCount}", pdf.Pages[i]);
        var lines = pdf.Text.Split('\n');
        var body = string.Join(" ", lines.Where(l => !l.Contains("Pseudonymiserad utskrift") && !l.StartsWith("Sida ") && l.Length > 0));
        Assert.Contains(longText, body);
        // A word longer than a line is cut where the line is full, and nothing of it is lost.
        var pieces = body.Split("Sista stycket ")[1].Split(" Konsekvenser")[0].Split(' ');
        Assert.True(pieces.Length >= 2, "the long word is broken");
        Assert.Equal(word, string.Concat(pieces));
        Assert.True(lines.Count(l => l.StartsWith("Försäkringskassan krävde")) >= 20, "the long text is broken into lines");
        Assert.All(lines, l => Assert.True(l.Length < 110, $"an unbroken line: {l}"));
    }

    [Fact]
    public void The_PDF_prints_the_case_in_Swedish_with_the_event_date_coarsened_to_the_month()
    {
        var pdf = PdfText.Read(CasePdf.Render(Content(Sentence, "Försäkringskassan ser över rutinen.")));

        Assert.Equal(1, pdf.PageCount);
        foreach (var expected in new[]
        {
            "Samordningsförbundet Insjöriket", "Ärende LH-INS-2026-0001", "Remiss/överlämning", "Regler som krockar",
            "Försäkringskassan, Arbetsförmedlingen", "Händelsen inträffade oktober 2026", "Skickades september 2026", "Vad hände? " + Sentence,
            "Konsekvenser för individen Personen stod utan ersättning i tre månader.", "Förslag på förbättring En gemensam rutin",
            "Försäkringskassan kräver: Läkarintyg innan ersättning kan prövas. (SFB 27 kap.)",
            "Arbetsförmedlingen kräver: Kartläggning innan intyg kan begäras.",
            "Försäkringskassan Besvarad · svar senast 2026-11-11 Försäkringskassan ser över rutinen.",
            "Arbetsförmedlingen Väntar på svar · svar senast 2026-11-11 Inget inskickat svar.",
            "Sida 1 av 1",
        })
            Assert.Contains(expected, pdf.Flat);
        Assert.DoesNotContain("2026-10-14", pdf.Flat);
        Assert.Equal("Ärende LH-INS-2026-0001", pdf.Info.Title);
    }

    [Fact]
    public async Task The_PDF_of_a_concluded_case_prints_outcome_summary_and_answer_and_tells_the_kansli_whether_it_is_published()
    {
        var filed = await app.FileCaseAsync(CaseState.Besvarad);
        using (var browser = new Browserless(app))
        {
            await browser.LoginAsync(Kansli);
            await browser.ActAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.RaisedToBoard)),
                ("Input.Summary", "Ingen part tar ansvar för överlämningen."), ("Input.Answer", "Styrelsen får frågan om en gemensam rutin."),
                ("Input.Publish", "false")));
        }

        var kansli = await PdfAsync(Kansli, filed.Id);
        Assert.Contains("Ärendets avslut Utfall Lyft till styrelsen Publicering Svaret är inte publicerat.", kansli.Flat);
        Assert.Contains("Sammanfattning Ingen part tar ansvar för överlämningen.", kansli.Flat);
        Assert.Contains("Svar Styrelsen får frågan om en gemensam rutin.", kansli.Flat);

        // A BUG member reads the conclusion as on the case page, but not whether it is published.
        var member = await PdfAsync(BugFk, filed.Id);
        Assert.Contains("Ärendets avslut Utfall Lyft till styrelsen Sammanfattning Ingen part tar ansvar för överlämningen.", member.Flat);
        Assert.Contains("Svar Styrelsen får frågan om en gemensam rutin.", member.Flat);
        Assert.DoesNotContain("Publicering", member.Flat);
        Assert.DoesNotContain("publicerat", member.Flat);
    }

    private async Task<PdfText.Document> PdfAsync(string email, int caseId)
    {
        using var download = new Downloader(app);
        await download.LoginAsync(email);
        using var response = await download.GetAsync($"/arenden/{caseId}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PdfText.Read(await response.Content.ReadAsByteArrayAsync());
    }
}
