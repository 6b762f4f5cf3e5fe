using System.Collections.Concurrent;
using System.Diagnostics;

namespace LexHeller.Web.Tests.Setup;

/// <summary>What a newcomer sees in the terminal at the first start: the banner with the password comes last.</summary>
public class DemoStartOutputTests
{
    private const string BannerEnd = "=======================";

    [Fact]
    public async Task The_first_start_in_development_ends_with_the_demo_banner_and_shows_no_job_store_chatter()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-demo-start-").FullName;
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Data__Folder"] = folder;
        // The order of the lines does not depend on the cases; the users alone keep the start short.
        start.Environment["Demo__Cases"] = "false";
        var lines = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!lines.Contains(BannerEnd) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.Contains(BannerEnd, lines);
            // Hangfire's server announces itself and its storage on background threads just after start: give it time.
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        var output = lines.ToList();
        var listening = output.FindIndex(l => l.Contains("Now listening on:"));
        var banner = output.FindIndex(l => l == "=== Lex Heller demo ===");
        Assert.InRange(listening, 0, banner - 1);
        Assert.Equal(BannerEnd, output.Last(l => l.Trim().Length > 0));
        Assert.DoesNotContain(output, l => l.Contains("Hangfire"));
    }
}
