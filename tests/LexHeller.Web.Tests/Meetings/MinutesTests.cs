using System.Diagnostics;
using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using LexHeller.Web.Tests.Bug;
using LexHeller.Web.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>
/// The minutes through the page on the movable clock: the kansli writes them, sends them for justering, each chosen
/// justerare confirms as themselves, and the last locks them with their § numbers and the final, tagged PDF.
/// </summary>
public sealed class MinutesTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string PublicUrl = "https://lexheller.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private static string Path(int meetingId) => $"/moten/{meetingId}/protokoll";

    private static string Handler(int meetingId, string handler) => $"{Path(meetingId)}?handler={handler}";

    private Meeting LoadMeeting(int id) =>
        app.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Include(m => m.Participants).Include(m => m.Justifiers).Single(m => m.Id == id));

    private async Task<Browserless> LogInAsync(string email)
    {
        var browser = new Browserless(app);
        var landed = await browser.LoginAsync(email);
        Assert.False(landed.Url.StartsWith("/logga-in"), $"{email} was not logged in: {landed.Text}");
        return browser;
    }

    /// <summary>A meeting with two ready cases on its agenda, dispatched at its cut-off and now three hours under way.</summary>
    private async Task<(int MeetingId, CaseFactory.Filed First, CaseFactory.Filed Second)> HeldMeetingWithTwoCasesAsync()
    {
        var now = app.Clock.GetUtcNow();
        var meetingId = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(20), "Kommunhuset", null, null, 14, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var first = await app.FileCaseAsync(CaseState.RedoForBug);
        var second = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync(PublicUrl));
        app.Clock.Advance(TimeSpan.FromDays(10).Add(TimeSpan.FromHours(3)));
        return (meetingId, first, second);
    }

    private static Task<Browserless.Page> SaveAsync(Browserless kansli, int meetingId, Dictionary<string, string> fields) =>
        kansli.PostFromAsync(Path(meetingId), Handler(meetingId, "Save"), fields);

    [Fact]
    public async Task Two_justerare_each_confirm_as_themselves_and_the_last_locks_the_minutes_with_a_tagged_final_PDF()
    {
        var (meetingId, concluded, postponed) = await HeldMeetingWithTwoCasesAsync();
        string Id(string email) => app.UserId(email);
        var (fk, af, kommun, kansliId) = (Id(BugSteps.BugFk), Id(BugSteps.BugAf), Id(BugSteps.BugKommun), Id(Kansli));

        using var kansli = await LogInAsync(Kansli);
        await kansli.ActAsync(concluded.Id, "Conclude", new()
        {
            ["Input.Outcome"] = nameof(CaseOutcome.RaisedToBoard), ["Input.Summary"] = "Frågan gäller hela länet.", ["Input.Answer"] = "Lyfts till styrelsen.",
        });

        // A chair who is not among the attendees is refused next to the field, and nothing is saved.
        var form = await kansli.GetAsync(Path(meetingId));
        Assert.NotNull(form.Document.QuerySelector("form[action$='handler=Save']"));
        var refused = await kansli.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Attendees"] = string.Join('\u001f', fk, af, kansliId), ["Input.Chair"] = kommun, ["Input.Secretary"] = kansliId,
            ["Input.Justifiers"] = string.Join('\u001f', fk, af), ["Input.OtherBusiness"] = "Ring henne på 070-123 45 67.",
        }, "form[action$='handler=Save']");
        Assert.Contains("Ordföranden väljs bland de närvarande", refused.Document.QuerySelector("#chair-error")!.TextContent);
        Assert.Contains("telefonnummer", refused.Document.QuerySelector("#other-business-error")!.TextContent);
        Assert.NotNull(refused.Document.QuerySelector("[data-testid=minutes-error] a[href='#chair']"));
        Assert.Empty(LoadMeeting(meetingId).Participants);

        var saved = await kansli.SubmitAsync(await kansli.GetAsync(Path(meetingId)), new Dictionary<string, string>
        {
            ["Input.Attendees"] = string.Join('\u001f', fk, af, kansliId), ["Input.Chair"] = fk, ["Input.Secretary"] = kansliId,
            ["Input.Justifiers"] = string.Join('\u001f', fk, af), ["Input.OtherBusiness"] = "Kansliet informerade om nästa års mötesplan.",
        }, "form[action$='handler=Save']");
        Assert.Contains("Utkastet till protokollet sparades.", saved.Text);
        Assert.Contains("Anders Nyström", saved.Document.QuerySelector("[data-testid=present]")!.TextContent);
        Assert.Contains("Karin Lundgren", saved.Document.QuerySelector("[data-testid=absent]")!.TextContent);

        // The draft PDF reads as the page does, with "Utkast" on it.
        using var reader = new Downloader(app);
        await reader.LoginAsync(BugSteps.BugKommun);
        var draft = await reader.GetAsync(Handler(meetingId, "DraftPdf"));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var draftBytes = await draft.Content.ReadAsByteArrayAsync();
        Assert.Contains("Utkast", PdfText.Read(draftBytes).Flat);
        Assert.Contains("Utkast", Poppler("pdftotext", draftBytes, "-"));

        // Sending for justering waits for every case item's decision.
        var early = await kansli.PostFromAsync(Path(meetingId), Handler(meetingId, "Submit"), Form(("Confirm", "true")));
        Assert.Contains("1 ärende på dagordningen saknar beslut", early.Document.QuerySelector("[data-testid=minutes-error]")!.TextContent);
        Assert.Null(LoadMeeting(meetingId).MinutesSubmittedAt);

        await kansli.ActAsync(postponed.Id, "Postpone", Form(("Input.Reason", "Mötet hann inte.")));
        var sent = await kansli.SubmitAsync(await kansli.GetAsync(Path(meetingId)), Form(("Confirm", "true")), "form[action$='handler=Submit']");
        Assert.Contains("Protokollet skickades för justering", sent.Text);
        var mails = app.WithDb(db => db.Outbox.Where(o => o.Subject.StartsWith("Protokollet väntar på din justering")).Select(o => new { o.To, o.TextBody }).ToList());
        Assert.Equal([BugSteps.BugAf, BugSteps.BugFk], mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.Contains($"/moten/{meetingId}/protokoll", m.TextBody));

        // Sent minutes are fixed.
        var edit = await SaveAsync(kansli, meetingId, Form(("Input.Attendees", fk), ("Input.Chair", fk), ("Input.Secretary", fk)));
        Assert.Contains("Protokollet är skickat för justering och kan inte ändras.", edit.ErrorText());
        Assert.Equal(3, LoadMeeting(meetingId).Participants.Count);

        // A BUG member who was not chosen cannot justera.
        using (var outsider = await LogInAsync(BugSteps.BugKommun))
        {
            var page = await outsider.GetAsync(Path(meetingId));
            Assert.Null(page.Document.QuerySelector("form[action$='handler=Justify']"));
            var denied = await outsider.PostFromAsync(Path(meetingId), Handler(meetingId, "Justify"), Form(("Confirm", "true")));
            Assert.Contains("Du är inte vald till justerare", denied.ErrorText());
            Assert.All(LoadMeeting(meetingId).Justifiers, j => Assert.Null(j.ConfirmedAt));
        }

        var firstAt = app.Clock.GetUtcNow();
        using (var first = await LogInAsync(BugSteps.BugFk))
        {
            var page = await first.GetAsync(Path(meetingId));
            var unconfirmed = await first.SubmitAsync(page, Form(), "form[action$='handler=Justify']");
            Assert.Contains("Kryssa i rutan", unconfirmed.ErrorText());
            var done = await first.SubmitAsync(await first.GetAsync(Path(meetingId)), Form(("Confirm", "true")), "form[action$='handler=Justify']");
            Assert.Contains("Det låses när alla justerare har justerat", done.Text);
        }
        var halfway = LoadMeeting(meetingId);
        Assert.Equal(firstAt, halfway.Justifiers.Single(j => j.UserId == fk).ConfirmedAt);
        Assert.False(halfway.MinutesLocked);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var lockedAt = app.Clock.GetUtcNow();
        using (var second = await LogInAsync(BugSteps.BugAf))
        {
            var done = await second.SubmitAsync(await second.GetAsync(Path(meetingId)), Form(("Confirm", "true")), "form[action$='handler=Justify']");
            Assert.Contains("protokollet är låst", done.Text);
            Assert.Contains($"Justerat och låst {Stockholm.Format(lockedAt)}", done.Document.QuerySelector("[data-testid=minutes-stage]")!.TextContent);
        }
        var locked = LoadMeeting(meetingId);
        Assert.Equal(lockedAt, locked.MinutesFinalisedAt);
        Assert.Equal(1, locked.FirstParagraph);

        // Locked minutes refuse edits; the page still shows who attended.
        var late = await SaveAsync(kansli, meetingId, Form(("Input.Attendees", fk), ("Input.Chair", fk), ("Input.Secretary", fk)));
        Assert.Contains("Protokollet är justerat och låst och kan inte ändras.", late.ErrorText());
        var after = await kansli.GetAsync(Path(meetingId));
        Assert.Null(after.Document.QuerySelector("form[action$='handler=Save']"));
        Assert.Contains("Anders Nyström", after.Document.QuerySelector("[data-testid=present]")!.TextContent);
        Assert.Contains("Maria Holmberg", after.Document.QuerySelector("[data-testid=present]")!.TextContent);
        Assert.Equal(3, LoadMeeting(meetingId).Participants.Count);

        // The final PDF: §, each decision in words, attendees, protokollförare and justerare; tagged, titled, Swedish.
        var response = await reader.GetAsync(Handler(meetingId, "Pdf"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var pdf = PdfText.Read(bytes);
        var words = locked.Numbered.Select(i => i.DecisionText!).ToList();
        Assert.Equal(2, words.Count);
        var references = locked.Numbered.Select(i => i.CaseId == concluded.Id ? concluded.Reference : postponed.Reference).ToList();
        Assert.Contains($"§ 1 Ärende {references[0]}", pdf.Flat);
        Assert.Contains($"§ 2 Ärende {references[1]}", pdf.Flat);
        // A conclusion's words run over several lines (summary, answer); the text read back joins them with spaces.
        foreach (var w in words) Assert.Contains($"Beslut: {string.Join(' ', w.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}", pdf.Flat);
        Assert.Contains("Försäkringskassan Anders Nyström", pdf.Flat);
        Assert.Contains("Arbetsförmedlingen Eva Sandberg", pdf.Flat);
        Assert.Contains("Ordförande Anders Nyström", pdf.Flat);
        Assert.Contains("Protokollförare Maria Holmberg", pdf.Flat);
        Assert.Contains("Justerare Anders Nyström, Eva Sandberg", pdf.Flat);
        Assert.Contains($"Eva Sandberg Justerat {Stockholm.Format(lockedAt)}", pdf.Flat);
        Assert.Contains("Kansliet informerade om nästa års mötesplan.", pdf.Flat);
        Assert.Contains("Sida 1 av", pdf.Flat);
        Assert.DoesNotContain("Utkast", pdf.Flat);
        Assert.DoesNotContain(BugSteps.ReporterName, pdf.Flat);

        var info = Poppler("pdfinfo", bytes);
        Assert.Matches(@"(?m)^Tagged:\s+yes$", info);
        Assert.Matches($@"(?m)^Title:\s+Protokoll BUG-möte {Stockholm.FormatDate(locked.StartsAt)} – Samordningsförbundet Insjöriket$", info);
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal("sv-SE", document.Internals.Catalog.Elements.GetString("/Lang"));
        Assert.Contains("Protokollförare Maria Holmberg", System.Text.RegularExpressions.Regex.Replace(Poppler("pdftotext", bytes, "-"), @"\s+", " "));
    }

    [Fact]
    public async Task Paragraph_numbers_run_on_across_the_meetings_of_a_year_and_locking_fixes_them()
    {
        var now = app.Clock.GetUtcNow();
        var year = Stockholm.ToLocal(now).Year + 2;
        DateTimeOffset On(int y, int month, int day) => Stockholm.ToUtc(new DateOnly(y, month, day), new TimeOnly(9, 0));
        int Plan(string forbund, DateTimeOffset at, params string[] items) => app.WithDb(db =>
        {
            var m = Meeting.Plan(app.ForbundId(forbund), at, "Kommunhuset", null, null, 14, now);
            foreach (var title in items) m.AddFreeItem(AgendaItemKind.Information, title, null, now);
            db.Meetings.Add(m);
            db.SaveChanges();
            return m.Id;
        });
        Plan("INS", On(year - 1, 11, 10), "Förra årets punkt 1", "Förra årets punkt 2");
        var february = Plan("INS", On(year, 2, 10), "Budget", "Verksamhetsplan");
        var cancelled = Plan("INS", On(year, 3, 1), "Ställs in 1", "Ställs in 2", "Ställs in 3");
        Plan("SNB", On(year, 3, 15), "Annat förbund");
        var april = Plan("INS", On(year, 4, 10), "Uppföljning", "Struken");
        await app.WithScopeAsync(async s =>
        {
            var kansli = new CaseActorContext(app.UserId(Kansli), [CaseActor.Kansli], []);
            Assert.Null(await s.GetRequiredService<MeetingCommands>().CancelAsync(cancelled, kansli, "Lokalen är upptagen.", PublicUrl));
        });
        await app.WithDbAsync(async db =>
        {
            var m = await db.Meetings.AsTracking().Include(x => x.Items).SingleAsync(x => x.Id == april);
            m.RemoveItem(m.Items.Single(i => i.Title == "Struken"), AgendaRemoval.Removed, null, now);
            return await db.SaveChangesAsync();
        });
        app.Clock.Advance(On(year, 4, 10).AddHours(3) - now);

        using var kansliBrowser = await LogInAsync(Kansli);
        string Numbers(Browserless.Page page) => string.Join(" | ", page.Document.QuerySelectorAll("[data-testid=decisions] h3").Select(h => h.TextContent.Trim()));
        Assert.Equal("§ 1 Budget | § 2 Verksamhetsplan", Numbers(await kansliBrowser.GetAsync(Path(february))));
        Assert.Equal("§ 3 Uppföljning", Numbers(await kansliBrowser.GetAsync(Path(april))));

        // February's minutes are justerade and locked with § 1 and 2 (no case item waits for a decision).
        var fk = app.UserId(BugSteps.BugFk);
        var saved = await kansliBrowser.SubmitAsync(await kansliBrowser.GetAsync(Path(february)), new Dictionary<string, string>
        {
            ["Input.Attendees"] = fk, ["Input.Chair"] = fk, ["Input.Secretary"] = fk, ["Input.Justifiers"] = fk,
        }, "form[action$='handler=Save']");
        Assert.Contains("Utkastet till protokollet sparades.", saved.Text);
        await kansliBrowser.SubmitAsync(await kansliBrowser.GetAsync(Path(february)), Form(("Confirm", "true")), "form[action$='handler=Submit']");
        using (var member = await LogInAsync(BugSteps.BugFk))
        {
            var done = await member.SubmitAsync(await member.GetAsync(Path(february)), Form(("Confirm", "true")), "form[action$='handler=Justify']");
            Assert.Contains("protokollet är låst", done.Text);
        }
        Assert.Equal(1, LoadMeeting(february).FirstParagraph);
        Assert.Equal("§ 1 Budget | § 2 Verksamhetsplan", Numbers(await kansliBrowser.GetAsync(Path(february))));
        Assert.Equal("§ 3 Uppföljning", Numbers(await kansliBrowser.GetAsync(Path(april))));

        var pdf = PdfText.Read(await (await kansliBrowser.Http.GetAsync(Handler(february, "Pdf"))).Content.ReadAsByteArrayAsync());
        Assert.Contains("§ 1 Budget", pdf.Flat);
        Assert.Contains("§ 2 Verksamhetsplan", pdf.Flat);
    }

    [Fact]
    public async Task A_meeting_not_yet_held_has_no_minutes_to_write()
    {
        var now = app.Clock.GetUtcNow();
        var meetingId = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(20), "Kommunhuset", null, null, 14, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        using var kansli = await LogInAsync(Kansli);
        var page = await kansli.GetAsync(Path(meetingId));
        Assert.Contains("Protokollet kan skrivas först när mötet har börjat.", page.Document.QuerySelector("[data-testid=minutes-refusal]")!.TextContent);
        Assert.Null(page.Document.QuerySelector("form[action$='handler=Save']"));
        var fk = app.UserId(BugSteps.BugFk);
        var refused = await SaveAsync(kansli, meetingId, Form(("Input.Attendees", fk), ("Input.Chair", fk)));
        Assert.Contains("Protokollet kan skrivas först när mötet har börjat.", refused.ErrorText());
        Assert.Empty(LoadMeeting(meetingId).Participants);
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.Http.GetAsync(Handler(meetingId, "DraftPdf"))).StatusCode);
    }

    /// <summary>Runs one of poppler's tools on the PDF (a file, as they read one) and returns what it printed.</summary>
    private static string Poppler(string tool, byte[] pdf, params string[] after)
    {
        var file = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(file);
            foreach (var a in after) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {process.StandardError.ReadToEnd()}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
