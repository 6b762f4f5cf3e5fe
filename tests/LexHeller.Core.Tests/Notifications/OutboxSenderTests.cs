using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
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
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LexHeller.Core.Tests.Notifications;

/// <summary>The outbox delivered by MailKit to a real SMTP server on 127.0.0.1, from a real SQLite file.</summary>
public sealed class OutboxSenderTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-outbox-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly Inbox _inbox = new();
    private readonly CancellationTokenSource _stop = new();
    private ServiceProvider _services = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddDbContext<LexHellerDb>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "t.db")}"))
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Database.EnsureCreatedAsync();
        _port = FreePort();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private OutboxSender Sender() => new(_services.GetRequiredService<IServiceScopeFactory>(),
        new SmtpMailTransport(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = _port, Security = SmtpSecurity.None, From = "lexheller@insjoriket.example" })),
        _clock, NullLogger<OutboxSender>.Instance);

    private async Task<long> QueueAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var mail = new PasswordResetMail("anna@molndal.example", "http://localhost/aterstall-losenord?token=abc").ToOutbox(_clock.GetUtcNow());
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

        var message = Assert.Single(_inbox.Messages);
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
        Assert.Single(_inbox.Messages);
        Assert.NotNull((await RowAsync(id)).SentAt);
    }

    [Fact]
    public async Task Senders_running_at_once_deliver_each_mail_once()
    {
        await StartServerAsync();
        for (var i = 0; i < 12; i++) await QueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Sender().SendDueAsync(CancellationToken.None)));
        Assert.Equal(12, _inbox.Messages.Count);
        Assert.Equal(12, _inbox.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_row_leased_by_a_sender_that_died_is_sent_when_the_lease_runs_out()
    {
        await StartServerAsync();
        var id = await QueueAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var until = _clock.GetUtcNow() + OutboxSender.Lease;
            await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeasedUntil, until).SetProperty(m => m.LeaseOwner, Guid.NewGuid()));
        }
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
        _clock.Advance(OutboxSender.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Sender().SendDueAsync(CancellationToken.None));
        Assert.Single(_inbox.Messages);
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

        Assert.Equal("anna@molndal.example", Assert.Single(_inbox.Messages).To.Mailboxes.Single().Address);
        Assert.Equal("Mottagaren är inaktiverad.", (await RowAsync(gone)).LastError);
        Assert.NotNull((await RowAsync(gone)).DroppedAt);
        Assert.StartsWith("Adressen kan inte användas", (await RowAsync(broken)).LastError);
        Assert.NotNull((await RowAsync(fine)).SentAt);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Sender().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_meeting_mail_carries_its_calendar_as_a_text_calendar_attachment()
    {
        await StartServerAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
            var now = _clock.GetUtcNow();
            var ics = LexHeller.Core.Meetings.MeetingCalendar.Ics(7, "Samordningsförbundet Insjöriket", now.AddDays(30), "Kommunhuset", null, 3, "https://lexheller.example/moten/7", now);
            db.Outbox.Add(new LexHeller.Core.Meetings.AgendaMail("bug.fk@insjoriket.example", "Samordningsförbundet Insjöriket", now.AddDays(30), "Kommunhuset", null,
                ["LH-INS-2026-0001"], "https://lexheller.example/moten/7", ics).ToOutbox(now));
            await db.SaveChangesAsync();
        }
        await Sender().SendDueAsync(CancellationToken.None);
        var message = Assert.Single(_inbox.Messages);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
        Assert.Contains("TZID:Europe/Stockholm", text);
        Assert.Contains("SUMMARY:BUG-möte – Samordningsförbundet Insjöriket", text);
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

    private async Task StartServerAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, _port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(_inbox);
        _ = new SmtpServer.SmtpServer(options, provider).StartAsync(_stop.Token);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException("The SMTP server did not start.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Inbox : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
