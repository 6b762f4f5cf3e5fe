using System.Diagnostics;

namespace LexHeller.Web.Tests.Setup;

public class DataFolderTests
{
    [Fact]
    public async Task Start_up_with_an_unwritable_data_folder_stops_with_one_clear_line()
    {
        // Tests run as root, so permissions prove nothing: the parent is a regular file instead.
        var parent = Path.GetTempFileName();
        var folder = Path.Combine(parent, "data");
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
            Environment = { ["Data__Folder"] = folder, ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        File.Delete(parent);

        Assert.NotEqual(0, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"datamappen '{folder}'", line);
        Assert.DoesNotContain("   at ", await stdout + line);
    }
}
