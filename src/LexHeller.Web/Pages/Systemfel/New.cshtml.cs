using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Systemfel;

/// <summary>The kansli registers a systemfel of its current förbund; from a case's page the case is linked to it at once.</summary>
[Authorize(Policy = Policies.Kansli)]
public class NewModel(LexHellerDb db, SystemicCommands commands) : PageModel
{
    [BindProperty] public SystemicForm Input { get; set; } = new();

    /// <summary>The case the systemfel is registered from, linked to it when it is saved.</summary>
    [BindProperty(SupportsGet = true, Name = "arende")] public int? CaseId { get; set; }

    public string? CaseReference { get; private set; }
    public SystemicFormOptions Options { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var member = HttpContext.Member()!;
        var made = await commands.IdentifyAsync(member.AsCaseUser(), member.Current!.Id, Input.ToInput(), CaseId, HttpContext.RequestAborted);
        switch (made.Result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = made.Result.Message;
                return Redirect($"/systemfel/{made.Id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused or CommandStatus.Conflict:
                ModelState.AddRefusal("Input", made.Result);
                return Page();
        }
        throw new InvalidOperationException($"Unknown command status {made.Result.Status}.");
    }

    /// <summary>The form's lists and the case it starts from; false when that case is not one of the förbund's.</summary>
    private async Task<bool> LoadAsync()
    {
        var forbundId = HttpContext.Member()!.Current!.Id;
        Options = await SystemicFormOptions.LoadAsync(db, forbundId, Input.CategoryId, HttpContext.RequestAborted);
        if (CaseId is not { } caseId) return true;
        CaseReference = await db.Cases.Where(c => c.Id == caseId && c.ForbundId == forbundId && c.State != CaseState.Utkast)
            .Select(c => c.Reference).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return CaseReference is not null;
    }
}
