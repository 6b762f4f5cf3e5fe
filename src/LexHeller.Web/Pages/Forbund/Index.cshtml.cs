using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Forbund;

[Authorize(Policy = Policies.Admin)]
public class ForbundIndexModel(LexHellerDb db) : PageModel
{
    public sealed record Row(string Name, string Code, string Members, int Users);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await db.Forbund.OrderBy(f => f.Name).Select(f => new
        {
            f.Name, f.Code,
            Members = f.Members.Select(m => m.Organisation.Name).ToList(),
            Users = db.Memberships.Where(m => m.ForbundId == f.Id && m.IsActive).Select(m => m.UserId).Distinct().Count(),
        }).ToListAsync();
        var order = StringComparer.Create(Stockholm.Culture, false);
        Rows = rows.Select(r => new Row(r.Name, r.Code, string.Join(", ", r.Members.Order(order)), r.Users)).ToList();
    }
}
