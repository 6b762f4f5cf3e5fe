using LexHeller.Core.Data;
using LexHeller.Core.Work;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LexHeller.Core.Tests.Work;

/// <summary>
/// A long piece of work's progress on a real SQLite file with a moved clock: started with its total, reported at most
/// once a second, the time left from the pace so far, and its result or failure kept for the page that asked.
/// </summary>
public sealed class WorkProgressTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-work-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_folder, "w.db");
        _services = new ServiceCollection()
            .AddDbContext<LexHellerDb>(o => o.UseSqlite($"Data Source={file}"))
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LexHellerDb>().Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> RequestAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var work = BackgroundWork.Request("ArchivePackage", 1, "user-1", "2021-01-01..2025-12-31", _clock.GetUtcNow());
        db.BackgroundWork.Add(work);
        await db.SaveChangesAsync();
        return work.Id;
    }

    private async Task<BackgroundWork> ReadAsync(int id)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LexHellerDb>().BackgroundWork.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    [Fact]
    public async Task Progress_is_reported_at_most_once_a_second_and_gives_the_time_left_from_the_pace_so_far()
    {
        var id = await RequestAsync();
        Assert.Equal("Väntar på att starta.", (await ReadAsync(id)).Describe(_clock.GetUtcNow()));
        var progress = new WorkProgress(_services.GetRequiredService<IServiceScopeFactory>(), _clock);

        Assert.True(await progress.StartAsync(id, 120));
        await progress.ReportAsync(id, 1);           // the same instant as the start: not written
        Assert.Equal(0, (await ReadAsync(id)).Done);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await progress.ReportAsync(id, 10);          // 3 s an item, 110 left: 5.5 minutes
        var work = await ReadAsync(id);
        Assert.Equal((WorkStatus.Running, 10, 120), (work.Status, work.Done, work.Total));
        Assert.Equal(TimeSpan.FromSeconds(330), work.TimeLeft(_clock.GetUtcNow()));
        Assert.Equal("10 av 120 klara, cirka 6 minuter kvar.", work.Describe(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await progress.ReportAsync(id, 11);          // half a second later: skipped
        Assert.Equal(10, (await ReadAsync(id)).Done);

        _clock.Advance(TimeSpan.FromSeconds(330));
        await progress.ReportAsync(id, 120);         // every item done, the result still being checked
        Assert.Equal("Alla 120 klara. Resultatet kontrolleras och sparas.", (await ReadAsync(id)).Describe(_clock.GetUtcNow()));
        await progress.FinishAsync(id, "arkivpaket.zip");
        work = await ReadAsync(id);
        Assert.Equal((WorkStatus.Done, 120, "arkivpaket.zip"), (work.Status, work.Done, work.Result));
        Assert.True(work.Finished);
        Assert.Null(work.TimeLeft(_clock.GetUtcNow()));
        Assert.Equal("Klart 2026-12-04 10:06.", work.Describe(_clock.GetUtcNow()));

        // A job handed out again after it finished does not start over.
        Assert.False(await progress.StartAsync(id, 120));
        Assert.Equal(WorkStatus.Done, (await ReadAsync(id)).Status);
    }

    [Fact]
    public async Task A_failure_is_kept_with_its_reason_and_short_or_long_times_left_read_naturally()
    {
        var id = await RequestAsync();
        var progress = new WorkProgress(_services.GetRequiredService<IServiceScopeFactory>(), _clock);
        await progress.StartAsync(id, 5);
        await progress.FailAsync(id, "Mappen för arkivpaket går inte att skriva till.");
        var work = await ReadAsync(id);
        Assert.Equal(WorkStatus.Failed, work.Status);
        Assert.Equal("Misslyckades 2026-12-04 10:00: Mappen för arkivpaket går inte att skriva till.", work.Describe(_clock.GetUtcNow()));

        Assert.Equal("mindre än en minut", BackgroundWork.DescribeLeft(TimeSpan.FromSeconds(40)));
        Assert.Equal("cirka 1 minut", BackgroundWork.DescribeLeft(TimeSpan.FromSeconds(70)));
        Assert.Equal("cirka 2 timmar", BackgroundWork.DescribeLeft(TimeSpan.FromMinutes(100)));
    }
}
