using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Cases;

/// <summary>The case page reads first and then offers choices; steps that cannot be undone are confirmed first.</summary>
public class CaseChoiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";

    private async Task<Browserless> KansliAsync()
    {
        var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        return kansli;
    }

    private int Outbox() => app.WithDb(db => db.Outbox.Count());

    [Fact]
    public async Task The_case_page_shows_the_report_and_the_answers_before_one_area_of_choices_with_one_primary()
    {
        var filed = await app.FileCaseAsync(CaseState.Besvarad);
        using var kansli = await KansliAsync();
        var page = await kansli.GetAsync($"/arenden/{filed.Id}");

        var headings = page.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.True(headings.IndexOf("Rapporten") < headings.IndexOf("Parternas svar"), string.Join(" | ", headings));
        Assert.True(headings.IndexOf("Parternas svar") < headings.IndexOf("Vad vill du göra?"), string.Join(" | ", headings));
        // The only forms on the page are the kansli's small linking actions, in their sections after the report and the answers.
        Assert.All(page.Document.QuerySelectorAll("main form[method=post]"), f =>
            Assert.NotNull(f.Closest("[data-testid=similar-cases], [data-testid=linked-cases], [data-testid=case-systemfel]")));
        var reading = page.Document.QuerySelector("[data-testid=referrals]")!;
        Assert.All(page.Document.QuerySelectorAll("main form[method=post]"), f =>
            Assert.True(reading.CompareDocumentPosition(f).HasFlag(AngleSharp.Dom.DocumentPositions.Following)));

        var choices = page.Document.QuerySelectorAll("[data-testid=choices] a[data-action]").ToList();
        Assert.Equal(["BackToBug", "Conclude", "Redact"], choices.Select(a => a.GetAttribute("data-action")!).ToArray());
        Assert.All(choices, a => Assert.Equal($"/arenden/{filed.Id}/atgard/{a.GetAttribute("data-action")}", a.GetAttribute("href")));
        var primary = Assert.Single(choices, a => !a.ClassList.Contains("button-secondary"));
        Assert.Equal("Avsluta", primary.TextContent.Trim());

        var screening = await app.FileCaseAsync(CaseState.UnderGranskning);
        var screened = await kansli.GetAsync($"/arenden/{screening.Id}");
        Assert.Equal("Redo för BUG", Assert.Single(screened.Document.QuerySelectorAll("[data-testid=choices] a.button:not(.button-secondary)")).TextContent.Trim());
    }

    [Fact]
    public async Task A_choice_page_says_what_happens_and_who_is_told_and_the_step_is_told_in_the_second_person()
    {
        var filed = await app.FileCaseAsync();
        using var kansli = await KansliAsync();

        var take = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take"));
        Assert.Equal("Ta ärendet", take.Document.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Contains("Du blir handläggare", take.Document.QuerySelector("[data-testid=what-happens]")!.TextContent);
        Assert.Contains("Ingen får något meddelande.", take.Document.QuerySelector("[data-testid=who-is-told]")!.TextContent);
        Assert.NotNull(take.Document.QuerySelector($"a[href='/arenden/{filed.Id}']"));

        var taken = await kansli.SubmitAsync(take, Form(), "form[data-action=Take]");
        Assert.Equal($"/arenden/{filed.Id}", taken.Url);
        Assert.Contains("Du har tagit ärendet. Rapportören får inget meddelande.", taken.Text);
        Assert.Contains("Du tog ärendet.", taken.Document.QuerySelector("[data-testid=timeline]")!.TextContent);

        var reject = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Reject"));
        Assert.Contains("Rapportören får ett mejl: ”Ditt ärende har avvisats”.", reject.Document.QuerySelector("[data-testid=who-is-told]")!.TextContent);
    }

    [Fact]
    public async Task Rejecting_is_confirmed_on_a_page_that_says_what_will_happen_and_nothing_changes_before()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await KansliAsync();
        var mails = Outbox();

        var confirmation = await kansli.FillAsync(filed.Id, "Reject",
            Form(("Input.Reason", "Gäller vårdens kvalitet, inte samverkan."), ("Input.WhereToTurn", "Anmäl enligt Lex Maria.")));
        var box = confirmation.Document.QuerySelector("[data-testid=confirmation]")!;
        Assert.Contains("Ärendet avvisas och rapportören får genast ett mejl", box.TextContent);
        Assert.Contains("Anmäl enligt Lex Maria.", box.TextContent);
        Assert.Contains("Inget är ändrat ännu.", box.TextContent);
        var before = app.Load(filed.Id);
        Assert.Equal(CaseState.UnderGranskning, before.State);
        Assert.DoesNotContain(before.Events, e => e.Action == "Reject");
        Assert.Equal(mails, Outbox());

        var back = await kansli.SubmitAsync(confirmation, Form(), "form[data-edit=Reject]");
        Assert.Equal("Anmäl enligt Lex Maria.", back.Document.QuerySelector("textarea[name='Input.WhereToTurn']")!.TextContent);
        Assert.Equal(CaseState.UnderGranskning, app.Load(filed.Id).State);

        var done = await kansli.SubmitAsync(confirmation, Form(), "form[data-confirm=Reject]");
        Assert.Contains("Du har avvisat ärendet.", done.Text);
        var after = app.Load(filed.Id);
        Assert.Equal(CaseState.Avvisad, after.State);
        Assert.Equal("Anmäl enligt Lex Maria.", after.RejectionWhereToTurn);
        Assert.Equal(mails + 1, Outbox());
    }

    [Fact]
    public async Task A_confirmation_sent_after_the_case_changed_says_what_changed_and_changes_nothing()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var first = await KansliAsync();
        using var second = new Browserless(app);
        await second.LoginAsync(LexHeller.Core.Demo.DemoSeeder.SharedKansliEmail);

        var confirmation = await first.FillAsync(filed.Id, "Reject", Form(("Input.Reason", "Inte samverkan."), ("Input.WhereToTurn", "Patientnämnden.")));
        Assert.NotNull(confirmation.Document.QuerySelector("form[data-confirm=Reject]"));
        await second.ActAsync(filed.Id, "MarkReady");
        var version = app.Load(filed.Id).Version;

        var late = await first.SubmitAsync(confirmation, Form(), "form[data-confirm=Reject]");
        Assert.Contains("Ärendet har ändrats sedan du öppnade sidan: det är nu Redo för BUG.", late.Document.QuerySelector("[data-testid=changed]")!.TextContent);
        Assert.Null(late.Document.QuerySelector("form[data-confirm=Reject]"));
        var c = app.Load(filed.Id);
        Assert.Equal((CaseState.RedoForBug, version), (c.State, c.Version));
        Assert.DoesNotContain(c.Events, e => e.Action == "Reject");
    }

    [Fact]
    public async Task The_conclusion_does_not_publish_by_default_and_publishing_is_confirmed()
    {
        // Concluded at the BUG without a referral: no party answered, so none approves the text first (PublicationSignOffTests).
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        using var kansli = await KansliAsync();
        var form = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Conclude"));
        var box = form.Document.QuerySelector("input[type=checkbox][name='Input.Publish']")!;
        Assert.False(box.HasAttribute("checked"));

        await kansli.ActAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
            ("Input.Summary", "Kommunen ändrade rutinen."), ("Input.Answer", "Remisser kvitteras nu.")));
        var concluded = app.Load(filed.Id);
        Assert.Equal((CaseState.Avslutad, false), (concluded.State, concluded.IsPublished));

        var confirmation = await kansli.FillAsync(filed.Id, "Publish");
        Assert.Contains("blir läsbara för alla förbundets användare", confirmation.Document.QuerySelector("[data-testid=confirmation]")!.TextContent);
        Assert.False(app.Load(filed.Id).IsPublished);
        var done = await kansli.SubmitAsync(confirmation, Form(), "form[data-confirm=Publish]");
        Assert.Contains("Du har publicerat svaret.", done.Text);
        Assert.True(app.Load(filed.Id).IsPublished);
    }

    [Fact]
    public async Task Concluding_with_publication_ticked_is_confirmed_first()
    {
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        using var kansli = await KansliAsync();
        var confirmation = await kansli.FillAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
            ("Input.Summary", "Kommunen ändrade rutinen."), ("Input.Answer", "Remisser kvitteras nu."), ("Input.Publish", "true")));
        Assert.Contains("svaret publiceras", confirmation.Document.QuerySelector("[data-testid=confirmation]")!.TextContent);
        Assert.Equal(CaseState.BehandlasIBug, app.Load(filed.Id).State);

        await kansli.SubmitAsync(confirmation, Form(), "form[data-confirm=Conclude]");
        var c = app.Load(filed.Id);
        Assert.Equal((CaseState.Avslutad, true), (c.State, c.IsPublished));
    }

    [Fact]
    public async Task Redaction_finds_every_capitalisation_shows_each_place_and_strikes_only_once_confirmed()
    {
        var filed = await app.FileCaseAsync(CaseState.KompletteringBegard,
            whatHappened: "Vårdcentralen skickade remissen. Ingen på VÅRDCENTRALEN följde upp den.");
        using (var reporter = new Browserless(app))
        {
            await reporter.LoginAsync(Reporter);
            await reporter.ActAsync(filed.Id, "ReporterAnswers", Form(("Input.ReporterAnswer", "Det var vårdcentralen i Norrby.")));
        }
        using var kansli = await KansliAsync();
        var version = app.Load(filed.Id).Version;

        var preview = await kansli.FillAsync(filed.Id, "Redact", Form(("Input.RedactPassage", "vårdcentralen")));
        Assert.Contains("3 ställen i 2 fält", preview.Document.QuerySelector("[data-testid=redaction-extent]")!.TextContent);
        var rows = preview.Document.QuerySelectorAll("[data-testid=redaction-places] tbody tr").ToList();
        Assert.Equal(["Vad hände?", "Vad hände?", "Rapportörens svar"], rows.Select(r => r.QuerySelector("td[data-label=Fält]")!.TextContent.Trim()).ToArray());
        Assert.Equal(["Vårdcentralen", "VÅRDCENTRALEN", "vårdcentralen"], rows.Select(r => r.QuerySelector("mark")!.TextContent).ToArray());
        Assert.Contains("Ingen på VÅRDCENTRALEN följde upp den.", rows[1].TextContent);
        Assert.Equal(version, app.Load(filed.Id).Version);

        var done = await kansli.SubmitAsync(preview, Form(), "form[data-confirm=Redact]");
        Assert.Contains("Du har strukit texten. Text ströks på 3 ställen.", done.Text);
        var c = app.Load(filed.Id);
        Assert.Equal($"{Case.RedactedMark} skickade remissen. Ingen på {Case.RedactedMark} följde upp den.", c.WhatHappened);
        Assert.Equal($"Det var {Case.RedactedMark} i Norrby.", c.Questions.Single().Answer);
        Assert.Contains("strök text: Text ströks på 3 ställen", done.Document.QuerySelector("[data-testid=timeline]")!.TextContent);
        Assert.DoesNotContain("vårdcentralen", done.Document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_passage_that_is_not_in_the_case_is_refused_next_to_its_field_and_nothing_changes()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = await KansliAsync();
        var version = app.Load(filed.Id).Version;

        var refused = await kansli.FillAsync(filed.Id, "Redact", Form(("Input.RedactPassage", "Solrosvägen 4")));
        Assert.Equal("Texten finns inte i ärendet.", refused.Document.QuerySelector("#err-redact")!.TextContent.Trim());
        Assert.Equal("#redact", refused.Document.QuerySelector("[data-testid=error-summary] a")!.GetAttribute("href"));
        Assert.Null(refused.Document.QuerySelector("[data-testid=confirmation]"));
        Assert.Equal(version, app.Load(filed.Id).Version);
    }
}
