using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

public class CategoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";

    [Fact]
    public async Task The_kansli_sees_every_category_in_order_with_its_state_and_use()
    {
        await app.FileCaseAsync(category: "Väntetid");
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.GetAsync("/kategorier");
        var rows = Rows(page);
        Assert.Equal(Category.Defaults, rows.Take(Category.Defaults.Count).Select(r => r.Name));
        Assert.All(rows.Take(Category.Defaults.Count), r => Assert.Equal("Aktiv", r.State));
        Assert.True(int.Parse(rows.Single(r => r.Name == "Väntetid").Cases) >= 1);
    }

    [Fact]
    public async Task A_new_category_is_added_last_audited_and_offered_when_filing()
    {
        using var kansli = await LoginAsync(Kansli);
        var added = await AddAsync(kansli, "  Digitala tjänster  ");
        Assert.Contains("Kategorin ”Digitala tjänster” lades till", added.Text);
        var last = Rows(added).Last();
        Assert.Equal(("Digitala tjänster", "Aktiv", "0"), (last.Name, last.State, last.Cases));

        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.CategoryAdded && a.Subject == "Digitala tjänster"));
        Assert.Equal(app.UserId(Kansli), audit.ActorUserId);
        Assert.Equal(app.ForbundId("INS"), audit.ForbundId);
        Assert.Null(audit.Before);
        Assert.Equal("Digitala tjänster", audit.After);

        Assert.Equal("Digitala tjänster", (await OfferedWhenFilingAsync()).Last());
        using var other = await LoginAsync("kansli@sodranorrbotten.example");
        Assert.DoesNotContain("Digitala tjänster", (await other.GetAsync("/kategorier")).Text);
    }

    [Theory]
    [InlineData("boende", "Det finns redan en kategori som heter ”Boende”. Välj ett annat namn.")]
    [InlineData(" VÄNTETID ", "Det finns redan en kategori som heter ”Väntetid”. Välj ett annat namn.")]
    [InlineData("", "Skriv kategorins namn.")]
    [InlineData("   ", "Skriv kategorins namn.")]
    public async Task A_duplicate_or_empty_name_is_refused_and_nothing_is_added(string name, string message)
    {
        using var kansli = await LoginAsync(Kansli);
        var before = CategoryCount("INS");
        var page = await AddAsync(kansli, name);
        Assert.Equal(message, page.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("true", page.Document.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, CategoryCount("INS"));
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_is_refused()
    {
        using var kansli = await LoginAsync(Kansli);
        var before = CategoryCount("INS");
        var page = await AddAsync(kansli, new string('x', 101));
        Assert.Equal("Namnet får vara högst 100 tecken.", page.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Equal(before, CategoryCount("INS"));
        Assert.Contains("lades till", (await AddAsync(kansli, new string('y', 100))).Text);
    }

    [Fact]
    public async Task The_same_name_may_exist_in_another_forbund()
    {
        using var kansli = await LoginAsync("kansli@sodranorrbotten.example");
        var page = await AddAsync(kansli, "Gemensamt namn i båda");
        using var ins = await LoginAsync(Kansli);
        var other = await AddAsync(ins, "gemensamt namn i båda");
        Assert.Contains("lades till", page.Text);
        Assert.Contains("lades till", other.Text);
    }

    [Fact]
    public async Task A_category_is_renamed_the_old_cases_show_the_new_name_and_a_taken_name_is_refused()
    {
        using var kansli = await LoginAsync(Kansli);
        await AddAsync(kansli, "Arbetsnamn");
        var id = CategoryId("INS", "Arbetsnamn");
        var filed = await app.FileCaseAsync(category: "Arbetsnamn");

        var form = await kansli.GetAsync($"/kategorier/{id}");
        Assert.Equal("Arbetsnamn", form.Document.QuerySelector("#Input_Name")!.GetAttribute("value"));
        var taken = await kansli.SubmitAsync(form, Form(("Input.Name", "oklart ansvar")));
        Assert.Equal("Det finns redan en kategori som heter ”Oklart ansvar”. Välj ett annat namn.", taken.Document.QuerySelector("#name-error")!.TextContent);
        var tooLong = await kansli.SubmitAsync(form, Form(("Input.Name", new string('z', 101))));
        Assert.Equal("Namnet får vara högst 100 tecken.", tooLong.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("Arbetsnamn", CategoryName(id));

        var renamed = await kansli.SubmitAsync(form, Form(("Input.Name", "Samordnad planering")));
        Assert.Contains("Kategorin ”Arbetsnamn” heter nu ”Samordnad planering”", renamed.Text);
        Assert.Equal("/kategorier", renamed.Url);
        Assert.Equal("Samordnad planering", CategoryName(id));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.CategoryRenamed && a.Before == "Arbetsnamn"));
        Assert.Equal("Samordnad planering", audit.After);

        using var reporter = await LoginAsync(Reporter);
        Assert.Contains("Samordnad planering", (await reporter.GetAsync($"/arenden/{filed.Id}")).Text);
        Assert.Contains("Samordnad planering", await OfferedWhenFilingAsync());
    }

    [Fact]
    public async Task Moving_up_and_down_changes_the_order_the_case_form_offers()
    {
        using var kansli = await LoginAsync(Kansli);
        await AddAsync(kansli, "Flytt A");
        await AddAsync(kansli, "Flytt B");
        var b = CategoryId("INS", "Flytt B");

        var list = await kansli.GetAsync("/kategorier");
        var moved = await kansli.SubmitAsync(list, Form(), ListForm("Up", b));
        Assert.Contains("Kategorin ”Flytt B” flyttades till plats", moved.Text);
        var names = Rows(moved).Select(r => r.Name).ToList();
        Assert.True(names.IndexOf("Flytt B") < names.IndexOf("Flytt A"));
        var offered = await OfferedWhenFilingAsync();
        Assert.True(offered.IndexOf("Flytt B") < offered.IndexOf("Flytt A"));

        var back = await kansli.SubmitAsync(moved, Form(), ListForm("Down", b));
        names = Rows(back).Select(r => r.Name).ToList();
        Assert.Equal(names.IndexOf("Flytt A") + 1, names.IndexOf("Flytt B"));

        // The first cannot move up; the page offers no such button.
        var firstId = CategoryId("INS", names[0]);
        Assert.Null(back.Document.QuerySelector(ListForm("Up", firstId)));
        var last = names.IndexOf("Flytt B") + 1;
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.CategoryReordered && a.Subject == "Flytt B")
            .OrderBy(x => x.Id).Select(x => new { x.Before, x.After }).ToList());
        Assert.Equal([$"Plats {last} → Plats {last - 1}", $"Plats {last - 1} → Plats {last}"], audit.Select(x => $"{x.Before} → {x.After}"));
    }

    [Fact]
    public async Task A_deactivated_category_is_not_offered_when_filing_but_stays_on_old_cases_until_reactivated()
    {
        using var kansli = await LoginAsync(Kansli);
        await AddAsync(kansli, "Tillfällig kategori");
        var id = CategoryId("INS", "Tillfällig kategori");
        var old = await app.FileCaseAsync(category: "Tillfällig kategori");

        var list = await kansli.GetAsync("/kategorier");
        var off = await kansli.SubmitAsync(list, Form(), ListForm("Deactivate", id));
        Assert.Contains("Kategorin ”Tillfällig kategori” inaktiverades", off.Text);
        Assert.Equal("Inaktiv", Rows(off).Single(r => r.Name == "Tillfällig kategori").State);
        Assert.DoesNotContain("Tillfällig kategori", await OfferedWhenFilingAsync());

        using (var reporter = await LoginAsync(Reporter))
            Assert.Contains("Tillfällig kategori", (await reporter.GetAsync($"/arenden/{old.Id}")).Text);
        using (var screening = await LoginAsync(Kansli))
            Assert.Contains("Tillfällig kategori", (await screening.GetAsync($"/arenden/{old.Id}")).Text);

        var on = await kansli.SubmitAsync(off, Form(), ListForm("Reactivate", id));
        Assert.Contains("återaktiverades", on.Text);
        Assert.Contains("Tillfällig kategori", await OfferedWhenFilingAsync());

        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Subject == "Tillfällig kategori")
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.Before, a.After }).ToList());
        Assert.Equal(
            [$"{AuditActions.CategoryAdded}:  → Tillfällig kategori", $"{AuditActions.CategoryDeactivated}: Aktiv → Inaktiv", $"{AuditActions.CategoryReactivated}: Inaktiv → Aktiv"],
            audit.Select(a => $"{a.Action}: {a.Before} → {a.After}"));
    }

    [Fact]
    public async Task A_category_in_use_cannot_be_deleted()
    {
        await app.FileCaseAsync(category: "Språk och tolk");
        await app.FileCaseAsync(category: "Språk och tolk", until: CaseState.UnderGranskning);
        var id = CategoryId("INS", "Språk och tolk");
        var used = app.WithDb(db => db.Cases.Count(c => c.CategoryId == id));
        using var kansli = await LoginAsync(Kansli);

        var page = await kansli.GetAsync($"/kategorier/{id}/ta-bort");
        Assert.Equal($"Kategorin används i {used} ärenden och kan inte tas bort. Inaktivera den i stället.",
            page.Document.QuerySelector("[data-testid=in-use]")!.TextContent);
        Assert.Null(page.Document.QuerySelector("main form[method=post]"));

        var forced = await kansli.PostFromAsync($"/kategorier/{id}", $"/kategorier/{id}/ta-bort", Form());
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Contains("kan inte tas bort", forced.Text);
        Assert.Equal("Språk och tolk", CategoryName(id));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == "CategoryDeleted" && a.Subject == "Språk och tolk")));
    }

    [Fact]
    public async Task An_unused_category_is_deleted_after_a_confirmation()
    {
        using var kansli = await LoginAsync(Kansli);
        await AddAsync(kansli, "Felskriven kategori");
        var id = CategoryId("INS", "Felskriven kategori");

        var confirm = await kansli.GetAsync($"/kategorier/{id}/ta-bort");
        Assert.Contains("Ta bort kategorin ”Felskriven kategori”?", confirm.Text);
        Assert.NotNull(CategoryName(id));
        var done = await kansli.SubmitAsync(confirm, Form());
        Assert.Contains("Kategorin ”Felskriven kategori” togs bort.", done.Text);
        Assert.Equal("/kategorier", done.Url);
        Assert.Null(CategoryName(id));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == "CategoryDeleted" && a.Subject == "Felskriven kategori"));
        Assert.Equal("Felskriven kategori → Borttagen", $"{audit.Before} → {audit.After}");
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/kategorier/{id}")).Status);
    }

    [Fact]
    public async Task A_kansli_cannot_change_the_categories_of_another_forbund()
    {
        var snb = app.ForbundId("SNB");
        var snbCategory = CategoryId("SNB", "Boende");
        var before = app.WithDb(db => db.Categories.Where(c => c.ForbundId == snb)
            .Select(c => new { c.Id, c.Name, c.SortOrder, c.IsActive }).OrderBy(c => c.Id).ToList());
        var audits = app.WithDb(db => db.AuditEntries.Count(a => a.ForbundId == snb));
        using var kansli = await LoginAsync(Kansli);

        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/kategorier?forbund={snb}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/kategorier/{snbCategory}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/kategorier/{snbCategory}/ta-bort")).Status);

        var list = await kansli.GetAsync("/kategorier");
        var add = await kansli.SubmitAsync(list, Form(("forbund", snb.ToString()), ("Input.Name", "Smuggelkategori")), "form[data-testid=add-category]");
        Assert.Equal(HttpStatusCode.NotFound, add.Status);
        // Its own förbund in the form, the other förbund's category in the address.
        var ownForm = $"form[action*='handler=Deactivate']";
        var deactivate = await kansli.SubmitAsync(list, Form(), ownForm, action: $"/kategorier?handler=Deactivate&id={snbCategory}");
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
        var forgedScope = await kansli.SubmitAsync(list, Form(("forbund", snb.ToString())), ownForm, action: $"/kategorier?handler=Deactivate&id={snbCategory}");
        Assert.Equal(HttpStatusCode.NotFound, forgedScope.Status);
        var up = await kansli.SubmitAsync(list, Form(("forbund", snb.ToString())), ownForm, action: $"/kategorier?handler=Up&id={snbCategory}");
        Assert.Equal(HttpStatusCode.NotFound, up.Status);
        var rename = await kansli.PostFromAsync("/kategorier", $"/kategorier/{snbCategory}", Form(("Input.Name", "Kapad")));
        Assert.Equal(HttpStatusCode.NotFound, rename.Status);
        var delete = await kansli.PostFromAsync("/kategorier", $"/kategorier/{snbCategory}/ta-bort", Form());
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);

        var after = app.WithDb(db => db.Categories.Where(c => c.ForbundId == snb)
            .Select(c => new { c.Id, c.Name, c.SortOrder, c.IsActive }).OrderBy(c => c.Id).ToList());
        Assert.Equal(before, after);
        Assert.Equal(audits, app.WithDb(db => db.AuditEntries.Count(a => a.ForbundId == snb)));
        Assert.Equal(0, app.WithDb(db => db.Categories.Count(c => c.Name == "Smuggelkategori")));
    }

    [Fact]
    public async Task The_administrator_picks_a_forbund_and_manages_its_categories()
    {
        var snb = app.ForbundId("SNB");
        using var admin = await LoginAsync("admin@lexheller.example");
        var start = await admin.GetAsync("/kategorier");
        Assert.Equal(2, start.Document.QuerySelectorAll("#forbund-pick option").Length);

        var list = await admin.GetAsync($"/kategorier?forbund={snb}");
        Assert.Contains("Kategorierna för Samordningsförbundet Södra Norrbotten", list.Text);
        var added = await admin.SubmitAsync(list, Form(("Input.Name", "Glesbygd")), "form[data-testid=add-category]");
        Assert.Equal($"/kategorier?forbund={snb}", added.Url);
        Assert.Contains("Glesbygd", Rows(added).Select(r => r.Name));
        Assert.Equal(snb, app.WithDb(db => db.Categories.Single(c => c.Name == "Glesbygd").ForbundId));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.CategoryAdded && a.Subject == "Glesbygd"));
        Assert.Equal(app.UserId("admin@lexheller.example"), audit.ActorUserId);
        Assert.Equal(snb, audit.ForbundId);
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("bug.fk@insjoriket.example")]
    [InlineData("styrelse@insjoriket.example")]
    public async Task Other_roles_are_refused(string email)
    {
        using var browser = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/kategorier")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/kategorier/{CategoryId("INS", "Boende")}")).Status);
    }

    private sealed record Row(string Name, string State, string Cases);

    private static List<Row> Rows(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=categories] tbody tr").Select(tr => new Row(
            tr.QuerySelector("td:nth-child(2)")!.TextContent.Trim(),
            tr.QuerySelector("[data-testid=state]")!.TextContent.Trim(),
            tr.QuerySelector("[data-testid=cases]")!.TextContent.Trim())).ToList();

    /// <summary>The form of one button in the list of categories, e.g. "Flytta upp" (Up) on category 7.</summary>
    private static string ListForm(string handler, int categoryId) => $"form[action='/kategorier?id={categoryId}&handler={handler}']";

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private static async Task<Browserless.Page> AddAsync(Browserless browser, string name) =>
        await browser.SubmitAsync(await browser.GetAsync("/kategorier"), Form(("Input.Name", name)), "form[data-testid=add-category]");

    /// <summary>The category options a reporter of Insjöriket is offered on "Ny rapport", in order.</summary>
    private async Task<List<string>> OfferedWhenFilingAsync()
    {
        using var reporter = await LoginAsync(Reporter);
        var form = await reporter.GetAsync("/arenden/ny?typ=avvikelse");
        return form.Document.QuerySelectorAll("#Input_CategoryId option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();
    }

    private int CategoryCount(string forbund) =>
        app.WithDb(db => db.Categories.Count(c => c.ForbundId == db.Forbund.Single(f => f.Code == forbund).Id));

    private int CategoryId(string forbund, string name) =>
        app.WithDb(db => db.Categories.Single(c => c.ForbundId == db.Forbund.Single(f => f.Code == forbund).Id && c.Name == name).Id);

    private string? CategoryName(int id) => app.WithDb(db => db.Categories.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefault());
}
