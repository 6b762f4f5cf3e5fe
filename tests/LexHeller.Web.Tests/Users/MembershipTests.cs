using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Users;

public class MembershipTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_user_in_two_forbund_switches_between_them()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync(DemoEmails.SharedKansli);
        var options = start.Document.QuerySelectorAll("#forbund-switch option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Samordningsförbundet Insjöriket", "Samordningsförbundet Södra Norrbotten"], options);
        Assert.Contains("Du arbetar i Samordningsförbundet Insjöriket", start.Text);
        Assert.Contains("Sara Lindqvist", (await browser.GetAsync("/anvandare")).Text);

        var switched = await browser.SubmitAsync(start, Form(("forbundId", app.ForbundId("SNB").ToString())), "form.switcher");
        Assert.Contains("Du arbetar i Samordningsförbundet Södra Norrbotten", switched.Text);
        var users = await browser.GetAsync("/anvandare");
        Assert.Contains("Emma Nilsson", users.Text);
        Assert.DoesNotContain("Sara Lindqvist", users.Text);
    }

    [Fact]
    public async Task A_user_cannot_switch_to_a_forbund_without_a_role()
    {
        using var browser = new Browserless(app);
        var start = await browser.LoginAsync("kansli@insjoriket.example");
        Assert.Null(start.Document.QuerySelector("#forbund-switch"));
        var page = await browser.PostFromAsync("/", "/forbund/byt", Form(("forbundId", app.ForbundId("SNB").ToString())));
        Assert.Contains("Du har ingen roll i det förbundet", page.Text);
        Assert.Contains("Du arbetar i Samordningsförbundet Insjöriket", page.Text);
    }

    [Fact]
    public async Task Kansli_cannot_grant_kansli_and_nothing_is_created()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        var form = await browser.GetAsync("/anvandare/ny");
        Assert.DoesNotContain(form.Document.QuerySelectorAll("#Input_Role option"), o => o.GetAttribute("value") == "Kansli");

        var page = await browser.InviteAsync("blivande.kansli@example.se", "Blivande Kansli", MembershipRole.Kansli);
        Assert.Contains("Endast en administratör kan ge rollen Kansli.", page.ErrorText());
        var admin = await browser.InviteAsync("blivande.admin@example.se", "Blivande Admin", MembershipRole.Administrator);
        Assert.Contains("Endast en administratör kan ge rollen Administratör.", admin.ErrorText());
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email!.StartsWith("blivande."))));
        Assert.False(app.WithDb(db => db.Outbox.Any(m => m.To.StartsWith("blivande."))));
    }

    [Fact]
    public async Task Kansli_cannot_invite_into_another_forbund()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        var page = await browser.GetAsync("/anvandare/ny");
        var posted = await browser.SubmitAsync(page, Form(
            ("Input.ForbundId", app.ForbundId("SNB").ToString()), ("Input.FullName", "Fel Förbund"), ("Input.Email", "fel.forbund@example.se"),
            ("Input.Role", "Styrelse")), "main form[method=post]");
        Assert.Contains("Du kan bara bjuda in användare till förbund där du själv är kansli", posted.ErrorText());
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == "fel.forbund@example.se")));
    }

    [Fact]
    public async Task Kansli_cannot_see_or_change_users_of_another_forbund()
    {
        var snbReporter = app.UserId("rapportor@sodranorrbotten.example");
        var membershipId = app.WithDb(db => db.Memberships.Single(m => m.UserId == snbReporter).Id);
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/anvandare/{snbReporter}")).Status);
        var own = app.UserId("rapportor@insjoriket.example");
        var deactivate = await browser.PostFromAsync($"/anvandare/{own}", $"/anvandare/{snbReporter}?handler=Deactivate&membershipId={membershipId}", Form());
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
        Assert.True(app.WithDb(db => db.Memberships.Single(m => m.Id == membershipId).IsActive));
        Assert.DoesNotContain("Emma Nilsson", (await browser.GetAsync("/anvandare")).Text);
    }

    [Fact]
    public async Task Kansli_cannot_deactivate_another_kansli()
    {
        var other = app.UserId(DemoEmails.SharedKansli);
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        var page = await browser.GetAsync($"/anvandare/{other}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Deactivate']"));
        Assert.Null(page.Document.QuerySelector("form[action*='handler=ResetTwoFactor']"));
    }

    [Fact]
    public async Task A_deactivated_users_session_is_rejected_at_once_and_they_cannot_log_in()
    {
        const string email = "rapportor.kommun@insjoriket.example";
        using var reporter = new Browserless(app);
        Assert.Equal("/", (await reporter.LoginAsync(email)).Url);

        var userId = app.UserId(email);
        var membershipId = app.WithDb(db => db.Memberships.Single(m => m.UserId == userId).Id);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        var details = await kansli.GetAsync($"/anvandare/{userId}");
        var done = await kansli.SubmitAsync(details, Form(), $"form[action*='membershipId={membershipId}']");
        Assert.Contains("Rollen Rapportör inaktiverades", done.Text);

        Assert.StartsWith("/logga-in", (await reporter.GetAsync("/konto")).Url);
        using var fresh = new Browserless(app);
        var refused = await fresh.LoginAsync(email);
        Assert.Contains("Ditt konto är inte aktivt", refused.ErrorText());

        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.MembershipDeactivated && a.Subject == email));
        Assert.Equal(app.UserId("kansli@insjoriket.example"), audit.ActorUserId);
        Assert.Equal("Rapportör: inaktiv", audit.After);
    }

    [Fact]
    public async Task Kansli_resets_a_bug_members_two_factor_and_it_is_audited()
    {
        const string email = "bug.region@insjoriket.example";
        using var member = new Browserless(app);
        Assert.Equal("/", (await member.LoginAsync(email)).Url);

        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        var page = await kansli.GetAsync($"/anvandare/{app.UserId(email)}");
        var unconfirmed = await kansli.SubmitAsync(page, Form(), "form[action*='handler=ResetTwoFactor']");
        Assert.Contains("Kryssa i rutan", unconfirmed.ErrorText());
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var reset = await kansli.SubmitAsync(page, Form(("confirm", "true")), "form[action*='handler=ResetTwoFactor']");
        Assert.Contains("återställdes", reset.Text);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.TwoFactorReset && a.Subject == email).ToList()));

        // Their session ends, and the old authenticator no longer gets them in: they must enrol again.
        Assert.StartsWith("/logga-in", (await member.GetAsync("/")).Url);
        using var again = new Browserless(app);
        var landed = await again.LoginAsync(email);
        Assert.Equal("/konto/tvafaktor", landed.Url.Split('?')[0]);
        Assert.NotEqual(AppFactory.TotpSecret, landed.Document.QuerySelector("#totp-key")!.GetAttribute("data-key"));
    }

    [Fact]
    public async Task Administrator_grants_kansli_to_an_existing_user_without_a_new_invitation()
    {
        const string email = "styrelse@insjoriket.example";
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var page = await admin.InviteAsync(email, "Lena Forsberg", MembershipRole.Kansli, forbundId: app.ForbundId("SNB"));
        Assert.Contains("fanns redan i Lex Heller och har fått rollen Kansli", page.Text);
        Assert.Empty(app.WithDb(db => db.Outbox.Where(m => m.To == email).ToList()));
        Assert.Equal(2, app.WithDb(db => db.Memberships.Count(m => m.User.Email == email && m.IsActive)));
    }

    [Fact]
    public async Task Bad_input_in_the_invitation_form_is_named_next_to_each_field()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        var page = await browser.GetAsync("/anvandare/ny");
        var posted = await browser.SubmitAsync(page, Form(("Input.FullName", ""), ("Input.Email", "inte-en-adress"), ("Input.Role", "")), "main form[method=post]");
        Assert.Equal("Fyll i personens namn.", posted.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Contains("giltig e-postadress", posted.Document.QuerySelector("#email-error")!.TextContent);
        Assert.Equal("Välj en roll.", posted.Document.QuerySelector("#role-error")!.TextContent);

        var noOrg = await browser.InviteAsync("utan.org@example.se", "Utan Org", MembershipRole.Rapportor);
        Assert.Equal("En rapportör företräder exakt en organisation.", noOrg.Document.QuerySelector("#org-error")!.TextContent);
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == "utan.org@example.se")));
    }
}

internal static class DemoEmails
{
    public const string SharedKansli = "samordnare@lexheller.example";
}
