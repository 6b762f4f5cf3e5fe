using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Cases;

/// <summary>The lists and defaults of the kansli's forms on the case page, which are loaded only where a form shows them.</summary>
public class CasePageFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task The_correction_form_offers_the_forbunds_categories_and_partners_and_corrects_the_case()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var forbund = app.ForbundId("INS");
        var categories = app.WithDb(db => db.Categories.Where(k => k.ForbundId == forbund && k.IsActive)
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Id).Select(k => k.Name).ToList());
        var partners = app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == forbund).Select(m => m.OrganisationId.ToString()).ToList());
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        Assert.True((await kansli.GetAsync($"/arenden/{filed.Id}")).Offers("Correct"));
        var page = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Correct"));
        var form = page.Document.QuerySelector("form[data-action=Correct]")!;
        Assert.Equal(categories, form.QuerySelectorAll("#correct-category option").Select(o => o.TextContent).ToList());
        Assert.Equal("Överlämning och remiss", form.QuerySelector("#correct-category option[selected]")!.TextContent);
        var boxes = form.QuerySelectorAll("input[name='Input.PartyIds']");
        Assert.Equal(partners.Order(), boxes.Select(b => b.GetAttribute("value")!).Order());
        Assert.Equal(new[] { af.ToString(), fk.ToString() }.Order(), boxes.Where(b => b.HasAttribute("checked")).Select(b => b.GetAttribute("value")!).Order());

        var category = app.WithDb(db => db.Categories.Single(k => k.ForbundId == forbund && k.Name == "Regler som krockar").Id);
        var corrected = await kansli.SubmitAsync(page, Form(("Input.CategoryId", category.ToString()), ("Input.PartyIds", fk.ToString())), "form[data-action=Correct]");
        Assert.Contains("Du har rättat kategori och parter.", corrected.Text);
        var c = app.WithDb(db => db.Cases.AsNoTracking().Include(x => x.Parties).Single(x => x.Id == filed.Id));
        Assert.Equal(category, c.CategoryId);
        Assert.Equal([fk], c.Parties.Select(p => p.OrganisationId));
    }

    [Fact]
    public async Task A_category_of_another_forbund_is_refused_by_the_correction()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var other = app.WithDb(db => db.Categories.First(k => k.ForbundId != db.Cases.Single(c => c.Id == filed.Id).ForbundId).Id);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        var refused = await kansli.ActAsync(filed.Id, "Correct", Form(("Input.CategoryId", other.ToString())));
        Assert.Contains("Välj en kategori ur listan.", refused.Document.QuerySelector("#err-category")!.TextContent);
        Assert.NotEqual(other, app.WithDb(db => db.Cases.Single(c => c.Id == filed.Id).CategoryId));
    }

    [Fact]
    public async Task The_referral_form_proposes_the_default_due_date_and_the_correction_form_is_gone()
    {
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        var forbund = app.ForbundId("INS");
        var expected = DateOnly.MinValue;
        await app.WithScopeAsync(async s => expected = await s.GetRequiredService<Agendas>().DefaultResponseDueAsync(forbund));
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        var page = await kansli.GetAsync(CaseSteps.ChoicePath(filed.Id, "Refer"));
        Assert.Equal(expected.ToString("yyyy-MM-dd"), page.Document.QuerySelector("#due-Refer")!.GetAttribute("value"));
        Assert.NotEmpty(page.Document.QuerySelectorAll("form[data-action=Refer] input[name='Input.ReferTo']"));
        Assert.False((await kansli.GetAsync($"/arenden/{filed.Id}")).Offers("Correct"));
    }
}
