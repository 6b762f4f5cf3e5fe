using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>
/// "Sammanställningar": the compilations of the current förbund, and the joint ones when the förbund shares and the
/// user is kansli or board; newest first, filtered by status and kind of period. Kansli, BUG and board.
/// </summary>
public class IndexModel(LexHellerDb db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, CompilationScope Scope, PeriodKind PeriodKind, DateOnly From, DateOnly To, Core.Cases.CaseKind? Kind,
        int? CategoryId, int? OrganisationId, bool Scheduled, DateTimeOffset RequestedAt, DateTimeOffset? ComputedAt, CompilationStatus Status, string? Error)
    {
        public Period Period => new(PeriodKind, From, To);
        public CompilationFilter Filter => new(Kind, CategoryId, OrganisationId);
    }

    [BindProperty(SupportsGet = true, Name = "status")] public CompilationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "period")] public PeriodKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public string ForbundName { get; private set; } = "";
    public bool IsKansli { get; private set; }
    public bool SeesJoint { get; private set; }
    public bool SeesOverview { get; private set; }
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public CompilationText.Names Names { get; private set; } = new(new Dictionary<int, string>(), new Dictionary<int, string>());

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member()!;
        if (member.Current is not { } current || !member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Styrelse))
            return Forbid();
        ForbundName = current.Name;
        IsKansli = member.Has(MembershipRole.Kansli);
        var shares = await db.Forbund.Where(f => f.Id == current.Id).Select(f => f.SharesCompilations).SingleAsync();
        SeesOverview = member.HasAny(MembershipRole.Kansli, MembershipRole.Styrelse);
        SeesJoint = shares && SeesOverview;
        if (Status is { } s && !Enum.IsDefined(s)) Status = null;
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;

        var forbundId = current.Id;
        var seesJoint = SeesJoint;
        var query = db.Compilations.AsNoTracking()
            .Where(c => (c.Scope == CompilationScope.Forbund && c.ForbundId == forbundId) || (seesJoint && c.Scope == CompilationScope.Joint));
        if (Status is { } status) query = query.Where(c => c.Status == status);
        if (Kind is { } kind) query = query.Where(c => c.PeriodKind == kind);

        Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        Rows = await query.OrderByDescending(c => c.RequestedAt).ThenByDescending(c => c.Id).Skip((P - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Scope, c.PeriodKind, c.From, c.To, c.FilterKind, c.FilterCategoryId, c.FilterOrganisationId,
                c.Scheduled, c.RequestedAt, c.ComputedAt, c.Status, c.Error))
            .ToListAsync();
        Names = await CompilationText.NamesAsync(db, Rows.Select(r => r.Filter).ToList());
        return Page();
    }

    public string ListUrl(int page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (Status is { } s) values.Add(new("status", s.ToString()));
        if (Kind is { } k) values.Add(new("period", k.ToString()));
        if (page > 1) values.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/sammanstallningar" + QueryString.Create(values).ToUriComponent();
    }

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
