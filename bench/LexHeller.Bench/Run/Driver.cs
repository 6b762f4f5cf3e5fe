using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LexHeller.Bench.Compile;
using LexHeller.Bench.Generate;
using LexHeller.Bench.Postgres;
using LexHeller.Core.Time;

namespace LexHeller.Bench.Run;

/// <summary>Durations, load and where things live; --quick and --smoke shorten the timings for trying the harness out.</summary>
public sealed record Settings(IReadOnlyList<int> Cases, int WarmUp, int Duration, int Runs, int Connections, int Threads, string Repo, string Data,
    string Results, bool Regenerate, string Mode, string AppDll, string InboxState, string? BaselineDll, IReadOnlySet<string>? Only, string Provider)
{
    public static Settings From(Options o)
    {
        var repo = FindRepo();
        var (warm, duration, runs, mode) = o.Has("smoke") ? (1, 1, 1, "smoke") : o.Has("quick") ? (5, 5, 3, "quick") : (60, 20, 3, "full");
        return new Settings(
            o.Ints("cases", [100_000]),
            o.Int("warmup", warm), o.Int("duration", duration), o.Int("runs", runs), o.Int("connections", 16), o.Int("threads", 2),
            repo,
            Path.GetFullPath(o.Get("data") ?? Path.Combine(repo, "bench", "data")),
            // A smoke run only proves the harness still works; its table is not worth keeping beside real results.
            Path.GetFullPath(o.Get("results") ?? (o.Has("smoke") ? Path.Combine(repo, "bench", "data", "smoke-results") : Path.Combine(repo, "bench", "results"))),
            o.Has("regenerate"),
            o.Has("warmup") || o.Has("duration") || o.Has("runs") ? "custom" : mode,
            Path.GetFullPath(o.Get("app") ?? Path.Combine(repo, "bench", "out", "app", "LexHeller.Web.dll")),
            // The kansli's daily view; a state with many cases (Avslutad) shows what sorting a large state costs.
            o.Get("state") ?? "Inkommen",
            // A second build of the app (e.g. the commit before a change, published to another folder) run beside this
            // one on the same database, its scenarios interleaved with the app's: the fairest before/after there is.
            o.Get("baseline") is { } baseline ? Path.GetFullPath(baseline) : null,
            o.Get("only") is { } only ? Kinds(only) : null,
            ParseProvider(o.Get("provider")));
    }

    /// <summary>--provider sqlite (the default) or postgres.</summary>
    public static string ParseProvider(string? value) => (value ?? BenchDatabase.Sqlite).ToLowerInvariant() switch
    {
        "sqlite" => BenchDatabase.Sqlite,
        "postgres" or "postgresql" => BenchDatabase.Postgres,
        _ => throw new BenchException($"--provider takes sqlite or postgres, not '{value}'"),
    };

    private static HashSet<string> Kinds(string list)
    {
        var kinds = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = kinds.Except(Scenario.Kinds).ToList();
        return unknown.Count == 0 ? kinds
            : throw new BenchException($"--only takes {string.Join(", ", Scenario.Kinds)} separated by commas, not '{string.Join(", ", unknown)}'");
    }

    /// <summary>Whether scenarios of this kind run; compilation and start-up run only in a whole benchmark.</summary>
    public bool Measures(string kind) => Only is null || Only.Contains(kind);

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LexHeller.sln"))) return dir.FullName;
        throw new BenchException("cannot find LexHeller.sln above the benchmark's binaries");
    }

    public string Scripts => Path.Combine(Repo, "bench", "scripts");
    // Published by bench/run.sh (Release, ReadyToRun), like the app.
    public string BareRazorDll => Path.Combine(Repo, "bench", "out", "bare-razor", "LexHeller.Bench.BareRazor.dll");
    public string MinimalApiDll => Path.Combine(Repo, "bench", "out", "bare-api", "LexHeller.Bench.MinimalApi.dll");
    public string BenchDll => Path.Combine(AppContext.BaseDirectory, "LexHeller.Bench.dll");
}

/// <summary>
/// The whole benchmark for each N: the data set (generated once and reused), then the app, the bare Razor Pages
/// app and the bare minimal API one after another against the same database file, each warmed up once and then
/// driven by wrk scenario by scenario; the compilation against the sqlite3 tool; start-up against the bare app.
/// Prints one table per N and writes it to bench/results.
/// </summary>
public static partial class Driver
{
    private const string FilingPath = "/arenden/ny?handler=Submit";

    public static async Task<int> RunAsync(Options options)
    {
        if (options.Has("backup-under-load")) return await BackupUnderLoadAsync(options);
        var settings = Settings.From(options);
        Wrk.EnsureInstalled();
        // PostgreSQL: one private cluster for the whole run, each N a database of its own in it, generated afresh.
        await using var cluster = settings.Provider == BenchDatabase.Postgres ? PostgresCluster.Start(Console.Out) : null;
        foreach (var n in settings.Cases)
        {
            var report = await RunOneAsync(settings, n, cluster);
            var markdown = report.ToMarkdown();
            Console.WriteLine();
            Console.WriteLine(markdown);
            Directory.CreateDirectory(settings.Results);
            var provider = settings.Provider == BenchDatabase.Sqlite ? "" : "-" + settings.Provider;
            var file = Path.Combine(settings.Results, $"{report.Date:yyyy-MM-dd}-{report.Commit}-{n}{provider}{(settings.Mode == "full" ? "" : "-" + settings.Mode)}.md");
            await File.WriteAllTextAsync(file, markdown);
            Console.WriteLine($"written to {file}");
        }
        return 0;
    }

    private static async Task<Report> RunOneAsync(Settings settings, int n, PostgresCluster? cluster)
    {
        var total = Stopwatch.StartNew();
        Dataset? dataset;
        BenchDatabase database;
        string work;
        if (cluster is null)
        {
            var folder = Path.Combine(settings.Data, n.ToString(CultureInfo.InvariantCulture));
            dataset = settings.Regenerate ? null : Dataset.Load(folder);
            if (dataset is null || dataset.Cases != n)
            {
                Log($"generating {n:N0} cases into {folder}");
                dataset = await DataGenerator.GenerateAsync(folder, n, years: 5, seed: 1, Console.Out);
            }
            else
            {
                Log($"reusing the data set in {folder} ({dataset.Cases:N0} cases, generated in {dataset.GenerationSeconds:0.0} s)");
                var applied = await DataGenerator.MigrateAsync(folder);
                if (applied.Count > 0) Log($"migrated the data set to this checkout's schema: {string.Join(", ", applied)}");
            }
            work = Path.Combine(folder, "work");
            database = new SqliteBenchDatabase(DatabaseFiles.Prepare(Path.Combine(folder, Dataset.DatabaseName), work));
        }
        else
        {
            var folder = Path.Combine(settings.Data, $"{n.ToString(CultureInfo.InvariantCulture)}-postgres");
            var name = $"lexheller_{n.ToString(CultureInfo.InvariantCulture)}";
            Log($"generating {n:N0} cases into the PostgreSQL database {name}");
            dataset = await PostgresGenerator.GenerateAsync(cluster, name, folder, n, years: 5, seed: 1, Console.Out);
            work = Path.Combine(folder, "work");
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            var postgres = new PostgresBenchDatabase(cluster, name, work);
            // The bare apps' table is created now, so the clean snapshot (and every restore) has it, empty.
            postgres.CreateBareTable();
            database = postgres;
        }

        var logs = Path.Combine(work, "logs");
        var report = new Report(n, dataset, settings, DateTime.UtcNow, Git(settings.Repo, "rev-parse", "--short", "HEAD"), Git(settings.Repo, "status", "--porcelain", "--untracked-files=no").Length > 0);
        var wrk = new Wrk(settings.Scripts, settings.Threads, settings.Connections);
        var forbund = dataset.Forbund[0];
        var category = forbund.CategoryIds[Math.Min(2, forbund.CategoryIds.Count - 1)];
        var inboxQuery = $"status={settings.InboxState}&kategori={category}";
        var idsFile = Path.Combine(work, "case-ids.txt");

        // The app, under Production settings. Hangfire's recurring sweeps are off: at their first five-minute tick they
        // would compute every scheduled compilation over the whole data set in the middle of whichever scenario runs.
        var appEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__PublicUrl"] = "https://127.0.0.1",
            ["Data__Folder"] = work,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Hangfire__Enabled"] = "false",
        };
        foreach (var (key, value) in database.AppEnvironment) appEnvironment[key] = value;
        var bareEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Bench__Keys"] = Path.Combine(work, "bare-keys"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in database.BareEnvironment) bareEnvironment[key] = value;

        // All three servers run side by side against the same file (an idle one costs nothing); each is warmed up on
        // its own, then every run of a scenario goes app, bare Razor, bare API in turn, so a burst of other load on a
        // shared machine hits all of them alike and the ratios stay meaningful.
        var inboxPath = $"/inkorg?{inboxQuery}";
        var barePath = $"/cases?forbund={forbund.Id}&{inboxQuery}";
        var jsonPath = $"/inbox.json?forbund={forbund.Id}&{inboxQuery}";
        await using var app = ServerProcess.Start("app", settings.AppDll, appEnvironment, Path.Combine(logs, "app.log"));
        await using var bare = ServerProcess.Start("bare Razor", settings.BareRazorDll, bareEnvironment, Path.Combine(logs, "bare-razor.log"));
        await using var api = ServerProcess.Start("bare minimal API", settings.MinimalApiDll, bareEnvironment, Path.Combine(logs, "bare-api.log"));
        await using var baseline = settings.BaselineDll is null ? null
            : ServerProcess.Start("baseline", settings.BaselineDll, appEnvironment, Path.Combine(logs, "baseline.log"));
        await app.WaitForAsync("/logga-in");
        if (baseline is not null) await baseline.WaitForAsync("/logga-in");
        await bare.WaitForAsync("/login");
        await api.WaitForAsync("/");

        using var kansli = new WebSession(app.BaseUrl);
        await kansli.LoginAppAsync(forbund.KansliEmail, dataset.Password, dataset.TotpSecret);
        var kansliCookie = kansli.CookieHeader;
        using var reporter = new WebSession(app.BaseUrl);
        await reporter.LoginAppAsync(dataset.ReporterEmail, dataset.Password, null);
        var form = Expect(await reporter.GetAsync("/arenden/ny?typ=avvikelse"), HttpStatusCode.OK, "the filing form");
        var filingBody = FilingBody(WebSession.Token(form.Body), forbund);
        var probe = await reporter.PostRawAsync(FilingPath, filingBody.Replace("{FORMKEY}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        if (probe.Status != HttpStatusCode.Redirect || probe.Location is null || !CaseLocation().IsMatch(probe.Location))
            throw new BenchException($"a test filing was not accepted ({(int)probe.Status} {probe.Location}): {Errors(probe.Body)}");
        Expect(await kansli.GetAsync(inboxPath), HttpStatusCode.OK, "the inbox");
        Expect(await kansli.GetAsync($"/inkorg?q={dataset.SearchTerm}"), HttpStatusCode.OK, "the inbox search");
        var ids = database.CaseIds(forbund.Id, 5000);
        await File.WriteAllLinesAsync(idsFile, ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        Expect(await kansli.GetAsync($"/arenden/{ids[0]}"), HttpStatusCode.OK, "a case page");

        using var bareSession = new WebSession(bare.BaseUrl);
        await bareSession.LoginBareAsync(dataset.ReporterEmail, dataset.Password);
        var bareCookie = bareSession.CookieHeader;
        var bareForm = Expect(await bareSession.GetAsync("/rows/new"), HttpStatusCode.OK, "the bare form");
        var bareBody = $"Text={Uri.EscapeDataString(Texts.Sample)}&__RequestVerificationToken={Uri.EscapeDataString(WebSession.Token(bareForm.Body))}";
        Expect(await bareSession.PostRawAsync("/rows/new", bareBody), HttpStatusCode.Redirect, "the bare form POST");
        Expect(await bareSession.GetAsync(barePath), HttpStatusCode.OK, "the bare inbox page");
        Expect(await bareSession.GetAsync($"/cases/{ids[0]}"), HttpStatusCode.OK, "the bare case page");

        using var apiSession = new WebSession(api.BaseUrl);
        var insertBody = $"text={Uri.EscapeDataString(Texts.Sample)}";
        Expect(await apiSession.PostRawAsync("/insert", insertBody), HttpStatusCode.OK, "the raw insert");
        Expect(await apiSession.GetAsync(jsonPath), HttpStatusCode.OK, "the JSON inbox");

        // The snapshot is taken once the app has written its data-protection key, so restores keep every cookie valid.
        database.Snapshot();

        var scenarios = new List<(ServerProcess? Server, Scenario Scenario)>
        {
            (app, new Scenario(Scenario.Filing, "app: filing a deviation (POST, submit)",
                new Load("post.lua", app.BaseUrl + FilingPath, Env(reporter.CookieHeader, ("BENCH_BODY", filingBody))), "Cases")),
            (bare, new Scenario(Scenario.Filing, "bare Razor: form POST inserting one row (EF)",
                new Load("post.lua", bare.BaseUrl + "/rows/new", Env(bareCookie, ("BENCH_BODY", bareBody))), "BareRows")),
            (api, new Scenario(Scenario.Filing, "bare minimal API: raw INSERT",
                new Load("post.lua", api.BaseUrl + "/insert", Env("", ("BENCH_BODY", insertBody))), "BareRows")),
            (app, new Scenario(Scenario.Inbox, "app: kansli inbox, first page, state + category, counts",
                new Load("get.lua", app.BaseUrl + inboxPath, Env(kansliCookie)))),
            (bare, new Scenario(Scenario.Inbox, "bare Razor: 50 rows from one query",
                new Load("get.lua", bare.BaseUrl + barePath, Env(bareCookie)))),
            (api, new Scenario(Scenario.Inbox, "bare minimal API: the inbox's queries as JSON (counts included)",
                new Load("get.lua", api.BaseUrl + jsonPath, Env("")))),
            (app, new Scenario(Scenario.Search, $"app: inbox free-text search \"{dataset.SearchTerm}\"",
                new Load("get.lua", app.BaseUrl + $"/inkorg?q={dataset.SearchTerm}", Env(kansliCookie)))),
            (app, new Scenario(Scenario.CasePage, "app: case page with timeline (random cases)",
                new Load("ids.lua", app.BaseUrl, Env(kansliCookie, ("BENCH_IDS", idsFile), ("BENCH_PREFIX", "/arenden/"))))),
            (bare, new Scenario(Scenario.CasePage, "bare Razor: page reading the case's rows",
                new Load("ids.lua", bare.BaseUrl, Env(bareCookie, ("BENCH_IDS", idsFile), ("BENCH_PREFIX", "/cases/"))))),
        };
        if (baseline is not null)
        {
            // The baseline is driven as the app is, through its own log-ins and form token, right after the app in every run.
            using var baselineKansli = new WebSession(baseline.BaseUrl);
            await baselineKansli.LoginAppAsync(forbund.KansliEmail, dataset.Password, dataset.TotpSecret);
            using var baselineReporter = new WebSession(baseline.BaseUrl);
            await baselineReporter.LoginAppAsync(dataset.ReporterEmail, dataset.Password, null);
            var baselineForm = Expect(await baselineReporter.GetAsync("/arenden/ny?typ=avvikelse"), HttpStatusCode.OK, "the baseline's filing form");
            var baselineBody = FilingBody(WebSession.Token(baselineForm.Body), forbund);
            Expect(await baselineKansli.GetAsync($"/arenden/{ids[0]}"), HttpStatusCode.OK, "a case page of the baseline");
            foreach (var (_, s) in scenarios.Where(x => x.Server == app).ToList())
            {
                var settingsOf = new Dictionary<string, string>(s.Load!.Settings)
                {
                    ["BENCH_COOKIE"] = s.Kind == Scenario.Filing ? baselineReporter.CookieHeader : baselineKansli.CookieHeader,
                };
                if (s.Kind == Scenario.Filing) settingsOf["BENCH_BODY"] = baselineBody;
                var mirror = s with
                {
                    Label = "baseline" + s.Label["app".Length..],
                    Load = s.Load with { Url = baseline.BaseUrl + s.Load.Url[app.BaseUrl.Length..], Settings = settingsOf },
                };
                scenarios.Insert(scenarios.FindLastIndex(x => x.Server == app && x.Scenario.Kind == s.Kind) + 1, (baseline, mirror));
            }
        }
        // The filing's real limit: the same rows written straight into the same schema, no HTTP, no EF, no pages.
        scenarios.Insert(scenarios.FindLastIndex(x => x.Scenario.Kind == Scenario.Filing) + 1, (null, new Scenario(Scenario.Filing,
            $"bare writer: the rows of one filing in one transaction, {settings.Connections} at a time (one process, no HTTP)", null,
            Run: seconds => BareWriterAsync(settings, database, dataset, seconds))));
        scenarios.RemoveAll(s => !settings.Measures(s.Scenario.Kind));
        await MeasureAsync(settings, wrk, database, report, scenarios);
        await app.DisposeAsync();
        if (baseline is not null) await baseline.DisposeAsync();
        await bare.DisposeAsync();
        await api.DisposeAsync();

        if (settings.Only is null)
        {
            await CompileAsync(settings, database, report, work);
            await StartupAsync(settings, report, logs, appEnvironment, bareEnvironment, inboxPath, kansliCookie, barePath, bareCookie);
        }
        report.TotalSeconds = total.Elapsed.TotalSeconds;
        report.DatabaseVersions = database.Versions();
        report.ToolName = database.ToolName;
        return report;
    }

    /// <summary>
    /// Warms each server up once on its own scenarios, then runs every scenario kind: each kind starts from the
    /// clean copy, and run i of each server follows run i of the one before.
    /// </summary>
    private static async Task MeasureAsync(Settings settings, Wrk wrk, BenchDatabase files, Report report, IReadOnlyList<(ServerProcess? Server, Scenario Scenario)> scenarios)
    {
        // The bare writer is a process of its own each run and warms itself up.
        foreach (var group in scenarios.Where(s => s.Server is not null).GroupBy(s => s.Server!))
        {
            var slice = Math.Max(1, settings.WarmUp / group.Count());
            Log($"{group.Key.Name}: warming up {slice * group.Count()} s");
            foreach (var (_, s) in group) await wrk.RunAsync(s.Load!, slice);
        }
        foreach (var kind in scenarios.GroupBy(s => s.Scenario.Kind))
        {
            var members = kind.ToList();
            // Every kind starts from the clean copy: reads must not run on the rows the write scenarios (or the
            // warm-up) added, or "100,000 cases" would be several times that.
            Log($"restored the clean database in {files.Restore().TotalSeconds:0.0} s");
            var runs = members.Select(_ => new List<WrkRun>()).ToList();
            for (var i = 0; i < settings.Runs; i++)
                for (var m = 0; m < members.Count; m++)
                {
                    var s = members[m].Scenario;
                    var before = s.CountTable is null ? 0 : files.Count(s.CountTable);
                    // PostgreSQL: how often the WAL was flushed (each commit waits for its flush) and how long that took;
                    // the reading pages write too (the access log's row per case page and per search).
                    var wal = files is PostgresBenchDatabase pg ? pg.WalSyncs() : default;
                    var run = s.Run is not null ? await s.Run(settings.Duration) : await wrk.RunAsync(s.Load!, settings.Duration);
                    if (s.CountTable is not null) run = run with { Rows = files.Count(s.CountTable) - before };
                    if (files is PostgresBenchDatabase pg2)
                    {
                        var after = pg2.WalSyncs();
                        report.WalSyncs.Add((s.Label, after.Syncs - wal.Syncs, after.Milliseconds - wal.Milliseconds, run.Requests));
                    }
                    runs[m].Add(run);
                    Log($"  {s.Label}: {run.RequestsPerSecond:N0} req/s, p50 {run.P50:0.0} ms, p95 {run.P95:0.0} ms, p99 {run.P99:0.0} ms" +
                        (s.CountTable is null ? "" : $", {run.Rows:N0} rows") + (run.Errors > 0 ? $", {run.Errors:N0} errors" : ""));
                }
            for (var m = 0; m < members.Count; m++)
                report.Http.Add(new Measured(kind.Key, members[m].Scenario.Label, members[m].Server?.Name ?? "bare writer", runs[m],
                    members[m].Scenario.CountTable is not null || members[m].Scenario.Run is not null));
        }
    }

    /// <summary>The compilation in its own process (server GC, as in the app) against the sqlite3 tool on the same statements.</summary>
    private static async Task CompileAsync(Settings settings, BenchDatabase database, Report report, string work)
    {
        var sql = Path.Combine(work, "compilation.sql");
        for (var i = 0; i < settings.Runs; i++)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { settings.BenchDll, "compile", "--provider", settings.Provider, "--db", database.CompileTarget, "--sql", sql },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (database is PostgresBenchDatabase pg)
            {
                info.ArgumentList.Add("--server-log");
                info.ArgumentList.Add(pg.ServerLog);
            }
            info.Environment["DOTNET_gcServer"] = "1";
            using (var p = Process.Start(info)!)
            {
                var output = await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                var json = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new BenchException($"compile printed no result: {output}");
                var result = JsonSerializer.Deserialize<CompileResult>(json)!;
                report.Compilations.Add(result);
                Log($"  compilation: {result.Seconds:0.000} s, peak heap growth {result.PeakHeapGrowthBytes / 1048576.0:0.0} MB, peak RSS {result.PeakRssBytes / 1048576.0:0.0} MB");
            }

            var cli = database.Tool(sql);
            cli.RedirectStandardError = true;
            cli.UseShellExecute = false;
            var clock = Stopwatch.StartNew();
            using var tool = Process.Start(cli)!;
            var err = await tool.StandardError.ReadToEndAsync();
            await tool.WaitForExitAsync();
            clock.Stop();
            var kb = long.TryParse(err.Trim().Split('\n').Last(), out var k) ? k : 0;
            report.Cli.Add((clock.Elapsed.TotalSeconds, kb * 1024));
            if (tool.ExitCode != 0) throw new BenchException($"{database.ToolName} failed on {sql}: {err}");
            Log($"  {database.ToolName}: {clock.Elapsed.TotalSeconds:0.000} s, peak RSS {kb / 1024.0:0.0} MB");
        }
    }

    /// <summary>From starting the process to the first database-backed page answering 200, for the app and the bare Razor app in turn.</summary>
    private static async Task StartupAsync(Settings settings, Report report, string logs, Dictionary<string, string> appEnvironment,
        Dictionary<string, string> bareEnvironment, string inboxPath, string kansliCookie, string barePath, string bareCookie)
    {
        for (var i = 0; i < settings.Runs; i++)
        {
            await using (var app = ServerProcess.Start("app", settings.AppDll, appEnvironment, Path.Combine(logs, "app.log")))
                report.AppStartup.Add((await app.WaitForAsync(inboxPath, HttpStatusCode.OK, kansliCookie)).TotalSeconds);
            await using (var bare = ServerProcess.Start("bare Razor", settings.BareRazorDll, bareEnvironment, Path.Combine(logs, "bare-razor.log")))
                report.BareStartup.Add((await bare.WaitForAsync(barePath, HttpStatusCode.OK, bareCookie)).TotalSeconds);
            Log($"  start-up: app {report.AppStartup[^1]:0.00} s, bare Razor {report.BareStartup[^1]:0.00} s");
        }
    }

    /// <summary>The bare writer in a process of its own for <paramref name="seconds"/> after a short warm-up; see <see cref="BareWriter"/>.</summary>
    private static async Task<WrkRun> BareWriterAsync(Settings settings, BenchDatabase database, Dataset dataset, int seconds)
    {
        var forbund = dataset.Forbund[0];
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                settings.BenchDll, "write", "--provider", settings.Provider, "--db", database.WriteTarget,
                "--forbund", forbund.Id.ToString(CultureInfo.InvariantCulture), "--code", forbund.Code,
                "--category", forbund.CategoryIds[Math.Min(2, forbund.CategoryIds.Count - 1)].ToString(CultureInfo.InvariantCulture),
                "--parties", $"{forbund.PartnerIds[0]},{forbund.PartnerIds[Math.Min(2, forbund.PartnerIds.Count - 1)]}",
                "--connections", settings.Connections.ToString(CultureInfo.InvariantCulture),
                "--warmup", Math.Min(5, settings.WarmUp).ToString(CultureInfo.InvariantCulture),
                "--seconds", seconds.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Server GC, as the app runs.
        info.Environment["DOTNET_gcServer"] = "1";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var json = (await output).Split('\n').LastOrDefault(l => l.StartsWith('{'))
                   ?? throw new BenchException($"the bare writer printed no result: {await output} {await error}");
        return JsonSerializer.Deserialize<WrkRun>(json)!;
    }

    /// <summary>A complete deviation as the form posts it; {FORMKEY} is replaced per request by the wrk script.</summary>
    private static string FilingBody(string token, ForbundInfo forbund)
    {
        var today = Stockholm.Today(DateTimeOffset.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = new List<(string, string)>
        {
            ("typ", "avvikelse"),
            ("Input.EventDate", today),
            ("Input.PartyIds", forbund.PartnerIds[0].ToString(CultureInfo.InvariantCulture)),
            ("Input.PartyIds", forbund.PartnerIds[Math.Min(2, forbund.PartnerIds.Count - 1)].ToString(CultureInfo.InvariantCulture)),
            ("Input.OtherActor", ""),
            ("Input.CategoryId", forbund.CategoryIds[Math.Min(2, forbund.CategoryIds.Count - 1)].ToString(CultureInfo.InvariantCulture)),
            ("Input.WhatHappened", Texts.Sample),
            ("Input.Consequences", "Personen blev utan ersättning under flera månader."),
            ("Input.Suggestion", "Inför en gemensam kontaktperson vid överlämningar."),
            ("Input.Gender", "Kvinna"),
            ("Input.AgeBand", "Age30To39"),
            ("Input.SolvedLocally", "false"),
            ("__RequestVerificationToken", token),
        };
        return "Input.FormKey={FORMKEY}&" + string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
    }

    private static Dictionary<string, string> Env(string cookie, params (string Key, string Value)[] more)
    {
        var env = new Dictionary<string, string> { ["BENCH_COOKIE"] = cookie };
        foreach (var (k, v) in more) env[k] = v;
        return env;
    }

    private static WebSession.Response Expect(WebSession.Response response, HttpStatusCode status, string what) =>
        response.Status == status ? response
            : throw new BenchException($"{what} answered {(int)response.Status} {response.Location} instead of {(int)status}: {Errors(response.Body)}");

    private static string Errors(string html)
    {
        var errors = ErrorText().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())).Where(t => t.Length > 0).ToList();
        return errors.Count > 0 ? string.Join(" | ", errors) : html.Length > 300 ? html[..300] : html;
    }

    private static string Git(string repo, params string[] args) => Tool("git", ["-C", repo, .. args]);

    private static string Tool(string tool, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    internal static void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    [GeneratedRegex(@"^/arenden/\d+$")]
    private static partial Regex CaseLocation();

    [GeneratedRegex("class=\"(?:field-error|error-summary)\"[^>]*>(.*?)</", RegexOptions.Singleline)]
    private static partial Regex ErrorText();
}

/// <summary>One thing to measure on one server; rows are counted in <see cref="CountTable"/> when it writes.</summary>
/// <remarks>A scenario with <see cref="Run"/> is not HTTP: it runs for the seconds given and reports as wrk would.</remarks>
public sealed record Scenario(string Kind, string Label, Load? Load, string? CountTable = null, Func<int, Task<WrkRun>>? Run = null)
{
    public const string Filing = "filing";
    public const string Inbox = "inbox";
    public const string Search = "search";
    public const string CasePage = "case";
    public static readonly IReadOnlyList<string> Kinds = [Filing, Inbox, Search, CasePage];
}
