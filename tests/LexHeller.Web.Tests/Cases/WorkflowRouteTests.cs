using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Demo;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Cases;

public class WorkflowRouteTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task The_kansli_screens_asks_and_the_reporter_answers()
    {
        var filed = await app.FileCaseAsync();
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync($"/arenden/{filed.Id}");
        Assert.Contains("Sara Lindqvist", page.Document.QuerySelector("[data-testid=kansli-facts]")!.TextContent);
        Assert.True(page.Offers("Take"));
        Assert.False(page.Offers("MarkReady"));

        await kansli.ActAsync(filed.Id, "Take");
        var refused = await kansli.ActAsync(filed.Id, "AskReporter", Form(("Input.Question", "")));
        Assert.Contains("Skriv frågan till rapportören.", refused.Document.QuerySelector("#err-question")!.TextContent);
        Assert.Equal("#q-AskReporter", refused.Document.QuerySelector("[data-testid=error-summary] a")!.GetAttribute("href"));
        var asked = await kansli.ActAsync(filed.Id, "AskReporter", Form(("Input.Question", "Vilken enhet skickade remissen?")));
        Assert.Contains("Komplettering begärd", asked.Text);

        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        var reporterPage = await reporter.GetAsync($"/arenden/{filed.Id}");
        Assert.Contains("Vilken enhet skickade remissen?", reporterPage.Text);
        Assert.Contains("Kansliet har en fråga till dig", reporterPage.Text);
        Assert.DoesNotContain("Maria Holmberg", reporterPage.Text);
        var guarded = await reporter.ActAsync(filed.Id, "ReporterAnswers", Form(("Input.ReporterAnswer", "Ring mig på 070-123 45 67")));
        Assert.Contains("ser ut att innehålla ett telefonnummer", guarded.Document.QuerySelector("#err-reporteranswer")!.TextContent);
        Assert.Equal(CaseState.KompletteringBegard, app.Load(filed.Id).State);
        await reporter.ActAsync(filed.Id, "ReporterAnswers", Form(("Input.ReporterAnswer", "Enheten för arbetsmarknad i kommunen.")));

        var c = app.Load(filed.Id);
        Assert.Equal(CaseState.UnderGranskning, c.State);
        Assert.Equal("Enheten för arbetsmarknad i kommunen.", c.Questions.Single().Answer);
        Assert.Equal(app.UserId(Kansli), c.HandlerUserId);
    }

    [Fact]
    public async Task The_full_route_ends_in_a_published_answer_with_its_audit_trail()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "MarkReady");
        await kansli.ActAsync(filed.Id, "StartReview");
        var due = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(28).ToString("yyyy-MM-dd");
        await kansli.ActAsync(filed.Id, "Refer", new()
        {
            ["Input.ReferTo"] = $"{app.OrganisationId("Försäkringskassan")}\u001f{app.OrganisationId("Arbetsförmedlingen")}",
            ["Input.DueDate"] = due,
        });
        Assert.Equal(CaseState.RemitteradTillPart, app.Load(filed.Id).State);

        // The parties answer (their page is tested on its own); then the kansli closes the case.
        await AnswerAsync(filed.Id, "bug.fk@insjoriket.example", "Försäkringskassan");
        Assert.Equal(CaseState.RemitteradTillPart, app.Load(filed.Id).State);
        await AnswerAsync(filed.Id, "bug.af@insjoriket.example", "Arbetsförmedlingen");
        Assert.Equal(CaseState.Besvarad, app.Load(filed.Id).State);

        var concluded = await kansli.ActAsync(filed.Id, "Conclude", new()
        {
            ["Input.Outcome"] = nameof(CaseOutcome.ActionByParty),
            ["Input.Summary"] = "Remisser tappades mellan kommunen och AF.",
            ["Input.Answer"] = "AF kvitterar nu varje remiss inom två dagar.",
            ["Input.Publish"] = "true",
        });
        Assert.Contains("Avslutad", concluded.Text);
        Assert.False(app.Load(filed.Id).IsPublished);

        // Both parties answered, so each approves the text on the case page before the kansli publishes it.
        foreach (var member in new[] { "bug.fk@insjoriket.example", "bug.af@insjoriket.example" })
        {
            using var bug = new Browserless(app);
            await bug.LoginAsync(member);
            var page = await bug.GetAsync($"/arenden/{filed.Id}");
            await bug.SubmitAsync(page, new Dictionary<string, string>(), "[data-testid=approve-publication]");
        }
        await kansli.ActAsync(filed.Id, "Publish");

        var c = app.Load(filed.Id);
        Assert.True(c.IsPublished);
        Assert.Equal(
            ["Submit", "Take", "MarkReady", "StartReview", "Refer", "PartyAnswers", "PartyAnswers", "Conclude",
             "PublicationRequested", "PublicationApproved", "PublicationApproved", "Published"],
            c.Events.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal(
            [CaseState.Inkommen, CaseState.UnderGranskning, CaseState.RedoForBug, CaseState.BehandlasIBug, CaseState.RemitteradTillPart,
             CaseState.RemitteradTillPart, CaseState.Besvarad, CaseState.Avslutad, CaseState.Avslutad, CaseState.Avslutad, CaseState.Avslutad,
             CaseState.Avslutad],
            c.Events.OrderBy(e => e.Id).Select(e => e.ToState));
        Assert.All(c.Events.Where(e => e.Action is "MarkReady" or "Conclude"), e => Assert.Equal(app.UserId(Kansli), e.ActorUserId));

        using var board = new Browserless(app);
        await board.LoginAsync("styrelse@insjoriket.example");
        var published = await board.GetAsync($"/arenden/{filed.Id}");
        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Contains("AF kvitterar nu varje remiss inom två dagar.", published.Text);
    }

    private async Task AnswerAsync(int caseId, string bugEmail, string organisation)
    {
        var now = app.Clock.GetUtcNow();
        var orgId = app.OrganisationId(organisation);
        var userId = app.UserId(bugEmail);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var c = await db.Cases.Include(x => x.Referrals).SingleAsync(x => x.Id == caseId);
            var r = CaseActions.SubmitPartyResponse(c, new CaseActorContext(userId, [CaseActor.BugMember], [orgId]), orgId, $"Svar från {organisation}.", now);
            Assert.True(r.Fired, r.Refusal);
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_trigger_posted_by_hand_that_the_state_or_role_does_not_allow_changes_nothing()
    {
        var filed = await app.FileCaseAsync();
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var version = app.Load(filed.Id).Version.ToString();

        var conclude = await kansli.PostFromAsync($"/arenden/{filed.Id}", CaseSteps.ChoicePath(filed.Id, "Conclude"),
            Form(("action", "Conclude"), ("Version", version), ("Input.Outcome", "SolvedLocally"), ("Input.Summary", "x"), ("Input.Answer", "y")));
        Assert.Equal(HttpStatusCode.OK, conclude.Status);
        Assert.Contains("”Avsluta” går inte när ärendet har status ”Inkommen”.", conclude.Text);

        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        var take = await reporter.PostFromAsync($"/arenden/{filed.Id}", CaseSteps.ChoicePath(filed.Id, "Take"), Form(("Version", version)));
        Assert.Contains("Du kan inte göra ”Ta ärendet” i din roll.", take.Text);
        var nonsense = await reporter.PostFromAsync($"/arenden/{filed.Id}", CaseSteps.ChoicePath(filed.Id, "Radera"), Form(("Version", version)));
        Assert.Equal(HttpStatusCode.NotFound, nonsense.Status);

        var c = app.Load(filed.Id);
        Assert.Equal(CaseState.Inkommen, c.State);
        Assert.Single(c.Events);
    }

    [Fact]
    public async Task A_stale_page_is_told_the_case_changed_and_shown_the_new_state()
    {
        var filed = await app.FileCaseAsync();
        using var first = new Browserless(app);
        await first.LoginAsync(Kansli);
        using var second = new Browserless(app);
        await second.LoginAsync(DemoSeeder.SharedKansliEmail);
        var stale = await second.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take"));

        await first.ActAsync(filed.Id, "Take");
        var late = await second.SubmitAsync(stale, Form(), "form[data-action=Take]");
        Assert.Contains("Ärendet har ändrats sedan du öppnade sidan: det är nu Under granskning.", late.Document.QuerySelector("[data-testid=changed]")!.TextContent);
        Assert.Contains("Under granskning", late.Document.QuerySelector("[data-testid=case-state]")!.TextContent);
        Assert.Equal(app.UserId(Kansli), app.Load(filed.Id).HandlerUserId);
    }

    [Fact]
    public async Task Two_kansli_taking_the_same_case_at_once_never_both_win()
    {
        using var first = new Browserless(app);
        await first.LoginAsync(Kansli);
        using var second = new Browserless(app);
        await second.LoginAsync(DemoSeeder.SharedKansliEmail);
        for (var round = 0; round < 15; round++)
        {
            var filed = await app.FileCaseAsync();
            var pages = await Task.WhenAll(first.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take")), second.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take")));
            await Task.WhenAll(
                first.SubmitAsync(pages[0], Form(), "form[data-action=Take]"),
                second.SubmitAsync(pages[1], Form(), "form[data-action=Take]"));
            var c = app.Load(filed.Id);
            Assert.Single(c.Events, e => e.Action == "Take");
            Assert.Equal(CaseState.UnderGranskning, c.State);
        }
    }
}
