using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LexHeller.Bench.Generate;
using LexHeller.Bench.Run;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LexHeller.Bench.Write;

/// <summary>
/// The filing scenario's real limit: one process writing the rows one filing writes, in the app's schema (its
/// indexes, search and count triggers), one transaction per filing, with as many writers at once as wrk has
/// connections, as fast as they go. A filing here is what the app commits for a submitted deviation: the reference
/// counter bumped, the case, one outbox mail per kansli member, the submit event and two parties. No HTTP, no EF, no
/// validation, no reads; the statements are prepared once per writer.
/// </summary>
/// <remarks>
/// On SQLite the writers take turns through one in-process lock, as the app's WriteGate makes them, with the app's
/// pragmas and a passive WAL checkpoint every second beside them, as the app's checkpointer runs. On PostgreSQL they
/// write at once, each on its own connection; the counter row serialises them where the app's filings meet too.
/// </remarks>
public static class BareWriter
{
    private const string CaseColumns = "\"ForbundId\", \"Kind\", \"State\", \"ReporterUserId\", \"ReporterOrganisationId\", \"FormKey\", \"Reference\", " +
        "\"ReferenceYear\", \"ReferenceSequence\", \"EventDate\", \"CategoryId\", \"WhatHappened\", \"Consequences\", \"Suggestion\", \"Gender\", \"AgeBand\", " +
        "\"SolvedLocally\", \"CreatedAt\", \"UpdatedAt\", \"SubmittedAt\", \"IsPublished\", \"Version\"";

    private const string OutboxColumns = "\"To\", \"RecipientUserId\", \"ForbundId\", \"Digestible\", \"SenderName\", \"Subject\", \"ReporterBound\", " +
        "\"TextBody\", \"HtmlBody\", \"Link\", \"MessageKey\", \"CreatedAt\", \"NextAttemptAt\", \"Attempts\", \"HandOvers\"";

    private static readonly string[] Statements =
    [
        "INSERT INTO \"ReferenceCounters\" (\"ForbundId\", \"Year\", \"Last\") VALUES (@f, @y, 1) " +
        "ON CONFLICT (\"ForbundId\", \"Year\") DO UPDATE SET \"Last\" = \"ReferenceCounters\".\"Last\" + 1 RETURNING \"Last\"",
        $"INSERT INTO \"Cases\" ({CaseColumns}) VALUES ({string.Join(", ", Enumerable.Range(0, 22).Select(i => $"@c{i}"))}) RETURNING \"Id\"",
        $"INSERT INTO \"Outbox\" ({OutboxColumns}) VALUES ({string.Join(", ", Enumerable.Range(0, 15).Select(i => $"@o{i}"))}) RETURNING \"Id\"",
        "INSERT INTO \"CaseEvents\" (\"CaseId\", \"At\", \"ActorUserId\", \"ActorRole\", \"Action\", \"FromState\", \"ToState\") " +
        "VALUES (@e0, @e1, @e2, 'Reporter', 'Submit', 'Utkast', 'Inkommen') RETURNING \"Id\"",
        "INSERT INTO \"CaseParties\" (\"CaseId\", \"OrganisationId\") VALUES (@p0, @p1) RETURNING \"Id\"",
    ];

    private sealed record Recipient(string UserId, string Email);

    private sealed record Setup(bool Postgres, string Database, int ForbundId, string Code, string ForbundName, int CategoryId, int[] Parties,
        string ReporterId, int ReporterOrganisation, IReadOnlyList<Recipient> Kansli);

    public static async Task<int> RunAsync(Options options)
    {
        var postgres = Settings.ParseProvider(options.Get("provider")) == BenchDatabase.Postgres;
        var database = options.Require("db");
        var forbundId = options.Int("forbund", 1);
        var parties = options.Require("parties").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var writers = options.Int("connections", 16);
        var warmup = options.Int("warmup", 5);
        var seconds = options.Int("seconds", 20);

        var setup = await ReadSetupAsync(postgres, database, forbundId, options.Require("code"), options.Int("category", 1), parties);
        var gate = postgres ? null : new SemaphoreSlim(1, 1);
        using var stop = new CancellationTokenSource();
        var checkpoints = postgres ? Task.CompletedTask : CheckpointAsync(database, stop.Token);

        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(warmup);
        var measureTo = measureFrom + TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>[writers];
        var errors = new long[writers];
        var written = new long[writers];
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            await using var writer = await FilingWriter.OpenAsync(setup);
            while (clock.Elapsed < measureTo)
            {
                var start = clock.Elapsed;
                try
                {
                    if (gate is not null) await gate.WaitAsync();
                    try { await writer.FileAsync(); }
                    finally { gate?.Release(); }
                }
                catch (DbException e)
                {
                    errors[w]++;
                    if (errors[w] == 1) Console.Error.WriteLine($"bare writer: {e.Message}");
                    continue;
                }
                written[w]++;
                var end = clock.Elapsed;
                if (start >= measureFrom && end <= measureTo) latencies[w].Add((end - start).TotalMilliseconds);
            }
        })).ToList();
        await Task.WhenAll(tasks);
        await stop.CancelAsync();
        await checkpoints;

        var all = latencies.SelectMany(l => l).Order().ToList();
        // No filing finished inside the window (a writer held up longer than the run): zeros, which JSON can carry.
        double At(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];
        // Requests counts every filing written, the warm-up's too (what the database saw); Rows those of the measured seconds.
        var run = new WrkRun(all.Count / (double)seconds, At(0.50), At(0.95), At(0.99), all.Count == 0 ? 0 : all[^1], written.Sum(), errors.Sum(), all.Count);
        Console.WriteLine($"bare writer: {run.RequestsPerSecond:N0} filings/s, p50 {run.P50:0.0} ms, p99 {run.P99:0.0} ms, {run.Errors} errors");
        Console.WriteLine(JsonSerializer.Serialize(run));
        return 0;
    }

    /// <summary>The app's checkpointer: a passive WAL checkpoint every second, beside the writers, never in a commit.</summary>
    private static async Task CheckpointAsync(string database, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
        await connection.OpenAsync(ct);
        using var timer = new PeriodicTimer(WalCheckpointer.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(PASSIVE);";
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Setup> ReadSetupAsync(bool postgres, string database, int forbundId, string code, int categoryId, int[] parties)
    {
        await using var connection = await OpenAsync(postgres, database);
        async Task<List<T>> Rows<T>(string sql, Func<DbDataReader, T> read)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync()) rows.Add(read(reader));
            return rows;
        }
        var reporter = (await Rows($"SELECT u.\"Id\", o.\"OrganisationId\" FROM \"AspNetUsers\" u JOIN \"Memberships\" m ON m.\"UserId\" = u.\"Id\" " +
                                   $"JOIN \"MembershipOrganisation\" o ON o.\"MembershipId\" = m.\"Id\" WHERE u.\"NormalizedEmail\" = '{BenchUsers.ReporterEmail.ToUpperInvariant()}'",
            r => (Id: r.GetString(0), Organisation: r.GetInt32(1)))).FirstOrDefault();
        if (reporter.Id is null) throw new BenchException("the bare writer found no benchmark reporter in the database");
        var name = (await Rows($"SELECT \"Name\" FROM \"Forbund\" WHERE \"Id\" = {forbundId}", r => r.GetString(0))).Single();
        var kansli = await Rows($"SELECT m.\"UserId\", u.\"Email\" FROM \"Memberships\" m JOIN \"AspNetUsers\" u ON u.\"Id\" = m.\"UserId\" " +
                                $"WHERE m.\"ForbundId\" = {forbundId} AND m.\"IsActive\" AND m.\"Role\" = 'Kansli' ORDER BY m.\"Id\"", r => new Recipient(r.GetString(0), r.GetString(1)));
        return new Setup(postgres, database, forbundId, code, name, categoryId, parties, reporter.Id, reporter.Organisation, kansli);
    }

    private static async Task<DbConnection> OpenAsync(bool postgres, string database)
    {
        if (postgres)
        {
            var pg = new NpgsqlConnection(database);
            await pg.OpenAsync();
            return pg;
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The app's pragmas (SqlitePragmas): the same durability and the same file upkeep.
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; " +
                              $"PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = {SqlitePragmas.AutoCheckpointPages}; PRAGMA journal_size_limit = 67108864;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>One writer's connection and its prepared statements.</summary>
    private sealed class FilingWriter(Setup setup, DbConnection connection, DbCommand[] commands) : IAsyncDisposable
    {
        public static async Task<FilingWriter> OpenAsync(Setup setup)
        {
            var connection = await BareWriter.OpenAsync(setup.Postgres, setup.Database);
            var commands = new DbCommand[Statements.Length];
            for (var i = 0; i < Statements.Length; i++)
            {
                commands[i] = connection.CreateCommand();
                commands[i].CommandText = Statements[i];
            }
            return new FilingWriter(setup, connection, commands);
        }

        private bool _prepared;

        public async Task FileAsync()
        {
            var now = DateTimeOffset.UtcNow;
            var year = Stockholm.ToLocal(now).Year;
            await using var tx = await connection.BeginTransactionAsync();
            foreach (var c in commands) c.Transaction = tx;

            var counter = commands[0];
            Set(counter, ("f", setup.ForbundId), ("y", year));
            var sequence = Convert.ToInt32(await counter.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            var reference = $"LH-{setup.Code}-{year}-{sequence:0000}";

            var eventDate = Stockholm.Today(now).AddDays(-3);
            Set(commands[1], ("c0", setup.ForbundId), ("c1", "Avvikelse"), ("c2", "Inkommen"), ("c3", setup.ReporterId), ("c4", setup.ReporterOrganisation),
                ("c5", Guid(System.Guid.NewGuid())), ("c6", reference), ("c7", year), ("c8", sequence), ("c9", Date(eventDate)), ("c10", setup.CategoryId),
                ("c11", Texts.Sample), ("c12", "Personen blev utan ersättning under flera månader."), ("c13", "Inför en gemensam kontaktperson vid överlämningar."),
                ("c14", "Kvinna"), ("c15", "Age30To39"), ("c16", false), ("c17", Instant(now)), ("c18", Instant(now)), ("c19", Instant(now)), ("c20", false), ("c21", 2));
            var caseId = Convert.ToInt64(await commands[1].ExecuteScalarAsync(), CultureInfo.InvariantCulture);

            var link = $"https://127.0.0.1/arenden/ref/{reference}";
            var text = $"Hej!\n\nEtt nytt ärende har kommit in ({reference}).\n\nÄrendet väntar på att kansliet tar det och granskar det.\n\nÖppna ärendet i Lex Heller:\n\n{link}\n";
            var html = $"<!DOCTYPE html><html lang=\"sv\"><body><p>Hej!</p><p>Ett nytt &#228;rende har kommit in ({reference}).</p>" +
                       $"<p>&#196;rendet v&#228;ntar p&#229; att kansliet tar det och granskar det.</p><p>&#214;ppna &#228;rendet i Lex Heller:</p>" +
                       $"<p><a href=\"{link}\">{link}</a></p></body></html>";
            foreach (var k in setup.Kansli)
            {
                Set(commands[2], ("o0", k.Email), ("o1", k.UserId), ("o2", setup.ForbundId), ("o3", true), ("o4", setup.ForbundName),
                    ("o5", $"{reference}: Ett nytt ärende har kommit in"), ("o6", false), ("o7", text), ("o8", html), ("o9", link),
                    ("o10", System.Guid.NewGuid().ToString("N")), ("o11", Instant(now)), ("o12", Instant(now)), ("o13", 0), ("o14", 0));
                await commands[2].ExecuteScalarAsync();
            }

            Set(commands[3], ("e0", (int)caseId), ("e1", Instant(now)), ("e2", setup.ReporterId));
            await commands[3].ExecuteScalarAsync();
            foreach (var party in setup.Parties)
            {
                Set(commands[4], ("p0", (int)caseId), ("p1", party));
                await commands[4].ExecuteScalarAsync();
            }
            await tx.CommitAsync();
            _prepared = true;
        }

        /// <summary>Binds the values; the first time, creates the parameters and prepares the statement on the server.</summary>
        private void Set(DbCommand command, params (string Name, object Value)[] values)
        {
            if (command.Parameters.Count == 0)
            {
                foreach (var (name, value) in values)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = "@" + name;
                    p.Value = value;
                    command.Parameters.Add(p);
                }
                if (!_prepared) command.Prepare();
                return;
            }
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i].Value;
        }

        // As each engine's EF mapping stores them: SQLite ticks, upper-case GUID text and ISO dates; PostgreSQL its own types.
        private object Instant(DateTimeOffset at) => setup.Postgres ? at.UtcDateTime : at.UtcTicks;
        private object Guid(Guid g) => setup.Postgres ? g : g.ToString().ToUpperInvariant();
        private object Date(DateOnly d) => setup.Postgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public async ValueTask DisposeAsync()
        {
            foreach (var c in commands) await c.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
