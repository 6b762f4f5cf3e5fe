using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>The BUG meetings of the current förbund, coming first, then past ones; for the kansli and BUG members.</summary>
public class IndexModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, DateTimeOffset StartsAt, string? Place, DateTimeOffset AgendaClosesAt, bool Closed, bool Cancelled, int Cases);

    public IReadOnlyList<Row> Coming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];
    public bool IsKansli { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member()!;
        if (member.Current is null || !member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot)) return Forbid();
        IsKansli = member.Has(MembershipRole.Kansli);
        var now = clock.GetUtcNow();
        var rows = await db.Meetings.AsNoTracking().Where(m => m.ForbundId == member.Current.Id)
            .Select(m => new Row(m.Id, m.StartsAt, m.Place, m.AgendaClosesAt, m.AgendaClosedAt != null, m.CancelledAt != null, m.Items.Count))
            .ToListAsync();
        Coming = rows.Where(r => r.StartsAt > now).OrderBy(r => r.StartsAt).ToList();
        Past = rows.Where(r => r.StartsAt <= now).OrderByDescending(r => r.StartsAt).Take(50).ToList();
        return Page();
    }
}
