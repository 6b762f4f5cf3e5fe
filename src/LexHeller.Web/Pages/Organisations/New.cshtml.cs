using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Organisations;

/// <summary>The administrator adds an organisation to the shared register.</summary>
[Authorize(Policy = Policies.Admin)]
public class NewOrganisationModel(LexHellerDb db, TimeProvider clock) : OrganisationFormModel(db)
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ValidateAsync(null);
        if (!ModelState.IsValid) return Page();

        var organisation = new Organisation(Input.Name, Input.Kind!.Value);
        Db.Organisations.Add(organisation);
        Db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), HttpContext.Member()!.UserId, null, AuditActions.OrganisationCreated,
            organisation.Name, null, $"Typ: {Organisation.KindName(organisation.Kind)}"));
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same name saved by someone else between the check and the save.
            Db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Name", $"Det finns redan en organisation som heter {Input.Name}.");
            return Page();
        }
        TempData["Status"] = $"{organisation.Name} är tillagd i registret.";
        return Redirect($"/organisationer/{organisation.Id}");
    }
}
