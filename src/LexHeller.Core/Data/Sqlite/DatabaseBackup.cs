using System.Diagnostics;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>One finished backup: the folder holding the copies, their total size, how long it took and whether each copy verified.</summary>
public sealed record BackupResult(string Folder, long Bytes, TimeSpan Took, bool IntegrityOk, IReadOnlyList<string> Files);

/// <summary>A backup found in the backup folder.</summary>
public sealed record StoredBackup(string Folder, string Name, long Bytes, DateTime WrittenUtc);

/// <summary>How far a backup has come, in database pages: copied so far and the total of both stores.</summary>
public delegate Task BackupProgress(int pagesCopied, int pagesTotal);

/// <summary>A backup or database file that must not be restored, with the reason in one Swedish line.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>
/// Online copies of the app's database and Hangfire's job store through SQLite's backup API, which copies a
/// consistent snapshot page by page while the app keeps writing (a file copy of a WAL database is not one).
/// The copy holds one read transaction on the source from the first page to the last, so every page comes from
/// the same moment and writers, which WAL lets go on beside a reader, never make it start over; it copies
/// <see cref="PagesPerStep"/> pages at a time with a short pause between, so it can report how far it has come
/// and leaves the disk to the writers now and then.
/// Each copy is verified (integrity_check, foreign_key_check, and for the app's database its tables and
/// migrations history) before the folder gets its final name, so a folder without ".partial" is a good backup.
/// Restore verifies first and refuses before touching anything; it needs the app stopped, which it proves by
/// taking an exclusive lock on the live files (a running app's pooled connections keep a shared lock).
/// </summary>
public sealed class DatabaseBackup(string databasePath, string jobStorePath)
{
    public const string DatabaseFile = "lexheller.db";
    public const string JobStoreFile = "hangfire.db";
    private const string PartialSuffix = ".partial";
    /// <summary>Pages copied in one step: 1,000 pages of 4 kB, about 4 MB.</summary>
    public const int PagesPerStep = 1000;
    private static readonly TimeSpan PauseBetweenSteps = TimeSpan.FromMilliseconds(5);

    /// <summary>The data folder's two files: the database and the job store beside it.</summary>
    public static DatabaseBackup InFolder(string dataFolder) =>
        new(Path.Combine(dataFolder, DatabaseFile), Path.Combine(dataFolder, JobStoreFile));

    /// <summary>
    /// Copies both stores into a new folder under <paramref name="backupFolder"/> named with the Stockholm time,
    /// e.g. <c>lexheller-2026-12-04-0130</c>, and verifies each copy.
    /// </summary>
    public async Task<BackupResult> TakeAsync(string backupFolder, DateTimeOffset now, CancellationToken ct, BackupProgress? progress = null)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(backupFolder);
        var name = UniqueName(backupFolder, "lexheller-" + Stockholm.ToLocal(now).ToString("yyyy-MM-dd-HHmmss", Stockholm.Culture));
        var partial = Path.Combine(backupFolder, name + PartialSuffix);
        Directory.CreateDirectory(partial);
        try
        {
            var files = new List<string>();
            if (!File.Exists(databasePath)) throw new BackupRefusedException($"Databasen '{databasePath}' finns inte.");
            // The job store does not exist when Hangfire is off; the database always does.
            var sources = new[] { (databasePath, DatabaseFile), (jobStorePath, JobStoreFile) }.Where(s => File.Exists(s.Item1)).ToList();
            // The totals as the stores are now; each copy corrects its own once it has started.
            var estimates = sources.Select(s => PageCount(s.Item1)).ToArray();
            var copiedBefore = 0;
            for (var i = 0; i < sources.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var (source, file) = sources[i];
                var target = Path.Combine(partial, file);
                var before = copiedBefore;
                var later = estimates.Skip(i + 1).Sum();
                copiedBefore += await CopyAsync(source, target, progress is null ? null : (done, total) => progress(before + done, before + total + later), ct);
                var problem = Verify(target, appDatabase: file == DatabaseFile);
                if (problem is not null) throw new BackupRefusedException($"Kopian av {file} klarade inte kontrollen: {problem}");
                files.Add(file);
            }
            var final = Path.Combine(backupFolder, name);
            Directory.Move(partial, final);
            var bytes = files.Sum(f => new FileInfo(Path.Combine(final, f)).Length);
            return new BackupResult(final, bytes, watch.Elapsed, true, files);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>The pages a backup taken now would copy: the database's and the job store's.</summary>
    public int PagesToCopy() =>
        new[] { databasePath, jobStorePath }.Where(File.Exists).Sum(PageCount);

    /// <summary>Removes the finished backups beyond the newest <paramref name="keep"/>; returns the names removed.</summary>
    public static IReadOnlyList<string> Prune(string backupFolder, int keep)
    {
        var removed = new List<string>();
        foreach (var old in List(backupFolder).Skip(Math.Max(1, keep)))
            if (TryDelete(old.Folder)) removed.Add(old.Name);
        return removed;
    }

    /// <summary>The finished backups in a folder, newest first.</summary>
    public static IReadOnlyList<StoredBackup> List(string backupFolder)
    {
        if (!Directory.Exists(backupFolder)) return [];
        return new DirectoryInfo(backupFolder).GetDirectories()
            .Where(d => !d.Name.EndsWith(PartialSuffix, StringComparison.Ordinal) && File.Exists(Path.Combine(d.FullName, DatabaseFile)))
            .Select(d => new StoredBackup(d.FullName, d.Name, d.GetFiles().Sum(f => f.Length), d.LastWriteTimeUtc))
            .OrderByDescending(b => b.WrittenUtc).ThenByDescending(b => b.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Replaces the live data with a backup: <paramref name="from"/> is a backup folder (its database and, if
    /// present, its job store) or a single database file. Everything is verified and the live files are locked
    /// exclusively before the first page is written; a refusal leaves the data as it was.
    /// </summary>
    /// <param name="knownMigrations">This version's migrations: a database migrated by a newer version is refused,
    /// since this version cannot know what the newer one changed. Null skips the check.</param>
    public void Restore(string from, IReadOnlySet<string>? knownMigrations = null)
    {
        string database;
        string? jobStore = null;
        if (Directory.Exists(from))
        {
            database = Path.Combine(from, DatabaseFile);
            var store = Path.Combine(from, JobStoreFile);
            if (File.Exists(store)) jobStore = store;
        }
        else database = from;
        if (!File.Exists(database)) throw new BackupRefusedException($"Återställningen avbröts: '{database}' finns inte.");

        var problem = Verify(database, appDatabase: true) ?? NewerThan(database, knownMigrations);
        if (problem is not null) throw new BackupRefusedException($"Återställningen avbröts: '{database}' {problem}. Inget ändrades.");
        if (jobStore is not null && Verify(jobStore, appDatabase: false) is { } storeProblem)
            throw new BackupRefusedException($"Återställningen avbröts: '{jobStore}' {storeProblem}. Inget ändrades.");

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        using var app = HoldAgainstApp(databasePath) ?? throw InUse(databasePath);
        using var live = LockExclusively(databasePath);
        using var liveStore = jobStore is null ? null : LockExclusively(jobStorePath);
        CopyInto(database, live);
        if (jobStore is not null) CopyInto(jobStore, liveStore!);
    }

    /// <summary>Why a file is not a sound copy of a database (null when it is).</summary>
    public static string? Verify(string path, bool appDatabase)
    {
        var length = new FileInfo(path).Length;
        if (length < 100) return "är inte en SQLite-databas";
        using (var stream = File.OpenRead(path))
        {
            var header = new byte[100];
            stream.ReadExactly(header);
            if (!header.AsSpan(0, 16).SequenceEqual("SQLite format 3\0"u8)) return "är inte en SQLite-databas";
            var pageSize = header[16] << 8 | header[17];
            if (pageSize == 1) pageSize = 65536;
            var pages = (long)(header[28] << 24 | header[29] << 16 | header[30] << 8 | header[31]);
            // A copy cut short (a full disk, an interrupted transfer) is shorter than its header says.
            if (pageSize > 0 && pages > 0 && length < pages * pageSize) return "är avkortad (filen är kortare än databasen den innehåller)";
        }
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString());
            connection.Open();
            var integrity = Scalar(connection, "PRAGMA integrity_check(1)");
            if (integrity != "ok") return $"är skadad (integrity_check: {integrity})";
            if (Scalar(connection, "SELECT count(*) FROM pragma_foreign_key_check") != "0") return "har rader som pekar på rader som saknas (foreign_key_check)";
            if (!appDatabase) return null;
            foreach (var table in new[] { "__EFMigrationsHistory", "Cases", "AspNetUsers" })
                if (Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") != "1")
                    return "är inte en Lex Heller-databas (tabellen " + table + " saknas)";
            if (Scalar(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\"") == "0") return "är inte en Lex Heller-databas (ingen migreringshistorik)";
            return null;
        }
        catch (SqliteException e)
        {
            return $"går inte att läsa som databas ({e.Message.TrimEnd('.')})";
        }
    }

    private static string? NewerThan(string database, IReadOnlySet<string>? known)
    {
        if (known is null) return null;
        using var connection = Open(database, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            if (!known.Contains(reader.GetString(0)))
                return $"kommer från en nyare version av Lex Heller (migreringen {reader.GetString(0)} finns inte i den här versionen)";
        return null;
    }

    /// <summary>Copies one store page by page; returns the pages copied.</summary>
    private static async Task<int> CopyAsync(string source, string target, BackupProgress? progress, CancellationToken ct)
    {
        using var from = Open(source, SqliteOpenMode.ReadOnly);
        using var to = Open(target, SqliteOpenMode.ReadWriteCreate);
        // The read transaction pins one snapshot of the source for the whole copy. Without it every step would begin
        // its own, and a write by the app between two steps would send the copy back to the first page.
        Execute(from, "BEGIN");
        Scalar(from, "SELECT count(*) FROM sqlite_master");
        var backup = raw.sqlite3_backup_init(to.Handle, "main", from.Handle, "main");
        if (backup is null || backup.IsInvalid) SqliteException.ThrowExceptionForRC(raw.sqlite3_errcode(to.Handle), to.Handle);
        int pages, finished;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                pages = raw.sqlite3_backup_pagecount(backup);
                if (rc == raw.SQLITE_DONE) break;
                if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED)) SqliteException.ThrowExceptionForRC(rc, to.Handle);
                if (progress is not null) await progress(pages - raw.sqlite3_backup_remaining(backup), pages);
                await Task.Delay(PauseBetweenSteps, ct);
            }
        }
        finally
        {
            finished = raw.sqlite3_backup_finish(backup);
            Execute(from, "COMMIT");
        }
        if (finished != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(finished, to.Handle);
        if (progress is not null) await progress(pages, pages);
        // The copy is a single file: no WAL beside it to lose on the way to another disk.
        Execute(to, "PRAGMA journal_mode = DELETE");
        return pages;
    }

    private static int PageCount(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        return int.Parse(Scalar(connection, "PRAGMA page_count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CopyInto(string source, SqliteConnection live)
    {
        using var from = Open(source, SqliteOpenMode.ReadOnly);
        Execute(live, "COMMIT");
        from.BackupDatabase(live);
        // The restored file carries the backup's journal mode; the app switches it back to WAL at start.
        Execute(live, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <summary>
    /// The running app holds this lock file open for as long as it runs (<see cref="HoldAgainstApp"/>), so restore
    /// can tell a running app from a stopped one: SQLite's own locks do not say so, since an idle app holds none.
    /// </summary>
    public static string LockFile(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Holds the database's lock file exclusively until disposed; null when another process (or host) holds it.</summary>
    public static FileStream? HoldAgainstApp(string databasePath)
    {
        try
        {
            return new FileStream(LockFile(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static BackupRefusedException InUse(string path) =>
        new($"Återställningen avbröts: '{path}' används (är Lex Heller igång?). Stoppa appen och försök igen. Inget ändrades.");

    /// <summary>Opens a live file and holds an exclusive lock on it, or refuses because the app still has it open.</summary>
    private static SqliteConnection LockExclusively(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            Execute(connection, "PRAGMA busy_timeout = 0");
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");
            Execute(connection, "BEGIN EXCLUSIVE");
            // A write makes SQLite take the file's exclusive lock even in WAL mode, where BEGIN EXCLUSIVE alone lets readers in.
            Execute(connection, "PRAGMA user_version = user_version");
            Scalar(connection, "SELECT count(*) FROM sqlite_master");
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            connection.Dispose();
            throw InUse(path);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 1,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string UniqueName(string folder, string name)
    {
        var candidate = name;
        for (var n = 2; Directory.Exists(Path.Combine(folder, candidate)) || Directory.Exists(Path.Combine(folder, candidate + PartialSuffix)); n++)
            candidate = $"{name}-{n}";
        return candidate;
    }

    private static bool TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); return true; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
