using System.Net;
using System.Reflection;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using LexHeller.Web.Pages.ChangeLog;
using LexHeller.Web.Tests.Cases;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

public class ChangeLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string KansliName = "Maria Holmberg";

    [Fact]
    public async Task Every_category_and_setting_change_appears_newest_first_with_who_when_and_before_and_after()
    {
        using var kansli = await LoginAsync(Kansli);
        var list = await kansli.SubmitAsync(await kansli.GetAsync("/kategorier"), Form(("Input.Name", "Loggad kategori")), "form[data-testid=add-category]");
        var id = app.WithDb(db => db.Categories.Single(c => c.Name == "Loggad kategori").Id);
        list = await kansli.SubmitAsync(list, Form(), ListForm("Up", id));
        list = await kansli.SubmitAsync(list, Form(), ListForm("Deactivate", id));
        list = await kansli.SubmitAsync(list, Form(), ListForm("Reactivate", id));
        await kansli.SubmitAsync(await kansli.GetAsync($"/kategorier/{id}"), Form(("Input.Name", "Omdöpt kategori")));
        await kansli.SubmitAsync(await kansli.GetAsync($"/kategorier/{id}/ta-bort"), Form());
        var cutoff = app.WithDb(db => db.Forbund.Single(f => f.Code == "INS").AgendaCutoffDays);
        await kansli.SubmitAsync(await kansli.GetAsync("/installningar"), Form(("Input.AgendaCutoffDays", (cutoff + 1).ToString()), ("Input.SharesCompilations", "true")));

        var log = await kansli.GetAsync("/andringslogg");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        var rows = Rows(log).Take(8).ToList();
        var position = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.CategoryReordered && a.Subject == "Loggad kategori"));
        Assert.Equal(
            [
                "Inställning ändrad | Förbundsgemensamma sammanställningar | Nej | Ja",
                $"Inställning ändrad | Stopptid för dagordningen | {cutoff} dagar | {cutoff + 1} dagar",
                "Kategori borttagen | Omdöpt kategori | Omdöpt kategori | Borttagen",
                "Kategori har bytt namn | Loggad kategori | Loggad kategori | Omdöpt kategori",
                "Kategori återaktiverad | Loggad kategori | Inaktiv | Aktiv",
                "Kategori inaktiverad | Loggad kategori | Aktiv | Inaktiv",
                $"Kategori flyttad | Loggad kategori | {position.Before} | {position.After}",
                "Kategori tillagd | Loggad kategori | – | Loggad kategori",
            ],
            rows.Select(r => $"{r.What} | {r.Subject} | {r.Before} | {r.After}"));
        Assert.All(rows, r => Assert.Equal(KansliName, r.Who));
        Assert.All(rows, r => Assert.Equal(Stockholm.Format(app.Clock.GetUtcNow()), r.When));
    }

    [Fact]
    public async Task The_log_of_one_forbund_does_not_show_the_others_entries()
    {
        using var snbKansli = await LoginAsync("kansli@sodranorrbotten.example");
        await snbKansli.SubmitAsync(await snbKansli.GetAsync("/kategorier"), Form(("Input.Name", "Bara i Södra Norrbotten")), "form[data-testid=add-category]");
        using var insKansli = await LoginAsync(Kansli);
        await insKansli.SubmitAsync(await insKansli.GetAsync("/kategorier"), Form(("Input.Name", "Bara i Insjöriket")), "form[data-testid=add-category]");

        var ins = await insKansli.GetAsync("/andringslogg");
        Assert.Contains("Bara i Insjöriket", ins.Text);
        Assert.DoesNotContain("Bara i Södra Norrbotten", ins.Text);
        var snb = await snbKansli.GetAsync("/andringslogg");
        Assert.Contains("Bara i Södra Norrbotten", snb.Text);
        Assert.DoesNotContain("Bara i Insjöriket", snb.Text);

        var snbId = app.ForbundId("SNB");
        Assert.Equal(HttpStatusCode.NotFound, (await insKansli.GetAsync($"/andringslogg?forbund={snbId}")).Status);

        using var admin = await LoginAsync("admin@lexheller.example");
        var adminView = await admin.GetAsync($"/andringslogg?forbund={snbId}");
        Assert.Contains("Bara i Södra Norrbotten", adminView.Text);
        Assert.DoesNotContain("Bara i Insjöriket", adminView.Text);
    }

    [Fact]
    public async Task The_log_filters_by_action_and_by_Stockholm_day()
    {
        var ins = app.ForbundId("INS");
        var kansli = app.UserId(Kansli);
        // 23:30 in Stockholm on 3 March is 22:30 UTC: it belongs to 3 March, not to the UTC date.
        var lateEvening = Stockholm.ToUtc(new DateOnly(2021, 3, 3), new TimeOnly(23, 30));
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(
                new AuditEntry(Stockholm.ToUtc(new DateOnly(2021, 3, 1), new TimeOnly(9, 0)), kansli, ins, AuditActions.SettingChanged, "Filter: första", "1", "2"),
                new AuditEntry(lateEvening, kansli, ins, AuditActions.SettingChanged, "Filter: sent på kvällen", "2", "3"),
                new AuditEntry(Stockholm.ToUtc(new DateOnly(2021, 3, 4), new TimeOnly(0, 30)), null, ins, AuditActions.CategoryAdded, "Filter: natt", null, "Ny"));
            return await db.SaveChangesAsync();
        });
        using var browser = await LoginAsync(Kansli);

        var day = await browser.GetAsync("/andringslogg?fran=2021-03-03&till=2021-03-03");
        Assert.Equal(["Filter: sent på kvällen"], Rows(day).Select(r => r.Subject));
        Assert.Equal("2021-03-03 23:30", Rows(day)[0].When);

        var settings = await browser.GetAsync("/andringslogg?atgard=SettingChanged&fran=2021-03-01&till=2021-03-31");
        Assert.Equal(["Filter: sent på kvällen", "Filter: första"], Rows(settings).Select(r => r.Subject));
        Assert.Equal("SettingChanged", settings.Document.QuerySelector("#atgard option[selected]")!.GetAttribute("value"));

        var after = await browser.GetAsync("/andringslogg?fran=2021-03-04&till=2021-03-31");
        var night = Assert.Single(Rows(after));
        Assert.Equal(("Filter: natt", "Systemet", "Kategori tillagd"), (night.Subject, night.Who, night.What));

        var odd = await browser.GetAsync("/andringslogg?atgard=Hackat&fran=igår");
        Assert.Contains("Ändringen ”Hackat” finns inte", odd.Document.QuerySelector("[data-testid=ignored-filters]")!.TextContent);
        Assert.Contains("Från-datumet ”igår” är inte ett datum", odd.Document.QuerySelector("[data-testid=ignored-filters]")!.TextContent);
        Assert.NotEmpty(Rows(odd));
    }

    [Fact]
    public async Task A_long_log_is_paged_newest_first()
    {
        var ins = app.ForbundId("INS");
        var start = Stockholm.ToUtc(new DateOnly(2019, 5, 1), new TimeOnly(8, 0));
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(Enumerable.Range(1, 55).Select(i =>
                new AuditEntry(start.AddHours(i), null, ins, AuditActions.UsersImported, $"Import {i}", null, $"{i} användare")));
            return await db.SaveChangesAsync();
        });
        using var browser = await LoginAsync(Kansli);

        var first = await browser.GetAsync("/andringslogg?fran=2019-05-01&till=2019-05-31");
        Assert.Contains("55 ändringar, sida 1 av 2", first.Document.QuerySelector("[data-testid=changelog-total]")!.TextContent);
        Assert.Equal(50, Rows(first).Count);
        Assert.Equal("Import 55", Rows(first)[0].Subject);
        var next = first.Document.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var second = await browser.GetAsync(next);
        Assert.Equal(["Import 5", "Import 4", "Import 3", "Import 2", "Import 1"], Rows(second).Select(r => r.Subject));
        Assert.Equal("Användare importerade", Rows(second)[0].What);
    }

    [Fact]
    public async Task Publishing_an_answer_on_concluding_and_withdrawing_it_on_reopening_appear_in_the_log()
    {
        // Concluded at the BUG without a referral, so no party approves the text first: it is published at once.
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        using var kansli = await LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.ActionByParty)),
            ("Input.Summary", "Remisser tappades mellan kommunen och AF."), ("Input.Answer", "AF kvitterar nu varje remiss."), ("Input.Publish", "true")));
        await kansli.ActAsync(filed.Id, "Reopen", Form(("Input.Reason", "Ny information från Arbetsförmedlingen.")));

        var log = await kansli.GetAsync("/andringslogg");
        var rows = Rows(log).Where(r => r.Subject == filed.Reference).ToList();
        Assert.Equal(["Publicering av ärende återkallad", "Ärende publicerat"], rows.Select(r => r.What));
        Assert.All(rows, r => Assert.Equal(KansliName, r.Who));
        var published = await kansli.GetAsync("/andringslogg?atgard=CasePublished");
        Assert.Contains(filed.Reference, Rows(published).Select(r => r.Subject));
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("bug.kommun@insjoriket.example")]
    [InlineData("styrelse@insjoriket.example")]
    public async Task Only_the_kansli_and_administrators_may_read_the_log(string email)
    {
        using var browser = await LoginAsync(email);
        var page = await browser.GetAsync("/andringslogg");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);
    }

    [Fact]
    public void Every_audit_action_has_a_Swedish_label()
    {
        var actions = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.True(AuditLabels.IsKnown(a), $"{a} has no Swedish label in the change log"));
        Assert.Equal(AuditLabels.All.Count, AuditLabels.All.Select(l => l.Label).Distinct().Count());
    }

    private sealed record Row(string When, string Who, string What, string Subject, string Before, string After);

    private static List<Row> Rows(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=changelog] tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            return new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
        }).ToList();

    /// <summary>The form of one button in the list of categories, e.g. "Flytta upp" (Up) on category 7.</summary>
    private static string ListForm(string handler, int categoryId) => $"form[action='/kategorier?id={categoryId}&handler={handler}']";

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }
}
