using System.Diagnostics;
using LexHeller.Bench.Generate;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace LexHeller.Bench.Postgres;

/// <summary>
/// The same data set as <see cref="DataGenerator"/> writes to SQLite (the same seed gives the same rows), in a fresh
/// PostgreSQL database: the schema from the app's PostgreSQL migrations, the reference rows through the app's
/// entities, then every case's rows by binary COPY, one connection per table so the tables load side by side.
/// </summary>
/// <remarks>
/// While the rows go in, the secondary indexes of the bulk tables (the search index among them) are dropped and
/// rebuilt afterwards from their own definitions, and the foreign-key checks and the state-count triggers are off.
/// The search trigger stays on: every case gets its tsvector from the migration's own function as it arrives, exactly
/// as the app's inserts do. The counts per state are then recounted in one statement (what the count trigger would
/// have summed row by row), the identity sequences moved past the ids written, and VACUUM ANALYZE gives the planner
/// its statistics and the tables their visibility map, as autovacuum would have long since done on a live server.
/// </remarks>
public static class PostgresGenerator
{
    private static readonly string[] BulkTables = ["Cases", "CaseEvents", "CaseParties", "RuleConflicts", "CaseQuestions", "CaseReferrals"];

    public const string RebuildStateCountsSql =
        "DELETE FROM \"CaseStateCounts\"; " +
        "INSERT INTO \"CaseStateCounts\" (\"ForbundId\", \"State\", \"Count\") SELECT \"ForbundId\", \"State\", COUNT(*) FROM \"Cases\" GROUP BY \"ForbundId\", \"State\";";

    public static async Task<Dataset> GenerateAsync(PostgresCluster cluster, string database, string folder, int cases, int years, int seed, TextWriter log)
    {
        if (cases < 1) throw new BenchException("--cases must be at least 1");
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, Dataset.FileName));
        cluster.Execute("postgres", $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        cluster.Execute("postgres", $"CREATE DATABASE \"{database}\"");
        var connectionString = cluster.ConnectionString(database);

        var total = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<ForbundPeople> forbund;
        await using (var services = ReferenceData.Services(connectionString, postgres: true))
        {
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Database.MigrateAsync();
            forbund = await ReferenceData.CreateAsync(services, now);
        }
        log.WriteLine($"schema and reference data: {total.Elapsed.TotalSeconds:0.0} s");

        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        var tables = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        var indexes = await RowsAsync(admin,
            $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({tables}) " +
            $"AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))");
        foreach (var (name, _) in indexes) await ExecAsync(admin, $"DROP INDEX \"{name}\"");
        foreach (var table in BulkTables) await ExecAsync(admin, $"ALTER TABLE \"{table}\" DISABLE TRIGGER ALL");
        await ExecAsync(admin, "ALTER TABLE \"Cases\" ENABLE TRIGGER \"Cases_search\"");

        var phase = Stopwatch.StartNew();
        DataGenerator.Counts counts;
        await using (var writer = await PostgresCaseWriter.OpenAsync(connectionString))
        {
            DataGenerator.Simulate(forbund, cases, years, seed, now, log, writer.Write, _ => { }, writer.Counters);
            counts = await writer.CompleteAsync();
        }
        log.WriteLine($"rows: {counts.Cases:N0} cases, {counts.Events:N0} events, {counts.Parties:N0} parties, {counts.Referrals:N0} referrals, " +
                      $"{counts.Questions:N0} questions, {counts.RuleConflicts:N0} rule conflicts in {phase.Elapsed.TotalSeconds:0.0} s (search vectors included)");

        phase.Restart();
        foreach (var table in BulkTables) await ExecAsync(admin, $"ALTER TABLE \"{table}\" ENABLE TRIGGER ALL");
        await ExecAsync(admin, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, sql) in indexes) await ExecAsync(admin, sql);
        log.WriteLine($"indexes ({indexes.Count}, the search index among them): {phase.Elapsed.TotalSeconds:0.0} s");
        await ExecAsync(admin, RebuildStateCountsSql);
        foreach (var table in BulkTables)
            await ExecAsync(admin, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"), false)");
        phase.Restart();
        await ExecAsync(admin, "VACUUM (ANALYZE)");
        log.WriteLine($"VACUUM ANALYZE: {phase.Elapsed.TotalSeconds:0.0} s");
        total.Stop();

        var (year, tertial) = DataGenerator.LastCompleteTertial(now);
        var dataset = new Dataset(counts.Cases, counts.Events, counts.Parties, counts.Referrals, counts.Questions, counts.RuleConflicts,
            Math.Round(total.Elapsed.TotalSeconds, 1), forbund.Select(f => f.Info).ToList(), BenchUsers.ReporterEmail, BenchUsers.Password,
            BenchUsers.TotpSecret, Texts.SearchTerm, year, tertial);
        dataset.Save(folder);
        log.WriteLine($"generated {cases:N0} cases into PostgreSQL database {database} in {total.Elapsed.TotalSeconds:0.0} s ({Environment.ProcessorCount} cores)");
        return dataset;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string, string)>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }
}

/// <summary>Writes each <see cref="CaseRecord"/> as the rows the app's EF mapping writes on PostgreSQL, one binary COPY per table.</summary>
internal sealed class PostgresCaseWriter : IAsyncDisposable
{
    private readonly List<NpgsqlConnection> _connections;
    private readonly Copy _cases, _events, _parties, _conflicts, _questions, _referrals;
    private readonly string _connectionString;
    private List<(int ForbundId, int Year, int Last)> _counters = [];

    private PostgresCaseWriter(string connectionString, List<NpgsqlConnection> connections, Copy[] copies)
    {
        _connectionString = connectionString;
        _connections = connections;
        (_cases, _events, _parties, _conflicts, _questions, _referrals) = (copies[0], copies[1], copies[2], copies[3], copies[4], copies[5]);
    }

    public static async Task<PostgresCaseWriter> OpenAsync(string connectionString)
    {
        (string Table, string[] Columns)[] tables =
        [
            ("Cases", ["Id", "ForbundId", "Kind", "State", "ReporterUserId", "ReporterOrganisationId", "FormKey", "Reference", "ReferenceYear", "ReferenceSequence",
                "EventDate", "CategoryId", "WhatHappened", "Consequences", "Suggestion", "Gender", "AgeBand", "SolvedLocally",
                "HandoverFromOrganisationId", "HandoverToOrganisationId", "HandoverSentDate", "HandoverReceived", "DaysWaited",
                "CreatedAt", "UpdatedAt", "SubmittedAt", "HandlerUserId", "RejectionReason", "RejectionWhereToTurn",
                "Outcome", "Summary", "Answer", "ConcludedAt", "IsPublished", "PublishedAt", "Version"]),
            ("CaseEvents", ["Id", "CaseId", "At", "ActorUserId", "ActorRole", "Action", "FromState", "ToState", "Comment"]),
            ("CaseParties", ["Id", "CaseId", "OrganisationId", "OtherActorName"]),
            ("RuleConflicts", ["Id", "CaseId", "Position", "PartyAOrganisationId", "PartyAName", "RequirementA", "RuleA",
                "PartyBOrganisationId", "PartyBName", "RequirementB", "RuleB"]),
            ("CaseQuestions", ["Id", "CaseId", "AskedByUserId", "AskedAt", "Question", "Answer", "AnsweredAt"]),
            ("CaseReferrals", ["Id", "CaseId", "Round", "OrganisationId", "ReferredAt", "DueDate", "Status", "Response",
                "ResponseUpdatedAt", "ResponseUpdatedByUserId", "AnsweredAt", "ReminderSentAt", "OverdueNotifiedAt"]),
        ];
        var connections = new List<NpgsqlConnection>();
        var copies = new List<Copy>();
        foreach (var (table, columns) in tables)
        {
            var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            connections.Add(connection);
            copies.Add(new Copy(await connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)")));
        }
        return new PostgresCaseWriter(connectionString, connections, copies.ToArray());
    }

    private static DateTime? Utc(DateTimeOffset? at) => at?.UtcDateTime;

    public void Write(CaseRecord c)
    {
        _cases.Row().Int(c.Id).Int(c.ForbundId).Text(c.Kind.ToString()).Text(c.State.ToString()).Text(c.ReporterUserId)
            .Int(c.ReporterOrganisationId).Uuid(c.FormKey).Text(c.Reference).Int(c.ReferenceYear).Int(c.ReferenceSequence)
            .Date(c.EventDate).Int(c.CategoryId).Text(c.WhatHappened).Text(c.Consequences).Text(c.Suggestion)
            .Text(c.Gender.ToString()).Text(c.AgeBand.ToString()).Bool(c.SolvedLocally)
            .Int(c.HandoverFrom).Int(c.HandoverTo).Date(c.HandoverSentDate).Bool(c.HandoverReceived).Int(c.DaysWaited)
            .Time(c.CreatedAt.UtcDateTime).Time(c.UpdatedAt.UtcDateTime).Time(Utc(c.SubmittedAt)).Text(c.HandlerUserId)
            .Text(c.RejectionReason).Text(c.RejectionWhereToTurn)
            .Text(c.Outcome?.ToString()).Text(c.Summary).Text(c.Answer).Time(Utc(c.ConcludedAt)).Bool(c.IsPublished)
            .Time(Utc(c.PublishedAt)).Int(c.Events.Count + 1);

        foreach (var e in c.Events)
            _events.Row().Long(_events.Rows).Int(c.Id).Time(e.At.UtcDateTime).Text(e.ActorUserId).Text(e.ActorRole).Text(e.Action)
                .Text(e.From.ToString()).Text(e.To.ToString()).Text(e.Comment);
        foreach (var p in c.Parties)
            _parties.Row().Int((int)_parties.Rows).Int(c.Id).Int(p.OrganisationId).Text(p.OtherActorName);
        for (var i = 0; i < c.RuleConflicts.Count; i++)
        {
            var r = c.RuleConflicts[i];
            _conflicts.Row().Int((int)_conflicts.Rows).Int(c.Id).Int(i + 1).Int(r.PartyA.OrganisationId).Text(r.PartyA.OtherActorName)
                .Text(r.RequirementA).Text(r.RuleA).Int(r.PartyB.OrganisationId).Text(r.PartyB.OtherActorName).Text(r.RequirementB).Text(r.RuleB);
        }
        foreach (var q in c.Questions)
            _questions.Row().Int((int)_questions.Rows).Int(c.Id).Text(q.AskedBy).Time(q.AskedAt.UtcDateTime).Text(q.Question).Text(q.Answer)
                .Time(Utc(q.AnsweredAt));
        foreach (var r in c.Referrals)
            _referrals.Row().Int((int)_referrals.Rows).Int(c.Id).Int(1).Int(r.OrganisationId).Time(r.ReferredAt.UtcDateTime).Date(r.DueDate)
                .Text(r.Status.ToString()).Text(r.Response).Time(Utc(r.AnsweredAt)).Text(r.ResponderUserId).Time(Utc(r.AnsweredAt))
                .Time(null).Time(null);
    }

    public void Counters(IEnumerable<(int ForbundId, int Year, int Last)> counters) => _counters = counters.ToList();

    public async Task<DataGenerator.Counts> CompleteAsync()
    {
        foreach (var copy in new[] { _cases, _events, _parties, _conflicts, _questions, _referrals }) await copy.CompleteAsync();
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var (forbundId, year, last) in _counters)
        {
            await using var command = new NpgsqlCommand("INSERT INTO \"ReferenceCounters\" (\"ForbundId\", \"Year\", \"Last\") VALUES ($1, $2, $3)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = forbundId });
            command.Parameters.Add(new NpgsqlParameter { Value = year });
            command.Parameters.Add(new NpgsqlParameter { Value = last });
            await command.ExecuteNonQueryAsync();
        }
        return new((int)_cases.Rows, (int)_events.Rows, (int)_parties.Rows, (int)_referrals.Rows, (int)_questions.Rows, (int)_conflicts.Rows);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var copy in new[] { _cases, _events, _parties, _conflicts, _questions, _referrals }) await copy.DisposeAsync();
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    /// <summary>One table's COPY: a row at a time, its fields in the column order of the COPY.</summary>
    private sealed class Copy(NpgsqlBinaryImporter importer) : IAsyncDisposable
    {
        private bool _completed;

        /// <summary>Rows started so far, which is also the id of the row just started (ids count from 1 in insertion order).</summary>
        public long Rows { get; private set; }

        public Copy Row()
        {
            importer.StartRow();
            Rows++;
            return this;
        }

        public Copy Int(int? v) => v is { } x ? Write(x, NpgsqlDbType.Integer) : Null();
        public Copy Long(long v) => Write(v, NpgsqlDbType.Bigint);
        public Copy Text(string? v) => v is not null ? Write(v, NpgsqlDbType.Text) : Null();
        public Copy Bool(bool? v) => v is { } x ? Write(x, NpgsqlDbType.Boolean) : Null();
        public Copy Uuid(Guid v) => Write(v, NpgsqlDbType.Uuid);
        public Copy Date(DateOnly? v) => v is { } x ? Write(x, NpgsqlDbType.Date) : Null();
        public Copy Time(DateTime? v) => v is { } x ? Write(x, NpgsqlDbType.TimestampTz) : Null();

        private Copy Write<T>(T v, NpgsqlDbType type) where T : notnull
        {
            importer.Write(v, type);
            return this;
        }

        private Copy Null()
        {
            importer.WriteNull();
            return this;
        }

        public async Task CompleteAsync()
        {
            await importer.CompleteAsync();
            _completed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_completed) await importer.CloseAsync();
            await importer.DisposeAsync();
        }
    }
}
