using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Disclosure;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Disclosures;

/// <summary>Registering a request for public documents as it came in; the requester may stay anonymous.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class NewModel(LexHellerDb db, DisclosureCommands commands, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public DateOnly? ReceivedOn { get; set; }
        public string? Subject { get; set; }
        public string? RequesterName { get; set; }
        public string? RequesterContact { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ForbundScope.ResolveAsync(HttpContext, db, ForbundId) is not { } scope) return NotFound();
        Scope = scope;
        Input.ReceivedOn = Stockholm.Today(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ForbundScope.ResolveAsync(HttpContext, db, ForbundId) is not { } scope) return NotFound();
        Scope = scope;
        // A date that cannot be read is said as missing, by the command, next to the field.
        ModelState.Clear();
        var (result, id) = await commands.RegisterAsync(HttpContext.Member()!.UserId, scope.Id,
            new DisclosureRegistration(Input.ReceivedOn, Input.Subject, Input.RequesterName, Input.RequesterContact), HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Done)
        {
            ModelState.AddRefusal("Input", result);
            return Page();
        }
        TempData["Status"] = result.Message;
        return Redirect($"/utlamnanden/{id}");
    }
}
