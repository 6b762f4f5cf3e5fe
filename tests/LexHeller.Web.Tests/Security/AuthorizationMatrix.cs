using System.Net;
using System.Security.Cryptography;
using System.Text;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Security;

/// <summary>The people the matrix acts as: nobody, then one user of each role in Insjöriket.</summary>
public enum Who { Anonymous, Rapportor, Kansli, Bug, Styrelse, Admin }

/// <summary>One page handler as the app's own route table lists it, e.g. <c>POST /arenden/{id:int}?handler=Take</c>.</summary>
public sealed record PageEndpoint(string Method, string Route, string? Handler)
{
    public string Key => $"{Method} {Route}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>
/// Runs every page handler of the app as every <see cref="Who"/>, with the ids of the user's own förbund
/// (Insjöriket) and of another (Södra Norrbotten), and compares what happened with the expected table.
/// The endpoint list comes from the running app; the expectations come from the test, never from the code.
/// A refused POST must leave the database exactly as it was.
/// </summary>
public sealed class AuthorizationMatrix(AppFactory app)
{
    private static readonly Dictionary<Who, string> Emails = new()
    {
        [Who.Rapportor] = "rapportor@insjoriket.example",
        [Who.Kansli] = "kansli@insjoriket.example",
        [Who.Bug] = "bug.fk@insjoriket.example",
        [Who.Styrelse] = "styrelse@insjoriket.example",
        [Who.Admin] = "admin@lexheller.example",
    };

    private readonly Dictionary<Who, Browserless> _browsers = [];
    private readonly Dictionary<Who, string> _tokens = [];
    private Dictionary<string, string> _own = [];
    private Dictionary<string, string> _other = [];

    /// <summary>The logged-in browser of one person, and the form token of its session.</summary>
    public (Browserless Browser, string Token) Session(Who who) => (_browsers[who], _tokens[who]);

    /// <summary>Logs one person in again (after an action that may have ended the session).</summary>
    public Task RenewAsync(Who who) => LogInAsync(who);

    /// <summary>Every page handler the app serves, read from its endpoint data source and page loader.</summary>
    public static async Task<IReadOnlyList<PageEndpoint>> EndpointsAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var list = new List<PageEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (page is null)
            {
                // Endpoints that are not pages (the health probes) by the methods they answer; HEAD goes with GET.
                foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                    if (method != "HEAD") list.Add(new PageEndpoint(method, route, null));
                continue;
            }
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods)
                list.Add(new PageEndpoint(handler.HttpMethod.ToUpperInvariant(), route, handler.Name));
            // A page without handlers (the error page) still renders when opened.
            if (compiled.HandlerMethods.Count == 0) list.Add(new PageEndpoint("GET", route, null));
        }
        return list.DistinctBy(e => e.Key).OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method).ThenBy(e => e.Handler).ToList();
    }

    /// <summary>Creates the cases, meetings and compilations the ids point at, in both förbund, and logs everyone in.</summary>
    public async Task PrepareAsync()
    {
        _own = await SamplesAsync("INS", "insjoriket.example", "Mölndals stad");
        _other = await SamplesAsync("SNB", "sodranorrbotten.example", "Bodens kommun");
        foreach (var who in Emails.Keys) await LogInAsync(who);
        await LogInAsync(Who.Anonymous);
    }

    private async Task LogInAsync(Who who)
    {
        if (_browsers.Remove(who, out var old)) old.Dispose();
        // Each person speaks from an address of their own, as they would: one person's refused attempts must not
        // count against another's in the per-address limits.
        var browser = new Browserless(app, clientAddress: $"10.0.0.{(int)who + 1}");
        var page = who == Who.Anonymous ? await browser.GetAsync("/logga-in") : await browser.LoginAsync(Emails[who]);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{who} reached {page.Url} without a form token: {page.Text}");
        _browsers[who] = browser;
        _tokens[who] = token;
    }

    private async Task<Dictionary<string, string>> SamplesAsync(string code, string domain, string organisation)
    {
        var filed = await app.FileCaseAsync(CaseState.Besvarad, reporterEmail: $"rapportor@{domain}");
        return await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var forbund = db.Forbund.Single(f => f.Code == code);
            // The own förbund publishes open data, the other does not: anyone reads the one and finds nothing of the other.
            if (code == "INS") Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsTracking(db.Forbund).Single(f => f.Code == code).PublishOpenData(true, LexHeller.Core.Organisations.OpenDataLicence.Cc0.Id);
            var reporter = db.Users.Single(u => u.Email == $"rapportor@{domain}");
            var reporterOrg = db.Memberships.Where(m => m.UserId == reporter.Id).SelectMany(m => m.Organisations).Select(o => o.OrganisationId).First();
            var draft = Case.NewDraft(forbund.Id, CaseKind.Avvikelse, reporter.Id, reporterOrg, Guid.NewGuid(), now);
            db.Cases.Add(draft);
            var meeting = Meeting.Plan(forbund.Id, now.AddDays(30), "Kommunhuset", null, null, 14, now);
            db.Meetings.Add(meeting);
            var compilation = new Compilation(CompilationScope.Forbund, forbund.Id, Period.Month(2026, 1), new CompilationFilter(), false, null, now);
            db.Compilations.Add(compilation);
            // Providers belong to no förbund; each sample set gets one, switched off, so nobody's log-in changes.
            var provider = LexHeller.Core.Identity.IdentityProvider.Create($"Inloggning {code}", "https://login.example.se", $"lexheller-{code}", "protected");
            db.IdentityProviders.Add(provider);
            var disclosure = new LexHeller.Core.Disclosure.DisclosureRequest(forbund.Id, DateOnly.FromDateTime(now.UtcDateTime), "Alla rapporter", null, null, reporter.Id, now);
            db.DisclosureRequests.Add(disclosure);
            var systemic = LexHeller.Core.Systemic.SystemicProblem.Identify(forbund.Id, $"Systemfel {code}", "Regler som krockar.", null, null, [], null, null, reporter.Id, now);
            db.SystemicProblems.Add(systemic);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var measure = LexHeller.Core.Systemic.Measure.Plan(forbund.Id, filed.Id, null, "Parterna inför kvittens på remisser.",
                db.Organisations.Single(o => o.Name == "Försäkringskassan").Id, today.AddDays(10), today.AddDays(40), reporter.Id, now);
            db.Measures.Add(measure);
            var apiKey = LexHeller.Core.Api.ApiKey.Create(forbund.Id, $"Nyckel {code}", [LexHeller.Core.Api.ApiScope.Published], now.AddDays(30), reporter.Id, now, out _);
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync();
            return new Dictionary<string, string>
            {
                ["case"] = filed.Id.ToString(),
                ["reference"] = filed.Reference,
                ["draft"] = draft.Id.ToString(),
                ["meeting"] = meeting.Id.ToString(),
                ["compilation"] = compilation.Id.ToString(),
                ["provider"] = provider.Id.ToString(),
                ["disclosure"] = disclosure.Id.ToString(),
                ["systemic"] = systemic.Id.ToString(),
                ["measure"] = measure.Id.ToString(),
                ["apikey"] = apiKey.Id.ToString(),
                ["code"] = code.ToLowerInvariant(),
                ["category"] = db.Categories.First(c => c.ForbundId == forbund.Id).Id.ToString(),
                ["forbund"] = forbund.Id.ToString(),
                ["organisation"] = db.Organisations.Single(o => o.Name == organisation).Id.ToString(),
                ["party"] = db.Organisations.Single(o => o.Name == "Försäkringskassan").Id.ToString(),
                ["user"] = db.Users.Single(u => u.Email == $"bug.af@{domain}").Id,
            };
        });
    }

    /// <summary>The address of a route with the ids of one förbund filled in; null when the route takes no id.</summary>
    public string? Url(PageEndpoint endpoint, bool own)
    {
        var samples = own ? _own : _other;
        var route = endpoint.Route;
        // A route whose only parameters are optional (the error page's code) is addressed without ids.
        if (!System.Text.RegularExpressions.Regex.IsMatch(route, @"\{[^}?]+\}"))
            return own ? WithHandler(route.Contains('{') ? route[..route.IndexOf("/{", StringComparison.Ordinal)] : route, endpoint) : null;
        string Sample(string parameter) => parameter switch
        {
            "code:int?" => "",
            "reference" => samples["reference"],
            "kod" => samples["code"],
            "organisationId:int" => samples["party"],
            // A step of the case page that changes nothing when posted empty (it asks for the text to strike).
            "step" => "Redact",
            "id" => samples["user"],
            "id:int" when route.StartsWith("/arenden/{id:int}/redigera") || route.StartsWith("/arenden/{id:int}/ta-bort") => samples["draft"],
            "id:int" when route.StartsWith("/arenden/") => samples["case"],
            "id:int" when route.StartsWith("/kategorier/") => samples["category"],
            "id:int" when route.StartsWith("/sammanstallningar/") => samples["compilation"],
            "id:int" when route.StartsWith("/forbund/") => samples["forbund"],
            "id:int" when route.StartsWith("/moten/") => samples["meeting"],
            "id:int" when route.StartsWith("/organisationer/") => samples["organisation"],
            "id:int" when route.StartsWith("/inloggning/leverantorer/") => samples["provider"],
            "id:int" when route.StartsWith("/utlamnanden/") => samples["disclosure"],
            "id:int" when route.StartsWith("/systemfel/") => samples["systemic"],
            "id:int" when route.StartsWith("/atgarder/") => samples["measure"],
            "id:int" when route.StartsWith("/api-nycklar/") => samples["apikey"],
            "id:int" => samples["case"],
            _ => throw new InvalidOperationException($"The matrix has no sample id for {{{parameter}}} in {route}: add one."),
        };
        var url = System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}]+)\}", m => Sample(m.Groups[1].Value)).TrimEnd('/');
        return WithHandler(url == "" ? "/" : url, endpoint);
    }

    private static string WithHandler(string url, PageEndpoint endpoint) =>
        endpoint.Handler is null ? url : $"{url}?handler={endpoint.Handler}";

    /// <summary>What one request did, in the table's words: 200, in (challenged to log in), 2fa, 403, 404, 302 (sent elsewhere), 500 ...</summary>
    public async Task<string> ActAsync(Who who, PageEndpoint endpoint, string url)
    {
        var client = _browsers[who];
        HttpResponseMessage response;
        if (endpoint.Method == "GET")
            response = await client.Http.GetAsync(url);
        else
            response = await client.Http.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", _tokens[who])]));
        var outcome = Outcome(response);
        // Logging out is allowed to everyone; the next rows still need this person logged in.
        if (endpoint.Route == "/logga-ut" && endpoint.Method == "POST") await LogInAsync(who);
        return outcome;
    }

    private static string Outcome(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is >= 300 and < 400)
        {
            var target = response.Headers.Location;
            var location = target is null ? "" : target.IsAbsoluteUri ? target.PathAndQuery : target.OriginalString;
            // The log-in challenge carries the way back; a plain /logga-in is where a done step (log-out) leads.
            if (location.StartsWith("/logga-in?ReturnUrl=", StringComparison.Ordinal)) return "in";
            if (location.StartsWith("/atkomst-nekad", StringComparison.Ordinal)) return "403";
            if (location.StartsWith("/konto/tvafaktor", StringComparison.Ordinal)) return "2fa";
            return "302";
        }
        return response.StatusCode == HttpStatusCode.OK ? "200" : code.ToString();
    }

    /// <summary>
    /// A digest of every row of every table, one per table, to prove that a refused request wrote nothing.
    /// Failed-attempt bookkeeping on the account (the count that leads to a lock-out) is not a change of data.
    /// </summary>
    public Fingerprints Fingerprint()
    {
        // On PostgreSQL the app's tables are the public schema's (Hangfire keeps its own schema).
        using System.Data.Common.DbConnection connection = app.PostgresConnectionString is { } postgres
            ? new Npgsql.NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "lexheller.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = app.PostgresConnectionString is null
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            // The rows in a set, whatever order the database returns them in: PostgreSQL writes an updated row
            // anew elsewhere in the table, so an unchanged table may come back in another order.
            var rows = new List<string>();
            var row = new StringBuilder();
            while (reader.Read())
            {
                row.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (table == "AspNetUsers" && reader.GetName(i) is "AccessFailedCount" or "LockoutEnd" or "ConcurrencyStamp") continue;
                    row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            foreach (var r in rows) hash.AppendData(Encoding.UTF8.GetBytes(r + "\u001e"));
            digests[table] = Convert.ToHexString(hash.GetHashAndReset());
        }
        return new Fingerprints(digests);
    }

    /// <summary>Per-table digests; <see cref="ChangedSince"/> names the tables that differ.</summary>
    public sealed record Fingerprints(SortedDictionary<string, string> Tables)
    {
        public string ChangedSince(Fingerprints before) =>
            string.Join(", ", Tables.Keys.Union(before.Tables.Keys).Where(t => Tables.GetValueOrDefault(t) != before.Tables.GetValueOrDefault(t)));
    }

    /// <summary>
    /// Runs every endpoint against the table and returns the differences in readable lines (empty when all
    /// hold). GETs run before POSTs so that what an allowed POST changes cannot hide a GET's answer.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyDictionary<string, ExpectedRow> table, Func<PageEndpoint, bool>? only = null)
    {
        var failures = new List<string>();
        var endpoints = await EndpointsAsync(app.Services);
        foreach (var missing in endpoints.Where(e => !table.ContainsKey(e.Key)))
            failures.Add($"{missing.Key}: no row in the table. What it answers now (check each cell before copying): {await DescribeAsync(missing)}");
        foreach (var stale in table.Keys.Except(endpoints.Select(e => e.Key)))
            failures.Add($"{stale}: a row for an endpoint the app no longer has");

        Fingerprints? last = null;
        foreach (var endpoint in endpoints.Where(e => table.ContainsKey(e.Key) && (only is null || only(e))).OrderBy(e => e.Method == "GET" ? 0 : 1))
        {
            var row = table[endpoint.Key];
            foreach (var own in new[] { true, false })
            {
                var url = Url(endpoint, own);
                var expected = own ? row.Own : row.Other;
                if (url is null) continue;
                if (expected is null)
                {
                    failures.Add($"{endpoint.Key}: the row lacks the outcomes for the other förbund's ids");
                    continue;
                }
                foreach (var who in Enum.GetValues<Who>())
                {
                    // Nothing else writes between two requests: a refused POST's "after" is the next one's "before".
                    var before = endpoint.Method == "POST" ? last ?? Fingerprint() : null;
                    last = null;
                    var outcome = await ActAsync(who, endpoint, url);
                    var want = expected[(int)who];
                    if (outcome != want)
                        failures.Add($"{endpoint.Key} as {who} ({(own ? "own" : "other")} förbund, {url}): {outcome}, expected {want}");
                    if (before is not null && outcome is "in" or "403" or "404" or "2fa")
                    {
                        last = Fingerprint();
                        if (last.ChangedSince(before) is { Length: > 0 } changed)
                            failures.Add($"{endpoint.Key} as {who} ({(own ? "own" : "other")} förbund): refused with {outcome} but the database changed ({changed})");
                    }
                }
            }
        }
        return failures;
    }

    /// <summary>What one endpoint does now, as a row of the table: for a person to check before it goes into the table.</summary>
    public async Task<string> DescribeAsync(PageEndpoint endpoint)
    {
        var cells = new List<string>();
        foreach (var own in new[] { true, false })
        {
            var url = Url(endpoint, own);
            if (url is null) continue;
            var outcomes = new List<string>();
            foreach (var who in Enum.GetValues<Who>()) outcomes.Add(await ActAsync(who, endpoint, url));
            cells.Add(string.Join(' ', outcomes));
        }
        return $"{endpoint.Key} | {string.Join(" | ", cells)}";
    }
}

/// <summary>The expected outcomes of one endpoint for each <see cref="Who"/>, with own and other förbund's ids.</summary>
public sealed record ExpectedRow(string[] Own, string[]? Other)
{
    /// <summary>Reads the test's table: <c>KEY | own outcomes | other outcomes</c>, blank lines and # comments skipped.</summary>
    public static IReadOnlyDictionary<string, ExpectedRow> Parse(string table)
    {
        var rows = new Dictionary<string, ExpectedRow>();
        foreach (var raw in table.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('|').Select(p => p.Trim()).ToArray();
            string[] Cells(string s)
            {
                var cells = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length != Enum.GetValues<Who>().Length) throw new FormatException($"A row needs one outcome per role: {line}");
                return cells;
            }
            rows.Add(parts[0], new ExpectedRow(Cells(parts[1]), parts.Length > 2 ? Cells(parts[2]) : null));
        }
        return rows;
    }
}
