using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LexHeller.Core.Notifications;

/// <summary>Connects and sends one message; knows nothing of features.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Development transport: writes each mail to the log so links can be followed without a mail server.</summary>
public sealed class LoggingMailTransport(ILogger<LoggingMailTransport> log) : IMailTransport
{
    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        log.LogInformation("E-post (loggas, skickas inte) till {To}: {Subject}{Attachment}\n{Body}", message.To, message.Subject,
            message.Attachment is { } file ? $" (bilaga: {file.FileName})" : "", message.TextBody);
        return Task.CompletedTask;
    }
}

public sealed class OutboxOptions
{
    /// <summary>How long a sender holds the rows it claimed; a sender that died gives them up when this runs out.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Sends every due outbox row. Rows are claimed with a lease first (a conditional update), so two senders never
/// take the same row, and a sender killed mid-way leaves rows that another picks up when the lease runs out.
/// Each mail is recorded as handed over (committed) before it goes to the SMTP server and marked sent right
/// after the server accepted it, under a Message-Id fixed when the row was written. Only a crash between the
/// server's acceptance and that mark (the residual window, milliseconds) can send a mail twice, and then the
/// copy carries the same Message-Id. A temporary failure is retried later with back-off, never lost; a
/// permanent refusal is marked failed with the server's reason.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, ILogger<OutboxSender> log,
    Microsoft.Extensions.Options.IOptions<OutboxOptions>? options = null)
{
    public static readonly TimeSpan DefaultLease = new OutboxOptions().Lease;
    private readonly TimeSpan _lease = options?.Value.Lease ?? DefaultLease;
    private const int Batch = 50;

    /// <summary>Sends until nothing is due; returns how many rows it attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var attempted = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await SendBatchAsync(ct);
            attempted += batch;
            if (batch < Batch) break;
        }
        return attempted;
    }

    private async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var now = clock.GetUtcNow();
        var owner = Guid.NewGuid();
        // Case mails for someone who reads a daily digest wait for the digest sweep.
        var candidates = await db.Outbox
            .Where(m => m.SentAt == null && m.DroppedAt == null && m.DigestId == null && m.NextAttemptAt <= now
                && (m.LeasedUntil == null || m.LeasedUntil < now)
                && !(m.Digestible && db.Users.Any(u => u.Id == m.RecipientUserId && u.MailDelivery == MailDelivery.DailyDigest)))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        var leasedUntil = now + _lease;
        await db.Outbox
            .Where(m => candidates.Contains(m.Id) && m.SentAt == null && m.DigestId == null && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leasedUntil).SetProperty(m => m.LeaseOwner, owner), ct);
        var mine = await db.Outbox.Where(m => m.LeaseOwner == owner && m.SentAt == null).OrderBy(m => m.Id).ToListAsync(ct);
        // The files separately, so that one agenda sent to every member is read once, not once per mail.
        var files = mine.Where(m => m.AttachmentId is not null).Select(m => m.AttachmentId!.Value).Distinct().ToList();
        if (files.Count > 0) await db.MailAttachments.Where(a => files.Contains(a.Id)).LoadAsync(ct);
        foreach (var message in mine)
        {
            if (clock.GetUtcNow() >= leasedUntil) break; // the lease ran out: leave the rest to the next sweep
            try
            {
                if (await WhyDropAsync(db, message, ct) is { } reason)
                {
                    log.LogInformation("E-post {Id} skickas inte: {Reason}", message.Id, reason);
                    message.MarkDropped(clock.GetUtcNow(), reason);
                }
                else
                {
                    if (message.HandedOverAt is not null && message.SentAt is null)
                        log.LogWarning("E-post {Id} lämnades till e-postservern men markerades aldrig som skickad; den skickas igen med samma Message-Id.", message.Id);
                    message.BeginHandOver(clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    await transport.SendAsync(message, ct);
                    message.MarkSent(clock.GetUtcNow());
                }
            }
            catch (Exception e) when (e is MimeKit.ParseException or FormatException)
            {
                message.MarkFailedPermanently(clock.GetUtcNow(), $"Adressen kan inte användas: {e.Message}");
            }
            catch (MailKit.Net.Smtp.SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                log.LogWarning("E-post {Id} avvisades av e-postservern: {Error}", message.Id, e.Message);
                message.MarkFailedPermanently(clock.GetUtcNow(), $"E-postservern avvisade brevet ({(int)e.StatusCode}): {e.Message}");
            }
            catch (MailKit.Net.Smtp.SmtpCommandException e)
            {
                log.LogWarning("E-post {Id}: tillfälligt fel från e-postservern: {Error}", message.Id, e.Message);
                message.MarkFailed(clock.GetUtcNow(), $"Tillfälligt fel från e-postservern ({(int)e.StatusCode}): {e.Message}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Kunde inte skicka e-post {Id}", message.Id);
                message.MarkFailed(clock.GetUtcNow(), e.Message);
            }
            await db.SaveChangesAsync(ct);
        }
        return candidates.Count;
    }

    /// <summary>Mail to someone without an address, or whose every membership is deactivated, is dropped, not sent.</summary>
    private static async Task<string?> WhyDropAsync(LexHellerDb db, OutboxMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.To)) return "Mottagaren saknar e-postadress.";
        bool? active;
        if (message.RecipientUserId is { } id)
            active = await db.Users.Where(u => u.Id == id).Select(u => (bool?)db.Memberships.Any(m => m.UserId == u.Id && m.IsActive)).FirstOrDefaultAsync(ct);
        else
        {
            var normalized = message.To.ToUpperInvariant();
            active = await db.Users.Where(u => u.NormalizedEmail == normalized)
                .Select(u => (bool?)db.Memberships.Any(m => m.UserId == u.Id && m.IsActive)).FirstOrDefaultAsync(ct);
        }
        return active == false ? "Mottagaren är inaktiverad." : null;
    }
}

/// <summary>
/// The recurring job around <see cref="OutboxSender"/>. It may run twice at once (a retried job beside the next
/// sweep): the leases on the rows keep every mail to one sender.
/// </summary>
public sealed class OutboxSendJob(OutboxSender sender)
{
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) => sender.SendDueAsync(ct);
}
