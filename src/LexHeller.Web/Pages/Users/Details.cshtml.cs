using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Users;

[Authorize(Policy = Policies.KansliOrAdmin)]
public class DetailsModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public sealed record MembershipRow(int Id, string Forbund, MembershipRole Role, string Organisations, bool IsActive, string? DeactivatedAt, bool MayManage);

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public bool Confirm { get; set; }

    public string FullName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public bool HasPassword { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool MayResetTwoFactor { get; private set; }
    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostDeactivateAsync(int membershipId) => await ChangeMembershipAsync(membershipId, activate: false);

    public async Task<IActionResult> OnPostReactivateAsync(int membershipId) => await ChangeMembershipAsync(membershipId, activate: true);

    public async Task<IActionResult> OnPostResetTwoFactorAsync()
    {
        var user = await LoadAsync();
        if (user is null || !MayResetTwoFactor) return NotFound();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "Kryssa i rutan för att bekräfta att du har kontrollerat vem som ber om återställningen.");
            return Page();
        }
        var store = HttpContext.RequestServices.GetRequiredService<IUserStore<AppUser>>();
        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)store).ReplaceCodesAsync(user, [], HttpContext.RequestAborted);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        var member = HttpContext.Member()!;
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), member.UserId, member.IsAdministrator ? null : member.Current?.Id,
            AuditActions.TwoFactorReset, user.Email ?? user.Id, "Aktiverad", "Återställd"));
        db.Outbox.Add(new TwoFactorChangedMail(user.Email ?? "",
            $"{member.FullName} återställde tvåfaktorsinloggningen för ditt konto {Stockholm.Format(clock.GetUtcNow())}. Du registrerar en ny autentiseringsapp nästa gång du loggar in.")
            .ToOutbox(clock.GetUtcNow(), user.Id));
        await db.SaveChangesAsync();
        TempData["Status"] = $"Tvåfaktorsinloggningen för {user.FullName} är återställd. Hen registrerar en ny app vid nästa inloggning.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReinviteAsync()
    {
        var user = await LoadAsync();
        if (user is null || HasPassword || !MayResetTwoFactor) return NotFound();
        var member = HttpContext.Member()!;
        var now = clock.GetUtcNow();
        var first = user.Memberships.OrderByDescending(m => m.IsActive).First();
        var forbundName = first.ForbundId is null ? "Lex Heller"
            : await db.Forbund.Where(f => f.Id == first.ForbundId).Select(f => f.Name).FirstAsync();
        var (invitation, token) = Invitation.Create(user.Id, member.UserId, now);
        db.Invitations.Add(invitation);
        db.Outbox.Add(new InvitationMail(user.Email!, user.FullName, forbundName, first.Role.DisplayName(),
            Links.Absolute(Request, $"/inbjudan?token={token}"), invitation.ExpiresAt).ToOutbox(now, user.Id, first.ForbundId));
        db.AuditEntries.Add(new AuditEntry(now, member.UserId, first.ForbundId, AuditActions.UserInvited, user.Email!, null, "Ny inbjudan"));
        await db.SaveChangesAsync();
        TempData["Status"] = $"En ny inbjudan har skickats till {user.Email}.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ChangeMembershipAsync(int membershipId, bool activate)
    {
        var user = await LoadAsync();
        var row = Memberships.FirstOrDefault(m => m.Id == membershipId);
        if (user is null || row is null || !row.MayManage) return NotFound();
        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var member = HttpContext.Member()!;
        var now = clock.GetUtcNow();
        if (activate) membership.Reactivate();
        else membership.Deactivate(now);
        db.AuditEntries.Add(new AuditEntry(now, member.UserId, membership.ForbundId,
            activate ? AuditActions.MembershipReactivated : AuditActions.MembershipDeactivated,
            user.Email ?? user.Id, $"{membership.Role.DisplayName()}: {(activate ? "inaktiv" : "aktiv")}", $"{membership.Role.DisplayName()}: {(activate ? "aktiv" : "inaktiv")}"));
        await db.SaveChangesAsync();
        // A new security stamp ends every session of the user, so lost roles take effect at once.
        if (!activate) await users.UpdateSecurityStampAsync(user);
        TempData["Status"] = activate ? $"Rollen {membership.Role.DisplayName()} är återaktiverad." : $"Rollen {membership.Role.DisplayName()} är inaktiverad.";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The user, if the viewer may see them: a kansli sees users with a role in its förbund, an administrator everyone.</summary>
    private async Task<AppUser?> LoadAsync()
    {
        var member = HttpContext.Member()!;
        var user = await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Organisations).ThenInclude(o => o.Organisation)
            .Include(u => u.Memberships).ThenInclude(m => m.Forbund)
            .FirstOrDefaultAsync(u => u.Id == Id);
        if (user is null) return null;
        var visible = member.IsAdministrator
            ? user.Memberships.ToList()
            : user.Memberships.Where(m => m.ForbundId == member.Current?.Id).ToList();
        if (visible.Count == 0) return null;

        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == member.UserId && m.IsActive).ToListAsync();
        FullName = user.FullName;
        Email = user.Email ?? "";
        CreatedAt = user.CreatedAt;
        HasPassword = user.PasswordHash is not null;
        TwoFactorEnabled = user.TwoFactorEnabled;
        // Resetting someone's second factor is allowed only to whoever may manage every role they hold.
        MayResetTwoFactor = user.Id != member.UserId && user.Memberships.Where(m => m.IsActive)
            .All(m => GrantRules.MayManage(grantor, m.Role, m.ForbundId));
        Memberships = visible
            .OrderBy(m => m.Forbund?.Name).ThenBy(m => m.Role)
            .Select(m => new MembershipRow(m.Id, m.Forbund?.Name ?? "Hela systemet", m.Role,
                m.Organisations.Count == 0 ? "–" : string.Join(", ", m.Organisations.Select(o => o.Organisation.Name)),
                m.IsActive, m.DeactivatedAt is { } d ? Stockholm.FormatDate(d) : null,
                user.Id != member.UserId && GrantRules.MayManage(grantor, m.Role, m.ForbundId)))
            .ToList();
        return user;
    }
}
