using LexHeller.Core.Data;
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
        log.LogInformation("E-post (loggas, skickas inte) till {To}: {Subject}\n{Body}", message.To, message.Subject, message.TextBody);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends every due outbox row. Rows are claimed with a lease first (a conditional update), so two senders never
/// take the same row, and a sender killed mid-way leaves rows that another picks up when the lease runs out.
/// A failed row is retried later with back-off, never lost.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, ILogger<OutboxSender> log)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
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
        var candidates = await db.Outbox
            .Where(m => m.SentAt == null && m.DroppedAt == null && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        var leasedUntil = now + Lease;
        await db.Outbox
            .Where(m => candidates.Contains(m.Id) && m.SentAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leasedUntil).SetProperty(m => m.LeaseOwner, owner), ct);
        var mine = await db.Outbox.Where(m => m.LeaseOwner == owner && m.SentAt == null).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var message in mine)
        {
            try
            {
                if (await WhyDropAsync(db, message, ct) is { } reason)
                {
                    log.LogInformation("E-post {Id} skickas inte: {Reason}", message.Id, reason);
                    message.MarkDropped(clock.GetUtcNow(), reason);
                }
                else
                {
                    await transport.SendAsync(message, ct);
                    message.MarkSent(clock.GetUtcNow());
                }
            }
            catch (Exception e) when (e is MimeKit.ParseException or FormatException)
            {
                message.MarkDropped(clock.GetUtcNow(), $"Adressen kan inte användas: {e.Message}");
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

    /// <summary>Mail to someone whose every membership is deactivated is dropped, not sent.</summary>
    private static async Task<string?> WhyDropAsync(LexHellerDb db, OutboxMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.To)) return "Mottagaren saknar e-postadress.";
        var normalized = message.To.ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { Active = db.Memberships.Any(m => m.UserId == u.Id && m.IsActive) })
            .FirstOrDefaultAsync(ct);
        return user is { Active: false } ? "Mottagaren är inaktiverad." : null;
    }
}

/// <summary>The recurring job around <see cref="OutboxSender"/>.</summary>
public sealed class OutboxSendJob(OutboxSender sender)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 300)]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) => sender.SendDueAsync(ct);
}
