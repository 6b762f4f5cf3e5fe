using System.Net.Sockets;
using LexHeller.Core.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Health;

/// <summary>
/// The SMTP relay accepts a TCP connection within two seconds. No SMTP is spoken (no greeting waited for, no log-in):
/// reachability is what a probe can know cheaply. The answer is kept for a few seconds, so a flood of probes from
/// several proxies and the orchestrator makes one connection, not one each.
/// </summary>
internal sealed class MailRelayCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<bool>? _last;
    private long _lastStarted;

    /// <summary>How many connections the check has made, for the test that floods it.</summary>
    internal int Connections;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        Task<bool> probe;
        lock (_gate)
        {
            // Real time: the cache is about the relay's load, not the app's calendar.
            if (_last is null || TimeProvider.System.GetElapsedTime(_lastStarted) > Remember)
            {
                _lastStarted = TimeProvider.System.GetTimestamp();
                _last = ConnectAsync();
            }
            probe = _last;
        }
        return await probe.WaitAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus);
    }

    private async Task<bool> ConnectAsync()
    {
        Interlocked.Increment(ref Connections);
        var smtp = options.Value;
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
