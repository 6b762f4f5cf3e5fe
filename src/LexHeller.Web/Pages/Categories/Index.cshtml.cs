using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Categories;

/// <summary>
/// "Kategorier": the case categories of one förbund in the order the case form offers them — add, move,
/// deactivate and reactivate. Renaming and deleting have pages of their own.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class CategoriesIndexModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv kategorins namn.")]
        [StringLength(Category.MaxNameLength, ErrorMessage = "Namnet får vara högst {1} tecken.")]
        public string? Name { get; set; }
    }

    public sealed record Row(int Id, string Name, bool IsActive, int Cases);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && await CategoryNames.TakenAsync(db, Scope.Id, name, exceptId: null) is { } taken)
            ModelState.AddModelError("Input.Name", CategoryNames.TakenMessage(taken));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        if (!await Admin.AddAsync(Scope.Id, name, ActorId))
        {
            ModelState.AddModelError("Input.Name", CategoryNames.TakenMessage(name));
            await LoadAsync();
            return Page();
        }
        TempData["Status"] = $"Kategorin ”{name}” lades till sist i listan och kan väljas i nya rapporter.";
        return Redirect(ListUrl);
    }

    public Task<IActionResult> OnPostUpAsync(int id) => MoveAsync(id, -1);

    public Task<IActionResult> OnPostDownAsync(int id) => MoveAsync(id, +1);

    public Task<IActionResult> OnPostDeactivateAsync(int id) => SetActiveAsync(id, active: false);

    public Task<IActionResult> OnPostReactivateAsync(int id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> MoveAsync(int id, int step)
    {
        if (!await ResolveAsync()) return NotFound();
        if (await Admin.MoveAsync(Scope.Id, id, step, ActorId) is not { } move) return NotFound();
        TempData["Status"] = move.Moved
            ? $"Kategorin ”{move.Name}” flyttades till plats {move.To}."
            : $"Kategorin ”{move.Name}” står redan {(step < 0 ? "först" : "sist")}.";
        return Redirect(ListUrl);
    }

    private async Task<IActionResult> SetActiveAsync(int id, bool active)
    {
        if (!await ResolveAsync()) return NotFound();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id && c.ForbundId == Scope.Id);
        if (category is null) return NotFound();
        await Admin.SetActiveAsync(category, active, ActorId);
        TempData["Status"] = active
            ? $"Kategorin ”{category.Name}” återaktiverades och kan väljas i nya rapporter."
            : $"Kategorin ”{category.Name}” inaktiverades. Den finns kvar på ärenden och i sammanställningar men kan inte väljas i nya rapporter.";
        return Redirect(ListUrl);
    }

    public static string StateName(bool active) => CategoryAdmin.StateName(active);

    public string ListUrl => "/kategorier" + Scope.Query;

    private CategoryAdmin Admin => new(db, clock);

    private string ActorId => HttpContext.Member()!.UserId;

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        return true;
    }

    private async Task LoadAsync()
    {
        Rows = await db.Categories.Where(c => c.ForbundId == Scope.Id)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new Row(c.Id, c.Name, c.IsActive, db.Cases.Count(x => x.CategoryId == c.Id)))
            .ToListAsync();
    }
}
