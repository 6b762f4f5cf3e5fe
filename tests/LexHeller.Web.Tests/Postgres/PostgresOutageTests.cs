using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Testing;
using Npgsql;

namespace LexHeller.Web.Tests.Postgres;

/// <summary>
/// The database server going away while the app runs (its machine or the network to it): requests answer
/// "Tillfälligt fel" with 503, the readiness probe says the database is down, nothing of the failed work is saved,
/// and the same running app serves again as soon as the server is back.
/// </summary>
[Trait("Database", "Postgres")]
public class PostgresOutageTests
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task A_database_server_that_goes_away_gives_503_pages_and_probes_saves_nothing_and_the_app_recovers_when_it_is_back()
    {
        TcpRelay? relay = null;
        using var app = AppFactory.OnPostgres(direct =>
        {
            var builder = new NpgsqlConnectionStringBuilder(direct);
            relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, builder.Port));
            builder.Port = relay.Port;
            return builder.ConnectionString;
        });
        _ = app.Services;
        await using var network = relay!;
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        using var probe = app.CreateDefaultClient();
        var list = await kansli.GetAsync("/kategorier");
        var categories = app.WithDb(db => db.Categories.Count());
        var audits = app.WithDb(db => db.AuditEntries.Count());

        await network.CutAsync();
        try
        {
            var refused = await kansli.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "Tolkning" }, "form[data-testid=add-category]");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
            Assert.Equal("60", refused.Headers!.RetryAfter!.ToString());
            Assert.Equal("Tillfälligt fel", refused.Document.QuerySelector("h1")!.TextContent);
            Assert.Contains("Det du just gjorde har inte sparats. Försök igen om en minut", refused.Text);

            var inbox = await kansli.GetAsync("/inkorg");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, inbox.Status);
            Assert.Equal("Tillfälligt fel", inbox.Document.QuerySelector("h1")!.TextContent);

            var ready = await probe.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("""{"status":"Unhealthy","checks":[{"name":"database","status":"Unhealthy"}]}""", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            network.Restore();
        }

        // Nothing of the refused save reached the database.
        Assert.Equal(categories, app.WithDb(db => db.Categories.Count()));
        Assert.Equal(audits, app.WithDb(db => db.AuditEntries.Count()));

        // The server is back: the same running app answers and saves the same form.
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        var saved = await kansli.SubmitAsync(list, new Dictionary<string, string> { ["Input.Name"] = "Tolkning" }, "form[data-testid=add-category]");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Kategorin ”Tolkning” lades till", saved.Text);
        Assert.Equal(categories + 1, app.WithDb(db => db.Categories.Count()));
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.CategoryAdded && a.Subject == "Tolkning").ToList()));
    }
}
