using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

/// <summary>Sends every due outbox row; a failed row is retried later with back-off, never lost.</summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, ILogger<OutboxSender> log)
    : BackgroundService
{
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var now = clock.GetUtcNow();
        var due = await db.Outbox.Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(message, ct);
                message.MarkSent(clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Kunde inte skicka e-post {Id}", message.Id);
                message.MarkFailed(clock.GetUtcNow(), e.Message);
            }
            await db.SaveChangesAsync(ct);
        }
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SendDueAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Utkorgen kunde inte läsas"); }
        }
    }
}
