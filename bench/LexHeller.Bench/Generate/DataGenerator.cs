using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Bench.Generate;

public static class GenerateCommand
{
    public static async Task<int> RunAsync(Options options)
    {
        var folder = Path.GetFullPath(options.Require("out"));
        await DataGenerator.GenerateAsync(folder, options.Int("cases", 10_000), options.Int("years", 5), options.Int("seed", 1), Console.Out);
        return 0;
    }
}

/// <summary>
/// Writes a fresh database of N cases: the schema from the app's migrations, the reference rows through the app's
/// entities, then every case with its parties, events, questions, referrals and responses by prepared INSERTs in
/// large transactions. Each case travels the real route of the workflow over time; where "now" cuts its route
/// it stays, so recent cases are open and old ones concluded, rejected or withdrawn.
/// </summary>
/// <remarks>
/// For speed the secondary indexes that are not in insertion order and the full-text triggers are dropped while
/// the rows go in, then recreated from their own SQL as SQLite stored it; CaseSearch is then filled in one
/// INSERT … SELECT built from the insert trigger's own expressions, which is exactly what the trigger would
/// have written row by row, and CaseStateCounts is recounted the same way.
/// </remarks>
public static partial class DataGenerator
{
    private static readonly string[] BulkTables = ["Cases", "CaseEvents", "CaseParties", "RuleConflicts", "CaseQuestions", "CaseReferrals"];
    private const int CasesPerTransaction = 50_000;

    public static async Task<Dataset> GenerateAsync(string folder, int cases, int years, int seed, TextWriter log)
    {
        if (cases < 1) throw new BenchException("--cases must be at least 1");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Dataset.DatabaseName);
        foreach (var f in new[] { path, path + "-wal", path + "-shm", Path.Combine(folder, Dataset.FileName) })
            File.Delete(f);

        var total = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        IReadOnlyList<ForbundPeople> forbund;
        await using (var services = ReferenceData.Services(connectionString))
        {
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Database.MigrateAsync();
            forbund = await ReferenceData.CreateAsync(services, now);
        }
        log.WriteLine($"schema and reference data: {total.Elapsed.TotalSeconds:0.0} s");

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Exec(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; " +
                         "PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF; PRAGMA threads = 2;");

        var (indexes, triggers) = DropForBulk(connection);
        var searchFill = SearchFillFrom(triggers);

        var phase = Stopwatch.StartNew();
        var counts = Insert(connection, forbund, cases, years, seed, now, log);
        log.WriteLine($"rows: {counts.Cases:N0} cases, {counts.Events:N0} events, {counts.Parties:N0} parties, {counts.Referrals:N0} referrals, " +
                      $"{counts.Questions:N0} questions, {counts.RuleConflicts:N0} rule conflicts in {phase.Elapsed.TotalSeconds:0.0} s");

        phase.Restart();
        foreach (var sql in indexes) Exec(connection, sql);
        log.WriteLine($"indexes ({indexes.Count}): {phase.Elapsed.TotalSeconds:0.0} s");
        phase.Restart();
        Exec(connection, searchFill);
        foreach (var sql in triggers) Exec(connection, sql);
        log.WriteLine($"full-text index: {phase.Elapsed.TotalSeconds:0.0} s");
        // The state counts are kept by triggers too, which were off for the bulk load.
        Exec(connection, SqliteEngine.RebuildStateCountsSql);

        Exec(connection, "PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = WAL;");
        total.Stop();

        var (year, tertial) = LastCompleteTertial(now);
        var dataset = new Dataset(counts.Cases, counts.Events, counts.Parties, counts.Referrals, counts.Questions, counts.RuleConflicts,
            Math.Round(total.Elapsed.TotalSeconds, 1), forbund.Select(f => f.Info).ToList(), BenchUsers.ReporterEmail, BenchUsers.Password,
            BenchUsers.TotpSecret, Texts.SearchTerm, year, tertial);
        dataset.Save(folder);
        log.WriteLine($"generated {cases:N0} cases into {path} in {total.Elapsed.TotalSeconds:0.0} s ({Environment.ProcessorCount} cores)");
        return dataset;
    }

    /// <summary>
    /// Brings a reused data set up to this checkout's schema with the app's own migrations, as an upgrade would in
    /// production; returns the migrations applied (none when it was current).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string folder)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, Dataset.DatabaseName), Pooling = false }.ToString();
        await using var services = ReferenceData.Services(connectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync();
            // The driver copies the main file only: nothing may stay behind in the WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        return pending;
    }

    internal static (int Year, int Tertial) LastCompleteTertial(DateTimeOffset now)
    {
        var today = Stockholm.Today(now);
        var current = (today.Month - 1) / 4 + 1;
        return current == 1 ? (today.Year - 1, 3) : (today.Year, current - 1);
    }

    /// <summary>
    /// Drops the bulk tables' triggers and those indexes whose first column is not CaseId (rows arrive in case
    /// order, so CaseId-led indexes grow at their end and cost little to keep); returns the SQL to recreate them.
    /// </summary>
    private static (List<string> Indexes, List<string> Triggers) DropForBulk(SqliteConnection connection)
    {
        var tables = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        var indexes = new List<(string Name, string Sql)>();
        var triggers = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({tables}) AND sql IS NOT NULL AND type IN ('index', 'trigger')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                (reader.GetString(0) == "index" ? indexes : triggers).Add((reader.GetString(1), reader.GetString(2)));
        }
        var dropped = indexes.Where(i => FirstColumn(connection, i.Name) != "CaseId").ToList();
        foreach (var (name, _) in dropped) Exec(connection, $"DROP INDEX \"{name}\";");
        foreach (var (name, _) in triggers) Exec(connection, $"DROP TRIGGER \"{name}\";");
        return (dropped.Select(i => i.Sql + ";").ToList(), triggers.Select(t => t.Sql + ";").ToList());
    }

    private static string? FirstColumn(SqliteConnection connection, string index)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno LIMIT 1";
        return command.ExecuteScalar() as string;
    }

    /// <summary>The insert trigger's VALUES turned into one INSERT … SELECT over every case.</summary>
    private static string SearchFillFrom(IEnumerable<string> triggers)
    {
        foreach (var sql in triggers)
        {
            var m = SearchInsert().Match(sql);
            if (m.Success && sql.Contains("AFTER INSERT ON Cases", StringComparison.OrdinalIgnoreCase))
                return $"INSERT INTO CaseSearch ({m.Groups["columns"].Value}) SELECT {m.Groups["values"].Value.Replace("new.", "", StringComparison.Ordinal)} FROM Cases;";
        }
        throw new BenchException("the schema has no AFTER INSERT trigger on Cases that fills CaseSearch; the generator cannot keep the search index in step");
    }

    [GeneratedRegex(@"INSERT INTO CaseSearch \((?<columns>[^)]*)\) VALUES \((?<values>.*)\);\s*END", RegexOptions.Singleline)]
    private static partial Regex SearchInsert();

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    internal sealed record Counts(int Cases, int Events, int Parties, int Referrals, int Questions, int RuleConflicts);

    /// <summary>SQLite's writer: prepared INSERTs in transactions of <see cref="CasesPerTransaction"/> cases.</summary>
    private static Counts Insert(SqliteConnection connection, IReadOnlyList<ForbundPeople> forbund, int cases, int years, int seed, DateTimeOffset now, TextWriter log)
    {
        using var writer = new CaseWriter(connection);
        var transaction = connection.BeginTransaction();
        writer.Transaction = transaction;
        Simulate(forbund, cases, years, seed, now, log, writer.Write, written =>
        {
            if (written % CasesPerTransaction != 0) return;
            transaction.Commit();
            transaction.Dispose();
            transaction = connection.BeginTransaction();
            writer.Transaction = transaction;
        }, counters =>
        {
            foreach (var (forbundId, year, last) in counters) writer.Counter(forbundId, year, last);
        });
        transaction.Commit();
        transaction.Dispose();
        return writer.Counts;
    }

    /// <summary>
    /// One thread simulates cases while this one writes them: the records circulate through two queues, so the
    /// simulation's CPU time overlaps the database's. <paramref name="written"/> follows each write with the number
    /// written so far; <paramref name="counters"/> receives the reference counters the cases used.
    /// </summary>
    internal static void Simulate(IReadOnlyList<ForbundPeople> forbund, int cases, int years, int seed, DateTimeOffset now, TextWriter log,
        Action<CaseRecord> write, Action<int> written, Action<IEnumerable<(int ForbundId, int Year, int Last)>> counters)
    {
        var simulation = new CaseSimulation(forbund, new Random(seed), now, years, cases);
        using var free = new BlockingCollection<CaseRecord>();
        using var filled = new BlockingCollection<CaseRecord>(boundedCapacity: 4096);
        for (var i = 0; i < 4096; i++) free.Add(new CaseRecord());
        var producer = Task.Run(() =>
        {
            try
            {
                for (var i = 0; i < cases; i++)
                {
                    var record = free.Take();
                    simulation.Fill(record, i + 1);
                    filled.Add(record);
                }
            }
            finally
            {
                filled.CompleteAdding();
            }
        });

        var started = Stopwatch.StartNew();
        var count = 0;
        foreach (var record in filled.GetConsumingEnumerable())
        {
            write(record);
            free.Add(record);
            written(++count);
            if (count % (CasesPerTransaction * 4) == 0)
                log.WriteLine($"  {count:N0} cases, {count / started.Elapsed.TotalSeconds:N0}/s");
        }
        producer.GetAwaiter().GetResult();
        counters(simulation.ReferenceCounters());
    }

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
