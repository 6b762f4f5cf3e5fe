using System.Diagnostics;

namespace LexHeller.Web.Tests.Health;

/// <summary>A database that cannot be used at start stops the server with one line naming the file, and no stack trace.</summary>
public class DatabaseAtStartTests
{
    private static async Task<(int ExitCode, string[] ErrorLines, string Output)> RunAppAsync(string dataFolder, string connectionString)
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
        start.Environment["Data__Folder"] = dataFolder;
        start.Environment["App__PublicUrl"] = "https://lexheller.example";
        start.Environment["ConnectionStrings__LexHeller"] = connectionString;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stdout);
    }

    [Fact]
    public async Task A_database_file_in_a_folder_that_does_not_exist_is_named_in_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-dbstart-").FullName;
        var file = Path.Combine(folder, "saknas", "lexheller.db");
        try
        {
            var (exit, errors, output) = await RunAppAsync(folder, $"Data Source={file};Password=hemligt-lösen");
            Assert.NotEqual(0, exit);
            var line = Assert.Single(errors);
            Assert.Equal($"Lex Heller kan inte starta: databasen '{file}' går inte att använda – filen går inte att öppna (finns mappen, och får appen läsa och skriva där?).", line);
            Assert.DoesNotContain("   at ", output + line);
            Assert.DoesNotContain("hemligt", output + line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_in_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-dbstart-").FullName;
        var file = Path.Combine(folder, "lexheller.db");
        await File.WriteAllTextAsync(file, string.Concat(Enumerable.Repeat("Det här är ett protokoll, inte en databas. ", 200)));
        try
        {
            var (exit, errors, output) = await RunAppAsync(folder, $"Data Source={file}");
            Assert.NotEqual(0, exit);
            var line = Assert.Single(errors);
            Assert.Equal($"Lex Heller kan inte starta: databasen '{file}' går inte att använda – filen är ingen SQLite-databas.", line);
            Assert.DoesNotContain("   at ", output + line);
            // Nothing was written over the operator's file.
            Assert.StartsWith("Det här är ett protokoll", await File.ReadAllTextAsync(file));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
