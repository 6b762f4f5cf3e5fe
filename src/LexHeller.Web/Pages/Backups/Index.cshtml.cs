using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Core.Work;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Backups;

/// <summary>
/// "Säkerhetskopior": the administrator takes a backup now (in the background), follows its progress in pages
/// copied, and sees the latest outcome and the backups already in the backup folder. Restoring is a command-line
/// step, since it needs the app stopped.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class BackupsModel(BackupLocation location, BackupJob job, JobQueue queue, LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record Outcome(DateTimeOffset At, bool Ok, string? Name, long Bytes, TimeSpan Took, string? Error);

    /// <summary>Said on the page and by the backup command when the database is PostgreSQL.</summary>
    public const string ServerTools = "Lex Heller körs på PostgreSQL. Då tas säkerhetskopior med databasserverns egna verktyg (pg_dump), " +
        "inte av Lex Heller. Se drifthandboken (docs/operations.md).";

    public string Folder => location.BackupFolder;
    /// <summary>On PostgreSQL the server's own tools back up; the page says so and takes none.</summary>
    public bool OnServer => db.Database.IsNpgsql();
    /// <summary>The backup queued or running now, if any: the page shows its progress and refreshes itself.</summary>
    public BackgroundWork? Current { get; private set; }
    public bool Running => Current is not null;
    public Outcome? Latest { get; private set; }
    public IReadOnlyList<StoredBackup> Backups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (!OnServer) await LoadAsync();
    }

    public async Task<IActionResult> OnPostTakeAsync(CancellationToken ct)
    {
        if (OnServer) return RedirectToPage();
        var userId = HttpContext.Member()!.UserId;
        if (await job.RequestAsync(userId, ct) is not { } workId)
        {
            ModelState.AddModelError(string.Empty, BackupJob.AlreadyRunning);
            await LoadAsync();
            return Page();
        }
        // Without Hangfire (switched off) the backup runs here, in the request, rather than not at all.
        if (!queue.TakeBackup(workId)) await job.RunAsync(workId, ct);
        TempData["Status"] = "Säkerhetskopieringen startade. Förloppet och resultatet visas här.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Current = await job.Unfinished(clock.GetUtcNow()).AsNoTracking().OrderByDescending(w => w.Id).FirstOrDefaultAsync();
        var finished = await db.BackgroundWork.AsNoTracking()
            .Where(w => w.Kind == BackupJob.Kind && (w.Status == WorkStatus.Done || w.Status == WorkStatus.Failed))
            .OrderByDescending(w => w.Id).FirstOrDefaultAsync();
        if (finished is not null) Latest = Parse(finished);
        Backups = DatabaseBackup.List(location.BackupFolder);
    }

    private static Outcome Parse(BackgroundWork work)
    {
        var at = work.FinishedAt ?? work.RequestedAt;
        if (work.Status == WorkStatus.Failed) return new Outcome(at, false, null, 0, TimeSpan.Zero, work.Error);
        var parts = (work.Result ?? "").Split('|');
        return new Outcome(at, parts.Length == 4 && parts[3] == "ok", parts[0],
            parts.Length > 1 && long.TryParse(parts[1], out var bytes) ? bytes : 0,
            TimeSpan.FromMilliseconds(parts.Length > 2 && long.TryParse(parts[2], out var ms) ? ms : 0), null);
    }
}
