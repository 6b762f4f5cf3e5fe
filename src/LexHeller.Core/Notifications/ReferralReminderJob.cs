using Hangfire;
using LexHeller.Core.Time;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Notifications;

/// <summary>The recurring job around <see cref="ReferralReminderSweep"/>.</summary>
public sealed class ReferralReminderJob(ReferralReminderSweep sweep, IOptions<PublicUrlOptions> publicUrl)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct) =>
        await sweep.RunAsync(publicUrl.Value.Base, ct);
}
