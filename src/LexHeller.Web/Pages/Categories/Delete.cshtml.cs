using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Categories;

/// <summary>Deleting a category that no case uses, after a confirmation. A used one is deactivated instead.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class DeleteModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Cases { get; private set; }
    public string ListUrl { get; private set; } = "/kategorier";

    public string InUseMessage => $"Kategorin används i {CategoryNames.CaseCount(Cases)} och kan inte tas bort. Inaktivera den i stället.";

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var category = await LoadAsync(id);
        if (category is null) return NotFound();
        if (Cases > 0) return Page();

        if (!await new CategoryAdmin(db, clock).DeleteAsync(category, HttpContext.Member()!.UserId))
        {
            // A case took the category between the count and the delete; the foreign key refused it.
            Cases = await db.Cases.CountAsync(c => c.CategoryId == id);
            return Page();
        }
        TempData["Status"] = $"Kategorin ”{category.Name}” togs bort.";
        return Redirect(ListUrl);
    }

    private async Task<Category?> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id);
        if (category is null || !ForbundScope.MayAdminister(member, category.ForbundId)) return null;
        Id = category.Id;
        Name = category.Name;
        Cases = await db.Cases.CountAsync(c => c.CategoryId == id);
        ListUrl = "/kategorier" + (category.ForbundId == member.Current?.Id ? "" : $"?{ForbundScope.QueryName}={category.ForbundId}");
        return category;
    }
}
