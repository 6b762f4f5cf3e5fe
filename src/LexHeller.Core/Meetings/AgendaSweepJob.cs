using Hangfire;
using Microsoft.Extensions.Configuration;

namespace LexHeller.Core.Meetings;

/// <summary>The recurring job: a thin shell around <see cref="Agendas"/>, safe to run twice.</summary>
public sealed class AgendaSweepJob(Agendas sweep, IConfiguration config)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) =>
        sweep.CloseDueAgendasAsync(LexHeller.Core.Time.PublicUrl.From(config), ct);
}
