using System.Globalization;
using LexHeller.Core.Data;
using LexHeller.Core.Disclosure;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Disclosures;

/// <summary>
/// "Utlämnanden": the requests for public documents a förbund has received, with how long each took or has taken
/// so far (a request must be handled promptly), filtered by status and sorted by receipt or handling time.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class DisclosuresModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, DateOnly ReceivedOn, string Subject, DisclosureState State, int Days, int Cases);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public DisclosureState? State { get; set; }
    /// <summary>"aldst" (oldest first), "tid" (longest handling time first); newest first otherwise.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }

    public ForbundScope Scope { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public static string Label(DisclosureState state) => state switch
    {
        DisclosureState.Registrerad => "Registrerad",
        DisclosureState.UnderProvning => "Under prövning",
        DisclosureState.Beslutad => "Beslutad",
    };

    public static string Days(int days) => Swedish.Count(days, "dag", "dagar");

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return NotFound();
        Scope = scope;
        ModelState.Clear();
        if (Sort is not ("aldst" or "tid")) Sort = null;
        var today = Stockholm.Today(clock.GetUtcNow());
        var query = db.DisclosureRequests.AsNoTracking().Where(r => r.ForbundId == Scope.Id);
        if (State is { } state) query = query.Where(r => r.State == state);
        var rows = (await query
                .Select(r => new { r.Id, r.ReceivedOn, r.Subject, r.State, r.DecidedOn, Cases = r.Cases.Count })
                .ToListAsync())
            .Select(r => new Row(r.Id, r.ReceivedOn, r.Subject, r.State, DisclosureRequest.HandlingDays(r.ReceivedOn, r.DecidedOn, today), r.Cases));
        Rows = (Sort switch
        {
            "aldst" => rows.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id),
            "tid" => rows.OrderByDescending(r => r.Days).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id),
        }).ToList();
        return Page();
    }

    public string ListUrl(DisclosureState? state, string? sort)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        if (state is { } s) values.Add(new("status", s.ToString()));
        if (sort is not null) values.Add(new("sort", sort));
        return "/utlamnanden" + QueryString.Create(values).ToUriComponent();
    }
}
