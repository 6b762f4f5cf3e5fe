using LexHeller.Core.Audit;
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

        var changes = new List<(string Before, string After)>();
        if (Input.Name != organisation.Name) changes.Add(($"Namn: {organisation.Name}", $"Namn: {Input.Name}"));
        if (Input.Kind != organisation.Kind)
            changes.Add(($"Typ: {Organisation.KindName(organisation.Kind)}", $"Typ: {Organisation.KindName(Input.Kind!.Value)}"));
        if (changes.Count == 0)
        {
            TempData["Status"] = "Inget var ändrat.";
            return Redirect($"/organisationer/{Id}");
        }
        organisation.Rename(Input.Name);
        organisation.ChangeKind(Input.Kind!.Value);
        Db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), HttpContext.Member()!.UserId, null, AuditActions.OrganisationUpdated, organisation.Name,
            string.Join("; ", changes.Select(c => c.Before)), string.Join("; ", changes.Select(c => c.After))));
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            Db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Name", $"Det finns redan en organisation som heter {Input.Name}.");
            return Page();
        }
        TempData["Status"] = $"Ändringarna av {organisation.Name} är sparade.";
        return Redirect($"/organisationer/{Id}");
    }

    /// <summary>Removes an organisation nothing refers to; one in use is merged into another instead.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Id);
        if (organisation is null) return NotFound();
        await using var tx = await Db.Database.BeginTransactionAsync();
        var usage = await new OrganisationMerge(Db, clock).UsageAsync(Id);
        if (WhyNotDelete(usage) is { } why)
        {
            Input = new InputModel { Name = organisation.Name, Kind = organisation.Kind };
            await LoadAsync(organisation);
            ModelState.AddModelError("Delete", why);
            return Page();
        }
        await Db.Organisations.Where(o => o.Id == Id).ExecuteDeleteAsync();
        // There is no action of its own for a removal: it is recorded as the last update of the organisation.
        Db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), HttpContext.Member()!.UserId, null, AuditActions.OrganisationUpdated, organisation.Name,
            $"{organisation.Name} ({Organisation.KindName(organisation.Kind)})", "Borttagen ur registret"));
        await Db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Status"] = $"{organisation.Name} är borttagen ur registret.";
        return Redirect("/organisationer");
    }

    public static string? WhyNotDelete(OrganisationUsage usage)
    {
        if (usage.Cases > 0)
            return $"Organisationen används i {(usage.Cases == 1 ? "1 ärende" : $"{usage.Cases.ToString("N0", Stockholm.Culture)} ärenden")} och kan inte tas bort. Slå ihop den med en annan i stället.";
        if (usage.InUse)
            return $"Organisationen används ({string.Join(", ", usage.Lines())}) och kan inte tas bort. Ta bort den ur förbunden och användarnas roller, eller slå ihop den med en annan i stället.";
        return null;
    }

    private async Task LoadAsync(Organisation organisation)
    {
        CurrentName = organisation.Name;
        Usage = await new OrganisationMerge(Db, clock).UsageAsync(organisation.Id);
        ForbundNames = (await Db.ForbundMembers.AsNoTracking().Where(m => m.OrganisationId == organisation.Id).Select(m => m.Forbund.Name).ToListAsync())
            .Order(StringComparer.Create(Stockholm.Culture, false)).ToList();
    }
}
