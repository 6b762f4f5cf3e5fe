using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>Deleting a draft, after a confirmation. A submitted case is never deleted.</summary>
[Authorize(Policy = Policies.Rapportor)]
public class DeleteModel(LexHellerDb db, CaseCommands commands) : PageModel
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
        var result = await commands.DeleteDraftAsync(HttpContext.Member()!.UserId, id, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Done) return NotFound();
        TempData["Status"] = result.Message;
        return Redirect("/arenden/mina");
    }

    private Task<Case?> FindAsync(int id)
    {
        var userId = HttpContext.Member()!.UserId;
        return db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ReporterUserId == userId && c.State == CaseState.Utkast);
    }
}
