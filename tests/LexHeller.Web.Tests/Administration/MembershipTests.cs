using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

/// <summary>
/// Roles and represented organisations on a user's page (/anvandare/{id}), and the warning about member organisations
/// without an active BUG member. The tests share one app, so each works on people no other test here changes, and
/// one that takes away a BUG member's organisation gives it back.
/// </summary>
public class MembershipTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Admin = "admin@lexheller.example";

    private static string Warning(string organisation) =>
        $"Ingen aktiv BUG-ledamot företräder {organisation} – ärenden kan inte remitteras dit.";

    private static string CoverageText(Browserless.Page page) =>
        page.Document.QuerySelector("[data-testid=bug-coverage]")?.TextContent ?? "";

    private IReadOnlyList<(MembershipRole Role, int? ForbundId, bool IsActive, IReadOnlyList<string> Organisations)> MembershipsOf(string email) =>
        app.WithDb(db => db.Memberships.Where(m => m.User.Email == email)
            .Select(m => new { m.Role, m.ForbundId, m.IsActive, Orgs = m.Organisations.Select(o => o.Organisation.Name).ToList() })
            .ToList()
            .Select(m => (m.Role, m.ForbundId, m.IsActive, (IReadOnlyList<string>)m.Orgs.Order().ToList()))
            .ToList());

    [Fact]
    public async Task Kansli_grants_a_bug_role_to_an_existing_user_but_cannot_grant_kansli()
    {
        const string email = "styrelse@insjoriket.example";
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync($"/anvandare/{app.UserId(email)}");
        var offered = page.Document.QuerySelectorAll("#Grant_Role option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        // Styrelse she already has; Kansli and Administratör only an administrator gives.
        Assert.Equal(["Rapportor", "BugLedamot"], offered);

        var refused = await kansli.SubmitAsync(page, Form(("Grant.Role", "Kansli")), "form[data-testid=grant-form]");
        Assert.Equal("Endast en administratör kan ge rollen Kansli.", refused.Document.QuerySelector("#grant-role-error")!.TextContent);
        Assert.Equal("true", refused.Document.QuerySelector("#Grant_Role")!.GetAttribute("aria-invalid"));
        Assert.DoesNotContain(MembershipsOf(email), m => m.Role == MembershipRole.Kansli);

        var foreign = await kansli.SubmitAsync(page, Form(("Grant.Role", "BugLedamot"),
            ("Grant.OrganisationIds", app.OrganisationId("Luleå kommun").ToString())), "form[data-testid=grant-form]");
        Assert.Equal("Organisationen är inte medlem i förbundet.", foreign.Document.QuerySelector("#grant-org-error")!.TextContent);
        Assert.DoesNotContain(MembershipsOf(email), m => m.Role == MembershipRole.BugLedamot);

        var granted = await kansli.SubmitAsync(page, Form(("Grant.Role", "BugLedamot"),
            ("Grant.OrganisationIds", app.OrganisationId("Partille kommun").ToString())), "form[data-testid=grant-form]");
        Assert.Contains("Lena Forsberg har fått rollen BUG-ledamot i Samordningsförbundet Insjöriket.", granted.Text);
        var bug = MembershipsOf(email).Single(m => m.Role == MembershipRole.BugLedamot);
        Assert.Equal((app.ForbundId("INS"), true), (bug.ForbundId, bug.IsActive));
        Assert.Equal(["Partille kommun"], bug.Organisations);
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.MembershipGranted && a.Subject == email));
        Assert.Equal(app.UserId(Kansli), audit.ActorUserId);
        Assert.Null(audit.Before);
        Assert.Equal("BUG-ledamot: Partille kommun", audit.After);
        // Granting a role to someone who already has an account sends no invitation.
        Assert.Empty(app.WithDb(db => db.Outbox.Where(m => m.To == email).ToList()));
    }

    [Fact]
    public async Task Administrator_grants_kansli_in_the_forbund_it_picks()
    {
        const string email = "bug.fk@sodranorrbotten.example";
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var snb = app.ForbundId("SNB");
        var page = await admin.GetAsync($"/anvandare/{app.UserId(email)}?forbundId={snb}");
        Assert.Contains("Samordningsförbundet Södra Norrbotten", page.Document.QuerySelector("form[data-testid=grant-form]")!.TextContent);
        Assert.Contains(page.Document.QuerySelectorAll("#Grant_Role option"), o => o.GetAttribute("value") == "Kansli");

        var granted = await admin.SubmitAsync(page, Form(("Grant.Role", "Kansli")), "form[data-testid=grant-form]");
        Assert.Contains("har fått rollen Kansli i Samordningsförbundet Södra Norrbotten", granted.Text);
        Assert.Contains(MembershipsOf(email), m => m is { Role: MembershipRole.Kansli, IsActive: true } && m.ForbundId == snb);
        Assert.Equal("Kansli", app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.MembershipGranted && a.Subject == email)).After);
    }

    [Fact]
    public async Task Organisations_of_a_bug_member_change_only_to_member_organisations_and_every_change_is_audited()
    {
        const string email = "bug.kommun@insjoriket.example";
        var userId = app.UserId(email);
        var membershipId = app.WithDb(db => db.Memberships.Single(m => m.UserId == userId).Id);
        var kommuner = new[] { "Alingsås kommun", "Härryda kommun", "Lerums kommun", "Mölndals stad", "Partille kommun" };
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync($"/anvandare/{userId}");
        var form = $"form[data-membership='{membershipId}']";
        Assert.DoesNotContain(Warning("Mölndals stad"), CoverageText(page));

        string Ids(params string[] names) => string.Join('\u001f', names.Select(app.OrganisationId));

        // An organisation of another förbund, or one outside every förbund, is refused and nothing changes.
        foreach (var outsider in new[] { "Luleå kommun", "Kriminalvården" })
        {
            var refused = await kansli.SubmitAsync(page, Form(("Represent.OrganisationIds", Ids("Partille kommun", outsider))), form);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal("Organisationen är inte medlem i förbundet.", refused.Document.QuerySelector($"#rep-{membershipId}-error")!.TextContent.Trim());
            Assert.Equal("true", refused.Document.QuerySelector($"#rep-{membershipId}-org-{app.OrganisationId("Partille kommun")}")!.GetAttribute("aria-invalid"));
        }
        var none = await kansli.SubmitAsync(page, Form(("Represent.OrganisationIds", "")), form);
        Assert.Contains("En BUG-ledamot företräder minst en organisation", none.Document.QuerySelector($"#rep-{membershipId}-error")!.TextContent);
        Assert.Equal(kommuner, MembershipsOf(email).Single().Organisations);
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.MembershipOrganisationsChanged && a.Subject == email)));

        // Mölndal taken away: the change is audited with names, and the warning names Mölndal on the list and the page.
        var withoutMolndal = kommuner.Where(k => k != "Mölndals stad").ToArray();
        var saved = await kansli.SubmitAsync(page, Form(("Represent.OrganisationIds", Ids(withoutMolndal))), form);
        Assert.Contains("sparades", saved.Text);
        Assert.Equal(withoutMolndal, MembershipsOf(email).Single().Organisations);
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.MembershipOrganisationsChanged && a.Subject == email));
        Assert.Equal(app.UserId(Kansli), audit.ActorUserId);
        Assert.Equal(app.ForbundId("INS"), audit.ForbundId);
        Assert.Equal("BUG-ledamot: Alingsås kommun, Härryda kommun, Lerums kommun, Mölndals stad, Partille kommun", audit.Before);
        Assert.Equal("BUG-ledamot: Alingsås kommun, Härryda kommun, Lerums kommun, Partille kommun", audit.After);
        Assert.Contains(Warning("Mölndals stad"), CoverageText(saved));
        Assert.Contains(Warning("Mölndals stad"), CoverageText(await kansli.GetAsync("/anvandare")));
        Assert.DoesNotContain(Warning("Partille kommun"), CoverageText(saved));

        // And given back.
        var back = await kansli.SubmitAsync(saved, Form(("Represent.OrganisationIds", Ids(kommuner))), form);
        Assert.Equal(kommuner, MembershipsOf(email).Single().Organisations);
        Assert.DoesNotContain(Warning("Mölndals stad"), CoverageText(back));
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.MembershipOrganisationsChanged && a.Subject == email)));
    }

    [Fact]
    public async Task The_warning_appears_when_the_last_bug_member_of_an_organisation_goes_and_disappears_when_one_is_added()
    {
        const string region = "Västra Götalandsregionen";
        var bugRegion = app.UserId("bug.region@insjoriket.example");
        var membershipId = app.WithDb(db => db.Memberships.Single(m => m.UserId == bugRegion).Id);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        Assert.DoesNotContain(Warning(region), CoverageText(await kansli.GetAsync("/anvandare")));

        var page = await kansli.GetAsync($"/anvandare/{bugRegion}");
        var deactivated = await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Deactivate'][action*='membershipId={membershipId}']");
        Assert.Contains("Rollen BUG-ledamot inaktiverades", deactivated.Text);
        Assert.Contains(Warning(region), CoverageText(deactivated));
        var list = await kansli.GetAsync("/anvandare");
        Assert.Contains(Warning(region), CoverageText(list));

        // Someone else becomes BUG member for the region: the warning goes, on the list and on every user's page.
        var johan = app.UserId("rapportor.kommun@insjoriket.example");
        var johanPage = await kansli.GetAsync($"/anvandare/{johan}");
        Assert.Contains(Warning(region), CoverageText(johanPage));
        var granted = await kansli.SubmitAsync(johanPage, Form(("Grant.Role", "BugLedamot"),
            ("Grant.OrganisationIds", app.OrganisationId(region).ToString())), "form[data-testid=grant-form]");
        Assert.Contains("har fått rollen BUG-ledamot", granted.Text);
        Assert.DoesNotContain(Warning(region), CoverageText(granted));
        Assert.DoesNotContain(Warning(region), CoverageText(await kansli.GetAsync("/anvandare")));
    }

    [Fact]
    public async Task A_kansli_cannot_reach_a_membership_of_another_forbund_by_its_id()
    {
        // Sara is rapportör in Insjöriket; an administrator has also made her BUG member in Södra Norrbotten.
        const string email = "rapportor@insjoriket.example";
        var sara = app.UserId(email);
        var lulea = app.OrganisationId("Luleå kommun");
        var snbMembership = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Id == sara);
            var m = user.AddMembership(app.ForbundId("SNB"), MembershipRole.BugLedamot, [lulea], app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return m.Id;
        });
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var page = await kansli.GetAsync($"/anvandare/{sara}");
        Assert.DoesNotContain("Södra Norrbotten", page.Document.QuerySelector("table")!.TextContent);
        Assert.Null(page.Document.QuerySelector($"form[data-membership='{snbMembership}']"));

        var boden = app.OrganisationId("Bodens kommun").ToString();
        var orgs = await kansli.PostFromAsync($"/anvandare/{sara}", $"/anvandare/{sara}?handler=Organisations&membershipId={snbMembership}",
            Form(("Represent.OrganisationIds", boden)));
        Assert.Equal(HttpStatusCode.NotFound, orgs.Status);
        var deactivate = await kansli.PostFromAsync($"/anvandare/{sara}", $"/anvandare/{sara}?handler=Deactivate&membershipId={snbMembership}", Form());
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
        var grant = await kansli.SubmitAsync(page, Form(("Grant.ForbundId", app.ForbundId("SNB").ToString()), ("Grant.Role", "Styrelse")),
            "form[data-testid=grant-form]");
        Assert.Contains("Du kan bara ge roller i förbundet du arbetar i.", grant.ErrorText());

        var snb = MembershipsOf(email).Single(m => m.ForbundId == app.ForbundId("SNB"));
        Assert.Equal((MembershipRole.BugLedamot, true), (snb.Role, snb.IsActive));
        Assert.Equal(["Luleå kommun"], snb.Organisations);
        Assert.Single(MembershipsOf(email), m => m.ForbundId == app.ForbundId("INS"));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Subject == email)));
    }
}
