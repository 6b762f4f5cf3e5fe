using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LexHeller.Bench.Run;

/// <summary>A server under test: `dotnet X.dll` on 127.0.0.1 with its own environment and its output in a log file.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _disposed;

    private ServerProcess(Process process, StreamWriter log, int port, string name)
    {
        _process = process;
        _log = log;
        Port = port;
        Name = name;
    }

    public string Name { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public DateTime StartedAt { get; } = DateTime.UtcNow;
    public Stopwatch SinceStart { get; } = Stopwatch.StartNew();

    public static ServerProcess Start(string name, string dll, IDictionary<string, string> environment, string logFile)
    {
        if (!File.Exists(dll)) throw new BenchException($"{dll} is missing: build in Release first (bench/run.sh does)");
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only the database named here: none inherited from the shell that started the benchmark.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        log.WriteLine($"--- {DateTime.UtcNow:O} start {name} on port {port}");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        var server = new ServerProcess(process, log, port, name);
        process.Start();
        server.SinceStart.Restart();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try { log.WriteLine(line); }
            catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Polls <paramref name="path"/> until it answers with <paramref name="status"/>; returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitForAsync(string path, HttpStatusCode status = HttpStatusCode.OK, string? cookie = null, TimeSpan? timeout = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (SinceStart.Elapsed < limit)
        {
            if (_process.HasExited) throw new BenchException($"{Name} exited with code {_process.ExitCode} during start-up; see its log");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
                if (cookie is not null) request.Headers.Add("Cookie", cookie);
                request.Headers.Add(WebSession.ForwardedProto, "https");
                using var response = await http.SendAsync(request);
                if (response.StatusCode == status) return SinceStart.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(10);
        }
        throw new BenchException($"{Name} did not answer {path} with {(int)status} within {limit.TotalSeconds:0} s");
    }

    /// <summary>Asks the server to stop as a service manager would (SIGTERM), then kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
                await kill!.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        lock (_log) _log.WriteLine($"--- {DateTime.UtcNow:O} stopped {Name}");
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
