using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Users;

[Authorize(Policy = Policies.KansliOrAdmin)]
public class UsersIndexModel(LexHellerDb db, TimeProvider clock, InactiveMemberships inactive) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(string Id, string FullName, string Email, string Roles, string Status, bool TwoFactor);

    /// <summary>A role offered to an account outside the förbund, not yet answered: the address as typed is all there is to show.</summary>
    public sealed record PendingOffer(string Email, string Forbund, MembershipRole Role, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public MembershipRole? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "namn";
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;

    public bool IsAdmin { get; private set; }
    public string ForbundName { get; private set; } = "";
    public int Total { get; private set; }
    public int Pages { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public BugCoverage.Warning Coverage { get; private set; } = BugCoverage.Warning.None;
    public IReadOnlyList<PendingOffer> Offers { get; private set; } = [];

    /// <summary>Accounts listed on the page of those who have not logged in for the configured period.</summary>
    public int InactiveAccounts { get; private set; }
    public int InactiveDays => inactive.Days;

    public async Task OnGetAsync()
    {
        var member = HttpContext.Member()!;
        IsAdmin = member.IsAdministrator;
        var forbundId = IsAdmin ? (int?)null : member.Current!.Id;
        ForbundName = member.Current?.Name ?? "";
        Coverage = await BugCoverage.WarningAsync(db, forbundId is { } own ? [own] : await db.Forbund.Select(f => f.Id).ToListAsync(), nameForbund: IsAdmin);

        InactiveAccounts = await inactive.CountAccountsAsync(member.AsKansliOrAdmin());
        var now = clock.GetUtcNow();
        Offers = await db.Invitations.AsNoTracking()
            .Where(i => i.Role != null && i.UsedAt == null && i.ExpiresAt > now && (forbundId == null || i.ForbundId == forbundId))
            .OrderByDescending(i => i.CreatedAt).Take(PageSize)
            .Select(i => new PendingOffer(i.Email ?? "", db.Forbund.Where(f => f.Id == i.ForbundId).Select(f => f.Name).FirstOrDefault() ?? "",
                i.Role!.Value, i.CreatedAt, i.ExpiresAt))
            .ToListAsync();

        var memberships = db.Memberships.AsQueryable();
        if (forbundId is not null) memberships = memberships.Where(m => m.ForbundId == forbundId);
        if (Role is not null) memberships = memberships.Where(m => m.Role == Role);
        var userIds = memberships.Select(m => m.UserId);

        var query = db.Users.Where(u => userIds.Contains(u.Id));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLower();
            query = query.Where(u => u.FullName.ToLower().Contains(q) || u.NormalizedEmail!.Contains(q.ToUpper()));
        }
        var scoped = db.Memberships.Where(m => forbundId == null || m.ForbundId == forbundId);
        query = Status switch
        {
            "aktiv" => query.Where(u => scoped.Any(m => m.UserId == u.Id && m.IsActive) && u.PasswordHash != null),
            "inaktiv" => query.Where(u => !scoped.Any(m => m.UserId == u.Id && m.IsActive)),
            "inbjuden" => query.Where(u => u.PasswordHash == null),
            _ => query,
        };
        query = Sort switch
        {
            "epost" => query.OrderBy(u => u.NormalizedEmail),
            "skapad" => query.OrderByDescending(u => u.CreatedAt),
            _ => query.OrderBy(u => u.FullName),
        };

        Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        var users = await query.Skip((P - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.FullName, u.Email, u.TwoFactorEnabled, Invited = u.PasswordHash == null,
                Memberships = scoped.Where(m => m.UserId == u.Id)
                    .Select(m => new { m.Role, m.IsActive, Forbund = m.Forbund!.Code }).ToList(),
            })
            .ToListAsync();

        Rows = users.Select(u => new Row(
            u.Id, u.FullName, u.Email ?? "",
            string.Join(", ", u.Memberships.Where(m => m.IsActive)
                .Select(m => IsAdmin && m.Forbund is not null ? $"{m.Role.DisplayName()} ({m.Forbund})" : m.Role.DisplayName())),
            u.Invited ? "Inbjuden" : u.Memberships.Any(m => m.IsActive) ? "Aktiv" : "Inaktiverad",
            u.TwoFactorEnabled)).ToList();
    }
}
