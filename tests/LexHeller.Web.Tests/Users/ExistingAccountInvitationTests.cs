using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Tests.Administration;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Users;

/// <summary>
/// A kansli who names the address of an account that already exists in another förbund does not get that account:
/// the person is invited, by mail, to accept or decline the role, and until they accept the kansli sees nothing of
/// the account but the address it typed.
/// </summary>
public class ExistingAccountInvitationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Insjoriket = "Samordningsförbundet Insjöriket";

    private string FullName(string email) => app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == email.ToUpperInvariant()).FullName);

    private bool HasRoleIn(string email, string code) =>
        app.WithDb(db => db.Memberships.Any(m => m.User.NormalizedEmail == email.ToUpperInvariant() && m.Forbund!.Code == code));

    [Fact]
    public async Task A_kansli_inviting_another_forbunds_user_sees_only_the_address_until_the_user_accepts()
    {
        const string email = "bug.fk@sodranorrbotten.example";
        var name = FullName(email);
        var userId = app.UserId(email);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        var sent = await kansli.InviteAsync(email, "Vem Som Helst", MembershipRole.Styrelse);
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains($"Inbjudan skickades till {email}.", sent.Text);
        Assert.DoesNotContain(name, sent.Text);
        Assert.False(HasRoleIn(email, "INS"));
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/anvandare/{userId}")).Status);
        var list = await kansli.GetAsync("/anvandare");
        Assert.Contains($"Inbjudan skickad till {email}", list.Text);
        Assert.DoesNotContain(name, list.Text);
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Subject == email && a.Action == AuditActions.MembershipOffered));
        Assert.Equal((app.UserId(Kansli), (int?)app.ForbundId("INS"), "Styrelse"), (audit.ActorUserId, audit.ForbundId, audit.After));

        // The person's own log-in still opens in their own förbund.
        using var person = new Browserless(app);
        var home = await person.LoginAsync(email);
        Assert.Contains("Du arbetar i Samordningsförbundet Södra Norrbotten", home.Text);
        Assert.Null(home.Document.QuerySelector("#forbund-switch"));

        // The link asks who they are, then shows the förbund and the role.
        var link = app.InvitationLink(email);
        Assert.StartsWith("/inbjudan?token=", link);
        using var loggedOut = new Browserless(app);
        Assert.StartsWith("/logga-in", (await loggedOut.GetAsync(link)).Url);
        var offer = await loggedOut.LoginAsync(email, returnUrl: link);
        Assert.Equal(link, offer.Url);
        Assert.Contains(Insjoriket, offer.Text);
        Assert.Contains("Styrelse", offer.Text);
        Assert.NotNull(offer.Document.QuerySelector("form[data-testid=decline]"));
        var accepted = await loggedOut.SubmitAsync(offer, Form(), "form[data-testid=accept]");
        Assert.Contains($"Du har rollen Styrelse i {Insjoriket}.", accepted.Text);
        Assert.True(HasRoleIn(email, "INS"));
        Assert.Equal(HttpStatusCode.OK, (await kansli.GetAsync($"/anvandare/{userId}")).Status);

        // The link is spent.
        var again = await loggedOut.GetAsync(link);
        Assert.Null(again.Document.QuerySelector("form[data-testid=accept]"));
    }

    [Fact]
    public async Task The_administrator_named_by_a_kansli_may_decline_and_nothing_is_granted()
    {
        const string email = "admin@lexheller.example";
        var name = FullName(email);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var sent = await kansli.InviteAsync(email, "Någon Annan", MembershipRole.Styrelse);
        Assert.Contains($"Inbjudan skickades till {email}.", sent.Text);
        Assert.DoesNotContain(name, sent.Text);
        Assert.False(HasRoleIn(email, "INS"));
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/anvandare/{app.UserId(email)}")).Status);

        var link = app.InvitationLink(email);
        // Someone else logged in cannot use it.
        using var stranger = new Browserless(app);
        await stranger.LoginAsync("rapportor@insjoriket.example");
        var wrong = await stranger.GetAsync(link);
        Assert.Contains("Inbjudan gäller ett annat konto", wrong.Text);
        Assert.Null(wrong.Document.QuerySelector("form[data-testid=accept]"));
        var forced = await stranger.PostFromAsync("/", link + "&handler=Accept", Form());
        Assert.Contains("Inbjudan gäller ett annat konto", forced.Text);
        Assert.False(HasRoleIn("rapportor@insjoriket.example", "SNB"));
        Assert.False(HasRoleIn(email, "INS"));

        using var admin = new Browserless(app);
        var offer = await admin.LoginAsync(email, returnUrl: link);
        var declined = await admin.SubmitAsync(offer, Form(), "form[data-testid=decline]");
        Assert.Contains("Du tackade nej till inbjudan.", declined.Text);
        Assert.False(HasRoleIn(email, "INS"));
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Subject == email && a.Action == AuditActions.InvitationDeclined).ToList()));
        var accept = await admin.PostFromAsync("/", link + "&handler=Accept", Form());
        Assert.Null(accept.Document.QuerySelector("form[data-testid=accept]"));
        Assert.False(HasRoleIn(email, "INS"));
    }

    [Fact]
    public async Task The_import_preview_does_not_name_an_account_of_another_forbund_and_its_row_becomes_an_invitation()
    {
        const string email = "bug.af@sodranorrbotten.example";
        var name = FullName(email);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var preview = await kansli.UploadAsync($"e-post;namn;roll;organisation\r\n{email};Okänd Person;Styrelse;");
        Assert.DoesNotContain(name, preview.Text);
        Assert.Equal("Bjuds in", preview.Document.QuerySelector("table.import-table tbody tr td:last-child")!.TextContent.Trim());

        var done = await kansli.SubmitAsync(preview, Form(), "form[data-testid=import-confirm]");
        Assert.Contains("1 användare är inbjuden.", done.Text);
        Assert.DoesNotContain(name, done.Text);
        Assert.False(HasRoleIn(email, "INS"));
        Assert.StartsWith("/inbjudan?token=", app.InvitationLink(email));

        using var person = new Browserless(app);
        var offer = await person.LoginAsync(email, returnUrl: app.InvitationLink(email));
        await person.SubmitAsync(offer, Form(), "form[data-testid=accept]");
        Assert.True(HasRoleIn(email, "INS"));
    }
}
