using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Meetings;

/// <summary>The agenda sweep run against a real database with the app's clock moved by the test.</summary>
public sealed class AgendaSweepTests : IDisposable
{
    private const string PublicUrl = "https://lexheller.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private int Insjoriket => app.ForbundId("INS");

    private async Task<int> PlanAsync(int daysAhead)
    {
        var now = app.Clock.GetUtcNow();
        return await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(Insjoriket, now.AddDays(daysAhead), "Kommunhuset i Mölndal", null, null, Meeting.DefaultCutoffDays, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
    }

    private async Task<T> SweepAsync<T>(Func<Agendas, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Agendas>());
    }

    private Meeting LoadMeeting(int id) => app.WithDb(db => db.Meetings.AsNoTracking().Include(m => m.Items).Single(m => m.Id == id));

    private CaseState StateOf(int caseId) => app.WithDb(db => db.Cases.Single(c => c.Id == caseId).State);

    private void MoveTo(DateTimeOffset at) => app.Clock.Advance(at - app.Clock.GetUtcNow());

    [Fact]
    public async Task The_agenda_closes_at_its_cut_off_and_is_dispatched_once()
    {
        var meetingId = await PlanAsync(30);
        var ready = await app.FileCaseAsync(CaseState.RedoForBug);
        await SweepAsync(s => s.PlaceReadyCasesAsync());
        Assert.Equal([ready.Id], LoadMeeting(meetingId).Items.Select(i => i.CaseId));

        var cutoff = LoadMeeting(meetingId).AgendaClosesAt;
        MoveTo(cutoff.AddMinutes(-1));
        Assert.Equal(0, await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl)));
        Assert.Equal(CaseState.RedoForBug, StateOf(ready.Id));

        MoveTo(cutoff.AddMinutes(1));
        Assert.Equal(1, await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl)));
        Assert.Equal(0, await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl)));

        Assert.NotNull(LoadMeeting(meetingId).AgendaClosedAt);
        Assert.Equal(CaseState.BehandlasIBug, StateOf(ready.Id));
        var mails = app.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith("Dagordning")).ToList());
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example", "bug.kommun@insjoriket.example", "bug.region@insjoriket.example"],
            mails.Select(m => m.To).Order());
        Assert.All(mails, m =>
        {
            Assert.Contains(ready.Reference, m.TextBody);
            Assert.Contains($"{PublicUrl}/moten/{meetingId}", m.TextBody);
            Assert.DoesNotContain("Remissen från kommunen", m.TextBody);
        });
        var local = LexHeller.Core.Time.Stockholm.ToLocal(LoadMeeting(meetingId).StartsAt);
        Assert.All(mails, m =>
        {
            Assert.Contains("BEGIN:VTIMEZONE", m.CalendarIcs);
            Assert.Contains($"DTSTART;TZID=Europe/Stockholm:{local:yyyyMMdd'T'HHmmss}", m.CalendarIcs);
            Assert.Contains($"UID:bug-meeting-{meetingId}@lexheller", m.CalendarIcs);
        });
        var start = app.WithDb(db => db.CaseEvents.Single(e => e.CaseId == ready.Id && e.Action == "StartReview"));
        Assert.Equal("System", start.ActorRole);
    }

    [Fact]
    public async Task After_downtime_the_sweep_catches_up_and_a_case_ready_after_the_cut_off_waits_for_the_next_meeting()
    {
        var first = await PlanAsync(30);
        var second = await PlanAsync(60);
        var early = await app.FileCaseAsync(CaseState.RedoForBug);
        await SweepAsync(s => s.PlaceReadyCasesAsync());

        // The app was down over the cut-off; a case became ready meanwhile.
        MoveTo(LoadMeeting(first).AgendaClosesAt.AddDays(3));
        var late = await app.FileCaseAsync(CaseState.RedoForBug);

        Assert.Equal(1, await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl)));
        Assert.Equal([early.Id], LoadMeeting(first).Items.Select(i => i.CaseId));
        Assert.Equal([late.Id], LoadMeeting(second).Items.Select(i => i.CaseId));
        Assert.Equal(CaseState.RedoForBug, StateOf(late.Id));
    }

    [Fact]
    public async Task Two_sweeps_at_once_dispatch_an_agenda_only_once()
    {
        var meetingId = await PlanAsync(20);
        await app.FileCaseAsync(CaseState.RedoForBug);
        await SweepAsync(s => s.PlaceReadyCasesAsync());
        MoveTo(LoadMeeting(meetingId).AgendaClosesAt.AddSeconds(1));
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl))));
        Assert.Equal(1, counts.Sum());
        Assert.Equal(4, app.WithDb(db => db.Outbox.Count(m => m.Subject.StartsWith("Dagordning"))));
        Assert.Equal(1, app.WithDb(db => db.AgendaDispatches.Count()));
    }

    [Fact]
    public async Task A_postponed_case_rolls_to_the_next_meeting()
    {
        var first = await PlanAsync(20);
        var second = await PlanAsync(50);
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        await SweepAsync(s => s.PlaceReadyCasesAsync());
        Assert.Equal([filed.Id], LoadMeeting(first).Items.Select(i => i.CaseId));
        MoveTo(LoadMeeting(first).AgendaClosesAt.AddHours(1));
        await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl));
        Assert.Equal(CaseState.BehandlasIBug, StateOf(filed.Id));

        // The meeting is held and postpones the case (before the meeting's day it would leave the agenda instead).
        MoveTo(LoadMeeting(first).StartsAt.AddHours(1));
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            var c = await db.Cases.Include(x => x.Referrals).SingleAsync(x => x.Id == filed.Id);
            var kansli = new CaseActorContext(app.UserId("kansli@insjoriket.example"), [CaseActor.Kansli], []);
            Assert.True(CaseActions.Postpone(c, kansli, "Mötet hann inte med ärendet.", app.Clock.GetUtcNow()).Fired);
            await db.SaveChangesAsync();
            Assert.Null(await services.GetRequiredService<Agendas>().RecordDecisionAsync(c, CaseTrigger.Postpone));
        });
        await SweepAsync(s => s.PlaceReadyCasesAsync());

        Assert.Equal("Postpone", LoadMeeting(first).Items.Single().Decision);
        Assert.Contains("Mötet hann inte med ärendet.", LoadMeeting(first).Items.Single().DecisionText);
        Assert.Equal([filed.Id], LoadMeeting(second).Items.Select(i => i.CaseId));
    }

    [Fact]
    public async Task A_cancelled_meeting_sends_its_cases_back_to_wait_and_tells_the_members()
    {
        var first = await PlanAsync(20);
        var second = await PlanAsync(50);
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        await SweepAsync(s => s.PlaceReadyCasesAsync());
        Assert.Equal([filed.Id], LoadMeeting(first).Items.Select(i => i.CaseId));
        MoveTo(LoadMeeting(first).AgendaClosesAt.AddHours(1));
        await SweepAsync(s => s.CloseDueAgendasAsync(PublicUrl));
        var kansli = new CaseActorContext(app.UserId("kansli@insjoriket.example"), [CaseActor.Kansli], []);

        Assert.Equal("Skriv varför mötet ställs in.", await SweepAsync(s => s.CancelAsync(first, kansli, "", PublicUrl)));
        Assert.Null(await SweepAsync(s => s.CancelAsync(first, kansli, "För få ledamöter kan komma.", PublicUrl)));
        Assert.Equal("Mötet är redan inställt.", await SweepAsync(s => s.CancelAsync(first, kansli, "Igen.", PublicUrl)));

        Assert.True(LoadMeeting(first).IsCancelled);
        Assert.Equal(CaseState.RedoForBug, StateOf(filed.Id));
        Assert.Equal([filed.Id], LoadMeeting(second).Items.Select(i => i.CaseId));
        Assert.Equal(4, app.WithDb(db => db.Outbox.Count(m => m.Subject.EndsWith("är inställt"))));
    }

    [Fact]
    public async Task A_meeting_that_has_been_held_cannot_be_cancelled()
    {
        var meetingId = await PlanAsync(20);
        MoveTo(LoadMeeting(meetingId).StartsAt.AddHours(2));
        var kansli = new CaseActorContext(app.UserId("kansli@insjoriket.example"), [CaseActor.Kansli], []);
        Assert.Equal("Ett möte som redan har hållits kan inte ställas in.", await SweepAsync(s => s.CancelAsync(meetingId, kansli, "Sent påkommet.", PublicUrl)));
    }

    [Fact]
    public async Task A_referral_is_due_before_the_cut_off_of_the_first_meeting_three_weeks_ahead()
    {
        var today = DateOnly.FromDateTime(LexHeller.Core.Time.Stockholm.ToLocal(app.Clock.GetUtcNow()).DateTime);
        Assert.Equal(today.AddDays(28), await SweepAsync(s => s.DefaultResponseDueAsync(Insjoriket)));

        await PlanAsync(25);                 // its cut-off is within three weeks: too soon
        var later = await PlanAsync(50);
        var cutoff = LexHeller.Core.Time.Stockholm.ToLocal(LoadMeeting(later).AgendaClosesAt);
        Assert.Equal(DateOnly.FromDateTime(cutoff.DateTime).AddDays(-1), await SweepAsync(s => s.DefaultResponseDueAsync(Insjoriket)));
    }
}
