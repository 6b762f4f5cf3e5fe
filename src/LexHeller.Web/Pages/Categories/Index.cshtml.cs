using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using LexHeller.Web.Pages.Settings;
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

        var last = await db.Categories.Where(c => c.ForbundId == Scope.Id).MaxAsync(c => (int?)c.SortOrder) ?? 0;
        db.Categories.Add(new Category(Scope.Id, name, last + 1));
        db.AuditEntries.Add(Audit(AuditActions.CategoryAdded, name, null, name));
        if (!await CategoryNames.TrySaveAsync(db))
        {
            ModelState.AddModelError("Input.Name", CategoryNames.TakenMessage(name));
            await LoadAsync();
            return Page();
        }
        TempData["Status"] = $"Kategorin ”{name}” är tillagd sist i listan.";
        return Redirect(ListUrl);
    }

    public Task<IActionResult> OnPostUpAsync(int id) => MoveAsync(id, -1);

    public Task<IActionResult> OnPostDownAsync(int id) => MoveAsync(id, +1);

    public Task<IActionResult> OnPostDeactivateAsync(int id) => SetActiveAsync(id, active: false);

    public Task<IActionResult> OnPostReactivateAsync(int id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> MoveAsync(int id, int step)
    {
        if (!await ResolveAsync()) return NotFound();
        var ordered = await db.Categories.Where(c => c.ForbundId == Scope.Id).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync();
        var from = ordered.FindIndex(c => c.Id == id);
        if (from < 0) return NotFound();
        var to = from + step;
        var category = ordered[from];
        if (to < 0 || to >= ordered.Count)
        {
            TempData["Status"] = $"Kategorin ”{category.Name}” står redan {(step < 0 ? "först" : "sist")}.";
            return Redirect(ListUrl);
        }
        ordered.RemoveAt(from);
        ordered.Insert(to, category);
        // Positions are renumbered 1..n, so gaps or ties left by earlier data cannot make a move do nothing.
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].SortOrder != i + 1) ordered[i].MoveTo(i + 1);
        db.AuditEntries.Add(Audit(AuditActions.CategoryReordered, category.Name, $"Plats {from + 1}", $"Plats {to + 1}"));
        await db.SaveChangesAsync();
        TempData["Status"] = $"Kategorin ”{category.Name}” är flyttad till plats {to + 1}.";
        return Redirect(ListUrl);
    }

    private async Task<IActionResult> SetActiveAsync(int id, bool active)
    {
        if (!await ResolveAsync()) return NotFound();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id && c.ForbundId == Scope.Id);
        if (category is null) return NotFound();
        if (category.IsActive != active)
        {
            if (active) category.Reactivate();
            else category.Deactivate();
            db.AuditEntries.Add(Audit(active ? AuditActions.CategoryReactivated : AuditActions.CategoryDeactivated,
                category.Name, StateName(!active), StateName(active)));
            await db.SaveChangesAsync();
        }
        TempData["Status"] = active
            ? $"Kategorin ”{category.Name}” är återaktiverad och kan väljas i nya rapporter."
            : $"Kategorin ”{category.Name}” är inaktiverad. Den finns kvar på ärenden och i sammanställningar men kan inte väljas i nya rapporter.";
        return Redirect(ListUrl);
    }

    public static string StateName(bool active) => active ? "Aktiv" : "Inaktiv";

    public string ListUrl => "/kategorier" + Scope.Query;

    private AuditEntry Audit(string action, string subject, string? before, string? after) =>
        new(clock.GetUtcNow(), HttpContext.Member()!.UserId, Scope.Id, action, subject, before, after);

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
