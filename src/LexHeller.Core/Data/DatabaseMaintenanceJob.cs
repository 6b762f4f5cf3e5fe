using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data;

/// <summary>Keeps SQLite's planner statistics current as the tables grow (PRAGMA optimize), once a night.</summary>
public sealed class DatabaseMaintenanceJob(LexHellerDb db)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
}
