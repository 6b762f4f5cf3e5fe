using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Forbund;

[Authorize(Policy = Policies.Admin)]
public class ForbundIndexModel(LexHellerDb db) : PageModel
{
    /// <summary>One förbund with its members as a förbund is made up: the municipalities, the region, the others.</summary>
    public sealed record Row(int Id, string Name, string Code, string Kommuner, string Regions, string Others, int Users);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await db.Forbund.AsNoTracking().Select(f => new
        {
            f.Id, f.Name, f.Code,
            Members = f.Members.Select(m => new { m.Organisation.Name, m.Organisation.Kind }).ToList(),
            Users = db.Memberships.Where(m => m.ForbundId == f.Id && m.IsActive).Select(m => m.UserId).Distinct().Count(),
        }).ToListAsync();
        var order = Stockholm.Comparer;
        string Names(IEnumerable<string> names)
        {
            var list = names.Order(order).ToList();
            return list.Count == 0 ? "–" : string.Join(", ", list);
        }
        Rows = rows.OrderBy(r => r.Name, order).Select(r => new Row(r.Id, r.Name, r.Code,
            Names(r.Members.Where(m => m.Kind == OrganisationKind.Kommun).Select(m => m.Name)),
            Names(r.Members.Where(m => m.Kind == OrganisationKind.Region).Select(m => m.Name)),
            Names(r.Members.Where(m => m.Kind is not (OrganisationKind.Kommun or OrganisationKind.Region)).Select(m => m.Name)),
            r.Users)).ToList();
    }
}
