using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Organisations;

/// <summary>The shared organisation register: filter by kind, search by name, sort.</summary>
[Authorize(Policy = Policies.Admin)]
public class OrganisationsIndexModel(LexHellerDb db) : PageModel
{
    public sealed record Row(int Id, string Name, OrganisationKind Kind, string Forbund, int Representatives);

    public sealed record Sorting(string Value, string Name);

    public static readonly IReadOnlyList<Sorting> Sortings =
    [
        new("namn", "Namn"),
        new("typ", "Typ"),
        new("forbund", "Antal förbund"),
        new("senast", "Senast tillagd"),
    ];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "typ")] public OrganisationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "namn";

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int All { get; private set; }

    public async Task OnGetAsync()
    {
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Sortings.All(s => s.Value != Sort)) Sort = Sortings[0].Value;

        // The register is hundreds of rows, not hundreds of thousands: it is filtered here, where "ö" matches "Ö".
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync();
        var memberOf = (await db.ForbundMembers.AsNoTracking().Select(m => new { m.OrganisationId, m.Forbund.Code }).ToListAsync())
            .ToLookup(m => m.OrganisationId, m => m.Code);
        var representatives = await db.Set<MembershipOrganisation>().AsNoTracking()
            .Where(m => db.Memberships.Any(x => x.Id == m.MembershipId && x.IsActive))
            .GroupBy(m => m.OrganisationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        All = organisations.Count;

        var sv = Stockholm.IgnoreCase;
        var rows = organisations
            .Where(o => Kind is null || o.Kind == Kind)
            .Where(o => Q is null || o.Name.Contains(Q, StringComparison.OrdinalIgnoreCase))
            .Select(o => new Row(o.Id, o.Name, o.Kind, string.Join(", ", memberOf[o.Id].Order()), representatives.GetValueOrDefault(o.Id)));
        Rows = (Sort switch
        {
            "typ" => rows.OrderBy(r => r.Kind).ThenBy(r => r.Name, sv),
            "forbund" => rows.OrderByDescending(r => memberOf[r.Id].Count()).ThenBy(r => r.Name, sv),
            "senast" => rows.OrderByDescending(r => r.Id),
            _ => rows.OrderBy(r => r.Name, sv),
        }).ToList();
    }
}
