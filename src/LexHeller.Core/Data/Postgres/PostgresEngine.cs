using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data.Postgres;

/// <summary>
/// PostgreSQL's side of <see cref="DatabaseEngine"/>: the tsvector column Cases."Search" (set by a trigger from the
/// migration, Swedish stemming, a GIN index), VACUUM after a redaction and ANALYZE for the planner. The query a user
/// typed arrives in the form <see cref="Cases.CaseSearch.ToMatchQuery"/> makes for SQLite and is turned into the same
/// search here: every word required, each a prefix, and a word that was several (a reference) a phrase.
/// </summary>
public sealed partial class PostgresEngine : DatabaseEngine
{
    public static readonly PostgresEngine Instance = new();

    private PostgresEngine()
    {
    }

    public override IQueryable<int> CasesMatching(LexHellerDb db, string match) =>
        db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"Cases\" WHERE \"Search\" @@ to_tsquery('swedish', {ToTsQuery(match)})");

    /// <summary>Any of the words, stemmed in Swedish as the texts were, ranked by ts_rank.</summary>
    public override async Task<IReadOnlyList<TextMatch>> RankByWordsAsync(LexHellerDb db, IReadOnlyList<string> words, IReadOnlyCollection<int> forbundIds,
        int limit, CancellationToken ct)
    {
        if (words.Count == 0 || forbundIds.Count == 0) return [];
        var query = string.Join(" | ", words.Select(w => $"'{w}'"));
        return await db.Database.SqlQuery<TextMatch>(
            $"SELECT c.\"Id\" AS \"CaseId\", ts_rank(c.\"Search\", q)::float8 AS \"Score\" FROM \"Cases\" c, to_tsquery('swedish', {query}) q WHERE c.\"Search\" @@ q AND c.\"State\" <> 'Utkast' AND c.\"GallradAt\" IS NULL AND c.\"ForbundId\" = ANY({forbundIds.ToArray()}) ORDER BY 2 DESC LIMIT {limit}")
            .ToListAsync(ct);
    }

    public override Task<int> CountSubmittedMatchesAsync(LexHellerDb db, string match, int forbundId, int cap, CancellationToken ct) =>
        db.Database.SqlQuery<int>(
            $"SELECT COUNT(*)::integer AS \"Value\" FROM (SELECT 1 FROM \"Cases\" c WHERE c.\"Search\" @@ to_tsquery('swedish', {ToTsQuery(match)}) AND c.\"ForbundId\" = {forbundId} AND c.\"State\" <> 'Utkast' LIMIT {cap}) AS m")
            .SingleAsync(ct);

    /// <summary>Nothing to do: the trigger rewrote the case's search column in the redaction's own UPDATE.</summary>
    public override Task PurgeRemovedFromIndexAsync(LexHellerDb db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The UPDATE left the old row version (with its words, in the row and in the GIN index) behind as a dead tuple;
    /// VACUUM removes it from the table and its indexes. VACUUM cannot run inside a transaction.
    /// </summary>
    public override Task PurgeRemovedFromStorageAsync(LexHellerDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("VACUUM \"Cases\";", ct);

    /// <summary>Moves the GIN index's pending list (fast-update entries) into the index proper, so searches read it fast.</summary>
    public override Task MergeSearchIndexAsync(LexHellerDb db, int pages, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT gin_clean_pending_list('\"IX_Cases_Search\"'::regclass);", ct);

    /// <summary>
    /// Gathers statistics for the tables that have rows written but were never analysed (a database loaded in bulk,
    /// before autovacuum got to it); the server's autovacuum keeps them current after that. A plain ANALYZE of every
    /// table on every start made the app start several times slower than a bare one on a large database.
    /// </summary>
    public override Task PrepareAsync(LexHellerDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(
        """
        DO $$
        DECLARE t regclass;
        BEGIN
            FOR t IN SELECT relid FROM pg_stat_user_tables
                     WHERE last_analyze IS NULL AND last_autoanalyze IS NULL AND n_mod_since_analyze > 0
            LOOP
                EXECUTE format('ANALYZE %s', t);
            END LOOP;
        END $$;
        """, ct);

    public override Task UpdateStatisticsAsync(LexHellerDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);

    public override object Instant(DateTimeOffset at) => at.ToUniversalTime();

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override string DaysBetween(string from, string to) => $"(EXTRACT(EPOCH FROM ({to} - {from})) / 86400.0)::float8";

    /// <summary>
    /// <c>"anna"* AND "abc 2026 0001"*</c> becomes <c>'anna':* &amp; ('abc' &lt;-&gt; '2026' &lt;-&gt; '0001':*)</c>. The words hold
    /// only letters, digits and marks (ToMatchQuery keeps nothing else), so quoting each is enough.
    /// </summary>
    internal static string ToTsQuery(string match)
    {
        var terms = new List<string>();
        foreach (Match m in Term().Matches(match))
        {
            var words = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var phrase = new StringBuilder();
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0) phrase.Append(" <-> ");
                phrase.Append('\'').Append(words[i].Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal)).Append('\'');
                if (i == words.Length - 1) phrase.Append(":*");
            }
            terms.Add(words.Length == 1 ? phrase.ToString() : $"({phrase})");
        }
        return string.Join(" & ", terms);
    }

    [GeneratedRegex("\"([^\"]*)\"\\*")]
    private static partial Regex Term();
}
