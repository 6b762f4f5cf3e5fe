using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.PersonalData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Organisations;

/// <summary>What adding and editing an organisation share: its name and kind, and the checks on them.</summary>
public abstract class OrganisationFormModel(LexHellerDb db) : PageModel
{
    protected LexHellerDb Db { get; } = db;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i organisationens namn.")]
        [StringLength(200, ErrorMessage = "Namnet får vara högst {1} tecken.")]
        [Display(Name = "Namn")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Välj vilken sorts organisation det är.")]
        [Display(Name = "Typ")]
        public OrganisationKind? Kind { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public static IReadOnlyList<OrganisationKind> Kinds { get; } = Enum.GetValues<OrganisationKind>();

    /// <summary>Collapses spaces and names what is wrong next to each field; <paramref name="organisationId"/> is the one being edited.</summary>
    protected async Task ValidateAsync(int? organisationId)
    {
        Input.Name = string.Join(' ', (Input.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (Input.Name.Length == 0) return;
        foreach (var hit in PersonalDataGuard.Scan(Input.Name))
            ModelState.AddModelError("Input.Name", hit.Message);
        // Compared here rather than in SQL: SQLite folds the case of A–Z only, not of Å, Ä and Ö.
        var names = await Db.Organisations.AsNoTracking().Where(o => o.Id != organisationId).Select(o => o.Name).ToListAsync();
        if (names.FirstOrDefault(n => string.Equals(n, Input.Name, StringComparison.OrdinalIgnoreCase)) is { } same)
            ModelState.AddModelError("Input.Name", $"Det finns redan en organisation som heter {same}. Använd den i stället, eller slå ihop dubbletterna.");
    }
}
