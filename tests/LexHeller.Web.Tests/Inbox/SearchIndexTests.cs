using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>Writers leave the full-text index's merging to the maintenance job; searches find every case either way.</summary>
// SQLite's FTS5 index and its merges; PostgresCaseTests searches PostgreSQL's tsvector column.
[Trait("Database", "Sqlite")]
public class SearchIndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Writers_do_not_merge_and_the_maintenance_job_does_without_losing_a_match()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT v AS Value FROM CaseSearch_config WHERE k = 'automerge'").SingleAsync()));

        var filed = new List<int>();
        for (var i = 0; i < 12; i++) filed.Add((await app.FileCaseAsync(whatHappened: $"Segmentord nummer {i} i en egen transaktion.")).Id);
        var before = await MatchesAsync();
        Assert.Equal(filed.Order(), before);

        await app.WithScopeAsync(s => new DatabaseMaintenanceJob(s.GetRequiredService<LexHellerDb>()).MergeSearchIndexAsync(CancellationToken.None));
        Assert.Equal(before, await MatchesAsync());
    }

    private Task<List<int>> MatchesAsync() => app.WithDbAsync(db =>
        CaseSearch.Matching(db, CaseSearch.ToMatchQuery("segmentord")!).OrderBy(id => id).ToListAsync());
}
