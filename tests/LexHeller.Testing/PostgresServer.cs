using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LexHeller.Testing;

/// <summary>
/// A real PostgreSQL for the tests: a private cluster started once per test process (the machine's initdb and pg_ctl,
/// a temporary folder, a free port on 127.0.0.1, stopped when the process ends), or the server named by
/// LEXHELLER_TEST_POSTGRES (a connection string to its "postgres" database). Each caller gets a database of its own,
/// copied from a template migrated once, which takes a fraction of what migrating each would.
/// </summary>
public sealed class PostgresServer
{
    public const string ServerVariable = "LEXHELLER_TEST_POSTGRES";
    private const string Template = "lexheller_template";

    private static readonly Lazy<PostgresServer> LazyShared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly SemaphoreSlim _creating = new(1, 1);
    private readonly string? _folder;
    private readonly string? _binaries;
    private bool _templateReady;

    private PostgresServer(string adminConnectionString, string? folder, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
    }

    /// <summary>The one server of this test process, started on first use.</summary>
    public static PostgresServer Shared => LazyShared.Value;

    /// <summary>A connection string to the server's "postgres" database, as its superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>A new, migrated, empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"lexheller_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        _creating.Wait();
        try
        {
            if (!_templateReady) PrepareTemplate();
            // CREATE DATABASE copies the template only while nobody is connected to it; only this class connects.
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
        }
        finally
        {
            _creating.Release();
        }
        return ConnectionString(name);
    }

    /// <summary>A new database with nothing in it, not even the migrations; its connection string.</summary>
    public string CreateEmptyDatabase()
    {
        var name = $"lexheller_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_empty";
        Execute($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Done with a database from <see cref="CreateDatabase"/>: closes the pools that hold connections to it and, on a server named by LEXHELLER_TEST_POSTGRES, drops it.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        // A private cluster is thrown away whole when the test process ends; its databases are left to that, which
        // saves the checkpoint each DROP DATABASE costs (a third of a second, hundreds of times in a run).
        if (_folder is not null) return;
        try { Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"); }
        catch (NpgsqlException) { }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private void PrepareTemplate()
    {
        Execute($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
        Execute($"CREATE DATABASE \"{Template}\"");
        var options = new DbContextOptionsBuilder<LexHellerDb>()
            .UseNpgsql(ConnectionString(Template), o => o.MigrationsAssembly(LexHeller.Web.Setup.DataSetup.PostgresMigrations))
            .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance)
            .Options;
        using (var db = new LexHellerDb(options)) db.Database.Migrate();
        NpgsqlConnection.ClearAllPools();
        _templateReady = true;
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        command.ExecuteNonQuery();
    }

    private static PostgresServer Start()
    {
        var given = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(given)) return new PostgresServer(given, null, null);

        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("lexheller-pg-").FullName;
        // PostgreSQL refuses to run as root: as root the cluster is made and run by "nobody", who owns the folder.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["nobody", folder], asRoot: false);
        var data = Path.Combine(folder, "data");
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
        var port = FreePort();
        // Throwaway data: nothing is flushed to disk, which makes each test's commits cost microseconds.
        var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"], asRoot);
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30", folder, binaries);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
        return server;
    }

    private void Stop(bool asRoot)
    {
        if (_folder is null || _binaries is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], asRoot);
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException) { }
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
        throw new InvalidOperationException(
            $"No PostgreSQL found for the tests: install it (apt-get install -y postgresql) or set {ServerVariable} to a connection string.");
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
        // initdb and postgres must not start in a folder "nobody" cannot read (the test's own working folder).
        start.WorkingDirectory = "/";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120))) throw new InvalidOperationException($"{program} did not finish.");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
