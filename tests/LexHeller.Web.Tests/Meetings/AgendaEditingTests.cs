using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>
/// The kansli's agenda, through the pages as a browser without script uses them, on the movable clock: planning
/// inside the cut-off, editing an open agenda, sending it early, and the changes after it went out that the
/// members are told of one by one. The sweep runs as the recurring job would.
/// </summary>
public sealed class AgendaEditingTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string PublicUrl = "https://lexheller.example";
    private static readonly string[] Members =
        ["bug.af@insjoriket.example", "bug.fk@insjoriket.example", "bug.kommun@insjoriket.example", "bug.region@insjoriket.example"];

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private string Day(int daysAhead) => Today.AddDays(daysAhead).ToString("yyyy-MM-dd");

    private async Task<Browserless> KansliAsync()
    {
        var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        return kansli;
    }

    private static Dictionary<string, string> Meeting(string day, params (string Name, string Value)[] more) =>
        Form([("Input.Date", day), ("Input.Time", "09:00"), ("Input.Place", "Kommunhuset i Mölndal"), .. more]);

    private async Task<int> PlanAsync(Browserless kansli, int daysAhead)
    {
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Meeting(Day(daysAhead)));
        Assert.Contains("Mötet är planerat", page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Agendas>().CloseDueAgendasAsync(PublicUrl);
    }

    private Meeting Load(int id) => app.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Single(m => m.Id == id));

    private int? MeetingOf(int caseId) => app.WithDb(db => db.AgendaItems.Where(i => i.CaseId == caseId && i.RemovedAt == null)
        .OrderByDescending(i => i.Id).Select(i => (int?)i.MeetingId).FirstOrDefault());

    private CaseState StateOf(int caseId) => app.WithDb(db => db.Cases.Single(c => c.Id == caseId).State);

    private List<(string To, string Subject, string Text)> Mails(string subjectStart) => app.WithDb(db => db.Outbox
        .Where(m => m.Subject.StartsWith(subjectStart)).OrderBy(m => m.Id).Select(m => new { m.To, m.Subject, m.TextBody }).ToList()
        .Select(m => (m.To, m.Subject, m.TextBody)).ToList());

    private void MoveTo(DateTimeOffset at) => app.Clock.Advance(at - app.Clock.GetUtcNow());

    /// <summary>Moves the clock; a jump of days outlives the session, so the kansli logs in again.</summary>
    private async Task MoveToAsync(DateTimeOffset at, Browserless kansli)
    {
        MoveTo(at);
        await kansli.LoginAsync(Kansli);
    }

    /// <summary>The agenda page's items as the kansli reads them, in order.</summary>
    private static List<string> Rows(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=agenda-items] tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();

    private static string Status(Browserless.Page page) => page.Document.QuerySelector("[role=status], .notice")?.TextContent.Trim() ?? page.Text;

    private static string Item(Browserless.Page page, string text) =>
        page.Document.QuerySelectorAll("[data-testid=agenda-items] tbody tr").Single(r => r.TextContent.Contains(text)).GetAttribute("data-item")!;

    [Fact]
    public async Task Planning_inside_the_cut_off_asks_first_and_sending_now_puts_the_ready_cases_on_the_agenda()
    {
        var first = await app.FileCaseAsync(CaseState.RedoForBug);
        var second = await app.FileCaseAsync(CaseState.RedoForBug);
        using var kansli = await KansliAsync();

        // A week ahead with a 14-day cut-off: nothing is saved until the kansli has chosen.
        var asked = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Meeting(Day(7)));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Mötet är inte planerat än", asked.Document.QuerySelector("[data-testid=cutoff-warning]")!.TextContent);
        Assert.Contains("2 ärenden som är redo för BUG läggs på dagordningen", asked.Document.QuerySelector("[data-testid=ready-count]")!.TextContent);
        Assert.Equal("Välj när dagordningen ska skickas ut.", asked.Document.QuerySelector("#dispatch-error")!.TextContent);
        Assert.Equal(0, app.WithDb(db => db.Meetings.Count()));
        Assert.Equal(0, await SweepAsync());

        var planned = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "Now")));
        Assert.Contains("Mötet är planerat och dagordningen skickades ut med 2 punkter", planned.Text);
        var id = int.Parse(planned.Url.Split('/')[2]);
        Assert.NotNull(Load(id).AgendaClosedAt);
        Assert.Equal(CaseState.BehandlasIBug, StateOf(first.Id));
        Assert.Equal(CaseState.BehandlasIBug, StateOf(second.Id));
        var mails = Mails("Dagordning");
        Assert.Equal(Members, mails.Select(m => m.To).Order());
        Assert.All(mails, m =>
        {
            Assert.Contains(first.Reference, m.Text);
            Assert.Contains(second.Reference, m.Text);
            Assert.DoesNotContain("Inga ärenden", m.Text);
        });

        // The sweep finds nothing left to send.
        MoveTo(app.Clock.GetUtcNow().AddDays(1));
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task Planning_inside_the_cut_off_never_mails_an_empty_agenda_unconfirmed_and_a_chosen_moment_waits_for_the_cases()
    {
        using var kansli = await KansliAsync();
        var asked = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Meeting(Day(7)));
        Assert.Contains("Inga ärenden är redo för BUG", asked.Document.QuerySelector("[data-testid=ready-count]")!.TextContent);

        var unconfirmed = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "Now")));
        Assert.Contains("Dagordningen är tom", unconfirmed.Document.QuerySelector("#confirm-empty-error")!.TextContent);
        Assert.Equal(0, app.WithDb(db => db.Meetings.Count()));
        Assert.Empty(Mails("Dagordning"));

        var past = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "At"), ("Input.DispatchDate", Day(-1)), ("Input.DispatchTime", "08:00")));
        Assert.Contains("Tidpunkten har redan passerat", past.Document.QuerySelector("#dispatch-date-error")!.TextContent);
        var afterMeeting = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "At"), ("Input.DispatchDate", Day(8)), ("Input.DispatchTime", "08:00")));
        Assert.Equal("Dagordningen måste skickas ut före mötet.", afterMeeting.Document.QuerySelector("#dispatch-date-error")!.TextContent);
        var noTime = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "At")));
        Assert.Equal("Ange datum och tid för utskicket.", noTime.Document.QuerySelector("#dispatch-date-error")!.TextContent);
        Assert.Equal(0, app.WithDb(db => db.Meetings.Count()));

        var planned = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "At"), ("Input.DispatchDate", Day(3)), ("Input.DispatchTime", "08:00")));
        Assert.Contains($"Dagordningen stängs {Day(3)} 08:00", planned.Text);
        var id = int.Parse(planned.Url.Split('/')[2]);
        var moment = Stockholm.ToUtc(Today.AddDays(3), new TimeOnly(8, 0));
        Assert.Equal(moment, Load(id).AgendaClosesAt);

        // A case that becomes ready before the chosen moment goes on this agenda, and it goes out then, once.
        var ready = await app.FileCaseAsync(CaseState.RedoForBug);
        MoveTo(moment.AddMinutes(-1));
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(id, MeetingOf(ready.Id));
        MoveTo(moment.AddMinutes(1));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        Assert.All(Mails("Dagordning"), m => Assert.Contains(ready.Reference, m.Text));
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task Planned_inside_the_cut_off_an_empty_agenda_goes_out_now_only_when_the_kansli_confirms_it()
    {
        using var kansli = await KansliAsync();
        var asked = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"), Meeting(Day(5)));
        var planned = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "Now"), ("Input.ConfirmEmpty", "true")));
        Assert.Contains("dagordningen skickades ut med 0 punkter", planned.Text);
        var mails = Mails("Dagordning");
        Assert.Equal(Members, mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.Contains("Inga ärenden står på dagordningen.", m.Text));
    }

    [Fact]
    public async Task An_empty_agenda_waits_at_its_cut_off_and_the_pages_offer_to_send_it_empty()
    {
        using var kansli = await KansliAsync();
        var id = await PlanAsync(kansli, 30);
        await MoveToAsync(Load(id).AgendaClosesAt.AddHours(1), kansli);

        Assert.Equal(0, await SweepAsync());
        Assert.Null(Load(id).AgendaClosedAt);
        Assert.Empty(Mails("Dagordning"));
        var meetingPage = await kansli.GetAsync($"/moten/{id}");
        Assert.Contains("Dagordningen har inte skickats ut", meetingPage.Document.QuerySelector("[data-testid=agenda-waiting]")!.TextContent);
        Assert.Equal($"/moten/{id}/dagordning", meetingPage.Document.QuerySelector("[data-testid=edit-agenda]")!.GetAttribute("href"));

        var agenda = await kansli.GetAsync($"/moten/{id}/dagordning");
        Assert.Contains("Dagordningen har inte skickats ut", agenda.Document.QuerySelector("[data-testid=agenda-state]")!.TextContent);
        var unconfirmed = await kansli.SubmitAsync(agenda, Form(), "form[action*='handler=SendNow']");
        Assert.Contains("Kryssa i rutan", unconfirmed.Document.QuerySelector("#send-confirm-error")!.TextContent);
        Assert.Null(Load(id).AgendaClosedAt);

        var sent = await kansli.SubmitAsync(agenda, Form(("confirmEmpty", "true")), "form[action*='handler=SendNow']");
        Assert.Contains("Dagordningen skickades ut utan punkter", Status(sent));
        Assert.NotNull(Load(id).AgendaClosedAt);
        Assert.Equal(4, Mails("Dagordning").Count);
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task The_kansli_adds_reorders_and_removes_items_and_sends_the_agenda_early()
    {
        var c1 = await app.FileCaseAsync(CaseState.RedoForBug);
        var c2 = await app.FileCaseAsync(CaseState.RedoForBug);
        using var kansli = await KansliAsync();
        var id = await PlanAsync(kansli, 30);
        var next = await PlanAsync(kansli, 60);
        var c3 = await app.FileCaseAsync(CaseState.RedoForBug);   // ready, but on no agenda yet

        var page = await kansli.GetAsync($"/moten/{id}/dagordning");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([c1.Reference, c2.Reference], Rows(page).Select(r => r[..c1.Reference.Length]));
        Assert.Contains("Dagordningen är öppen", page.Document.QuerySelector("[data-testid=agenda-state]")!.TextContent);

        page = await kansli.SubmitAsync(page, Form(("caseId", c3.Id.ToString())), "[data-testid=add-case]");
        Assert.Contains($"Ärende {c3.Reference} lades till på dagordningen.", Status(page));
        page = await kansli.SubmitAsync(page, Form(("Item.Kind", "Information"), ("Item.Title", "Nytt avtal om samordnad rehabilitering"),
            ("Item.Text", "Förbundschefen berättar om avtalet.")), "[data-testid=add-item]");
        Assert.Contains("Punkten ”Nytt avtal om samordnad rehabilitering” lades till på dagordningen.", Status(page));
        Assert.Equal(4, Rows(page).Count);
        Assert.Contains("Information: Nytt avtal om samordnad rehabilitering", Rows(page)[3]);
        Assert.Contains("Förbundschefen berättar om avtalet.", Rows(page)[3]);

        // Keyboard-friendly ordering: one place at a time.
        page = await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Up']:has(input[value='{Item(page, c3.Reference)}'])");
        Assert.Contains($"Ärende {c3.Reference} flyttades till plats 2", Status(page));
        page = await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Down']:has(input[value='{Item(page, c1.Reference)}'])");
        Assert.Equal([c3.Reference, c1.Reference, c2.Reference], Rows(page).Take(3).Select(r => r[..c1.Reference.Length]));

        // Removed from the open agenda, a case waits for the next meeting and does not come back to this one.
        page = await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Remove']:has(input[value='{Item(page, c2.Reference)}'])");
        Assert.Contains($"Ärende {c2.Reference} togs bort från dagordningen. Ärendet står nu på dagordningen för mötet", Status(page));
        Assert.Equal(next, MeetingOf(c2.Id));
        Assert.Contains("Togs bort före utskicket", page.Document.QuerySelector("[data-testid=agenda-removed]")!.TextContent);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        Assert.Equal(next, MeetingOf(c2.Id));
        Assert.DoesNotContain(c2.Reference, string.Join("|", Rows(await kansli.GetAsync($"/moten/{id}/dagordning"))));

        // Sent early: confirmed, once, with the items in the kansli's order.
        page = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{id}/dagordning"), Form(("confirm", "true")), "form[action*='handler=SendNow']");
        Assert.Contains("Dagordningen skickades ut med 3 punkter", Status(page));
        Assert.Contains("Dagordningen skickades ut", page.Document.QuerySelector("[data-testid=agenda-state]")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("form[action*='handler=Up'], form[action*='handler=SendNow']"));
        var mails = Mails("Dagordning");
        Assert.Equal(Members, mails.Select(m => m.To).Order());
        Assert.All(mails, m =>
        {
            Assert.Contains($"{c3.Reference}, {c1.Reference}", m.Text);
            Assert.DoesNotContain(c2.Reference, m.Text);
            Assert.Contains("Information: Nytt avtal om samordnad rehabilitering", m.Text);
        });
        Assert.Equal(CaseState.BehandlasIBug, StateOf(c1.Id));
        Assert.Equal(CaseState.BehandlasIBug, StateOf(c3.Id));
        Assert.Equal(CaseState.RedoForBug, StateOf(c2.Id));

        MoveTo(Load(id).StartsAt.AddDays(-14).AddHours(1));
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task A_late_case_after_dispatch_is_reviewed_at_once_and_the_members_are_mailed_only_the_addition()
    {
        var onTime = await app.FileCaseAsync(CaseState.RedoForBug);
        using var kansli = await KansliAsync();
        var id = await PlanAsync(kansli, 30);
        await MoveToAsync(Load(id).AgendaClosesAt.AddHours(1), kansli);
        Assert.Equal(1, await SweepAsync());
        var late = await app.FileCaseAsync(CaseState.RedoForBug);

        var page = await kansli.GetAsync($"/moten/{id}/dagordning");
        Assert.Contains("extra ärende", page.Document.QuerySelector("#add-case-hint")!.TextContent);
        page = await kansli.SubmitAsync(page, Form(("caseId", late.Id.ToString())), "[data-testid=add-case]");
        Assert.Contains($"Ärende {late.Reference} lades till som extra ärende", Status(page));
        Assert.Contains("(extra ärende)", Rows(page).Single(r => r.StartsWith(late.Reference)));
        Assert.Equal(CaseState.BehandlasIBug, StateOf(late.Id));
        var start = app.WithDb(db => db.CaseEvents.Single(e => e.CaseId == late.Id && e.Action == "StartReview"));
        Assert.Equal("Kansli", start.ActorRole);

        var additions = Mails("Tillägg till dagordningen");
        Assert.Equal(Members, additions.Select(m => m.To).Order());
        Assert.All(additions, m =>
        {
            Assert.Contains($"Ett extra ärende har lagts till på dagordningen för beredningsgruppens möte {Stockholm.Format(Load(id).StartsAt)}: {late.Reference}.", m.Text);
            Assert.DoesNotContain(onTime.Reference, m.Text);
        });

        // A late free item is told the same way; the sweep sends nothing again.
        await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{id}/dagordning"), Form(("Item.Kind", "Question"), ("Item.Title", "Lokal för nästa möte")), "[data-testid=add-item]");
        Assert.Equal(8, Mails("Tillägg till dagordningen").Count);
        Assert.Contains("Övrig fråga: Lokal för nästa möte", Mails("Tillägg till dagordningen").Last().Text);
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task Withdrawing_a_case_after_dispatch_postpones_it_to_the_next_meeting_and_tells_the_members_of_that_only()
    {
        var withdrawn = await app.FileCaseAsync(CaseState.RedoForBug);
        var stays = await app.FileCaseAsync(CaseState.RedoForBug);
        using var kansli = await KansliAsync();
        var id = await PlanAsync(kansli, 30);
        var next = await PlanAsync(kansli, 60);
        await MoveToAsync(Load(id).AgendaClosesAt.AddHours(1), kansli);
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(CaseState.BehandlasIBug, StateOf(withdrawn.Id));

        var page = await kansli.GetAsync($"/moten/{id}/dagordning");
        var form = $"form[action*='handler=Withdraw']:has(input[value='{Item(page, withdrawn.Reference)}'])";
        var unconfirmed = await kansli.SubmitAsync(page, Form(), form);
        Assert.Contains("Kryssa i rutan för att bekräfta att punkten dras tillbaka.", unconfirmed.Document.QuerySelector("[data-testid=agenda-error]")!.TextContent);
        Assert.Equal(CaseState.BehandlasIBug, StateOf(withdrawn.Id));
        Assert.Empty(Mails("Punkt struken"));

        page = await kansli.SubmitAsync(page, Form(("confirm", "true")), form);
        Assert.Contains($"Ärende {withdrawn.Reference} drogs tillbaka från dagordningen", Status(page));
        Assert.Contains("Drogs tillbaka efter utskicket", page.Document.QuerySelector("[data-testid=agenda-removed]")!.TextContent);
        Assert.Equal(CaseState.RedoForBug, StateOf(withdrawn.Id));
        Assert.Equal(CaseState.BehandlasIBug, StateOf(stays.Id));
        Assert.Equal(next, MeetingOf(withdrawn.Id));
        Assert.Equal("Kansli", app.WithDb(db => db.CaseEvents.Where(e => e.CaseId == withdrawn.Id && e.Action == "Postpone").Select(e => e.ActorRole).Single()));
        Assert.Single(Load(id).Current);

        var told = Mails("Punkt struken");
        Assert.Equal(Members, told.Select(m => m.To).Order());
        Assert.All(told, m =>
        {
            Assert.Contains($"Ärende {withdrawn.Reference} har strukits från dagordningen", m.Text);
            Assert.DoesNotContain(stays.Reference, m.Text);
        });
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(4, Mails("Dagordning").Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Swedish_and_changes_nothing()
    {
        using var kansli = await KansliAsync();
        var id = await PlanAsync(kansli, 30);
        var onIt = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        var otherForbund = await app.FileCaseAsync(CaseState.RedoForBug, reporterEmail: "rapportor@sodranorrbotten.example");
        var screening = await app.FileCaseAsync(CaseState.UnderGranskning);
        var before = app.WithDb(db => db.AgendaItems.Count());
        var action = $"/moten/{id}/dagordning";

        async Task<string> AddCaseAsync(int caseId) =>
            (await kansli.PostFromAsync(action, $"{action}?handler=AddCase", Form(("caseId", caseId.ToString())))) is var p
                ? p.Document.QuerySelector("#add-case-error")?.TextContent ?? $"(no field error) {p.Status} {p.Url} {p.Text}" : "";

        Assert.Equal("Ärendet finns inte.", await AddCaseAsync(otherForbund.Id));
        Assert.Equal("Ärendet finns inte.", await AddCaseAsync(999_999));
        Assert.Contains("Bara ärenden som är redo för BUG", await AddCaseAsync(screening.Id));
        Assert.Equal($"Ärende {onIt.Reference} står redan på dagordningen.", await AddCaseAsync(onIt.Id));
        var none = await kansli.PostFromAsync(action, $"{action}?handler=AddCase", Form());
        Assert.Equal("Välj ett ärende att lägga till.", none.Document.QuerySelector("#add-case-error")!.TextContent);
        Assert.Equal("#add-case", none.Document.QuerySelector("[data-testid=agenda-error] a")!.GetAttribute("href"));

        var page = await kansli.GetAsync(action);
        var noTitle = await kansli.SubmitAsync(page, Form(("Item.Kind", "Question")), "[data-testid=add-item]");
        Assert.Equal("Skriv en rubrik.", noTitle.Document.QuerySelector("#item-title-error")!.TextContent);
        var noKind = await kansli.SubmitAsync(page, Form(("Item.Title", "Lokalfrågan")), "[data-testid=add-item]");
        Assert.Contains("information eller en övrig fråga", noKind.Document.QuerySelector("#item-kind-error")!.TextContent);
        Assert.Equal("Lokalfrågan", noKind.Document.QuerySelector("#item-title")!.GetAttribute("value"));
        var tooLong = await kansli.SubmitAsync(page, Form(("Item.Kind", "Question"), ("Item.Title", new string('x', 201))), "[data-testid=add-item]");
        Assert.Contains("högst 200 tecken", tooLong.Document.QuerySelector("#item-title-error")!.TextContent);
        var personal = await kansli.SubmitAsync(page, Form(("Item.Kind", "Information"), ("Item.Title", "Fråga från anna.svensson@example.se")), "[data-testid=add-item]");
        Assert.Contains("ser ut som en e-postadress", personal.Document.QuerySelector("#item-title-error")!.TextContent);
        Assert.Equal(before, app.WithDb(db => db.AgendaItems.Count()));
        Assert.Equal(CaseState.UnderGranskning, StateOf(screening.Id));
        Assert.Equal(CaseState.RedoForBug, StateOf(otherForbund.Id));

        // Before dispatch there is nothing to withdraw; a removed item is not removed twice.
        var withdraw = await kansli.PostFromAsync(action, $"{action}?handler=Withdraw", Form(("itemId", Item(page, onIt.Reference)), ("confirm", "true")));
        Assert.Contains("Dagordningen är inte utskickad än", withdraw.Document.QuerySelector("[data-testid=agenda-error]")!.TextContent);
        await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Remove']:has(input[value='{Item(page, onIt.Reference)}'])");
        var again = await kansli.SubmitAsync(page, Form(), $"form[action*='handler=Remove']:has(input[value='{Item(page, onIt.Reference)}'])");
        Assert.Contains("Punkten står inte längre på dagordningen.", again.Document.QuerySelector("[data-testid=agenda-error]")!.TextContent);

        // Only the kansli of the meeting's förbund reaches the agenda page.
        foreach (var email in new[] { "kansli@sodranorrbotten.example", "bug.kommun@insjoriket.example", "rapportor@insjoriket.example" })
        {
            using var other = new Browserless(app);
            await other.LoginAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(action)).Status);
        }

        // A cancelled meeting's agenda no longer changes.
        await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{id}"), Form(("reason", "Krockar med budgetmötet."), ("confirm", "true")), "form[action*='handler=Cancel']");
        var cancelled = await kansli.PostFromAsync($"/moten/{id}", $"{action}?handler=AddItem", Form(("Item.Kind", "Question"), ("Item.Title", "Lokalfrågan")));
        Assert.Contains("Mötet är inställt", cancelled.Document.QuerySelector("[data-testid=agenda-error]")!.TextContent);
        Assert.Empty(cancelled.Document.QuerySelectorAll("[data-testid=add-item], [data-testid=send-now]"));
    }
}
