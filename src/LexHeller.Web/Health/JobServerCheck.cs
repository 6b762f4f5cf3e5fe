using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LexHeller.Web.Health;

/// <summary>
/// This process's own Hangfire server has written its heartbeat (every 30 seconds) within the last minute. Other
/// instances' servers in a shared job store do not count: this instance is not ready if its own has stopped.
/// </summary>
internal sealed class JobServerCheck(JobStorage storage) : IHealthCheck
{
    public static readonly TimeSpan MaxSilence = TimeSpan.FromMinutes(1);

    // Hangfire names its server "<machine>:<process id>:<guid>", in lower case.
    private static readonly string Own = $"{Environment.MachineName}:{Environment.ProcessId}:".ToLowerInvariant();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        // The heartbeat is written on real time, so it is read on real time too: a test clock moved a month ahead
        // would otherwise declare every server dead.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var alive = storage.GetMonitoringApi().Servers().Any(s =>
            s.Name.StartsWith(Own, StringComparison.Ordinal) && s.Heartbeat is { } beat && now - Utc(beat) < MaxSilence);
        return Task.FromResult(alive ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus));
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
}
