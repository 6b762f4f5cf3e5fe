using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Bug.BugSteps;

namespace LexHeller.Web.Tests.Bug;

public class ResponseTests(AppFactory app) : IClassFixture<AppFactory>
{
    private int Fk => app.OrganisationId("Försäkringskassan");
    private int Af => app.OrganisationId("Arbetsförmedlingen");

    [Fact]
    public async Task The_FK_member_sees_a_case_referred_to_FK_in_Att_besvara_and_the_kommun_member_does_not()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);

        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        var list = await fk.GetAsync("/att-besvara");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var row = list.Document.QuerySelector($"[data-testid=to-answer] tr[data-case='{filed.Id}']");
        Assert.NotNull(row);
        Assert.Contains(filed.Reference, row.TextContent);
        Assert.Contains("Överlämning och remiss", row.TextContent);
        Assert.Contains("Försäkringskassan", row.TextContent);
        Assert.Contains("Ska besvaras", row.TextContent);
        Assert.Equal(ResponsePath(filed.Id, Fk), row.QuerySelector("a")!.GetAttribute("href"));

        using var kommun = new Browserless(app);
        await kommun.LoginAsync(BugKommun);
        var theirs = await kommun.GetAsync("/att-besvara");
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.DoesNotContain(filed.Reference, theirs.Text);
    }

    [Fact]
    public async Task Att_besvara_is_for_BUG_members_only()
    {
        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        var page = await reporter.GetAsync("/att-besvara", follow: false);
        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.Contains("/atkomst-nekad", page.Location ?? "");
    }

    [Fact]
    public async Task A_draft_is_saved_and_edited_and_a_personnummer_is_refused_with_nothing_stored()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        var form = await fk.GetAsync(ResponsePath(filed.Id, Fk));
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Organisationens svar", form.Document.QuerySelector("label[for=Input_Response]")!.TextContent.Trim());

        var saved = await fk.PressAsync(form, "Försäkringskassan utreder rutinen.", "Draft");
        Assert.Contains("Utkastet är sparat", saved.Text);
        Assert.Equal("Försäkringskassan utreder rutinen.", saved.Document.QuerySelector("textarea[name='Input.Response']")!.TextContent.Trim());
        var draft = await app.ReferralAsync(filed.Id, "Försäkringskassan");
        Assert.Equal((ReferralStatus.Pending, "Försäkringskassan utreder rutinen."), (draft.Status, draft.Response));

        var edited = await fk.PressAsync(saved, "Försäkringskassan ändrar rutinen för överlämningar.", "Draft");
        Assert.Contains("Utkastet är sparat", edited.Text);
        Assert.Equal("Försäkringskassan ändrar rutinen för överlämningar.", (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Response);

        var refused = await fk.PressAsync(edited, "Ring handläggaren om 19121212-1212.", "Submit");
        Assert.Contains("personnummer", refused.Document.QuerySelector("#response-error")!.TextContent);
        Assert.Equal("true", refused.Document.QuerySelector("textarea[name='Input.Response']")!.GetAttribute("aria-invalid"));
        var after = await app.ReferralAsync(filed.Id, "Försäkringskassan");
        Assert.Equal((ReferralStatus.Pending, "Försäkringskassan ändrar rutinen för överlämningar."), (after.Status, after.Response));
        Assert.Equal(CaseState.RemitteradTillPart, await app.StateAsync(filed.Id));

        var refusedDraft = await fk.PressAsync(edited, "Mejla sara@example.se.", "Draft");
        Assert.Contains("e-postadress", refusedDraft.Document.QuerySelector("#response-error")!.TextContent);
        Assert.Equal("Försäkringskassan ändrar rutinen för överlämningar.", (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Response);
    }

    [Fact]
    public async Task FK_answers_and_the_case_waits_for_AF_whose_stale_form_is_refused_until_reloaded_then_the_case_is_Besvarad()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        using var af = new Browserless(app);
        await af.LoginAsync(BugAf);
        var staleForm = await af.GetAsync(ResponsePath(filed.Id, Af));

        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        var fkPage = await fk.PressAsync(await fk.GetAsync(ResponsePath(filed.Id, Fk)), "Försäkringskassan inför en kvittens.", "Submit");
        Assert.Contains("Svaret är inskickat", fkPage.Text);
        Assert.Null(fkPage.Document.QuerySelector("form.response-form"));
        Assert.Contains("Försäkringskassan inför en kvittens.", fkPage.Document.QuerySelector("[data-testid=response-readonly]")!.TextContent);
        Assert.Equal(CaseState.RemitteradTillPart, await app.StateAsync(filed.Id));
        Assert.Equal(ReferralStatus.Answered, (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Status);

        var changed = await af.PressAsync(staleForm, "Arbetsförmedlingen svarar.", "Submit");
        Assert.Contains("Ärendet har ändrats av någon annan", changed.Document.QuerySelector("[data-testid=changed]")!.TextContent);
        Assert.Contains("Besvarat", changed.Document.QuerySelector("[data-testid=other-parties]")!.TextContent);
        Assert.Contains("Arbetsförmedlingen svarar.", changed.Document.QuerySelector("[data-testid=unsaved]")!.TextContent);
        Assert.Equal((ReferralStatus.Pending, (string?)null), await app.ReferralAsync(filed.Id, "Arbetsförmedlingen") is var r ? (r.Status, r.Response) : default);
        Assert.Equal(CaseState.RemitteradTillPart, await app.StateAsync(filed.Id));

        var done = await af.PressAsync(changed, "Arbetsförmedlingen svarar.", "Submit");
        Assert.Contains("Alla parter har nu svarat", done.Text);
        Assert.Equal(CaseState.Besvarad, await app.StateAsync(filed.Id));
        Assert.Equal(("Arbetsförmedlingen svarar.", ReferralStatus.Answered),
            await app.ReferralAsync(filed.Id, "Arbetsförmedlingen") is var a ? (a.Response, a.Status) : default);

        // A submitted answer is read-only, even to a form posted by hand.
        var handPosted = await fk.PostFromAsync(ResponsePath(filed.Id, Fk), ResponsePath(filed.Id, Fk) + "?handler=Draft",
            new Dictionary<string, string> { ["Input.Response"] = "Ändrat i efterhand.", ["Input.Version"] = app.WithDb(db => db.Cases.Single(c => c.Id == filed.Id).Version).ToString() });
        Assert.Equal(HttpStatusCode.OK, handPosted.Status);
        Assert.Equal("Försäkringskassan inför en kvittens.", (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Response);
    }

    [Fact]
    public async Task Only_a_member_of_the_referred_organisation_may_open_its_response_page()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var screening = await app.FileCaseAsync(CaseState.UnderGranskning);

        using var kommun = new Browserless(app);
        await kommun.LoginAsync(BugKommun);
        Assert.Equal(HttpStatusCode.NotFound, (await kommun.GetAsync(ResponsePath(filed.Id, Fk))).Status);
        var posted = await kommun.PostFromAsync("/att-besvara", ResponsePath(filed.Id, Fk) + "?handler=Submit",
            new Dictionary<string, string> { ["Input.Response"] = "Kommunen svarar åt FK.", ["Input.Version"] = "0" });
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(ReferralStatus.Pending, (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Status);

        using var af = new Browserless(app);
        await af.LoginAsync(BugAf);
        Assert.Equal(HttpStatusCode.NotFound, (await af.GetAsync(ResponsePath(filed.Id, Fk))).Status);
        Assert.Equal(HttpStatusCode.OK, (await af.GetAsync(ResponsePath(filed.Id, Af))).Status);

        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        Assert.Equal(HttpStatusCode.NotFound, (await fk.GetAsync(ResponsePath(screening.Id, Fk))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fk.GetAsync(ResponsePath(filed.Id, app.OrganisationId("Mölndals stad")))).Status);
    }

    [Fact]
    public async Task Neither_the_response_page_nor_the_PDF_tells_who_reported_the_case()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart,
            whatHappened: "Remissen från kommunen kom aldrig fram till Arbetsförmedlingen, som väntade på den i sju veckor.");
        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        await fk.PressAsync(await fk.GetAsync(ResponsePath(filed.Id, Fk)), "Försäkringskassan inför en kvittens på remisser.", "Submit");

        var page = await fk.GetAsync(ResponsePath(filed.Id, Fk));
        Assert.Contains("som väntade på den i sju veckor", page.Text);
        Assert.DoesNotContain(ReporterName, page.Html());
        Assert.DoesNotContain(ReporterMailbox, page.Html());
        Assert.DoesNotContain(app.UserId("rapportor@insjoriket.example"), page.Html());
        Assert.Equal($"/arenden/{filed.Id}/pdf", page.Document.QuerySelector($"a[href='/arenden/{filed.Id}/pdf']")?.GetAttribute("href"));

        using var download = new Downloader(app);
        await download.LoginAsync(BugFk);
        using var response = await download.GetAsync($"/arenden/{filed.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{filed.Reference}.pdf", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        var pdf = PdfText.Read(bytes);
        Assert.True(pdf.PageCount >= 1);
        // What the PDF must say, read back from it: so the absences below are real.
        Assert.Contains("Samordningsförbundet Insjöriket", pdf.Flat);
        Assert.Contains(filed.Reference, pdf.Flat);
        Assert.Contains("Överlämning och remiss", pdf.Flat);
        Assert.Contains("som väntade på den i sju veckor", pdf.Flat);
        Assert.Contains("Personen blev utan insats i sex veckor.", pdf.Flat);
        Assert.Contains("Försäkringskassan inför en kvittens på remisser.", pdf.Flat);
        Assert.Contains(LexHeller.Core.Cases.CasePdf.Month(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(-10))), pdf.Flat);
        Assert.Contains($"Sida 1 av {pdf.PageCount}", pdf.Flat);

        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        foreach (var text in new[] { pdf.Flat, raw, pdf.Info.Author, pdf.Info.Title, pdf.Info.Subject })
        {
            Assert.DoesNotContain("Lindqvist", text);
            Assert.DoesNotContain(ReporterMailbox, text);
        }
    }

    [Fact]
    public async Task The_PDF_is_for_BUG_members_and_the_kansli_and_404_for_the_board()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var screening = await app.FileCaseAsync(CaseState.UnderGranskning);

        using var board = new Downloader(app);
        await board.LoginAsync(Board);
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/arenden/{filed.Id}/pdf")).StatusCode);

        using var kommun = new Downloader(app);
        await kommun.LoginAsync(BugKommun);
        Assert.Equal(HttpStatusCode.OK, (await kommun.GetAsync($"/arenden/{filed.Id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kommun.GetAsync($"/arenden/{screening.Id}/pdf")).StatusCode);

        using var kansli = new Downloader(app);
        await kansli.LoginAsync(Kansli);
        Assert.Equal(HttpStatusCode.OK, (await kansli.GetAsync($"/arenden/{screening.Id}/pdf")).StatusCode);

        using var reporter = new Downloader(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/arenden/{filed.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Sending_an_answer_saves_the_draft_and_shows_it_for_confirmation_before_it_is_sent()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);

        var confirmation = await fk.PressOnlyAsync(await fk.GetAsync(ResponsePath(filed.Id, Fk)), "Försäkringskassan ser över rutinen.", "Submit");
        var box = confirmation.Document.QuerySelector("[data-testid=confirm-response]")!;
        Assert.Equal("Försäkringskassan ser över rutinen.", box.QuerySelector("[data-testid=response-to-send]")!.TextContent);
        Assert.Contains("Svaret går inte att ändra efter att det skickats. Alla BUG-ledamöter", box.TextContent);
        Assert.NotNull(box.QuerySelector($"a[href='{ResponsePath(filed.Id, Fk)}']"));
        Assert.Equal((ReferralStatus.Pending, "Försäkringskassan ser över rutinen."),
            await app.ReferralAsync(filed.Id, "Försäkringskassan") is var draft ? (draft.Status, draft.Response) : default);

        var back = await fk.GetAsync(ResponsePath(filed.Id, Fk));
        Assert.Equal("Försäkringskassan ser över rutinen.", back.Document.QuerySelector("textarea[name='Input.Response']")!.TextContent.Trim());

        var sent = await fk.SubmitAsync(confirmation, new Dictionary<string, string>(), "form[data-confirm=response]");
        Assert.Contains("Svaret är inskickat", sent.Text);
        Assert.Equal(ReferralStatus.Answered, (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Status);
    }

    [Fact]
    public async Task A_confirmation_of_an_answer_whose_case_changed_meanwhile_sends_nothing()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        var confirmation = await fk.PressOnlyAsync(await fk.GetAsync(ResponsePath(filed.Id, Fk)), "Försäkringskassan svarar.", "Submit");

        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await LexHeller.Web.Tests.Cases.CaseSteps.ActAsync(kansli, filed.Id, "CloseReferral", new Dictionary<string, string> { ["Input.Note"] = "Svarstiden gick ut." });

        var late = await fk.SubmitAsync(confirmation, new Dictionary<string, string>(), "form[data-confirm=response]");
        Assert.Contains("Ärendet har ändrats", late.Document.QuerySelector("[data-testid=changed]")!.TextContent);
        Assert.Equal(ReferralStatus.ClosedUnanswered, (await app.ReferralAsync(filed.Id, "Försäkringskassan")).Status);
    }
}
