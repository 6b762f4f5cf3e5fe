using LexHeller.Core.Audit;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Work;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>"Säkerhetskopior": the administrator takes a backup and sees its result and the earlier backups.</summary>
// SQLite's own backup: PostgreSQL is backed up with its server's tools (PostgresCaseTests shows the page says so).
[Trait("Database", "Sqlite")]
public class BackupPageTests
{
    [Fact]
    public async Task Ta_säkerhetskopia_nu_takes_a_verified_backup_shows_its_size_and_lists_it_and_is_audited()
    {
        using var app = new AppFactory();
        await app.FileCaseAsync();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");

        var empty = await admin.GetAsync("/sakerhetskopior");
        Assert.NotNull(empty.Document.QuerySelector("[data-testid=no-backups]"));
        Assert.Contains("restore --from", empty.Text);

        // Hangfire is off in tests, so the page takes the backup in the request; the result reads the same.
        var done = await admin.SubmitAsync(empty, new Dictionary<string, string>(), "form[action*='handler=Take']");

        Assert.Contains("Säkerhetskopieringen startade", done.Text);
        var latest = done.Document.QuerySelector("[data-testid=backup-latest]")!.TextContent;
        Assert.Contains("Kontrollen (integrity_check) var utan anmärkning", latest);
        Assert.Matches(@"\d+,\d (kB|MB)", latest);
        var stored = Assert.Single(DatabaseBackup.List(app.Services.GetRequiredService<BackupLocation>().BackupFolder));
        Assert.Contains(stored.Name, latest);
        var rows = done.Document.QuerySelectorAll("table[data-testid=backups] tbody tr");
        Assert.Contains(stored.Name, Assert.Single(rows).TextContent);
        Assert.Null(done.Document.QuerySelector("[data-testid=backup-running]"));
        Assert.Equal([AuditActions.BackupRequested, AuditActions.BackupTaken], app.WithDb(db => db.AuditEntries
            .Where(a => a.Action.StartsWith("Backup")).OrderBy(a => a.Id).Select(a => a.Action).ToList()));
        // The request is a background-work row whose items are the pages copied, all of them by the end.
        var work = app.WithDb(db => db.BackgroundWork.Single(w => w.Kind == BackupJob.Kind));
        Assert.Equal(WorkStatus.Done, work.Status);
        Assert.Null(work.ForbundId);
        Assert.True(work.Total > 0);
        Assert.Equal(work.Total, work.Done);
        Assert.StartsWith(stored.Name + "|", work.Result);
    }

    [Fact]
    public async Task A_requested_backup_shows_its_progress_the_page_refreshes_itself_and_a_second_request_is_refused()
    {
        using var app = new AppFactory();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var adminId = app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == "ADMIN@LEXHELLER.EXAMPLE").Id);
        int? workId = null;
        await app.WithScopeAsync(async s => workId = await s.GetRequiredService<BackupJob>().RequestAsync(adminId, CancellationToken.None));

        var queued = await admin.GetAsync("/sakerhetskopior");
        Assert.Contains("Väntar på att starta.", queued.Document.QuerySelector("[data-testid=backup-running] [data-testid=work-progress]")!.TextContent);
        Assert.NotNull(queued.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.True(queued.Document.QuerySelector("[data-testid=take-backup]")!.HasAttribute("disabled"));

        // Halfway through the copy the page shows pages copied of the total and the time left.
        await app.WithScopeAsync(async s =>
        {
            var progress = s.GetRequiredService<WorkProgress>();
            await progress.StartAsync(workId!.Value, 4000);
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            await progress.ReportAsync(workId.Value, 1000);
        });
        var running = await admin.GetAsync("/sakerhetskopior");
        var shown = running.Document.QuerySelector("[data-testid=backup-running]")!;
        Assert.Contains("databassidor", shown.TextContent);
        Assert.Contains("1000 av 4000 klara, cirka 1 minut kvar.", shown.TextContent);
        Assert.Equal("1000", shown.QuerySelector("progress")!.GetAttribute("value"));

        // Two requests at once (a second tab, a double click that got past the disabled button): the second is refused.
        var form = await admin.GetAsync("/sakerhetskopior");
        var refused = await admin.SubmitAsync(form, new Dictionary<string, string>(), "form[action*='handler=Take']");
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Contains(BackupJob.AlreadyRunning, refused.Document.QuerySelector(".error-summary, [role=alert]")?.TextContent ?? refused.Text);
        Assert.Equal(1, app.WithDb(db => db.BackgroundWork.Count(w => w.Kind == BackupJob.Kind)));
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.BackupRequested)));
        Assert.Empty(DatabaseBackup.List(app.Services.GetRequiredService<BackupLocation>().BackupFolder));
    }

    [Fact]
    public async Task Two_requests_at_the_same_moment_queue_one_backup()
    {
        using var app = new AppFactory();
        var adminId = app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == "ADMIN@LEXHELLER.EXAMPLE").Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BackupJob>().RequestAsync(adminId, CancellationToken.None);
        })));

        Assert.Single(answers, a => a is not null);
        Assert.Equal(1, app.WithDb(db => db.BackgroundWork.Count(w => w.Kind == BackupJob.Kind)));
    }

    [Fact]
    public async Task A_backup_that_fails_shows_why_and_the_next_one_may_be_requested()
    {
        using var app = new AppFactory();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var location = app.Services.GetRequiredService<BackupLocation>();
        // A file where the backup folder should be: the folder cannot be made.
        Directory.CreateDirectory(Path.GetDirectoryName(location.BackupFolder)!);
        await File.WriteAllTextAsync(location.BackupFolder, "inte en mapp");
        try
        {
            var page = await admin.GetAsync("/sakerhetskopior");
            var failed = await admin.SubmitAsync(page, new Dictionary<string, string>(), "form[action*='handler=Take']");

            Assert.Contains("misslyckades", failed.Document.QuerySelector("[data-testid=backup-latest]")!.TextContent);
            Assert.Null(failed.Document.QuerySelector("[data-testid=backup-running]"));
            Assert.False(failed.Document.QuerySelector("[data-testid=take-backup]")!.HasAttribute("disabled"));
            Assert.Equal(WorkStatus.Failed, app.WithDb(db => db.BackgroundWork.Single(w => w.Kind == BackupJob.Kind).Status));
            Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.BackupFailed)));
        }
        finally
        {
            File.Delete(location.BackupFolder);
        }
    }
}
