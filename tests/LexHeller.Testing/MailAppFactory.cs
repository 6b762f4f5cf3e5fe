using LexHeller.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LexHeller.Testing;

/// <summary>
/// The app with its mail going over SMTP to a real server on 127.0.0.1. Tests deliver the outbox when they
/// choose (Hangfire is off in tests) and read what actually arrived.
/// </summary>
public sealed class MailAppFactory : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public MailAppFactory()
    {
        App = AppFactory.WithSettings(("Smtp:Host", "127.0.0.1"), ("Smtp:Port", Smtp.Port.ToString()), ("Smtp:Security", "None"),
            ("Smtp:From", "lexheller@lexheller.example"));
    }

    public SmtpTestServer Smtp { get; } = new();

    public AppFactory App { get; }

    /// <summary>Runs the real sender once (as the recurring job does) and returns the mails that arrived meanwhile.</summary>
    public async Task<IReadOnlyList<MimeMessage>> DeliverAsync()
    {
        var before = Smtp.Messages.Count;
        await App.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return Smtp.Messages.Skip(before).ToList();
    }

    public Task InitializeAsync() => Smtp.StartAsync();

    async Task Xunit.IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
