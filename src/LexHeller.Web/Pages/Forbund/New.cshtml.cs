using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LexHeller.Web.Pages.Forbund;

/// <summary>The administrator adds a förbund: name, code, member organisations; it starts with the default categories.</summary>
[Authorize(Policy = Policies.Admin)]
public class NewForbundModel(LexHellerDb db, TimeProvider clock) : ForbundFormModel(db)
{
    public async Task OnGetAsync() => await LoadRegisterAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadRegisterAsync();
        await ValidateAsync(null);
        if (!ModelState.IsValid) return Page();

        var forbund = await new ForbundAdmin(Db, clock).CreateAsync(Input.Name, Input.Code, Input.OrganisationIds, HttpContext.Member()!.UserId);
        if (forbund is null)
        {
            // Someone took the code between the check and the save.
            ModelState.AddModelError("Input.Code", $"Koden {Input.Code} används redan av ett annat förbund.");
            return Page();
        }

        TempData["Status"] = $"{forbund.Name} är skapat med {Swedish.Count(Category.Defaults.Count, "kategori", "kategorier")}. Bjud in förbundets kansli härnäst.";
        return Redirect($"/forbund/{forbund.Id}");
    }
}
