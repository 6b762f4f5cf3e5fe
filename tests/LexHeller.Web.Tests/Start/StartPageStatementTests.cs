using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LexHeller.Web.Tests.Start;

/// <summary>
/// Everyone opens the start page first, many times a day, so its statements are counted here and each one's plan is
/// read: every table is reached through an index, never read from end to end.
/// </summary>
// SQLite's query plans (EXPLAIN QUERY PLAN); the statement count is the same on PostgreSQL (CasePageStatementTests counts there too).
[Trait("Database", "Sqlite")]
public class StartPageStatementTests(AppFactory app, CasePageStatementTests.StatementLog statements, ITestOutputHelper output)
    : IClassFixture<AppFactory>, IClassFixture<CasePageStatementTests.StatementLog>
{
    // The session and member context, then the kansli's counts in one statement and the next meeting in another; a BUG
    // member's answers to write in one and the texts to approve before publication in another.
    [Theory]
    [InlineData("kansli@insjoriket.example", "kansli-queue", 3)]
    [InlineData("bug.fk@insjoriket.example", "bug-queue", 5)]
    [InlineData("rapportor@insjoriket.example", "reporter-queue", 4)]
    [InlineData("styrelse@insjoriket.example", "styrelse-queue", 3)]
    public async Task One_view_of_the_start_page_runs_a_handful_of_statements_each_on_an_index(string viewer, string queue, int most)
    {
        foreach (var state in new[] { CaseState.Inkommen, CaseState.KompletteringBegard, CaseState.RedoForBug, CaseState.RemitteradTillPart, CaseState.Avslutad })
            await app.FileCaseAsync(state);
        using var browser = new Browserless(app);
        await browser.LoginAsync(viewer);
        await browser.GetAsync("/");

        statements.Start(app.DataFolder);
        var page = await browser.GetAsync("/");
        var run = statements.Stop();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"[data-testid={queue}]"));
        Assert.True(run.Count <= most, $"{run.Count} statements for one view (at most {most}):\n{string.Join("\n---\n", run)}");

        var scans = new List<string>();
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Core.Data.LexHellerDb>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var sql in run)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                // The plan does not depend on the values; unbound parameters read as NULL in SQLite, but the
                // provider insists on a value for each one.
                foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
                    explain.Parameters.AddWithValue(name, DBNull.Value);
                output.WriteLine(sql);
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var detail = reader.GetString(3);
                    output.WriteLine(detail);
                    // "SCAN x" alone reads a whole table; "SCAN x USING (COVERING) INDEX" walks an index, and
                    // "SEARCH" finds rows through one.
                    if (detail.StartsWith("SCAN ", StringComparison.Ordinal) && !detail.Contains("INDEX", StringComparison.Ordinal)
                        && !detail.Contains("CONSTANT ROW", StringComparison.Ordinal))
                        scans.Add($"{detail}\n  in {sql}");
                }
            }
        });
        Assert.True(scans.Count == 0, $"Whole tables read:\n{string.Join("\n", scans)}");
    }
}
