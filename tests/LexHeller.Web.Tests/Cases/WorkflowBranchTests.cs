using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Cases;

public class WorkflowBranchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task The_reporter_withdraws_only_after_confirming()
    {
        var filed = await app.FileCaseAsync();
        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        var unconfirmed = await reporter.ActAsync(filed.Id, "Withdraw");
        Assert.Contains("Kryssa i rutan", unconfirmed.Document.QuerySelector("#err-withdraw")!.TextContent);
        Assert.Equal(CaseState.Inkommen, app.Load(filed.Id).State);
        var done = await reporter.ActAsync(filed.Id, "Withdraw", Form(("Input.ConfirmWithdraw", "true")));
        Assert.Contains("Återkallat", done.Text);
        Assert.Equal(CaseState.Aterkallad, app.Load(filed.Id).State);
    }

    [Fact]
    public async Task A_party_without_an_active_bug_member_cannot_be_referred_to()
    {
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        var region = app.OrganisationId("Västra Götalandsregionen");
        await app.WithDbAsync(async db =>
        {
            var m = await db.Memberships.SingleAsync(x => x.User.Email == "bug.region@insjoriket.example");
            m.Deactivate(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Refer"));
        Assert.Contains("(ingen aktiv BUG-ledamot)", page.Document.QuerySelector($"label[for=refer-{region}]")!.TextContent);

        var refused = await kansli.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.ReferTo"] = region.ToString(),
            ["Input.DueDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd"),
        }, "form[data-action=Refer]");
        Assert.Contains("ingen aktiv BUG-ledamot", refused.Document.QuerySelector("[data-testid=error-summary]")!.TextContent);
        Assert.Equal(CaseState.BehandlasIBug, app.Load(filed.Id).State);
    }

    [Fact]
    public async Task Closing_a_referral_records_the_unanswered_parties_and_the_case_can_go_back_to_bug()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "CloseReferral", Form(("Input.Note", "Svarstiden har gått ut.")));
        var c = app.Load(filed.Id);
        Assert.Equal(CaseState.Besvarad, c.State);
        Assert.All(c.Referrals, r => Assert.Equal(ReferralStatus.ClosedUnanswered, r.Status));
        var page = await kansli.GetAsync($"/arenden/{filed.Id}");
        Assert.Contains("Avslutad utan svar", page.Document.QuerySelector("[data-testid=referrals]")!.TextContent);

        await kansli.ActAsync(filed.Id, "BackToBug");
        Assert.Equal(CaseState.RedoForBug, app.Load(filed.Id).State);
    }

    [Fact]
    public async Task Publication_is_changed_by_the_kansli_audited_and_withdrawn_on_reopening()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "Unpublish");
        Assert.False(app.Load(filed.Id).IsPublished);
        await kansli.ActAsync(filed.Id, "Publish");
        Assert.True(app.Load(filed.Id).IsPublished);
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(a => a.Subject == filed.Reference && (a.Action == "CasePublished" || a.Action == "CaseUnpublished"))));

        var reopened = await kansli.ActAsync(filed.Id, "Reopen", Form(("Input.Reason", "Ny information från Arbetsförmedlingen.")));
        Assert.Contains("Under granskning", reopened.Document.QuerySelector("[data-testid=case-state]")!.TextContent);
        var c = app.Load(filed.Id);
        Assert.False(c.IsPublished);
        Assert.Equal("Ny information från Arbetsförmedlingen.", c.Events.OrderBy(e => e.Id).Last().Comment);
    }

    [Fact]
    public async Task A_rejected_case_tells_the_reporter_where_to_turn()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "Reject", Form(("Input.Reason", "Gäller vårdens kvalitet, inte samverkan."), ("Input.WhereToTurn", "Anmäl enligt Lex Maria.")));
        using var reporter = new Browserless(app);
        await reporter.LoginAsync("rapportor@insjoriket.example");
        var page = await reporter.GetAsync($"/arenden/{filed.Id}");
        Assert.Contains("Anmäl enligt Lex Maria.", page.Text);
        Assert.Contains("Avvisat", page.Text);
    }
}
