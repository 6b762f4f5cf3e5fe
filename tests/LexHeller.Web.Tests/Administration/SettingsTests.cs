using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

public class SettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    private sealed record Stored(int AgendaCutoffDays, int ResponseDays, int SmallCountThreshold, bool SharesCompilations, string? KansliEmail, TimeOnly DigestTime);

    [Fact]
    public async Task The_form_shows_the_forbunds_current_settings()
    {
        var stored = Settings("INS");
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.GetAsync("/installningar");
        Assert.Contains("Inställningarna för Samordningsförbundet Insjöriket", page.Text);
        Assert.Equal(stored.AgendaCutoffDays.ToString(), Value(page, "Input_AgendaCutoffDays"));
        Assert.Equal(stored.ResponseDays.ToString(), Value(page, "Input_ResponseDays"));
        Assert.Equal(stored.SmallCountThreshold.ToString(), Value(page, "Input_SmallCountThreshold"));
        Assert.Equal(stored.DigestTime.ToString("HH:mm"), Value(page, "Input_DigestTime"));
        Assert.Equal(stored.SharesCompilations, page.Document.QuerySelector("#Input_SharesCompilations")!.HasAttribute("checked"));
    }

    [Theory]
    [InlineData("Input.AgendaCutoffDays", "0", "#cutoff-error", "Ange ett helt antal dagar mellan 1 och 60.")]
    [InlineData("Input.AgendaCutoffDays", "61", "#cutoff-error", "Ange ett helt antal dagar mellan 1 och 60.")]
    [InlineData("Input.AgendaCutoffDays", "två veckor", "#cutoff-error", "Ange ett helt antal dagar mellan 1 och 60.")]
    [InlineData("Input.AgendaCutoffDays", "", "#cutoff-error", "Ange ett helt antal dagar mellan 1 och 60.")]
    [InlineData("Input.ResponseDays", "4", "#response-error", "Ange ett helt antal dagar mellan 5 och 120.")]
    [InlineData("Input.ResponseDays", "121", "#response-error", "Ange ett helt antal dagar mellan 5 och 120.")]
    [InlineData("Input.ResponseDays", "7.5", "#response-error", "Ange ett helt antal dagar mellan 5 och 120.")]
    [InlineData("Input.SmallCountThreshold", "1", "#threshold-error", "Ange ett heltal mellan 2 och 10.")]
    [InlineData("Input.SmallCountThreshold", "11", "#threshold-error", "Ange ett heltal mellan 2 och 10.")]
    [InlineData("Input.KansliEmail", "kansliet", "#email-error", "Skriv en giltig e-postadress, t.ex. kansliet@forbund.se, eller lämna fältet tomt.")]
    [InlineData("Input.KansliEmail", "kansliet@forbund", "#email-error", "Skriv en giltig e-postadress, t.ex. kansliet@forbund.se, eller lämna fältet tomt.")]
    [InlineData("Input.KansliEmail", "Kansliet <kansliet@forbund.se>", "#email-error", "Skriv en giltig e-postadress, t.ex. kansliet@forbund.se, eller lämna fältet tomt.")]
    [InlineData("Input.DigestTime", "25:00", "#digest-error", "Ange ett klockslag som TT:MM, till exempel 07:30.")]
    [InlineData("Input.DigestTime", "halv åtta", "#digest-error", "Ange ett klockslag som TT:MM, till exempel 07:30.")]
    [InlineData("Input.DigestTime", "", "#digest-error", "Ange ett klockslag som TT:MM, till exempel 07:30.")]
    public async Task A_bad_value_is_named_next_to_its_field_and_nothing_is_saved(string field, string value, string errorId, string message)
    {
        var before = Settings("INS");
        var audits = AuditCount("INS");
        using var kansli = await LoginAsync(Kansli);
        var form = await kansli.GetAsync("/installningar");
        // A good change to another field rides along: it must not be saved either.
        var other = field == "Input.ResponseDays" ? ("Input.AgendaCutoffDays", "9") : ("Input.ResponseDays", "99");
        var page = await kansli.SubmitAsync(form, Form((field, value), other));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.Document.QuerySelector(errorId)!.TextContent);
        Assert.Equal("true", page.Document.QuerySelector($"#{field.Replace('.', '_')}")!.GetAttribute("aria-invalid"));
        Assert.Contains("Inställningarna är inte sparade", page.ErrorText());
        Assert.Equal(value, Value(page, field.Replace('.', '_')));
        Assert.Equal(before, Settings("INS"));
        Assert.Equal(audits, AuditCount("INS"));
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_at_once()
    {
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/installningar"),
            Form(("Input.AgendaCutoffDays", "100"), ("Input.SmallCountThreshold", "0"), ("Input.DigestTime", "7")));
        Assert.NotEmpty(page.Document.QuerySelector("#cutoff-error")!.TextContent);
        Assert.NotEmpty(page.Document.QuerySelector("#threshold-error")!.TextContent);
        Assert.NotEmpty(page.Document.QuerySelector("#digest-error")!.TextContent);
        Assert.Empty(page.Document.QuerySelector("#response-error")!.TextContent);
    }

    [Fact]
    public async Task Every_setting_is_saved_and_each_change_is_audited_once()
    {
        var before = Settings("SNB");
        var mark = app.WithDb(db => db.AuditEntries.Max(a => (long?)a.Id) ?? 0);
        using var kansli = await LoginAsync("kansli@sodranorrbotten.example");
        var form = await kansli.GetAsync("/installningar");
        var saved = await kansli.SubmitAsync(form, Form(
            ("Input.AgendaCutoffDays", "12"), ("Input.ResponseDays", "30"), ("Input.SmallCountThreshold", "5"),
            ("Input.SharesCompilations", before.SharesCompilations ? "false" : "true"), ("Input.KansliEmail", " kansliet@sodranorrbotten.example "),
            ("Input.DigestTime", "06:45")));
        Assert.Contains("6 inställningar sparades.", saved.Text);
        Assert.Equal("/installningar", saved.Url);
        Assert.Equal(new Stored(12, 30, 5, !before.SharesCompilations, "kansliet@sodranorrbotten.example", new TimeOnly(6, 45)), Settings("SNB"));

        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Id > mark && a.Action == AuditActions.SettingChanged && a.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id)
            .OrderBy(a => a.Id).Select(a => new { a.Subject, a.Before, a.After, a.ActorUserId }).ToList());
        Assert.Equal(
            [
                $"Stopptid för dagordningen: {before.AgendaCutoffDays} dagar → 12 dagar",
                $"Svarstid för parter: {before.ResponseDays} dagar → 30 dagar",
                $"Gräns för små tal: {before.SmallCountThreshold} → 5",
                $"Förbundsgemensamma sammanställningar: {YesNo(before.SharesCompilations)} → {YesNo(!before.SharesCompilations)}",
                $"Kansliets gemensamma e-postadress: {before.KansliEmail} → kansliet@sodranorrbotten.example",
                $"Tid för daglig sammanfattning: {before.DigestTime:HH:mm} → 06:45",
            ],
            audit.Select(a => $"{a.Subject}: {a.Before} → {a.After}"));
        Assert.All(audit, a => Assert.Equal(app.UserId("kansli@sodranorrbotten.example"), a.ActorUserId));

        // Saving again without changes writes nothing; clearing the address is one change.
        var again = await kansli.SubmitAsync(saved, Form());
        Assert.Contains("Inga inställningar ändrades.", again.Text);
        var cleared = await kansli.SubmitAsync(again, Form(("Input.KansliEmail", "")));
        Assert.Contains("Inställningen kansliets gemensamma e-postadress sparades.", cleared.Text);
        Assert.Null(Settings("SNB").KansliEmail);
        Assert.Equal(7, app.WithDb(db => db.AuditEntries.Count(a => a.Id > mark && a.Action == AuditActions.SettingChanged && a.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id)));
    }

    [Fact]
    public async Task Publishing_open_data_is_audited_shows_its_addresses_and_opens_them_to_anyone()
    {
        var mark = app.WithDb(db => db.AuditEntries.Max(a => (long?)a.Id) ?? 0);
        using var kansli = await LoginAsync(Kansli);
        var form = await kansli.GetAsync("/installningar");
        Assert.Null(form.Document.QuerySelector("[data-testid=open-data-links]"));
        using var anyone = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/v1/oppna-data/ins/svar.json")).StatusCode);

        var saved = await kansli.SubmitAsync(form, Form(("Input.PublishesOpenData", "true"), ("Input.OpenDataLicenceId", "CC-BY-4.0")));
        Assert.Contains("2 inställningar sparades.", saved.Text);
        Assert.Equal(
            ["Publicera öppna data: Nej → Ja", "Licens för öppna data: CC0 1.0 (allmän egendom) → CC BY 4.0 (erkännande)"],
            app.WithDb(db => db.AuditEntries.Where(a => a.Id > mark && a.Action == AuditActions.SettingChanged).OrderBy(a => a.Id)
                .Select(a => a.Subject + ": " + a.Before + " → " + a.After).ToList()));
        var links = saved.Document.QuerySelector("[data-testid=open-data-links]")!;
        var json = links.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(h => h.EndsWith("/svar.json"));
        Assert.EndsWith("/api/v1/oppna-data/ins/svar.json", json);
        Assert.Contains("<iframe src=", links.QuerySelector("textarea")!.TextContent);
        Assert.Equal("CC-BY-4.0", saved.Document.QuerySelector("#Input_OpenDataLicenceId option[selected]")!.GetAttribute("value"));
        var open = await anyone.GetAsync(new Uri(json).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("CC-BY-4.0", await open.Content.ReadAsStringAsync());

        var stopped = await kansli.SubmitAsync(saved, Form(("Input.PublishesOpenData", "false")));
        Assert.Contains("Inställningen publicera öppna data sparades.", stopped.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/v1/oppna-data/ins/svar.json")).StatusCode);
    }

    [Fact]
    public async Task A_licence_not_in_the_list_is_named_next_to_its_field_and_nothing_is_saved()
    {
        var audits = AuditCount("SNB");
        using var kansli = await LoginAsync("kansli@sodranorrbotten.example");
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/installningar"),
            Form(("Input.PublishesOpenData", "true"), ("Input.OpenDataLicenceId", "MIT")));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Välj en av licenserna i listan.", page.Document.QuerySelector("#licence-error")!.TextContent);
        Assert.Contains("Inställningarna är inte sparade", page.ErrorText());
        Assert.Equal(audits, AuditCount("SNB"));
        Assert.False(app.WithDb(db => db.Forbund.Single(f => f.Code == "SNB").PublishesOpenData));
    }

    [Fact]
    public async Task A_new_agenda_cutoff_is_used_when_the_next_meeting_is_planned()
    {
        using var kansli = await LoginAsync(Kansli);
        var saved = await kansli.SubmitAsync(await kansli.GetAsync("/installningar"), Form(("Input.AgendaCutoffDays", "10")));
        Assert.Contains("Inställningen stopptid för dagordningen sparades.", saved.Text);

        var plan = await kansli.GetAsync("/moten/nytt");
        Assert.Contains("10 dagar före mötet", plan.Text);
        var day = Stockholm.Today(app.Clock.GetUtcNow()).AddDays(40);
        var planned = await kansli.SubmitAsync(plan, Form(("Input.Date", day.ToString("yyyy-MM-dd")), ("Input.Time", "09:00"), ("Input.Place", "Kommunhuset")));
        var closes = Meeting.CutoffFor(Stockholm.ToUtc(day, new TimeOnly(9, 0)), 10);
        Assert.Contains($"Dagordningen stängs {Stockholm.Format(closes)}", planned.Text);
        Assert.Equal(Stockholm.ToUtc(day.AddDays(-10), TimeOnly.MinValue), closes);
    }

    [Fact]
    public async Task A_new_digest_time_is_what_members_are_told()
    {
        using var kansli = await LoginAsync(Kansli);
        await kansli.SubmitAsync(await kansli.GetAsync("/installningar"), Form(("Input.DigestTime", "8:30")));
        Assert.Equal(new TimeOnly(8, 30), Settings("INS").DigestTime);
        using var reporter = await LoginAsync("rapportor@insjoriket.example");
        Assert.Contains("Samordningsförbundet Insjöriket kl. 08:30", (await reporter.GetAsync("/konto")).Text);
    }

    [Fact]
    public async Task A_kansli_cannot_change_the_settings_of_another_forbund()
    {
        var snb = app.ForbundId("SNB");
        var before = Settings("SNB");
        var ownBefore = Settings("INS");
        var audits = AuditCount("SNB");
        using var kansli = await LoginAsync(Kansli);
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/installningar?forbund={snb}")).Status);

        var form = await kansli.GetAsync("/installningar");
        var forged = await kansli.SubmitAsync(form, Form(("forbund", snb.ToString()), ("Input.AgendaCutoffDays", "3")));
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        var inAddress = await kansli.PostFromAsync("/installningar", $"/installningar?forbund={snb}", Form(("Input.AgendaCutoffDays", "3"),
            ("Input.ResponseDays", "30"), ("Input.SmallCountThreshold", "3"), ("Input.DigestTime", "07:00")));
        Assert.Equal(HttpStatusCode.NotFound, inAddress.Status);

        Assert.Equal(before, Settings("SNB"));
        Assert.Equal(ownBefore, Settings("INS"));
        Assert.Equal(audits, AuditCount("SNB"));
    }

    [Fact]
    public async Task The_administrator_changes_the_settings_of_any_forbund()
    {
        var snb = app.ForbundId("SNB");
        using var admin = await LoginAsync("admin@lexheller.example");
        var form = await admin.GetAsync($"/installningar?forbund={snb}");
        Assert.Contains("Inställningarna för Samordningsförbundet Södra Norrbotten", form.Text);
        var saved = await admin.SubmitAsync(form, Form(("Input.ResponseDays", "45")));
        Assert.Equal($"/installningar?forbund={snb}", saved.Url);
        Assert.Equal(45, Settings("SNB").ResponseDays);
        var audit = app.WithDb(db => db.AuditEntries.OrderByDescending(a => a.Id).First(a => a.ForbundId == snb));
        Assert.Equal(("Svarstid för parter", "45 dagar", app.UserId("admin@lexheller.example")), (audit.Subject, audit.After, audit.ActorUserId));
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("bug.af@insjoriket.example")]
    [InlineData("styrelse@insjoriket.example")]
    public async Task Other_roles_are_refused(string email)
    {
        var before = Settings("INS");
        using var browser = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/installningar")).Status);
        var posted = await browser.PostFromAsync("/", "/installningar", Form(("Input.AgendaCutoffDays", "2")));
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Equal(before, Settings("INS"));
    }

    private static string YesNo(bool yes) => yes ? "Ja" : "Nej";

    private static string? Value(Browserless.Page page, string id) => page.Document.QuerySelector($"#{id}")!.GetAttribute("value");

    private Stored Settings(string code) => app.WithDb(db => db.Forbund.AsNoTracking().Where(f => f.Code == code)
        .Select(f => new Stored(f.AgendaCutoffDays, f.ResponseDays, f.SmallCountThreshold, f.SharesCompilations, f.KansliEmail, f.DigestTime)).Single());

    private int AuditCount(string code) => app.WithDb(db => db.AuditEntries.Count(a => a.ForbundId == db.Forbund.Single(f => f.Code == code).Id));

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }
}
