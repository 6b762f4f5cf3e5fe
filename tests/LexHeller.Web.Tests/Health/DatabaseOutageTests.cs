using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Health;

/// <summary>
/// The database going away while the app runs: requests answer "Tillfälligt fel" with 503 and Retry-After, the work
/// of the failed request is not half-saved, and the app serves again as soon as the database is back, without a restart.
/// </summary>
// SQLite's file and its lock; PostgresOutageTests takes the PostgreSQL server away.
[Trait("Database", "Sqlite")]
public class DatabaseOutageTests
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task A_database_locked_by_another_process_refuses_the_save_with_503_and_nothing_is_written()
    {
        AppFactory app = null!;
        // A short provider timeout, so the app gives up after SQLite's own five-second wait for the lock.
        app = AppFactory.WithHost(h => h.UseSetting("ConnectionStrings:LexHeller",
            $"Data Source={Path.Combine(app.DataFolder, "lexheller.db")};Default Timeout=1"));
        using var _ = app;
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var list = await kansli.GetAsync("/kategorier");
        var categories = app.WithDb(db => db.Categories.Count());
        var audits = app.WithDb(db => db.AuditEntries.Count());

        var page = await WhileLockedAsync(app, () =>
            kansli.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "Tolkning" }, "form[data-testid=add-category]"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("60", page.Headers!.RetryAfter!.ToString());
        Assert.Equal("Tillfälligt fel", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Det du just gjorde har inte sparats. Försök igen om en minut", page.Text);
        Assert.Equal(categories, app.WithDb(db => db.Categories.Count()));
        Assert.Equal(audits, app.WithDb(db => db.AuditEntries.Count()));

        // The lock is gone: the same form is saved, by the same running app.
        var saved = await kansli.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "Tolkning" }, "form[data-testid=add-category]");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Kategorin ”Tolkning” lades till", saved.Text);
        Assert.Equal(categories + 1, app.WithDb(db => db.Categories.Count()));
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.CategoryAdded && a.Subject == "Tolkning").ToList()));
    }

    [Fact]
    public async Task A_data_folder_moved_away_gives_503_pages_and_probes_and_the_app_recovers_when_it_is_back()
    {
        using var app = new AppFactory();
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        using var probe = app.CreateDefaultClient();
        Assert.Equal(HttpStatusCode.OK, (await kansli.GetAsync("/inkorg")).Status);

        var away = app.DataFolder + ".borta";
        Directory.Move(app.DataFolder, away);
        try
        {
            // Open connections would still read the moved file; a new one finds no folder, as after a lost mount.
            SqliteConnection.ClearAllPools();
            var page = await kansli.GetAsync("/inkorg");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal("Tillfälligt fel", page.Document.QuerySelector("h1")!.TextContent);
            Assert.Equal("60", page.Headers!.RetryAfter!.ToString());

            var ready = await probe.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("""{"status":"Unhealthy","checks":[{"name":"database","status":"Unhealthy"}]}""", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Directory.Move(away, app.DataFolder);
        }

        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        var back = await kansli.GetAsync("/inkorg");
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Contains("Inkorg", back.Text);
    }

    /// <summary>Runs the request while another process holds SQLite's write lock on the app's database.</summary>
    private static async Task<T> WhileLockedAsync<T>(AppFactory app, Func<Task<T>> request)
    {
        await using var other = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "lexheller.db")};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        try
        {
            return await request();
        }
        finally
        {
            await using var rollback = other.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
    }
}
