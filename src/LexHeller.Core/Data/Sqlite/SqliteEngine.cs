using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>
/// SQLite's side of <see cref="DatabaseEngine"/>: the FTS5 table CaseSearch (kept in step with Cases by triggers
/// from the migrations, with automerge off, see the SearchMerging migration), WAL and secure_delete upkeep, and
/// PRAGMA optimize. Connection settings are <see cref="SqlitePragmas"/>, the background checkpoints
/// <see cref="WalCheckpointer"/>.
/// </summary>
public sealed class SqliteEngine : DatabaseEngine
{
    public static readonly SqliteEngine Instance = new();

    private SqliteEngine()
    {
    }

    /// <summary>
    /// Recounts CaseStateCounts from Cases. For a database filled without the triggers (the benchmark's bulk load);
    /// the app itself never needs it.
    /// </summary>
    public const string RebuildStateCountsSql =
        "DELETE FROM CaseStateCounts; " +
        "INSERT INTO CaseStateCounts (ForbundId, State, Count) SELECT ForbundId, State, COUNT(*) FROM Cases GROUP BY ForbundId, State;";

    public override IQueryable<int> CasesMatching(LexHellerDb db, string match) =>
        db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM CaseSearch WHERE CaseSearch MATCH {match}");

    /// <summary>
    /// Any of the words, each a prefix when it is long enough to carry an inflection ("handläggning" finds
    /// "handläggningen"), ranked by bm25 over the texts (the reference column weighs nothing). bm25 is lower for a better
    /// match, so the score is its negation.
    /// </summary>
    public override async Task<IReadOnlyList<TextMatch>> RankByWordsAsync(LexHellerDb db, IReadOnlyList<string> words, IReadOnlyCollection<int> forbundIds,
        int limit, CancellationToken ct)
    {
        if (words.Count == 0 || forbundIds.Count == 0) return [];
        var match = string.Join(" OR ", words.Select(w => w.Length >= 7 ? $"\"{w[..^2]}\"*" : $"\"{w}\""));
        var parameters = new List<object> { match };
        var inList = string.Join(", ", forbundIds.Select(id => { parameters.Add(id); return $"{{{parameters.Count - 1}}}"; }));
        parameters.Add(limit);
        // The statement is built with one placeholder per förbund; every value goes in as a parameter.
        return await db.Database.SqlQuery<TextMatch>(System.Runtime.CompilerServices.FormattableStringFactory.Create(
            "SELECT c.Id AS CaseId, -bm25(CaseSearch, 0.0, 1.0) AS Score FROM CaseSearch s CROSS JOIN Cases c ON c.Id = s.rowid " +
            $"WHERE CaseSearch MATCH {{0}} AND c.State <> 'Utkast' AND c.GallradAt IS NULL AND c.ForbundId IN ({inList}) " +
            $"ORDER BY bm25(CaseSearch, 0.0, 1.0) LIMIT {{{parameters.Count - 1}}}", [.. parameters])).ToListAsync(ct);
    }

    /// <summary>
    /// The CROSS JOIN keeps SQLite walking the matches and looking each case up by id; left to choose, it may walk
    /// the förbund's cases and probe the matches instead, which on a million cases costs seconds.
    /// </summary>
    public override Task<int> CountSubmittedMatchesAsync(LexHellerDb db, string match, int forbundId, int cap, CancellationToken ct) =>
        db.Database.SqlQuery<int>(
            $"SELECT COUNT(*) AS Value FROM (SELECT 1 FROM CaseSearch s CROSS JOIN Cases c ON c.Id = s.rowid WHERE CaseSearch MATCH {match} AND c.ForbundId = {forbundId} AND c.State <> 'Utkast' LIMIT {cap})")
            .SingleAsync(ct);

    /// <summary>Merges the search index so deleted entries are dropped.</summary>
    public override Task PurgeRemovedFromIndexAsync(LexHellerDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("INSERT INTO CaseSearch (CaseSearch) VALUES ('optimize');", ct);

    /// <summary>
    /// Checkpoints the WAL into the database file (secure_delete is on for every connection, so freed space is
    /// zeroed) and truncates it; a checkpoint cannot run inside an open transaction.
    /// </summary>
    public override Task PurgeRemovedFromStorageAsync(LexHellerDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);

    /// <summary>Merges small segments, which writers leave to this (automerge is off).</summary>
    public override Task MergeSearchIndexAsync(LexHellerDb db, int pages, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO CaseSearch (CaseSearch, rank) VALUES ('merge', {pages});", ct);

    /// <summary>
    /// Switches the journal to WAL (it persists in the file). Query plans on large tables (e.g. cases by party)
    /// depend on statistics SQLite only gathers when asked.
    /// </summary>
    public override async Task PrepareAsync(LexHellerDb db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", ct);
    }

    public override Task UpdateStatisticsAsync(LexHellerDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);

    /// <summary>UTC ticks (<see cref="UtcTicksConverter"/>).</summary>
    public override object Instant(DateTimeOffset at) => at.UtcTicks;

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override string DaysBetween(string from, string to) => $"(({to} - {from}) / 864000000000.0)";
}
