using LexHeller.Core.Data.Sqlite;
using LexHeller.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>
/// Backups taken while the app writes restore to a sound database, and a restore refuses a file that is not a sound
/// Lex Heller database without touching the data.
/// </summary>
// SQLite's own backup: PostgreSQL is backed up with its server's tools (PostgresCaseTests shows the page says so).
[Trait("Database", "Sqlite")]
public class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_cases_are_filed_in_parallel_restores_to_a_sound_database_whose_cases_all_have_their_events()
    {
        using var app = new AppFactory();
        await app.FileCaseAsync();
        var location = app.Services.GetRequiredService<BackupLocation>();
        using var stop = new CancellationTokenSource();
        var filers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var filed = 0;
            while (!stop.IsCancellationRequested) { await app.FileCaseAsync(CaseStateFor(filed)); filed++; }
            return filed;
        })).ToList();
        // Let the writers get going, then take two backups in the middle of the load.
        while (Count(location.DatabasePath, "Cases") < 6) await Task.Delay(50);
        var first = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        var second = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        await stop.CancelAsync();
        var filedDuring = (await Task.WhenAll(filers)).Sum();

        Assert.True(filedDuring > 0);
        Assert.True(first.IntegrityOk);
        Assert.True(first.Bytes > 0);
        Assert.NotEqual(first.Folder, second.Folder);
        Assert.Equal(2, DatabaseBackup.List(location.BackupFolder).Count);

        var restoredFolder = Directory.CreateTempSubdirectory("lexheller-restored-").FullName;
        try
        {
            var restored = DatabaseBackup.InFolder(restoredFolder);
            restored.Restore(second.Folder);
            var database = Path.Combine(restoredFolder, DatabaseBackup.DatabaseFile);
            Assert.Equal("ok", Scalar(database, "PRAGMA integrity_check"));
            Assert.Equal(0L, Scalar(database, "SELECT count(*) FROM pragma_foreign_key_check"));
            Assert.Equal(0L, Scalar(database, "SELECT count(*) FROM Cases c WHERE NOT EXISTS (SELECT 1 FROM CaseEvents e WHERE e.CaseId = c.Id)"));
            // The restored database holds what the backup held, and the backup held a moment of the load: more
            // than before it started, fewer than at its end.
            var backupCases = Count(Path.Combine(second.Folder, DatabaseBackup.DatabaseFile), "Cases");
            Assert.Equal(backupCases, Count(database, "Cases"));
            Assert.Equal(Count(Path.Combine(second.Folder, DatabaseBackup.DatabaseFile), "CaseEvents"), Count(database, "CaseEvents"));
            Assert.InRange(backupCases, Count(Path.Combine(first.Folder, DatabaseBackup.DatabaseFile), "Cases"), Count(location.DatabasePath, "Cases"));
            // The mails a step queues are written in the step's own transaction, so the copy holds them with the
            // step: every case has the mails of its filing, and a case the load did not touch after the copy has
            // exactly the mails it has in the live database.
            var copied = PerCase(database);
            var live = PerCase(location.DatabasePath);
            Assert.Equal(backupCases, copied.Count);
            Assert.All(copied, c => Assert.True(c.Value.Outbox > 0, $"{c.Key} has no outbox rows"));
            var untouched = copied.Where(c => live[c.Key].Events == c.Value.Events).ToList();
            Assert.NotEmpty(untouched);
            Assert.All(untouched, c => Assert.Equal(live[c.Key].Outbox, c.Value.Outbox));
            Assert.Equal(Scalar(database, "SELECT count(*) FROM Outbox o WHERE o.Link LIKE '%/arenden/ref/%'"),
                Scalar(database, $"SELECT count(*) FROM Outbox o WHERE EXISTS (SELECT 1 FROM Cases c WHERE {OutboxOfCase})"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(restoredFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_truncated_backup_a_foreign_database_and_a_file_that_is_no_database_are_refused_and_the_data_is_untouched()
    {
        using var app = new AppFactory();
        var location = app.Services.GetRequiredService<BackupLocation>();
        await app.FileCaseAsync();
        var good = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        var goodFile = Path.Combine(good.Folder, DatabaseBackup.DatabaseFile);

        // The target is a stopped app's data: a copy of the good backup in a folder of its own.
        var target = Directory.CreateTempSubdirectory("lexheller-target-").FullName;
        var bad = Directory.CreateTempSubdirectory("lexheller-bad-").FullName;
        try
        {
            var targetFile = Path.Combine(target, DatabaseBackup.DatabaseFile);
            File.Copy(goodFile, targetFile);
            var before = File.ReadAllBytes(targetFile);

            var truncated = Path.Combine(bad, "avkortad.db");
            var bytes = File.ReadAllBytes(goodFile);
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
            var foreign = Path.Combine(bad, "annan.db");
            using (var other = new SqliteConnection($"Data Source={foreign};Pooling=false"))
            {
                other.Open();
                using var command = other.CreateCommand();
                command.CommandText = "CREATE TABLE Kunder (Id INTEGER PRIMARY KEY, Namn TEXT); INSERT INTO Kunder (Namn) VALUES ('Anna');";
                command.ExecuteNonQuery();
            }
            var text = Path.Combine(bad, "text.db");
            File.WriteAllText(text, new string('x', 8192));

            var restore = DatabaseBackup.InFolder(target);
            Assert.Contains("avkortad", Assert.Throws<BackupRefusedException>(() => restore.Restore(truncated)).Message);
            Assert.Contains("inte en Lex Heller-databas", Assert.Throws<BackupRefusedException>(() => restore.Restore(foreign)).Message);
            Assert.Contains("inte en SQLite-databas", Assert.Throws<BackupRefusedException>(() => restore.Restore(text)).Message);
            Assert.Contains("finns inte", Assert.Throws<BackupRefusedException>(() => restore.Restore(Path.Combine(bad, "saknas.db"))).Message);

            Assert.Equal(before, File.ReadAllBytes(targetFile));
            Assert.False(File.Exists(Path.Combine(target, DatabaseBackup.JobStoreFile)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(target, recursive: true);
            Directory.Delete(bad, recursive: true);
        }
    }

    [Fact]
    public async Task A_restore_over_stopped_data_in_wal_mode_replaces_it_with_the_backup_and_the_app_starts_on_it()
    {
        using var app = new AppFactory();
        var location = app.Services.GetRequiredService<BackupLocation>();
        var kept = await app.FileCaseAsync();
        var older = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        var later = await app.FileCaseAsync();
        var newer = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);

        using var restoredApp = new AppFactory();
        var target = Path.Combine(restoredApp.DataFolder, DatabaseBackup.DatabaseFile);
        // The stopped app's data: the newer backup, in WAL mode with a write still in its log.
        File.Copy(Path.Combine(newer.Folder, DatabaseBackup.DatabaseFile), target);
        using (var stopped = new SqliteConnection($"Data Source={target};Pooling=false"))
        {
            stopped.Open();
            using var command = stopped.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; UPDATE Cases SET Reference = Reference || '-x'";
            command.ExecuteNonQuery();
        }

        DatabaseBackup.InFolder(restoredApp.DataFolder).Restore(older.Folder);

        Assert.Equal("ok", Scalar(target, "PRAGMA integrity_check"));
        Assert.Equal(1L, Count(target, "Cases"));
        Assert.Equal(kept.Reference, Scalar(target, "SELECT Reference FROM Cases"));
        // The app starts on the restored file (it migrates and switches to WAL as on every start) and finds the case.
        Assert.True(restoredApp.WithDb(db => db.Cases.Any(c => c.Reference == kept.Reference)));
        Assert.False(restoredApp.WithDb(db => db.Cases.Any(c => c.Reference == later.Reference || c.Reference!.EndsWith("-x"))));
    }

    [Fact]
    public async Task A_backup_from_a_newer_version_is_refused()
    {
        using var app = new AppFactory();
        var location = app.Services.GetRequiredService<BackupLocation>();
        var backup = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        var target = Directory.CreateTempSubdirectory("lexheller-older-").FullName;
        try
        {
            var refused = Assert.Throws<BackupRefusedException>(() =>
                DatabaseBackup.InFolder(target).Restore(backup.Folder, new HashSet<string> { "20261124224353_Initial" }));
            Assert.Contains("nyare version", refused.Message);
            Assert.Empty(Directory.GetFiles(target));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task A_restore_into_the_data_of_a_running_app_is_refused_and_the_app_keeps_its_data()
    {
        using var app = new AppFactory();
        var location = app.Services.GetRequiredService<BackupLocation>();
        var filed = await app.FileCaseAsync();
        var backup = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None);
        await app.FileCaseAsync();
        var cases = Count(location.DatabasePath, "Cases");

        var refused = Assert.Throws<BackupRefusedException>(() => location.Backup.Restore(backup.Folder));

        Assert.Contains("används", refused.Message);
        Assert.Equal(cases, Count(location.DatabasePath, "Cases"));
        Assert.True(app.WithDb(db => db.Cases.Any(c => c.Id == filed.Id)));
    }

    [Fact]
    public async Task A_backup_copies_page_by_page_reports_pages_copied_and_keeps_one_snapshot_while_the_app_writes_between_steps()
    {
        using var app = new AppFactory();
        await app.FileCaseAsync();
        var location = app.Services.GetRequiredService<BackupLocation>();
        // About 3,000 pages of 4 kB besides the app's own, so the copy takes several steps.
        Execute(location.DatabasePath, "CREATE TABLE Filler (Id INTEGER PRIMARY KEY, Data BLOB NOT NULL); " +
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO Filler (Data) SELECT randomblob(4000) FROM n;");
        var casesAtStart = Count(location.DatabasePath, "Cases");
        var reports = new List<(int Done, int Total)>();

        var result = await location.Backup.TakeAsync(location.BackupFolder, app.Clock.GetUtcNow(), CancellationToken.None, async (done, total) =>
        {
            reports.Add((done, total));
            // The app files a case and writes more pages between two steps of the copy.
            if (reports.Count == 1) await app.FileCaseAsync();
            Execute(location.DatabasePath, "INSERT INTO Filler (Data) SELECT randomblob(4000) FROM Filler LIMIT 100");
        });

        var pages = reports[^1].Total;
        Assert.True(pages > 3000, $"{pages} pages");
        Assert.Equal(pages, reports[^1].Done);
        // One pass, never sent back to the start by the writes: 1,000 pages a step, each report further on.
        Assert.Equal((pages + DatabaseBackup.PagesPerStep - 1) / DatabaseBackup.PagesPerStep, reports.Count);
        Assert.All(reports.Zip(reports.Skip(1)), r => Assert.True(r.Second.Done > r.First.Done));
        Assert.All(reports, r => Assert.Equal(pages, r.Total));
        // The copy is the moment it started: without the case and the rows written while it ran.
        var copy = Path.Combine(result.Folder, DatabaseBackup.DatabaseFile);
        Assert.Equal(3000L, Count(copy, "Filler"));
        Assert.Equal(casesAtStart, Count(copy, "Cases"));
        Assert.Equal(casesAtStart + 1, Count(location.DatabasePath, "Cases"));
        Assert.True(Count(location.DatabasePath, "Filler") > 3000);
        Assert.Null(DatabaseBackup.Verify(copy, appDatabase: true));
    }

    private const string OutboxOfCase = "o.Link LIKE '%/arenden/ref/' || c.Reference";

    /// <summary>Each case's events and outbox rows, by reference.</summary>
    private static Dictionary<string, (long Events, long Outbox)> PerCase(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.Reference, (SELECT count(*) FROM CaseEvents e WHERE e.CaseId = c.Id), " +
                              $"(SELECT count(*) FROM Outbox o WHERE {OutboxOfCase}) FROM Cases c WHERE c.Reference IS NOT NULL";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (long, long)>();
        while (reader.Read()) rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return rows;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 10 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Core.Cases.CaseState CaseStateFor(int n) => n % 2 == 0 ? Core.Cases.CaseState.Inkommen : Core.Cases.CaseState.UnderGranskning;

    private static long Count(string database, string table) => (long)Scalar(database, $"SELECT count(*) FROM \"{table}\"")!;

    private static object? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
