using LexHeller.Core.Archive;
using LexHeller.Core.Data;
using LexHeller.Core.Work;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Archive;

/// <summary>
/// "Arkivpaket": the kansli (its förbund; the administrator any) asks for an archive package for a period and finds its
/// packages here: how far a package has come while it is being built, and when it is done the ZIP to download with its
/// size and SHA-256. The period may come prefilled from the query string (the gallring page links here with it).
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ArchiveModel(LexHellerDb db, ArchivePackages packages, ArchivePackageJob job, JobQueue queue, ArchiveFolder folder) : PageModel
{
    public const int Listed = 50;

    public sealed record Package(BackgroundWork Work, ArchivePeriod? Period, string RequestedBy, ArchiveResult? Result);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }

    public ForbundScope Scope { get; private set; } = null!;
    public IReadOnlyList<Package> Packages { get; private set; } = [];
    public bool Unfinished => Packages.Any(p => !p.Work.Finished);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ScopeAsync() is { } notFound) return notFound;
        // A date in the link that cannot be read leaves the field empty rather than an error on arrival.
        ModelState.Clear();
        await ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ScopeAsync() is { } notFound) return notFound;
        var unreadable = ModelState.Where(kv => kv.Value is { Errors.Count: > 0 }).Select(kv => kv.Key).ToHashSet();
        ModelState.Clear();
        var requested = await packages.RequestAsync(Scope.Id, HttpContext.Member()!.UserId,
            unreadable.Contains("fran") ? null : From, unreadable.Contains("till") ? null : To, ct);
        if (unreadable.Contains("fran")) requested = requested with { WorkId = null, FromError = "Skriv datumet som ÅÅÅÅ-MM-DD." };
        if (unreadable.Contains("till")) requested = requested with { WorkId = null, ToError = "Skriv datumet som ÅÅÅÅ-MM-DD." };
        if (requested.WorkId is not { } workId)
        {
            if (requested.FromError is { } fromError) ModelState.AddModelError("fran", fromError);
            if (requested.ToError is { } toError) ModelState.AddModelError("till", toError);
            if (requested.Error is { } error) ModelState.AddModelError("", error);
            await ListAsync();
            return Page();
        }
        // Without Hangfire (switched off) the package is built here, in the request, rather than not at all.
        if (!queue.BuildArchivePackage(workId)) await job.RunAsync(workId, ct);
        TempData["Status"] = "Arkivpaketet är beställt. Det byggs i bakgrunden och finns att hämta här när det är klart.";
        return Redirect("/arkivpaket" + Scope.Query);
    }

    public async Task<IActionResult> OnGetDownloadAsync(int id)
    {
        if (await ScopeAsync() is { } notFound) return notFound;
        var work = await db.BackgroundWork.AsNoTracking()
            .SingleOrDefaultAsync(w => w.Id == id && w.Kind == ArchivePackages.Kind && w.ForbundId == Scope.Id && w.Status == WorkStatus.Done);
        if (work is null || ArchiveResult.Parse(work.Result) is not { } result) return NotFound();
        var path = Path.Combine(folder.Path, Path.GetFileName(result.FileName));
        if (!System.IO.File.Exists(path)) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(path, "application/zip", result.FileName);
    }

    private async Task<IActionResult?> ScopeAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return NotFound();
        Scope = scope;
        return null;
    }

    private async Task ListAsync()
    {
        var rows = await db.BackgroundWork.AsNoTracking()
            .Where(w => w.Kind == ArchivePackages.Kind && w.ForbundId == Scope.Id)
            .OrderByDescending(w => w.Id).Take(Listed)
            .Select(w => new { Work = w, By = db.Users.Where(u => u.Id == w.RequestedByUserId).Select(u => u.FullName).FirstOrDefault() })
            .ToListAsync();
        Packages = rows.Select(r => new Package(r.Work, ArchivePeriod.Parse(r.Work.Parameters), r.By ?? "–", ArchiveResult.Parse(r.Work.Result))).ToList();
    }

    public static string Size(long bytes) => BackupCommand.Size(bytes);
}
