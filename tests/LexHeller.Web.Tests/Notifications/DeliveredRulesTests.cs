using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>
/// The rules written by sweeps and account pages, each delivered by the real sender over SMTP to a server on
/// 127.0.0.1: what arrives, to whom, from which förbund, with which link.
/// </summary>
public sealed class DeliveredRulesTests : IAsyncLifetime
{
    private const string PublicUrl = "https://lexheller.example";
    private readonly MailAppFactory mail = new();
    private AppFactory App => mail.App;

    public Task InitializeAsync() => mail.InitializeAsync();

    public async Task DisposeAsync() => await mail.DisposeAsync();

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static IEnumerable<string> Recipients(IEnumerable<MimeMessage> mails) => mails.Select(m => m.To.Mailboxes.Single().Address).Order();

    private void MoveTo(DateTimeOffset at) => App.Clock.Advance(at - App.Clock.GetUtcNow());

    [Fact]
    public async Task Parties_are_reminded_before_the_due_date_and_the_kansli_told_when_it_has_passed()
    {
        var filed = await App.FileCaseAsync(CaseState.RemitteradTillPart);
        var due = App.WithDb(db => db.CaseReferrals.First(r => r.CaseId == filed.Id).DueDate);
        await mail.DeliverAsync();

        MoveTo(Stockholm.ToUtc(due.AddDays(-3), new TimeOnly(8, 0)));
        await WithAsync<ReferralReminderSweep, (int, int)>(s => s.RunAsync(PublicUrl));
        var reminders = (await mail.DeliverAsync()).Where(m => m.Subject!.Contains("Påminnelse")).ToList();
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example"], Recipients(reminders));
        Assert.All(reminders, m => Assert.Contains($"{PublicUrl}/arenden/ref/{filed.Reference}", m.TextBody));

        MoveTo(Stockholm.ToUtc(due.AddDays(1), new TimeOnly(8, 0)));
        await WithAsync<ReferralReminderSweep, (int, int)>(s => s.RunAsync(PublicUrl));
        var overdue = (await mail.DeliverAsync()).Where(m => m.Subject!.Contains("försenat")).ToList();
        Assert.Equal(4, overdue.Count); // two parties, each to both kansli members
        Assert.Equal(["kansli@insjoriket.example", "samordnare@lexheller.example"], Recipients(overdue).Distinct());
        Assert.All(overdue, m => Assert.Equal("Samordningsförbundet Insjöriket", m.From.Mailboxes.Single().Name));
    }

    [Fact]
    public async Task A_closed_agenda_reaches_every_bug_member_with_the_meeting_as_a_calendar_entry()
    {
        var now = App.Clock.GetUtcNow();
        var meetingId = await App.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(App.ForbundId("INS"), now.AddDays(30), "Kommunhuset i Mölndal", null, null, 14, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var ready = await App.FileCaseAsync(CaseState.RedoForBug);
        await WithAsync<Agendas, int>(s => s.PlaceReadyCasesAsync(App.ForbundId("INS")));
        var cutoff = App.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).AgendaClosesAt);
        MoveTo(cutoff.AddMinutes(1));
        Assert.Equal(1, await WithAsync<Agendas, int>(s => s.CloseDueAgendasAsync(PublicUrl)));

        var agenda = (await mail.DeliverAsync()).Where(m => m.Subject!.StartsWith("Dagordning")).ToList();
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example", "bug.kommun@insjoriket.example", "bug.region@insjoriket.example"], Recipients(agenda));
        Assert.All(agenda, m =>
        {
            Assert.Contains(ready.Reference, m.TextBody);
            Assert.Contains($"{PublicUrl}/moten/{meetingId}", m.TextBody);
            var calendar = Assert.Single(m.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "text/calendar");
            Assert.Equal("utf-8", calendar.ContentType.Charset, ignoreCase: true);
        });
    }

    [Fact]
    public async Task The_board_and_bug_are_told_when_a_scheduled_compilation_is_ready()
    {
        MoveTo(Stockholm.ToUtc(new DateOnly(2027, 1, 1), new TimeOnly(3, 0)));
        await WithAsync<CompilationService, int>(s => s.QueueScheduledAsync());
        var monthly = App.WithDb(db => db.Compilations.Single(c => c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && c.PeriodKind == PeriodKind.Month).Id);
        Assert.True(await WithAsync<CompilationService, bool>(s => s.ComputeAsync(monthly, PublicUrl)));

        var ready = (await mail.DeliverAsync()).Where(m => m.Subject!.StartsWith("Sammanställning klar")).ToList();
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example", "bug.kommun@insjoriket.example", "bug.region@insjoriket.example", "styrelse@insjoriket.example"],
            Recipients(ready));
        Assert.All(ready, m => Assert.Contains($"{PublicUrl}/sammanstallningar/{monthly}", m.TextBody));
    }

    [Fact]
    public async Task Invitations_and_password_resets_arrive_with_their_single_use_links()
    {
        using (var kansli = new Browserless(App))
        {
            await kansli.LoginAsync("kansli@insjoriket.example");
            await kansli.InviteAsync("ny.person@molndal.example", "Ny Person", LexHeller.Core.Identity.MembershipRole.Rapportor, [App.OrganisationId("Mölndals stad")]);
        }
        using (var anonymous = new Browserless(App))
            await anonymous.SubmitAsync(await anonymous.GetAsync("/glomt-losenord"), Form(("Email", "rapportor@insjoriket.example")));

        var arrived = await mail.DeliverAsync();
        var invitation = Assert.Single(arrived, m => m.To.Mailboxes.Single().Address == "ny.person@molndal.example");
        Assert.Contains("/inbjudan?token=", invitation.TextBody);
        Assert.Equal("Samordningsförbundet Insjöriket", invitation.From.Mailboxes.Single().Name);
        var reset = Assert.Single(arrived, m => m.To.Mailboxes.Single().Address == "rapportor@insjoriket.example");
        Assert.Contains("/aterstall-losenord?", reset.TextBody);
        Assert.All(App.WithDb(db => db.Outbox.ToList()), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }
}
