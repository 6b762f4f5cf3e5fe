using System.Net;
using System.Text.RegularExpressions;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Cases.FilingSteps;

namespace LexHeller.Web.Tests.Cases;

/// <summary>
/// Filing is the app's busiest write, and every round trip to the database is paid on each report, so the
/// statements of one filing are counted here, the request's identity check included.
/// </summary>
public partial class FilingStatementTests(AppFactory app, CasePageStatementTests.StatementLog statements)
    : IClassFixture<AppFactory>, IClassFixture<CasePageStatementTests.StatementLog>
{
    // Three reads: the session with the member context, the form key (a resent form finds its case) and the
    // kansli's addresses for the mail. The form's lists come from memory. Then the reference counter and one
    // insert per row: the case, its parties, the event and a mail per kansli recipient.
    [Fact]
    public async Task Filing_a_deviation_reads_three_times_and_writes_one_statement_per_row()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        await browser.PressAsync(await browser.OpenFormAsync(), ValidDeviation(app));
        var form = await browser.OpenFormAsync();
        var fields = ValidDeviation(app);
        var mailsBefore = app.WithDb(db => db.Outbox.Count());

        statements.Start(app.PostgresConnectionString is { } pg ? new Npgsql.NpgsqlConnectionStringBuilder(pg).Database! : app.DataFolder);
        var filed = await browser.PressAsync(form, fields, follow: false);
        var run = statements.Stop();

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var id = int.Parse(filed.Location!.Split('/').Last());
        var (parties, events) = app.WithDb(db => (db.CaseParties.Count(p => p.CaseId == id), db.CaseEvents.Count(e => e.CaseId == id)));
        var mails = app.WithDb(db => db.Outbox.Count()) - mailsBefore;
        Assert.True(mails > 0, "the kansli is told about the new case");

        // EF Core may send several inserts in one command; each is its own statement to SQLite.
        var sql = run.SelectMany(command => command.Split('\n')).Where(line => Statement().IsMatch(line)).ToList();
        var reads = sql.Where(s => s.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
        var writes = sql.Where(s => !s.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
        var all = string.Join("\n---\n", run);
        Assert.True(reads.Count <= 3, $"{reads.Count} reads in one filing (at most 3):\n{all}");
        Assert.DoesNotContain(run, s => s.Contains("\"Categories\"") || s.Contains("\"ForbundMembers\""));
        Assert.True(writes.Count == 1 + 1 + parties + events + mails,
            $"{writes.Count} writes for 1 counter, 1 case, {parties} parties, {events} event and {mails} mails:\n{all}");
    }

    // A statement starts a line of the command text; its subqueries are indented.
    [GeneratedRegex("^(SELECT|INSERT|UPDATE|DELETE) ")]
    private static partial Regex Statement();
}
