using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>What the systemfel tests do again and again through the pages.</summary>
public static class SystemicSteps
{
    public const string InsKansli = "kansli@insjoriket.example";
    public const string SnbKansli = "kansli@sodranorrbotten.example";

    public static async Task<Browserless> LoggedInAsync(this AppFactory app, string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    /// <summary>Registers a systemfel on /systemfel/ny (from a case when given) and returns its id.</summary>
    public static async Task<int> RegisterSystemicAsync(this Browserless kansli, AppFactory app, string title, int? fromCase = null)
    {
        var form = await kansli.GetAsync("/systemfel/ny" + (fromCase is { } c ? $"?arende={c}" : ""));
        var page = await kansli.SubmitAsync(form, Form(("Input.Title", title),
            ("Input.Description", "Försäkringskassan kräver att personen står inskriven, Arbetsförmedlingen kräver sjukpenning först."),
            ("Input.PartyIds", $"{app.OrganisationId("Försäkringskassan")}\u001f{app.OrganisationId("Arbetsförmedlingen")}"),
            ("Input.ConflictPartyA", app.OrganisationId("Försäkringskassan").ToString()),
            ("Input.ConflictPartyB", app.OrganisationId("Arbetsförmedlingen").ToString())), "form[data-testid=systemic-form]");
        Assert.True(page.Url.StartsWith("/systemfel/"), page.ErrorText() + page.Text);
        Assert.Contains($"Du har registrerat systemfelet ”{title}”" + (fromCase is null ? "." : " och kopplat"), page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    public static Task<Browserless.Page> SubmitOnAsync(this Browserless browser, string url, string form, params (string Name, string Value)[] fields) =>
        browser.GetAsync(url).ContinueWith(async p => await browser.SubmitAsync(await p, Form(fields), $"form[data-testid={form}]")).Unwrap();

    public static string Field(this Browserless.Page page, string id) => page.Document.GetElementById(id)?.TextContent.Trim() ?? "";

    /// <summary>The text of an element as a browser shows it: runs of white space as one space.</summary>
    public static string TestId(this Browserless.Page page, string id) =>
        System.Text.RegularExpressions.Regex.Replace(page.Document.QuerySelector($"[data-testid={id}]")?.TextContent ?? "", @"\s+", " ").Trim();
}

/// <summary>
/// A systemfel through its pages as the kansli, the BUG and the board use them: registered from a case, moved step by
/// step (a step out of turn refused), escalated, edited, its history shown; bad input answered beside the fields with
/// nothing saved; readers who may not change it refused; and the reporters told of a new status without any other
/// case's content.
/// </summary>
public sealed class SystemicPagesTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private SystemicProblem Load(int id) => app.WithDb(db => db.SystemicProblems.AsNoTracking().Include(p => p.Events).Single(p => p.Id == id));

    [Fact]
    public async Task The_kansli_registers_a_systemfel_from_a_case_moves_it_escalates_it_and_reads_its_history()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);

        var form = await kansli.GetAsync($"/systemfel/ny?arende={filed.Id}");
        Assert.Contains(filed.Reference, form.TestId("from-case"));
        var id = await kansli.RegisterSystemicAsync(app, "Sjukpenning och inskrivning krockar", filed.Id);
        var details = await kansli.GetAsync($"/systemfel/{id}");
        Assert.Contains(filed.Reference, details.TestId("reader-cases"));
        Assert.NotNull(details.Document.QuerySelector($"a[href='/atgarder/ny?systemfel={id}']"));
        var conflict = details.Document.QuerySelectorAll("[data-testid=facts] dd")[4].TextContent;
        Assert.Contains("Försäkringskassan", conflict);
        Assert.Contains("↔", conflict);
        Assert.Contains("Arbetsförmedlingen", conflict);

        // Löst is not a step from Identifierat: refused beside the status field, nothing changed.
        var refused = await kansli.SubmitOnAsync($"/systemfel/{id}", "step-form", ("Step.Status", "Lost"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Ett systemfel med status Identifierat kan inte få status Löst.", refused.Field("step-status-error"));
        Assert.Equal("#step-status", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(SystemicStatus.Identifierat, Load(id).Status);

        var moved = await kansli.SubmitOnAsync($"/systemfel/{id}", "step-form", ("Step.Status", "Analyseras"), ("Step.Note", "BUG analyserar hösten."));
        Assert.Contains("Systemfelet har nu status Analyseras.", moved.Text);
        Assert.Contains("Status: Analyseras", moved.TestId("systemic-state"));
        // The form now offers only the steps from Analyseras.
        Assert.Equal(["", "AtgardPagar", "KvarstarSomKantHinder"],
            moved.Document.QuerySelectorAll("#step-status option").Select(o => o.GetAttribute("value")!));

        var escalated = await kansli.SubmitOnAsync($"/systemfel/{id}", "escalate-form",
            ("Escalation.Level", "Styrelsen"), ("Escalation.EscalatedTo", "Förbundets styrelse"), ("Escalation.Note", "Tas upp i december."));
        Assert.Contains("Systemfelet är nu eskalerat till nivån Styrelsen.", escalated.Text);
        var again = await kansli.SubmitOnAsync($"/systemfel/{id}", "escalate-form", ("Escalation.Level", "Styrelsen"), ("Escalation.EscalatedTo", "Förbundets styrelse"));
        Assert.Equal("Systemfelet är redan eskalerat så.", again.Field("escalation-level-error"));

        var edited = await kansli.SubmitOnAsync($"/systemfel/{id}/redigera", "systemic-form", ("Input.Title", "Sjukpenning kräver inskrivning"));
        Assert.Contains("Du har sparat systemfelet.", edited.Text);
        Assert.Equal("Sjukpenning kräver inskrivning", edited.Document.QuerySelector("h1")!.TextContent);

        var history = edited.Document.QuerySelectorAll("[data-testid=history] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Collection(history,
            r => Assert.Contains("identifierade systemfelet", r),
            r => Assert.Contains("kopplade ett ärende", r),
            r => { Assert.Contains("ändrade status", r); Assert.Contains("Identifierat → Analyseras", r); Assert.Contains("BUG analyserar hösten.", r); },
            r => { Assert.Contains("eskalerade", r); Assert.Contains("Styrelsen (Förbundets styrelse): Tas upp i december.", r); },
            r => Assert.Contains("ändrade beskrivningen", r));

        var list = await kansli.GetAsync("/systemfel?status=Analyseras");
        var row = list.Document.QuerySelector($"[data-testid=own-list] tr[data-systemic='{id}']")!.TextContent;
        Assert.Contains("Sjukpenning kräver inskrivning", row);
        Assert.Contains("Styrelsen", row);
        Assert.Contains("Inga systemfel har status Löst.", (await kansli.GetAsync("/systemfel?status=Lost")).Text);

        using var board = await app.LoggedInAsync("styrelse@insjoriket.example");
        var overview = await board.GetAsync("/oversikt");
        var analysed = overview.Document.QuerySelector("[data-testid=overview-systemic] table[data-status=Analyseras]")!.TextContent;
        Assert.Contains("Sjukpenning kräver inskrivning", analysed);
        Assert.Contains("Styrelsen", analysed);
    }

    [Fact]
    public async Task The_list_sorts_by_title_and_by_status()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var b = await kansli.RegisterSystemicAsync(app, "Bostad kräver arbete");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var a = await kansli.RegisterSystemicAsync(app, "Arbete kräver bostad");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await kansli.SubmitOnAsync($"/systemfel/{b}", "step-form", ("Step.Status", "Analyseras"));

        IEnumerable<string> Order(Browserless.Page page) =>
            page.Document.QuerySelectorAll("[data-testid=own-list] tbody tr").Select(r => r.GetAttribute("data-systemic")!);
        Assert.Equal([$"{b}", $"{a}"], Order(await kansli.GetAsync("/systemfel")));
        Assert.Equal([$"{a}", $"{b}"], Order(await kansli.GetAsync("/systemfel?sortering=Rubrik")));
        Assert.Equal([$"{a}", $"{b}"], Order(await kansli.GetAsync("/systemfel?sortering=Status")));
    }

    [Fact]
    public async Task Bad_input_is_answered_beside_each_field_and_nothing_is_saved()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var form = await kansli.GetAsync("/systemfel/ny");
        var page = await kansli.SubmitAsync(form, Form(("Input.Title", "  "), ("Input.Description", "Beskrivning finns."),
            ("Input.PartyIds", app.OrganisationId("Bodens kommun").ToString()),
            ("Input.ConflictPartyA", app.OrganisationId("Försäkringskassan").ToString())), "form[data-testid=systemic-form]");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/systemfel/ny", page.Url);
        Assert.Equal("Ge systemfelet en rubrik.", page.Field("title-error"));
        Assert.Equal("Välj bara bland förbundets parter.", page.Field("parties-error"));
        Assert.Equal("En regelkrock är mellan två parter: välj båda, eller ingen.", page.Field("Input_ConflictPartyB-error"));
        Assert.Equal(["#Input_Title", "#Input_PartyIds", "#Input_ConflictPartyB"],
            page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!));
        Assert.Equal(0, app.WithDb(db => db.SystemicProblems.Count()));
    }

    [Fact]
    public async Task Text_that_identifies_a_person_is_refused_beside_its_field()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var page = await kansli.SubmitOnAsync("/systemfel/ny", "systemic-form", ("Input.Title", "Inskrivning saknas"),
            ("Input.Description", "Gäller 19121212-1212 som ringde 070-123 45 67."));
        Assert.NotEqual("", page.Field("description-error"));
        Assert.Equal("", page.Field("title-error"));
        Assert.Equal(0, app.WithDb(db => db.SystemicProblems.Count()));

        var id = await kansli.RegisterSystemicAsync(app, "Inskrivning saknas");
        var step = await kansli.SubmitOnAsync($"/systemfel/{id}", "step-form", ("Step.Status", "Analyseras"), ("Step.ToReporters", "Skriv till anna.andersson@example.se."));
        Assert.NotEqual("", step.Field("step-reporters-error"));
        Assert.Equal(SystemicStatus.Identifierat, Load(id).Status);
    }

    [Fact]
    public async Task Of_two_changes_from_the_same_page_the_second_is_told_the_systemfel_changed()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var id = await kansli.RegisterSystemicAsync(app, "Handläggare går inte att nå");
        var stale = await kansli.GetAsync($"/systemfel/{id}");
        await kansli.SubmitAsync(stale, Form(("Step.Status", "Analyseras")), "form[data-testid=step-form]");

        var second = await kansli.SubmitAsync(stale, Form(("Escalation.Level", "Nationellt")), "form[data-testid=escalate-form]");
        Assert.StartsWith("Någon annan har ändrat det här under tiden.", second.Field("escalation-level-error"));
        Assert.Contains("Status: Analyseras", second.TestId("systemic-state"));
        Assert.Equal(EscalationLevel.Forbundet, Load(id).Escalation);
    }

    [Fact]
    public async Task A_bug_member_and_the_board_read_but_change_nothing()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var id = await kansli.RegisterSystemicAsync(app, "Ingen når handläggaren");

        foreach (var email in new[] { "bug.fk@insjoriket.example", "styrelse@insjoriket.example" })
        {
            using var reader = await app.LoggedInAsync(email);
            Assert.Contains("Ingen når handläggaren", (await reader.GetAsync("/systemfel")).Text);
            var page = await reader.GetAsync($"/systemfel/{id}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Null(page.Document.QuerySelector("[data-testid=step-form]"));
            Assert.Null(page.Document.QuerySelector("[data-testid=link-form]"));
            Assert.Null(page.Document.QuerySelector($"a[href='/atgarder/ny?systemfel={id}']"));

            var step = await reader.PostFromAsync($"/systemfel/{id}", $"/systemfel/{id}?handler=Step", Form(("Step.Status", "Analyseras")));
            Assert.Equal(HttpStatusCode.Forbidden, step.Status);
            var link = await reader.PostFromAsync($"/systemfel/{id}", $"/systemfel/{id}?handler=Escalate", Form(("Escalation.Level", "Nationellt")));
            Assert.Equal(HttpStatusCode.Forbidden, link.Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/systemfel/ny")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/systemfel/{id}/redigera")).Status);
        }
        var problem = Load(id);
        Assert.Equal(SystemicStatus.Identifierat, problem.Status);
        Assert.Equal(EscalationLevel.Forbundet, problem.Escalation);

        using var reporter = await app.LoggedInAsync("rapportor@insjoriket.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/systemfel")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/systemfel/{id}")).Status);
    }

    [Fact]
    public async Task Every_reporter_of_a_linked_case_gets_a_mail_on_a_new_status_with_nothing_of_the_other_case()
    {
        var first = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Försäkringskassan krävde inskrivning hos Arbetsförmedlingen först.");
        var second = await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor.kommun@insjoriket.example",
            whatHappened: "Arbetsförmedlingen ville ha ett läkarintyg som vårdcentralen inte utfärdar.");
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var id = await kansli.RegisterSystemicAsync(app, "Krav som utesluter varandra", first.Id);
        var linked = await kansli.SubmitOnAsync($"/systemfel/{id}", "link-form", ("Link.Reference", second.Reference));
        Assert.Contains($"Du har kopplat {second.Reference} till systemfelet", linked.Text);
        Assert.Contains("Varje rapportör till ett kopplat ärende", linked.Document.GetElementById("step-mail")!.TextContent);

        var before = app.WithDb(db => db.Outbox.Count());
        var moved = await kansli.SubmitOnAsync($"/systemfel/{id}", "step-form", ("Step.Status", "Analyseras"),
            ("Step.ToReporters", "BUG tar upp frågan med båda myndigheterna."));
        Assert.Contains("2 rapportörer får ett mejl", moved.Text);

        var mails = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Skip(before).Select(o => new { o.To, o.Subject, o.TextBody }).ToList());
        Assert.Equal(2, mails.Count);
        foreach (var (reporter, own, other) in new[] { ("rapportor@insjoriket.example", first, second), ("rapportor.kommun@insjoriket.example", second, first) })
        {
            var mail = Assert.Single(mails, m => m.To == reporter);
            Assert.Equal($"{own.Reference}: Det här har hänt sedan du rapporterade", mail.Subject);
            Assert.Contains("Systemfelet ”Krav som utesluter varandra” som ditt ärende är kopplat till har nu status: Analyseras.", mail.TextBody);
            Assert.Contains("BUG tar upp frågan med båda myndigheterna.", mail.TextBody);
            Assert.DoesNotContain(other.Reference, mail.TextBody);
            Assert.DoesNotContain("läkarintyg", mail.TextBody);
            Assert.DoesNotContain("krävde inskrivning", mail.TextBody);
        }
    }
}
