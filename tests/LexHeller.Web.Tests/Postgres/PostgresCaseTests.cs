using LexHeller.Core.Cases;
using LexHeller.Core.Demo;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using LexHeller.Web.Tests.Inbox;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Inbox.InboxSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Postgres;

/// <summary>
/// The app on PostgreSQL: it migrates, finds cases by the tsvector index, keeps the counts per state by its triggers,
/// forgets a redacted word and lets only one of two simultaneous transitions through.
/// </summary>
[Trait("Database", "Postgres")]
public class PostgresCaseTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    private readonly AppFactory app = fixture.App;

    private sealed record Row(int ForbundId, string State, int Count);

    [Fact]
    public async Task The_app_starts_on_PostgreSQL_with_its_migration_applied()
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var inbox = await browser.GetAsync("/inkorg");
        Assert.Equal(System.Net.HttpStatusCode.OK, inbox.Status);
        Assert.True(app.WithDb(db => db.Database.IsNpgsql()));
        var applied = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations())), applied);
        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filed_case_is_found_by_a_word_of_its_text_by_a_prefix_and_by_its_reference()
    {
        var filed = await app.FileCaseAsync(whatHappened: "Handläggaren på Vårdcentralen Ängsbacken skickade aldrig remissen vidare.");
        var other = await app.FileCaseAsync(whatHappened: "Ett helt annat ärende om bostadsanpassning.");
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);

        async Task<IReadOnlyList<int>> Search(string q) => (await browser.GetAsync($"/inkorg?q={Uri.EscapeDataString(q)}")).CaseIds();

        Assert.Contains(filed.Id, await Search("vårdcentralen"));
        Assert.DoesNotContain(other.Id, await Search("vårdcentralen"));
        // A beginning of a word, and an inflected form of it (Swedish stemming).
        Assert.Contains(filed.Id, await Search("ängsback"));
        Assert.Contains(filed.Id, await Search("handläggare"));
        Assert.Contains(filed.Id, await Search("Vårdcentral Ängsb"));
        // The inbox looks a whole reference up exactly; the index holds it too, as words (and so as prefixes).
        Assert.Equal([filed.Id], await Search(filed.Reference));
        Assert.Contains(filed.Id, await app.WithDbAsync(db => CaseSearch.Matching(db, CaseSearch.ToMatchQuery(filed.Reference)!).ToListAsync()));
        Assert.Contains(filed.Id, await app.WithDbAsync(db => CaseSearch.Matching(db, CaseSearch.ToMatchQuery(filed.Reference[..^1])!).ToListAsync()));
        Assert.DoesNotContain(other.Id, await app.WithDbAsync(db => CaseSearch.Matching(db, CaseSearch.ToMatchQuery(filed.Reference)!).ToListAsync()));
        Assert.Empty(await Search("ängsbacken bostadsanpassning"));
        Assert.Empty(await Search("ingenstansord"));
    }

    [Fact]
    public async Task The_counts_per_state_follow_cases_through_their_states_and_a_deletion()
    {
        await app.FileCaseAsync(whatHappened: "Räknas: inkommen.");
        await app.FileCaseAsync(CaseState.Avslutad, whatHappened: "Räknas: avslutad.");
        await app.FileCaseAsync(CaseState.Avvisad, whatHappened: "Räknas: avvisad.");
        var moved = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Räknas: remitterad.");
        await app.FileCaseAsync(reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: "Räknas: annat förbund.");
        var draft = await app.CreateDraftAsync("Räknas: utkast.");
        Assert.Equal(await RecountedAsync(), await KeptAsync());

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Cases\" SET \"State\" = 'Avvisad' WHERE \"Id\" = {moved.Id}"));
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == draft).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Cases\" SET \"State\" = \"State\" WHERE \"Id\" = {moved.Id}"));

        var kept = await KeptAsync();
        Assert.Equal(await RecountedAsync(), kept);
        Assert.Contains(kept, r => r.State == nameof(CaseState.Avslutad) && r.Count == 1);
        Assert.DoesNotContain(kept, r => r.State == nameof(CaseState.RemitteradTillPart));
        Assert.DoesNotContain(kept, r => r.State == nameof(CaseState.Utkast));

        // The inbox shows the kept counts.
        using var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        var inbox = await browser.GetAsync("/inkorg");
        Assert.Equal(kept.Where(r => r.ForbundId == app.ForbundId("INS") && r.State == nameof(CaseState.Avvisad)).Sum(r => r.Count),
            inbox.Count(CaseState.Avvisad));
    }

    [Fact]
    public async Task A_redacted_passage_can_no_longer_be_found()
    {
        const string phrase = "Lingonsyltens Gränd 23";
        var filed = await app.FileCaseAsync(whatHappened: $"Personen bor på {phrase} och fick ingen hjälp med boendet.");
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        Assert.Contains(filed.Id, (await kansli.GetAsync("/inkorg?q=lingonsylt")).CaseIds());

        await kansli.ActAsync(filed.Id, "Take");
        var page = await kansli.ActAsync(filed.Id, "Redact", Form(("Input.RedactPassage", phrase)));
        Assert.Contains("Du har strukit texten. Text ströks på 1 ställe.", page.Text);

        Assert.DoesNotContain(filed.Id, (await kansli.GetAsync("/inkorg?q=lingonsylt")).CaseIds());
        Assert.DoesNotContain(filed.Id, (await kansli.GetAsync("/inkorg?q=gränd")).CaseIds());
        Assert.Contains(filed.Id, (await kansli.GetAsync("/inkorg?q=boendet")).CaseIds());
        var left = await app.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT COUNT(*)::integer AS \"Value\" FROM \"Cases\" WHERE \"Search\"::text ILIKE '%lingon%' OR \"WhatHappened\" ILIKE '%lingon%'").SingleAsync());
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task Two_kansli_taking_the_same_case_at_once_never_both_win()
    {
        using var first = new Browserless(app);
        await first.LoginAsync(Kansli);
        using var second = new Browserless(app);
        await second.LoginAsync(DemoSeeder.SharedKansliEmail);
        for (var round = 0; round < 10; round++)
        {
            var filed = await app.FileCaseAsync();
            var pages = await Task.WhenAll(first.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take")), second.GetAsync(CaseSteps.ChoicePath(filed.Id, "Take")));
            await Task.WhenAll(
                first.SubmitAsync(pages[0], Form(), "form[data-action=Take]"),
                second.SubmitAsync(pages[1], Form(), "form[data-action=Take]"));
            var c = app.Load(filed.Id);
            Assert.Single(c.Events, e => e.Action == "Take");
            Assert.Equal(CaseState.UnderGranskning, c.State);
        }
        Assert.Equal(await RecountedAsync(), await KeptAsync());
    }

    [Fact]
    public async Task The_backup_page_says_the_database_servers_own_tools_back_up_and_takes_no_backup()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var page = await admin.GetAsync("/sakerhetskopior");
        Assert.Contains("pg_dump", page.Document.QuerySelector("[data-testid=backup-server-tools]")!.TextContent);
        Assert.Null(page.Document.QuerySelector("[data-testid=take-backup]"));
    }

    private Task<List<Row>> KeptAsync() => app.WithDbAsync(db => db.Database
        .SqlQueryRaw<Row>("SELECT \"ForbundId\", \"State\", \"Count\" FROM \"CaseStateCounts\" WHERE \"Count\" <> 0 ORDER BY \"ForbundId\", \"State\"").ToListAsync());

    private Task<List<Row>> RecountedAsync() => app.WithDbAsync(db => db.Database
        .SqlQueryRaw<Row>("SELECT \"ForbundId\", \"State\", COUNT(*)::integer AS \"Count\" FROM \"Cases\" GROUP BY \"ForbundId\", \"State\" ORDER BY \"ForbundId\", \"State\"").ToListAsync());
}
