using LexHeller.Core.Audit;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>"Säkerhetskopior": the administrator takes a backup and sees its result and the earlier backups.</summary>
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
    }

    [Fact]
    public async Task A_requested_backup_without_an_outcome_shows_as_running_and_the_page_refreshes_itself()
    {
        using var app = new AppFactory();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var adminId = app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == "ADMIN@LEXHELLER.EXAMPLE").Id);
        await app.WithScopeAsync(s => s.GetRequiredService<BackupJob>().RequestAsync(adminId, CancellationToken.None));

        var page = await admin.GetAsync("/sakerhetskopior");

        Assert.NotNull(page.Document.QuerySelector("[data-testid=backup-running]"));
        Assert.NotNull(page.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.True(page.Document.QuerySelector("[data-testid=take-backup]")!.HasAttribute("disabled"));
    }
}
