using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Bug;

/// <summary>
/// A pseudonymised PDF of a case for BUG members to take back to their organisation (and for the kansli to see what
/// they get). Anyone else, including the board and the reporter as such, gets 404.
/// </summary>
[Authorize]
public class PdfModel(LexHellerDb db, AccessLogWriter accessLog, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var member = HttpContext.Member()!;
        var c = await BugCase.Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (c is null || c.IsDraft || c.Reference is null || !member.CanView(c)) return NotFound();
        var roles = member.RolesIn(c.ForbundId);
        if (!roles.Contains(MembershipRole.BugLedamot) && !roles.Contains(MembershipRole.Kansli)) return NotFound();

        var view = await BugCase.FromAsync(db, c);
        var forbund = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).SingleAsync();
        var bytes = CasePdf.Render(view.ToPdf(forbund, clock.GetUtcNow(), withPublication: roles.Contains(MembershipRole.Kansli)));
        // Logged before the file leaves; a failed write fails the download.
        await accessLog.RecordAsync(HttpContext.AccessReader(c.ForbundId), c.ForbundId, AccessKind.CasePdf, c.Id, $"{c.Reference}.pdf", HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return File(bytes, "application/pdf", $"{c.Reference}.pdf");
    }
}
