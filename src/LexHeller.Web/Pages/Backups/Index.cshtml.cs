using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Backups;

/// <summary>
/// "Säkerhetskopior": the administrator takes a backup now (in the background) and sees the latest outcome and the
/// backups already in the backup folder. Restoring is a command-line step, since it needs the app stopped.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class BackupsModel(BackupLocation location, BackupJob job, JobQueue queue, LexHellerDb db) : PageModel
{
    public sealed record Outcome(DateTimeOffset At, bool Ok, string? Name, long Bytes, TimeSpan Took, string? Error);

    public string Folder => location.BackupFolder;
    /// <summary>Requested and not finished: the page refreshes itself until the outcome is there.</summary>
    public bool Running { get; private set; }
    public Outcome? Latest { get; private set; }
    public IReadOnlyList<StoredBackup> Backups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await db.AuditEntries
            .Where(a => a.Action == AuditActions.BackupRequested || a.Action == AuditActions.BackupTaken || a.Action == AuditActions.BackupFailed)
            .OrderByDescending(a => a.Id).Take(10)
            .Select(a => new { a.Action, a.At, a.After }).ToListAsync();
        var outcome = rows.FirstOrDefault(a => a.Action != AuditActions.BackupRequested);
        Running = rows.Count > 0 && rows[0].Action == AuditActions.BackupRequested;
        if (outcome is not null) Latest = Parse(outcome.Action, outcome.At, outcome.After);
        Backups = DatabaseBackup.List(location.BackupFolder);
    }

    public async Task<IActionResult> OnPostTakeAsync(CancellationToken ct)
    {
        var userId = HttpContext.Member()!.UserId;
        await job.RequestAsync(userId, ct);
        // Without Hangfire (switched off) the backup runs here, in the request, rather than not at all.
        if (!queue.TakeBackup(userId)) await job.RunAsync(userId, ct);
        TempData["Status"] = "Säkerhetskopieringen startade. Resultatet visas här när den är klar.";
        return RedirectToPage();
    }

    private static Outcome Parse(string action, DateTimeOffset at, string? after)
    {
        if (action == AuditActions.BackupFailed) return new Outcome(at, false, null, 0, TimeSpan.Zero, after);
        var parts = (after ?? "").Split('|');
        return new Outcome(at, parts.Length == 4 && parts[3] == "ok", parts[0],
            parts.Length > 1 && long.TryParse(parts[1], out var bytes) ? bytes : 0,
            TimeSpan.FromMilliseconds(parts.Length > 2 && long.TryParse(parts[2], out var ms) ? ms : 0), null);
    }
}
