using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;

namespace LexHeller.Web.Setup;

/// <summary>
/// Every job Hangfire runs, in one place: the job classes it may build, the recurring schedule (<see cref="Schedule"/>,
/// whose ids are stored in Hangfire's database and so must not change), the catch-up runs at start and the one
/// job a page asks for (<see cref="JobQueue"/>). Hangfire's queue is persisted in a SQLite file beside the
/// database; the sweeps read the app's clock, not Hangfire's.
/// </summary>
public static class JobsSetup
{
    /// <summary>Where the administrator finds Hangfire's own dashboard.</summary>
    public const string DashboardPath = "/bakgrundsjobb";

    public static bool Enabled(IConfiguration config) => config.GetValue("Hangfire:Enabled", true);

    public static void AddJobs(this WebApplicationBuilder builder)
    {
        // Registered even with Hangfire off: tests and the test clock run them directly.
        builder.Services.AddScoped<AgendaSweepJob>();
        builder.Services.AddScoped<ReferralReminderSweep>();
        builder.Services.AddScoped<ReferralReminderJob>();
        builder.Services.AddScoped<LexHeller.Core.Systemic.MeasureReminderSweep>();
        builder.Services.AddScoped<LexHeller.Core.Systemic.MeasureReminderJob>();
        builder.Services.AddScoped<DatabaseMaintenanceJob>();
        builder.Services.AddScoped<DigestJob>();
        builder.Services.AddScoped<CompilationJob>();
        builder.Services.AddScoped<InactivityReminder>();
        builder.Services.AddScoped<InactivityReminderJob>();
        builder.Services.AddScoped<LexHeller.Core.Data.Sqlite.BackupJob>();
        builder.Services.AddScoped<LexHeller.Core.AccessLog.AccessLogReview>();
        builder.Services.AddScoped<LexHeller.Core.AccessLog.AccessLogReviewJob>();
        builder.Services.AddScoped<LexHeller.Core.Retention.GallringJob>();
        // OutboxSendJob is registered with the mail transport (MailSetup): without one there is nothing to send with.
        builder.Services.AddScoped<JobQueue>();
        if (!Enabled(builder.Configuration)) return;
        var folder = builder.Configuration["Data:Folder"]!;
        var postgres = DataSetup.UsesPostgres(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("LexHeller")!;
        builder.Services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // On PostgreSQL the queue lives in the app's database (schema "hangfire"), so every instance shares it
            // and its distributed locks.
            if (postgres)
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(60),
                    PrepareSchemaIfNecessary = true,
                });
            else
                c.UseSQLiteStorage(Path.Combine(folder, "hangfire.db"), new SQLiteStorageOptions
                {
                    // The default is 15 s; sweeps are short and should start promptly.
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // Above the longest job, so a job is not handed out twice while it still runs.
                    InvisibilityTimeout = TimeSpan.FromMinutes(60),
                });
        });
        builder.Services.AddHangfireServer(o => o.WorkerCount = 2);
    }

    public static void UseJobs(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return;
        // Runs behind UseLexHeller's authentication, member context and fallback policy (no login, no dashboard);
        // the filter then asks for the Admin policy. Its buttons post with the app's antiforgery token in a header.
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            DashboardTitle = "Bakgrundsjobb – Lex Heller",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        var mailOn = MailSetup.MailOn(app.Services);
        // On PostgreSQL the database server's own tools back up (the backup page says so).
        Schedule(app.Services.GetRequiredService<IRecurringJobManager>(), mailOn,
            DataSetup.UsesPostgres(app.Configuration) ? null : app.Configuration["Backup:Schedule"]);

        // Catch up at start: an agenda whose cut-off passed while the app was down closes now.
        var queue = app.Services.GetRequiredService<IBackgroundJobClient>();
        queue.Enqueue<AgendaSweepJob>(j => j.RunAsync(CancellationToken.None));
        if (mailOn) queue.Enqueue<OutboxSendJob>(j => j.RunAsync(CancellationToken.None));
    }

    /// <summary>The recurring schedule, in Stockholm time. Each id names a row in Hangfire's database: keep them.</summary>
    private static void Schedule(IRecurringJobManager jobs, bool mailOn, string? backupCron)
    {
        var stockholm = new RecurringJobOptions { TimeZone = Stockholm.Zone };
        jobs.AddOrUpdate<AgendaSweepJob>("agenda-sweep", j => j.RunAsync(CancellationToken.None), Cron.Minutely(), stockholm);
        jobs.AddOrUpdate<ReferralReminderJob>("referral-reminders", j => j.RunAsync(CancellationToken.None), Cron.Hourly(), stockholm);
        // Daily at seven, Stockholm: the kansli hears of measures that became overdue and follow-ups that are due.
        jobs.AddOrUpdate<LexHeller.Core.Systemic.MeasureReminderJob>("measure-reminders", j => j.RunAsync(CancellationToken.None), Cron.Daily(7), stockholm);
        jobs.AddOrUpdate<DatabaseMaintenanceJob>("database-optimize", j => j.RunAsync(CancellationToken.None), Cron.Daily(3), stockholm);
        jobs.AddOrUpdate<DatabaseMaintenanceJob>("search-index-merge", j => j.MergeSearchIndexAsync(CancellationToken.None), "*/10 * * * *", stockholm);
        // Every five minutes: each förbund's digest goes out within five minutes of its digest time.
        jobs.AddOrUpdate<DigestJob>("daily-digest", j => j.RunAsync(CancellationToken.None), "*/5 * * * *", stockholm);
        // Every five minutes: queue the compilations the schedule calls for (ended months, tertials, years) and
        // compute whatever is queued, including requests whose immediate job was lost.
        jobs.AddOrUpdate<CompilationJob>("compilations", j => j.SweepAsync(CancellationToken.None), "*/5 * * * *", stockholm);
        // The first of the month at seven: the kansli hears which accounts have been away too long.
        // Half past one at night, Stockholm: gallring under each förbund's retention rule, before the three o'clock upkeep.
        jobs.AddOrUpdate<LexHeller.Core.Retention.GallringJob>("gallring", j => j.RunAsync(CancellationToken.None), Cron.Daily(1, 30), stockholm);
        jobs.AddOrUpdate<InactivityReminderJob>("inactive-accounts-reminder", j => j.RunAsync(CancellationToken.None), Cron.Monthly(1, 7), stockholm);
        // Off unless Backup:Schedule holds a cron expression (Stockholm time); Backup:Keep prunes the older copies.
        if (string.IsNullOrWhiteSpace(backupCron)) jobs.RemoveIfExists("backup");
        else
        {
            try
            {
                jobs.AddOrUpdate<LexHeller.Core.Data.Sqlite.BackupJob>("backup", j => j.ScheduledAsync(CancellationToken.None), backupCron, stockholm);
            }
            catch (ArgumentException)
            {
                throw new StartupException($"Lex Heller kan inte starta: Backup:Schedule ({backupCron}) är inget cron-uttryck; skriv t.ex. \"30 2 * * *\" för 02.30 varje natt, eller lämna det tomt.");
            }
        }
        // Monday at six: the loggkontroll reviews the week that ended and mails the kansli what it flagged.
        jobs.AddOrUpdate<LexHeller.Core.AccessLog.AccessLogReviewJob>("access-log-review", j => j.RunAsync(CancellationToken.None), Cron.Weekly(DayOfWeek.Monday, 6), stockholm);
        if (mailOn)
            jobs.AddOrUpdate<OutboxSendJob>("outbox-send", j => j.RunAsync(CancellationToken.None), Cron.Minutely(), stockholm);
    }
}

/// <summary>The one-off jobs pages ask for. Without Hangfire (tests, or switched off) nothing is queued and the sweeps pick the work up.</summary>
public sealed class JobQueue(IServiceProvider services)
{
    /// <summary>
    /// Computes a requested compilation now rather than at the next sweep. Enqueueing one that is already queued
    /// is harmless: only one run claims the row.
    /// </summary>
    public void ComputeCompilation(int compilationId) =>
        services.GetService<IBackgroundJobClient>()?.Enqueue<CompilationJob>(j => j.ComputeAsync(compilationId, CancellationToken.None));

    /// <summary>Takes a backup in the background; false when Hangfire is off and nothing was queued.</summary>
    public bool TakeBackup(int workId) =>
        services.GetService<IBackgroundJobClient>()?.Enqueue<LexHeller.Core.Data.Sqlite.BackupJob>(j => j.RunAsync(workId, CancellationToken.None)) is not null;

    /// <summary>Builds a requested archive package in the background; false when Hangfire is off and nothing was queued.</summary>
    public bool BuildArchivePackage(int workId) =>
        services.GetService<IBackgroundJobClient>()?.Enqueue<LexHeller.Core.Archive.ArchivePackageJob>(j => j.RunAsync(workId, CancellationToken.None)) is not null;
}
