using System.Diagnostics;
using System.Globalization;
using LexHeller.Bench.Postgres;
using Npgsql;

namespace LexHeller.Bench.Run;

/// <summary>
/// The database the servers of one run share, whichever engine holds it: how the servers reach it, row counts read
/// beside them, the clean snapshot every scenario kind starts from, and the command-line tool the compilation is
/// compared with.
/// </summary>
public abstract class BenchDatabase
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The engine as the report names it.</summary>
    public abstract string Engine { get; }

    /// <summary>Settings for the app beside the shared ones: where its database is.</summary>
    public abstract IReadOnlyDictionary<string, string> AppEnvironment { get; }

    /// <summary>Settings for the bare apps: Bench:Provider and Bench:Database.</summary>
    public abstract IReadOnlyDictionary<string, string> BareEnvironment { get; }

    /// <summary>What the compile command's --db takes.</summary>
    public abstract string CompileTarget { get; }

    /// <summary>What the bare writer's --db takes: the database the servers use.</summary>
    public abstract string WriteTarget { get; }

    /// <summary>The command-line client the compilation's captured statements run in, as the report names it.</summary>
    public abstract string ToolName { get; }

    public abstract long Count(string table);

    public abstract IReadOnlyList<long> CaseIds(int forbundId, int limit);

    /// <summary>Takes the clean state every scenario kind starts from (servers may be running).</summary>
    public abstract void Snapshot();

    /// <summary>Puts the clean state back under the running servers.</summary>
    public abstract TimeSpan Restore();

    /// <summary>The engine's versions, for the report's heading.</summary>
    public abstract string Versions();

    /// <summary>A shell command that runs the SQL file in the tool; its standard error's last line is the tool's peak RSS in KB.</summary>
    public abstract ProcessStartInfo Tool(string sqlFile);

    internal static string Output(string tool, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

/// <summary>SQLite: a working copy of the generated file and its clean snapshot (see <see cref="DatabaseFiles"/>).</summary>
public sealed class SqliteBenchDatabase(DatabaseFiles files) : BenchDatabase
{
    public override string Engine => "SQLite";

    // The app finds lexheller.db in its data folder, which is the working copy's folder.
    public override IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string>();

    public override IReadOnlyDictionary<string, string> BareEnvironment => new Dictionary<string, string> { ["Bench__Database"] = files.Work };

    public override string CompileTarget => files.Clean;

    public override string WriteTarget => files.Work;

    public override string ToolName => "sqlite3 tool";

    public override long Count(string table) => files.Count(table);

    public override IReadOnlyList<long> CaseIds(int forbundId, int limit) =>
        files.Query($"SELECT Id FROM Cases WHERE ForbundId = {forbundId} AND State <> 'Utkast' ORDER BY random() LIMIT {limit}", r => r.GetInt64(0));

    public override void Snapshot() => files.Snapshot();

    public override TimeSpan Restore() => files.Restore();

    public override string Versions() =>
        $"SQLite {files.Query("SELECT sqlite_version()", r => r.GetString(0))[0]} in the app (e_sqlite3), " +
        $"{Output("sqlite3", "--version").Split(' ').FirstOrDefault()} in the sqlite3 tool; WAL, synchronous = NORMAL (no fsync per commit)";

    public override ProcessStartInfo Tool(string sqlFile) => new("bash")
    {
        ArgumentList = { "-c", "/usr/bin/time -f '%M' sqlite3 \"$0\" < \"$1\" > /dev/null", files.Clean, sqlFile },
    };
}

/// <summary>
/// PostgreSQL: one database in the run's private cluster. The clean state is the generated data plus what the servers
/// wrote while starting (log-ins, keys); a restore deletes every row whose id lies past the snapshot's highest, puts
/// the reference counters back, recounts the states, and vacuums what the deletes left, so the next scenario reads the
/// same tables and indexes as the first.
/// </summary>
public sealed class PostgresBenchDatabase(PostgresCluster cluster, string database, string dataFolder) : BenchDatabase
{
    private readonly string _connectionString = cluster.ConnectionString(database);
    private List<(string Table, long Max)> _marks = [];
    private List<(int ForbundId, int Year, int Last)> _counters = [];

    public override string Engine => "PostgreSQL";

    public string ConnectionString => _connectionString;

    public string ServerLog => cluster.ServerLog;

    public override IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__LexHeller"] = _connectionString,
        ["Data__Folder"] = dataFolder,
    };

    public override IReadOnlyDictionary<string, string> BareEnvironment => new Dictionary<string, string>
    {
        ["Bench__Provider"] = "Postgres",
        ["Bench__Database"] = _connectionString,
    };

    public override string CompileTarget => _connectionString;

    public override string WriteTarget => _connectionString;

    public override string ToolName => "psql";

    public void CreateBareTable() => Exec("CREATE TABLE IF NOT EXISTS \"BareRows\" (\"Id\" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \"At\" bigint NOT NULL, \"Text\" text NOT NULL)");

    public override long Count(string table) => Rows($"SELECT COUNT(*) FROM \"{table}\"", r => r.GetInt64(0))[0];

    public override IReadOnlyList<long> CaseIds(int forbundId, int limit) =>
        Rows($"SELECT \"Id\" FROM \"Cases\" WHERE \"ForbundId\" = {forbundId} AND \"State\" <> 'Utkast' ORDER BY random() LIMIT {limit}", r => (long)r.GetInt32(0));

    public override void Snapshot()
    {
        var tables = Rows("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'Id' " +
                          "AND data_type IN ('integer', 'bigint') AND is_identity = 'YES' ORDER BY table_name", r => r.GetString(0));
        _marks = tables.Select(t => (t, Rows($"SELECT COALESCE(MAX(\"Id\"), 0)::bigint FROM \"{t}\"", r => r.GetInt64(0))[0])).ToList();
        _counters = Rows("SELECT \"ForbundId\", \"Year\", \"Last\" FROM \"ReferenceCounters\"", r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))).ToList();
    }

    public override TimeSpan Restore()
    {
        var clock = Stopwatch.StartNew();
        var touched = new List<string>();
        using (var connection = Open())
        using (var tx = connection.BeginTransaction())
        {
            // Foreign keys and the count triggers are off for these deletes (replica role); the counts are rebuilt after.
            Exec(connection, "SET LOCAL session_replication_role = replica");
            foreach (var (table, max) in _marks)
                if (Exec(connection, $"DELETE FROM \"{table}\" WHERE \"Id\" > {max}") > 0) touched.Add(table);
            Exec(connection, "DELETE FROM \"ReferenceCounters\"");
            foreach (var (f, y, l) in _counters)
                Exec(connection, $"INSERT INTO \"ReferenceCounters\" (\"ForbundId\", \"Year\", \"Last\") VALUES ({f}, {y}, {l})");
            Exec(connection, PostgresGenerator.RebuildStateCountsSql);
            tx.Commit();
        }
        using (var connection = Open())
            foreach (var table in touched.Append("CaseStateCounts").Append("ReferenceCounters"))
                Exec(connection, $"VACUUM (ANALYZE) \"{table}\"");
        Exec("CHECKPOINT");
        return clock.Elapsed;
    }

    public override string Versions() =>
        $"PostgreSQL {Rows("SHOW server_version", r => r.GetString(0))[0]} (Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString(3)} in the app), " +
        $"a private cluster on 127.0.0.1; " + string.Join(", ", PostgresCluster.Settings.Select(s => $"{s.Name} = {s.Value}"));

    public override ProcessStartInfo Tool(string sqlFile)
    {
        var b = new NpgsqlConnectionStringBuilder(_connectionString);
        return new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                "-c", "/usr/bin/time -f '%M' \"$0\" -X -q -v ON_ERROR_STOP=1 -h \"$1\" -p \"$2\" -U postgres -d \"$3\" -f \"$4\" > /dev/null",
                Path.Combine(cluster.Binaries, "psql"), b.Host!, b.Port.ToString(CultureInfo.InvariantCulture), b.Database!, sqlFile,
            },
        };
    }

    /// <summary>The WAL's flushes so far (count, milliseconds spent in them), read from pg_stat_wal.</summary>
    public (long Syncs, double Milliseconds) WalSyncs() =>
        Rows("SELECT wal_sync, wal_sync_time FROM pg_stat_wal", r => (r.GetInt64(0), r.GetDouble(1)))[0];

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        connection.Open();
        return connection;
    }

    private void Exec(string sql)
    {
        using var connection = Open();
        Exec(connection, sql);
    }

    private static int Exec(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return command.ExecuteNonQuery();
    }

    private List<T> Rows<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
