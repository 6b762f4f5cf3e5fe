using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// Publication after the parties agree, through the pages: concluding for publication a case that Försäkringskassan
/// and Arbetsförmedlingen answered asks their BUG members to approve the text and publishes nothing; each BUG member
/// approves only for the party they answer for; the kansli sees who approved and publishes when all have, or after
/// the due date only with a reason, which is kept.
/// </summary>
public sealed class PublicationSignOffTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string BugFk = "bug.fk@insjoriket.example";
    private const string BugAf = "bug.af@insjoriket.example";
    private const string BugKommun = "bug.kommun@insjoriket.example";
    private const string ApprovalSubject = "godkänn texten före publicering";

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    /// <summary>A case both parties answered, concluded for publication on the case page.</summary>
    private async Task<int> ConcludedForPublicationAsync(Browserless kansli)
    {
        var filed = await app.FileCaseAsync(CaseState.Besvarad);
        var confirmation = await kansli.FillAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.ActionByParty)),
            ("Input.Summary", "Remisser tappades mellan kommunen och Arbetsförmedlingen."), ("Input.Answer", "Båda parter kvitterar nu varje remiss."),
            ("Input.Publish", "true")));
        var says = confirmation.Document.QuerySelector("[data-testid=confirmation]")!.TextContent;
        Assert.Contains("Svaret publiceras inte än", says);
        Assert.Contains("Arbetsförmedlingen och Försäkringskassan har svarat på ärendet", says);
        Assert.Equal("Avsluta och be parterna godkänna", confirmation.Document.QuerySelector("form[data-confirm=Conclude] button")!.TextContent.Trim());
        var done = await kansli.SubmitAsync(confirmation, Form(), "form[data-confirm=Conclude]");
        Assert.Contains($"ombeds godkänna den senast {Today.AddDays(PublicationSignOff.DueDays):yyyy-MM-dd}", done.Text);
        return filed.Id;
    }

    private IReadOnlyList<PublicationApproval> Approvals(int caseId) =>
        app.WithDb(db => db.PublicationApprovals.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.OrganisationId).ToList());

    private static Dictionary<string, string> SignOffRows(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=sign-off] tbody tr").ToDictionary(
            r => r.QuerySelector("td[data-label=Part]")!.TextContent.Trim(),
            r => r.QuerySelector("td[data-label=Godkänt]")!.TextContent.Trim() + " | " + r.QuerySelector("td[data-label=Av]")!.TextContent.Trim());

    [Fact]
    public async Task Concluding_for_publication_asks_each_party_that_answered_and_publishes_nothing_yet()
    {
        using var kansli = await LoginAsync(Kansli);
        var before = app.WithDb(db => db.Outbox.Count());
        var id = await ConcludedForPublicationAsync(kansli);

        var c = app.Load(id);
        Assert.Equal((CaseState.Avslutad, false), (c.State, c.IsPublished));
        var approvals = Approvals(id);
        Assert.Equal(new[] { app.OrganisationId("Försäkringskassan"), app.OrganisationId("Arbetsförmedlingen") }.Order(), approvals.Select(a => a.OrganisationId));
        Assert.All(approvals, a => Assert.Equal((Today.AddDays(14), false), (a.DueDate, a.IsApproved)));
        Assert.Contains(c.Events, e => e.Action == nameof(CaseEdit.PublicationRequested));
        // The audit names the case by its bare reference, as every other entry about a case does.
        Assert.Equal(c.Reference, app.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.PublicationRequested).Select(e => e.Subject).Single()));

        // The BUG members of the two parties are asked; the other members are not.
        var asked = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Skip(before).Where(o => o.Subject.Contains(ApprovalSubject))
            .Select(o => new { o.To, o.Subject, o.TextBody }).ToList());
        Assert.Equal([BugAf, BugFk], asked.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(asked, m => Assert.Contains($"/arenden/{id}#publicering", m.TextBody));
        Assert.Contains("Försäkringskassan har svarat på ärendet", asked.Single(m => m.To == BugFk).TextBody);

        // Not among the published answers, and the kansli sees both parties waiting.
        Assert.DoesNotContain(app.WithDb(db => db.Cases.Where(x => x.IsPublished).Select(x => x.Id).ToList()), x => x == id);
        var page = await kansli.GetAsync($"/arenden/{id}");
        var rows = SignOffRows(page);
        Assert.Equal("Väntar | –", rows["Försäkringskassan"]);
        Assert.Equal("Väntar | –", rows["Arbetsförmedlingen"]);
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=approve-publication]"));
    }

    [Fact]
    public async Task A_BUG_member_approves_only_for_the_party_they_answer_for()
    {
        using var kansli = await LoginAsync(Kansli);
        var id = await ConcludedForPublicationAsync(kansli);
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");

        // The municipality's member reads the case but answers for neither party: no button, and a posted approval is refused.
        using (var kommun = await LoginAsync(BugKommun))
        {
            var page = await kommun.GetAsync($"/arenden/{id}");
            Assert.NotNull(page.Document.QuerySelector("[data-testid=publication]"));
            Assert.Empty(page.Document.QuerySelectorAll("[data-testid=approve-publication]"));
            var refused = await kommun.PostFromAsync($"/arenden/{id}", $"/arenden/{id}?handler=ApprovePublication", Form(("organisationId", fk.ToString())));
            Assert.Contains("Du företräder inte Försäkringskassan och kan inte godkänna texten för den parten.", refused.ErrorText());
        }
        Assert.All(Approvals(id), a => Assert.False(a.IsApproved));

        using var bugFk = await LoginAsync(BugFk);
        // The start page lists the text among what the member's party is to approve, with its due date.
        var start = await bugFk.GetAsync("/");
        var listed = start.Document.QuerySelector($"[data-testid=texts-to-approve] li[data-case='{id}']")!;
        Assert.Contains($"Försäkringskassan · senast {Today.AddDays(14):yyyy-MM-dd}", listed.TextContent);
        Assert.Equal($"/arenden/{id}#publicering", listed.QuerySelector("a")!.GetAttribute("href"));
        var own = await bugFk.GetAsync($"/arenden/{id}");
        var buttons = own.Document.QuerySelectorAll("[data-testid=approve-publication]").ToList();
        Assert.Equal(["Godkänn texten för Försäkringskassan"], buttons.Select(b => b.QuerySelector("button")!.TextContent.Trim()));
        // Försäkringskassan's member may not approve for Arbetsförmedlingen either.
        var other = await bugFk.PostFromAsync($"/arenden/{id}", $"/arenden/{id}?handler=ApprovePublication", Form(("organisationId", af.ToString())));
        Assert.Contains("Du företräder inte Arbetsförmedlingen", other.ErrorText());

        var done = await bugFk.SubmitAsync(own, Form(), "[data-testid=approve-publication]");
        Assert.Contains("Du har godkänt texten för Försäkringskassan.", done.Text);
        var approved = Approvals(id).Single(a => a.OrganisationId == fk);
        Assert.Equal((true, app.UserId(BugFk)), (approved.IsApproved, approved.ApprovedByUserId));
        Assert.False(Approvals(id).Single(a => a.OrganisationId == af).IsApproved);
        Assert.Empty(done.Document.QuerySelectorAll("[data-testid=approve-publication]"));
        Assert.Contains("godkände texten för publicering: Försäkringskassan", done.Document.QuerySelector("[data-testid=timeline]")!.TextContent);
        Assert.Null((await bugFk.GetAsync("/")).Document.QuerySelector("[data-testid=texts-to-approve]"));

        var again = await bugFk.PostFromAsync($"/arenden/{id}", $"/arenden/{id}?handler=ApprovePublication", Form(("organisationId", fk.ToString())));
        Assert.Contains("Texten är redan godkänd för Försäkringskassan.", again.ErrorText());
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.PublicationApproved)));
    }

    [Fact]
    public async Task The_kansli_publishes_once_every_party_has_approved_and_sees_who_did()
    {
        using var kansli = await LoginAsync(Kansli);
        var id = await ConcludedForPublicationAsync(kansli);
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");
        await ApproveAsync(id, BugFk, fk);

        // Still waiting for Arbetsförmedlingen, before the due date: the publish page says so and offers no button.
        var waiting = await kansli.GetAsync(CaseSteps.ChoicePath(id, "Publish"));
        Assert.Contains($"Arbetsförmedlingen har inte godkänt texten än. Du kan publicera när alla parter har godkänt, eller utan deras godkännande efter {Today.AddDays(14):yyyy-MM-dd}",
            waiting.Document.QuerySelector("[data-testid=not-possible]")!.TextContent);
        Assert.Null(waiting.Document.QuerySelector("form[data-action=Publish]"));
        var refused = await CommandAsync(async commands => await commands.SetPublicationAsync(await app.CaseUserAsync(Kansli), id, null, true, default, "Vi vill publicera nu."));
        Assert.Equal(CommandStatus.Refused, refused.Status);
        Assert.False(app.Load(id).IsPublished);

        var before = app.WithDb(db => db.Outbox.Count());
        await ApproveAsync(id, BugAf, af);
        // The last approval tells the case's handler that the answer can be published.
        var told = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Skip(before).Select(o => new { o.To, o.Subject }).ToList());
        Assert.Equal([(Kansli, $"{app.Load(id).Reference}: parterna har godkänt texten")], told.Select(m => (m.To, m.Subject)));

        var page = await kansli.GetAsync($"/arenden/{id}");
        var rows = SignOffRows(page);
        Assert.EndsWith($"| {UserName(BugFk)}", rows["Försäkringskassan"]);
        Assert.EndsWith($"| {UserName(BugAf)}", rows["Arbetsförmedlingen"]);
        Assert.DoesNotContain("Väntar", rows["Arbetsförmedlingen"]);
        Assert.Contains("Alla parter som svarade har godkänt texten.", page.Document.QuerySelector("[data-testid=publication]")!.TextContent);

        var published = await kansli.ActAsync(id, "Publish");
        Assert.Contains("Du har publicerat svaret.", published.Text);
        var c = app.Load(id);
        Assert.Equal((true, null), (c.IsPublished, c.PublishedWithoutApprovalReason));
    }

    [Fact]
    public async Task After_the_due_date_the_kansli_publishes_only_with_a_reason_which_is_kept()
    {
        int id;
        using (var first = await LoginAsync(Kansli)) id = await ConcludedForPublicationAsync(first);
        await ApproveAsync(id, BugFk, app.OrganisationId("Försäkringskassan"));

        // On the due date itself the parties still have time (a new log-in: the first has expired by then).
        app.Clock.Advance(TimeSpan.FromDays(14));
        using (var onDueDate = await LoginAsync(Kansli))
            Assert.NotNull((await onDueDate.GetAsync(CaseSteps.ChoicePath(id, "Publish"))).Document.QuerySelector("[data-testid=not-possible]"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        using var kansli = await LoginAsync(Kansli);
        var form = await kansli.GetAsync(CaseSteps.ChoicePath(id, "Publish"));
        Assert.Contains("Sista dagen att godkänna texten har passerat", form.Document.QuerySelector("[data-testid=what-happens]")!.TextContent);
        Assert.Contains("Inte godkänt – sista dagen har passerat", SignOffRows(form)["Arbetsförmedlingen"]);
        var version = app.Load(id).Version;

        var noReason = await kansli.SubmitAsync(form, Form(), "form[data-action=Publish]");
        Assert.Null(noReason.Document.QuerySelector("form[data-confirm=Publish]"));
        Assert.Equal("Skriv varför svaret publiceras fast Arbetsförmedlingen inte har godkänt texten.",
            noReason.Document.QuerySelector("#err-publish-reason")!.TextContent.Trim());
        Assert.Equal("#publish-reason", noReason.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal((false, version), (app.Load(id).IsPublished, app.Load(id).Version));

        const string reason = "Arbetsförmedlingen har inte hört av sig trots två påminnelser.";
        var confirmation = await kansli.FillAsync(id, "Publish", Form(("Input.PublishReason", reason)));
        Assert.Contains("utan godkännande från Arbetsförmedlingen", confirmation.Document.QuerySelector("[data-testid=confirmation]")!.TextContent);
        Assert.False(app.Load(id).IsPublished);
        await kansli.SubmitAsync(confirmation, Form(), "form[data-confirm=Publish]");

        var c = app.Load(id);
        Assert.Equal((true, reason), (c.IsPublished, c.PublishedWithoutApprovalReason));
        Assert.Contains(c.Events, e => e.Action == nameof(CaseEdit.Published) && e.Comment!.Contains(reason));
        Assert.Contains(reason, app.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.CasePublished).Select(e => e.After).Single()));
        var page = await kansli.GetAsync($"/arenden/{id}");
        Assert.Contains(reason, page.Document.QuerySelector("[data-testid=published-without-approval]")!.TextContent);
    }

    [Fact]
    public async Task Reopening_a_case_drops_the_approvals_of_its_old_text()
    {
        using var kansli = await LoginAsync(Kansli);
        var id = await ConcludedForPublicationAsync(kansli);
        await ApproveAsync(id, BugFk, app.OrganisationId("Försäkringskassan"));
        await kansli.ActAsync(id, "Reopen", Form(("Input.Reason", "Arbetsförmedlingen har lämnat nya uppgifter.")));
        Assert.NotEqual(CaseState.Avslutad, app.Load(id).State);
        Assert.Empty(Approvals(id));
    }

    [Fact]
    public async Task A_case_no_party_answered_is_published_at_once()
    {
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        using var kansli = await LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
            ("Input.Summary", "Kommunen ändrade rutinen."), ("Input.Answer", "Remisser kvitteras nu."), ("Input.Publish", "true")));
        Assert.True(app.Load(filed.Id).IsPublished);
        Assert.Empty(Approvals(filed.Id));
    }

    private string UserName(string email) => app.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.FullName).Single());

    private async Task ApproveAsync(int caseId, string email, int organisationId)
    {
        var result = await CommandAsync(async commands => await commands.ApprovePublicationAsync(await app.CaseUserAsync(email), caseId, organisationId));
        Assert.Equal(CommandStatus.Done, result.Status);
    }

    private async Task<CommandResult> CommandAsync(Func<CaseCommands, Task<CommandResult>> run)
    {
        CommandResult? result = null;
        await app.WithScopeAsync(async s => result = await run(s.GetRequiredService<CaseCommands>()));
        return result!;
    }
}
