using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Organisations;

/// <summary>
/// Merges two entries of the register that are the same organisation: choose the other one and which of the two
/// stays, see what will move, confirm. The merge itself is <see cref="OrganisationMerge"/>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class MergeOrganisationModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record Choice(int Id, string Name, OrganisationKind Kind);

    [FromRoute] public int Id { get; set; }

    /// <summary>The other organisation of the pair.</summary>
    [BindProperty(SupportsGet = true, Name = "med")] public int? OtherId { get; set; }

    public const string KeepThis = "denna";
    public const string KeepOther = "dubbletten";

    /// <summary>Which of the two stays (<see cref="KeepThis"/> or <see cref="KeepOther"/>); the other is removed.</summary>
    [BindProperty(SupportsGet = true, Name = "behall")] public string? KeepChoice { get; set; }

    [BindProperty(Name = "bekrafta")] public bool Confirm { get; set; }

    public Choice This { get; private set; } = null!;
    public IReadOnlyList<Choice> Others { get; private set; } = [];
    public Choice? Keep { get; private set; }
    public Choice? Remove { get; private set; }

    /// <summary>What moves from the removed organisation to the kept one.</summary>
    public OrganisationUsage Moving { get; private set; } = OrganisationUsage.None;

    public bool Confirming => Keep is not null && Remove is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // Only a chosen pair is checked: the first visit shows an empty form, not errors.
        if (OtherId is not null || KeepChoice is not null) await ChooseAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await ChooseAsync();
        if (!Confirming) return Page();
        if (!Confirm)
        {
            ModelState.AddModelError("bekrafta", $"Kryssa i rutan för att bekräfta att {Remove!.Name} ska tas bort.");
            return Page();
        }

        var result = await new OrganisationMerge(db, clock).MergeAsync(Keep!.Id, Remove!.Id, HttpContext.Member()!.UserId);
        if (!result.Merged)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!);
            return Page();
        }
        var moved = result.Moved.Lines();
        var status = $"{result.RemovedName} slogs ihop med {result.KeptName} och togs bort ur registret. " +
            (moved.Count == 0 ? "Inget behövde flyttas." : $"Till {result.KeptName} flyttades {string.Join("; ", moved)}.");
        if (result.Collisions.Count > 0) status += " " + string.Join(" ", result.Collisions);
        TempData["Status"] = status;
        return Redirect($"/organisationer/{Keep.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var all = await db.Organisations.AsNoTracking().Select(o => new Choice(o.Id, o.Name, o.Kind)).ToListAsync();
        var self = all.FirstOrDefault(o => o.Id == Id);
        if (self is null) return false;
        This = self;
        Others = all.Where(o => o.Id != Id).OrderBy(o => o.Name, Stockholm.Comparer).ToList();
        return true;
    }

    /// <summary>Checks the chosen pair; when it is sound, the page shows what will move and asks for confirmation.</summary>
    private async Task ChooseAsync()
    {
        var other = Others.FirstOrDefault(o => o.Id == OtherId);
        if (other is null) ModelState.AddModelError("med", "Välj den organisation som är en dubblett av den här.");
        if (KeepChoice is not (KeepThis or KeepOther))
            ModelState.AddModelError("behall", "Välj vilken av de två organisationerna som ska finnas kvar.");
        if (!ModelState.IsValid || other is null) return;

        (Keep, Remove) = KeepChoice == KeepThis ? (This, other) : (other, This);
        Moving = await new OrganisationMerge(db, clock).UsageAsync(Remove.Id);
    }
}
