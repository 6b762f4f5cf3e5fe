using Hangfire;
using LexHeller.Core.Time;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Meetings;

/// <summary>The recurring job: a thin shell around <see cref="Agendas"/>, safe to run twice.</summary>
public sealed class AgendaSweepJob(Agendas sweep, IOptions<PublicUrlOptions> publicUrl)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) =>
        sweep.CloseDueAgendasAsync(publicUrl.Value.Base, ct);
}
