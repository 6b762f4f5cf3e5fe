using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;

namespace LexHeller.Web.Setup;

/// <summary>
/// <c>backup [--to FOLDER]</c> and <c>restore --from PATH</c>, run instead of the web server. Settings are read the
/// way the server reads them (appsettings, environment, the remaining arguments), so both find the same data folder.
/// </summary>
public static class BackupCommand
{
    public static bool Handles(string[] args) => args is ["backup" or "restore", ..];

    /// <summary>Where backups go unless told otherwise: Backup:Folder, or "backups" in the data folder.</summary>
    public static string BackupFolder(IConfiguration config, string dataFolder) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(config["Backup:Folder"]) ? Path.Combine(dataFolder, "backups") : config["Backup:Folder"]!, dataFolder);

    /// <summary>Backup:Keep: how many backups the folder keeps (0, the default, keeps all).</summary>
    public static int Keep(IConfiguration config)
    {
        var text = config["Backup:Keep"];
        if (string.IsNullOrWhiteSpace(text)) return 0;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keep) && keep <= 10_000 ? keep
            : throw new StartupException($"Lex Heller kan inte starta: Backup:Keep ({text}) ska vara hur många säkerhetskopior som sparas, 0 för alla.");
    }

    /// <summary>The database file the server would open: the connection string's, or lexheller.db in the data folder.</summary>
    public static string DatabasePath(IConfiguration config, string dataFolder)
    {
        var connectionString = config.GetConnectionString("LexHeller");
        return string.IsNullOrWhiteSpace(connectionString)
            ? Path.Combine(dataFolder, DatabaseBackup.DatabaseFile)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource, dataFolder);
    }

    public static DatabaseBackup For(IConfiguration config, string dataFolder) =>
        new(DatabasePath(config, dataFolder), Path.Combine(dataFolder, DatabaseBackup.JobStoreFile));

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args[0];
        var option = verb == "backup" ? "--to" : "--from";
        var at = Array.IndexOf(args, option);
        var path = at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var rest = args.Skip(1).Where((_, i) => at < 0 || (i + 1 != at && i + 1 != at + 1)).ToArray();
        if (verb == "restore" && path is null)
        {
            Console.Error.WriteLine("Ange vilken säkerhetskopia som ska återställas: restore --from MAPP-ELLER-FIL");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(rest);
        var config = builder.Configuration;
        if (DataSetup.UsesPostgres(config))
        {
            Console.Error.WriteLine(LexHeller.Web.Pages.Backups.BackupsModel.ServerTools);
            return 2;
        }
        var dataFolder = DataSetup.EnsureDataFolder(config["Data:Folder"], builder.Environment.ContentRootPath);
        var backup = For(config, dataFolder);
        try
        {
            if (verb == "backup")
            {
                var folder = path is null ? BackupFolder(config, dataFolder) : Path.GetFullPath(path);
                var result = await backup.TakeAsync(folder, TimeProvider.System.GetUtcNow(), CancellationToken.None);
                Console.WriteLine($"Säkerhetskopian togs: {result.Folder} ({Size(result.Bytes)}, {result.Took.TotalSeconds:0.0} s, " +
                    $"{string.Join(" och ", result.Files)} kontrollerade: integrity_check ok).");
                return 0;
            }
            backup.Restore(Path.GetFullPath(path!), KnownMigrations());
            Console.WriteLine($"Återställt från {Path.GetFullPath(path!)} till {dataFolder}. Starta Lex Heller igen; databasen uppgraderas vid start om kopian är äldre.");
            return 0;
        }
        catch (BackupRefusedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>The migrations this version ships, read from the migrations assembly without building a database context.</summary>
    private static HashSet<string> KnownMigrations() =>
        System.Reflection.Assembly.Load(DataSetup.SqliteMigrations).GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>A size as an administrator reads it: "12,4 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", Stockholm.Culture) + " kB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.0", Stockholm.Culture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.00", Stockholm.Culture) + " GB",
    };
}

/// <summary>Holds the database's lock file while the app runs, so a restore started meanwhile refuses instead of replacing live data.</summary>
internal sealed class RunningAppLock(string databasePath) : IHostedService, IDisposable
{
    private FileStream? _held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _held = DatabaseBackup.HoldAgainstApp(databasePath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
