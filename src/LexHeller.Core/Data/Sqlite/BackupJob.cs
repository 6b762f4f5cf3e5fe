using LexHeller.Core.Audit;
using Microsoft.Data.Sqlite;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>Where the live stores are and where backups go, as the server resolved them from its settings.</summary>
public sealed record BackupLocation(string DatabasePath, string JobStorePath, string BackupFolder)
{
    public DatabaseBackup Backup => new(DatabasePath, JobStorePath);
}

/// <summary>
/// The administrator's "Ta säkerhetskopia nu", run in the background. The request and the outcome are both audit
/// rows, so the page tells a running backup (a request with no outcome after it) from a finished one without a
/// table of its own. Running it twice takes two backups, which is harmless.
/// </summary>
public sealed class BackupJob(BackupLocation location, LexHellerDb db, TimeProvider clock)
{
    /// <summary>Records that an administrator asked for a backup; the page then queues this job.</summary>
    public async Task RequestAsync(string actorUserId, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, AuditActions.BackupRequested, "Säkerhetskopia", null, null));
        await db.SaveChangesAsync(ct);
    }

    public async Task RunAsync(string? actorUserId, CancellationToken ct)
    {
        string action, after;
        try
        {
            var result = await location.Backup.TakeAsync(location.BackupFolder, clock.GetUtcNow(), ct);
            action = AuditActions.BackupTaken;
            after = $"{Path.GetFileName(result.Folder)}|{result.Bytes}|{(long)result.Took.TotalMilliseconds}|ok";
        }
        catch (Exception e) when (e is BackupRefusedException or SqliteException or IOException or UnauthorizedAccessException)
        {
            action = AuditActions.BackupFailed;
            after = e.Message;
        }
        // Written after the copy was taken, so the backup itself never contains its own outcome.
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, action, "Säkerhetskopia", null, after));
        await db.SaveChangesAsync(ct);
    }
}
