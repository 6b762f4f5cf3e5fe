using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>
/// The kansli asks for a compilation of a period, for its förbund or jointly, narrowed to a kind of case, a
/// category or a party. The request is queued (or the identical one already queued is found) and computed by a job.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public class RequestModel(LexHellerDb db, CompilationService compilations, TimeProvider clock, JobQueue jobs) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "periodens första dag")] public DateOnly? From { get; set; }
        [Display(Name = "periodens sista dag")] public DateOnly? To { get; set; }
        [Display(Name = "omfattning")] public CompilationScope Scope { get; set; } = CompilationScope.Forbund;
        [Display(Name = "ärendetyp")] public string? Kind { get; set; }
        [Display(Name = "kategori")] public int? CategoryId { get; set; }
        [Display(Name = "part")] public int? OrganisationId { get; set; }
    }

    public sealed record Option(int Id, string Name);

    [BindProperty] public InputModel Input { get; set; } = new();

    public string ForbundName { get; private set; } = "";
    public bool Shares { get; private set; }
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public IReadOnlyList<Option> Parties { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // The current tertial so far is what the kansli most often reports on.
        var today = Stockholm.Today(clock.GetUtcNow());
        Input.From = Period.TertialOf(today).From;
        Input.To = today;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A value that could not be read at all (not a date, not a number) is refused before anything is queued.
        if (!ModelState.IsValid) return await RefuseAsync();
        var member = HttpContext.Member()!;
        var request = new CompilationRequest(Input.Scope, Input.From, Input.To, Input.Kind, Input.CategoryId, Input.OrganisationId);
        var (compilation, errors) = await compilations.RequestAsync(member.Current!.Id, request, member.UserId, HttpContext.RequestAborted);
        foreach (var (field, message) in errors) ModelState.AddModelError($"Input.{field}", message);
        if (compilation is null) return await RefuseAsync();

        jobs.ComputeCompilation(compilation.Id);
        TempData["Status"] = compilation.Status == CompilationStatus.Running
            ? "Sammanställningen beräknas redan. Ladda om sidan om en stund."
            : "Sammanställningen är beställd och beräknas strax. Ladda om sidan om en stund.";
        return Redirect($"/sammanstallningar/{compilation.Id}");
    }

    private async Task<IActionResult> RefuseAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var current = HttpContext.Member()!.Current!;
        ForbundName = current.Name;
        Shares = await db.Forbund.Where(f => f.Id == current.Id).Select(f => f.SharesCompilations).SingleAsync();
        var sv = Stockholm.Comparer;
        Categories = await db.Categories.AsNoTracking().Where(c => c.ForbundId == current.Id).OrderBy(c => c.SortOrder)
            .Select(c => new Option(c.Id, c.IsActive ? c.Name : c.Name + " (inaktiv)")).ToListAsync();
        Parties = (await db.ForbundMembers.AsNoTracking().Where(m => m.ForbundId == current.Id)
            .Select(m => new Option(m.OrganisationId, m.Organisation.Name)).ToListAsync())
            .OrderBy(o => o.Name, sv).ToList();
    }
}
