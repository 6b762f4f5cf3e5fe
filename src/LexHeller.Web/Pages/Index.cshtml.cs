using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages;

public class IndexModel(LexHellerDb db) : PageModel
{
    public MemberContext Member { get; private set; } = null!;
    public int ActiveUsers { get; private set; }
    public int MemberOrganisations { get; private set; }
    private Dictionary<int, string> _orgNames = [];

    public async Task OnGetAsync()
    {
        Member = HttpContext.Member()!;
        var ids = Member.Memberships.SelectMany(m => m.OrganisationIds).Distinct().ToList();
        _orgNames = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        if (Member.Current is { } f && Member.Has(MembershipRole.Kansli))
        {
            ActiveUsers = await db.Memberships.Where(x => x.ForbundId == f.Id && x.IsActive).Select(x => x.UserId).Distinct().CountAsync();
            MemberOrganisations = await db.ForbundMembers.CountAsync(x => x.ForbundId == f.Id);
        }
    }

    public IEnumerable<string> OrganisationsIn(MembershipRole role) =>
        Member.Memberships.Where(m => m.Role == role && m.ForbundId == Member.Current?.Id)
            .SelectMany(m => m.OrganisationIds).Select(id => _orgNames.GetValueOrDefault(id, "?")).Order(Stockholm.Comparer);
}
