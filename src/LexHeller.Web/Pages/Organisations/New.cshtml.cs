using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

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

        var organisation = await new OrganisationRegister(Db, clock).CreateAsync(Input.Name, Input.Kind!.Value, HttpContext.Member()!.UserId);
        if (organisation is null)
        {
            // The same name saved by someone else between the check and the save.
            ModelState.AddModelError("Input.Name", $"Det finns redan en organisation som heter {Input.Name}.");
            return Page();
        }
        TempData["Status"] = $"{organisation.Name} lades till i registret.";
        return Redirect($"/organisationer/{organisation.Id}");
    }
}
