using LexHeller.Core.Identity;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Systemfel;

/// <summary>
/// "Systemfel": the current förbund's systemfel for its kansli, BUG and board, filtered by status and sorted; below
/// them, for the kansli and BUG of a förbund that takes part, the joint register of the other förbund's systemfel.
/// </summary>
public class IndexModel(SystemicQuery query) : PageModel
{
    public enum Sorting { Andrad, Rubrik, Status }

    [BindProperty(SupportsGet = true, Name = "status")] public SystemicStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "sortering")] public Sorting? Sort { get; set; }

    public string ForbundName { get; private set; } = "";
    public bool IsKansli { get; private set; }
    public IReadOnlyList<SystemicQuery.Row> Own { get; private set; } = [];
    /// <summary>The joint register; null when the reader does not read it (the board, or a förbund outside it).</summary>
    public IReadOnlyList<SystemicQuery.Row>? Register { get; private set; }
    public bool Shares { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member()!;
        if (member.Current is not { } current || !member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Styrelse)) return Forbid();
        // A status or order that could not be read shows the whole list in its default order.
        if (!ModelState.IsValid) (Status, Sort) = (null, null);
        ForbundName = current.Name;
        IsKansli = member.Has(MembershipRole.Kansli);
        var ct = HttpContext.RequestAborted;
        Own = Sorted(await query.OwnAsync(current.Id, Status, ct));
        Shares = await query.SharesAsync(current.Id, ct);
        if (Shares && member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot))
            Register = Sorted(await query.RegisterAsync(current.Id, Status, ct));
        return Page();
    }

    private List<SystemicQuery.Row> Sorted(IReadOnlyList<SystemicQuery.Row> rows) => (Sort ?? Sorting.Andrad) switch
    {
        Sorting.Andrad => rows.OrderByDescending(r => r.UpdatedAt).ToList(),
        Sorting.Rubrik => rows.OrderBy(r => r.Title, StringComparer.Create(Stockholm.Culture, true)).ToList(),
        Sorting.Status => rows.OrderBy(r => r.Status).ThenByDescending(r => r.UpdatedAt).ToList(),
    };

    /// <summary>The list's address with the current filter and another order, or the current order and another filter.</summary>
    public string ListUrl(SystemicStatus? status, Sorting? sort)
    {
        var query = new List<string>();
        if (status is { } s) query.Add($"status={s}");
        if (sort is { } o && o != Sorting.Andrad) query.Add($"sortering={o}");
        return "/systemfel" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    /// <summary>Linked cases as the reader may see the count: the owner's exactly to the owner, the rest suppressed below 3.</summary>
    public static string Linked(SystemicQuery.Row row) =>
        row.OwnCases is { } own ? (row.OtherCases is 0 ? own.ToString(Stockholm.Culture) : $"{own} + {SystemicQuery.Show(row.OtherCases)} från andra förbund")
        : SystemicQuery.Show(row.OtherCases);
}
