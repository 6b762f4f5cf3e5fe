namespace LexHeller.Core.Data;

/// <summary>
/// Background upkeep of the database: the planner statistics as the tables grow (once a night), and the full-text
/// index's segment merging, which writers leave to this job (for SQLite, automerge is off, see the SearchMerging
/// migration). The statements are the engine's, see <see cref="DatabaseEngine"/>.
/// </summary>
public sealed class DatabaseMaintenanceJob(LexHellerDb db)
{
    /// <summary>Pages of merge work per run: a few milliseconds of the write lock, enough for hundreds of filings.</summary>
    public const int MergePages = 500;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => DatabaseEngine.For(db).UpdateStatisticsAsync(db, ct);

    /// <summary>Merges the full-text index's small segments, so searches read few of them.</summary>
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task MergeSearchIndexAsync(CancellationToken ct) => DatabaseEngine.For(db).MergeSearchIndexAsync(db, MergePages, ct);
}
