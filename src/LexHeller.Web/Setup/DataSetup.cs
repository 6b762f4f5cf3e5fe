using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Demo;
using LexHeller.Core.Notifications;
using LexHeller.Core.Organisations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Setup;

public static class DataSetup
{
    public const string SqliteMigrations = "LexHeller.Migrations.Sqlite";
    public const string PostgresMigrations = "LexHeller.Migrations.Postgres";

    /// <summary>Database:Provider: Sqlite (the default, a file in the data folder) or Postgres (a server several instances share).</summary>
    public static bool UsesPostgres(IConfiguration config)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)) return true;
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return false;
        throw new StartupException($"Lex Heller kan inte starta: Database:Provider '{provider}' stöds inte (använd Sqlite eller Postgres).");
    }

    public static void AddData(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var postgres = UsesPostgres(config);
        var folder = EnsureDataFolder(config["Data:Folder"], builder.Environment.ContentRootPath);
        // Later setup (Hangfire's storage) reads the checked, absolute folder from here.
        config["Data:Folder"] = folder;
        var connectionString = config.GetConnectionString("LexHeller");
        if (postgres) AddPostgres(builder, connectionString);
        else AddSqlite(builder, connectionString, folder);
        // The register's short lists (partners, categories, other actors) in memory, forgotten on every committed change.
        builder.Services.AddReferenceCache();
        builder.Services.AddDataProtection()
            .SetApplicationName("LexHeller")
            .PersistKeysToDbContext<LexHellerDb>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DemoActivity>();
        builder.Services.AddSingleton<LexHeller.Core.Data.WriteGate>();
        builder.Services.AddScoped<LexHeller.Core.Meetings.Agendas>();
        // Every write to a case or a meeting, and the case page's reads.
        builder.Services.AddScoped<LexHeller.Core.Cases.CaseCommands>();
        builder.Services.AddScoped<LexHeller.Core.Cases.CasePageQuery>();
        builder.Services.AddScoped<LexHeller.Core.AccessLog.AccessLogWriter>();
        builder.Services.AddScoped<LexHeller.Core.AccessLog.AccessLogQuery>();
        builder.Services.AddScoped<LexHeller.Core.Work.WorkProgress>();
        builder.Services.AddScoped<LexHeller.Core.AccessLog.AccessReviewCommands>();
        builder.Services.AddScoped<LexHeller.Core.Retention.RetentionSchedule>();
        builder.Services.AddScoped<LexHeller.Core.Retention.RetentionCommands>();
        builder.Services.AddScoped<LexHeller.Core.Disclosure.DisclosureCommands>();
        builder.Services.AddScoped<LexHeller.Core.Meetings.MeetingCommands>();
        builder.Services.AddScoped<LexHeller.Core.Meetings.MeetingPageQuery>();
        builder.Services.AddScoped<LexHeller.Core.Meetings.MinutesCommands>();
        builder.Services.AddScoped<LexHeller.Core.Meetings.AgendaCommands>();
        // The user pages' reads and writes: a user's page, the invitation and the import.
        builder.Services.AddScoped<LexHeller.Core.Identity.UserDetailsQuery>();
        builder.Services.AddScoped<LexHeller.Core.Identity.UserCommands>();
        builder.Services.AddScoped<LexHeller.Core.Identity.UserInvitations>();
        builder.Services.AddScoped<LexHeller.Core.Identity.UserImporter>();
        builder.Services.AddScoped<LexHeller.Core.Identity.InactiveMemberships>();
        builder.Services.AddScoped<LexHeller.Core.Notifications.OutboxQuery>();
        // From cases to change: similar cases, systemfel, the joint register and measures.
        builder.Services.AddScoped<LexHeller.Core.Systemic.SimilarCases>();
        builder.Services.AddScoped<LexHeller.Core.Systemic.CaseSystemicView>();
        builder.Services.AddScoped<LexHeller.Core.Systemic.SystemicQuery>();
        builder.Services.AddScoped<LexHeller.Core.Systemic.SystemicCommands>();
    }

    private static void AddSqlite(WebApplicationBuilder builder, string? connectionString, string folder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(folder, "lexheller.db")}";
        builder.Services.AddSingleton(new BackupLocation(BackupCommand.DatabasePath(config, folder),
            Path.Combine(folder, DatabaseBackup.JobStoreFile), BackupCommand.BackupFolder(config, folder), BackupCommand.Keep(config)));
        builder.Services.AddHostedService(_ => new RunningAppLock(BackupCommand.DatabasePath(config, folder)));
        builder.Services.AddDbContextPool<LexHellerDb>((services, o) => o
            .UseSqlite(connectionString, s => s.MigrationsAssembly(SqliteMigrations))
            // Built by `dotnet ef dbcontext optimize` (README, "Changing the data model"): start-up skips building
            // the model, which took about half a second; CompiledModelTests fails when it is out of date.
            .UseModel(LexHeller.Core.Data.CompiledModel.LexHellerDbModel.Instance)
            .AddInterceptors(new SqlitePragmas(), Notifications(services)));
        // The checkpoint's rhythm is about the disk, not about the app's calendar: it runs on real time even when tests
        // move the app's clock (a jump of a month on a test clock would otherwise tick it 2.6 million times at once).
        builder.Services.AddHostedService(services => new WalCheckpointer(connectionString,
            TimeProvider.System, services.GetRequiredService<ILogger<WalCheckpointer>>()));
    }

    /// <summary>
    /// PostgreSQL: the server keeps its own log and does its own upkeep, so none of SQLite's file care runs; backups
    /// are the server's tools (pg_dump), and the backup page says so. The compiled model is named here, always: EF
    /// Core would otherwise pick up the SQLite one by its assembly attribute (README, "Changing the data model").
    /// </summary>
    private static void AddPostgres(WebApplicationBuilder builder, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StartupException("Lex Heller kan inte starta: Database:Provider är Postgres men ConnectionStrings:LexHeller saknas " +
                "(t.ex. \"Host=db.example.se;Database=lexheller;Username=lexheller;Password=…\").");
        var config = builder.Configuration;
        var folder = config["Data:Folder"]!;
        builder.Services.AddSingleton(new BackupLocation("", "", BackupCommand.BackupFolder(config, folder), 0));
        builder.Services.AddDbContextPool<LexHellerDb>((services, o) => o
            .UseNpgsql(connectionString, s => s.MigrationsAssembly(PostgresMigrations))
            .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance)
            .AddInterceptors(Notifications(services)));
    }

    private static CaseNotificationInterceptor Notifications(IServiceProvider services) => new(
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LexHeller.Core.Time.PublicUrlOptions>>().Value.Base,
        services.GetRequiredService<TimeProvider>());

    /// <summary>Any number that no other user of the database takes as an advisory lock: "LexHell" in ASCII.</summary>
    private const long MigrationLockKey = 0x4C65_7848_656C_6C;

    /// <summary>
    /// Several instances may start at once against one PostgreSQL database: each waits for a session advisory lock,
    /// held on the context's own connection across Migrate, so one migrates and the others then find nothing pending.
    /// </summary>
    internal static async Task MigrateUnderLockAsync(LexHellerDb db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})");
            try
            {
                await db.Database.MigrateAsync();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Creates the data folder and proves it is writable, or stops start-up naming the folder.</summary>
    internal static string EnsureDataFolder(string? configured, string contentRoot)
    {
        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRoot);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StartupException(
                $"Lex Heller kan inte starta: datamappen '{folder}' går inte att skapa eller skriva i ({e.GetType().Name}). " +
                "Ange en skrivbar mapp med Data:Folder.");
        }
    }

    /// <summary>
    /// Applies migrations, prepares the engine (for SQLite: WAL, statistics) and seeds the demo when asked to: the users
    /// with Demo:Seed, and their cases, meetings and compilations too with Demo:Cases (both on by default in
    /// Development). The banner with the demo's password is printed once the server listens, so it is the last thing
    /// on the screen.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        // Migrate compares the model with the migrations' snapshot, which builds the whole design-time model
        // (half a second); a database that is already current needs only the list of applied migrations.
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            if (db.Database.IsNpgsql()) await MigrateUnderLockAsync(db);
            else await db.Database.MigrateAsync();
        }
        await DatabaseEngine.For(db).PrepareAsync(db, CancellationToken.None);
        await app.Services.GetRequiredService<LexHeller.Web.Identity.OidcSchemes>().LoadAllAsync();

        var config = app.Configuration;
        if (!config.GetValue("Demo:Seed", app.Environment.IsDevelopment())) return;

        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var result = await seeder.SeedAsync(config["Demo:Password"], config["Demo:TotpSecret"],
            cases: config.GetValue("Demo:Cases", app.Environment.IsDevelopment()));
        DemoBanner.PrintWhenStarted(app, result);
    }
}
