using System.Diagnostics;

namespace LexHeller.Web.Tests.Setup;

/// <summary>A misconfigured server stops at once with one readable line and a non-zero exit code.</summary>
public class StartupTests
{
    private static async Task<(int ExitCode, string[] ErrorLines, string Output)> RunAppAsync(Dictionary<string, string> environment)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stdout);
    }

    [Fact]
    public async Task An_unwritable_data_folder_is_named_in_one_line()
    {
        // Tests run as root, so permissions prove nothing: the parent is a regular file instead.
        var parent = Path.GetTempFileName();
        var folder = Path.Combine(parent, "data");
        try
        {
            var (exit, errors, output) = await RunAppAsync(new() { ["Data__Folder"] = folder, ["App__PublicUrl"] = "https://lexheller.example" });
            Assert.NotEqual(0, exit);
            var line = Assert.Single(errors);
            Assert.Contains($"datamappen '{folder}'", line);
            Assert.DoesNotContain("   at ", output + line);
        }
        finally
        {
            File.Delete(parent);
        }
    }

    [Fact]
    public async Task Production_without_a_public_address_refuses_to_start()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-startup-").FullName;
        try
        {
            var (exit, errors, output) = await RunAppAsync(new() { ["Data__Folder"] = folder });
            Assert.NotEqual(0, exit);
            var line = Assert.Single(errors);
            Assert.StartsWith("Lex Heller kan inte starta: ange App:PublicUrl", line);
            Assert.DoesNotContain("   at ", output + line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_period_of_inactivity_that_is_no_number_of_days_refuses_to_start()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-startup-").FullName;
        try
        {
            var (exit, errors, output) = await RunAppAsync(new()
            {
                ["Data__Folder"] = folder, ["App__PublicUrl"] = "https://lexheller.example", ["Identity__InactiveDays"] = "0",
            });
            Assert.NotEqual(0, exit);
            var line = Assert.Single(errors);
            Assert.Equal("Lex Heller kan inte starta: Identity:InactiveDays (0) ska vara ett antal dagar mellan 1 och 3650.", line);
            Assert.DoesNotContain("   at ", output + line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Backup__Schedule", "varje natt", "Lex Heller kan inte starta: Backup:Schedule (varje natt) är inget cron-uttryck; skriv t.ex. \"30 2 * * *\" för 02.30 varje natt, eller lämna det tomt.")]
    [InlineData("Backup__Keep", "alla", "Lex Heller kan inte starta: Backup:Keep (alla) ska vara hur många säkerhetskopior som sparas, 0 för alla.")]
    public async Task A_backup_setting_that_makes_no_sense_refuses_to_start_in_one_line(string key, string value, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-startup-").FullName;
        try
        {
            var (exit, errors, output) = await RunAppAsync(new()
            {
                ["Data__Folder"] = folder, ["App__PublicUrl"] = "https://lexheller.example", [key] = value,
            });
            Assert.NotEqual(0, exit);
            Assert.Equal(expected, Assert.Single(errors));
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
