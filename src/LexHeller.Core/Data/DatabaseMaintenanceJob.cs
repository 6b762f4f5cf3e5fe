using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data;

/// <summary>
/// Background upkeep of the SQLite file: the planner statistics as the tables grow (PRAGMA optimize, once a night),
/// and the full-text index's segment merging, which writers leave to this job (automerge is off, see the
/// SearchMerging migration).
/// </summary>
public sealed class DatabaseMaintenanceJob(LexHellerDb db)
{
    /// <summary>Pages of merge work per run: a few milliseconds of the write lock, enough for hundreds of filings.</summary>
    public const int MergePages = 500;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);

    /// <summary>Merges the full-text index's small segments, so searches read few of them.</summary>
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task MergeSearchIndexAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO CaseSearch (CaseSearch, rank) VALUES ('merge', {MergePages});", ct);
}
