using Hangfire;
using Hangfire.Storage;
using LexHeller.Core.Meetings;
using LexHeller.Web.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// Two instances with Hangfire on, sharing its store: each runs a server and the recurring scheduler, and a recurring
/// job due once is enqueued and run once, not once per instance.
/// </summary>
[Collection(HangfireCollection.Name)]
public class RecurringJobsAcrossInstancesTests
{
    private const string Probe = "scale-out-probe";

    [Fact]
    public async Task A_recurring_job_due_once_runs_once_across_two_instances()
    {
        using var instances = TwoInstances.WithSettings(("Hangfire:Enabled", "true"));
        try
        {
            var storage = instances.A.Services.GetRequiredService<JobStorage>();
            // Due once within the test, a few seconds from now (a cron with seconds: second, minute, then every hour).
            var due = DateTime.UtcNow.AddSeconds(4);
            instances.B.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AgendaSweepJob>(
                Probe, j => j.RunAsync(CancellationToken.None), $"{due.Second} {due.Minute} * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

            // Both servers look for due recurring jobs every 15 s (Hangfire's default): wait for the run, then long
            // enough for the other server's look too. A loaded run starts the servers late; a missed due time is
            // still run once when they look, so the wait is generous.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (ProbeRuns(storage).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
            Assert.NotEmpty(ProbeRuns(storage));
            await Task.Delay(TimeSpan.FromSeconds(16));

            Assert.Single(ProbeRuns(storage));
            // Two servers were looking, one per instance.
            Assert.Equal(2, storage.GetMonitoringApi().Servers().Count);
            using var connection = storage.GetConnection();
            var recurring = connection.GetRecurringJobs([Probe]).Single();
            Assert.True(recurring.NextExecution > due, $"next run {recurring.NextExecution:O}, due was {due:O}");
        }
        finally
        {
            instances.B.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(Probe);
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        }
    }

    /// <summary>The jobs the recurring probe created, in any state: Hangfire marks each with the recurring job's id.</summary>
    private static List<string> ProbeRuns(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var ids = monitor.SucceededJobs(0, 500).Select(j => j.Key)
            .Concat(monitor.ProcessingJobs(0, 500).Select(j => j.Key))
            .Concat(monitor.EnqueuedJobs("default", 0, 500).Select(j => j.Key))
            .Concat(monitor.FailedJobs(0, 500).Select(j => j.Key))
            .Distinct();
        using var connection = storage.GetConnection();
        return ids.Where(id => connection.GetJobParameter(id, "RecurringJobId") is { } value && value.Trim('"') == Probe).ToList();
    }
}
