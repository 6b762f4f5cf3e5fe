using System.Diagnostics;
using System.Text.Json;

namespace LexHeller.Bench.Run;

/// <summary>One wrk run: throughput, latency percentiles (ms) and the requests that failed.</summary>
public sealed record WrkRun(double RequestsPerSecond, double P50, double P95, double P99, double Max, long Requests, long Errors, long Rows);

/// <summary>What a wrk run sends: a script from bench/scripts and its settings (passed as environment variables).</summary>
public sealed record Load(string Script, string Url, IReadOnlyDictionary<string, string> Settings);

/// <summary>Runs wrk (Debian's package) as a separate process, the load generator beside the server.</summary>
public sealed class Wrk(string scripts, int threads, int connections)
{
    private sealed record Line(long requests, long duration_us, long p50, long p95, long p99, long max, long connect, long read, long write, long status, long timeout);

    public async Task<WrkRun> RunAsync(Load load, int seconds)
    {
        var info = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-d", $"{seconds}s", "--timeout", "10s", "-s", Path.Combine(scripts, load.Script), load.Url,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["BENCH_LUA"] = scripts;
        foreach (var (key, value) in load.Settings) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new BenchException("wrk did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
                   ?? throw new BenchException($"wrk printed no result for {load.Url}: {text} {await error}");
        var r = JsonSerializer.Deserialize<Line>(line[6..])!;
        return new WrkRun(r.requests / (r.duration_us / 1e6), r.p50 / 1000.0, r.p95 / 1000.0, r.p99 / 1000.0, r.max / 1000.0, r.requests,
            r.connect + r.read + r.write + r.status + r.timeout, 0);
    }

    public static void EnsureInstalled()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            p!.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BenchException("wrk is not installed: apt-get install -y wrk (bench/run.sh does this)");
        }
    }
}
