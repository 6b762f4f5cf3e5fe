using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>Links in mail name the case by its reference (known before the case row exists); this finds the case.</summary>
public class ByReferenceModel(LexHellerDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Reference == reference.ToUpperInvariant());
        return c is not null && HttpContext.Member()!.CanView(c) ? Redirect($"/arenden/{c.Id}") : NotFound();
    }
}
