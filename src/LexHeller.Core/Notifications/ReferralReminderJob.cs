using Hangfire;
using Microsoft.Extensions.Configuration;

namespace LexHeller.Core.Notifications;

/// <summary>The recurring job around <see cref="ReferralReminderSweep"/>.</summary>
public sealed class ReferralReminderJob(ReferralReminderSweep sweep, IConfiguration config)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct) =>
        await sweep.RunAsync(LexHeller.Core.Time.PublicUrl.From(config), ct);
}
