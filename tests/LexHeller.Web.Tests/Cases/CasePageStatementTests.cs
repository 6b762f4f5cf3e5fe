using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Web.Tests.Cases;

/// <summary>
/// Every database round trip of the case page is paid on each visit, so the statements of one view are
/// counted here, the request's identity checks included.
/// </summary>
public class CasePageStatementTests(AppFactory app, CasePageStatementTests.StatementLog statements)
    : IClassFixture<AppFactory>, IClassFixture<CasePageStatementTests.StatementLog>
{
    // One statement for the session and member context, then the case with its small collections, the
    // timeline and the names; the kansli's forms add the partners and categories, the referral form its due date;
    // and the one INSERT of the view's access log row. The kansli's page adds the similar cases (SimilarCases on the case
    // already read: the förbund in scope, the index's ranking, one per rule-conflict pair, the links, then the
    // candidates, their parties, conflicts, categories and names: nine for a case without a conflict) and its own three: linked cases, systemfel (linked and linkable in one) and measures. The reporter's
    // adds the impact ledger. A concluded case that parties answered adds the parties' approvals of its text.
    private const int KansliSections = 9 + 3;

    [Theory]
    [InlineData("kansli@insjoriket.example", CaseState.Avslutad, 5 + KansliSections + 1)]
    [InlineData("kansli@insjoriket.example", CaseState.UnderGranskning, 6 + KansliSections)]
    [InlineData("kansli@insjoriket.example", CaseState.BehandlasIBug, 7 + KansliSections)]
    [InlineData("rapportor@insjoriket.example", CaseState.Avslutad, 5 + 1)]
    [InlineData("bug.fk@insjoriket.example", CaseState.RemitteradTillPart, 5)]
    public async Task One_view_of_the_case_page_runs_at_most_a_handful_of_statements(string viewer, CaseState state, int most)
    {
        var filed = await app.FileCaseAsync(state);
        using var browser = new Browserless(app);
        await browser.LoginAsync(viewer);
        await browser.GetAsync($"/arenden/{filed.Id}");

        statements.Start(app.PostgresConnectionString is { } pg ? new Npgsql.NpgsqlConnectionStringBuilder(pg).Database! : app.DataFolder);
        var page = await browser.GetAsync($"/arenden/{filed.Id}");
        var run = statements.Stop();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(filed.Reference, page.Text);
        Assert.Single(run, c => c.Contains("INSERT INTO \"AccessLog\""));
        Assert.True(run.Count <= most, $"{run.Count} statements for one view (at most {most}):\n{string.Join("\n---\n", run)}");
    }

    /// <summary>
    /// The commands EF Core sends to one database file while it records. It listens from before the app starts:
    /// EF caches for a while that nobody listens, per pooled context, and would then leave commands out.
    /// </summary>
    public sealed class StatementLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentQueue<string> _commands = new();
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];
        private readonly IDisposable _all;
        private volatile string? _dataFolder;

        public StatementLog() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public void Start(string dataFolder)
        {
            _commands.Clear();
            _dataFolder = dataFolder;
        }

        public IReadOnlyList<string> Stop()
        {
            _dataFolder = null;
            return _commands.ToList();
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // A SQLite file's path is in its connection string; a PostgreSQL database is named by the connection.
            // The register's version row is read at most once a second by whichever request comes first: a cost of
            // the instance's clock, not of the page measured (RegisterCheckCostTests measures it).
            if (_dataFolder is { } folder && value.Value is CommandEventData e
                && (e.Command.Connection?.ConnectionString.Contains(folder) == true || e.Command.Connection?.Database == folder)
                && !(e.Command.CommandText.StartsWith("SELECT", StringComparison.Ordinal) && e.Command.CommandText.Contains("\"RegisterVersions\"", StringComparison.Ordinal)))
                _commands.Enqueue(e.Command.CommandText);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
