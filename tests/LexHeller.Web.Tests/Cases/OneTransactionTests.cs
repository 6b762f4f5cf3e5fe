using System.Data.Common;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Cases;

/// <summary>
/// Every write command runs in one transaction: a fault at any statement inside it leaves the case, its events,
/// the audit trail, the agendas and the outbox exactly as they were. Each test runs its command once per
/// statement, failing a different statement each time, and finally once without a fault to see that it did
/// change something.
/// </summary>
public sealed class OneTransactionTests(OneTransactionTests.FaultyApp fixture) : IClassFixture<OneTransactionTests.FaultyApp>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";
    private readonly AppFactory app = fixture.App;

    [Fact]
    public async Task Filing_a_report_is_all_or_nothing()
    {
        var user = await UserAsync(Reporter);
        var (forbundId, code, orgId, categoryId) = await app.WithDbAsync(async db =>
        {
            var m = await db.Memberships.Include(x => x.Organisations).Include(x => x.Forbund)
                .FirstAsync(x => x.UserId == user.UserId && x.Role == MembershipRole.Rapportor);
            var category = await db.Categories.Where(k => k.ForbundId == m.ForbundId).Select(k => k.Id).FirstAsync();
            return (m.ForbundId!.Value, m.Forbund!.Code, m.Organisations.First().OrganisationId, category);
        });
        var content = new CaseContent(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(-3)), categoryId,
            "Överlämningen från kommunen kom aldrig fram.", "Personen väntade i fem veckor.", null, Gender.VillEjAnge, AgeBand.Okand, false,
            [new PartyRef(orgId, null)], []);
        var key = Guid.NewGuid();
        await ProvesOneTransactionAsync(null, s => s.GetRequiredService<CaseCommands>().FileAsync(
            new Filing(user.UserId, forbundId, code, orgId, null, key, CaseKind.Avvikelse, Submit: true), _ => content));
    }

    [Fact]
    public async Task Taking_a_case_is_all_or_nothing()
    {
        var filed = await app.FileCaseAsync();
        var kansli = await UserAsync(Kansli);
        await ProvesOneTransactionAsync(filed.Id, s => Fire(s, kansli, filed.Id, CaseTrigger.Take, new TriggerInput()));
    }

    [Fact]
    public async Task Marking_a_case_ready_puts_it_on_the_agenda_in_the_same_transaction()
    {
        await PlanAsync(40);
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var kansli = await UserAsync(Kansli);
        var itemsBefore = app.WithDb(db => db.AgendaItems.Count());
        await ProvesOneTransactionAsync(filed.Id, s => Fire(s, kansli, filed.Id, CaseTrigger.MarkReady, new TriggerInput()));
        Assert.Equal(itemsBefore + 1, app.WithDb(db => db.AgendaItems.Count()));
    }

    [Fact]
    public async Task Concluding_at_a_meeting_records_the_decision_and_the_mail_in_the_same_transaction()
    {
        var meetingId = await PlanAsync(30);
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        var cutoff = app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).AgendaClosesAt);
        app.Clock.Advance(cutoff.AddMinutes(1) - app.Clock.GetUtcNow());
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("https://lexheller.example"));
        Assert.Equal(CaseState.BehandlasIBug, app.WithDb(db => db.Cases.Single(c => c.Id == filed.Id).State));
        // Decided at the meeting: from the meeting's day on (before it, the case would leave the agenda instead).
        app.Clock.Advance(app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).StartsAt) - app.Clock.GetUtcNow());

        var kansli = await UserAsync(Kansli);
        var input = new TriggerInput { Outcome = CaseOutcome.SolvedLocally, Summary = "Rutinen för överlämning är ändrad.", Answer = "Kommunen kvitterar nu varje remiss.", Publish = true };
        await ProvesOneTransactionAsync(filed.Id, s => Fire(s, kansli, filed.Id, CaseTrigger.Conclude, input));
        Assert.Equal("Conclude", app.WithDb(db => db.AgendaItems.Single(i => i.CaseId == filed.Id).Decision));
    }

    [Fact]
    public async Task Concluding_before_the_meeting_takes_the_case_off_the_agenda_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        await PlanAsync(45, filed.Id);
        var kansli = await UserAsync(Kansli);
        await app.WithScopeAsync(s => Fire(s, kansli, filed.Id, CaseTrigger.StartReview, new TriggerInput()));

        var input = new TriggerInput { Outcome = CaseOutcome.SolvedLocally, Summary = "Kommunen löste det själv.", Answer = "Rutinen är ändrad.", Publish = false };
        await ProvesOneTransactionAsync(filed.Id, s => Fire(s, kansli, filed.Id, CaseTrigger.Conclude, input));
        var item = app.WithDb(db => db.AgendaItems.Single(i => i.CaseId == filed.Id));
        Assert.Equal((AgendaRemoval?)AgendaRemoval.SettledBeforeMeeting, item.Removal);
        Assert.Equal("Conclude", item.RemovalOutcome);
    }

    [Fact]
    public async Task Deciding_at_the_meeting_table_records_the_decision_in_words_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        var meetingId = await PlanAsync(50, filed.Id);
        var meeting = app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId));
        app.Clock.Advance(meeting.AgendaClosesAt.AddMinutes(1) - app.Clock.GetUtcNow());
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("https://lexheller.example"));
        app.Clock.Advance(meeting.StartsAt - app.Clock.GetUtcNow());
        var itemId = app.WithDb(db => db.AgendaItems.Single(i => i.CaseId == filed.Id).Id);

        var kansli = await UserAsync(Kansli);
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().DecideAtMeetingAsync(kansli, meetingId, itemId,
            CaseTrigger.Postpone, new TriggerInput { Reason = "Underlaget saknades." }));
        Assert.Contains("Underlaget saknades.", app.WithDb(db => db.AgendaItems.Single(i => i.Id == itemId).DecisionText));
    }

    [Fact]
    public async Task Correcting_a_case_is_all_or_nothing()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var kansli = await UserAsync(Kansli);
        var fk = app.OrganisationId("Försäkringskassan");
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().CorrectAsync(kansli, filed.Id, null, null, [fk]));
    }

    [Fact]
    public async Task Redacting_writes_the_audit_entry_and_purges_the_index_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Remissen från Kungsbacka kom aldrig fram.");
        var kansli = await UserAsync(Kansli);
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().RedactAsync(kansli, filed.Id, null, "Kungsbacka"));
    }

    [Fact]
    public async Task Withdrawing_a_publication_writes_the_audit_entry_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad);
        var kansli = await UserAsync(Kansli);
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().SetPublicationAsync(kansli, filed.Id, null, publish: false));
    }

    [Fact]
    public async Task Asking_the_parties_to_approve_a_text_is_all_or_nothing()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad, publish: false);
        var kansli = await UserAsync(Kansli);
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().SetPublicationAsync(kansli, filed.Id, null, publish: true));
        Assert.Equal(2, app.WithDb(db => db.PublicationApprovals.Count(a => a.CaseId == filed.Id)));
    }

    [Fact]
    public async Task The_last_party_approving_a_text_tells_the_handler_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad, publish: false);
        var kansli = await UserAsync(Kansli);
        await app.WithScopeAsync(s => s.GetRequiredService<CaseCommands>().SetPublicationAsync(kansli, filed.Id, null, publish: true));
        var fk = await UserAsync("bug.fk@insjoriket.example");
        var af = await UserAsync("bug.af@insjoriket.example");
        await app.WithScopeAsync(s => s.GetRequiredService<CaseCommands>().ApprovePublicationAsync(fk, filed.Id, app.OrganisationId("Försäkringskassan")));
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().ApprovePublicationAsync(af, filed.Id, app.OrganisationId("Arbetsförmedlingen")));
        Assert.Contains(app.WithDb(db => db.Outbox.Select(o => o.Subject).ToList()), subject => subject.EndsWith("parterna har godkänt texten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_referral_reminder_is_claimed_and_mailed_in_one_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        // One referral due tomorrow, so the sweep reminds that party now; the other and other tests' referrals are due later.
        // Each referral's claim commits with its own mails: a fault undoes that referral's reminder only.
        var tomorrow = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow()).AddDays(1);
        var fk = app.OrganisationId("Försäkringskassan");
        await app.WithDbAsync(db => db.CaseReferrals.Where(r => r.CaseId == filed.Id && r.OrganisationId == fk).ExecuteUpdateAsync(x => x.SetProperty(r => r.DueDate, tomorrow)));
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<LexHeller.Core.Notifications.ReferralReminderSweep>().RunAsync("http://lexheller.test"));
        Assert.NotNull(app.WithDb(db => db.CaseReferrals.Single(r => r.CaseId == filed.Id && r.OrganisationId == fk).ReminderSentAt));
    }

    [Fact]
    public async Task A_measure_reminder_is_claimed_and_mailed_in_one_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.BehandlasIBug);
        var kansli = await UserAsync(Kansli);
        var today = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow());
        LexHeller.Core.Systemic.SystemicCommands.Made? made = null;
        await app.WithScopeAsync(async s => made = await s.GetRequiredService<LexHeller.Core.Systemic.SystemicCommands>().PlanMeasureAsync(kansli, app.ForbundId("INS"),
            filed.Id, null, new LexHeller.Core.Systemic.MeasureInput("Kommunen inför kvittens på remisser.", app.OrganisationId("Försäkringskassan"), today.AddDays(10), today.AddDays(40))));
        Assert.Equal(CommandStatus.Done, made!.Result.Status);
        // The due date has passed (set directly, so the shared clock stays put for the other tests).
        await app.WithDbAsync(db => db.Measures.Where(m => m.Id == made.Id).ExecuteUpdateAsync(x => x.SetProperty(m => m.DueDate, today.AddDays(-1))));
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<LexHeller.Core.Systemic.MeasureReminderSweep>().RunAsync("http://lexheller.test"));
        Assert.NotNull(app.WithDb(db => db.Measures.Single(m => m.Id == made.Id).DueRemindedFor));
    }

    [Fact]
    public async Task Reassigning_a_case_is_all_or_nothing()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning);
        var kansli = await UserAsync(Kansli);
        var other = app.UserId(LexHeller.Core.Demo.DemoSeeder.SharedKansliEmail);
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().ReassignAsync(kansli, app.ForbundId("INS"), "Insjöriket", filed.Id, other));
    }

    [Fact]
    public async Task The_last_party_answer_moves_the_case_on_in_the_same_transaction()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var fk = await UserAsync("bug.fk@insjoriket.example");
        var af = await UserAsync("bug.af@insjoriket.example");
        await app.WithScopeAsync(s => s.GetRequiredService<CaseCommands>().RespondAsync(fk, filed.Id, app.OrganisationId("Försäkringskassan"), null,
            "Försäkringskassan ser över rutinen.", submit: true));
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<CaseCommands>().RespondAsync(af, filed.Id, app.OrganisationId("Arbetsförmedlingen"), null,
            "Arbetsförmedlingen kvitterar nu varje remiss.", submit: true));
        Assert.Equal(CaseState.Besvarad, app.WithDb(db => db.Cases.Single(c => c.Id == filed.Id).State));
    }

    [Fact]
    public async Task Deleting_a_draft_is_all_or_nothing()
    {
        var user = await UserAsync(Reporter);
        var draftId = await app.WithDbAsync(async db =>
        {
            var m = await db.Memberships.Include(x => x.Organisations).FirstAsync(x => x.UserId == user.UserId && x.Role == MembershipRole.Rapportor);
            var draft = Case.NewDraft(m.ForbundId!.Value, CaseKind.Avvikelse, user.UserId, m.Organisations.First().OrganisationId, Guid.NewGuid(), app.Clock.GetUtcNow());
            db.Cases.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });
        await ProvesOneTransactionAsync(draftId, s => s.GetRequiredService<CaseCommands>().DeleteDraftAsync(user.UserId, draftId));
    }

    [Fact]
    public async Task Planning_a_meeting_puts_the_waiting_cases_on_its_agenda_in_the_same_transaction()
    {
        var waiting = await app.FileCaseAsync(CaseState.RedoForBug);
        var insjoriket = app.ForbundId("INS");
        var at = app.Clock.GetUtcNow().AddDays(300);
        await ProvesOneTransactionAsync(waiting.Id, s => s.GetRequiredService<MeetingCommands>().PlanAsync(insjoriket, at, "Kommunhuset", null, null, Meeting.DefaultCutoffDays));
    }

    [Fact]
    public async Task Moving_a_case_between_agendas_is_all_or_nothing()
    {
        var first = await PlanAsync(200);
        var second = await PlanAsync(230);
        var filed = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        var from = app.WithDb(db => db.AgendaItems.Single(i => i.CaseId == filed.Id).MeetingId);
        var to = from == first ? second : first;
        await ProvesOneTransactionAsync(filed.Id, s => s.GetRequiredService<MeetingCommands>().MoveAsync(from, filed.Id, to));
    }

    [Fact]
    public async Task Cancelling_a_meeting_postpones_its_cases_and_tells_the_members_in_the_same_transaction()
    {
        var meetingId = await PlanAsync(400);
        var kansli = new CaseActorContext(app.UserId(Kansli), [CaseActor.Kansli], []);
        await ProvesOneTransactionAsync(null, s => s.GetRequiredService<MeetingCommands>().CancelAsync(meetingId, kansli, "För få ledamöter kan komma.", "https://lexheller.example"));
        Assert.True(app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).IsCancelled));
    }

    [Fact]
    public async Task Sending_an_agenda_now_places_the_waiting_cases_starts_their_review_and_mails_the_members_in_the_same_transaction()
    {
        var meetingId = await PlanAsync(500);
        var waiting = await app.FileCaseAsync(CaseState.RedoForBug);
        var kansli = new CaseActorContext(app.UserId(Kansli), [CaseActor.Kansli], []);
        // Other tests of this class leave earlier meetings open: the case is put on this one by hand.
        await app.WithScopeAsync(s => s.GetRequiredService<AgendaCommands>().AddCaseAsync(meetingId, kansli, waiting.Id));
        await ProvesOneTransactionAsync(waiting.Id, s => s.GetRequiredService<AgendaCommands>().SendNowAsync(meetingId, kansli, confirmEmpty: false));
        Assert.Equal(CaseState.BehandlasIBug, app.WithDb(db => db.Cases.Single(c => c.Id == waiting.Id).State));
    }

    [Fact]
    public async Task A_late_case_and_a_withdrawal_after_dispatch_change_the_case_and_mail_the_members_in_one_transaction_each()
    {
        var meetingId = await PlanAsync(600);
        await PlanAsync(630);
        var onTime = await app.FileCaseAsync(CaseState.RedoForBug);
        var kansli = new CaseActorContext(app.UserId(Kansli), [CaseActor.Kansli], []);
        await app.WithScopeAsync(s => s.GetRequiredService<AgendaCommands>().AddCaseAsync(meetingId, kansli, onTime.Id));
        await app.WithScopeAsync(s => s.GetRequiredService<AgendaCommands>().SendNowAsync(meetingId, kansli, confirmEmpty: false));
        var late = await app.FileCaseAsync(CaseState.RedoForBug);

        await ProvesOneTransactionAsync(late.Id, s => s.GetRequiredService<AgendaCommands>().AddCaseAsync(meetingId, kansli, late.Id));
        Assert.Equal(CaseState.BehandlasIBug, app.WithDb(db => db.Cases.Single(c => c.Id == late.Id).State));
        var item = app.WithDb(db => db.AgendaItems.Single(i => i.MeetingId == meetingId && i.CaseId == onTime.Id).Id);
        await ProvesOneTransactionAsync(onTime.Id, s => s.GetRequiredService<AgendaCommands>().WithdrawAsync(meetingId, kansli, item, confirm: true));
        Assert.Equal(CaseState.RedoForBug, app.WithDb(db => db.Cases.Single(c => c.Id == onTime.Id).State));
    }

    private static Task<CommandResult> Fire(IServiceProvider s, CaseUser user, int caseId, CaseTrigger trigger, TriggerInput input) =>
        s.GetRequiredService<CaseCommands>().FireAsync(user, caseId, null, trigger, input);

    /// <summary>
    /// Runs the command with a fault at its first statement, then its second, and so on: after each fault nothing has
    /// changed. The run that reaches its end without a fault must have changed something.
    /// </summary>
    private async Task ProvesOneTransactionAsync(int? caseId, Func<IServiceProvider, Task> command)
    {
        var before = Snapshot(caseId);
        for (var n = 1; n <= 80; n++)
        {
            fixture.Fault.Arm(n);
            Exception? thrown = null;
            try
            {
                await app.WithScopeAsync(command);
            }
            catch (Exception e)
            {
                thrown = e;
            }
            var hit = fixture.Fault.Disarm();
            if (hit is null)
            {
                Assert.Null(thrown);
                Assert.True(n > 1, "the command ran no statement at all");
                Assert.NotEqual(before, Snapshot(caseId));
                return;
            }
            Assert.NotNull(thrown);
            // The checkpoint after a redaction runs after the commit (a checkpoint cannot run inside a transaction):
            // failing there, the redaction is whole and only the WAL waits for the next checkpoint.
            if (hit.Contains("wal_checkpoint", StringComparison.Ordinal) || hit.StartsWith("VACUUM", StringComparison.Ordinal)) Assert.NotEqual(before, Snapshot(caseId));
            else Assert.True(before == Snapshot(caseId), $"A fault at statement {n} left a change behind:\n{hit}\nbefore: {before}\nafter: {Snapshot(caseId)}");
        }
        Assert.Fail("The command ran more than 80 statements.");
    }

    private sealed record State(int Cases, int Events, int Audit, int AgendaItems, int Decisions, int Outbox, int Referrals, int Answered,
        int Meetings, int Cancelled, string Case, string Agendas, string Reminders, string Approvals);

    private State Snapshot(int? caseId) => app.WithDb(db => new State(
        db.Cases.Count(), db.CaseEvents.Count(), db.AuditEntries.Count(), db.AgendaItems.Count(), db.AgendaItems.Count(i => i.Decision != null),
        db.Outbox.Count(), db.CaseReferrals.Count(), db.CaseReferrals.Count(r => r.Status != ReferralStatus.Pending),
        db.Meetings.Count(), db.Meetings.Count(m => m.CancelledAt != null),
        caseId is null ? "" : db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => $"{c.State} v{c.Version} handler {c.HandlerUserId} category {c.CategoryId} published {c.IsPublished} text {c.WhatHappened}")
            .FirstOrDefault() ?? "gone",
        string.Join(",", db.AgendaItems.Where(i => i.CaseId == caseId).OrderBy(i => i.Id).Select(i => i.MeetingId)),
        // The reminder sweeps' claims, and the parties' approvals of texts to be published.
        string.Join(",", db.CaseReferrals.OrderBy(r => r.Id).Select(r => $"{r.ReminderSentAt}/{r.OverdueNotifiedAt}"))
            + ";" + string.Join(",", db.Measures.OrderBy(m => m.Id).Select(m => $"{m.DueRemindedFor}/{m.FollowUpRemindedFor}")),
        string.Join(",", db.PublicationApprovals.OrderBy(a => a.CaseId).ThenBy(a => a.OrganisationId).Select(a => $"{a.CaseId}:{a.OrganisationId}:{a.ApprovedAt}"))));

    private Task<CaseUser> UserAsync(string email) => app.CaseUserAsync(email);

    /// <param name="caseId">A case put straight on this agenda (other tests' meetings may come earlier).</param>
    private Task<int> PlanAsync(int daysAhead, int? caseId = null) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow();
        var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(daysAhead), "Kommunhuset i Mölndal", null, null, Meeting.DefaultCutoffDays, now);
        if (caseId is { } id) m.AddCase(id, now);
        db.Meetings.Add(m);
        await db.SaveChangesAsync();
        return m.Id;
    });

    /// <summary>The app with a statement that fails on request.</summary>
    public sealed class FaultyApp : IDisposable
    {
        public FaultInjector Fault { get; } = new();
        public AppFactory App { get; }

        public FaultyApp() => App = AppFactory.WithHost(host => host.ConfigureTestServices(services =>
            services.ConfigureDbContext<LexHellerDb>(o => o.AddInterceptors(Fault))));

        public void Dispose() => App.Dispose();
    }

    /// <summary>Throws on the Nth statement sent after <see cref="Arm"/>, once; remembers which statement it was.</summary>
    public sealed class FaultInjector : DbCommandInterceptor
    {
        private int _countdown;
        private string? _hit;

        public void Arm(int n)
        {
            _hit = null;
            Volatile.Write(ref _countdown, n);
        }

        /// <summary>Stops counting; returns the statement that failed, or null when the run did not reach it.</summary>
        public string? Disarm()
        {
            Volatile.Write(ref _countdown, 0);
            return _hit;
        }

        private void Count(DbCommand command)
        {
            if (Volatile.Read(ref _countdown) <= 0) return;
            if (Interlocked.Decrement(ref _countdown) != 0) return;
            _hit = command.CommandText;
            throw new InvalidOperationException($"Injected fault at: {command.CommandText}");
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, ct);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count(command);
            return base.NonQueryExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
        {
            Count(command);
            return base.ScalarExecutingAsync(command, eventData, result, ct);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count(command);
            return base.ScalarExecuting(command, eventData, result);
        }
    }
}
