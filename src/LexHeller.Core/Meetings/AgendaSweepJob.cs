using Hangfire;
using Microsoft.Extensions.Configuration;

namespace LexHeller.Core.Meetings;

/// <summary>The recurring job: a thin shell around <see cref="AgendaSweep"/>, safe to run twice.</summary>
public sealed class AgendaSweepJob(AgendaSweep sweep, IConfiguration config)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) =>
        sweep.CloseDueAgendasAsync(config["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5080", ct);
}
