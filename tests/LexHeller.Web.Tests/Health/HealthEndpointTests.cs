using System.Net;
using System.Net.Sockets;
using LexHeller.Testing;
using LexHeller.Web.Health;
using LexHeller.Web.Tests.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Health;

/// <summary>The probes a proxy and an orchestrator ask: anonymous, JSON naming each check, nothing else in the body.</summary>
public class HealthEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Live_answers_200_to_anyone_with_only_its_status()
    {
        using var http = app.CreateDefaultClient();
        var response = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"Healthy","checks":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Ready_names_the_database_check_and_nothing_about_the_server()
    {
        using var http = app.CreateDefaultClient();
        var response = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Hangfire and mail are off in this host, so the database is the one check.
        Assert.Equal("""{"status":"Healthy","checks":[{"name":"database","status":"Healthy"}]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_flood_of_probes_is_neither_limited_nor_sent_to_log_in_and_a_post_is_no_probe()
    {
        using var http = app.CreateDefaultClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.GetAsync("/health/ready")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        // A probe only reads: a POST finds no probe, and anonymous is sent to log in like anywhere else.
        var post = await http.PostAsync("/health/live", new StringContent(""));
        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.Equal("/logga-in", post.Headers.Location?.AbsolutePath);
    }
}

/// <summary>Outside Development the app redirects plain HTTP to HTTPS, except the probes, which are asked inside the host.</summary>
public class HealthOverPlainHttpTests
{
    [Fact]
    public async Task A_production_host_answers_the_probes_over_plain_http_and_redirects_the_pages()
    {
        using var app = AppFactory.WithHost(h =>
        {
            h.UseEnvironment("Production");
            h.UseSetting("App:PublicUrl", "https://lexheller.example");
        });
        using var http = app.CreateDefaultClient(new Uri("http://localhost"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var page = await http.GetAsync("/logga-in");
        Assert.Equal(HttpStatusCode.PermanentRedirect, page.StatusCode);
        Assert.Equal("https", page.Headers.Location?.Scheme);
    }
}

/// <summary>With Smtp:Host set, readiness says whether the relay takes a connection; a relay that is down degrades, it does not take the app out.</summary>
public class MailRelayHealthTests
{
    [Fact]
    public async Task The_relay_is_connected_to_once_for_a_flood_of_probes_and_its_loss_shows_after_a_few_seconds()
    {
        var relay = new TcpListener(IPAddress.Loopback, 0);
        relay.Start();
        var port = ((IPEndPoint)relay.LocalEndpoint).Port;
        using var app = AppFactory.WithSettings(("Smtp:Host", "127.0.0.1"), ("Smtp:Port", port.ToString()), ("Smtp:Security", "None"));
        using var http = app.CreateDefaultClient();
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => http.GetAsync("/health/ready")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            Assert.Equal("""{"status":"Healthy","checks":[{"name":"database","status":"Healthy"},{"name":"mail","status":"Healthy"}]}""",
                await answers[0].Content.ReadAsStringAsync());
            Assert.Equal(1, app.Services.GetRequiredService<MailRelayCheck>().Connections);
        }
        finally
        {
            relay.Stop();
        }

        // Still the remembered answer at once; the relay's loss after the few seconds it is remembered.
        Assert.Contains("\"mail\",\"status\":\"Healthy\"", await http.GetStringAsync("/health/ready"));
        await Task.Delay(MailRelayCheck.Remember + TimeSpan.FromMilliseconds(300));
        var down = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Equal("""{"status":"Degraded","checks":[{"name":"database","status":"Healthy"},{"name":"mail","status":"Degraded"}]}""",
            await down.Content.ReadAsStringAsync());
        Assert.DoesNotContain("127.0.0.1", await down.Content.ReadAsStringAsync());
    }
}

/// <summary>With Hangfire on, readiness includes this process's own job server and its heartbeat.</summary>
[Collection(HangfireCollection.Name)]
public class JobServerHealthTests(HangfireApp hangfire) : IClassFixture<HangfireApp>
{
    [Fact]
    public async Task The_running_job_server_makes_the_app_ready()
    {
        using var http = hangfire.App.CreateDefaultClient();
        // The server announces itself once the host has started; give it a moment.
        var body = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var response = await http.GetAsync("/health/ready");
            body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) break;
        }
        Assert.Equal("""{"status":"Healthy","checks":[{"name":"database","status":"Healthy"},{"name":"jobs","status":"Healthy"}]}""", body);
    }
}

/// <summary>
/// The job server check on a job store this process's server has never written to. In the Hangfire collection, and
/// Hangfire's logging reset first: its static log provider may still name a disposed host's logger factory.
/// </summary>
[Collection(HangfireCollection.Name)]
public class JobServerCheckTests
{
    [Fact]
    public async Task Without_this_process_s_server_in_the_job_store_the_app_is_not_ready()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-jobs-").FullName;
        try
        {
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            var storage = new Hangfire.Storage.SQLite.SQLiteStorage(Path.Combine(folder, "hangfire.db"), new Hangfire.Storage.SQLite.SQLiteStorageOptions());
            var registration = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration("jobs", new JobServerCheck(storage),
                Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, null);
            var result = await new JobServerCheck(storage).CheckHealthAsync(new() { Registration = registration }, CancellationToken.None);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
            storage.Dispose();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

