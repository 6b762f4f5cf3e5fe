using Ical.Net;
using Ical.Net.CalendarComponents;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using LexHeller.Web.Tests.Bug;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>
/// What the BUG members receive about a meeting, delivered over SMTP to a server on 127.0.0.1: the agenda as a PDF
/// and as a calendar event, and calendar updates when the kansli moves or cancels the meeting (parsed back with
/// Ical.Net). The kansli acts through the pages; the clock is moved by the test.
/// </summary>
public sealed class MeetingMailTests : IAsyncLifetime
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string PublicUrl = "https://lexheller.example";
    private static readonly string[] BugMembers = ["bug.af@insjoriket.example", "bug.fk@insjoriket.example", "bug.kommun@insjoriket.example", "bug.region@insjoriket.example"];
    private readonly MailAppFactory mail = new();
    private AppFactory App => mail.App;

    public Task InitializeAsync() => mail.InitializeAsync();

    public async Task DisposeAsync() => await mail.DisposeAsync();

    private void MoveTo(DateTimeOffset at) => App.Clock.Advance(at - App.Clock.GetUtcNow());

    private string Day(int daysAhead) => Stockholm.Today(App.Clock.GetUtcNow()).AddDays(daysAhead).ToString("yyyy-MM-dd");

    private Meeting LoadMeeting(int id) => App.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Single(m => m.Id == id));

    private async Task<int> PlanAsync(Browserless kansli, int daysAhead, string place = "Kommunhuset i Mölndal")
    {
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"),
            Form(("Input.Date", Day(daysAhead)), ("Input.Time", "09:00"), ("Input.Place", place)));
        Assert.Contains("Mötet är planerat", page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    /// <summary>
    /// Runs the agenda sweep before the cut-off (placing the cases the test made ready) and once it has passed, and
    /// delivers the outbox.
    /// </summary>
    private async Task<IReadOnlyList<MimeMessage>> DispatchAsync(int meetingId)
    {
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        MoveTo(LoadMeeting(meetingId).AgendaClosesAt.AddMinutes(1));
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync(PublicUrl));
        return await mail.DeliverAsync();
    }

    private async Task<Browserless> KansliAsync()
    {
        var kansli = new Browserless(App);
        await kansli.LoginAsync(Kansli);
        return kansli;
    }

    private static MimePart Part(MimeMessage message, string mimeType) =>
        Assert.Single(message.Attachments.OfType<MimePart>(), p => p.ContentType.MimeType == mimeType);

    private static byte[] Decode(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return content.ToArray();
    }

    /// <summary>The calendar a mail carries, read back with Ical.Net, with the method its MIME part announces.</summary>
    private static (Calendar Calendar, CalendarEvent Event, string PartMethod) CalendarIn(MimeMessage message)
    {
        var part = Part(message, "text/calendar");
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(Decode(part)))!;
        return (calendar, Assert.Single(calendar.Events), part.ContentType.Parameters["method"] ?? "");
    }

    private static IEnumerable<string> Recipients(IEnumerable<MimeMessage> mails) => mails.Select(m => m.To.Mailboxes.Single().Address).Order();

    [Fact]
    public async Task The_agenda_mail_carries_the_agenda_as_a_pdf_and_the_meeting_as_a_calendar_event()
    {
        using var kansli = await KansliAsync();
        var meetingId = await PlanAsync(kansli, 30);
        var first = await App.FileCaseAsync(CaseState.RedoForBug);
        var second = await App.FileCaseAsync(CaseState.RedoForBug, category: "Regler som krockar");
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        await App.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == meetingId);
            meeting.AddFreeItem(AgendaItemKind.Information, "Budget för 2027", "Förslaget skickas separat till ledamöterna.", App.Clock.GetUtcNow());
            // The kansli put the second case first.
            meeting.Reorder([meeting.Items.Single(i => i.CaseId == second.Id).Id]);
            return await db.SaveChangesAsync();
        });

        var mails = (await DispatchAsync(meetingId)).Where(m => m.Subject!.StartsWith("Dagordning")).ToList();
        Assert.Equal(BugMembers, Recipients(mails));
        var meeting = LoadMeeting(meetingId);
        var reporter = App.WithDb(db => db.Users.Single(u => u.Email == "rapportor@insjoriket.example").FullName);
        foreach (var message in mails)
        {
            var pdf = Part(message, "application/pdf");
            Assert.True(pdf.IsAttachment);
            Assert.Equal($"dagordning-bug-{Stockholm.FormatDate(meeting.StartsAt)}.pdf", pdf.FileName);
            var read = PdfText.Read(Decode(pdf));
            Assert.StartsWith("Dagordning BUG", read.Info.Title);
            Assert.Contains("Samordningsförbundet Insjöriket", read.Flat);
            Assert.Contains(Stockholm.Format(meeting.StartsAt), read.Flat);
            Assert.Contains("Kommunhuset i Mölndal", read.Flat);
            Assert.Contains($"1. {second.Reference} · Regler som krockar", read.Flat);
            Assert.Contains($"2. {first.Reference} · Överlämning och remiss", read.Flat);
            Assert.Contains("3. Information: Budget för 2027", read.Flat);
            Assert.DoesNotContain("Remissen från kommunen", read.Flat);
            Assert.DoesNotContain("Förslaget skickas separat", read.Flat);
            Assert.DoesNotContain(reporter, read.Flat);

            var (calendar, ev, method) = CalendarIn(message);
            Assert.Equal("REQUEST", calendar.Method);
            Assert.Equal("REQUEST", method);
            Assert.Equal($"bug-meeting-{meetingId}@lexheller", ev.Uid);
            Assert.Equal(0, ev.Sequence);
            Assert.Equal(Stockholm.ToLocal(meeting.StartsAt).DateTime, ev.DtStart!.Value);
            Assert.Equal("Europe/Stockholm", ev.DtStart.TzId);
        }
        // One stored copy of the file, whichever member's mail carries it.
        Assert.Equal(1, App.WithDb(db => db.MailAttachments.Count()));
        Assert.Single(App.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith("Dagordning")).Select(m => m.AttachmentId).Distinct().ToList()));

        using var admin = new Browserless(App);
        await admin.LoginAsync("admin@lexheller.example");
        var outbox = await admin.GetAsync("/utskick?q=Dagordning");
        Assert.Equal(4, outbox.Document.QuerySelectorAll("[data-testid=attachment]")
            .Count(a => a.TextContent == $"Bilaga: dagordning-bug-{Stockholm.FormatDate(meeting.StartsAt)}.pdf"));
    }

    [Fact]
    public async Task A_moved_meeting_updates_the_members_calendar_event_and_a_cancelled_one_takes_it_out()
    {
        using var planner = await KansliAsync();
        var meetingId = await PlanAsync(planner, 30);
        await App.FileCaseAsync(CaseState.RedoForBug);
        var agenda = (await DispatchAsync(meetingId)).First(m => m.Subject!.StartsWith("Dagordning"));
        var was = CalendarIn(agenda).Event;
        var before = LoadMeeting(meetingId).StartsAt;
        // Two weeks have passed: the kansli logs in anew.
        using var kansli = await KansliAsync();

        var details = await kansli.GetAsync($"/moten/{meetingId}");
        var move = await kansli.GetAsync(details.Document.QuerySelector("[data-testid=move-meeting]")!.GetAttribute("href")!);
        Assert.Contains("Ledamöterna får ett e-postbrev med den nya tiden", move.Document.QuerySelector("[data-testid=move-consequence]")!.TextContent);
        Assert.Equal("Kommunhuset i Mölndal", move.Document.QuerySelector("#Input_Place")!.GetAttribute("value"));
        var moved = await kansli.SubmitAsync(move, Form(("Input.Date", Day(32)), ("Input.Time", "13:30"), ("Input.Place", "Rådhuset, sal 2")));
        Assert.Equal($"/moten/{meetingId}", moved.Url);
        var startsAt = Stockholm.ToUtc(DateOnly.Parse(Day(32)), new TimeOnly(13, 30));
        Assert.Contains($"Mötet flyttades till {Stockholm.Format(startsAt)}.", moved.Document.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal($"BUG-möte {Stockholm.Format(startsAt)}", moved.Document.QuerySelector("h1")!.TextContent);

        var movedMails = (await mail.DeliverAsync()).Where(m => m.Subject == $"BUG-mötet {Stockholm.Format(before)} är flyttat").ToList();
        Assert.Equal(BugMembers, Recipients(movedMails));
        Assert.All(movedMails, m =>
        {
            Assert.Contains($"är flyttat till {Stockholm.Format(startsAt)}", m.TextBody);
            var (calendar, ev, method) = CalendarIn(m);
            Assert.Equal(("REQUEST", "REQUEST"), (calendar.Method, method));
            Assert.Equal(was.Uid, ev.Uid);
            Assert.Equal(was.Sequence + 1, ev.Sequence);
            Assert.Equal(Stockholm.ToLocal(startsAt).DateTime, ev.DtStart!.Value);
            Assert.Equal("Rådhuset, sal 2", ev.Location);
        });
        var log = await kansli.GetAsync("/andringslogg");
        Assert.Contains("BUG-möte flyttat", log.Text);
        Assert.Contains("Rådhuset, sal 2", log.Text);

        var cancelled = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{meetingId}"),
            Form(("reason", "För få ledamöter kan komma."), ("confirm", "true")), "form[action*='handler=Cancel']");
        Assert.Contains("Mötet är inställt", cancelled.Document.QuerySelector("[data-testid=agenda-status]")!.TextContent);
        var cancelMails = (await mail.DeliverAsync()).Where(m => m.Subject!.EndsWith("är inställt")).ToList();
        Assert.Equal(BugMembers, Recipients(cancelMails));
        Assert.All(cancelMails, m =>
        {
            var (calendar, ev, method) = CalendarIn(m);
            Assert.Equal(("CANCEL", "CANCEL"), (calendar.Method, method));
            Assert.Equal("CANCELLED", ev.Status);
            Assert.Equal(was.Uid, ev.Uid);
            Assert.Equal(was.Sequence + 2, ev.Sequence);
        });

        // A cancelled meeting stays where it was.
        Assert.Null(cancelled.Document.QuerySelector("[data-testid=move-meeting]"));
        var closed = await kansli.GetAsync($"/moten/{meetingId}/flytta");
        Assert.Equal("Mötet är inställt och kan inte flyttas.", closed.Document.QuerySelector("[data-testid=move-closed]")!.TextContent);
        var refused = await kansli.PostFromAsync($"/moten/{meetingId}/flytta", $"/moten/{meetingId}/flytta",
            Form(("Input.Date", Day(40)), ("Input.Time", "10:00"), ("Input.Place", "Biblioteket")));
        Assert.Contains("Mötet är inställt och kan inte flyttas.", refused.ErrorText());
        Assert.Equal(startsAt, LoadMeeting(meetingId).StartsAt);
        Assert.Empty(await mail.DeliverAsync());
    }

    [Fact]
    public async Task A_meeting_cancelled_before_its_agenda_went_out_sends_no_calendar_and_one_moved_then_tells_no_one()
    {
        using var kansli = await KansliAsync();
        var moving = await PlanAsync(kansli, 40);
        var moved = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{moving}/flytta"),
            Form(("Input.Date", Day(45)), ("Input.Time", "10:00"), ("Input.Place", "Biblioteket")));
        Assert.Contains("Mötet flyttades till", moved.Text);
        Assert.Equal(1, LoadMeeting(moving).CalendarSequence);
        Assert.Equal(Meeting.CutoffFor(LoadMeeting(moving).StartsAt, Meeting.DefaultCutoffDays), LoadMeeting(moving).AgendaClosesAt);

        var cancelling = await PlanAsync(kansli, 30);
        await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{cancelling}"),
            Form(("reason", "Krockar med budgetmötet."), ("confirm", "true")), "form[action*='handler=Cancel']");
        var mails = await mail.DeliverAsync();
        Assert.Equal(BugMembers, Recipients(mails.Where(m => m.Subject!.EndsWith("är inställt"))));
        Assert.All(mails, m => Assert.Empty(m.Attachments));
        Assert.DoesNotContain(mails, m => m.Subject!.EndsWith("är flyttat"));

        // The members who get the agenda of the moved meeting get the event as it now is.
        await App.FileCaseAsync(CaseState.RedoForBug);
        var agenda = (await DispatchAsync(moving)).First(m => m.Subject!.StartsWith("Dagordning"));
        Assert.Equal(1, CalendarIn(agenda).Event.Sequence);
    }

    [Fact]
    public async Task A_meeting_that_has_started_cannot_be_moved_and_bad_input_changes_nothing()
    {
        using var kansli = await KansliAsync();
        var meetingId = await PlanAsync(kansli, 20);
        var planned = LoadMeeting(meetingId);
        var page = await kansli.GetAsync($"/moten/{meetingId}/flytta");

        var past = await kansli.SubmitAsync(page, Form(("Input.Date", Day(-1)), ("Input.Time", "09:00")));
        Assert.Equal("Mötet måste ligga i framtiden.", past.Document.QuerySelector("#date-error")!.TextContent);
        var nowhere = await kansli.SubmitAsync(page, Form(("Input.Date", Day(25)), ("Input.Time", "09:00"), ("Input.Place", ""), ("Input.VideoLink", "")));
        Assert.Equal("Ange en plats eller en videolänk.", nowhere.Document.QuerySelector("#place-error")!.TextContent);
        var noDate = await kansli.SubmitAsync(page, Form(("Input.Date", ""), ("Input.Time", "09:00")));
        Assert.Equal("Ange mötets datum.", noDate.Document.QuerySelector("#date-error")!.TextContent);
        var badLink = await kansli.SubmitAsync(page, Form(("Input.Date", Day(25)), ("Input.Time", "09:00"), ("Input.VideoLink", "teams")));
        Assert.Contains("webbadress", badLink.Document.QuerySelector("#link-error")!.TextContent);
        var personal = await kansli.SubmitAsync(page, Form(("Input.Date", Day(25)), ("Input.Time", "09:00"), ("Input.Place", "Hos Anna, 19121212-1212")));
        Assert.NotEqual("", personal.Document.QuerySelector("#place-error")!.TextContent.Trim());
        var same = await kansli.SubmitAsync(page, Form());
        Assert.Contains("Ange en ny tid, plats eller videolänk.", same.ErrorText());
        var unchanged = LoadMeeting(meetingId);
        Assert.Equal((planned.StartsAt, planned.Place, planned.CalendarSequence), (unchanged.StartsAt, unchanged.Place, unchanged.CalendarSequence));

        MoveTo(planned.StartsAt.AddMinutes(5));
        using var atMeeting = await KansliAsync();
        Assert.Null((await atMeeting.GetAsync($"/moten/{meetingId}")).Document.QuerySelector("[data-testid=move-meeting]"));
        var started = await atMeeting.GetAsync($"/moten/{meetingId}/flytta");
        Assert.Equal("Ett möte som redan har börjat kan inte flyttas.", started.Document.QuerySelector("[data-testid=move-closed]")!.TextContent);
        var refused = await atMeeting.PostFromAsync($"/moten/{meetingId}/flytta", $"/moten/{meetingId}/flytta",
            Form(("Input.Date", Day(10)), ("Input.Time", "09:00"), ("Input.Place", "Biblioteket")));
        Assert.Contains("Ett möte som redan har börjat kan inte flyttas.", refused.ErrorText());
        Assert.Equal(planned.StartsAt, LoadMeeting(meetingId).StartsAt);

        // Only the kansli of the meeting's förbund may move it.
        using var bug = new Browserless(App);
        await bug.LoginAsync("bug.kommun@insjoriket.example");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bug.GetAsync($"/moten/{meetingId}/flytta")).Status);
    }

    [Fact]
    public async Task Moving_an_open_agenda_inside_the_new_cut_off_asks_when_it_goes_out_before_saving()
    {
        using var kansli = await KansliAsync();
        var meetingId = await PlanAsync(kansli, 40);
        var ready = await App.FileCaseAsync(CaseState.RedoForBug);
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        await mail.DeliverAsync();
        var planned = LoadMeeting(meetingId);
        var newDay = Day(6);

        var asked = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{meetingId}/flytta"),
            Form(("Input.Date", newDay), ("Input.Time", "09:00"), ("Input.Place", "Stadshuset")));
        Assert.NotNull(asked.Document.QuerySelector("[data-testid=dispatch-choice]"));
        Assert.Contains("Välj när den ska skickas ut.", asked.Document.QuerySelector("#dispatch-error")!.TextContent);
        Assert.Null(asked.Document.QuerySelector("#confirm-empty"));
        Assert.Equal((planned.StartsAt, planned.AgendaClosesAt, 0), (LoadMeeting(meetingId).StartsAt, LoadMeeting(meetingId).AgendaClosesAt, LoadMeeting(meetingId).CalendarSequence));

        var afterMeeting = await kansli.SubmitAsync(asked, Form(("Input.Dispatch", "senare"), ("Input.DispatchDate", Day(7)), ("Input.DispatchTime", "08:00")));
        Assert.Equal("Dagordningen måste skickas ut före mötet.", afterMeeting.Document.QuerySelector("#dispatch-date-error")!.TextContent);
        Assert.Equal(planned.StartsAt, LoadMeeting(meetingId).StartsAt);

        var chosen = Stockholm.ToUtc(DateOnly.Parse(Day(2)), new TimeOnly(16, 0));
        var saved = await kansli.SubmitAsync(afterMeeting, Form(("Input.Dispatch", "senare"), ("Input.DispatchDate", Day(2)), ("Input.DispatchTime", "16:00")));
        Assert.Contains($"Dagordningen skickas ut {Stockholm.Format(chosen)}.", saved.Document.QuerySelector("[role=status]")!.TextContent);
        var moved = LoadMeeting(meetingId);
        Assert.Equal((Stockholm.ToUtc(DateOnly.Parse(newDay), new TimeOnly(9, 0)), chosen, 1), (moved.StartsAt, moved.AgendaClosesAt, moved.CalendarSequence));
        Assert.Null(moved.AgendaClosedAt);
        Assert.Empty(await mail.DeliverAsync());

        var agenda = (await DispatchAsync(meetingId)).Where(m => m.Subject!.StartsWith("Dagordning")).ToList();
        Assert.Equal(BugMembers, Recipients(agenda));
        Assert.All(agenda, m => Assert.Contains(ready.Reference, m.TextBody));
        Assert.Equal(chosen.AddMinutes(1), LoadMeeting(meetingId).AgendaClosedAt);
    }

    [Fact]
    public async Task An_empty_agenda_goes_out_now_only_when_the_kansli_confirms_it()
    {
        using var kansli = await KansliAsync();
        var meetingId = await PlanAsync(kansli, 40);
        var page = await kansli.GetAsync($"/moten/{meetingId}/flytta");
        var fields = Form(("Input.Date", Day(5)), ("Input.Time", "10:00"), ("Input.Place", "Stadshuset"), ("Input.Dispatch", "nu"));

        var unconfirmed = await kansli.SubmitAsync(page, fields);
        Assert.Contains("Kryssa i rutan", unconfirmed.Document.QuerySelector("#empty-error")!.TextContent);
        Assert.Equal(0, LoadMeeting(meetingId).CalendarSequence);

        fields["Input.ConfirmEmpty"] = "true";
        var sent = await kansli.SubmitAsync(unconfirmed, fields);
        Assert.Contains("Dagordningen skickas ut nu.", sent.Document.QuerySelector("[role=status]")!.TextContent);
        var moved = LoadMeeting(meetingId);
        Assert.Equal(App.Clock.GetUtcNow(), moved.AgendaClosesAt);
        Assert.True(moved.EmptyAgendaConfirmed);
    }
}
