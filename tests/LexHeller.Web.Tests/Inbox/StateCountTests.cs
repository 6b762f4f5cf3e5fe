using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Inbox.InboxSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>
/// The counts per state come from CaseStateCounts, kept by triggers on Cases; and a free-text search stops counting
/// at <see cref="InboxQuery.SearchCountCap"/>.
/// </summary>
public class StateCountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Row(int ForbundId, string State, int Count);

    private Task<List<Row>> KeptAsync() => app.WithDbAsync(db => db.Database
        .SqlQueryRaw<Row>("""SELECT "ForbundId", "State", "Count" FROM "CaseStateCounts" WHERE "Count" <> 0 ORDER BY "ForbundId", "State" """).ToListAsync());

    private Task<List<Row>> RecountedAsync() => app.WithDbAsync(db => db.Database
        .SqlQueryRaw<Row>("""SELECT "ForbundId", "State", CAST(COUNT(*) AS integer) AS "Count" FROM "Cases" GROUP BY "ForbundId", "State" ORDER BY "ForbundId", "State" """).ToListAsync());

    [Fact]
    public async Task The_kept_counts_equal_a_recount_after_filing_moving_and_deleting_cases()
    {
        var filed = await app.FileCaseAsync(whatHappened: "Räknas: inkommen.");
        var concluded = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: "Räknas: avslutad.");
        await app.FileCaseAsync(reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: "Räknas: annat förbund.");
        var draft = await app.CreateDraftAsync("Räknas: utkast.");
        Assert.Equal(await RecountedAsync(), await KeptAsync());

        // A move made by EF, one made by plain SQL, and a deletion.
        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == filed.Id);
            var kansli = await db.Users.Where(u => u.NormalizedEmail == Kansli.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            Assert.True(CaseActions.Take(c, new CaseActorContext(kansli, [CaseActor.Kansli], []), app.Clock.GetUtcNow()).Fired);
            return await db.SaveChangesAsync();
        });
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Cases\" SET \"State\" = 'Avvisad' WHERE \"Id\" = {concluded.Id}"));
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == draft).ExecuteDeleteAsync());
        // An update that leaves the state alone changes nothing.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Cases\" SET \"State\" = \"State\", \"UpdatedAt\" = \"UpdatedAt\" WHERE \"Id\" = {filed.Id}"));

        var kept = await KeptAsync();
        Assert.Equal(await RecountedAsync(), kept);
        Assert.Contains(kept, r => r.State == nameof(CaseState.UnderGranskning));
        Assert.DoesNotContain(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == draft).Select(c => c.Id).ToListAsync()), id => id == draft);
    }

    [Fact]
    public async Task A_search_matching_more_cases_than_the_cap_says_so_and_counts_no_further()
    {
        var first = await app.FileCaseAsync(whatHappened: "Vanligtord i ett ärende som finns många gånger.");
        var cap = InboxQuery.SearchCountCap;
        // Copies of the filed case, each with its own reference and form key, straight into the table.
        await app.WithDbAsync(async db =>
        {
            // PostgreSQL's search column is written by its trigger.
            var columns = await db.Database.SqlQueryRaw<string>(app.OnSqlite
                ? "SELECT name AS \"Value\" FROM pragma_table_info('Cases') WHERE name <> 'Id'"
                : "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'Cases' AND column_name NOT IN ('Id', 'Search')").ToListAsync();
            string Value(string column) => column switch
            {
                "Reference" => "\"Reference\" || '-' || n",
                "ReferenceSequence" => "\"ReferenceSequence\" + 100000 + n",
                "FormKey" => app.OnSqlite ? "lower(hex(randomblob(16)))" : "gen_random_uuid()",
                _ => $"\"{column}\"",
            };
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(Value));
            var sql = $"WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < {cap + 5}) " +
                $"INSERT INTO \"Cases\" ({list}) SELECT {values} FROM \"Cases\", n WHERE \"Cases\".\"Id\" = {first.Id};";
            // The column names come from the schema itself, the numbers from this test.
            return await db.Database.ExecuteSqlRawAsync(sql);
        });

        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var page = await browser.GetAsync("/inkorg?q=vanligtord");
        var total = page.Document.QuerySelector("[data-testid=inbox-total]")!.TextContent;
        Assert.Contains($"Fler än {cap.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", " ")} ärenden", total.Replace('\u00a0', ' '));
        Assert.Contains($"sida 1 av {cap / 50}", total);
        // More matches than CommonWordMatches: the page walks the cases newest first; same rows, same order.
        var newest = await app.WithDbAsync(db => db.Cases
            .Where(c => c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && c.State != CaseState.Utkast
                        && CaseSearch.Matching(db, CaseSearch.ToMatchQuery("vanligtord")!).Contains(c.Id))
            .OrderByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence)
            .Select(c => c.Id).ToListAsync());
        Assert.True(newest.Count > InboxQuery.CommonWordMatches);
        Assert.Equal(newest.Take(50), page.CaseIds());
        Assert.Equal(newest.Skip(50 * (cap / 50 - 1)).Take(50), (await browser.GetAsync($"/inkorg?q=vanligtord&p={cap / 50}")).CaseIds());

        // The counts per state still count every case, copies included.
        Assert.Equal(await RecountedAsync(), await KeptAsync());
        var exact = await browser.GetAsync("/inkorg?q=vanligtord&typ=Overlamning");
        Assert.DoesNotContain("Fler än", exact.Document.QuerySelector("[data-testid=inbox-total]")!.TextContent);
    }
}
