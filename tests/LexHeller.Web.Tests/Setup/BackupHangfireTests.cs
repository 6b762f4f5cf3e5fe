using Hangfire;
using Hangfire.Storage;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Work;
using LexHeller.Testing;
using LexHeller.Web.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>"Ta säkerhetskopia nu" with Hangfire running, as in production: the button queues the job, Hangfire's server runs it.</summary>
// SQLite's own backup: PostgreSQL is backed up with its server's tools (PostgresCaseTests shows the page says so).
[Trait("Database", "Sqlite")]
[Collection(HangfireCollection.Name)]
public class BackupHangfireTests(HangfireApp hangfire) : IClassFixture<HangfireApp>
{
    private readonly AppFactory app = hangfire.App;

    [Fact]
    public async Task The_button_queues_the_backup_Hangfire_runs_it_and_the_page_shows_the_result()
    {
        await app.FileCaseAsync();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var page = await admin.GetAsync("/sakerhetskopior");

        var after = await admin.SubmitAsync(page, new Dictionary<string, string>(), "form[action*='handler=Take']");
        Assert.Contains("Säkerhetskopieringen startade", after.Text);

        // The page refreshes itself every three seconds; read it as often until the result is there.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (after.Document.QuerySelector("[data-testid=backup-running]") is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            after = await admin.GetAsync("/sakerhetskopior");
        }

        var latest = after.Document.QuerySelector("[data-testid=backup-latest]")!.TextContent;
        Assert.Contains("Kontrollen (integrity_check) var utan anmärkning", latest);
        Assert.Null(after.Document.QuerySelector("meta[http-equiv=refresh]"));
        var stored = Assert.Single(DatabaseBackup.List(app.Services.GetRequiredService<BackupLocation>().BackupFolder));
        Assert.Contains(stored.Name, latest);
        // Hangfire's own job store is in the backup too, since Hangfire is on.
        Assert.True(File.Exists(Path.Combine(stored.Folder, DatabaseBackup.JobStoreFile)));
        var work = app.WithDb(db => db.BackgroundWork.Single(w => w.Kind == BackupJob.Kind));
        Assert.Equal((WorkStatus.Done, work.Total), (work.Status, work.Done));
        // Hangfire's server ran it, not the request.
        var succeeded = JobStorage.Current.GetMonitoringApi().SucceededJobs(0, 100);
        Assert.Contains(succeeded, j => j.Value.Job?.Type == typeof(BackupJob) && j.Value.Job.Args[0] is int id && id == work.Id);
    }

    [Fact]
    public void Without_Backup_Schedule_there_is_no_recurring_backup()
    {
        _ = app.Services;
        using var connection = JobStorage.Current.GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == "backup");
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == "agenda-sweep");
    }
}

/// <summary>The app with Hangfire on and a nightly backup configured.</summary>
public sealed class ScheduledBackupApp : IDisposable
{
    public AppFactory App { get; } = AppFactory.WithSettings(("Hangfire:Enabled", "true"), ("Backup:Schedule", "30 2 * * *"), ("Backup:Keep", "2"));

    public void Dispose()
    {
        App.Dispose();
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}

/// <summary>Backup:Schedule puts a recurring backup on Hangfire's schedule; Backup:Keep keeps that many backups.</summary>
// SQLite's own backup: PostgreSQL is backed up with its server's tools (PostgresCaseTests shows the page says so).
[Trait("Database", "Sqlite")]
[Collection(HangfireCollection.Name)]
public class ScheduledBackupTests(ScheduledBackupApp scheduled) : IClassFixture<ScheduledBackupApp>
{
    private readonly AppFactory app = scheduled.App;

    [Fact]
    public async Task A_scheduled_backup_is_on_the_recurring_list_and_each_run_keeps_only_the_newest_backups()
    {
        _ = app.Services;
        using (var connection = JobStorage.Current.GetConnection())
        {
            var backup = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "backup");
            Assert.Equal("30 2 * * *", backup.Cron);
            Assert.Equal("Europe/Stockholm", backup.TimeZoneId);
        }

        var location = app.Services.GetRequiredService<BackupLocation>();
        for (var i = 0; i < 3; i++)
        {
            await app.WithScopeAsync(s => s.GetRequiredService<BackupJob>().ScheduledAsync(CancellationToken.None));
            app.Clock.Advance(TimeSpan.FromDays(1));
            // The folder's time is the file system's; a little time apart keeps the order plain.
            await Task.Delay(20);
        }

        var kept = DatabaseBackup.List(location.BackupFolder);
        var works = app.WithDb(db => db.BackgroundWork.Where(w => w.Kind == BackupJob.Kind).OrderBy(w => w.Id).ToList());
        Assert.Equal(3, works.Count);
        Assert.All(works, w => Assert.Equal((WorkStatus.Done, BackupJob.Schedule), (w.Status, w.RequestedByUserId)));
        // The two newest are kept: the second and the third run's.
        Assert.Equal(works.Skip(1).Select(w => w.Result!.Split('|')[0]).Reverse(), kept.Select(b => b.Name));
        Assert.All(app.WithDb(db => db.AuditEntries.Where(a => a.Action.StartsWith("Backup")).Select(a => a.ActorUserId).ToList()), Assert.Null);
    }
}
