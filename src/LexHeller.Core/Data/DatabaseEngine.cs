using System.Data.Common;
using LexHeller.Core.Data.Postgres;
using LexHeller.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data;

/// <summary>
/// The statements that differ between database engines: the full-text index, the file's upkeep and the planner's
/// statistics. Everything else is LINQ that each EF Core provider translates, and migrations are per provider in
/// their own assembly. Each engine implements this in its own folder (Data/Sqlite/ today), next to its connection
/// settings and background work; <see cref="For"/> picks the one that matches the context's provider, so a second
/// provider adds a folder and one arm there, and no caller changes.
/// </summary>
public abstract class DatabaseEngine
{
    public static DatabaseEngine For(DbContext db) =>
        db.Database.IsSqlite() ? SqliteEngine.Instance
        : db.Database.IsNpgsql() ? PostgresEngine.Instance
        : throw new NotSupportedException($"Lex Heller has no database engine for the provider {db.Database.ProviderName}.");

    /// <summary>Ids of cases whose texts match a query made by <see cref="Cases.CaseSearch.ToMatchQuery"/>; composes as a subquery.</summary>
    public abstract IQueryable<int> CasesMatching(LexHellerDb db, string match);

    /// <summary>
    /// The submitted, not gallrade cases of the given förbund whose texts contain any of <paramref name="words"/> (plain
    /// words of letters and digits), best first by the engine's own ranking (FTS5's bm25, PostgreSQL's ts_rank), at most
    /// <paramref name="limit"/>. A higher score is a better match; scores compare only within one call.
    /// </summary>
    public abstract Task<IReadOnlyList<TextMatch>> RankByWordsAsync(LexHellerDb db, IReadOnlyList<string> words, IReadOnlyCollection<int> forbundIds,
        int limit, CancellationToken ct);

    /// <summary>How many of a förbund's submitted cases match, counting no further than <paramref name="cap"/>.</summary>
    public abstract Task<int> CountSubmittedMatchesAsync(LexHellerDb db, string match, int forbundId, int cap, CancellationToken ct);

    /// <summary>
    /// After a redaction, inside its transaction: drops the removed words from the search index's storage. A write,
    /// so it commits (or rolls back) with the redaction.
    /// </summary>
    public abstract Task PurgeRemovedFromIndexAsync(LexHellerDb db, CancellationToken ct);

    /// <summary>
    /// After a redaction has committed, outside any transaction: leaves the removed words nowhere in the database
    /// file's free space or its log.
    /// </summary>
    public abstract Task PurgeRemovedFromStorageAsync(LexHellerDb db, CancellationToken ct);

    /// <summary>A bounded step of background work on the full-text index, so searches read it fast.</summary>
    public abstract Task MergeSearchIndexAsync(LexHellerDb db, int pages, CancellationToken ct);

    /// <summary>Once at start-up, after the migrations: settings kept in the database itself, and first statistics.</summary>
    public abstract Task PrepareAsync(LexHellerDb db, CancellationToken ct);

    /// <summary>Brings the planner's statistics up to date as the tables grow.</summary>
    public abstract Task UpdateStatisticsAsync(LexHellerDb db, CancellationToken ct);

    /// <summary>An instant as a parameter of hand-written SQL, in the form its column stores it.</summary>
    public abstract object Instant(DateTimeOffset at);

    /// <summary>An instant column read back from hand-written SQL.</summary>
    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    /// <summary>SQL for the days (with fractions, as a double) from one instant expression to another.</summary>
    public abstract string DaysBetween(string from, string to);
}

/// <summary>A case and how well its texts matched, from <see cref="DatabaseEngine.RankByWordsAsync"/>.</summary>
public sealed class TextMatch
{
    public int CaseId { get; set; }
    public double Score { get; set; }
}
