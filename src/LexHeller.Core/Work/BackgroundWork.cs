using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Core.Work;

public enum WorkStatus { Queued, Running, Done, Failed }

/// <summary>
/// One piece of long work someone asked for — a backup, an archive package of several years — that runs as a background
/// job: who asked, for which förbund, how far it has come (items done of total) and its result. The page that asked
/// for it reads this row, so the person may leave the page and come back to the result.
/// </summary>
public class BackgroundWork
{
    public const int KindMax = 40, ParametersMax = 1000, ResultMax = 1000, ErrorMax = 2000;

    private BackgroundWork() { }

    public int Id { get; private set; }
    /// <summary>What kind of work, e.g. <c>Backup</c> or <c>ArchivePackage</c>; the page of that kind lists its own.</summary>
    public string Kind { get; private set; } = "";
    public int? ForbundId { get; private set; }
    public string RequestedByUserId { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    /// <summary>What was asked for, in the kind's own short form (e.g. a period "2021-01-01..2025-12-31").</summary>
    public string? Parameters { get; private set; }
    public WorkStatus Status { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public int Done { get; private set; }
    public int Total { get; private set; }
    /// <summary>What came out, in the kind's own short form (e.g. a file name); shown and linked by the kind's page.</summary>
    public string? Result { get; private set; }
    /// <summary>Why it failed, in Swedish words for the person who asked.</summary>
    public string? Error { get; private set; }

    public static BackgroundWork Request(string kind, int? forbundId, string userId, string? parameters, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (parameters is { Length: > ParametersMax }) throw new ArgumentException("Parametrarna är för långa.", nameof(parameters));
        return new BackgroundWork
        {
            Kind = kind, ForbundId = forbundId, RequestedByUserId = userId, Parameters = parameters,
            RequestedAt = now, Status = WorkStatus.Queued,
        };
    }

    public bool Finished => Status is WorkStatus.Done or WorkStatus.Failed;

    /// <summary>
    /// The time left at the pace so far: the time each finished item took on average, times the items left.
    /// Null before the first item is done, since nothing yet says how fast it goes.
    /// </summary>
    public TimeSpan? TimeLeft(DateTimeOffset now)
    {
        if (Status != WorkStatus.Running || StartedAt is not { } started || Done <= 0 || Total <= Done) return null;
        var perItem = (now - started).Ticks / (double)Done;
        return TimeSpan.FromTicks((long)(perItem * (Total - Done)));
    }

    /// <summary>"12 av 340 klara, cirka 3 minuter kvar" — the progress in the words the pages show.</summary>
    public string Describe(DateTimeOffset now) => Status switch
    {
        WorkStatus.Queued => "Väntar på att starta.",
        WorkStatus.Running when Total <= 0 => "Pågår.",
        // Every item is done but the work is not: the result is being checked and saved (a backup's integrity check
        // on a large database takes a while), which "N av N klara" with no time left would not tell.
        WorkStatus.Running when Done >= Total => $"Alla {Total} klara. Resultatet kontrolleras och sparas.",
        WorkStatus.Running => TimeLeft(now) is { } left
            ? $"{Done} av {Total} klara, {DescribeLeft(left)} kvar."
            : $"{Done} av {Total} klara.",
        WorkStatus.Done => $"Klart {Stockholm.Format(FinishedAt!.Value)}.",
        _ => $"Misslyckades {Stockholm.Format(FinishedAt!.Value)}: {Error}",
    };

    public static string DescribeLeft(TimeSpan left) =>
        left < TimeSpan.FromMinutes(1) ? "mindre än en minut"
        : left < TimeSpan.FromMinutes(90) ? "cirka " + Swedish.Count((int)Math.Round(left.TotalMinutes), "minut", "minuter")
        : "cirka " + Swedish.Count((int)Math.Round(left.TotalHours), "timme", "timmar");

    internal void Start(int total, DateTimeOffset now) { Status = WorkStatus.Running; StartedAt = now; Done = 0; Total = total; }
}

/// <summary>
/// Lets a background job tell how far it has come. Each call writes in its own scope and transaction, so a job's own
/// transactions (one per case, say) neither hold the progress back nor are committed by it; reports are written at
/// most once a second, so a job may report after every item.
/// </summary>
public sealed class WorkProgress(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset lastReport = DateTimeOffset.MinValue;

    /// <summary>Marks the work running with its total. False when it has already finished (a job handed out twice).</summary>
    public async Task<bool> StartAsync(int workId, int total, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lastReport = now;
        return await Update(workId, q => q.Where(w => w.Status == WorkStatus.Queued || w.Status == WorkStatus.Running), s => s
            .SetProperty(w => w.Status, WorkStatus.Running).SetProperty(w => w.StartedAt, now)
            .SetProperty(w => w.Done, 0).SetProperty(w => w.Total, Math.Max(0, total)), ct) == 1;
    }

    /// <summary>Items done so far (and the total, when it is only known on the way).</summary>
    public async Task ReportAsync(int workId, int done, int? total = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (now - lastReport < ReportEvery) return;
        lastReport = now;
        if (total is { } t)
            await Update(workId, q => q.Where(w => w.Status == WorkStatus.Running), s => s.SetProperty(w => w.Done, done).SetProperty(w => w.Total, t), ct);
        else
            await Update(workId, q => q.Where(w => w.Status == WorkStatus.Running), s => s.SetProperty(w => w.Done, done), ct);
    }

    public async Task FinishAsync(int workId, string result, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var text = result.Length > BackgroundWork.ResultMax ? result[..BackgroundWork.ResultMax] : result;
        await Update(workId, q => q, s => s
            .SetProperty(w => w.Status, WorkStatus.Done).SetProperty(w => w.FinishedAt, now)
            .SetProperty(w => w.Done, w => w.Total).SetProperty(w => w.Result, text), ct);
    }

    public async Task FailAsync(int workId, string error, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var text = error.Length > BackgroundWork.ErrorMax ? error[..BackgroundWork.ErrorMax] : error;
        await Update(workId, q => q, s => s
            .SetProperty(w => w.Status, WorkStatus.Failed).SetProperty(w => w.FinishedAt, now).SetProperty(w => w.Error, text), ct);
    }

    private async Task<int> Update(int workId, Func<IQueryable<BackgroundWork>, IQueryable<BackgroundWork>> filter,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<BackgroundWork>> set, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        return await filter(db.BackgroundWork.Where(w => w.Id == workId)).ExecuteUpdateAsync(set, ct);
    }
}

internal sealed class BackgroundWorkConfiguration : IEntityTypeConfiguration<BackgroundWork>
{
    public void Configure(EntityTypeBuilder<BackgroundWork> b)
    {
        b.ToTable("BackgroundWork");
        b.Property(w => w.Kind).HasMaxLength(BackgroundWork.KindMax).IsRequired();
        b.Property(w => w.RequestedByUserId).HasMaxLength(450).IsRequired();
        b.Property(w => w.Parameters).HasMaxLength(BackgroundWork.ParametersMax);
        b.Property(w => w.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        b.Property(w => w.Result).HasMaxLength(BackgroundWork.ResultMax);
        b.Property(w => w.Error).HasMaxLength(BackgroundWork.ErrorMax);
        b.HasIndex(w => new { w.Kind, w.ForbundId, w.RequestedAt });
    }
}
