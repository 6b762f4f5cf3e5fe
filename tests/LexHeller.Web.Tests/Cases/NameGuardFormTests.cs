using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Cases.FilingSteps;

namespace LexHeller.Web.Tests.Cases;

/// <summary>Names in the reporter's form: one message per field, a confirmation for a false hit, the kansli told.</summary>
public class NameGuardFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Company = "Färdtjänsten kördes av Erik Johansson AB, som inte fick veta att resan var ändrad.";

    [Fact]
    public async Task A_name_is_refused_with_one_message_next_to_the_field_and_in_the_summary()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var fields = ValidDeviation(app);
        fields["Input.WhatHappened"] = "Anna Svensson ringde till Försäkringskassan och Anna Svensson fick inget svar.";

        var page = await browser.PressAsync(await browser.OpenFormAsync(), fields);

        const string message = "Texten ser ut att innehålla ett namn (Anna Svensson). Skriv inte ut vad personer heter; beskriv dem med sin roll, till exempel ”handläggaren”.";
        Assert.Equal(message, page.Document.QuerySelector("#what-error")!.TextContent);
        var links = page.Document.QuerySelectorAll("[data-testid=error-summary] a");
        var link = Assert.Single(links);
        Assert.Equal((message, "#Input_WhatHappened"), (link.TextContent, link.GetAttribute("href")));
        Assert.NotNull(page.Document.QuerySelector("#Input_WhatHappened"));
        // A person's name cannot be confirmed away: no box to tick.
        Assert.Null(page.Document.QuerySelector("#names-what-error"));
        Assert.Equal(before, app.CaseCount());
    }

    [Fact]
    public async Task A_ticked_false_hit_is_accepted_and_the_kansli_sees_the_confirmation()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var fields = ValidDeviation(app);
        fields["Input.WhatHappened"] = Company;
        var refused = await browser.PressAsync(await browser.OpenFormAsync(), fields);
        var box = refused.Document.QuerySelector("#names-what-error")!;
        Assert.Contains("ett namn (Erik Johansson)", refused.Document.QuerySelector("#what-error")!.TextContent);
        Assert.False(box.HasAttribute("checked"));

        fields["Input.NamesConfirmed"] = box.GetAttribute("value")!;
        var filed = await browser.PressAsync(refused, fields);
        Assert.Contains("Tack! Rapporten är inskickad", filed.Text);
        Assert.DoesNotContain("bekräftade", filed.Text);
        var id = int.Parse(filed.Url.Split('/')[2]);
        Assert.Equal(Company, app.WithDb(db => db.Cases.Single(c => c.Id == id).WhatHappened));

        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var casePage = await kansli.GetAsync($"/arenden/{id}");
        Assert.Equal("Rapportören bekräftade att ”Erik Johansson” inte är ett personnamn.",
            casePage.Document.QuerySelector("[data-testid=name-confirmations]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_personnummer_stays_refused_with_the_box_ticked()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var fields = ValidDeviation(app);
        fields["Input.WhatHappened"] = "Erik Johansson AB skickade ett brev med 811218-9876 till fel adress.";
        fields["Input.NamesConfirmed"] = "WhatHappened|Erik Johansson|811218-9876";

        foreach (var handler in new[] { "Submit", "Draft" })
        {
            var page = await browser.PressAsync(await browser.OpenFormAsync(), fields, handler);
            var error = page.Document.QuerySelector("#what-error")!.TextContent;
            Assert.StartsWith("Texten ser ut att innehålla ett namn (Erik Johansson) och ett personnummer (811218-9876).", error);
            Assert.Contains("Rapporter får inte innehålla uppgifter som kan identifiera en person", error);
            Assert.Null(page.Document.QuerySelector("#names-what-error"));
        }
        Assert.Equal(before, app.CaseCount());
    }

    [Fact]
    public async Task A_confirmation_saved_with_a_draft_stays_ticked_and_a_new_name_is_refused_again()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var draft = new Dictionary<string, string> { ["Input.WhatHappened"] = Company, ["Input.NamesConfirmed"] = "WhatHappened|Erik Johansson" };
        var saved = await browser.PressAsync(await browser.OpenFormAsync(), draft, "Draft");
        Assert.Contains("Utkastet är sparat", saved.Text);
        var id = int.Parse(saved.Url.Split('/')[2]);

        var edit = await browser.OpenFormAsync(draftId: id);
        Assert.True(edit.Document.QuerySelector("#names-what-error")!.HasAttribute("checked"));

        var added = await browser.PressAsync(edit, new Dictionary<string, string> { ["Input.WhatHappened"] = Company + " Lars Nilsson klagade." }, "Draft");
        Assert.Contains("två namn (Erik Johansson, Lars Nilsson)", added.Document.QuerySelector("#what-error")!.TextContent);
        Assert.Equal(Company, app.WithDb(db => db.Cases.Single(c => c.Id == id).WhatHappened));

        await browser.PressAsync(await browser.OpenFormAsync(draftId: id), new Dictionary<string, string> { ["Input.WhatHappened"] = "Färdtjänsten kom inte." }, "Draft");
        Assert.Empty(app.WithDb(db => db.CaseNameConfirmations.Where(n => n.CaseId == id).ToList()));
    }
}
