using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

/// <summary>The kansli and the administrator link a person's e-legitimation to their account, and remove it.</summary>
public class ExternalLoginAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Admin = "admin@lexheller.example";

    private async Task<int> ProviderAsync(string name, bool enabled, params string[] forbundCodes)
    {
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            var (result, saved) = await commands.SaveAsync(null, new IdentityProviderCommands.Form(name, "https://login.example.se", "lexheller",
                "secret-of-" + name, null, null, null, null, forbundCodes.Select(app.ForbundId).ToList(), enabled), "admin");
            Assert.Equal(LexHeller.Core.Cases.CommandStatus.Done, result.Status);
            id = saved!.Value;
        });
        return id;
    }

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private List<(string Provider, string Key)> Logins(string email)
    {
        var userId = app.UserId(email);
        return app.WithDb(db => db.UserLogins.Where(l => l.UserId == userId).Select(l => new { l.LoginProvider, l.ProviderKey }).ToList())
            .Select(l => (l.LoginProvider, l.ProviderKey)).ToList();
    }

    [Fact]
    public async Task The_kansli_links_a_subject_it_is_listed_audited_and_shown_on_Mitt_konto_and_removed_after_confirming()
    {
        var provider = await ProviderAsync("Västra Götalands inloggning", enabled: true, "INS");
        await ProviderAsync("Norrbottens egen inloggning", enabled: true, "SNB");
        await ProviderAsync("Avstängd inloggning", enabled: false, "INS");
        var userId = app.UserId("bug.af@insjoriket.example");
        using var kansli = await LoginAsync(Kansli);

        var page = await kansli.GetAsync($"/anvandare/{userId}");
        Assert.Contains("Ingen e-legitimation är kopplad till kontot.", page.Text);
        var options = page.Document.QuerySelectorAll("#Link_ProviderId option").Select(o => o.TextContent).ToList();
        Assert.Contains("Västra Götalands inloggning", options);
        Assert.DoesNotContain("Norrbottens egen inloggning", options);
        Assert.DoesNotContain("Avstängd inloggning", options);

        var linked = await kansli.SubmitAsync(page, Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "  vgr-7731  ")), "[data-testid=link-form]");
        Assert.Contains("kan nu logga in med e-legitimation via Västra Götalands inloggning.", linked.Text);
        Assert.Equal([(IdentityProvider.SchemeFor(provider), "vgr-7731")], Logins("bug.af@insjoriket.example"));
        var row = linked.Document.QuerySelectorAll("[data-testid=linked-logins] tbody tr").Single();
        Assert.Equal(["Västra Götalands inloggning", "vgr-7731"], row.QuerySelectorAll("td").Take(2).Select(td => td.TextContent.Trim()));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.ExternalLoginLinked && a.Subject == "bug.af@insjoriket.example"));
        Assert.Equal(app.UserId(Kansli), audit.ActorUserId);
        Assert.Equal(app.ForbundId("INS"), audit.ForbundId);
        Assert.Equal("bug.af@insjoriket.example", audit.Subject);
        Assert.Equal("Västra Götalands inloggning: vgr-7731", audit.After);

        // Mitt konto names the linked provider and how this session began.
        using (var person = await LoginAsync("bug.af@insjoriket.example"))
        {
            var account = await person.GetAsync("/konto");
            Assert.Equal(["Västra Götalands inloggning"], account.Document.QuerySelectorAll("[data-testid=linked-providers] li").Select(li => li.TextContent.Trim()));
            Assert.StartsWith("Lösenord", account.Document.QuerySelector("[data-testid=login-method]")!.TextContent);
        }
        using (var other = await LoginAsync("bug.fk@insjoriket.example"))
            Assert.Contains("Ingen e-legitimation är kopplad till ditt konto.", (await other.GetAsync("/konto")).Text);

        // Removing asks first and changes nothing until confirmed.
        var asked = await kansli.SubmitAsync(linked, Form(), "[data-testid=linked-logins] form");
        var confirm = asked.Document.QuerySelector("[data-testid=unlink-confirm]");
        Assert.NotNull(confirm);
        Assert.Contains("Inget är ändrat än.", confirm.TextContent);
        Assert.Single(Logins("bug.af@insjoriket.example"));

        var removed = await kansli.SubmitAsync(asked, Form(), "[data-testid=unlink-confirm] form");
        Assert.Contains("Kopplingen mellan", removed.Text);
        Assert.Empty(Logins("bug.af@insjoriket.example"));
        var unlinked = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.ExternalLoginUnlinked && a.Subject == "bug.af@insjoriket.example"));
        Assert.Equal("Västra Götalands inloggning: vgr-7731", unlinked.Before);
        Assert.Equal(app.UserId(Kansli), unlinked.ActorUserId);
    }

    [Fact]
    public async Task A_subject_linked_to_someone_else_a_missing_subject_and_a_provider_not_offered_are_refused_and_nothing_is_linked()
    {
        var provider = await ProviderAsync("Insjörikets inloggning", enabled: true, "INS");
        var offLimits = await ProviderAsync("Bara Norrbotten", enabled: true, "SNB");
        using var kansli = await LoginAsync(Kansli);
        var first = app.UserId("bug.kommun@insjoriket.example");
        var second = app.UserId("rapportor.kommun@insjoriket.example");
        await kansli.SubmitAsync(await kansli.GetAsync($"/anvandare/{first}"),
            Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "delad-7")), "[data-testid=link-form]");
        Assert.Single(Logins("bug.kommun@insjoriket.example"));
        var auditBefore = app.WithDb(db => db.AuditEntries.Count());

        var page = await kansli.GetAsync($"/anvandare/{second}");
        var taken = await kansli.SubmitAsync(page, Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", " delad-7 ")), "[data-testid=link-form]");
        Assert.Equal("Identiteten delad-7 hos Insjörikets inloggning är redan kopplad till en annan användare.",
            taken.Document.QuerySelector("#err-link-subject")!.TextContent);
        Assert.Equal("true", taken.Document.QuerySelector("#Link_Subject")!.GetAttribute("aria-invalid"));

        var empty = await kansli.SubmitAsync(page, Form(("Link.ProviderId", ""), ("Link.Subject", "  ")), "[data-testid=link-form]");
        Assert.Equal("Välj leverantör ur listan.", empty.Document.QuerySelector("#err-link-provider")!.TextContent);
        Assert.StartsWith("Fyll i personens identitet hos leverantören", empty.Document.QuerySelector("#err-link-subject")!.TextContent);

        var elsewhere = await kansli.SubmitAsync(page, Form(("Link.ProviderId", offLimits.ToString()), ("Link.Subject", "nb-1")), "[data-testid=link-form]");
        Assert.Equal("Välj leverantör ur listan.", elsewhere.Document.QuerySelector("#err-link-provider")!.TextContent);

        Assert.Empty(Logins("rapportor.kommun@insjoriket.example"));
        Assert.Equal(auditBefore, app.WithDb(db => db.AuditEntries.Count()));

        // The administrator may choose any switched-on provider, but the subject stays taken.
        using var admin = await LoginAsync(Admin);
        var adminPage = await admin.GetAsync($"/anvandare/{second}");
        Assert.Contains("Bara Norrbotten", adminPage.Document.QuerySelector("#Link_ProviderId")!.TextContent);
        var adminTaken = await admin.SubmitAsync(adminPage, Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "delad-7")), "[data-testid=link-form]");
        Assert.Contains("redan kopplad till en annan användare", adminTaken.Document.QuerySelector("#err-link-subject")!.TextContent);
        var adminLinked = await admin.SubmitAsync(adminPage, Form(("Link.ProviderId", offLimits.ToString()), ("Link.Subject", "nb-1")), "[data-testid=link-form]");
        Assert.Contains("kan nu logga in med e-legitimation via Bara Norrbotten.", adminLinked.Text);
        Assert.Null(app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.ExternalLoginLinked && a.After == "Bara Norrbotten: nb-1").ForbundId));
    }

    [Fact]
    public async Task The_kansli_cannot_link_or_unlink_for_another_forbunds_user_nor_for_an_account_it_may_not_manage()
    {
        var provider = await ProviderAsync("Gemensam inloggning", enabled: true, "INS", "SNB");
        var northern = app.UserId("bug.af@sodranorrbotten.example");
        using (var northKansli = await LoginAsync("kansli@sodranorrbotten.example"))
        {
            var page = await northKansli.GetAsync($"/anvandare/{northern}");
            await northKansli.SubmitAsync(page, Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "nb-af")), "[data-testid=link-form]");
        }
        Assert.Single(Logins("bug.af@sodranorrbotten.example"));

        using var kansli = await LoginAsync(Kansli);
        var link = await kansli.PostFromAsync("/konto", $"/anvandare/{northern}?handler=Link",
            Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "kapad")));
        Assert.Equal(HttpStatusCode.NotFound, link.Status);
        var unlink = await kansli.PostFromAsync("/konto", $"/anvandare/{northern}?handler=Unlink",
            Form(("providerId", provider.ToString()), ("subject", "nb-af"), ("confirm", "true")));
        Assert.Equal(HttpStatusCode.NotFound, unlink.Status);
        Assert.Equal([(IdentityProvider.SchemeFor(provider), "nb-af")], Logins("bug.af@sodranorrbotten.example"));

        // Linking lets the subject's holder log in as the account: never by the kansli to its own account.
        var self = await kansli.PostFromAsync("/konto", $"/anvandare/{app.UserId(Kansli)}?handler=Link",
            Form(("Link.ProviderId", provider.ToString()), ("Link.Subject", "egen")));
        Assert.Equal(HttpStatusCode.NotFound, self.Status);
        Assert.Empty(Logins(Kansli));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.ExternalLoginLinked && a.After!.Contains("kapad"))));
    }
}
