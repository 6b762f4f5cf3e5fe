using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

/// <summary>The administrator's provider form, and turning passwords off for a förbund, through the pages.</summary>
public class IdentityProviderFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Admin = "admin@lexheller.example";
    private const string Secret = "form-secret-5d1e-never-shown";
    private const string Separator = "\u001f";

    private async Task<Browserless> AdminAsync()
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(Admin);
        return browser;
    }

    private static Dictionary<string, string> Provider(string name, string authority = "https://login.example.se/realm", string secret = Secret,
        string acr = "http://id.elegnamnden.se/loa/1.0/loa3\r\n\r\nloa3 ", string forbund = "", bool enabled = true)
    {
        var fields = Form(("Input.DisplayName", name), ("Input.Authority", authority), ("Input.ClientId", " lexheller "),
            ("Input.Secret", secret), ("Input.Scopes", "openid  email profile"), ("Input.SubjectClaim", "sub"), ("Input.EmailClaim", "email"),
            ("Input.StrongAcrValues", acr));
        if (forbund.Length > 0) fields["Input.ForbundIds"] = forbund;
        if (enabled) fields["Input.Enabled"] = "true";
        return fields;
    }

    private static void Untick(Browserless.Page page, string selector) =>
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.Form().QuerySelector(selector)!).IsChecked = false;

    private Task<List<AuditEntry>> AuditAsync(string subject) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task The_administrator_adds_a_provider_and_the_list_links_it_with_the_addresses_to_give_the_provider()
    {
        using var admin = await AdminAsync();
        var ins = app.ForbundId("INS");
        var snb = app.ForbundId("SNB");
        var form = await admin.GetAsync("/inloggning/leverantorer/ny");
        Assert.Equal("password", form.Document.QuerySelector("#Input_Secret")!.GetAttribute("type"));
        Assert.NotNull(form.Document.QuerySelector($"#forbund-{snb}"));

        var list = await admin.SubmitAsync(form, Provider("  SITHS via Inera  ", forbund: $"{ins}{Separator}{snb}"));

        Assert.Equal("/inloggning/leverantorer", list.Url);
        Assert.Contains("Leverantören SITHS via Inera lades till.", list.Text);
        var provider = await app.WithDbAsync(db => db.IdentityProviders.Include(p => p.Forbund).SingleAsync(p => p.DisplayName == "SITHS via Inera"));
        Assert.Equal("lexheller", provider.ClientId);
        Assert.Equal("openid email profile", provider.Scopes);
        Assert.Equal(["http://id.elegnamnden.se/loa/1.0/loa3", "loa3"], provider.StrongAcrValues);
        Assert.True(provider.Enabled);
        Assert.Equal(new[] { ins, snb }.Order(), provider.Forbund.Select(f => f.ForbundId).Order());

        var link = list.Document.QuerySelector($"a[href='/inloggning/leverantorer/{provider.Id}']");
        Assert.Equal("SITHS via Inera", link?.TextContent);
        Assert.Contains($"https://localhost/logga-in/extern/{provider.Id}/svar", list.Text);
        Assert.Contains($"https://localhost/logga-in/extern/{provider.Id}/utloggad", list.Text);
        Assert.Contains($"https://localhost/logga-in/extern/{provider.Id}/bakkanal", list.Text);
        Assert.DoesNotContain(Secret, list.Document.DocumentElement.OuterHtml);

        var audit = await AuditAsync("SITHS via Inera");
        Assert.Equal([AuditActions.IdentityProviderCreated, AuditActions.IdentityProviderEnabled, AuditActions.IdentityProviderForbundChanged],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(app.UserId(Admin), a.ActorUserId));
        Assert.Contains(IdentityProviderCommands.SecretChanged, audit[0].After);
        Assert.All(audit, a => Assert.DoesNotContain(Secret, $"{a.Subject} {a.Before} {a.After}"));
    }

    [Fact]
    public async Task Each_fault_in_the_form_is_named_next_to_its_field_and_nothing_is_saved()
    {
        using var admin = await AdminAsync();
        var form = await admin.GetAsync("/inloggning/leverantorer/ny");
        var before = app.WithDb(db => db.IdentityProviders.Count());

        var empty = await admin.SubmitAsync(form, Form(("Input.DisplayName", " "), ("Input.Authority", ""), ("Input.ClientId", ""), ("Input.Secret", ""),
            ("Input.Scopes", ""), ("Input.SubjectClaim", ""), ("Input.EmailClaim", "")));
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("Fyll i leverantörens namn, t.ex. SITHS via Inera.", empty.Document.QuerySelector("#err-name")!.TextContent);
        Assert.Equal("Fyll i utfärdarens adress, t.ex. https://login.example.se.", empty.Document.QuerySelector("#err-authority")!.TextContent);
        Assert.Equal("Fyll i klient-id, det som leverantören gav Lex Heller.", empty.Document.QuerySelector("#err-clientid")!.TextContent);
        Assert.Equal("Fyll i klienthemligheten som leverantören gav Lex Heller.", empty.Document.QuerySelector("#err-secret")!.TextContent);
        Assert.Equal("true", empty.Document.QuerySelector("#Input_DisplayName")!.GetAttribute("aria-invalid"));
        Assert.NotNull(empty.Document.QuerySelector(".error-summary a[href='#Input_Authority']"));

        foreach (var bad in new[] { "http://login.example.se", "login.example.se", "ftp://login.example.se", "http://10.0.0.1" })
        {
            var page = await admin.SubmitAsync(form, Provider("Felaktig utfärdare", authority: bad));
            Assert.StartsWith("Utfärdaren ska vara en fullständig https-adress", page.Document.QuerySelector("#err-authority")!.TextContent);
            Assert.DoesNotContain(Secret, page.Document.DocumentElement.OuterHtml);
        }

        var fields = Provider("Felaktiga fält", acr: "loa 3");
        fields["Input.Scopes"] = "email profile";
        fields["Input.SubjectClaim"] = "person nummer";
        fields["Input.ForbundIds"] = "99999";
        var wrong = await admin.SubmitAsync(form, fields);
        Assert.Equal("Omfånget måste innehålla openid, t.ex. openid email profile.", wrong.Document.QuerySelector("#err-scopes")!.TextContent);
        Assert.Equal("Skriv anspråkets namn utan mellanslag, t.ex. sub.", wrong.Document.QuerySelector("#err-subject")!.TextContent);
        Assert.Equal("Skriv ett acr-värde per rad, utan mellanslag i värdet.", wrong.Document.QuerySelector("#err-acr")!.TextContent);
        Assert.Equal("Välj förbund ur listan.", wrong.Document.QuerySelector("#err-forbund")!.TextContent);
        // What was typed stays in the form, except the secret.
        Assert.Equal("email profile", wrong.Document.QuerySelector("#Input_Scopes")!.GetAttribute("value"));
        Assert.Null(wrong.Document.QuerySelector("#Input_Secret")!.GetAttribute("value"));
        Assert.DoesNotContain(Secret, wrong.Document.DocumentElement.OuterHtml);

        var unreadable = Provider("Oläsbart förbund");
        unreadable["Input.ForbundIds"] = "Insjöriket";
        var notBound = await admin.SubmitAsync(form, unreadable);
        Assert.Equal(HttpStatusCode.OK, notBound.Status);
        Assert.NotNull(notBound.Document.QuerySelector(".error-summary"));
        Assert.DoesNotContain(Secret, notBound.Document.DocumentElement.OuterHtml);

        // Plain http is allowed on this machine only, for a provider under test.
        var local = await admin.SubmitAsync(form, Provider("Testleverantör på datorn", authority: "http://127.0.0.1:4000"));
        Assert.Equal("/inloggning/leverantorer", local.Url);
        var duplicate = await admin.SubmitAsync(form, Provider("testleverantör på datorn"));
        Assert.Equal("Det finns redan en leverantör som heter testleverantör på datorn.", duplicate.Document.QuerySelector("#err-name")!.TextContent);

        Assert.Equal(before + 1, app.WithDb(db => db.IdentityProviders.Count()));
        Assert.False(app.WithDb(db => db.IdentityProviders.Any(p => p.DisplayName == "Felaktig utfärdare" || p.DisplayName == "Felaktiga fält" || p.DisplayName == "Oläsbart förbund")));
    }

    [Fact]
    public async Task An_empty_secret_keeps_the_stored_one_and_the_secret_never_appears_in_the_edit_page_or_the_audit()
    {
        using var admin = await AdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/inloggning/leverantorer/ny"), Provider("Freja OrgID"));
        var id = app.WithDb(db => db.IdentityProviders.Single(p => p.DisplayName == "Freja OrgID").Id);
        var stored = app.WithDb(db => db.IdentityProviders.Single(p => p.Id == id).ProtectedClientSecret);

        var edit = await admin.GetAsync($"/inloggning/leverantorer/{id}");
        Assert.Equal("Freja OrgID", edit.Document.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Contains("Lämna tomt för att behålla den sparade hemligheten.", edit.Text);
        Assert.Contains($"https://localhost/logga-in/extern/{id}/svar", edit.Text);
        Assert.DoesNotContain(Secret, edit.Document.DocumentElement.OuterHtml);
        Assert.DoesNotContain(stored, edit.Document.DocumentElement.OuterHtml);

        var kept = await admin.SubmitAsync(edit, Form(("Input.Secret", ""), ("Input.ClientId", "lexheller-2")));
        Assert.Contains("Leverantören Freja OrgID sparades.", kept.Text);
        Assert.Equal(stored, app.WithDb(db => db.IdentityProviders.Single(p => p.Id == id).ProtectedClientSecret));

        const string newSecret = "replaced-secret-91c2";
        var replaced = await admin.SubmitAsync(await admin.GetAsync($"/inloggning/leverantorer/{id}"), Form(("Input.Secret", newSecret)));
        Assert.DoesNotContain(newSecret, replaced.Document.DocumentElement.OuterHtml);
        var protectedNow = app.WithDb(db => db.IdentityProviders.Single(p => p.Id == id).ProtectedClientSecret);
        Assert.NotEqual(stored, protectedNow);
        await app.WithScopeAsync(services =>
        {
            Assert.Equal(newSecret, services.GetRequiredService<ProviderSecretProtector>().Unprotect(protectedNow));
            return Task.CompletedTask;
        });

        var audit = await AuditAsync("Freja OrgID");
        var updates = audit.Where(a => a.Action == AuditActions.IdentityProviderUpdated).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("Klient-id: lexheller-2", updates[0].After);
        Assert.DoesNotContain(IdentityProviderCommands.SecretChanged, updates[0].After);
        Assert.Contains(IdentityProviderCommands.SecretChanged, updates[1].After);
        Assert.All(audit, a => Assert.DoesNotContain(Secret, $"{a.Subject} {a.Before} {a.After}"));
        Assert.All(audit, a => Assert.DoesNotContain(newSecret, $"{a.Subject} {a.Before} {a.After}"));

        // The change log, which the administrator can export, shows the changes without the secret.
        var log = await admin.GetAsync("/andringslogg");
        Assert.Contains("Inloggningsleverantör ändrad", log.Text);
        Assert.DoesNotContain(newSecret, log.Document.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task A_provider_is_switched_off_from_its_page_and_an_unknown_provider_is_not_found()
    {
        using var admin = await AdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/inloggning/leverantorer/ny"), Provider("Region Norrbotten", forbund: app.ForbundId("SNB").ToString()));
        var id = app.WithDb(db => db.IdentityProviders.Single(p => p.DisplayName == "Region Norrbotten").Id);

        var edit = await admin.GetAsync($"/inloggning/leverantorer/{id}");
        Assert.True(edit.Document.QuerySelector("#Input_Enabled")!.HasAttribute("checked"));
        var fields = Form(("Input.Secret", ""));
        // Unticking the box: the browser sends nothing for it.
        Untick(edit, "#Input_Enabled");
        var saved = await admin.SubmitAsync(edit, fields);
        Assert.Contains("Leverantören Region Norrbotten sparades.", saved.Text);
        Assert.False(app.WithDb(db => db.IdentityProviders.Single(p => p.Id == id).Enabled));
        Assert.Contains(await AuditAsync("Region Norrbotten"), a => a.Action == AuditActions.IdentityProviderDisabled);
        Assert.Contains("Nej", saved.Document.QuerySelector($"a[href='/inloggning/leverantorer/{id}']")!.Closest("tr")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/inloggning/leverantorer/987654")).Status);
    }

    private async Task<int> NewForbundAsync(string name, string code)
    {
        await app.WithScopeAsync(async services =>
            await new ForbundAdmin(services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>(), app.Clock).CreateAsync(name, code, [], app.UserId(Admin)));
        return app.ForbundId(code);
    }

    [Fact]
    public async Task Passwords_are_turned_off_only_with_a_switched_on_provider_and_after_confirming_and_it_is_audited()
    {
        var id = await NewForbundAsync("Samordningsförbundet Lösenordslösa", "LOS");
        using var admin = await AdminAsync();

        var page = await admin.GetAsync($"/forbund/{id}");
        Assert.True(page.Document.QuerySelector("#Input_PasswordLoginAllowed")!.HasAttribute("checked"));
        Untick(page, "#Input_PasswordLoginAllowed");
        var refused = await admin.SubmitAsync(page, Form());
        Assert.Equal(ForbundAdmin.PasswordNeedsProviderMessage, refused.Document.QuerySelector("#password-error")!.TextContent);
        Assert.True(app.WithDb(db => db.Forbund.Single(f => f.Id == id).PasswordLoginAllowed));

        // A provider that is switched off does not count.
        await admin.SubmitAsync(await admin.GetAsync("/inloggning/leverantorer/ny"), Provider("Lösenordslösas inloggning", forbund: id.ToString(), enabled: false));
        page = await admin.GetAsync($"/forbund/{id}");
        Untick(page, "#Input_PasswordLoginAllowed");
        refused = await admin.SubmitAsync(page, Form());
        Assert.Equal(ForbundAdmin.PasswordNeedsProviderMessage, refused.Document.QuerySelector("#password-error")!.TextContent);

        var providerId = app.WithDb(db => db.IdentityProviders.Single(p => p.DisplayName == "Lösenordslösas inloggning").Id);
        var edit = await admin.GetAsync($"/inloggning/leverantorer/{providerId}");
        await admin.SubmitAsync(edit, Form(("Input.Enabled", "true")));

        page = await admin.GetAsync($"/forbund/{id}");
        Assert.Contains("Lösenordslösas inloggning", page.Document.QuerySelector("#password-hint")!.TextContent);
        Untick(page, "#Input_PasswordLoginAllowed");
        var asked = await admin.SubmitAsync(page, Form());
        var confirm = asked.Document.QuerySelector("[data-testid=password-off-confirm]");
        Assert.NotNull(confirm);
        Assert.Contains("bara logga in med e-legitimation, via Lösenordslösas inloggning", confirm.TextContent);
        Assert.Contains("Inget är ändrat än.", confirm.TextContent);
        Assert.True(app.WithDb(db => db.Forbund.Single(f => f.Id == id).PasswordLoginAllowed));

        // Saving again without ticking the box asks again.
        var again = await admin.SubmitAsync(asked, Form());
        Assert.NotNull(again.Document.QuerySelector("[data-testid=password-off-confirm]"));
        Assert.True(app.WithDb(db => db.Forbund.Single(f => f.Id == id).PasswordLoginAllowed));

        var done = await admin.SubmitAsync(asked, Form(("Input.ConfirmPasswordOff", "true")));
        Assert.Contains("Ändringarna i Samordningsförbundet Lösenordslösa sparades.", done.Text);
        Assert.False(app.WithDb(db => db.Forbund.Single(f => f.Id == id).PasswordLoginAllowed));
        Assert.False(done.Document.QuerySelector("#Input_PasswordLoginAllowed")!.HasAttribute("checked"));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.PasswordLoginChanged && a.ForbundId == id));
        Assert.Equal(app.UserId(Admin), audit.ActorUserId);
        Assert.Equal("Inloggning med lösenord tillåten", audit.Before);
        Assert.Equal("Inloggning med lösenord avstängd (bara e-legitimation)", audit.After);

        // Now the provider is the förbund's only way in: it cannot be switched off or lose the förbund.
        edit = await admin.GetAsync($"/inloggning/leverantorer/{providerId}");
        Untick(edit, "#Input_Enabled");
        var stranded = await admin.SubmitAsync(edit, Form());
        Assert.StartsWith("Samordningsförbundet Lösenordslösa tillåter inte inloggning med lösenord", stranded.Document.QuerySelector("#err-enabled")!.TextContent);
        edit = await admin.GetAsync($"/inloggning/leverantorer/{providerId}");
        Untick(edit, $"#forbund-{id}");
        stranded = await admin.SubmitAsync(edit, Form());
        Assert.StartsWith("Samordningsförbundet Lösenordslösa tillåter inte inloggning med lösenord", stranded.Document.QuerySelector("#err-forbund")!.TextContent);
        Assert.True(app.WithDb(db => db.IdentityProviders.Single(p => p.Id == providerId).Enabled));

        // Turning passwords back on needs no confirmation.
        page = await admin.GetAsync($"/forbund/{id}");
        var back = await admin.SubmitAsync(page, Form(("Input.PasswordLoginAllowed", "true")));
        Assert.Null(back.Document.QuerySelector("[data-testid=password-off-confirm]"));
        Assert.True(app.WithDb(db => db.Forbund.Single(f => f.Id == id).PasswordLoginAllowed));
    }
}
