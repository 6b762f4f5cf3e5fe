using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Inbox.InboxSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>
/// The inbox as a work list: a summary line, age and due date per row, sorting by column header, the filters the
/// start page links to, and reassigning the ticked rows. The clock of this class only moves forward.
/// </summary>
public class InboxWorkTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SharedKansli = "samordnare@lexheller.example";
    private const string SnbReporter = "rapportor@sodranorrbotten.example";

    private async Task<Browserless> KansliAsync(string email = Kansli)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    /// <summary>
    /// Moves the clock to noon in Stockholm, <paramref name="days"/> days after <paramref name="from"/>, and logs the
    /// kansli in again (a session does not last for days); returns the new browser, the old one is done.
    /// </summary>
    private async Task<Browserless> MoveToAsync(Browserless old, DateOnly from, int days)
    {
        old.Dispose();
        app.Clock.SetUtcNow(Stockholm.ToUtc(from.AddDays(days), new TimeOnly(12, 0)));
        return await KansliAsync();
    }

    /// <summary>Moves the clock as <see cref="MoveToAsync"/> does, before anyone has logged in.</summary>
    private void MoveTo(DateOnly from, int days) => app.Clock.SetUtcNow(Stockholm.ToUtc(from.AddDays(days), new TimeOnly(12, 0)));

    /// <summary>A cell's text as read aloud: white space between words made single.</summary>
    private static string Cell(Browserless.Page page, int caseId, string testId) =>
        string.Join(' ', (page.Document.QuerySelector($"tr[data-case='{caseId}'] [data-testid={testId}]")?.TextContent
            ?? throw new InvalidOperationException($"No {testId} for case {caseId}: {page.Text}")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Each_row_shows_a_summary_the_age_in_days_and_the_due_date_and_says_when_it_is_overdue()
    {
        const string longText = "Kolumnord: personen skickades mellan Försäkringskassan och kommunen i tre månader utan att någon tog ansvar för planeringen av insatserna.";
        var day0 = Today;
        var incoming = await app.FileCaseAsync(whatHappened: longText);
        var referred = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Kolumnord: kort.");
        var handover = await app.FileHandoverAsync("Kolumnord: överlämningen kvitterades aldrig.");
        var from = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == handover)
            .Select(c => db.Organisations.Where(o => o.Id == c.HandoverFromOrganisationId).Select(o => o.Name).Single()).SingleAsync());

        var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=kolumnord");
        var summary = Cell(page, incoming.Id, "summary");
        Assert.EndsWith("…", summary);
        Assert.True(summary.Length <= InboxQuery.SummaryLength + 1, summary);
        var shown = summary.TrimEnd('…');
        Assert.StartsWith(shown, longText);
        Assert.Equal(' ', longText[shown.Length]);
        Assert.Equal("Kolumnord: kort.", Cell(page, referred.Id, "summary"));
        Assert.Equal($"{from} → Arbetsförmedlingen", Cell(page, handover, "summary"));
        Assert.Equal("i dag", Cell(page, incoming.Id, "age"));
        var due = day0.AddDays(28);
        Assert.Equal(due.ToString("yyyy-MM-dd"), Cell(page, referred.Id, "due"));
        Assert.Equal("–", Cell(page, incoming.Id, "due"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=overdue]"));
        Assert.Null(page.Document.QuerySelector("[data-testid=error-summary]"));
        Assert.Equal("table stack", page.Document.QuerySelector("table[data-testid=inbox]")!.ClassName);
        Assert.All(page.Document.QuerySelectorAll("table[data-testid=inbox] tbody td"), td => Assert.False(string.IsNullOrEmpty(td.GetAttribute("data-label"))));

        browser = await MoveToAsync(browser, day0, 1);
        Assert.Equal("1 dag", Cell(await browser.GetAsync("/inkorg?q=kolumnord"), incoming.Id, "age"));
        browser = await MoveToAsync(browser, day0, 12);
        Assert.Equal("12 dagar", Cell(await browser.GetAsync("/inkorg?q=kolumnord"), incoming.Id, "age"));
        // Due on day 28: not overdue that day, overdue the day after.
        browser = await MoveToAsync(browser, day0, 28);
        Assert.DoesNotContain("Försenad", Cell(await browser.GetAsync("/inkorg?q=kolumnord"), referred.Id, "due"));
        browser = await MoveToAsync(browser, day0, 29);
        page = await browser.GetAsync("/inkorg?q=kolumnord");
        Assert.Equal($"{due:yyyy-MM-dd} Försenad", Cell(page, referred.Id, "due"));
        Assert.Equal("29 dagar", Cell(page, referred.Id, "age"));
        Assert.Empty(page.Document.QuerySelectorAll($"tr[data-case='{incoming.Id}'] [data-testid=overdue]"));
        browser.Dispose();
    }

    [Fact]
    public async Task Column_headers_sort_the_list_keep_the_filters_and_mark_the_sorted_column()
    {
        var incoming = await app.FileCaseAsync(whatHappened: "Rubrikord: inkommen först.");
        var day0 = Today;
        MoveTo(day0, 1);
        var early = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Rubrikord: remitterad tidigt.");
        MoveTo(day0, 2);
        var late = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Rubrikord: remitterad sent.");

        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=rubrikord&typ=Avvikelse");
        Assert.Equal([late.Id, early.Id, incoming.Id], page.CaseIds());
        string? Sorted(Browserless.Page p, string header) => p.Document.QuerySelectorAll("table[data-testid=inbox] thead th")
            .Single(th => th.TextContent.Trim() == header).GetAttribute("aria-sort");
        Assert.Equal("descending", Sorted(page, "Inkommen"));
        Assert.Single(page.Document.QuerySelectorAll("thead th[aria-sort]"));
        string Link(Browserless.Page p, string header) => p.Document.QuerySelectorAll("thead th a").Single(a => a.TextContent.Trim() == header).GetAttribute("href")!;
        Assert.Equal("/inkorg?q=rubrikord&typ=Avvikelse&sort=referens", Link(page, "Referens"));
        Assert.Equal("/inkorg?q=rubrikord&typ=Avvikelse&sort=svar", Link(page, "Svar senast"));

        var byDue = await browser.GetAsync(Link(page, "Svar senast"));
        Assert.Equal([early.Id, late.Id, incoming.Id], byDue.CaseIds());
        Assert.Equal("ascending", Sorted(byDue, "Svar senast"));
        Assert.Null(Sorted(byDue, "Inkommen"));
        Assert.Equal("/inkorg?q=rubrikord&typ=Avvikelse", Link(byDue, "Inkommen"));

        var byAge = await browser.GetAsync(Link(page, "Ålder"));
        Assert.Equal([incoming.Id, early.Id, late.Id], byAge.CaseIds());
        Assert.Equal("descending", Sorted(byAge, "Ålder"));
        var byReference = await browser.GetAsync(Link(page, "Referens"));
        Assert.Equal("ascending", Sorted(byReference, "Referens"));
        Assert.Equal("ascending", Sorted(await browser.GetAsync(Link(page, "Status")), "Status"));
        // The old sort values still work and mark no column that does not show them.
        Assert.Empty((await browser.GetAsync("/inkorg?q=rubrikord&sort=andrad")).Document.QuerySelectorAll("thead th[aria-sort]"));
    }

    [Fact]
    public async Task The_waiting_and_referral_filters_find_what_the_start_page_counts()
    {
        var day0 = Today;
        var waitingLong = await app.FileCaseAsync(CaseState.KompletteringBegard, whatHappened: "Väntord: frågan ställdes tidigt.");
        var referredEarly = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Väntord: remiss tidigt.");
        MoveTo(day0, 2);
        var waitingShort = await app.FileCaseAsync(CaseState.KompletteringBegard, whatHappened: "Väntord: frågan ställdes sent.");
        var referredLate = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Väntord: remiss sent.");
        var other = await app.FileCaseAsync(whatHappened: "Väntord: inget väntar.");

        var browser = await KansliAsync();
        // Day 15: the first question was asked 15 days ago, the second 13.
        browser = await MoveToAsync(browser, day0, 15);
        var waiting = await browser.GetAsync($"/inkorg?q=väntord&status=KompletteringBegard&vantar={InboxQuery.ReporterWaitDays}");
        Assert.Equal([waitingLong.Id], waiting.CaseIds());
        Assert.Equal(InboxQuery.ReporterWaitDays.ToString(), waiting.Document.QuerySelector("#vantar option[selected]")!.GetAttribute("value"));
        Assert.Equal([waitingLong.Id], (await browser.GetAsync("/inkorg?q=väntord&vantar=14")).CaseIds());
        Assert.Empty((await browser.GetAsync("/inkorg?q=väntord&remiss=snart")).CaseIds());
        // Day 16 the second was asked exactly 14 days ago, which is not more than 14; day 17 it is.
        browser = await MoveToAsync(browser, day0, 16);
        Assert.Equal([waitingLong.Id], (await browser.GetAsync("/inkorg?q=väntord&vantar=14")).CaseIds());
        browser = await MoveToAsync(browser, day0, 17);
        Assert.Equal([waitingShort.Id, waitingLong.Id], (await browser.GetAsync("/inkorg?q=väntord&vantar=14")).CaseIds());

        // The first referral is due on day 28, the second on day 30.
        browser = await MoveToAsync(browser, day0, 22);
        Assert.Equal([referredEarly.Id], (await browser.GetAsync("/inkorg?q=väntord&remiss=snart")).CaseIds());
        browser = await MoveToAsync(browser, day0, 29);
        Assert.Equal([referredEarly.Id], (await browser.GetAsync("/inkorg?q=väntord&remiss=forsenad")).CaseIds());
        var soon = await browser.GetAsync("/inkorg?q=väntord&remiss=snart");
        Assert.Equal([referredLate.Id], soon.CaseIds());
        Assert.Equal("snart", soon.Document.QuerySelector("#remiss option[selected]")!.GetAttribute("value"));
        // Links keep the new filters.
        Assert.Contains("remiss=snart", soon.Document.QuerySelectorAll("thead th a").First().GetAttribute("href"));

        var all = (await browser.GetAsync("/inkorg?q=väntord")).CaseIds();
        Assert.Equal(5, all.Count);
        foreach (var bad in new[] { "vantar=13", "vantar=abc", "remiss=igår", "remiss=" })
        {
            var shown = await browser.GetAsync($"/inkorg?q=väntord&{bad}");
            Assert.True(all.SequenceEqual(shown.CaseIds()), $"{bad}: {shown.Status} {string.Join(",", shown.CaseIds())}");
            Assert.Null(shown.Document.QuerySelector("[data-testid=error-summary]"));
        }
        Assert.Contains(other.Id, all);
        browser.Dispose();
    }

    private static string Selection(Browserless.Page page, int caseId) =>
        page.Document.QuerySelector($"#valj-{caseId}")!.GetAttribute("value")!;

    [Fact]
    public async Task The_kansli_reassigns_the_ticked_rows_in_one_action()
    {
        var a = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Bulkord: ett.");
        var b = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Bulkord: två.");
        var c = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Bulkord: tre.");
        var untouched = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Bulkord: inte valt.");
        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=bulkord");
        Assert.Empty(page.Document.QuerySelectorAll("form.reassign"));
        Assert.Equal($"Välj {a.Reference}", page.Document.QuerySelector($"label[for=valj-{a.Id}]")!.TextContent);
        Assert.Single(page.Document.QuerySelectorAll("form.bulk-reassign button[type=submit]"));

        var done = await browser.SubmitAsync(page, Form(
            ("valda", string.Join('\u001f', new[] { a, b, c }.Select(x => Selection(page, x.Id)))),
            ("newHandler", app.UserId(SharedKansli))), "form.bulk-reassign");

        Assert.Equal("/inkorg?q=bulkord", done.Url);
        Assert.Contains("Du har fördelat 3 ärenden till Sofia Engström.", done.Document.QuerySelector(".notice[role=status]")!.TextContent);
        foreach (var x in new[] { a, b, c })
            Assert.Equal("Sofia Engström", Cell(done, x.Id, "handler"));
        Assert.Equal("Maria Holmberg", Cell(done, untouched.Id, "handler"));
        var events = await app.WithDbAsync(db => db.CaseEvents.Where(e => e.Action == "Reassigned" && new[] { a.Id, b.Id, c.Id, untouched.Id }.Contains(e.CaseId))
            .Select(e => new { e.CaseId, e.ActorUserId }).ToListAsync());
        Assert.Equal([a.Id, b.Id, c.Id], events.Select(e => e.CaseId).Order());
        Assert.All(events, e => Assert.Equal(app.UserId(Kansli), e.ActorUserId));

        // One case, said in the singular.
        var again = await browser.SubmitAsync(done, Form(("valda", Selection(done, untouched.Id)), ("newHandler", app.UserId(SharedKansli))), "form.bulk-reassign");
        Assert.Contains("Du har fördelat 1 ärende till Sofia Engström.", again.Document.QuerySelector(".notice[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Nothing_ticked_or_no_handler_chosen_is_said_in_the_error_summary_and_changes_nothing()
    {
        var a = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Tomvalsord: ett.");
        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=tomvalsord");

        var none = await browser.SubmitAsync(page, Form(("newHandler", app.UserId(SharedKansli))), "form.bulk-reassign");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        var summary = none.Document.QuerySelector("[data-testid=error-summary]")!;
        Assert.Contains("Välj minst ett ärende att fördela.", summary.TextContent);
        Assert.Equal($"#valj-{a.Id}", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(none.Document.QuerySelector($"#valj-{a.Id}"));
        Assert.Contains("Välj minst ett ärende", none.Document.QuerySelector("#err-valda")!.TextContent);

        var noHandler = await browser.SubmitAsync(page, Form(("valda", Selection(page, a.Id)), ("newHandler", "")), "form.bulk-reassign");
        Assert.Contains("Välj vem i kansliet som ska handlägga ärendena.", noHandler.ErrorText());
        Assert.Equal("#ny-handlaggare", noHandler.Document.QuerySelector("[data-testid=error-summary] a")!.GetAttribute("href"));
        Assert.True(noHandler.Document.QuerySelector($"#valj-{a.Id}")!.HasAttribute("checked"));

        var outsider = await browser.SubmitAsync(page, Form(("valda", Selection(page, a.Id)), ("newHandler", app.UserId(Reporter))), "form.bulk-reassign");
        Assert.Contains("kan bara fördelas till någon som är aktiv i kansliet för Samordningsförbundet Insjöriket", outsider.ErrorText());

        Assert.Equal(app.UserId(Kansli), app.WithDb(db => db.Cases.Single(c => c.Id == a.Id).HandlerUserId));
        Assert.False(app.WithDb(db => db.CaseEvents.Any(e => e.CaseId == a.Id && e.Action == "Reassigned")));
    }

    [Fact]
    public async Task A_ticked_case_changed_by_someone_else_meanwhile_is_named_and_none_is_reassigned()
    {
        var a = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Krockord: ett.");
        var b = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Krockord: två.");
        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=krockord");
        // A colleague corrects one of them after the list was read.
        await app.SetOnlyPartyAsync(b.Id, "Försäkringskassan");

        var stale = await browser.SubmitAsync(page, Form(("valda", Selection(page, a.Id) + '\u001f' + Selection(page, b.Id)),
            ("newHandler", app.UserId(SharedKansli))), "form.bulk-reassign");

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        var said = stale.Document.QuerySelector("[data-testid=error-summary]")!.TextContent;
        Assert.Contains($"Ärende {b.Reference} har ändrats av någon annan", said);
        Assert.Contains("Inget ärende har fördelats.", said);
        Assert.DoesNotContain(a.Reference, said);
        var handlers = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == a.Id || c.Id == b.Id).Select(c => c.HandlerUserId).Distinct().ToListAsync());
        Assert.Equal([app.UserId(Kansli)], handlers);
    }

    [Fact]
    public async Task A_case_of_another_forbund_or_a_draft_among_the_ticked_is_not_found_and_nothing_changes()
    {
        var own = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Grannbulk: eget ärende.");
        var other = await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: SnbReporter, whatHappened: "Grannbulk: annat förbund.");
        var draft = await app.CreateDraftAsync("Grannbulk: utkast.");
        using var browser = await KansliAsync(SharedKansli);
        var page = await browser.GetAsync("/inkorg?q=grannbulk");
        Assert.Equal([own.Id], page.CaseIds());

        foreach (var id in new[] { other.Id, draft, 987654 })
        {
            var posted = await browser.SubmitAsync(page, Form(("valda", Selection(page, own.Id) + '\u001f' + $"{id}:1"), ("newHandler", app.UserId(SharedKansli))),
                "form.bulk-reassign");
            Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        }
        Assert.Equal(app.UserId(Kansli), app.WithDb(db => db.Cases.Single(c => c.Id == own.Id).HandlerUserId));
        Assert.False(app.WithDb(db => db.CaseEvents.Any(e => (e.CaseId == own.Id || e.CaseId == other.Id || e.CaseId == draft) && e.Action == "Reassigned")));
    }
}
