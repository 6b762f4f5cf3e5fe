using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Cases.FilingSteps;

namespace LexHeller.Web.Tests.Cases;

public class FilingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Year(AppFactory app) => LexHeller.Core.Time.Stockholm.ToLocal(app.Clock.GetUtcNow()).Year.ToString();

    [Fact]
    public async Task A_reporter_files_a_deviation_and_gets_a_reference_number()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var form = await browser.OpenFormAsync();
        Assert.Contains("Vad hände?", form.Text);
        var fields = ValidDeviation(app);
        fields["Input.RuleConflicts[0].PartyA"] = app.OrganisationId("Försäkringskassan").ToString();
        fields["Input.RuleConflicts[0].RequirementA"] = "Läkarintyg innan ersättning kan prövas.";
        fields["Input.RuleConflicts[0].RuleA"] = "SFB 27 kap.";
        fields["Input.RuleConflicts[0].PartyB"] = app.OrganisationId("Arbetsförmedlingen").ToString();
        fields["Input.RuleConflicts[0].RequirementB"] = "Kartläggning innan intyg kan begäras.";

        var page = await browser.PressAsync(form, fields);

        Assert.Matches($@"LH-INS-{Year(app)}-\d{{4}}", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tack! Rapporten är inskickad", page.Text);
        Assert.Contains("Inkommen – väntar på att kansliet granskar", page.Text);
        Assert.Contains("Du skickade in rapporten.", page.Document.QuerySelector("[data-testid=timeline]")!.TextContent);

        var stored = await app.WithDbAsync(db => db.Cases.Include(c => c.RuleConflicts).Include(c => c.Parties).Include(c => c.Events)
            .OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal(CaseState.Inkommen, stored.State);
        Assert.Equal(app.OrganisationId("Försäkringskassan"), stored.ReporterOrganisationId);
        Assert.Equal(2, stored.Parties.Count);
        var conflict = Assert.Single(stored.RuleConflicts);
        Assert.Equal(("SFB 27 kap.", app.OrganisationId("Arbetsförmedlingen")), (conflict.RuleA, conflict.PartyBOrganisationId!.Value));
        var submitted = Assert.Single(stored.Events);
        Assert.Equal((CaseState.Utkast, CaseState.Inkommen, "Reporter"), (submitted.FromState, submitted.ToState, submitted.ActorRole));

        var mine = await browser.GetAsync("/arenden/mina");
        var row = mine.Document.QuerySelector("[data-testid=my-cases] tbody tr")!.TextContent;
        Assert.Contains(stored.Reference!, row);
        Assert.Contains("Regler som krockar", row);
        Assert.Contains("Inkommen", row);
    }

    [Fact]
    public async Task A_handover_report_asks_for_and_keeps_the_handover_fields()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("rapportor.kommun@insjoriket.example");
        var form = await browser.OpenFormAsync("overlamning");
        Assert.Contains("Från vilken part", form.Text);

        var withNegativeDays = ValidDeviation(app);
        withNegativeDays["Input.DaysWaited"] = "-3";
        var missing = await browser.PressAsync(form, withNegativeDays);
        Assert.Equal("Ange ett antal dagar mellan 0 och 3 650.", missing.Document.QuerySelector("#days-error")!.TextContent);
        Assert.Equal("Välj från vilken part.", missing.Document.QuerySelector("#from-error")!.TextContent);
        Assert.Equal("Svara på om den togs emot.", missing.Document.QuerySelector("#received-error")!.TextContent);

        var fields = ValidDeviation(app);
        fields["Input.HandoverFrom"] = app.OrganisationId("Mölndals stad").ToString();
        fields["Input.HandoverTo"] = app.OrganisationId("Arbetsförmedlingen").ToString();
        fields["Input.HandoverSentDate"] = "2026-09-01";
        fields["Input.HandoverReceived"] = "false";
        fields["Input.DaysWaited"] = "43";
        var page = await browser.PressAsync(await browser.OpenFormAsync("overlamning"), fields);
        Assert.Contains("Remiss/överlämning", page.Text);
        var stored = await app.WithDbAsync(db => db.Cases.OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal((CaseKind.Overlamning, 43, false), (stored.Kind, stored.DaysWaited!.Value, stored.HandoverReceived!.Value));
    }

    [Fact]
    public async Task A_draft_is_saved_edited_and_deleted_after_confirmation()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync("rapportor@sodranorrbotten.example");
        var saved = await browser.PressAsync(await browser.OpenFormAsync(),
            new Dictionary<string, string> { ["Input.WhatHappened"] = "Halvfärdig text om en remiss som försvann." }, "Draft");
        Assert.Contains("Utkastet är sparat", saved.Text);
        var id = int.Parse(saved.Url.Split('/')[2]);
        Assert.Contains("Utkast", (await browser.GetAsync("/arenden/mina")).Text);

        var edit = await browser.OpenFormAsync(draftId: id);
        Assert.Contains("Halvfärdig text", edit.Document.QuerySelector("textarea[name='Input.WhatHappened']")!.TextContent);
        await browser.PressAsync(edit, new Dictionary<string, string> { ["Input.WhatHappened"] = "Omskriven text." }, "Draft");
        Assert.Equal("Omskriven text.", app.WithDb(db => db.Cases.Single(c => c.Id == id).WhatHappened));

        var confirm = await browser.GetAsync($"/arenden/{id}/ta-bort");
        Assert.Contains("Ta bort utkastet?", confirm.Text);
        Assert.True(app.WithDb(db => db.Cases.Any(c => c.Id == id)));
        var gone = await browser.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Contains("Utkastet är borttaget", gone.Text);
        Assert.False(app.WithDb(db => db.Cases.Any(c => c.Id == id)));
    }

    [Fact]
    public async Task A_personnummer_is_refused_with_the_passage_quoted_and_nothing_is_stored()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var fields = ValidDeviation(app);
        fields["Input.WhatHappened"] = "Kvinnan med personnummer 811218-9876 fick inget besked.";
        fields["Input.Consequences"] = "Ring henne på 070-123 45 67.";

        foreach (var handler in new[] { "Submit", "Draft" })
        {
            var page = await browser.PressAsync(await browser.OpenFormAsync(), fields, handler);
            Assert.StartsWith("Texten ser ut att innehålla ett personnummer (811218-9876).", page.Document.QuerySelector("#what-error")!.TextContent);
            Assert.StartsWith("Texten ser ut att innehålla ett telefonnummer (070-123 45 67).", page.Document.QuerySelector("#cons-error")!.TextContent);
            Assert.Contains("Rapporten är inte sparad", page.Text);
        }
        Assert.Equal(before, app.CaseCount());
    }

    [Fact]
    public async Task Missing_required_fields_are_named_next_to_each_field_and_nothing_is_stored()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var page = await browser.PressAsync(await browser.OpenFormAsync(), new Dictionary<string, string>());
        string Error(string id) => page.Document.QuerySelector(id)!.TextContent;
        Assert.Equal("Ange datum för händelsen.", Error("#eventdate-error"));
        Assert.Equal("Välj minst en berörd part, eller skriv en annan aktör.", Error("#parties-error"));
        Assert.Equal("Välj en kategori.", Error("#category-error"));
        Assert.Equal("Beskriv vad som hände.", Error("#what-error"));
        Assert.Equal("Beskriv konsekvenserna för individen.", Error("#cons-error"));
        Assert.StartsWith("Välj ett alternativ", Error("#gender-error"));
        Assert.StartsWith("Välj en åldersgrupp", Error("#age-error"));
        Assert.Equal("Svara på om det löstes lokalt.", Error("#local-error"));
        Assert.Equal(before, app.CaseCount());
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "Input.EventDate", "2099-01-01", "#eventdate-error", "Datumet kan inte ligga i framtiden." },
        { "Input.PartyIds", "999999", "#parties-error", "Välj bland förbundets parter" },
        { "Input.PartyIds", "@Luleå kommun", "#parties-error", "Välj bland förbundets parter" },
        { "Input.CategoryId", "999999", "#category-error", "Välj en kategori ur listan." },
        { "Input.CategoryId", "@SNB", "#category-error", "Välj en kategori ur listan." },
        { "Input.WhatHappened", "#4001", "#what-error", "Högst 4000 tecken" },
        { "Input.OtherActor", "#201", "#otheractor-error", "Högst 200 tecken." },
        { "Input.Gender", "Okänt", "#gender-error", "Värdet 'Okänt' är inte giltigt för Kön." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_comes_back_next_to_its_field_and_nothing_is_stored(string field, string value, string errorId, string message)
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var fields = ValidDeviation(app);
        fields[field] = value switch
        {
            "@Luleå kommun" => app.OrganisationId("Luleå kommun").ToString(),
            "@SNB" => app.WithDb(db => db.Categories.First(c => c.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id).Id).ToString(),
            ['#', .. var n] => new string('a', int.Parse(n)),
            _ => value,
        };
        var page = await browser.PressAsync(await browser.OpenFormAsync(), fields);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector(errorId)!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, app.CaseCount());
    }

    [Fact]
    public async Task A_kind_that_does_not_exist_is_refused_in_Swedish()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var form = await browser.OpenFormAsync();
        var fields = ValidDeviation(app);
        fields["typ"] = "klagomal";
        var page = await browser.PressAsync(form, fields);
        Assert.Contains("Välj om rapporten gäller en avvikelse eller en remiss/överlämning.", page.Text);
        Assert.Equal(before, app.CaseCount());
    }

    [Fact]
    public async Task Someone_elses_case_or_draft_is_404_and_unchanged()
    {
        using var owner = new Browserless(app);
        await owner.LoginAsync(Reporter);
        var draft = await owner.PressAsync(await owner.OpenFormAsync(), new Dictionary<string, string> { ["Input.WhatHappened"] = "Hemligt utkast." }, "Draft");
        var draftId = int.Parse(draft.Url.Split('/')[2]);

        using var other = new Browserless(app);
        await other.LoginAsync("rapportor.kommun@insjoriket.example");
        foreach (var url in new[] { $"/arenden/{draftId}", $"/arenden/{draftId}/redigera", $"/arenden/{draftId}/ta-bort" })
        {
            var page = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Hemligt utkast", page.Text);
        }
        var edit = await other.PostFromAsync("/arenden/ny?typ=avvikelse", $"/arenden/{draftId}/redigera?handler=Draft",
            new Dictionary<string, string> { ["Input.WhatHappened"] = "Kapad." });
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        var delete = await other.PostFromAsync("/arenden/ny?typ=avvikelse", $"/arenden/{draftId}/ta-bort", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.Equal("Hemligt utkast.", app.WithDb(db => db.Cases.Single(c => c.Id == draftId).WhatHappened));
    }

    [Fact]
    public async Task A_resent_submission_makes_one_case_with_one_reference()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var form = await browser.OpenFormAsync();
        var first = await browser.PressAsync(form, ValidDeviation(app));
        var again = await browser.PressAsync(form, ValidDeviation(app));
        Assert.Equal(before + 1, app.CaseCount());
        Assert.Equal(first.Url, again.Url);
        Assert.Contains("Rapporten är redan inskickad med referens", again.Text);
    }

    [Fact]
    public async Task The_same_form_sent_several_times_at_once_makes_one_case()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var before = app.CaseCount();
        var form = await browser.OpenFormAsync();
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.PressAsync(form, ValidDeviation(app))));
        Assert.Equal(before + 1, app.CaseCount());
        Assert.Single(pages.Select(p => p.Url).Distinct());
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
    }

    [Fact]
    public async Task Many_reporters_submitting_at_once_get_unique_gap_free_numbers()
    {
        const int count = 24;
        var reporters = new[] { Reporter, "rapportor.kommun@insjoriket.example" };
        var browsers = new List<(Browserless Browser, Browserless.Page Form)>();
        for (var i = 0; i < count; i++)
        {
            var b = new Browserless(app);
            await b.LoginAsync(reporters[i % 2]);
            browsers.Add((b, await b.OpenFormAsync()));
        }
        var existing = app.WithDb(db => db.Cases.Where(c => c.ReferenceSequence != null && c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id)
            .Select(c => c.ReferenceSequence!.Value).ToList());

        var pages = await Task.WhenAll(browsers.Select(x => x.Browser.PressAsync(x.Form, ValidDeviation(app))));
        foreach (var (b, _) in browsers) b.Dispose();

        Assert.All(pages, p => Assert.Contains("Rapporten är inskickad", p.Text));
        var sequences = app.WithDb(db => db.Cases.Where(c => c.ReferenceSequence != null && c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id)
            .Select(c => c.ReferenceSequence!.Value).ToList()).Order().ToList();
        Assert.Equal(existing.Count + count, sequences.Count);
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
    }
}
