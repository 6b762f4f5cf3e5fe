using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using LexHeller.Bench.Generate;
using Microsoft.Data.Sqlite;

namespace LexHeller.Bench.Run;

/// <summary>
/// <c>run --backup-under-load</c>: the filing scenario (post.lua) against the app for 60 s, a backup taken through the
/// app's own command line in the middle of it, that backup restored into a fresh folder through the command line
/// too, and the restored database checked: integrity, every case with its events, and the counts of cases, events
/// and outbox rows those of one moment of the load — above the start, below the end, and each case filed during
/// the load whole, with the same events and mails as in the live database.
/// </summary>
public static partial class Driver
{
    private sealed record Counts(long Cases, long Events, long Outbox, long MaxCaseId, long MaxOutboxId);

    private static async Task<int> BackupUnderLoadAsync(Options options)
    {
        var settings = Settings.From(options);
        Wrk.EnsureInstalled();
        var n = settings.Cases[0];
        var seconds = options.Int("duration", 60);
        var folder = Path.Combine(settings.Data, n.ToString(CultureInfo.InvariantCulture));
        var dataset = settings.Regenerate ? null : Dataset.Load(folder);
        if (dataset is null || dataset.Cases != n)
        {
            Log($"generating {n:N0} cases into {folder}");
            dataset = await DataGenerator.GenerateAsync(folder, n, years: 5, seed: 1, Console.Out);
        }
        else await DataGenerator.MigrateAsync(folder);

        var work = Path.Combine(folder, "work");
        var files = DatabaseFiles.Prepare(Path.Combine(folder, Dataset.DatabaseName), work);
        var backups = Path.Combine(work, "backups");
        var restored = Path.Combine(work, "restored");
        foreach (var f in new[] { backups, restored }.Where(Directory.Exists)) Directory.Delete(f, recursive: true);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__PublicUrl"] = "https://127.0.0.1",
            ["Data__Folder"] = work,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Hangfire__Enabled"] = "false",
        };
        var forbund = dataset.Forbund[0];
        await using var app = ServerProcess.Start("app", settings.AppDll, environment, Path.Combine(work, "logs", "app.log"));
        await app.WaitForAsync("/logga-in");
        using var reporter = new WebSession(app.BaseUrl);
        await reporter.LoginAppAsync(dataset.ReporterEmail, dataset.Password, null);
        var form = Expect(await reporter.GetAsync("/arenden/ny?typ=avvikelse"), HttpStatusCode.OK, "the filing form");
        var body = FilingBody(WebSession.Token(form.Body), forbund);
        var probe = await reporter.PostRawAsync(FilingPath, body.Replace("{FORMKEY}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        if (probe.Status != HttpStatusCode.Redirect) throw new BenchException($"a test filing was not accepted ({(int)probe.Status}): {Errors(probe.Body)}");

        var before = CountsOf(files.Work);
        Log($"filing for {seconds} s, a backup through the command line after {seconds / 3} s");
        var wrk = new Wrk(settings.Scripts, settings.Threads, settings.Connections);
        var load = wrk.RunAsync(new Load("post.lua", app.BaseUrl + FilingPath, Env(reporter.CookieHeader, ("BENCH_BODY", body))), seconds);
        await Task.Delay(TimeSpan.FromSeconds(seconds / 3));
        var atBackup = CountsOf(files.Work);
        var (backupExit, backupOutput, backupTook) = await CommandAsync(settings.AppDll, environment, "backup", "--to", backups);
        var afterBackup = CountsOf(files.Work);
        var run = await load;
        var after = CountsOf(files.Work);
        await app.DisposeAsync();
        if (backupExit != 0) throw new BenchException($"the backup failed ({backupExit}): {backupOutput}");
        Log($"backup: {backupOutput.Trim()} ({backupTook.TotalSeconds:0.0} s)");
        var taken = Directory.GetDirectories(backups).Single();

        Directory.CreateDirectory(restored);
        var (restoreExit, restoreOutput, restoreTook) = await CommandAsync(settings.AppDll,
            new Dictionary<string, string>(environment) { ["Data__Folder"] = restored }, "restore", "--from", taken);
        if (restoreExit != 0) throw new BenchException($"the restore failed ({restoreExit}): {restoreOutput}");
        Log($"restore: {restoreOutput.Trim()} ({restoreTook.TotalSeconds:0.0} s)");

        var database = Path.Combine(restored, Dataset.DatabaseName);
        var copy = CountsOf(database);
        var checks = new List<(string What, bool Ok, string Detail)>();
        void Check(string what, bool ok, string detail) { checks.Add((what, ok, detail)); Log($"  {(ok ? "ok  " : "FAIL")} {what}: {detail}"); }
        var integrity = Query(database, "PRAGMA integrity_check", r => r.GetString(0))[0];
        Check("integrity_check", integrity == "ok", integrity);
        var orphans = Query(database, "SELECT count(*) FROM pragma_foreign_key_check", r => r.GetInt64(0))[0];
        Check("foreign_key_check", orphans == 0, $"{orphans} rows pointing at missing rows");
        // A draft has no events until it is filed; the data set has some.
        var withoutEvents = Query(database, "SELECT count(*) FROM Cases c WHERE c.State <> 'Utkast' AND NOT EXISTS (SELECT 1 FROM CaseEvents e WHERE e.CaseId = c.Id)", r => r.GetInt64(0))[0];
        var drafts = Query(database, "SELECT count(*) FROM Cases WHERE State = 'Utkast'", r => r.GetInt64(0))[0];
        Check("every filed case has events", withoutEvents == 0, $"{withoutEvents} filed cases without events ({drafts:N0} drafts, which have none yet)");
        Check("the copy is a moment of the load", before.Cases < copy.Cases && copy.Cases < after.Cases,
            $"cases {before.Cases:N0} at the start < {copy.Cases:N0} in the copy < {after.Cases:N0} at the end " +
            $"(the backup started at {atBackup.Cases:N0} and ended at {afterBackup.Cases:N0})");
        Check("events and outbox rows grow with the cases", before.Events < copy.Events && copy.Events < after.Events && before.Outbox < copy.Outbox && copy.Outbox < after.Outbox,
            $"events {before.Events:N0} < {copy.Events:N0} < {after.Events:N0}, outbox rows {before.Outbox:N0} < {copy.Outbox:N0} < {after.Outbox:N0}");
        var liveUpTo = Query(files.Work, $"SELECT count(*) FROM Cases WHERE Id <= {copy.MaxCaseId}", r => r.GetInt64(0))[0];
        Check("no case missing below the copy's last", liveUpTo == copy.Cases, $"{liveUpTo:N0} cases up to id {copy.MaxCaseId} live, {copy.Cases:N0} in the copy");
        var filedCopy = PerCase(database, before);
        var filedLive = PerCase(files.Work, before);
        var whole = filedCopy.Count(c => filedLive.TryGetValue(c.Key, out var l) && l == c.Value && c.Value.Outbox > 0);
        Check("each case filed during the load is whole", filedCopy.Count > 0 && whole == filedCopy.Count,
            $"{whole:N0} of {filedCopy.Count:N0} cases filed during the load have the same events and outbox rows as live, " +
            $"{(filedCopy.Count == 0 ? 0 : filedCopy.Values.Sum(v => v.Outbox) / (double)filedCopy.Count):0.0} outbox rows each");
        var newOutbox = copy.Outbox - before.Outbox;
        var ofNewCases = filedCopy.Values.Sum(v => v.Outbox);
        Check("every new outbox row belongs to a copied case", newOutbox == ofNewCases, $"{newOutbox:N0} new outbox rows, {ofNewCases:N0} of them for the new cases");

        var ok = checks.All(c => c.Ok);
        var commit = Git(settings.Repo, "rev-parse", "--short", "HEAD");
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Backup under a filing load — {DateTime.UtcNow:yyyy-MM-dd} — commit {commit} — N = {n:N0}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`bench/run.sh --backup-under-load --cases {n}`: post.lua (the filing scenario, {settings.Threads} threads, {settings.Connections} connections) for {seconds} s; " +
            $"after {seconds / 3} s `LexHeller.Web.dll backup --to …` in a separate process; then `restore --from …` into an empty folder and the checks below on the restored file.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load: {run.Requests:N0} requests, {run.RequestsPerSecond:N0} req/s, p50 {run.P50:0.0} ms, p95 {run.P95:0.0} ms, p99 {run.P99:0.0} ms, max {run.Max:0.0} ms, {run.Errors:N0} errors; {after.Cases - before.Cases:N0} cases filed");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Backup: {backupTook.TotalSeconds:0.0} s (process start included) — {backupOutput.Trim()}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Restore: {restoreTook.TotalSeconds:0.0} s — {restoreOutput.Trim()}");
        md.AppendLine();
        md.AppendLine("| | cases | events | outbox rows |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var (label, c) in new[] { ("live, load started", before), ("live, backup started", atBackup), ("live, backup ended", afterBackup), ("restored copy", copy), ("live, load ended", after) })
            md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {c.Cases:N0} | {c.Events:N0} | {c.Outbox:N0} |");
        md.AppendLine();
        md.AppendLine("| check | result | |");
        md.AppendLine("|---|---|---|");
        foreach (var (what, good, detail) in checks) md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {(good ? "ok" : "**FAILED**")} | {detail} |");
        md.AppendLine();
        md.AppendLine(ok ? "All checks passed." : "**Some checks failed.**");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average at the end {LoadAverage()} (other work on the machine slows the filings; the checks do not depend on speed).");
        Console.WriteLine();
        Console.WriteLine(md);
        Directory.CreateDirectory(settings.Results);
        var file = Path.Combine(settings.Results, $"{DateTime.UtcNow:yyyy-MM-dd}-{commit}-{n}-backup-under-load.md");
        await File.WriteAllTextAsync(file, md.ToString());
        Console.WriteLine($"written to {file}");
        return ok ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static Counts CountsOf(string database) => Query(database,
        "SELECT (SELECT count(*) FROM Cases), (SELECT count(*) FROM CaseEvents), (SELECT count(*) FROM Outbox), " +
        "(SELECT coalesce(max(Id), 0) FROM Cases), (SELECT coalesce(max(Id), 0) FROM Outbox)",
        r => new Counts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];

    /// <summary>The events and outbox rows of each case filed after <paramref name="since"/>, by reference; a case's mails link to /arenden/ref/REFERENCE.</summary>
    private static Dictionary<string, (long Events, long Outbox)> PerCase(string database, Counts since)
    {
        var cases = Query(database, $"SELECT c.Reference, (SELECT count(*) FROM CaseEvents e WHERE e.CaseId = c.Id) FROM Cases c WHERE c.Id > {since.MaxCaseId} AND c.Reference IS NOT NULL",
            r => (Reference: r.GetString(0), Events: r.GetInt64(1)));
        var mails = Query(database, $"SELECT Link FROM Outbox WHERE Id > {since.MaxOutboxId} AND Link LIKE '%/arenden/ref/%'", r => r.GetString(0))
            .GroupBy(l => l[(l.LastIndexOf('/') + 1)..]).ToDictionary(g => g.Key, g => (long)g.Count());
        return cases.ToDictionary(c => c.Reference, c => (c.Events, mails.GetValueOrDefault(c.Reference)));
    }

    private static List<T> Query<T>(string database, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The app's command line (backup, restore) as an operator runs it: its own process, the same settings as the server.</summary>
    private static async Task<(int Exit, string Output, TimeSpan Took)> CommandAsync(string dll, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchException("the app's command line did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await error), clock.Elapsed);
    }
}
