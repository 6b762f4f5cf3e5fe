using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>
/// One compilation: while queued or running, a message to come back; when failed, why; when done, the report as
/// this user may see it (small counts suppressed for everyone but the förbund's kansli) and its downloads.
/// Anyone the compilation is not for gets 404.
/// </summary>
public class DetailsModel(LexHellerDb db, CompilationService compilations) : PageModel
{
    public Compilation Compilation { get; private set; } = null!;
    public Audience Audience { get; private set; }
    public CompilationReport? Report { get; private set; }
    public string? ForbundName { get; private set; }
    public string Filter { get; private set; } = "";
    public IReadOnlyList<TableView> Tables { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Report is not null) Tables = TableView.Of(Report);
        return Page();
    }

    public Task<IActionResult> OnGetXlsxAsync(int id) => DownloadAsync(id, r => File(CompilationExports.Xlsx(r),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", CompilationExports.FileName(r, "xlsx")));

    public Task<IActionResult> OnGetCsvAsync(int id) => DownloadAsync(id, r => File(CompilationExports.Csv(r),
        "text/csv; charset=utf-8", CompilationExports.FileName(r, "csv")));

    public Task<IActionResult> OnGetPdfAsync(int id) => DownloadAsync(id, r => File(CompilationExports.Pdf(r),
        "application/pdf", CompilationExports.FileName(r, "pdf")));

    private async Task<IActionResult> DownloadAsync(int id, Func<CompilationReport, IActionResult> export)
    {
        if (!await LoadAsync(id) || Report is null) return NotFound();
        // What a person may see of a compilation is worked out per request; a shared cache must not keep it.
        Response.Headers.CacheControl = "no-store";
        return export(Report);
    }

    private async Task<bool> LoadAsync(int id)
    {
        var compilation = await db.Compilations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (compilation is null) return false;
        var member = HttpContext.Member()!;
        var memberships = member.Memberships.Where(m => m.ForbundId is not null).Select(m => (m.ForbundId!.Value, m.Role)).ToList();
        var sharing = await db.Forbund.Where(f => f.SharesCompilations).Select(f => f.Id).ToListAsync();
        if (CompilationService.AudienceFor(compilation, memberships, sharing) is not { } audience) return false;

        Compilation = compilation;
        Audience = audience;
        if (compilation.Scope == CompilationScope.Forbund)
            ForbundName = await db.Forbund.Where(f => f.Id == compilation.ForbundId).Select(f => f.Name).SingleOrDefaultAsync();
        Filter = (await CompilationText.NamesAsync(db, [compilation.Filter])).Filter(compilation.Filter);
        if (compilation.Status == CompilationStatus.Done)
            Report = await compilations.ReportAsync(compilation, audience, HttpContext.RequestAborted);
        return true;
    }
}
