using LexHeller.Core.Audit;
using LexHeller.Core.Work;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>Where the live stores are and where backups go, as the server resolved them from its settings.</summary>
public sealed record BackupLocation(string DatabasePath, string JobStorePath, string BackupFolder)
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
    public async Task<int?> RequestAsync(string actorUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The check and the insert in one write transaction (SQLite's BEGIN IMMEDIATE): of two requests at the same
        // moment, the second waits for the first to commit and then sees its row.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Unfinished(now).AnyAsync(ct)) return null;
        var work = BackgroundWork.Request(Kind, null, actorUserId, null, now);
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
        var actorUserId = await db.BackgroundWork.Where(w => w.Id == workId && w.Kind == Kind).Select(w => w.RequestedByUserId).SingleOrDefaultAsync(ct);
        if (actorUserId is null || !await progress.StartAsync(workId, 0, ct)) return;
        string action, after;
        try
        {
            var result = await location.Backup.TakeAsync(location.BackupFolder, clock.GetUtcNow(), ct,
                (done, total) => progress.ReportAsync(workId, done, total, ct));
            action = AuditActions.BackupTaken;
            after = $"{Path.GetFileName(result.Folder)}|{result.Bytes}|{(long)result.Took.TotalMilliseconds}|ok";
            await progress.FinishAsync(workId, after, ct);
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
