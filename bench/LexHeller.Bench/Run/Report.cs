using System.Globalization;
using System.Text;
using LexHeller.Bench.Compile;
using LexHeller.Bench.Generate;

namespace LexHeller.Bench.Run;

/// <summary>The runs of one scenario on one server.</summary>
public sealed record Measured(string Kind, string Label, string Server, IReadOnlyList<WrkRun> Runs, bool Writes)
{
    public double MedianRate => Report.Median(Runs.Select(r => r.RequestsPerSecond));
    public double MedianP50 => Report.Median(Runs.Select(r => r.P50));
    public double MedianP95 => Report.Median(Runs.Select(r => r.P95));
    public double MedianP99 => Report.Median(Runs.Select(r => r.P99));
}

/// <summary>Everything measured for one N, and the one table made of it.</summary>
public sealed class Report(int cases, Dataset dataset, Settings settings, DateTime date, string commit, bool dirty)
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private const int TargetCases = 1_000_000;

    public DateTime Date { get; } = date;
    public string Commit { get; } = commit;
    public List<Measured> Http { get; } = [];
    public List<CompileResult> Compilations { get; } = [];
    public List<(double Seconds, long PeakRss)> Cli { get; } = [];
    public List<double> AppStartup { get; } = [];
    public List<double> BareStartup { get; } = [];
    public double TotalSeconds { get; set; }
    public string DatabaseVersions { get; set; } = "";
    public string ToolName { get; set; } = "sqlite3 tool";

    /// <summary>PostgreSQL's WAL flushes during each filing run: the scenario, flushes, milliseconds spent flushing, requests.</summary>
    public List<(string Label, long Syncs, double Milliseconds, long Requests)> WalSyncs { get; } = [];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private Measured? Find(string kind, string server) => Http.FirstOrDefault(m => m.Kind == kind && m.Server == server);

    private static string N(double v, string format = "N0") => double.IsNaN(v) ? "–" : v.ToString(format, En);

    private static string Spread(IEnumerable<double> values, string format = "N0")
    {
        var list = values.ToList();
        return list.Count == 0 ? "–" : $"{N(list.Min(), format)} / {N(Median(list), format)} / {N(list.Max(), format)}";
    }

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Lex Heller benchmark on {(settings.Provider == BenchDatabase.Postgres ? "PostgreSQL" : "SQLite")}: {cases.ToString("N0", En)} cases");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"- Date: {Date:yyyy-MM-dd HH:mm} UTC · commit `{Commit}`{(dirty ? " with uncommitted changes" : "")} · " +
                                                   $"{Environment.ProcessorCount} cores · .NET {Environment.Version} · {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- Database: {DatabaseVersions}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- Load: wrk beside the server, {settings.Threads} threads, {settings.Connections} connections; warm-up {settings.WarmUp} s per server process, " +
                                                   $"then {settings.Runs} × {settings.Duration} s per scenario ({settings.Mode} mode{(settings.Mode == "full" ? "" : ": shorter than the issue asks, numbers indicative only")})");
        s.AppendLine(CultureInfo.InvariantCulture, $"- Data set: {dataset.Cases.ToString("N0", En)} cases in two förbund, {dataset.Events.ToString("N0", En)} events, {dataset.Parties.ToString("N0", En)} parties, " +
                                                   $"{dataset.Referrals.ToString("N0", En)} referrals, {dataset.Questions.ToString("N0", En)} questions, {dataset.RuleConflicts.ToString("N0", En)} rule conflicts; " +
                                                   $"generated in {dataset.GenerationSeconds.ToString("0.0", En)} s");
        var build = settings.AppDll.StartsWith(settings.Repo + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? "this checkout published as the Dockerfile does (Release, ReadyToRun; the bare apps alike)" : $"`{settings.AppDll}`";
        s.AppendLine(CultureInfo.InvariantCulture, $"- The app: {build}, Production settings, log level Warning, Hangfire off; whole run {(TotalSeconds / 60).ToString("0.0", En)} min");
        if (settings.BaselineDll is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"- The baseline: `{settings.BaselineDll}`, another build of the app on the same database with the same settings; each of its runs follows the app's");
        if (settings.Only is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"- Only the scenarios {string.Join(", ", settings.Only)}: no compilation, no start-up, and only the targets these measure");
        s.AppendLine();

        s.AppendLine("## Requests (min / median / max of the runs; latencies are the median of the runs' percentiles)");
        s.AppendLine();
        s.AppendLine("| Scenario | req/s | p50 ms | p95 ms | p99 ms | rows created per run | errors | app ÷ this |");
        s.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (kind, title) in new[] { (Scenario.Filing, "Filing a deviation"), (Scenario.Inbox, "Kansli inbox"), (Scenario.Search, "Free-text search"), (Scenario.CasePage, "Case page") })
        {
            var rows = Http.Where(m => m.Kind == kind).ToList();
            if (rows.Count == 0) continue;
            var note = kind == Scenario.Inbox ? $" (state {settings.InboxState}, third category)" : "";
            s.AppendLine(CultureInfo.InvariantCulture, $"| **{title}**{note} | | | | | | | |");
            var app = rows.FirstOrDefault(m => m.Server == "app");
            foreach (var m in rows)
            {
                var ratio = app is not null && m != app ? N(app.MedianRate / m.MedianRate, "0.00") : "";
                var created = m.Writes ? Spread(m.Runs.Select(r => (double)r.Rows)) : "";
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Label} | {Spread(m.Runs.Select(r => r.RequestsPerSecond))} | {N(m.MedianP50, "0.0")} | {N(m.MedianP95, "0.0")} | {N(m.MedianP99, "0.0")} | {created} | {m.Runs.Sum(r => r.Errors).ToString("N0", En)} | {ratio} |");
            }
        }
        s.AppendLine();
        if (WalSyncs.Count > 0)
        {
            s.AppendLine("WAL flushes during the runs (pg_stat_wal; every commit waits for its flush, synchronous_commit = on; concurrent commits share one):");
            s.AppendLine();
            s.AppendLine("| Scenario | flushes per request | ms per flush |");
            s.AppendLine("|---|---|---|");
            foreach (var g in WalSyncs.GroupBy(w => w.Label))
            {
                var syncs = g.Sum(w => w.Syncs);
                var ms = g.Sum(w => w.Milliseconds);
                var requests = g.Sum(w => w.Requests);
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {g.Key} | {N(requests == 0 ? double.NaN : syncs / (double)requests, "0.00")} | {N(syncs == 0 ? double.NaN : ms / syncs, "0.00")} |");
            }
            s.AppendLine();
        }
        if (settings.Only is not null)
        {
            s.AppendLine("Ratios divide medians. The rows of one run share the machine; compare ratios, not absolute numbers.");
            return s.ToString();
        }

        s.AppendLine("## Compilation (one tertial, one förbund with its concluded cases)");
        s.AppendLine();
        s.AppendLine("| | seconds (min / median / max) | peak managed heap growth | peak RSS of the process |");
        s.AppendLine("|---|---|---|---|");
        var period = Compilations.FirstOrDefault()?.Period ?? "";
        s.AppendLine(CultureInfo.InvariantCulture, $"| app: CompilationQuery in its own process, {period}, {Compilations.FirstOrDefault()?.Statements ?? 0} statements | " +
                                                   $"{Spread(Compilations.Select(c => c.Seconds), "0.000")} | {Mb(Compilations.Select(c => c.PeakHeapGrowthBytes).DefaultIfEmpty().Max())} | " +
                                                   $"{Mb(Compilations.Select(c => c.PeakRssBytes).DefaultIfEmpty().Max())} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| {ToolName}, the same statements as captured | {Spread(Cli.Select(c => c.Seconds), "0.000")} | – | {Mb(Cli.Select(c => c.PeakRss).DefaultIfEmpty().Max())} |");
        s.AppendLine();

        s.AppendLine("## Start-up on the existing database (process start to the first database-backed page answering 200)");
        s.AppendLine();
        s.AppendLine("| | seconds (min / median / max) |");
        s.AppendLine("|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| app: kansli inbox | {Spread(AppStartup, "0.00")} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| bare Razor: 50-row page | {Spread(BareStartup, "0.00")} |");
        s.AppendLine();

        s.AppendLine("## Targets of the issue");
        s.AppendLine();
        s.AppendLine("| Target | Measured | Result |");
        s.AppendLine("|---|---|---|");
        var at1M = cases >= TargetCases ? "" : $" (set for {TargetCases.ToString("N0", En)} cases; this run has {cases.ToString("N0", En)})";
        var filing = Find(Scenario.Filing, "app");
        var bareForm = Find(Scenario.Filing, "bare Razor");
        var inbox = Find(Scenario.Inbox, "app");
        var bareInbox = Find(Scenario.Inbox, "bare Razor");
        var page = Find(Scenario.CasePage, "app");
        var barePage = Find(Scenario.CasePage, "bare Razor");
        Target(s, $"Filing ≥ 1,000 per second{at1M}", filing?.MedianRate, v => $"{N(v)}/s", v => v >= 1000);
        Target(s, "Filing ≥ 0.5 × the bare authenticated form POST", Ratio(filing, bareForm), v => N(v, "0.00") + "×", v => v >= 0.5);
        Target(s, "Filing p99 ≤ 20 ms", filing?.MedianP99, v => $"{N(v, "0.0")} ms", v => v <= 20);
        Target(s, $"Inbox ≥ 0.8 × the bare Razor page of 50 rows{at1M}", Ratio(inbox, bareInbox), v => N(v, "0.00") + "×", v => v >= 0.8);
        Target(s, $"Inbox p95 ≤ 30 ms{at1M}", inbox?.MedianP95, v => $"{N(v, "0.0")} ms", v => v <= 30);
        Target(s, "Case page ≥ 0.8 × the bare page reading the same rows", Ratio(page, barePage), v => N(v, "0.00") + "×", v => v >= 0.8);
        var compile = Compilations.Count == 0 ? (double?)null : Median(Compilations.Select(c => c.Seconds));
        var cli = Cli.Count == 0 ? (double?)null : Median(Cli.Select(c => c.Seconds));
        Target(s, $"Compilation ≤ 2 × {(ToolName == "psql" ? "psql" : "the " + ToolName)} on the same statements", compile / cli, v => N(v, "0.00") + "×", v => v <= 2);
        Target(s, "Compilation peak managed heap growth < 150 MB",
            Compilations.Count == 0 ? null : Compilations.Max(c => c.PeakHeapGrowthBytes) / 1048576.0, v => $"{N(v, "0.0")} MB", v => v < 150);
        Target(s, "Start-up ≤ 1.5 × the bare Razor app", AppStartup.Count == 0 || BareStartup.Count == 0 ? null : Median(AppStartup) / Median(BareStartup),
            v => N(v, "0.00") + "×", v => v <= 1.5);
        s.AppendLine();
        s.AppendLine("Ratios divide medians. Absolute numbers on a shared machine are noise; the ratios against the bare stack in the same run are what to compare.");
        return s.ToString();
    }

    private static double? Ratio(Measured? app, Measured? baseline) => app is null || baseline is null ? null : app.MedianRate / baseline.MedianRate;

    private static string Mb(long bytes) => bytes <= 0 ? "–" : $"{(bytes / 1048576.0).ToString("0.0", En)} MB";

    private static void Target(StringBuilder s, string target, double? value, Func<double, string> show, Func<double, bool> met) =>
        s.AppendLine(value is { } v && !double.IsNaN(v)
            ? $"| {target} | {show(v)} | {(met(v) ? "pass" : "**FAIL**")} |"
            : $"| {target} | not measured | – |");
}
