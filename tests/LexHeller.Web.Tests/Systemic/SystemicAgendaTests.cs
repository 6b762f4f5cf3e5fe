using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The kansli takes a systemfel up at a BUG meeting from the systemfel's page: it stands on the agenda, the agenda PDF
/// and the minutes as "Systemfel: {rubrik}", once per meeting, and the systemfel's history records it.
/// </summary>
public sealed class SystemicAgendaTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<int> PlanAsync(Browserless kansli, int daysAhead)
    {
        var day = Stockholm.Today(app.Clock.GetUtcNow()).AddDays(daysAhead).ToString("yyyy-MM-dd");
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/moten/nytt"),
            Form(("Input.Date", day), ("Input.Time", "09:00"), ("Input.Place", "Kommunhuset i Mölndal")));
        Assert.Contains("Mötet är planerat", page.Text);
        return int.Parse(page.Url.Split('/')[2]);
    }

    [Fact]
    public async Task A_systemfel_put_on_an_open_agenda_reads_as_systemfel_on_the_agenda_its_pdf_and_the_minutes()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var id = await kansli.RegisterSystemicAsync(app, "Remisser fastnar mellan kommun och region");
        var none = await kansli.GetAsync($"/systemfel/{id}");
        Assert.NotEmpty(none.TestId("no-meetings"));

        var meetingId = await PlanAsync(kansli, 30);
        var added = await kansli.SubmitOnAsync($"/systemfel/{id}", "agenda-form", ("Agenda.MeetingId", meetingId.ToString()));
        Assert.Contains("Systemfelet ”Remisser fastnar mellan kommun och region” lades till på dagordningen för BUG-mötet", added.Text);
        Assert.Contains("satte systemfelet på BUG:s dagordning", added.TestId("history"));

        var twice = await kansli.SubmitOnAsync($"/systemfel/{id}", "agenda-form", ("Agenda.MeetingId", meetingId.ToString()));
        Assert.StartsWith("Systemfelet står redan på dagordningen för mötet", twice.Field("agenda-error"));
        Assert.Equal(1, app.WithDb(db => db.AgendaItems.Count(i => i.SystemicProblemId == id)));

        var agenda = await kansli.GetAsync($"/moten/{meetingId}/dagordning");
        Assert.Contains("Systemfel: Remisser fastnar mellan kommun och region", agenda.TestId("agenda-items"));
        using var member = await app.LoggedInAsync("bug.kommun@insjoriket.example");
        var meetingPage = await member.GetAsync($"/moten/{meetingId}");
        Assert.Contains("Systemfel: Remisser fastnar mellan kommun och region", meetingPage.TestId("agenda"));
        Assert.NotNull(meetingPage.Document.QuerySelector($"[data-testid=agenda] a[href='/systemfel/{id}']"));
        Assert.NotNull(agenda.Document.QuerySelector($"[data-testid=agenda-items] a[href='/systemfel/{id}']"));

        var meeting = app.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Include(m => m.Participants).Include(m => m.Justifiers).Single(m => m.Id == meetingId));
        var pdf = AgendaPdf.Render(new AgendaContent("Samordningsförbundet Insjöriket", meeting.StartsAt, meeting.Place, null,
            AgendaPdf.Entries(meeting, new Dictionary<int, (string, string?)>())));
        Assert.Contains("1. Systemfel: Remisser fastnar mellan kommun och region", PdfTextLayer.Of(pdf));
        var minutes = await app.WithDbAsync(db => MinutesContent.LoadAsync(db, meeting));
        var paragraph = Assert.Single(minutes.Paragraphs);
        Assert.Equal("Systemfel: Remisser fastnar mellan kommun och region", paragraph.Heading);
        Assert.Equal("Försäkringskassan kräver att personen står inskriven, Arbetsförmedlingen kräver sjukpenning först.", paragraph.Text);
    }

    [Fact]
    public async Task A_systemfel_added_after_the_agenda_went_out_is_mailed_to_the_members()
    {
        int id, meetingId;
        using (var first = await app.LoggedInAsync(SystemicSteps.InsKansli))
        {
            id = await first.RegisterSystemicAsync(app, "Remisser fastnar mellan kommun och region");
            meetingId = await PlanAsync(first, 20);
        }
        // A case ready for the BUG is on the agenda, which goes out past the cut-off (14 days before the meeting).
        await app.FileCaseAsync(LexHeller.Core.Cases.CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("http://lexheller.test"));
        Assert.NotNull(app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).AgendaClosedAt));
        var before = app.WithDb(db => db.Outbox.Count());

        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var page = await kansli.GetAsync($"/systemfel/{id}");
        Assert.Contains("(dagordningen är utskickad)", page.TestId("agenda-form"));
        var added = await kansli.SubmitOnAsync($"/systemfel/{id}", "agenda-form", ("Agenda.MeetingId", meetingId.ToString()));
        Assert.Contains("lades till på dagordningen för BUG-mötet", added.Text);
        Assert.Contains("Ledamöterna får besked med e-post om ändringen.", added.Text);
        var mails = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Skip(before).Select(o => new { o.To, o.TextBody }).ToList());
        Assert.Contains(mails, m => m.To == "bug.kommun@insjoriket.example");
        Assert.All(mails, m => Assert.Contains("Systemfel: Remisser fastnar mellan kommun och region", m.TextBody));
        Assert.Equal(1, app.WithDb(db => db.AgendaItems.Count(i => i.SystemicProblemId == id && i.MeetingId == meetingId)));
    }

    [Fact]
    public async Task Only_the_owning_kansli_puts_it_on_an_agenda_and_only_on_its_own_forbund_s_meetings()
    {
        using var kansli = await app.LoggedInAsync(SystemicSteps.InsKansli);
        var id = await kansli.RegisterSystemicAsync(app, "Ingen tar emot överlämningen");
        var meetingId = await PlanAsync(kansli, 30);

        using var member = await app.LoggedInAsync("bug.fk@insjoriket.example");
        var refused = await member.PostFromAsync($"/systemfel/{id}", $"/systemfel/{id}?handler=Agenda", Form(("Agenda.MeetingId", meetingId.ToString())));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Status);

        using var other = await app.LoggedInAsync(SystemicSteps.SnbKansli);
        var otherMeeting = await PlanAsync(other, 30);
        var wrong = await kansli.PostFromAsync($"/systemfel/{id}", $"/systemfel/{id}?handler=Agenda", Form(("Agenda.MeetingId", otherMeeting.ToString())));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrong.Status);
        Assert.Equal(0, app.WithDb(db => db.AgendaItems.Count(i => i.SystemicProblemId == id)));
    }
}
