using System.Net;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Disclosure;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Disclosure;

/// <summary>
/// A request for public documents from registration to decision, through the pages as the kansli uses them: what is
/// refused and where it says so, what the preview and the released copy contain, and who may see a request.
/// </summary>
public class DisclosureTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Secret = "brukaren har en missbruksdiagnos sedan 2019";
    private const string Open = "Remissen från kommunen kom aldrig fram till Arbetsförmedlingen";
    private const string Story = "Socialtjänsten meddelade att " + Secret + ". " + Open + ".";

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private static string Today(AppFactory app) => LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd");

    private static async Task<int> RegisterAsync(Browserless browser, string subject = "Alla rapporter om remisser 2026", string? received = null, string query = "")
    {
        var form = await browser.GetAsync("/utlamnanden/ny" + query);
        var done = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Subject"] = subject,
            ["Input.ReceivedOn"] = received ?? (form.Form().QuerySelector("#Input_ReceivedOn") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value,
        });
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Matches(@"/utlamnanden/\d+$", done.Url);
        var id = int.Parse(done.Url.Split('/')[^1]);
        Assert.Contains($"Begäran {id} registrerades.", done.Text);
        return id;
    }

    private static Task<Browserless.Page> AddCaseAsync(Browserless browser, int id, string reference) =>
        browser.PostAsync($"/utlamnanden/{id}?handler=AddCase", new Dictionary<string, string> { ["Reference"] = reference });

    private static async Task<Browserless.Page> MaskAsync(Browserless browser, int id, string passage, string provision = "26 kap. 1 § OSL",
        string field = "WhatHappened", string other = "", string reason = "")
    {
        var page = await browser.GetAsync($"/utlamnanden/{id}");
        return await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Mask.Field"] = field, ["Mask.Passage"] = passage, ["Mask.Provision"] = provision, ["Mask.OtherProvision"] = other, ["Mask.Reason"] = reason,
        }, "form.mask-form");
    }

    private static string ErrorNextTo(Browserless.Page page, string id) => page.Document.QuerySelector($"#{id}")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Registration_without_what_or_when_or_with_a_future_date_is_refused_next_to_the_fields_and_nothing_is_saved()
    {
        using var kansli = await LoginAsync(Kansli);
        var before = app.WithDb(db => db.DisclosureRequests.Count());
        var form = await kansli.GetAsync("/utlamnanden/ny");
        Assert.Contains("anonym", form.Text);
        Assert.Equal(Today(app), (form.Document.QuerySelector("#Input_ReceivedOn") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);

        var empty = await kansli.SubmitAsync(form, new Dictionary<string, string> { ["Input.Subject"] = "  ", ["Input.ReceivedOn"] = "" });
        Assert.Equal("Skriv vad som begärs ut.", ErrorNextTo(empty, "subject-error"));
        Assert.Equal("Skriv vilket datum begäran kom in.", ErrorNextTo(empty, "received-error"));
        Assert.NotNull(empty.Document.QuerySelector(".error-summary a[href='#Input_Subject']"));

        var tomorrow = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow()).AddDays(1).ToString("yyyy-MM-dd");
        var future = await kansli.SubmitAsync(form, new Dictionary<string, string> { ["Input.Subject"] = "Protokoll", ["Input.ReceivedOn"] = tomorrow });
        Assert.Equal("Datumet då begäran kom in kan inte ligga i framtiden.", ErrorNextTo(future, "received-error"));
        Assert.Equal(before, app.WithDb(db => db.DisclosureRequests.Count()));

        var id = await RegisterAsync(kansli, "Rapporter om Försäkringskassan");
        var page = await kansli.GetAsync($"/utlamnanden/{id}");
        Assert.Contains("Anonym", page.Document.QuerySelector("[data-testid=request-facts]")!.TextContent);
        Assert.Equal("Registrerad", page.Document.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.DisclosureRegistered && a.Subject == $"Begäran om allmän handling {id}")));
    }

    [Fact]
    public async Task Picking_refuses_an_unknown_reference_and_another_forbunds_case_next_to_the_field_and_adds_and_removes_its_own()
    {
        var own = await app.FileCaseAsync(CaseState.Inkommen);
        var other = await app.FileCaseAsync(CaseState.Inkommen, reporterEmail: "rapportor@sodranorrbotten.example");
        using var kansli = await LoginAsync(Kansli);
        var id = await RegisterAsync(kansli);

        var unknown = await AddCaseAsync(kansli, id, "INS-1999-9999");
        Assert.Equal("Det finns inget ärende med referensen INS-1999-9999.", ErrorNextTo(unknown, "reference-error"));
        var foreign = await AddCaseAsync(kansli, id, other.Reference);
        Assert.Equal($"Ärende {other.Reference} hör till ett annat förbund. Begäran kan bara gälla förbundets egna ärenden.", ErrorNextTo(foreign, "reference-error"));
        Assert.Empty(app.WithDb(db => db.DisclosureRequests.AsNoTracking().Where(r => r.Id == id).SelectMany(r => r.Cases).ToList()));

        var added = await AddCaseAsync(kansli, id, own.Reference);
        Assert.Contains($"Ärende {own.Reference} lades till i begäran.", added.Text);
        Assert.Equal("Under prövning", added.Document.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.NotNull(added.Document.QuerySelector($"section[data-case='{own.Reference}']"));
        var again = await AddCaseAsync(kansli, id, own.Reference);
        Assert.Equal($"Ärende {own.Reference} ingår redan i begäran.", ErrorNextTo(again, "reference-error"));

        var removed = await kansli.PostAsync($"/utlamnanden/{id}?handler=RemoveCase", new Dictionary<string, string> { ["caseId"] = own.Id.ToString() });
        Assert.Contains($"Ärende {own.Reference} togs bort ur begäran", removed.Text);
        Assert.Null(removed.Document.QuerySelector($"section[data-case='{own.Reference}']"));
    }

    [Fact]
    public async Task A_passage_not_in_the_field_or_an_other_provision_without_citation_is_refused_and_the_preview_masks_what_is_marked()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen, whatHappened: Story);
        using var kansli = await LoginAsync(Kansli);
        var id = await RegisterAsync(kansli);
        await AddCaseAsync(kansli, id, filed.Reference);
        var maskError = $"mask-{filed.Id}";

        var elsewhere = await MaskAsync(kansli, id, Secret, field: "Consequences");
        Assert.Equal($"Texten finns inte i ”Konsekvenser för individen” i ärende {filed.Reference}. Kopiera den exakt som den står.",
            ErrorNextTo(elsewhere, $"{maskError}-passage-error"));
        Assert.Equal(Secret, (elsewhere.Document.QuerySelector($"#{maskError}-passage") as AngleSharp.Html.Dom.IHtmlTextAreaElement)!.Value);
        var nowhere = await MaskAsync(kansli, id, "Ingen sådan mening");
        Assert.StartsWith("Texten finns inte i ”Vad hände?”", ErrorNextTo(nowhere, $"{maskError}-passage-error"));
        var uncited = await MaskAsync(kansli, id, Secret, provision: DisclosureText.OtherProvision);
        Assert.Equal("Skriv vilken bestämmelse i OSL som gäller.", ErrorNextTo(uncited, $"{maskError}-other-error"));
        Assert.Empty(app.WithDb(db => db.DisclosureRequests.AsNoTracking().Where(r => r.Id == id).SelectMany(r => r.Masks).ToList()));

        var masked = await MaskAsync(kansli, id, Secret, reason: "Uppgift om enskilds hälsa");
        Assert.Contains("maskeras enligt 26 kap. 1 § OSL", masked.Text);
        var preview = masked.Document.QuerySelector("[data-testid=preview]")!.TextContent;
        Assert.Contains("Socialtjänsten meddelade att [Sekretess enligt 26 kap. 1 § OSL]. " + Open, preview);
        Assert.DoesNotContain("missbruksdiagnos", preview);
        Assert.Contains(DisclosureText.ReporterWithheld, preview);
        Assert.DoesNotContain("Sara Lindqvist", masked.Text);
    }

    [Fact]
    public async Task The_released_copy_lacks_every_masked_passage_and_the_reporter_and_the_letter_cites_the_provision_and_the_appeal()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: Story);
        using var kansli = await LoginAsync(Kansli);
        var id = await RegisterAsync(kansli, "Rapporten om remissen");
        await AddCaseAsync(kansli, id, filed.Reference);
        await MaskAsync(kansli, id, Secret);
        await MaskAsync(kansli, id, "sex veckor", provision: DisclosureText.OtherProvision, other: "32 kap. 3 § OSL", field: "Consequences");

        var confirm = await kansli.GetAsync($"/utlamnanden/{id}/beslut");
        Assert.Contains("kan inte ändras", confirm.Text);
        var decided = await kansli.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Contains($"Begäran {id} är beslutad.", decided.Text);
        Assert.Equal("Beslutad", decided.Document.QuerySelector("[data-testid=state]")!.TextContent);

        var before = app.WithDb(db => db.AccessLog.Count(a => a.UserId == app.UserId(Kansli)));
        var copy = await kansli.Http.GetAsync($"/utlamnanden/{id}?handler=Copy");
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        var copyBytes = await copy.Content.ReadAsByteArrayAsync();
        var text = PdfTextLayer.Of(copyBytes);
        Assert.Contains(Open, text);
        Assert.Contains("[Sekretess enligt 26 kap. 1 § OSL]", text);
        Assert.Contains("[Sekretess enligt 32 kap. 3 § OSL]", text);
        Assert.Contains("Rapportörens namn och kontaktuppgifter lämnas inte ut", text);
        foreach (var gone in new[] { Secret, "missbruksdiagnos", "sex veckor", "Sara Lindqvist", "rapportor@insjoriket.example" })
            Assert.DoesNotContain(gone, text, StringComparison.OrdinalIgnoreCase);
        // What was downloaded is what was kept at the decision.
        Assert.Equal(copyBytes, app.WithDb(db => db.DisclosureRequests.Where(r => r.Id == id).Select(r => r.ReleasedPdf).Single()));

        var letter = PdfTextLayer.Of(await kansli.Http.GetByteArrayAsync($"/utlamnanden/{id}?handler=Letter"));
        Assert.Contains("Beslut om utlämnande av allmän handling", letter);
        Assert.Contains($"Ärende {filed.Reference}", letter);
        Assert.Contains("Vad hände?: sekretess enligt 26 kap. 1 § OSL", letter);
        Assert.Contains("Konsekvenser för individen: sekretess enligt 32 kap. 3 § OSL", letter);
        Assert.Contains("Du kan överklaga beslutet till kammarrätten. Skicka överklagandet till Samordningsförbundet Insjöriket inom tre veckor från den dag du fick del av beslutet.", letter);
        Assert.DoesNotContain("missbruksdiagnos", letter);

        var logged = app.WithDb(db => db.AccessLog.Where(a => a.UserId == app.UserId(Kansli)).OrderBy(a => a.Id).Skip(before).ToList());
        Assert.Equal([$"utlamnande-{id}-kopia.pdf", $"utlamnande-{id}-beslut.pdf"], logged.Select(a => a.What));
        Assert.All(logged, a => Assert.Equal(AccessKind.Export, a.Kind));
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.DisclosureDecided && a.Subject == $"Begäran om allmän handling {id}"));
        Assert.Contains("2 maskeringar", audit.After);
        Assert.DoesNotContain("missbruk", audit.After);

        // Decided is final: nothing more can be picked or masked, and the decision is not made twice.
        var late = await AddCaseAsync(kansli, id, filed.Reference);
        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Null(late.Document.QuerySelector("form.mask-form"));
        Assert.Contains(DisclosureCommands.Decided, late.Document.QuerySelector(".error-summary")!.TextContent);
        Assert.Single(app.WithDb(db => db.DisclosureRequests.AsNoTracking().Where(r => r.Id == id).SelectMany(r => r.Cases).ToList()));
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.DisclosureDecided && a.Subject == $"Begäran om allmän handling {id}")));
    }

    [Fact]
    public async Task The_handling_time_counts_days_from_receipt_while_open_and_stops_at_the_decision()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen);
        var received = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow()).AddDays(-3).ToString("yyyy-MM-dd");
        int id;
        using (var kansli = await LoginAsync(Kansli)) id = await RegisterAsync(kansli, "Handläggningstid", received);

        // A log-in does not outlast days on the moved clock: each look is a fresh one.
        async Task<string> DaysAsync(string query = "")
        {
            using var kansli = await LoginAsync(Kansli);
            var list = await kansli.GetAsync("/utlamnanden" + query);
            return list.Document.QuerySelector($"[data-testid=disclosures] tr[data-id='{id}'] [data-testid=days]")?.TextContent
                ?? throw new Xunit.Sdk.XunitException($"{list.Status} {list.Url}: {list.Text}");
        }
        Assert.Equal("3 dagar hittills", await DaysAsync());
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal("5 dagar hittills", await DaysAsync());

        using (var kansli = await LoginAsync(Kansli))
        {
            await AddCaseAsync(kansli, id, filed.Reference);
            await kansli.SubmitAsync(await kansli.GetAsync($"/utlamnanden/{id}/beslut"), new Dictionary<string, string>());
        }
        app.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal("5 dagar", await DaysAsync("?status=Beslutad"));
        using var later = await LoginAsync(Kansli);
        Assert.Null((await later.GetAsync("/utlamnanden?status=Registrerad")).Document.QuerySelector($"tr[data-id='{id}']"));
        var longestFirst = await later.GetAsync("/utlamnanden?sort=tid");
        var days = longestFirst.Document.QuerySelectorAll("[data-testid=disclosures] [data-testid=days]").Select(d => int.Parse(d.TextContent.Split(' ')[0])).ToList();
        Assert.True(days.Count > 0);
        Assert.Equal(days.OrderDescending(), days);
    }

    [Fact]
    public async Task Another_forbunds_kansli_sees_none_of_a_request_and_the_administrator_sees_it_by_choosing_the_forbund()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen, whatHappened: Story);
        using var kansli = await LoginAsync(Kansli);
        var id = await RegisterAsync(kansli, "Isolering mellan förbund");
        await AddCaseAsync(kansli, id, filed.Reference);
        await kansli.SubmitAsync(await kansli.GetAsync($"/utlamnanden/{id}/beslut"), new Dictionary<string, string>());

        using var snb = await LoginAsync("kansli@sodranorrbotten.example");
        Assert.Null((await snb.GetAsync("/utlamnanden")).Document.QuerySelector($"tr[data-id='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/utlamnanden/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await snb.Http.GetAsync($"/utlamnanden/{id}?handler=Copy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/utlamnanden/{id}/beslut")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/utlamnanden?forbund={app.ForbundId("INS")}")).Status);

        using var admin = await LoginAsync("admin@lexheller.example");
        Assert.NotNull((await admin.GetAsync($"/utlamnanden?forbund={app.ForbundId("INS")}")).Document.QuerySelector($"tr[data-id='{id}']"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/utlamnanden/{id}?handler=Copy")).StatusCode);
    }
}
