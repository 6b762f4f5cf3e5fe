using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Categories;

/// <summary>Renaming a category. Cases keep pointing at it, so they show the new name.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class EditModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv kategorins namn.")]
        [StringLength(Category.MaxNameLength, ErrorMessage = "Namnet får vara högst {1} tecken.")]
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public int Id { get; private set; }
    public string CurrentName { get; private set; } = "";
    public bool IsActive { get; private set; }
    public int Cases { get; private set; }
    public string ForbundName { get; private set; } = "";
    public string ListUrl { get; private set; } = "/kategorier";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is null) return NotFound();
        Input.Name = CurrentName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var category = await LoadAsync(id);
        if (category is null) return NotFound();
        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && await CategoryNames.TakenAsync(db, category.ForbundId, name, exceptId: category.Id) is { } taken)
            ModelState.AddModelError("Input.Name", CategoryNames.TakenMessage(taken));
        if (!ModelState.IsValid) return Page();
        if (name == category.Name)
        {
            TempData["Status"] = "Inget ändrades: namnet är detsamma som förut.";
            return Redirect(ListUrl);
        }

        var before = category.Name;
        if (!await new CategoryAdmin(db, clock).RenameAsync(category, name, HttpContext.Member()!.UserId))
        {
            ModelState.AddModelError("Input.Name", CategoryNames.TakenMessage(name));
            return Page();
        }
        TempData["Status"] = $"Kategorin ”{before}” heter nu ”{name}”.";
        return Redirect(ListUrl);
    }

    /// <summary>The category, if the user may administer its förbund.</summary>
    private async Task<Category?> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id);
        if (category is null || !ForbundScope.MayAdminister(member, category.ForbundId)) return null;
        Id = category.Id;
        CurrentName = category.Name;
        IsActive = category.IsActive;
        Cases = await db.Cases.CountAsync(c => c.CategoryId == id);
        ForbundName = await db.Forbund.Where(f => f.Id == category.ForbundId).Select(f => f.Name).SingleAsync();
        ListUrl = "/kategorier" + (category.ForbundId == member.Current?.Id ? "" : $"?{ForbundScope.QueryName}={category.ForbundId}");
        return category;
    }
}
