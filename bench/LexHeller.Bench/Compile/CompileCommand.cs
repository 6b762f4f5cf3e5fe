using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Bench.Compile;

/// <summary>What one compilation run measured; the driver reads it from the last line of the output.</summary>
public sealed record CompileResult(double Seconds, long PeakHeapGrowthBytes, long PeakRssBytes, int Statements, string SqlFile, string Period, string Scope);

/// <summary>
/// Runs one tertial compilation exactly as the compilation job does (CompilationQuery.ComputeAsync over the app's
/// DbContext with its connection settings), in this process alone, so its time and memory are the job's. Every
/// statement SQLite executes is captured by SQLite's own trace hook with the bound parameters written in, and
/// saved as a script the sqlite3 tool can run unchanged.
/// </summary>
public static class CompileCommand
{
    public static async Task<int> RunAsync(Options options)
    {
        var postgres = Run.Settings.ParseProvider(options.Get("provider")) == Run.BenchDatabase.Postgres;
        // SQLite: the database file; PostgreSQL: a connection string.
        var db = postgres ? options.Require("db") : Path.GetFullPath(options.Require("db"));
        if (!postgres && !File.Exists(db)) throw new BenchException($"no database at {db}");
        var sqlFile = Path.GetFullPath(options.Get("sql") ?? (postgres ? "compilation.sql" : Path.ChangeExtension(db, ".compilation.sql")));
        var serverLog = postgres ? options.Require("server-log") : null;
        var result = await CompileAsync(db, postgres, serverLog, sqlFile, options.Has("joint"), options.Get("year"), options.Get("tertial"));
        Console.WriteLine($"compilation {result.Scope} {result.Period}: {result.Seconds:0.000} s, peak managed heap growth {result.PeakHeapGrowthBytes / 1048576.0:0.0} MB, " +
                          $"peak RSS {result.PeakRssBytes / 1048576.0:0.0} MB, {result.Statements} statements -> {result.SqlFile}");
        Console.WriteLine(postgres ? $"compare: time psql -f {result.SqlFile} > /dev/null" : $"compare: time sqlite3 {db} < {result.SqlFile} > /dev/null");
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<CompileResult> CompileAsync(string path, bool postgres, string? serverLog, string sqlFile, bool joint, string? yearText, string? tertialText)
    {
        var statements = new List<string>();
        DbContextOptions<LexHellerDb> options;
        if (postgres)
        {
            // As the app configures PostgreSQL (DataSetup.AddPostgres), with the statements captured as they are sent.
            options = new DbContextOptionsBuilder<LexHellerDb>()
                .UseNpgsql(path, s => s.MigrationsAssembly("LexHeller.Migrations.Postgres"))
                .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance)
                .Options;
        }
        else
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite }.ToString());
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState == System.Data.ConnectionState.Open) Trace(connection, statements);
            };
            options = new DbContextOptionsBuilder<LexHellerDb>()
                .UseSqlite(connection, s => s.MigrationsAssembly("LexHeller.Migrations.Sqlite"))
                .AddInterceptors(new SqlitePragmas())
                .Options;
        }
        await using var context = new LexHellerDb(options);

        var today = Stockholm.Today(DateTimeOffset.UtcNow);
        var current = (today.Month - 1) / 4 + 1;
        var (year, tertial) = current == 1 ? (today.Year - 1, 3) : (today.Year, current - 1);
        if (yearText is not null) year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (tertialText is not null) tertial = int.Parse(tertialText, CultureInfo.InvariantCulture);
        var period = Period.Tertial(year, tertial);

        // The app's context has its model built long before a job runs; build it here before measuring.
        var forbund = await context.Forbund.OrderBy(f => f.Id).Select(f => f.Id).ToListAsync();
        if (forbund.Count == 0) throw new BenchException($"{path} has no förbund");
        var ids = joint ? forbund : forbund.Take(1).ToList();
        statements.Clear();
        // PostgreSQL: the server logs this session's statements with their parameters; the connection stays open so
        // the compilation runs on the session that logs (it opens the context's connection only when it is closed).
        var pid = 0;
        var marker = $"lexheller-bench-compile-{Guid.NewGuid():N}";
        if (postgres)
        {
            await context.Database.OpenConnectionAsync();
            await context.Database.ExecuteSqlRawAsync("SET log_statement = 'all'");
            pid = await context.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            var start = "SELECT '" + marker + "'";
            await context.Database.ExecuteSqlRawAsync(start);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().HeapSizeBytes));
                try { await Task.Delay(2, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        var data = await new CompilationQuery(context).ComputeAsync(ids, period, CompilationFilter.None, includeCases: !joint);
        clock.Stop();
        await stop.CancelAsync();
        await sampler;
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        GC.KeepAlive(data);
        if (postgres)
        {
            await context.Database.ExecuteSqlRawAsync("SET log_statement = 'none'");
            await Task.Delay(200);
            statements.AddRange(ServerLogCapture.Statements(serverLog!, pid, marker));
        }

        var script = new StringBuilder();
        foreach (var s in statements) script.Append(s.TrimEnd().TrimEnd(';')).Append(";\n");
        await File.WriteAllTextAsync(sqlFile, script.ToString());
        return new CompileResult(clock.Elapsed.TotalSeconds, peak - baseline, PeakRss(), statements.Count, sqlFile,
            $"T{tertial} {year}", joint ? $"joint ({ids.Count} förbund)" : $"förbund {ids[0]} with its concluded cases");
    }

    /// <summary>SQLite's legacy trace hands over each statement as it starts, with its bound parameters expanded.</summary>
    private static void Trace(SqliteConnection connection, List<string> statements) =>
        SQLitePCL.raw.sqlite3_trace(connection.Handle, (_, sql) =>
        {
            var text = sql.utf8_to_string();
            if (!text.StartsWith("--", StringComparison.Ordinal)) statements.Add(text);
        }, null);

    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
