using LexHeller.Core.Audit;
using LexHeller.Core.Work;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>Where the live stores are and where backups go, as the server resolved them from its settings.</summary>
/// <param name="Keep">How many backups the folder keeps: after each backup the app takes, older ones beyond this many
/// are removed. Zero keeps them all.</param>
public sealed record BackupLocation(string DatabasePath, string JobStorePath, string BackupFolder, int Keep = 0)
{
    public DatabaseBackup Backup => new(DatabasePath, JobStorePath);
}

/// <summary>
/// The administrator's "Ta säkerhetskopia nu", run in the background. Each request is a <see cref="BackgroundWork"/>
/// row of kind <see cref="Kind"/>, whose progress counts database pages copied; the request and the outcome are
/// also audit rows. Only one backup is queued or running at a time. Running one twice does nothing the second
/// time: a finished row is not started again.
/// </summary>
public sealed class BackupJob(BackupLocation location, LexHellerDb db, WorkProgress progress, TimeProvider clock)
{
    public const string Kind = "Backup";
    public const string AlreadyRunning = "En säkerhetskopia tas redan. Vänta tills den är klar innan du begär en till.";

    /// <summary>
    /// A backup asked for longer ago than this no longer holds up the next one: its job died with the process and
    /// Hangfire hands it out again only after its invisibility timeout (an hour).
    /// </summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(2);

    /// <summary>
    /// Records that an administrator asked for a backup, as a queued background-work row and an audit row; the page
    /// then queues <see cref="RunAsync"/>. Null (and nothing written) while another backup is queued or running.
    /// </summary>
    public Task<int?> RequestAsync(string actorUserId, CancellationToken ct) => RequestAsync(actorUserId, actorUserId, ct);

    /// <summary>Who asked for a scheduled backup, in its background-work row; its audit rows have no actor.</summary>
    public const string Schedule = "schema";

    /// <summary>
    /// The recurring backup (Backup:Schedule): requested and taken at once, unless one is already queued or running.
    /// </summary>
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ScheduledAsync(CancellationToken ct)
    {
        if (await RequestAsync(Schedule, null, ct) is { } workId) await RunAsync(workId, ct);
    }

    private async Task<int?> RequestAsync(string requester, string? actorUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The check and the insert in one write transaction (SQLite's BEGIN IMMEDIATE): of two requests at the same
        // moment, the second waits for the first to commit and then sees its row.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Unfinished(now).AnyAsync(ct)) return null;
        var work = BackgroundWork.Request(Kind, null, requester, null, now);
        db.BackgroundWork.Add(work);
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, null, AuditActions.BackupRequested, "Säkerhetskopia", null, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return work.Id;
    }

    /// <summary>The backups queued or running now (not those abandoned long ago).</summary>
    public IQueryable<BackgroundWork> Unfinished(DateTimeOffset now)
    {
        var since = now - Abandoned;
        return db.BackgroundWork.Where(w => w.Kind == Kind && (w.Status == WorkStatus.Queued || w.Status == WorkStatus.Running) && w.RequestedAt > since);
    }

    /// <summary>Takes the requested backup, reporting pages copied; the result is "name|bytes|milliseconds|ok".</summary>
    public async Task RunAsync(int workId, CancellationToken ct)
    {
        var requester = await db.BackgroundWork.Where(w => w.Id == workId && w.Kind == Kind).Select(w => w.RequestedByUserId).SingleOrDefaultAsync(ct);
        if (requester is null) return;
        var actorUserId = requester == Schedule ? null : requester;
        // The total as the stores are now; the copy corrects it once it knows the pages of its snapshot.
        var total = 0;
        try { total = location.Backup.PagesToCopy(); } catch (SqliteException) { }
        if (!await progress.StartAsync(workId, total, ct)) return;
        string action, after;
        try
        {
            var result = await location.Backup.TakeAsync(location.BackupFolder, clock.GetUtcNow(), ct,
                (done, total) => progress.ReportAsync(workId, done, total, ct));
            action = AuditActions.BackupTaken;
            after = $"{Path.GetFileName(result.Folder)}|{result.Bytes}|{(long)result.Took.TotalMilliseconds}|ok";
            await progress.FinishAsync(workId, after, ct);
            if (location.Keep > 0) DatabaseBackup.Prune(location.BackupFolder, location.Keep);
        }
        catch (Exception e) when (e is BackupRefusedException or SqliteException or IOException or UnauthorizedAccessException)
        {
            action = AuditActions.BackupFailed;
            after = e.Message;
            await progress.FailAsync(workId, e.Message, ct);
        }
        // Written after the copy was taken, so the backup itself never contains its own outcome.
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, action, "Säkerhetskopia", null, after));
        await db.SaveChangesAsync(ct);
    }
}
