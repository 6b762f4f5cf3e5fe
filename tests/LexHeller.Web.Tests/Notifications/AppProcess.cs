using System.Diagnostics;
using System.Net;
using System.Text;
using LexHeller.Testing;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>
/// The built app run as a process of its own, as on a server, configured by environment variables. Unlike the
/// in-process test host it can be killed outright (SIGKILL on Linux): no shutdown, no finally block, no flush.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The exit code once the process is gone (137 after SIGKILL on Linux).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The last lines of <see cref="Output"/>, for a failure message.</summary>
    public string OutputTail(int lines = 60) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>Starts the app on a free loopback port and waits until it serves its log-in page.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var url = $"http://127.0.0.1:{SmtpTestServer.FreePort()}";
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "LexHeller.Web.dll")])
        {
            // The content root, where the app finds appsettings.json and wwwroot.
            WorkingDirectory = Path.Combine(SolutionFolder(), "src", "LexHeller.Web"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["App__PublicUrl"] = url;
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, url);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(timeout);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process at once (SIGKILL on Linux) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{OutputTail()}");
            try
            {
                using var response = await http.GetAsync($"{Url}/logga-in");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not answer {Url}/logga-in within {timeout.TotalSeconds} s:\n{OutputTail()}");
    }

    /// <summary>The dotnet host running the tests, so the app runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) return host;
        return "dotnet";
    }

    private static string SolutionFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LexHeller.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No LexHeller.sln above {AppContext.BaseDirectory}.");
    }
}
