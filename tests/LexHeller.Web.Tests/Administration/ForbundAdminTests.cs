using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

public class ForbundAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Admin = "admin@lexheller.example";
    private const string Separator = "\u001f";

    [Fact]
    public async Task Administrator_creates_a_third_forbund_with_its_members_and_it_gets_the_default_categories()
    {
        var kungsbacka = await AddOrganisationAsync("Kungsbacka kommun", OrganisationKind.Kommun);
        var varberg = await AddOrganisationAsync("Varbergs kommun", OrganisationKind.Kommun);
        var halland = await AddOrganisationAsync("Region Halland", OrganisationKind.Region);
        int[] members = [app.OrganisationId("Försäkringskassan"), app.OrganisationId("Arbetsförmedlingen"), kungsbacka, varberg, halland];
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);

        var form = await admin.GetAsync("/forbund/ny");
        Assert.NotNull(form.Document.QuerySelector($"#org-{kungsbacka}"));
        var created = await admin.SubmitAsync(form, Form(("Input.Name", "  Samordningsförbundet   Halland  "), ("Input.Code", "hal"),
            ("Input.OrganisationIds", string.Join(Separator, members))));

        var id = app.ForbundId("HAL");
        Assert.Equal($"/forbund/{id}", created.Url);
        Assert.Contains("Samordningsförbundet Halland är skapat med 10 kategorier", created.Text);
        Assert.Equal("Samordningsförbundet Halland", app.WithDb(db => db.Forbund.Single(f => f.Id == id).Name));
        Assert.Equal(members.Order(), app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == id).Select(m => m.OrganisationId).ToList()).Order());
        Assert.Equal(Category.Defaults, app.WithDb(db => db.Categories.Where(c => c.ForbundId == id && c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Name).ToList()));

        // The list shows the municipalities and the region of each förbund, and links to it.
        var list = await admin.GetAsync("/forbund");
        var row = list.Document.QuerySelector("tr[data-code=HAL]")!;
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Samordningsförbundet Halland", "HAL", "Kungsbacka kommun, Varbergs kommun", "Region Halland", "Arbetsförmedlingen, Försäkringskassan", "0"], cells);
        Assert.Equal($"/forbund/{id}", row.QuerySelector("a")!.GetAttribute("href"));
        var ins = list.Document.QuerySelector("tr[data-code=INS]")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Alingsås kommun, Härryda kommun, Lerums kommun, Mölndals stad, Partille kommun", ins[2]);
        Assert.Equal("Västra Götalandsregionen", ins[3]);

        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.ForbundCreated && a.ForbundId == id));
        Assert.Equal(app.UserId(Admin), audit.ActorUserId);
        Assert.Equal("Samordningsförbundet Halland", audit.Subject);
        Assert.Equal("Kod HAL; medlemmar: Arbetsförmedlingen, Försäkringskassan, Kungsbacka kommun, Region Halland, Varbergs kommun", audit.After);
    }

    [Fact]
    public async Task A_code_in_use_or_not_two_to_six_letters_is_refused_next_to_the_field()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var form = await admin.GetAsync("/forbund/ny");

        var duplicate = await admin.SubmitAsync(form, Form(("Input.Name", "Samordningsförbundet Dubbel"), ("Input.Code", "ins")));
        Assert.Equal("Koden INS används redan av Samordningsförbundet Insjöriket.", duplicate.Document.QuerySelector("#code-error")!.TextContent);
        Assert.Equal("true", duplicate.Document.QuerySelector("#Input_Code")!.GetAttribute("aria-invalid"));

        foreach (var bad in new[] { "I", "INSJÖR", "IN5", "ÅÄÖ", "INSJORI" })
        {
            var page = await admin.SubmitAsync(form, Form(("Input.Name", "Samordningsförbundet Dubbel"), ("Input.Code", bad)));
            Assert.StartsWith("Koden ska vara 2–6 bokstäver A–Z", page.Document.QuerySelector("#code-error")!.TextContent);
        }

        var empty = await admin.SubmitAsync(form, Form(("Input.Name", ""), ("Input.Code", "")));
        Assert.Equal("Fyll i förbundets namn.", empty.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("true", empty.Document.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Fyll i en kod, t.ex. INS.", empty.Document.QuerySelector("#code-error")!.TextContent);

        var sameName = await admin.SubmitAsync(form, Form(("Input.Name", "samordningsförbundet insjöriket"), ("Input.Code", "NYTT")));
        Assert.Equal("Det finns redan ett förbund som heter Samordningsförbundet Insjöriket.", sameName.Document.QuerySelector("#name-error")!.TextContent);

        Assert.False(app.WithDb(db => db.Forbund.Any(f => f.Name == "Samordningsförbundet Dubbel" || f.Code == "NYTT")));
    }

    [Fact]
    public async Task The_code_can_change_until_the_forbund_has_a_case_and_then_not()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var id = await CreateForbundAsync(admin, "Samordningsförbundet Kodbyte", "KBA", app.OrganisationId("Försäkringskassan"));

        var edit = await admin.GetAsync($"/forbund/{id}");
        Assert.Null(edit.Document.QuerySelector("#Input_Code")!.GetAttribute("readonly"));
        var changed = await admin.SubmitAsync(edit, Form(("Input.Code", "kbb")));
        Assert.Contains("Ändringarna i Samordningsförbundet Kodbyte sparades", changed.Text);
        Assert.Equal("KBB", app.WithDb(db => db.Forbund.Single(f => f.Id == id).Code));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.ForbundUpdated && a.ForbundId == id));
        Assert.Equal(("Kod: KBA", "Kod: KBB"), (audit.Before, audit.After));

        // Insjöriket has a case, whose reference number carries INS.
        var filed = await app.FileCaseAsync();
        Assert.StartsWith("LH-INS-", filed.Reference);
        var ins = app.ForbundId("INS");
        var locked = await admin.GetAsync($"/forbund/{ins}");
        Assert.NotNull(locked.Document.QuerySelector("#Input_Code")!.GetAttribute("readonly"));
        var refused = await admin.SubmitAsync(locked, Form(("Input.Code", "INX"), ("Input.Name", "Samordningsförbundet Insjöriket (nytt namn)")));
        Assert.Equal("Koden kan inte ändras när förbundet har ärenden (referensnummer bygger på den).", refused.Document.QuerySelector("#code-error")!.TextContent);
        var unchanged = app.WithDb(db => db.Forbund.AsNoTracking().Single(f => f.Id == ins));
        Assert.Equal(("INS", "Samordningsförbundet Insjöriket"), (unchanged.Code, unchanged.Name));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.ForbundUpdated && a.ForbundId == ins)));
    }

    [Fact]
    public async Task Members_are_added_and_removed_with_an_audit_line_each()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");
        var csn = app.OrganisationId("Centrala studiestödsnämnden (CSN)");
        var id = await CreateForbundAsync(admin, "Samordningsförbundet Medlemsbyte", "MBY", fk, af);

        var edit = await admin.GetAsync($"/forbund/{id}");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)edit.Document.QuerySelector($"#org-{fk}")!).IsChecked);
        var saved = await admin.SubmitAsync(edit, Form(("Input.OrganisationIds", $"{fk}{Separator}{csn}")));
        Assert.Contains("sparades", saved.Text);
        Assert.Equal(new[] { fk, csn }.Order(), app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == id).Select(m => m.OrganisationId).ToList()).Order());

        var lines = app.WithDb(db => db.AuditEntries.Where(a => a.ForbundId == id && a.Action != AuditActions.ForbundCreated)
            .Select(a => new { a.Action, a.Before, a.After }).ToList());
        Assert.Contains(lines, a => a.Action == AuditActions.ForbundMemberRemoved && a.Before == "Arbetsförmedlingen" && a.After == null);
        Assert.Contains(lines, a => a.Action == AuditActions.ForbundMemberAdded && a.Before == null && a.After == "Centrala studiestödsnämnden (CSN)");
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task A_member_that_users_act_for_or_referrals_wait_on_cannot_leave_the_forbund()
    {
        await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var ins = app.ForbundId("INS");
        var members = app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == ins).Select(m => m.OrganisationId).ToList());
        var af = app.OrganisationId("Arbetsförmedlingen");
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);

        var edit = await admin.GetAsync($"/forbund/{ins}");
        var refused = await admin.SubmitAsync(edit, Form(("Input.OrganisationIds", string.Join(Separator, members.Where(m => m != af)))));
        var error = refused.Document.QuerySelector("#members-error")!.TextContent;
        Assert.Contains("Arbetsförmedlingen kan inte tas bort ur förbundet: en aktiv BUG-ledamot företräder den och ", error);
        Assert.Matches(@"(en remiss|\d+ remisser) till den väntar på svar", error);
        Assert.Contains("inaktivera rollerna under Användare och låt remisserna besvaras eller avslutas", error);
        Assert.Contains(af, app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == ins).Select(m => m.OrganisationId).ToList()));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.ForbundMemberRemoved && a.ForbundId == ins)));
    }

    [Theory]
    [InlineData("/forbund")]
    [InlineData("/forbund/ny")]
    [InlineData("/forbund/{INS}")]
    [InlineData("/organisationer")]
    [InlineData("/organisationer/ny")]
    [InlineData("/organisationer/{FK}")]
    [InlineData("/organisationer/{FK}/sla-ihop")]
    public async Task Kansli_is_refused_the_administration_pages(string path)
    {
        var url = path.Replace("{INS}", app.ForbundId("INS").ToString()).Replace("{FK}", app.OrganisationId("Försäkringskassan").ToString());
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        var page = await kansli.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);
    }

    [Fact]
    public async Task Kansli_cannot_create_a_forbund_by_posting_the_form()
    {
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        var posted = await kansli.PostFromAsync("/anvandare/ny", "/forbund/ny", Form(("Input.Name", "Kanslis eget förbund"), ("Input.Code", "KEF")));
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        var organisation = await kansli.PostFromAsync("/anvandare/ny", "/organisationer/ny", Form(("Input.Name", "Kanslis organisation"), ("Input.Kind", "Kommun")));
        Assert.Equal(HttpStatusCode.Forbidden, organisation.Status);
        Assert.False(app.WithDb(db => db.Forbund.Any(f => f.Code == "KEF")));
        Assert.False(app.WithDb(db => db.Organisations.Any(o => o.Name == "Kanslis organisation")));
    }

    [Fact]
    public async Task An_unknown_forbund_is_not_found()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/forbund/99999")).Status);
    }

    private async Task<int> CreateForbundAsync(Browserless admin, string name, string code, params int[] members)
    {
        var form = await admin.GetAsync("/forbund/ny");
        var created = await admin.SubmitAsync(form, Form(("Input.Name", name), ("Input.Code", code), ("Input.OrganisationIds", string.Join(Separator, members))));
        Assert.Contains("är skapat", created.Text);
        return app.ForbundId(code);
    }

    private Task<int> AddOrganisationAsync(string name, OrganisationKind kind) => app.WithDbAsync(async db =>
    {
        var organisation = new Organisation(name, kind);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    });
}
