using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Compilations;

/// <summary>Queueing, computing, retrying and scheduling compilations on the demo data, on the test clock.</summary>
public sealed class CompilationServiceTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<T> WithServiceAsync<T>(Func<CompilationService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CompilationService>());
    }

    private void MoveTo(DateOnly day, TimeOnly time) => app.Clock.Advance(Stockholm.ToUtc(day, time) - app.Clock.GetUtcNow());

    private int Forbund(string code) => app.WithDb(db => db.Forbund.Single(f => f.Code == code).Id);

    private CompilationRequest Tertial => new(CompilationScope.Forbund, new DateOnly(2026, 5, 1), new DateOnly(2026, 8, 31), null, null, null);

    [Fact]
    public async Task Two_requests_for_the_same_compilation_at_once_queue_one()
    {
        var ins = Forbund("INS");
        var user = app.WithDb(db => db.Users.Single(u => u.Email == "kansli@insjoriket.example").Id);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WithServiceAsync(s => s.RequestAsync(ins, Tertial, user))));
        Assert.All(results, r => Assert.Empty(r.Errors));
        Assert.Single(results.Select(r => r.Compilation!.Id).Distinct());
        Assert.Equal(1, app.WithDb(db => db.Compilations.Count()));

        // Computed, the same request again makes a new one: the figures may have changed since.
        Assert.True(await WithServiceAsync(s => s.ComputeAsync(results[0].Compilation!.Id, "http://localhost")));
        Assert.False(await WithServiceAsync(s => s.ComputeAsync(results[0].Compilation!.Id, "http://localhost")));
        var again = await WithServiceAsync(s => s.RequestAsync(ins, Tertial, user));
        Assert.NotEqual(results[0].Compilation!.Id, again.Compilation!.Id);
    }

    [Theory]
    [InlineData("2026-08-31", "2026-05-01", "To", "Perioden slutar innan den börjar.")]
    [InlineData("2020-01-01", "2025-01-01", "To", "En sammanställning kan omfatta högst 5 år.")]
    public async Task A_bad_period_is_refused_with_a_message_and_nothing_is_queued(string from, string to, string field, string message)
    {
        var request = Tertial with { From = DateOnly.Parse(from), To = DateOnly.Parse(to) };
        var (compilation, errors) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), request, "x"));
        Assert.Null(compilation);
        Assert.Equal(message, errors[field]);
        Assert.Equal(0, app.WithDb(db => db.Compilations.Count()));
    }

    [Fact]
    public async Task Unknown_filters_another_foerbunds_category_and_a_joint_request_without_sharing_are_refused()
    {
        var snbCategory = app.WithDb(db => db.Categories.First(c => c.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id).Id);
        var (_, errors) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"),
            Tertial with { Kind = "Klagomål", CategoryId = snbCategory, OrganisationId = 999_999 }, "x"));
        Assert.Equal("Okänd ärendetyp.", errors["Kind"]);
        Assert.Equal("Okänd kategori.", errors["CategoryId"]);
        Assert.Equal("Okänd part: organisationen är inte medlem i förbundet.", errors["OrganisationId"]);
        var (_, joint) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), Tertial with { Scope = CompilationScope.Joint, CategoryId = snbCategory }, "x"));
        Assert.Equal("Förbundet deltar inte i förbundsgemensamma sammanställningar.", joint["Scope"]);
        Assert.StartsWith("En förbundsgemensam sammanställning kan inte avgränsas till en kategori", joint["CategoryId"]);
        // A party must be a member of the förbund: another förbund's municipality is not.
        var snbOnly = app.WithDb(db => db.ForbundMembers.Where(m => m.Forbund.Code == "SNB")
            .Select(m => m.OrganisationId).Except(db.ForbundMembers.Where(m => m.Forbund.Code == "INS").Select(m => m.OrganisationId)).First());
        var (_, party) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), Tertial with { OrganisationId = snbOnly }, "x"));
        Assert.Equal("Okänd part: organisationen är inte medlem i förbundet.", party["OrganisationId"]);
        Assert.Equal(0, app.WithDb(db => db.Compilations.Count()));
    }

    [Fact]
    public async Task A_failing_compilation_is_retried_and_then_shown_failed_with_its_reason()
    {
        var (queued, _) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), Tertial, "x"));
        var id = queued!.Id;
        // The database cannot answer one of the queries.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RuleConflicts\" RENAME TO \"RuleConflictsAway\""));

        Assert.False(await WithServiceAsync(s => s.ComputeAsync(id, "http://localhost")));
        var retrying = app.WithDb(db => db.Compilations.AsNoTracking().Single(c => c.Id == id));
        Assert.Equal(CompilationStatus.Queued, retrying.Status);
        Assert.Contains("RuleConflicts", retrying.Error);
        Assert.Equal([id], await WithServiceAsync(s => s.DueAsync()));

        for (var i = 0; i < CompilationService.MaxAttempts - 1; i++) await WithServiceAsync(s => s.ComputeAsync(id, "http://localhost"));
        var failed = app.WithDb(db => db.Compilations.AsNoTracking().Single(c => c.Id == id));
        Assert.Equal(CompilationStatus.Failed, failed.Status);
        Assert.Equal(CompilationService.MaxAttempts, failed.Attempts);
        Assert.Matches("no such table|does not exist", failed.Error);
        Assert.Empty(await WithServiceAsync(s => s.DueAsync()));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"RuleConflictsAway\" RENAME TO \"RuleConflicts\""));
        var (retried, _) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), Tertial, "x"));
        Assert.NotEqual(id, retried!.Id);
        Assert.True(await WithServiceAsync(s => s.ComputeAsync(retried.Id, "http://localhost")));
    }

    [Fact]
    public async Task A_compilation_left_running_by_a_process_that_died_is_computed_again()
    {
        var (queued, _) = await WithServiceAsync(s => s.RequestAsync(Forbund("INS"), Tertial, "x"));
        await app.WithDbAsync(db => db.Compilations.Where(c => c.Id == queued!.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CompilationStatus.Running).SetProperty(c => c.StartedAt, app.Clock.GetUtcNow())));
        Assert.Empty(await WithServiceAsync(s => s.DueAsync()));
        app.Clock.Advance(CompilationService.RunningTimeout + TimeSpan.FromMinutes(1));
        Assert.Equal([queued!.Id], await WithServiceAsync(s => s.DueAsync()));
        Assert.True(await WithServiceAsync(s => s.ComputeAsync(queued.Id, "http://localhost")));
    }

    [Fact]
    public async Task Ended_months_tertials_and_years_are_compiled_once_and_the_board_and_bug_are_told()
    {
        MoveTo(new DateOnly(2027, 1, 1), new TimeOnly(2, 0));
        // Two förbund share, so the joint tertial and year are compiled too.
        await app.WithDbAsync(async db =>
        {
            foreach (var f in await db.Forbund.ToListAsync()) f.ShareCompilations(true);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(2 * 3 + 2, await WithServiceAsync(s => s.QueueScheduledAsync()));
        Assert.Equal(0, await WithServiceAsync(s => s.QueueScheduledAsync()));
        var keys = app.WithDb(db => db.Compilations.Select(c => new { c.Scope, c.PeriodKind, c.From, c.To }).ToList());
        Assert.Contains(keys, k => k.Scope == CompilationScope.Forbund && k.PeriodKind == PeriodKind.Month && k.From == new DateOnly(2026, 12, 1) && k.To == new DateOnly(2026, 12, 31));
        Assert.Contains(keys, k => k.Scope == CompilationScope.Forbund && k.PeriodKind == PeriodKind.Tertial && k.From == new DateOnly(2026, 9, 1) && k.To == new DateOnly(2026, 12, 31));
        Assert.Contains(keys, k => k.Scope == CompilationScope.Joint && k.PeriodKind == PeriodKind.Year && k.From == new DateOnly(2026, 1, 1));

        foreach (var id in await WithServiceAsync(s => s.DueAsync())) await WithServiceAsync(s => s.ComputeAsync(id, "https://lexheller.example"));
        Assert.All(app.WithDb(db => db.Compilations.ToList()), c => Assert.Equal(CompilationStatus.Done, c.Status));

        var told = app.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith("Sammanställning klar")).Select(m => m.To).ToList());
        // Three per förbund, each to its board member and its four BUG members.
        Assert.Equal(3, told.Count(t => t == "styrelse@insjoriket.example"));
        Assert.Equal(3, told.Count(t => t == "bug.fk@insjoriket.example"));
        Assert.DoesNotContain("kansli@insjoriket.example", told);
        Assert.DoesNotContain(told, t => t.StartsWith("rapportor@"));
        var joint = app.WithDb(db => db.Outbox.Where(m => m.Subject.StartsWith("Förbundsgemensam sammanställning klar")).Select(m => m.To).ToList());
        Assert.Equal(2, joint.Count(t => t == "kansli@insjoriket.example"));
        Assert.Equal(2, joint.Count(t => t == "styrelse@sodranorrbotten.example"));
    }
}
