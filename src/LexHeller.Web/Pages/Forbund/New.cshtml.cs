using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ForbundEntity = LexHeller.Core.Organisations.Forbund;

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

        var now = clock.GetUtcNow();
        var forbund = new ForbundEntity(Input.Name, Input.Code);
        var members = await Db.Organisations.Where(o => Input.OrganisationIds.Contains(o.Id)).ToListAsync();
        foreach (var o in members) forbund.AddMember(o);

        await using var tx = await Db.Database.BeginTransactionAsync();
        Db.Forbund.Add(forbund);
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone took the code between the check and the save.
            Db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Code", $"Koden {Input.Code} används redan av ett annat förbund.");
            return Page();
        }
        // Reporters can file at once: the categories every förbund starts with.
        Db.Categories.AddRange(Category.Defaults.Select((name, i) => new Category(forbund.Id, name, i + 1)));
        var memberNames = members.Select(m => m.Name).Order(StringComparer.Create(Core.Time.Stockholm.Culture, false)).ToList();
        Db.AuditEntries.Add(new AuditEntry(now, HttpContext.Member()!.UserId, forbund.Id, AuditActions.ForbundCreated, forbund.Name, null,
            Clip($"Kod {forbund.Code}; medlemmar: {(memberNames.Count == 0 ? "inga" : string.Join(", ", memberNames))}")));
        await Db.SaveChangesAsync();
        await tx.CommitAsync();

        TempData["Status"] = $"{forbund.Name} är skapat med {Category.Defaults.Count} kategorier. Bjud in förbundets kansli härnäst.";
        return Redirect($"/forbund/{forbund.Id}");
    }
}
