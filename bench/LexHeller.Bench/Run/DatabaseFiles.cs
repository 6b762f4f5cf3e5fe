using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LexHeller.Bench.Run;

/// <summary>The working copy the servers share, its clean snapshot, and row counts read beside the servers.</summary>
public sealed class DatabaseFiles(string work, string clean)
{
    public string Work { get; } = work;
    public string Clean { get; } = clean;

    /// <summary>A working copy of the generated database, with nothing left over from an earlier run.</summary>
    public static DatabaseFiles Prepare(string generated, string folder)
    {
        Directory.CreateDirectory(folder);
        var work = Path.Combine(folder, "lexheller.db");
        var clean = Path.Combine(folder, "clean.db");
        foreach (var f in Directory.GetFiles(folder, "*.db*")) File.Delete(f);
        File.Copy(generated, work);
        Sync();
        var files = new DatabaseFiles(work, clean);
        // The bare apps' table is created now, so the clean snapshot (and every restore) has it, empty.
        Exec(work, "CREATE TABLE IF NOT EXISTS BareRows (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL, Text TEXT NOT NULL);");
        return files;
    }

    /// <summary>Copies the working database as it is now (servers may be running) into the clean snapshot.</summary>
    public void Snapshot()
    {
        foreach (var f in new[] { Clean, Clean + "-wal", Clean + "-shm" }) File.Delete(f);
        Backup(Work, Clean);
    }

    /// <summary>
    /// Puts the clean snapshot back into the working database through SQLite's backup API, page by page under
    /// SQLite's own locks, so the running servers see the restored file on their next query.
    /// </summary>
    public TimeSpan Restore()
    {
        var clock = Stopwatch.StartNew();
        Backup(Clean, Work);
        Exec(Work, "PRAGMA wal_checkpoint(TRUNCATE);");
        // The restore leaves the whole file dirty in the page cache; its write-back must not land in the first run.
        Sync();
        return clock.Elapsed;
    }

    private static void Backup(string from, string to)
    {
        using var source = Open(from);
        using var destination = Open(to);
        source.BackupDatabase(destination);
    }

    public long Count(string table)
    {
        using var connection = Open(Work);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = Open(Work);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static void Exec(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 120 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 120000;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Lets the kernel write out a freshly copied file before anything is timed against it.</summary>
    public static void Sync()
    {
        using var sync = Process.Start("sync");
        sync.WaitForExit();
    }
}
