using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>Deleting a draft, after a confirmation. A submitted case is never deleted.</summary>
[Authorize(Policy = Policies.Rapportor)]
public class DeleteModel(LexHellerDb db) : PageModel
{
    public int Id { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var draft = await FindAsync(id);
        if (draft is null) return NotFound();
        Id = draft.Id;
        UpdatedAt = draft.UpdatedAt;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var draft = await FindAsync(id);
        if (draft is null) return NotFound();
        db.Cases.Remove(draft);
        await db.SaveChangesAsync();
        TempData["Status"] = "Utkastet är borttaget.";
        return Redirect("/arenden/mina");
    }

    private Task<Core.Cases.Case?> FindAsync(int id)
    {
        var userId = HttpContext.Member()!.UserId;
        return db.Cases.FirstOrDefaultAsync(c => c.Id == id && c.ReporterUserId == userId && c.State == Core.Cases.CaseState.Utkast);
    }
}
