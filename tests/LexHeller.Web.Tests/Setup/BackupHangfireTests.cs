using Hangfire;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Work;
using LexHeller.Testing;
using LexHeller.Web.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>"Ta säkerhetskopia nu" with Hangfire running, as in production: the button queues the job, Hangfire's server runs it.</summary>
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
}
