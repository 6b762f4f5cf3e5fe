using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Retention;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Gallring;

/// <summary>
/// "Gallring": the cases of one förbund that are gallrad within the coming month, each with its date and, when the
/// night will skip it, why; the kansli holds a case with a reason or releases it. Held cases are listed apart.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class GallringModel(LexHellerDb db, RetentionSchedule schedule, RetentionCommands commands, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public CaseState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty] public int CaseId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ForbundScope Scope { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public DateOnly Until { get; private set; }
    public IReadOnlyList<DueCase> Due { get; private set; } = [];
    public IReadOnlyList<DueCase> Held { get; private set; } = [];

    /// <summary>The states a case is gallrad in, for the filter.</summary>
    public static readonly CaseState[] States = [CaseState.Avslutad, CaseState.Avvisad, CaseState.Aterkallad, CaseState.Utkast];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostHoldAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        var result = await commands.HoldAsync(HttpContext.Member()!.UserId, Scope.Id, CaseId, Reason, HttpContext.RequestAborted);
        return await AfterAsync(result);
    }

    public async Task<IActionResult> OnPostReleaseAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        var result = await commands.ReleaseAsync(HttpContext.Member()!.UserId, Scope.Id, CaseId, HttpContext.RequestAborted);
        return await AfterAsync(result);
    }

    private async Task<IActionResult> AfterAsync(CommandResult result)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect(ListUrl());
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused:
            case CommandStatus.Conflict:
                ModelState.AddRefusal("", result);
                await LoadAsync();
                return Page();
        }
        throw new InvalidOperationException();
    }

    private async Task LoadAsync()
    {
        Today = Stockholm.Today(clock.GetUtcNow());
        // A month ahead: time to hold a case, or to take out an archive package, before the night it goes.
        Until = Today.AddMonths(1);
        var all = (await schedule.DueAsync(Scope.Id, Until, HttpContext.RequestAborted))
            .Where(d => State is null || d.State == State).ToList();
        if (Sort == "referens") all = all.OrderBy(d => d.Reference ?? "", StringComparer.Ordinal).ThenBy(d => d.CaseId).ToList();
        Due = all.Where(d => d.Hold is null).ToList();
        Held = all.Where(d => d.Hold is not null).ToList();
    }

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        if (Sort != "referens") Sort = null;
        if (State is { } s && !States.Contains(s)) State = null;
        return true;
    }

    /// <summary>The list with the förbund, filter and sort kept.</summary>
    public string ListUrl(string? sort = "keep", string? handler = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (handler is not null) values.Add(new("handler", handler));
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (State is { } s) values.Add(new("status", s.ToString()));
        var chosen = sort == "keep" ? Sort : sort;
        if (chosen is not null) values.Add(new("sort", chosen));
        return "/gallring" + QueryString.Create(values).ToUriComponent();
    }

    public string What(DueCase d) => d.Reference ?? "Utkast";
}
