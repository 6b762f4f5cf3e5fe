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
/// One measure of the current förbund, for its kansli: what, by whom, by when. Its one next step is the form: first
/// "Markera som genomförd" (which tells the reporters), then "Följ upp" with the effect.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public class DetailsModel(LexHellerDb db, SystemicCommands commands, TimeProvider clock) : PageModel
{
    public DateOnly Today => LexHeller.Core.Time.Stockholm.Today(clock.GetUtcNow());

    public sealed class DoneInput
    {
        public string? Note { get; set; }
        public string? ToReporters { get; set; }
        public int? Version { get; set; }
    }

    public sealed class FollowUpInput
    {
        public MeasureEffect? Effect { get; set; }
        public string? Note { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty] public DoneInput Done { get; set; } = new();
    [BindProperty] public FollowUpInput FollowUp { get; set; } = new();

    public Measure Measure { get; private set; } = null!;
    public string Subject { get; private set; } = "";
    public string BackUrl { get; private set; } = "/atgarder";
    public string? Organisation { get; private set; }
    /// <summary>The reporters who will hear when the measure is done: the case's one, or every linked case's.</summary>
    public int Reporters { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDoneAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var result = await commands.MarkDoneAsync(HttpContext.Member()!.AsCaseUser(), id, Done.Version, Done.Note, Done.ToReporters, HttpContext.RequestAborted);
        return await AfterAsync(id, result, "Done");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ModelState.TryGetValue("FollowUp.Effect", out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            ModelState.AddModelError("FollowUp.Effect", "Välj om åtgärden hade effekt.");
            return Page();
        }
        var result = await commands.FollowUpAsync(HttpContext.Member()!.AsCaseUser(), id, FollowUp.Version, FollowUp.Effect, FollowUp.Note, HttpContext.RequestAborted);
        return await AfterAsync(id, result, "FollowUp");
    }

    private async Task<IActionResult> AfterAsync(int id, CommandResult result, string prefix)
    {
        switch (result.Status)
        {
            case CommandStatus.NotFound: return NotFound();
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/atgarder/{id}");
            case CommandStatus.Conflict:
                // Show it as it is now, with the reason.
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, result.Message!);
                await LoadAsync(id);
                return Page();
            default:
                ModelState.AddRefusal(prefix, result);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var forbundId = HttpContext.Member()!.Current!.Id;
        var measure = await db.Measures.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.ForbundId == forbundId, HttpContext.RequestAborted);
        if (measure is null) return false;
        Measure = measure;
        if (measure.CaseId is { } cid)
        {
            Subject = $"ärendet {await db.Cases.Where(c => c.Id == cid).Select(c => c.Reference).FirstAsync(HttpContext.RequestAborted)}";
            BackUrl = $"/arenden/{cid}";
            Reporters = 1;
        }
        else
        {
            var pid = measure.SystemicProblemId!.Value;
            Subject = $"systemfelet ”{await db.SystemicProblems.Where(p => p.Id == pid).Select(p => p.Title).FirstAsync(HttpContext.RequestAborted)}”";
            BackUrl = $"/systemfel/{pid}";
            Reporters = await db.SystemicProblemCases.CountAsync(l => l.SystemicProblemId == pid
                && db.Cases.Any(c => c.Id == l.CaseId && c.GallradAt == null), HttpContext.RequestAborted);
        }
        Organisation = measure.OrganisationId is { } org
            ? await db.Organisations.Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(HttpContext.RequestAborted)
            : null;
        return true;
    }
}
