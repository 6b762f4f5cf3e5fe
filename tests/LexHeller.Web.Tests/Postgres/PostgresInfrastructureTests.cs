using Hangfire;
using Hangfire.PostgreSql;
using LexHeller.Core.Compilations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Testing;
using LexHeller.Web.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Postgres;

/// <summary>
/// What PostgreSQL changes below the pages: the migration lock, Hangfire's storage, and the compilations' hand-written
/// SQL, which must give the same figures as on SQLite.
/// </summary>
// One of its apps runs Hangfire, whose storage is static: it runs beside no other Hangfire host.
[Trait("Database", "Postgres")]
[Collection(LexHeller.Web.Tests.Notifications.HangfireCollection.Name)]
public class PostgresInfrastructureTests
{
    [Fact]
    public async Task Two_instances_starting_at_once_migrate_the_database_once()
    {
        var server = PostgresServer.Shared;
        var connectionString = server.CreateEmptyDatabase();
        try
        {
            LexHellerDb Open() => new(new DbContextOptionsBuilder<LexHellerDb>()
                .UseNpgsql(connectionString, o => o.MigrationsAssembly(DataSetup.PostgresMigrations))
                .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance).Options);
            await using var first = Open();
            await using var second = Open();
            await Task.WhenAll(Task.Run(() => DataSetup.MigrateUnderLockAsync(first)), Task.Run(() => DataSetup.MigrateUnderLockAsync(second)));

            await using var db = Open();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(3, await db.Database.SqlQuery<int>(
                $"SELECT COUNT(*)::integer AS \"Value\" FROM pg_trigger WHERE tgrelid = '\"Cases\"'::regclass AND NOT tgisinternal").SingleAsync());
        }
        finally
        {
            server.DropDatabase(connectionString);
        }
    }

    [Fact]
    public async Task Hangfire_runs_a_job_with_its_queue_in_PostgreSQL()
    {
        // Hangfire's logger points into this host's logger factory: the next Hangfire host must not find it disposed.
        using var reset = new HangfireLoggerReset();
        using var app = AppFactory.OnPostgres(("Hangfire:Enabled", "true"));
        var storage = app.Services.GetRequiredService<JobStorage>();
        Assert.IsType<PostgreSqlStorage>(storage);
        var id = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DatabaseMaintenanceJob>(j => j.MergeSearchIndexAsync(CancellationToken.None));

        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (monitoring.JobDetails(id).History.All(h => h.StateName != "Succeeded") && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Contains(monitoring.JobDetails(id).History, h => h.StateName == "Succeeded");
        // The job's row is in the app's own database, in Hangfire's schema.
        Assert.True(await app.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"SELECT COUNT(*)::integer AS \"Value\" FROM hangfire.job WHERE id = {long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)}").SingleAsync()) == 1);
    }

    [Fact]
    public async Task A_compilation_has_the_same_figures_on_PostgreSQL_as_on_SQLite()
    {
        // Both apps live through the same instants: whole seconds, as PostgreSQL keeps microseconds and SQLite ticks.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(9), TimeSpan.Zero);
        using var sqlite = AppFactory.WithSettings(("Database:Provider", "Sqlite"));
        using var postgres = AppFactory.OnPostgres();
        var figures = new List<CompilationData>();
        foreach (var app in new[] { sqlite, postgres })
        {
            app.Clock.SetUtcNow(start);
            await FileTheSameCasesAsync(app);
            figures.Add(await app.WithDbAsync(async db =>
            {
                var forbund = await db.Forbund.Select(f => f.Id).ToListAsync();
                var day = DateOnly.FromDateTime(start.UtcDateTime);
                return await new CompilationQuery(db).ComputeAsync(forbund, new Period(PeriodKind.Custom, day.AddDays(-30), day.AddDays(90)),
                    new CompilationFilter(), includeCases: true);
            }));
        }

        Assert.Equal(9, figures[1].Filed);
        Assert.Equal(4, figures[1].Concluded);
        Assert.True(figures[1].FiledToConcluded.MedianDays > 0);
        Assert.NotEmpty(figures[1].ReferredToAnswered);
        Assert.Equal(figures[0].ToJson(), figures[1].ToJson());
    }

    private static readonly CaseState[] Route =
    [
        CaseState.Inkommen, CaseState.Avslutad, CaseState.Avvisad, CaseState.RemitteradTillPart, CaseState.Besvarad,
        CaseState.Avslutad, CaseState.RedoForBug, CaseState.Avslutad, CaseState.Avslutad,
    ];

    /// <summary>Cases over some weeks, two förbund, and lead times of their own (moved back by whole hours).</summary>
    private static async Task FileTheSameCasesAsync(AppFactory app)
    {
        for (var i = 0; i < Route.Length; i++)
        {
            app.Clock.Advance(TimeSpan.FromDays(6));
            var reporter = i % 3 == 2 ? "rapportor@sodranorrbotten.example" : "rapportor@insjoriket.example";
            var filed = await app.FileCaseAsync(Route[i], reporterEmail: reporter, whatHappened: $"Ärende {i} i jämförelsen.");
            var submitted = app.Clock.GetUtcNow().AddHours(-13 * (i + 1));
            var referred = app.Clock.GetUtcNow().AddHours(-7 * (i + 1));
            await app.WithDbAsync(db => db.Cases.Where(c => c.Id == filed.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SubmittedAt, submitted)));
            await app.WithDbAsync(db => db.CaseReferrals.Where(r => r.CaseId == filed.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReferredAt, referred)));
        }
    }
}

/// <summary>Points Hangfire's static logger away from a host once it is disposed (the <c>using</c> declared before the host's runs after it).</summary>
internal sealed class HangfireLoggerReset : IDisposable
{
    public void Dispose() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
}
