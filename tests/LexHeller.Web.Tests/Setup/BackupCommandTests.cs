using System.Diagnostics;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>What the operator sees running <c>dotnet LexHeller.Web.dll backup</c> and <c>restore</c> on the built app.</summary>
// SQLite's own backup: PostgreSQL is backed up with its server's tools (PostgresCaseTests shows the page says so).
[Trait("Database", "Sqlite")]
public class BackupCommandTests
{
    [Fact]
    public async Task Backup_then_restore_from_the_command_line_brings_back_the_data_and_a_foreign_file_is_refused_with_one_line()
    {
        using var app = new AppFactory();
        var filed = await app.FileCaseAsync();
        var source = app.DataFolder;
        var backups = Directory.CreateTempSubdirectory("lexheller-cli-backups-").FullName;
        var target = Directory.CreateTempSubdirectory("lexheller-cli-target-").FullName;
        try
        {
            var backup = await RunAsync(source, "backup", "--to", backups);
            Assert.Equal(0, backup.Code);
            Assert.StartsWith("Säkerhetskopian togs: ", backup.Out);
            Assert.Contains("integrity_check ok", backup.Out);
            var folder = Assert.Single(Directory.GetDirectories(backups));
            Assert.Matches(@"lexheller-\d{4}-\d{2}-\d{2}-\d{6}$", folder);

            var foreign = Path.Combine(backups, "annan.db");
            using (var other = new SqliteConnection($"Data Source={foreign};Pooling=false"))
            {
                other.Open();
                using var command = other.CreateCommand();
                command.CommandText = "CREATE TABLE Kunder (Id INTEGER PRIMARY KEY)";
                command.ExecuteNonQuery();
            }
            var refused = await RunAsync(target, "restore", "--from", foreign);
            Assert.NotEqual(0, refused.Code);
            Assert.Equal("", refused.Out);
            var line = Assert.Single(refused.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("inte en Lex Heller-databas", line);
            Assert.False(File.Exists(Path.Combine(target, DatabaseBackup.DatabaseFile)));

            var restored = await RunAsync(target, "restore", "--from", folder);
            Assert.Equal(0, restored.Code);
            Assert.Contains("Starta Lex Heller igen", restored.Out);
            using var connection = new SqliteConnection($"Data Source={Path.Combine(target, DatabaseBackup.DatabaseFile)};Mode=ReadOnly;Pooling=false");
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = $"SELECT Reference FROM Cases WHERE Id = {filed.Id}";
            Assert.Equal(filed.Reference, read.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(backups, recursive: true);
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task Restore_while_the_app_runs_in_another_process_is_refused_and_the_app_keeps_running()
    {
        using var source = new AppFactory();
        await source.FileCaseAsync();
        var backup = await source.Services.GetRequiredService<BackupLocation>().Backup
            .TakeAsync(Path.Combine(source.DataFolder, "backups"), source.Clock.GetUtcNow(), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("lexheller-cli-running-").FullName;
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(web)! };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Data__Folder"] = folder;
        start.Environment["Hangfire__Enabled"] = "false";
        start.Environment["App__PublicUrl"] = "https://lexheller.example";
        var listening = new TaskCompletionSource();
        using var running = new Process { StartInfo = start };
        running.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Now listening on:") == true) listening.TrySetResult(); };
        running.ErrorDataReceived += (_, _) => { };
        try
        {
            running.Start();
            running.BeginOutputReadLine();
            running.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // The app's own WAL checkpointer may rewrite pages of the file meanwhile, so what is compared is its content.
            var before = Cases(Path.Combine(folder, DatabaseBackup.DatabaseFile));
            Assert.NotEqual(before, Cases(Path.Combine(backup.Folder, DatabaseBackup.DatabaseFile)));

            var refused = await RunAsync(folder, "restore", "--from", backup.Folder);

            Assert.Equal(1, refused.Code);
            Assert.Contains("används (är Lex Heller igång?)", refused.Err);
            Assert.False(running.HasExited);
            Assert.Equal(before, Cases(Path.Combine(folder, DatabaseBackup.DatabaseFile)));
        }
        finally
        {
            if (!running.HasExited) running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Restore_without_a_source_says_what_to_type_and_fails()
    {
        var target = Directory.CreateTempSubdirectory("lexheller-cli-empty-").FullName;
        try
        {
            var result = await RunAsync(target, "restore");
            Assert.Equal(2, result.Code);
            Assert.Contains("restore --from", result.Err);
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string dataFolder, params string[] args)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Data__Folder"] = dataFolder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>The references of the cases in a database file, read beside a running app.</summary>
    private static string Cases(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) || ':' || coalesce(group_concat(Reference), '') FROM Cases";
        return (string)read.ExecuteScalar()!;
    }
}
