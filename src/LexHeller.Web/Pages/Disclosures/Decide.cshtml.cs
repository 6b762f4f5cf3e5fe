using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Disclosure;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Disclosures;

/// <summary>
/// The decision on a request, confirmed on a page of its own because it cannot be undone: the copy and the letter
/// are made from the masks as they stand and kept as they were sent.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class DecideModel(LexHellerDb db, DisclosureCommands commands) : PageModel
{
    public sealed record Summary(string Reference, int Masks, IReadOnlyList<string> Provisions);

    public int Id { get; private set; }
    public IReadOnlyList<Summary> Cases { get; private set; } = [];
    public bool IsDecided { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return IsDecided ? Redirect($"/utlamnanden/{id}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var forbundId = await db.DisclosureRequests.Where(r => r.Id == id).Select(r => r.ForbundId).SingleAsync();
        var result = await commands.DecideAsync(HttpContext.Member()!.UserId, forbundId, id, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/utlamnanden/{id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused:
            case CommandStatus.Conflict:
                ModelState.AddRefusal("", result);
                return Page();
        }
        return NotFound();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var request = await db.DisclosureRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (request is null || !ForbundScope.MayAdminister(HttpContext.Member()!, request.ForbundId)) return false;
        Id = id;
        IsDecided = request.IsDecided;
        Cases = request.Cases.Select(c =>
        {
            var masks = request.Masks.Where(m => m.CaseId == c.CaseId).ToList();
            return new Summary(c.Reference, masks.Count, masks.Select(m => m.Provision).Distinct().ToList());
        }).ToList();
        return true;
    }
}
