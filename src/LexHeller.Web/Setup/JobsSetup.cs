using Hangfire;
using Hangfire.Storage.SQLite;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;

namespace LexHeller.Web.Setup;

/// <summary>
/// Hangfire runs the short recurring sweeps, with its queue persisted in a SQLite file beside the database.
/// The schedule is the one list in <see cref="UseJobs"/>; the sweeps read the app's clock, not Hangfire's.
/// </summary>
public static class JobsSetup
{
    /// <summary>Where the administrator finds Hangfire's own dashboard.</summary>
    public const string DashboardPath = "/bakgrundsjobb";

    public static bool Enabled(IConfiguration config) => config.GetValue("Hangfire:Enabled", true);

    public static void AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AgendaSweepJob>();
        builder.Services.AddScoped<ReferralReminderSweep>();
        builder.Services.AddScoped<ReferralReminderJob>();
        builder.Services.AddScoped<LexHeller.Core.Data.DatabaseMaintenanceJob>();
        if (!Enabled(builder.Configuration)) return;
        var folder = builder.Configuration["Data:Folder"]!;
        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(Path.Combine(folder, "hangfire.db"), new SQLiteStorageOptions
            {
                // The default is 15 s; sweeps are short and should start promptly.
                QueuePollInterval = TimeSpan.FromSeconds(1),
                // Above the longest job, so a job is not handed out twice while it still runs.
                InvisibilityTimeout = TimeSpan.FromMinutes(60),
            }));
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
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var timeZone = LexHeller.Core.Time.Stockholm.Zone;
        jobs.AddOrUpdate<AgendaSweepJob>("agenda-sweep", j => j.RunAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = timeZone });
        jobs.AddOrUpdate<ReferralReminderJob>("referral-reminders", j => j.RunAsync(CancellationToken.None), Cron.Hourly(),
            new RecurringJobOptions { TimeZone = timeZone });
        jobs.AddOrUpdate<LexHeller.Core.Data.DatabaseMaintenanceJob>("database-optimize", j => j.RunAsync(CancellationToken.None), Cron.Daily(3),
            new RecurringJobOptions { TimeZone = timeZone });
        jobs.AddOrUpdate<LexHeller.Core.Data.DatabaseMaintenanceJob>("search-index-merge", j => j.MergeSearchIndexAsync(CancellationToken.None), "*/10 * * * *",
            new RecurringJobOptions { TimeZone = timeZone });
        // Every five minutes: each förbund's digest goes out within five minutes of its digest time.
        jobs.AddOrUpdate<DigestJob>("daily-digest", j => j.RunAsync(CancellationToken.None), "*/5 * * * *",
            new RecurringJobOptions { TimeZone = timeZone });
        // Every five minutes: queue the compilations the schedule calls for (ended months, tertials, years) and
        // compute whatever is queued, including requests whose immediate job was lost.
        jobs.AddOrUpdate<LexHeller.Core.Compilations.CompilationJob>("compilations", j => j.SweepAsync(CancellationToken.None), "*/5 * * * *",
            new RecurringJobOptions { TimeZone = timeZone });
        if (MailSetup.MailOn(app.Services))
            jobs.AddOrUpdate<OutboxSendJob>("outbox-send", j => j.RunAsync(CancellationToken.None), Cron.Minutely(),
                new RecurringJobOptions { TimeZone = timeZone });
        // Catch up at start: an agenda whose cut-off passed while the app was down closes now.
        var queue = app.Services.GetRequiredService<IBackgroundJobClient>();
        queue.Enqueue<AgendaSweepJob>(j => j.RunAsync(CancellationToken.None));
        if (MailSetup.MailOn(app.Services)) queue.Enqueue<OutboxSendJob>(j => j.RunAsync(CancellationToken.None));
    }
}
