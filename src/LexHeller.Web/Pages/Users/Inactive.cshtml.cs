using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Users;

/// <summary>
/// The roles of accounts that have not logged in for the configured period, for the kansli (and administrator) to
/// tick and deactivate together after a confirmation page.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class InactiveModel(InactiveMemberships inactive, UserCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty] public List<int> MembershipIds { get; set; } = [];

    public int Days => inactive.Days;
    public bool IsAdmin { get; private set; }
    public string Self => HttpContext.Member()!.UserId;
    public string ForbundName { get; private set; } = "";
    public IReadOnlyList<InactiveMemberships.Row> Rows { get; private set; } = [];

    /// <summary>The ticked rows to confirm; null while the list is shown.</summary>
    public IReadOnlyList<InactiveMemberships.Row>? Confirming { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        await LoadAsync();
        var chosen = Rows.Where(r => r.MayManage && MembershipIds.Contains(r.MembershipId)).ToList();
        if (chosen.Count == 0)
            ModelState.AddModelError(nameof(MembershipIds), MembershipIds.Count == 0
                ? "Kryssa i minst en roll att inaktivera."
                : "Ingen av de markerade rollerna finns kvar i listan. De kan ha loggat in eller inaktiverats under tiden.");
        else Confirming = chosen;
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync()
    {
        var result = await commands.DeactivateInactiveAsync(HttpContext.Member()!.AsKansliOrAdmin(), MembershipIds, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done)
        {
            TempData["Status"] = result.Message;
            return RedirectToPage();
        }
        await LoadAsync();
        ModelState.AddRefusal("", result);
        return Page();
    }

    private async Task LoadAsync()
    {
        var member = HttpContext.Member()!;
        IsAdmin = member.IsAdministrator;
        ForbundName = member.Current?.Name ?? "";
        var rows = await inactive.ListAsync(member.AsKansliOrAdmin(), HttpContext.RequestAborted);
        Rows = Sort switch
        {
            "namn" => rows.OrderBy(r => r.FullName, Core.Time.Stockholm.Comparer).ToList(),
            "epost" => rows.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList(),
            "roll" => rows.OrderBy(r => r.Role.DisplayName(), Core.Time.Stockholm.Comparer).ThenBy(r => r.FullName, Core.Time.Stockholm.Comparer).ToList(),
            _ => rows,
        };
        if (Sort is not ("namn" or "epost" or "roll")) Sort = "dagar";
    }

    /// <summary>The aria-sort of a column's header: only the column the list is sorted by has one.</summary>
    public string? AriaSort(string column) => column != Sort ? null : column == "dagar" ? "descending" : "ascending";

    public static string SortUrl(string column) => column == "dagar" ? "/anvandare/inaktiva" : $"/anvandare/inaktiva?sort={column}";
}
