using System.Collections.Concurrent;
using LexHeller.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

/// <summary>
/// A server with App:PublicUrl tells the administrator the addresses under that name, not the one the request came
/// to; and nothing the app logs while a provider is saved carries its secret.
/// </summary>
public sealed class IdentityProviderPublicUrlTests : IDisposable
{
    private const string Secret = "logged-nowhere-secret-3b8f";
    private readonly Captured _logs = new();
    private readonly AppFactory _app;

    public IdentityProviderPublicUrlTests()
    {
        _app = AppFactory.WithHost(host => host
            .UseSetting("App:PublicUrl", "https://lexheller.forbund.se/")
            .UseSetting("Logging:LogLevel:Default", "Trace")
            .ConfigureServices(services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs))));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_addresses_are_under_the_public_url_and_no_log_line_holds_the_secret()
    {
        using var admin = new Browserless(_app);
        await admin.LoginAsync("admin@lexheller.example");
        var form = await admin.GetAsync("/inloggning/leverantorer/ny");
        var list = await admin.SubmitAsync(form, Form(("Input.DisplayName", "Entra ID"), ("Input.Authority", "https://login.microsoftonline.com/tenant/v2.0"),
            ("Input.ClientId", "lexheller"), ("Input.Secret", Secret), ("Input.Enabled", "true")));
        var id = _app.WithDb(db => db.IdentityProviders.Single(p => p.DisplayName == "Entra ID").Id);

        Assert.Equal($"https://lexheller.forbund.se/logga-in/extern/{id}/svar", list.Document.QuerySelector("[data-testid=callback-url]")!.TextContent);
        Assert.Equal($"https://lexheller.forbund.se/logga-in/extern/{id}/utloggad", list.Document.QuerySelector("[data-testid=post-logout-url]")!.TextContent);
        Assert.Equal($"https://lexheller.forbund.se/logga-in/extern/{id}/bakkanal", list.Document.QuerySelector("[data-testid=back-channel-url]")!.TextContent);

        // A refused save of a new secret, and an accepted one, log as much as the app logs, but never the secret.
        var edit = await admin.GetAsync($"/inloggning/leverantorer/{id}");
        await admin.SubmitAsync(edit, Form(("Input.Secret", Secret + "-2"), ("Input.Authority", "http://login.example.se")));
        await admin.SubmitAsync(edit, Form(("Input.Secret", Secret + "-3")));
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    private sealed class Captured : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(Captured owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                owner.Lines.Enqueue($"{category} {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
