using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Systemfel;

/// <summary>The owning kansli edits what a systemfel is about; the change is kept in its history.</summary>
[Authorize(Policy = Policies.Kansli)]
public class EditModel(LexHellerDb db, SystemicCommands commands) : PageModel
{
    [BindProperty] public SystemicForm Input { get; set; } = new();
    [BindProperty] public int? Version { get; set; }

    public int Id { get; private set; }
    public string CurrentTitle { get; private set; } = "";
    public SystemicFormOptions Options { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var problem = await LoadAsync(id);
        if (problem is null) return NotFound();
        Input = SystemicForm.From(problem);
        Version = problem.Version;
        Options = await SystemicFormOptions.LoadAsync(db, problem.ForbundId, problem.CategoryId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var problem = await LoadAsync(id);
        if (problem is null) return NotFound();
        Options = await SystemicFormOptions.LoadAsync(db, problem.ForbundId, Input.CategoryId, HttpContext.RequestAborted);
        if (!ModelState.IsValid) return Page();
        var result = await commands.DescribeAsync(HttpContext.Member()!.AsCaseUser(), id, Version, Input.ToInput(), HttpContext.RequestAborted);
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/systemfel/{id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Conflict:
                // What is shown is the systemfel as it is now.
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, result.Message!);
                var now = (await LoadAsync(id))!;
                Input = SystemicForm.From(now);
                Version = now.Version;
                return Page();
            case CommandStatus.Refused:
                ModelState.AddRefusal("Input", result);
                return Page();
        }
        throw new InvalidOperationException($"Unknown command status {result.Status}.");
    }

    /// <summary>A systemfel of the current förbund, or null.</summary>
    private async Task<SystemicProblem?> LoadAsync(int id)
    {
        var forbundId = HttpContext.Member()!.Current!.Id;
        var problem = await db.SystemicProblems.AsNoTracking().Include(p => p.Parties)
            .FirstOrDefaultAsync(p => p.Id == id && p.ForbundId == forbundId, HttpContext.RequestAborted);
        Id = id;
        CurrentTitle = problem?.Title ?? "";
        return problem;
    }
}
