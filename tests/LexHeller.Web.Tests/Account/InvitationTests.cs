using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Account;

public class InvitationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> InviteReporterAsync(string email)
    {
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        var page = await kansli.InviteAsync(email, "Nils Nyman", MembershipRole.Rapportor, [app.OrganisationId("Partille kommun")]);
        Assert.Contains($"En inbjudan har skickats till {email}", page.Text);
        return app.InvitationLink(email);
    }

    [Fact]
    public async Task An_invited_reporter_chooses_a_password_and_logs_in()
    {
        const string email = "nils.nyman@partille.example";
        var link = await InviteReporterAsync(email);
        var mail = app.WithDb(db => db.Outbox.Single(m => m.To == email));
        Assert.Equal("Samordningsförbundet Insjöriket", mail.SenderName);
        Assert.Contains("Rapportör", mail.TextBody);

        using var browser = new Browserless(app);
        var welcome = await browser.GetAsync(link);
        Assert.Contains("Hej Nils Nyman!", welcome.Text);
        var saved = await browser.AcceptInvitationAsync(link);
        Assert.Contains("Ditt lösenord är sparat", saved.Text);
        var start = await browser.LoginAsync(email, NewPassword, totpSecret: null);
        Assert.Equal("/", start.Url);
        Assert.Contains("Partille kommun", start.Text);
    }

    [Fact]
    public async Task The_link_works_only_once()
    {
        const string email = "en.gang@partille.example";
        var link = await InviteReporterAsync(email);
        using var browser = new Browserless(app);
        await browser.AcceptInvitationAsync(link);

        using var attacker = new Browserless(app);
        var second = await attacker.GetAsync(link);
        Assert.Contains("Länken har redan använts", second.Text);
        Assert.Null(second.Document.QuerySelector("input[name=Password]"));

        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
        var replay = await attacker.PostFromAsync("/logga-in", link, Form(("Token", link.Split("token=")[1]), ("Password", "Kapad-Losen-123"), ("ConfirmPassword", "Kapad-Losen-123")));
        Assert.Contains("Länken har redan använts", replay.Text);
        Assert.Equal(hash, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task An_altered_link_is_refused_and_changes_nothing()
    {
        const string email = "andrad.lank@partille.example";
        var link = await InviteReporterAsync(email);
        using var browser = new Browserless(app);
        var altered = link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA");
        var page = await browser.GetAsync(altered);
        Assert.Contains("Länken är ogiltig", page.Text);
        var posted = await browser.PostFromAsync("/logga-in", altered, Form(("Token", altered.Split("token=")[1]), ("Password", NewPassword), ("ConfirmPassword", NewPassword)));
        Assert.Contains("Länken är ogiltig", posted.Text);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        const string email = "for.sent@partille.example";
        var link = await InviteReporterAsync(email);
        // The clock only moves forward; the other tests of this class do not mind a later day.
        app.Clock.Advance(TimeSpan.FromDays(8));
        using var browser = new Browserless(app);
        var page = await browser.GetAsync(link);
        Assert.Contains("Länken har gått ut", page.Text);
        var posted = await browser.PostFromAsync("/logga-in", link, Form(("Token", link.Split("token=")[1]), ("Password", NewPassword), ("ConfirmPassword", NewPassword)));
        Assert.Contains("Länken har gått ut", posted.Text);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task Mismatched_passwords_are_named_and_the_link_stays_usable()
    {
        const string email = "olika.losen@partille.example";
        var link = await InviteReporterAsync(email);
        using var browser = new Browserless(app);
        var page = await browser.SubmitAsync(await browser.GetAsync(link), Form(("Password", NewPassword), ("ConfirmPassword", "Annat-Losen-99")));
        Assert.Equal("Lösenorden är inte lika.", page.Document.QuerySelector("#confirm-error")!.TextContent);
        var ok = await browser.AcceptInvitationAsync(link);
        Assert.Contains("Ditt lösenord är sparat", ok.Text);
    }
}
