using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LexHeller.Testing;
using LexHeller.Web.Setup;

namespace LexHeller.Web.Tests.Health;

/// <summary><c>dotnet LexHeller.Web.dll health</c>, the container's HEALTHCHECK: exit 0 when the server answers /health/live, 1 when not.</summary>
public class HealthCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunHealthAsync(params string[] args)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, "health", .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task A_running_server_passes_and_a_port_nobody_listens_on_fails()
    {
        using var app = AppFactory.WithRealServer();
        var (exit, output) = await RunHealthAsync(app.RootUrl + "/health/live");
        Assert.Equal(0, exit);
        Assert.Contains("/health/live: 200", output);

        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (failed, said) = await RunHealthAsync($"http://127.0.0.1:{port}/health/live");
        Assert.Equal(1, failed);
        Assert.Contains("inget svar", said);
        Assert.DoesNotContain("   at ", said);
    }

    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("https://+:8443;http://*:5000", "http://127.0.0.1:5000/health/live")]
    [InlineData("http://[::]:5001/", "http://127.0.0.1:5001/health/live")]
    [InlineData("http://localhost", "http://127.0.0.1:80/health/live")]
    [InlineData(null, "http://127.0.0.1:8080/health/live")]
    public void Without_a_url_it_asks_the_servers_own_address_on_loopback(string? urls, string expected) =>
        Assert.Equal(expected, HealthCommand.LiveUrl(urls));
}
