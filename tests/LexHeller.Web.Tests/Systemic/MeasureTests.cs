using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// Measures through the kansli's pages: planned for a case, refused with each reason by its field when the input is
/// wrong, marked done (which tells the reporter of that case, and no one of any other case's content), followed up;
/// and no one but the förbund's own kansli reaches them.
/// </summary>
public sealed class MeasureTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private string Day(int daysAhead) => Today.AddDays(daysAhead).ToString("yyyy-MM-dd");

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private static Dictionary<string, string> Measure(string description, string organisation, string due, string followUp) =>
        Form(("Input.Description", description), ("Input.OrganisationId", organisation), ("Input.DueDate", due), ("Input.FollowUpDate", followUp));

    private static string FieldError(Browserless.Page page, string id) => page.Document.QuerySelector($"#{id}")?.TextContent.Trim() ?? "";

    private async Task<int> PlanAsync(Browserless kansli, int caseId, string description)
    {
        var page = await kansli.SubmitAsync(await kansli.GetAsync($"/atgarder/ny?arende={caseId}"),
            Measure(description, app.OrganisationId("Försäkringskassan").ToString(), Day(14), Day(60)));
        Assert.Contains("Du har lagt till åtgärden.", page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    [Fact]
    public async Task A_planned_measure_is_saved_listed_and_shown_on_its_case()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await LoginAsync(Kansli);
        var id = await PlanAsync(kansli, filed.Id, "Försäkringskassan ser över rutinen för remisser till Arbetsförmedlingen.");

        var saved = app.WithDb(db => db.Measures.AsNoTracking().Single());
        Assert.Equal((filed.Id, Today.AddDays(14), Today.AddDays(60), app.OrganisationId("Försäkringskassan")),
            (saved.CaseId!.Value, saved.DueDate, saved.FollowUpDate, saved.OrganisationId!.Value));
        Assert.Null(saved.SystemicProblemId);

        var list = await kansli.GetAsync("/atgarder?filter=att-gora");
        Assert.NotNull(list.Document.QuerySelector($"[data-measure='{id}']"));
        Assert.Contains("Försäkringskassan", list.Document.QuerySelector($"[data-measure='{id}']")!.TextContent);
        Assert.Null((await kansli.GetAsync("/atgarder?filter=uppfoljda")).Document.QuerySelector($"[data-measure='{id}']"));
        Assert.Null((await kansli.GetAsync("/atgarder?filter=forsenade")).Document.QuerySelector($"[data-measure='{id}']"));

        var casePage = await kansli.GetAsync($"/arenden/{filed.Id}");
        Assert.NotNull(casePage.Document.QuerySelector($"[data-testid=case-measures] a[href='/atgarder/{id}']"));
    }

    [Fact]
    public async Task Bad_input_is_refused_next_to_each_field_and_nothing_is_written()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await LoginAsync(Kansli);
        var form = await kansli.GetAsync($"/atgarder/ny?arende={filed.Id}");

        // Empty text, a party of another förbund, a due date that has passed and a follow-up before it.
        var page = await kansli.SubmitAsync(form, Measure("  ", app.OrganisationId("Bodens kommun").ToString(), Day(-1), Day(-2)));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Skriv vad som ska göras.", FieldError(page, "description-error"));
        Assert.Equal("Välj en av förbundets parter, eller förbundet självt.", FieldError(page, "organisation-error"));
        Assert.Contains("har redan passerat", FieldError(page, "due-error"));
        Assert.Contains("kan inte ligga före", FieldError(page, "follow-up-error"));
        var links = page.Document.QuerySelectorAll("[data-testid=error-summary] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Description", "#Input_OrganisationId", "#Input_DueDate", "#Input_FollowUpDate"], links);

        // A follow-up before the due date on its own, and a date that is no date.
        page = await kansli.SubmitAsync(form, Measure("Ny rutin.", "", Day(10), Day(5)));
        Assert.Contains("kan inte ligga före", FieldError(page, "follow-up-error"));
        Assert.Equal("", FieldError(page, "due-error"));
        page = await kansli.SubmitAsync(form, Measure("Ny rutin.", "", "i morgon", Day(5)));
        Assert.Equal("Skriv datumet som ÅÅÅÅ-MM-DD.", FieldError(page, "due-error"));

        Assert.Equal(0, app.WithDb(db => db.Measures.Count()));
        Assert.Equal(0, app.WithDb(db => db.AuditEntries.Count(a => a.Action == LexHeller.Core.Audit.AuditActions.MeasurePlanned)));
    }

    [Fact]
    public async Task Done_tells_the_reporter_with_nothing_of_another_case_and_the_follow_up_is_recorded()
    {
        var mine = await app.FileCaseAsync(CaseState.UnderGranskning);
        var other = await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor.kommun@insjoriket.example");
        using var kansli = await LoginAsync(Kansli);
        var id = await PlanAsync(kansli, mine.Id, "Kommunen inför kvittens på alla remisser.");
        var otherId = await PlanAsync(kansli, other.Id, "Regionen förlänger telefontiderna på vårdcentralen.");
        var otherPage = await kansli.GetAsync($"/atgarder/{otherId}");
        await kansli.SubmitAsync(otherPage, Form(("Done.ToReporters", "Hemligt om det andra ärendet.")), "form[action*='handler=Done']");

        var page = await kansli.GetAsync($"/atgarder/{id}");
        Assert.Contains("Rapportören av ärendet får ett mejl", page.Document.QuerySelector("[data-testid=who-hears]")!.TextContent);
        page = await kansli.SubmitAsync(page, Form(("Done.Note", "Beslutat i ledningsgruppen."), ("Done.ToReporters", "Tack för att du rapporterade.")),
            "form[action*='handler=Done']");
        Assert.Contains("Du har markerat åtgärden som genomförd. Rapportören får ett mejl", page.Text);
        Assert.Equal("Genomförd", page.Document.QuerySelector("[data-testid=measure-status]")!.TextContent.Trim());

        var mails = app.WithDb(db => db.Outbox.AsNoTracking().Where(m => m.To == Reporter && m.Subject.Contains("Det här har hänt sedan du rapporterade")).ToList());
        var mail = Assert.Single(mails);
        Assert.Contains(mine.Reference, mail.Subject);
        Assert.Contains("Kommunen inför kvittens på alla remisser.", mail.TextBody);
        Assert.Contains("Tack för att du rapporterade.", mail.TextBody);
        foreach (var foreign in new[] { "Regionen förlänger", "Hemligt om det andra ärendet", other.Reference, "Remissen från kommunen" })
            Assert.DoesNotContain(foreign, mail.TextBody + mail.HtmlBody);

        using var reporter = await LoginAsync(Reporter);
        var ledger = (await reporter.GetAsync($"/arenden/{mine.Id}")).Document.QuerySelector("[data-testid=impact-ledger]")!.TextContent;
        Assert.Contains("Kommunen inför kvittens på alla remisser. Tack för att du rapporterade.", ledger);
        Assert.DoesNotContain("Regionen förlänger", ledger);
        Assert.DoesNotContain("Beslutat i ledningsgruppen", ledger);

        // Follow-up: the effect must be chosen; then it is recorded with its note.
        page = await kansli.GetAsync($"/atgarder/{id}");
        var refused = await kansli.SubmitAsync(page, Form(("FollowUp.Note", "Svårt att säga.")), "form[action*='handler=FollowUp']");
        Assert.Equal("Välj om åtgärden hade effekt.", FieldError(refused, "effect-error"));
        Assert.Null(app.WithDb(db => db.Measures.Single(m => m.Id == id).Effect));
        page = await kansli.SubmitAsync(page, Form(("FollowUp.Effect", "Delvis"), ("FollowUp.Note", "Färre remisser tappas, men inte alla.")),
            "form[action*='handler=FollowUp']");
        Assert.Contains("Du har följt upp åtgärden: effekt delvis.", page.Text);
        var followed = app.WithDb(db => db.Measures.AsNoTracking().Single(m => m.Id == id));
        Assert.Equal((MeasureEffect.Delvis, "Färre remisser tappas, men inte alla."), (followed.Effect!.Value, followed.EffectNote!));
        Assert.NotNull((await kansli.GetAsync("/atgarder?filter=uppfoljda")).Document.QuerySelector($"[data-measure='{id}']"));
        Assert.Null((await kansli.GetAsync("/atgarder?filter=uppfoljda")).Document.QuerySelector($"[data-measure='{otherId}']"));
    }

    [Fact]
    public async Task Only_the_forbunds_own_kansli_reaches_the_measures()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await LoginAsync(Kansli);
        var id = await PlanAsync(kansli, filed.Id, "Försäkringskassan ser över rutinen.");

        foreach (var email in new[] { "bug.fk@insjoriket.example", Reporter })
        {
            using var someone = await LoginAsync(email);
            foreach (var url in new[] { "/atgarder", $"/atgarder/ny?arende={filed.Id}", $"/atgarder/{id}" })
                Assert.Equal(HttpStatusCode.Forbidden, (await someone.GetAsync(url)).Status);
            var post = await someone.PostFromAsync("/", $"/atgarder/{id}?handler=Done", Form(("Done.Note", "x")));
            Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        }
        using var otherKansli = await LoginAsync("kansli@sodranorrbotten.example");
        Assert.Equal(HttpStatusCode.NotFound, (await otherKansli.GetAsync($"/atgarder/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherKansli.GetAsync($"/atgarder/ny?arende={filed.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherKansli.PostFromAsync("/atgarder", $"/atgarder/{id}?handler=Done", Form(("Done.Note", "x")))).Status);
        Assert.False(app.WithDb(db => db.Measures.Single(m => m.Id == id).DoneAt is not null));
    }
}
