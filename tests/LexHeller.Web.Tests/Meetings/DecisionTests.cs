using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>
/// The kansli records the meeting's decisions at the table, row by row on the meeting page, and cases settled before
/// the meeting leave its agenda. Every step goes through the pages with their form tokens, on the movable clock.
/// </summary>
public sealed class DecisionTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string PublicUrl = "https://lexheller.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private sealed record Setup(int MeetingId, IReadOnlyList<CaseFactory.Filed> Cases, IReadOnlyDictionary<int, int> ItemOf, int? FreeItemId);

    /// <summary>
    /// Plans a meeting 20 days ahead with <paramref name="cases"/> ready cases (and a free information item), sends the
    /// agenda at its cut-off, and with <paramref name="toMeetingDay"/> moves the clock to the meeting's morning.
    /// </summary>
    private async Task<Setup> MeetingAsync(int cases, bool freeItem = false, bool toMeetingDay = true)
    {
        var now = app.Clock.GetUtcNow();
        var meetingId = await app.WithDbAsync(async db =>
        {
            // At one in the afternoon, so that an hour before the meeting is its day whenever the suite runs.
            var startsAt = LexHeller.Core.Time.Stockholm.ToUtc(LexHeller.Core.Time.Stockholm.Today(now).AddDays(20), new TimeOnly(13, 0));
            var m = Meeting.Plan(app.ForbundId("INS"), startsAt, "Kommunhuset", null, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var filed = new List<CaseFactory.Filed>();
        for (var i = 0; i < cases; i++) filed.Add(await app.FileCaseAsync(CaseState.RedoForBug));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        int? freeItemId = null;
        if (freeItem)
            freeItemId = await app.WithDbAsync(async db =>
            {
                var m = await db.Meetings.Include(x => x.Items).SingleAsync(x => x.Id == meetingId);
                var item = m.AddFreeItem(AgendaItemKind.Information, "Rapport från styrelsen", "Styrelsen antog verksamhetsplanen.", app.Clock.GetUtcNow());
                await db.SaveChangesAsync();
                return item.Id;
            });
        var meeting = LoadMeeting(meetingId);
        MoveTo(meeting.AgendaClosesAt.AddMinutes(1));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync(PublicUrl));
        if (toMeetingDay) MoveTo(meeting.StartsAt.AddHours(-1));
        var items = LoadMeeting(meetingId).Items.Where(i => i.CaseId is not null).ToDictionary(i => i.CaseId!.Value, i => i.Id);
        Assert.Equal(filed.Select(c => c.Id).Order(), items.Keys.Order());
        return new Setup(meetingId, filed, items, freeItemId);
    }

    private Meeting LoadMeeting(int id) => app.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Single(m => m.Id == id));

    private AgendaItem Item(int id) => app.WithDb(db => db.AgendaItems.AsNoTracking().Single(i => i.Id == id));

    private void MoveTo(DateTimeOffset at) => app.Clock.Advance(at - app.Clock.GetUtcNow());

    private string Today(int plusDays = 0) =>
        LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow()).AddDays(plusDays).ToString("yyyy-MM-dd");

    private static string FormOf(int itemId, string decision) => $"form[data-decision={decision}]:has(input[name=itemId][value='{itemId}'])";

    /// <summary>Posts one row's decision form as the browser would, without following the redirect.</summary>
    private async Task<Browserless.Page> DecideAsync(Browserless kansli, int meetingId, int itemId, string decision, Dictionary<string, string> fields)
    {
        var page = await kansli.GetAsync($"/moten/{meetingId}");
        return await kansli.SubmitAsync(page, fields, FormOf(itemId, decision), follow: false);
    }

    /// <summary>Everything a decision could change: the case, its history and referrals, the item, the outbox.</summary>
    private string Snapshot(int caseId, int itemId) => app.WithDb(db =>
    {
        var c = db.Cases.AsNoTracking().Single(x => x.Id == caseId);
        var item = db.AgendaItems.AsNoTracking().Single(i => i.Id == itemId);
        return $"{c.State} v{c.Version} published {c.IsPublished} outcome {c.Outcome} events {db.CaseEvents.Count(e => e.CaseId == caseId)} " +
            $"referrals {db.CaseReferrals.Count(r => r.CaseId == caseId)} item {item.Decision}/{item.DecisionText}/{item.RemovedAt} " +
            $"items {db.AgendaItems.Count()} outbox {db.Outbox.Count()}";
    });

    [Fact]
    public async Task The_kansli_records_each_kind_of_decision_row_by_row_and_the_words_are_kept()
    {
        var next = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), app.Clock.GetUtcNow().AddDays(60), "Stadshuset", null, null, Meeting.DefaultCutoffDays, app.Clock.GetUtcNow());
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var s = await MeetingAsync(3, freeItem: true);
        var (concluded, referred, postponed) = (s.Cases[0], s.Cases[1], s.Cases[2]);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        var page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        Assert.NotNull(page.Document.QuerySelector($"li#punkt-{s.ItemOf[concluded.Id]}[tabindex='-1'] details.decision-row fieldset legend"));
        Assert.Equal(3 * 3 + 1, page.Document.QuerySelectorAll("form[data-decision]").Length);

        // Conclude, publishing the answer: back on the same row, with the decision in words.
        var done = await DecideAsync(kansli, s.MeetingId, s.ItemOf[concluded.Id], "Conclude", Form(
            ("Input.Outcome", nameof(CaseOutcome.RaisedToBoard)), ("Input.Summary", "Remisser tappas mellan kommun och AF."),
            ("Input.Answer", "Styrelsen tar upp frågan med huvudmännen."), ("Input.Publish", "true")));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal($"/moten/{s.MeetingId}#punkt-{s.ItemOf[concluded.Id]}", done.Location);
        page = await kansli.GetAsync(done.Location!);
        Assert.Contains($"Beslutet om {concluded.Reference} registrerades.", page.Text);
        var row = page.Document.QuerySelector($"#punkt-{s.ItemOf[concluded.Id]}")!;
        Assert.Contains("BUG beslutar att avsluta ärendet med utfallet ”Lyft till styrelsen”.", row.TextContent);
        Assert.Contains("Svar: Styrelsen tar upp frågan med huvudmännen.", row.TextContent);
        Assert.Contains("Svaret publiceras för förbundets användare.", row.TextContent);
        Assert.Null(row.QuerySelector("form"));
        var c1 = app.Load(concluded.Id);
        Assert.Equal(CaseState.Avslutad, c1.State);
        Assert.True(c1.IsPublished);
        Assert.Equal(nameof(CaseTrigger.Conclude), Item(s.ItemOf[concluded.Id]).Decision);

        // Refer to two parties with a due date: the parties by name and the date are in the words.
        var due = Today(21);
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");
        done = await DecideAsync(kansli, s.MeetingId, s.ItemOf[referred.Id], "Refer", Form(("Input.ReferTo", $"{fk}\u001f{af}"), ("Input.DueDate", due)));
        Assert.Equal($"/moten/{s.MeetingId}#punkt-{s.ItemOf[referred.Id]}", done.Location);
        Assert.Equal($"BUG beslutar att remittera ärendet till Arbetsförmedlingen och Försäkringskassan med svar senast {due}.",
            Item(s.ItemOf[referred.Id]).DecisionText);
        var c2 = app.Load(referred.Id);
        Assert.Equal(CaseState.RemitteradTillPart, c2.State);
        Assert.Equal(new[] { af, fk }.Order(), c2.Referrals.Select(r => r.OrganisationId).Order());
        Assert.All(c2.Referrals, r => Assert.Equal(DateOnly.Parse(due), r.DueDate));

        // Postpone with a reason: the case goes back to waiting and onto the next meeting's agenda.
        done = await DecideAsync(kansli, s.MeetingId, s.ItemOf[postponed.Id], "Postpone", Form(("Input.Reason", "Underlaget från kommunen saknades.")));
        Assert.Equal($"/moten/{s.MeetingId}#punkt-{s.ItemOf[postponed.Id]}", done.Location);
        Assert.Equal("BUG beslutar att skjuta upp ärendet till nästa möte.\nSkäl: Underlaget från kommunen saknades.", Item(s.ItemOf[postponed.Id]).DecisionText);
        Assert.Equal(CaseState.RedoForBug, app.Load(postponed.Id).State);
        Assert.Contains(postponed.Id, LoadMeeting(next).Current.Select(i => i.CaseId));

        // The free item is noted, with a note for the minutes.
        done = await DecideAsync(kansli, s.MeetingId, s.FreeItemId!.Value, AgendaItem.Noted, Form(("Input.Note", "BUG vill se planen i maj.")));
        Assert.Equal($"/moten/{s.MeetingId}#punkt-{s.FreeItemId}", done.Location);
        Assert.Equal("Informationen noterades.\nBUG vill se planen i maj.", Item(s.FreeItemId!.Value).DecisionText);

        // Every item is decided: the page offers no more decision forms and the minutes may go ahead.
        page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        Assert.Empty(page.Document.QuerySelectorAll("form[data-decision]"));
        Assert.Equal(4, page.Document.QuerySelectorAll("[data-testid=agenda] [data-testid=decision] .prose-text").Length);
        Assert.Equal(0, LoadMeeting(s.MeetingId).Undecided);

        // A BUG member reads the decisions but gets no forms.
        using var member = new Browserless(app);
        await member.LoginAsync("bug.fk@insjoriket.example");
        var read = await member.GetAsync($"/moten/{s.MeetingId}");
        Assert.Contains("Informationen noterades.", read.Document.QuerySelector("[data-testid=agenda]")!.TextContent);
        Assert.Empty(read.Document.QuerySelectorAll("form[data-decision]"));
    }

    [Fact]
    public async Task A_decision_made_on_the_case_page_at_the_meeting_gets_the_same_words()
    {
        var s = await MeetingAsync(1);
        var filed = s.Cases[0];
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(filed.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
            ("Input.Summary", "Kommunen ändrade rutinen."), ("Input.Answer", "Remisser kvitteras nu."), ("Input.Publish", "false")));

        var item = Item(s.ItemOf[filed.Id]);
        Assert.Equal(nameof(CaseTrigger.Conclude), item.Decision);
        Assert.Equal(DecisionWords.Concluded(CaseOutcome.SolvedLocally, "Kommunen ändrade rutinen.", "Remisser kvitteras nu.", published: false),
            item.DecisionText);
        Assert.EndsWith("Svaret publiceras inte.", item.DecisionText);
        var page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        Assert.Contains("Svar: Remisser kvitteras nu.", page.Document.QuerySelector($"#punkt-{item.Id} [data-testid=decision]")!.TextContent);
    }

    [Fact]
    public async Task A_second_decision_on_an_item_is_refused_and_nothing_changes()
    {
        var s = await MeetingAsync(1, freeItem: true);
        var filed = s.Cases[0];
        var itemId = s.ItemOf[filed.Id];
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var first = await DecideAsync(kansli, s.MeetingId, itemId, "Postpone", Form(("Input.Reason", "Tiden räckte inte.")));
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var before = Snapshot(filed.Id, itemId);

        // The form is gone from the page; a second post (an old tab, a double click) is refused in the row.
        var again = await kansli.PostFromAsync($"/moten/{s.MeetingId}", $"/moten/{s.MeetingId}?handler=Decide",
            Form(("itemId", itemId.ToString()), ("decision", "Conclude"), ("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
                ("Input.Summary", "Löst."), ("Input.Answer", "Löst lokalt.")));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("Mötet har redan beslutat om punkten. Inget är ändrat.",
            again.Document.QuerySelector($"#punkt-{itemId} [data-testid=decision-error]")!.TextContent.Trim());
        Assert.Equal(before, Snapshot(filed.Id, itemId));

        await DecideAsync(kansli, s.MeetingId, s.FreeItemId!.Value, AgendaItem.Noted, []);
        Assert.Equal("Informationen noterades.", Item(s.FreeItemId!.Value).DecisionText);
        var noteAgain = await kansli.PostFromAsync($"/moten/{s.MeetingId}", $"/moten/{s.MeetingId}?handler=Decide",
            Form(("itemId", s.FreeItemId.ToString()!), ("decision", AgendaItem.Noted), ("Input.Note", "En annan anteckning.")));
        Assert.Equal("Mötet har redan beslutat om punkten. Inget är ändrat.",
            noteAgain.Document.QuerySelector($"#punkt-{s.FreeItemId} [data-testid=decision-error]")!.TextContent.Trim());
        Assert.Equal("Informationen noterades.", Item(s.FreeItemId!.Value).DecisionText);
    }

    [Fact]
    public async Task Bad_input_is_refused_next_to_the_rows_fields_and_nothing_changes()
    {
        var s = await MeetingAsync(1);
        var filed = s.Cases[0];
        var itemId = s.ItemOf[filed.Id];
        var prefix = $"#p{itemId}-";
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var before = Snapshot(filed.Id, itemId);

        var noSummary = await DecideAsync(kansli, s.MeetingId, itemId, "Conclude", Form(
            ("Input.Outcome", nameof(CaseOutcome.SolvedLocally)), ("Input.Answer", "Kommunen har ändrat rutinen.")));
        Assert.Equal(HttpStatusCode.OK, noSummary.Status);
        Assert.Equal("Skriv en sammanfattning.", noSummary.Document.QuerySelector($"{prefix}err-summary")!.TextContent);
        // The row's form opens again with what was written, and posts back to the same row.
        Assert.NotNull(noSummary.Document.QuerySelector($"#punkt-{itemId} details.decision-row[open]"));
        Assert.Equal("Kommunen har ändrat rutinen.", noSummary.Document.QuerySelector($"{prefix}an-Conclude")!.TextContent);
        Assert.EndsWith($"#punkt-{itemId}", noSummary.Document.QuerySelector(FormOf(itemId, "Conclude"))!.GetAttribute("action"));
        Assert.Contains("Rätta det som är markerat", noSummary.Document.QuerySelector($"#punkt-{itemId} [data-testid=decision-error]")!.TextContent);

        var fk = app.OrganisationId("Försäkringskassan");
        var past = await DecideAsync(kansli, s.MeetingId, itemId, "Refer", Form(("Input.ReferTo", fk.ToString()), ("Input.DueDate", Today(-1))));
        Assert.Equal("Svarsdatumet måste ligga efter i dag.", past.Document.QuerySelector($"{prefix}err-duedate")!.TextContent);

        var boden = app.OrganisationId("Bodens kommun");
        var foreign = await DecideAsync(kansli, s.MeetingId, itemId, "Refer", Form(("Input.ReferTo", boden.ToString()), ("Input.DueDate", Today(21))));
        Assert.Equal("Välj bland förbundets parter.", foreign.Document.QuerySelector($"{prefix}err-referto")!.TextContent);

        var noReason = await DecideAsync(kansli, s.MeetingId, itemId, "Postpone", Form(("Input.Reason", " ")));
        Assert.Equal("Skriv varför ärendet skjuts upp.", noReason.Document.QuerySelector($"{prefix}err-reason-Postpone")!.TextContent);

        var personal = await DecideAsync(kansli, s.MeetingId, itemId, "Postpone", Form(("Input.Reason", "Anna ringde från 070-123 45 67.")));
        Assert.NotEqual("", personal.Document.QuerySelector($"{prefix}err-reason-Postpone")!.TextContent);

        var unknown = await kansli.PostFromAsync($"/moten/{s.MeetingId}", $"/moten/{s.MeetingId}?handler=Decide",
            Form(("itemId", itemId.ToString()), ("decision", "Reopen")));
        Assert.Contains("Välj ett av beslutsalternativen", unknown.Document.QuerySelector($"#punkt-{itemId} [data-testid=decision-error]")!.TextContent);

        Assert.Equal(before, Snapshot(filed.Id, itemId));
    }

    [Fact]
    public async Task Decisions_are_taken_from_the_meeting_day_and_not_before()
    {
        var s = await MeetingAsync(1, toMeetingDay: false);
        var filed = s.Cases[0];
        var itemId = s.ItemOf[filed.Id];
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        var page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        Assert.Empty(page.Document.QuerySelectorAll("form[data-decision]"));
        Assert.StartsWith("Beslut registreras från mötesdagen", page.Document.QuerySelector("[data-testid=decisions-closed]")!.TextContent);
        var before = Snapshot(filed.Id, itemId);
        var early = await kansli.PostFromAsync($"/moten/{s.MeetingId}", $"/moten/{s.MeetingId}?handler=Decide",
            Form(("itemId", itemId.ToString()), ("decision", "Postpone"), ("Input.Reason", "För tidigt.")));
        Assert.StartsWith("Beslut registreras från mötesdagen", early.Document.QuerySelector($"#punkt-{itemId} [data-testid=decision-error]")!.TextContent);
        Assert.Equal(before, Snapshot(filed.Id, itemId));

        // Midnight in Stockholm on the meeting's day: the rows open.
        MoveTo(LexHeller.Core.Time.Stockholm.ToUtc(LexHeller.Core.Time.Stockholm.Today(LoadMeeting(s.MeetingId).StartsAt), TimeOnly.MinValue));
        await kansli.LoginAsync(Kansli); // days later the session has expired
        page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        Assert.Equal(3, page.Document.QuerySelectorAll("form[data-decision]").Length);
    }

    [Fact]
    public async Task A_case_settled_before_the_meeting_drops_off_as_avgjort_fore_motet_and_no_longer_blocks_the_minutes()
    {
        var next = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), app.Clock.GetUtcNow().AddDays(60), "Stadshuset", null, null, Meeting.DefaultCutoffDays, app.Clock.GetUtcNow());
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var s = await MeetingAsync(3, toMeetingDay: false);
        var (settled, postponed, decided) = (s.Cases[0], s.Cases[1], s.Cases[2]);
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);

        // Before the meeting's day the kansli concludes one case and postpones another on their case pages.
        await kansli.ActAsync(settled.Id, "Conclude", Form(("Input.Outcome", nameof(CaseOutcome.SolvedLocally)),
            ("Input.Summary", "Kommunen löste det på egen hand."), ("Input.Answer", "Rutinen är ändrad.")));
        Assert.Equal(CaseState.Avslutad, app.Load(settled.Id).State);
        await kansli.ActAsync(postponed.Id, "Postpone", Form(("Input.Reason", "Väntar på kommunens utredning.")));

        var item = Item(s.ItemOf[settled.Id]);
        Assert.Equal((AgendaRemoval?)AgendaRemoval.SettledBeforeMeeting, item.Removal);
        Assert.Equal(nameof(CaseTrigger.Conclude), item.RemovalOutcome);
        Assert.Null(item.Decision);
        Assert.Equal((AgendaRemoval?)AgendaRemoval.Withdrawn, Item(s.ItemOf[postponed.Id]).Removal);
        Assert.Contains(postponed.Id, LoadMeeting(next).Current.Select(i => i.CaseId));
        // The members, who have the agenda, are told of each of the two changes and nothing else.
        var struck = app.WithDb(db => db.Outbox.Where(o => o.Subject.StartsWith("Punkt struken")).Select(o => new { o.To, o.TextBody }).ToList());
        Assert.Equal(4, struck.Count(m => m.TextBody.Contains($"Ärende {settled.Reference} avgjordes före beredningsgruppens möte")));
        Assert.Equal(4, struck.Count(m => m.TextBody.Contains($"Ärende {postponed.Reference} har strukits från dagordningen")));
        Assert.Equal(8, struck.Count);
        Assert.All(struck, m => Assert.StartsWith("bug.", m.To));

        var page = await kansli.GetAsync($"/moten/{s.MeetingId}");
        var list = page.Document.QuerySelector("[data-testid=settled]")!.TextContent;
        Assert.Contains(settled.Reference, list);
        Assert.Contains("Du har avslutat ärendet.", list);
        Assert.Contains("Utfall: Löst lokalt.", list);
        Assert.Contains("Avgjort före mötet", page.Text);
        Assert.Contains(postponed.Reference, page.Document.QuerySelector("[data-testid=withdrawn]")!.TextContent);
        var agenda = page.Document.QuerySelector("[data-testid=agenda]")!.TextContent;
        Assert.DoesNotContain(settled.Reference, agenda);
        Assert.DoesNotContain(postponed.Reference, agenda);
        Assert.Contains(decided.Reference, agenda);

        // On the day the remaining case is decided at the table; nothing else holds the minutes back.
        MoveTo(LoadMeeting(s.MeetingId).StartsAt.AddHours(1));
        await kansli.LoginAsync(Kansli); // days later the session has expired
        Assert.Equal(1, LoadMeeting(s.MeetingId).Undecided);
        await DecideAsync(kansli, s.MeetingId, s.ItemOf[decided.Id], "Postpone", Form(("Input.Reason", "Mötet hann inte.")));
        var meeting = LoadMeeting(s.MeetingId);
        Assert.Equal(0, meeting.Undecided);
        var attendee = app.UserId("bug.fk@insjoriket.example");
        var now = app.Clock.GetUtcNow();
        Assert.Null(meeting.WriteMinutes([attendee], attendee, attendee, [attendee], null, now));
        Assert.Null(meeting.SubmitMinutes(now));
    }
}
