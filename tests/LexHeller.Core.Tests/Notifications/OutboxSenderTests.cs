using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using LexHeller.Testing;

namespace LexHeller.Core.Tests.Notifications;

/// <summary>The outbox delivered by MailKit to a real SMTP server on 127.0.0.1, from a real SQLite file.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-outbox-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly SmtpTestServer _smtp = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddDbContext<LexHellerDb>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "t.db")}"))
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private OutboxSender Sender(IMailTransport? transport = null) => new(_services.GetRequiredService<IServiceScopeFactory>(),
        transport ?? Smtp(), _clock, NullLogger<OutboxSender>.Instance);

    private SmtpMailTransport Smtp() =>
        new(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = SmtpSecurity.None, From = "lexheller@insjoriket.example" }));

    private async Task<long> QueueAsync(string to = "anna@molndal.example")
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var mail = new PasswordResetMail(to, "http://localhost/aterstall-losenord?token=abc").ToOutbox(_clock.GetUtcNow());
        db.Outbox.Add(mail);
        await db.SaveChangesAsync();
        return mail.Id;
    }

    private async Task<OutboxMessage> RowAsync(long id)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_due_mail_is_sent_once_as_text_and_html()
    {
        await StartServerAsync();
        var id = await QueueAsync();

        Assert.Equal(1, await Sender().SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));

        var message = Assert.Single(_smtp.Messages);
        Assert.Equal("Återställ ditt lösenord i Lex Heller", message.Subject);
        Assert.Equal("anna@molndal.example", message.To.Mailboxes.Single().Address);
        Assert.Contains("http://localhost/aterstall-losenord?token=abc", message.TextBody);
        Assert.Contains("<a href=", message.HtmlBody);
        Assert.Equal(_clock.GetUtcNow(), (await RowAsync(id)).SentAt);
    }

    [Fact]
    public async Task A_mail_the_server_cannot_take_waits_and_is_retried_later()
    {
        var id = await QueueAsync();
        Assert.Equal(1, await Sender().SendDueAsync(CancellationToken.None));
        var failed = await RowAsync(id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.True(failed.NextAttemptAt > _clock.GetUtcNow());

        await StartServerAsync();
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Sender().SendDueAsync(CancellationToken.None));
        Assert.Single(_smtp.Messages);
        Assert.NotNull((await RowAsync(id)).SentAt);
    }

    [Fact]
    public async Task Senders_running_at_once_deliver_each_mail_once()
    {
        await StartServerAsync();
        for (var i = 0; i < 12; i++) await QueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Sender().SendDueAsync(CancellationToken.None)));
        Assert.Equal(12, _smtp.Messages.Count);
        Assert.Equal(12, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_row_leased_by_a_sender_that_died_is_sent_when_the_lease_runs_out()
    {
        await StartServerAsync();
        var id = await QueueAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var until = _clock.GetUtcNow() + OutboxSender.DefaultLease;
            await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeasedUntil, until).SetProperty(m => m.LeaseOwner, Guid.NewGuid()));
        }
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
        _clock.Advance(OutboxSender.DefaultLease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Sender().SendDueAsync(CancellationToken.None));
        Assert.Single(_smtp.Messages);
        Assert.NotNull((await RowAsync(id)).SentAt);
    }

    [Fact]
    public async Task Mail_to_a_deactivated_user_or_an_unusable_address_is_dropped_with_the_reason_and_the_rest_flow()
    {
        await StartServerAsync();
        long gone, broken, fine;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var now = _clock.GetUtcNow();
            var forbund = new LexHeller.Core.Organisations.Forbund("Samordningsförbundet Test", "TST");
            db.Forbund.Add(forbund);
            await db.SaveChangesAsync();
            var user = new AppUser("borta@kommun.example", "Borta Användare", now) { NormalizedEmail = "BORTA@KOMMUN.EXAMPLE", NormalizedUserName = "BORTA@KOMMUN.EXAMPLE" };
            user.AddMembership(forbund.Id, MembershipRole.Rapportor, [], now).Deactivate(now);
            db.Users.Add(user);
            var mails = new[] { "borta@kommun.example", "inte en adress", "anna@molndal.example" }
                .Select(to => new PasswordResetMail(to, "http://localhost/x").ToOutbox(now)).ToList();
            db.Outbox.AddRange(mails);
            await db.SaveChangesAsync();
            (gone, broken, fine) = (mails[0].Id, mails[1].Id, mails[2].Id);
        }

        await Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal("anna@molndal.example", Assert.Single(_smtp.Messages).To.Mailboxes.Single().Address);
        Assert.Equal("Mottagaren är inaktiverad.", (await RowAsync(gone)).LastError);
        Assert.NotNull((await RowAsync(gone)).DroppedAt);
        Assert.StartsWith("Adressen kan inte användas", (await RowAsync(broken)).LastError);
        Assert.NotNull((await RowAsync(fine)).SentAt);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_meeting_mail_carries_its_calendar_and_its_file_and_mails_of_one_dispatch_share_the_stored_file()
    {
        await StartServerAsync();
        var pdf = "%PDF-1.7 dagordning"u8.ToArray();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var now = _clock.GetUtcNow();
            var meeting = LexHeller.Core.Meetings.Meeting.Plan(1, now.AddDays(30), "Kommunhuset", null, null, 14, now);
            var ics = LexHeller.Core.Meetings.MeetingCalendar.Ics(meeting, "Samordningsförbundet Insjöriket", LexHeller.Core.Meetings.CalendarMethod.Request,
                "3 ärenden på dagordningen.", "https://lexheller.example/moten/7", now);
            var file = new MailAttachment("dagordning-bug.pdf", "application/pdf", pdf, now);
            foreach (var to in new[] { "bug.fk@insjoriket.example", "bug.af@insjoriket.example" })
                db.Outbox.Add(new LexHeller.Core.Meetings.AgendaMail(to, "Samordningsförbundet Insjöriket", now.AddDays(30), "Kommunhuset", null,
                    ["LH-INS-2026-0001"], "https://lexheller.example/moten/7", ics) { Attachment = file }.ToOutbox(now));
            await db.SaveChangesAsync();
        }
        await using (var scope = _services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LexHellerDb>().MailAttachments.CountAsync());

        await Sender().SendDueAsync(CancellationToken.None);
        Assert.Equal(2, _smtp.Messages.Count);
        foreach (var message in _smtp.Messages)
        {
            var parts = message.Attachments.OfType<MimePart>().ToList();
            var calendar = Assert.Single(parts, p => p.ContentType.MimeType == "text/calendar");
            Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
            var text = await DecodeAsync(calendar);
            Assert.Contains("TZID:Europe/Stockholm", System.Text.Encoding.UTF8.GetString(text));
            Assert.Contains("SUMMARY:BUG-möte – Samordningsförbundet Insjöriket", System.Text.Encoding.UTF8.GetString(text));
            var attached = Assert.Single(parts, p => p.ContentType.MimeType == "application/pdf");
            Assert.Equal("dagordning-bug.pdf", attached.FileName);
            Assert.True(attached.IsAttachment);
            Assert.Equal(pdf, await DecodeAsync(attached));
            Assert.Contains("Dagordningen finns också som PDF-fil i brevet.", message.TextBody);
        }
    }

    private static async Task<byte[]> DecodeAsync(MimePart part)
    {
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        return content.ToArray();
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_given_up_and_kept_with_its_reason()
    {
        var id = await QueueAsync();
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++)
        {
            await Sender().SendDueAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromHours(1));
        }
        var row = await RowAsync(id);
        Assert.Equal(OutboxMessage.MaxAttempts, row.Attempts);
        Assert.NotNull(row.DroppedAt);
        Assert.Null(row.SentAt);
        Assert.False(string.IsNullOrEmpty(row.LastError));
        await StartServerAsync();
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_address_the_server_refuses_for_good_is_failed_at_once_with_the_reason_and_the_rest_flow()
    {
        await StartServerAsync();
        _smtp.Refused["finns.inte@kommun.example"] = true;
        var refused = await QueueAsync("finns.inte@kommun.example");
        var fine = await QueueAsync();

        await Sender().SendDueAsync(CancellationToken.None);

        var row = await RowAsync(refused);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Contains("550", row.LastError);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(fine)).Status);
        Assert.Equal("anna@molndal.example", Assert.Single(_smtp.Messages).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_with_growing_back_off_and_then_delivered_once()
    {
        await StartServerAsync();
        _smtp.TemporarilyFailing = true;
        var id = await QueueAsync();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await Sender().SendDueAsync(CancellationToken.None);
            var row = await RowAsync(id);
            Assert.Equal(OutboxStatus.Retrying, row.Status);
            Assert.Contains("451", row.LastError);
            waits.Add(row.NextAttemptAt - _clock.GetUtcNow());
            _clock.Advance(waits[^1]);
        }
        Assert.True(waits[0] < waits[1] && waits[1] < waits[2], string.Join(", ", waits));

        _smtp.TemporarilyFailing = false;
        await Sender().SendDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await Sender().SendDueAsync(CancellationToken.None);
        Assert.Single(_smtp.Messages);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Every_mail_queued_during_an_outage_arrives_exactly_once_when_the_server_is_back()
    {
        var ids = new List<long>();
        for (var i = 0; i < 20; i++) ids.Add(await QueueAsync($"person{i}@kommun.example"));
        // Down for two hours: the sweep runs every minute and finds the server gone.
        for (var minute = 0; minute < 120; minute += 5)
        {
            await Sender().SendDueAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(5));
        }
        Assert.All(await Task.WhenAll(ids.Select(RowAsync)), r => Assert.Equal(OutboxStatus.Retrying, r.Status));

        await StartServerAsync();
        for (var minute = 0; minute < 90; minute += 5)
        {
            await Task.WhenAll(Sender().SendDueAsync(CancellationToken.None), Sender().SendDueAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromMinutes(5));
        }
        var received = _smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(20, received.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"person{i}@kommun.example").Order(), received.Order());
    }

    [Fact]
    public async Task A_job_that_dies_after_some_mails_is_retried_without_sending_any_of_them_again()
    {
        await StartServerAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await QueueAsync($"person{i}@kommun.example"));
        // The job is stopped just before the fourth mail reaches the server (the host shut down, the job was aborted).
        using var abort = new CancellationTokenSource();
        var dying = new CountingTransport(Smtp(), beforeSend: n => { if (n == 4) abort.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(dying).SendDueAsync(abort.Token));
        Assert.Equal(3, _smtp.Messages.Count);

        // Hangfire retries the job; the rows it had leased come free when the lease runs out.
        _clock.Advance(OutboxSender.DefaultLease + TimeSpan.FromSeconds(1));
        await Sender().SendDueAsync(CancellationToken.None);
        await Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(5, _smtp.Messages.Count);
        Assert.Equal(5, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        // The three sent before the stop were handed to the server once only.
        Assert.All(await Task.WhenAll(ids.Take(3).Select(RowAsync)), r => Assert.Equal(1, r.HandOvers));
    }

    [Fact]
    public async Task A_crash_between_the_servers_acceptance_and_the_mark_resends_once_with_the_same_message_id()
    {
        await StartServerAsync();
        var id = await QueueAsync();
        // The server accepted the mail, then the process died before the row was marked: the residual window.
        var crashing = new CountingTransport(Smtp(), afterSend: _ => throw new OperationCanceledException("process killed"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(crashing).SendDueAsync(CancellationToken.None));
        var uncertain = await RowAsync(id);
        Assert.NotNull(uncertain.HandedOverAt);
        Assert.Null(uncertain.SentAt);

        _clock.Advance(OutboxSender.DefaultLease + TimeSpan.FromSeconds(1));
        await Sender().SendDueAsync(CancellationToken.None);

        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Single(_smtp.Messages.Select(m => m.MessageId).Distinct());
        var row = await RowAsync(id);
        Assert.Equal(2, row.HandOvers);
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    [Fact]
    public async Task A_mail_whose_template_fails_is_kept_failed_with_the_reason_and_the_rest_flow()
    {
        await StartServerAsync();
        long broken, fine;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var brokenRow = new BrokenTemplateMail("anna@molndal.example").ToOutbox(_clock.GetUtcNow());
            var fineRow = new PasswordResetMail("bertil@molndal.example", "http://localhost/x").ToOutbox(_clock.GetUtcNow());
            db.Outbox.AddRange(brokenRow, fineRow);
            await db.SaveChangesAsync();
            (broken, fine) = (brokenRow.Id, fineRow.Id);
        }
        await Sender().SendDueAsync(CancellationToken.None);

        var row = await RowAsync(broken);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.StartsWith("Mallfel:", row.LastError);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(fine)).Status);
        Assert.Equal("bertil@molndal.example", Assert.Single(_smtp.Messages).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_failed_mail_can_be_queued_again_and_is_then_delivered()
    {
        await StartServerAsync();
        _smtp.Refused["anna@molndal.example"] = true;
        var id = await QueueAsync();
        await Sender().SendDueAsync(CancellationToken.None);
        Assert.Equal(OutboxStatus.Failed, (await RowAsync(id)).Status);

        _smtp.Refused.Clear();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var row = await db.Outbox.SingleAsync(m => m.Id == id);
            Assert.True(row.Requeue(_clock.GetUtcNow()));
            Assert.False(row.Requeue(_clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        await Sender().SendDueAsync(CancellationToken.None);
        Assert.Single(_smtp.Messages);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
    }

    private sealed record BrokenTemplateMail(string To) : MailMessage(To)
    {
        public override string Subject => "Trasig";
        protected override IEnumerable<string> Paragraphs => throw new InvalidOperationException("Fältet Reference saknas i mallen.");
    }

    /// <summary>Wraps the real transport and counts hand-overs, to stop a job before or after a given mail.</summary>
    private sealed class CountingTransport(IMailTransport inner, Action<int>? beforeSend = null, Action<int>? afterSend = null) : IMailTransport
    {
        private int _count;

        public async Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _count);
            beforeSend?.Invoke(n);
            ct.ThrowIfCancellationRequested();
            await inner.SendAsync(message, ct);
            afterSend?.Invoke(n);
        }
    }

    private Task StartServerAsync() => _smtp.StartAsync();
}
