using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LexHeller.Bench.Postgres;

/// <summary>
/// A private PostgreSQL cluster for one benchmark run: the machine's initdb and pg_ctl, a temporary folder, a free
/// port on 127.0.0.1, stopped (and its folder removed) when disposed. PostgreSQL refuses to run as root, so as root
/// the cluster is made and run by "nobody", who owns the folder.
/// </summary>
/// <remarks>
/// Durability stays as in production: fsync and synchronous_commit on, full-page writes on. The memory settings are
/// sized for one database on a machine with memory to spare, as a dedicated database server would be set up.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The settings the server runs with, written into the result as they are.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Settings =
    [
        ("shared_buffers", "2GB"),
        ("effective_cache_size", "8GB"),
        ("work_mem", "16MB"),
        ("maintenance_work_mem", "1GB"),
        ("max_wal_size", "8GB"),
        ("checkpoint_timeout", "15min"),
        ("random_page_cost", "1.1"),
        ("jit", "off"),
        ("max_connections", "300"),
        ("synchronous_commit", "on"),
        ("fsync", "on"),
        ("track_wal_io_timing", "on"),
    ];

    private readonly string _folder;
    private readonly string _binaries;
    private readonly bool _asRoot;
    private bool _stopped;

    private PostgresCluster(string folder, string binaries, bool asRoot, int port)
    {
        _folder = folder;
        _binaries = binaries;
        _asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    public string Binaries => _binaries;

    /// <summary>The server's log file (pg_ctl -l).</summary>
    public string ServerLog => Path.Combine(_folder, "server.log");

    /// <summary>A connection string to <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database, int maxPool = 100) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 30, CommandTimeout = 0, MaxPoolSize = maxPool,
    }.ConnectionString;

    public static PostgresCluster Start(TextWriter log)
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("lexheller-bench-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["nobody", folder], asRoot: false);
        var data = Path.Combine(folder, "data");
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], asRoot);
        var port = FreePort();
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 " + string.Join(' ', Settings.Select(s => $"-c {s.Name}={s.Value}"));
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "start"], asRoot);
        var cluster = new PostgresCluster(folder, binaries, asRoot, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        log.WriteLine($"PostgreSQL cluster in {folder} on 127.0.0.1:{port}");
        return cluster;
    }

    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)command.ExecuteScalar()!;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "-t", "60", "stop"], _asRoot);
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is BenchException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"bench: stopping the PostgreSQL cluster in {_folder}: {e.Message}");
        }
    }

    /// <summary>The newest installed PostgreSQL's programs (Debian's layout), or those on PATH.</summary>
    private static string FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version).FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (File.Exists(Path.Combine(dir, "initdb"))) return dir;
        throw new BenchException("no PostgreSQL found: apt-get install -y postgresql (bench/run.sh does this with --provider postgres)");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string program, string[] arguments, bool asRoot)
    {
        var start = asRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (asRoot)
            foreach (var a in new[] { "-u", "nobody", "--", program }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // initdb and postgres must not start in a folder "nobody" cannot read.
        start.WorkingDirectory = "/";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180))) throw new BenchException($"{program} did not finish");
        if (process.ExitCode != 0)
            throw new BenchException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
