using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Measures;

/// <summary>
/// The kansli plans a measure for a case (?arende=) or a systemfel (?systemfel=) of its current förbund: what will be
/// done, by which of the förbund's parties or by the förbund, by when, and when its effect is followed up.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public class NewModel(LexHellerDb db, SystemicCommands commands) : PageModel
{
    public sealed class InputModel
    {
        public string? Description { get; set; }
        public int? OrganisationId { get; set; }
        public DateOnly? DueDate { get; set; }
        public DateOnly? FollowUpDate { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "arende")] public int? CaseId { get; set; }
    [BindProperty(SupportsGet = true, Name = "systemfel")] public int? SystemicProblemId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>What the measure is for: the case's reference or the systemfel's title, and where to go back to.</summary>
    public string Subject { get; private set; } = "";
    public string BackUrl { get; private set; } = "/atgarder";
    public IReadOnlyList<CasePageQuery.Option> Parties { get; private set; } = [];

    private int ForbundId => HttpContext.Member()!.Current!.Id;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // A value that could not be read (a date that is no date) is reported by the field, not passed on as empty.
        foreach (var key in new[] { "Input.DueDate", "Input.FollowUpDate", "Input.OrganisationId" })
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(key, key == "Input.OrganisationId" ? "Välj en av förbundets parter, eller förbundet självt." : "Skriv datumet som ÅÅÅÅ-MM-DD.");
            }
        if (!ModelState.IsValid) return Page();
        var made = await commands.PlanMeasureAsync(HttpContext.Member()!.AsCaseUser(), ForbundId, CaseId, SystemicProblemId,
            new MeasureInput(Input.Description, Input.OrganisationId, Input.DueDate, Input.FollowUpDate), HttpContext.RequestAborted);
        if (made.Result.Status == CommandStatus.NotFound) return NotFound();
        if (made.Result.Status != CommandStatus.Done)
        {
            ModelState.AddRefusal("Input", made.Result);
            return Page();
        }
        TempData["Status"] = made.Result.Message;
        return Redirect($"/atgarder/{made.Id}");
    }

    /// <summary>The case or systemfel, when it is the current förbund's (exactly one of them), and the förbund's parties.</summary>
    private async Task<bool> LoadAsync()
    {
        var forbundId = ForbundId;
        if ((CaseId is null) == (SystemicProblemId is null)) return false;
        if (CaseId is { } cid)
        {
            var reference = await db.Cases.Where(c => c.Id == cid && c.ForbundId == forbundId && c.State != CaseState.Utkast && c.GallradAt == null)
                .Select(c => c.Reference).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (reference is null) return false;
            Subject = $"ärendet {reference}";
            BackUrl = $"/arenden/{cid}";
        }
        else
        {
            var title = await db.SystemicProblems.Where(p => p.Id == SystemicProblemId && p.ForbundId == forbundId)
                .Select(p => p.Title).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (title is null) return false;
            Subject = $"systemfelet ”{title}”";
            BackUrl = $"/systemfel/{SystemicProblemId}";
        }
        Parties = (await CasePageQuery.OptionsAsync(db, forbundId, null, false, HttpContext.RequestAborted)).Partners;
        return true;
    }
}
