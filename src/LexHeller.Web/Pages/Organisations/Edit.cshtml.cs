using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Organisations;

/// <summary>One organisation of the register: its name and kind, where it is used, and removal when it is not.</summary>
[Authorize(Policy = Policies.Admin)]
public class EditOrganisationModel(LexHellerDb db, TimeProvider clock) : OrganisationFormModel(db)
{
    [FromRoute] public int Id { get; set; }

    public string CurrentName { get; private set; } = "";
    public OrganisationUsage Usage { get; private set; } = OrganisationUsage.None;
    public IReadOnlyList<string> ForbundNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Id);
        if (organisation is null) return NotFound();
        Input = new InputModel { Name = organisation.Name, Kind = organisation.Kind };
        await LoadAsync(organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var organisation = await Db.Organisations.FirstOrDefaultAsync(o => o.Id == Id);
        if (organisation is null) return NotFound();
        await LoadAsync(organisation);
        await ValidateAsync(organisation.Id);
        if (!ModelState.IsValid) return Page();

        switch (await new OrganisationRegister(Db, clock).EditAsync(organisation, Input.Name, Input.Kind!.Value, HttpContext.Member()!.UserId))
        {
            case OrganisationEdit.Unchanged:
                TempData["Status"] = "Inget ändrades.";
                return Redirect($"/organisationer/{Id}");
            case OrganisationEdit.NameTaken:
                ModelState.AddModelError("Input.Name", $"Det finns redan en organisation som heter {Input.Name}.");
                return Page();
            case OrganisationEdit.Saved:
                break;
        }
        TempData["Status"] = $"Ändringarna av {organisation.Name} sparades.";
        return Redirect($"/organisationer/{Id}");
    }

    /// <summary>Removes an organisation nothing refers to; one in use is merged into another instead.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Id);
        if (organisation is null) return NotFound();
        if (await new OrganisationRegister(Db, clock).DeleteAsync(Id, HttpContext.Member()!.UserId) is { } why)
        {
            Input = new InputModel { Name = organisation.Name, Kind = organisation.Kind };
            await LoadAsync(organisation);
            ModelState.AddModelError("Delete", why);
            return Page();
        }
        TempData["Status"] = $"{organisation.Name} togs bort ur registret.";
        return Redirect("/organisationer");
    }

    public static string? WhyNotDelete(OrganisationUsage usage) => OrganisationRegister.WhyNotDelete(usage);

    private async Task LoadAsync(Organisation organisation)
    {
        CurrentName = organisation.Name;
        Usage = await new OrganisationMerge(Db, clock).UsageAsync(organisation.Id);
        ForbundNames = (await Db.ForbundMembers.AsNoTracking().Where(m => m.OrganisationId == organisation.Id).Select(m => m.Forbund.Name).ToListAsync())
            .Order(Stockholm.Comparer).ToList();
    }
}
