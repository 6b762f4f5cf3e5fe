using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using static LexHeller.Core.Identity.UserDetailsQuery;

namespace LexHeller.Web.Pages.Users;

[Authorize(Policy = Policies.KansliOrAdmin)]
public class DetailsModel(LexHellerDb db, UserDetailsQuery query, UserManager<AppUser> users, TimeProvider clock,
    IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed class GrantInput
    {
        public int? ForbundId { get; set; }
        public MembershipRole? Role { get; set; }
        public List<int> OrganisationIds { get; set; } = [];
    }

    public sealed class RepresentInput
    {
        public List<int> OrganisationIds { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public GrantInput Grant { get; set; } = new();
    [BindProperty] public RepresentInput Represent { get; set; } = new();

    // Set by LoadAsync; a handler that finds no user returns NotFound before anything is rendered.
    private Result _shown = null!;

    public string FullName => _shown.User.FullName;
    public string Email => _shown.User.Email ?? "";
    public DateTimeOffset CreatedAt => _shown.User.CreatedAt;
    public bool HasPassword => _shown.User.PasswordHash is not null;
    public bool TwoFactorEnabled => _shown.User.TwoFactorEnabled;
    public bool MayResetTwoFactor => _shown.MayResetTwoFactor;
    public IReadOnlyList<MembershipRow> Memberships => _shown.Memberships;
    public IReadOnlyList<RepresentationForm> Representations => _shown.Representations;
    public BugCoverage.Warning Coverage { get; private set; } = BugCoverage.Warning.None;

    /// <summary>Whether the viewer may give this user another role (never themselves, and only where there is a förbund).</summary>
    public bool MayGrant => _shown.Grant?.ForbundId is not null;
    public IReadOnlyList<Choice> GrantForbundChoices => _shown.Grant?.ForbundChoices ?? [];
    public string GrantForbundName => _shown.Grant?.ForbundName ?? "";
    public IReadOnlyList<MembershipRole> GrantableRoles => _shown.Grant?.Roles ?? [];
    public IReadOnlyList<Choice> GrantOrganisations => _shown.Grant?.Organisations ?? [];

    /// <summary>The representation form that was posted, so its errors and choices are shown with it.</summary>
    public int? EditedMembershipId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? forbundId) => await LoadAsync(forbundId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        var posted = Grant.ForbundId;
        var user = await LoadAsync(posted);
        if (user is null || !MayGrant) return NotFound();
        var member = HttpContext.Member()!;
        if (posted is not null && posted != Grant.ForbundId)
        {
            // A kansli's form always names the förbund it works in; anything else was not offered.
            ModelState.AddModelError(string.Empty, member.IsAdministrator ? "Förbundet finns inte." : "Du kan bara ge roller i förbundet du arbetar i.");
            return Page();
        }

        var role = Grant.Role;
        var forbundId = role == MembershipRole.Administrator ? null : Grant.ForbundId;
        if (MembershipAdmin.WhyNotGrant(user, _shown.Grantor, role, forbundId, Grant.OrganisationIds,
                GrantOrganisations.Select(o => o.Id).ToHashSet()) is { } refusal)
            ModelState.AddModelError(refusal.OnOrganisations ? "Grant.OrganisationIds" : "Grant.Role", refusal.Reason);
        if (!ModelState.IsValid) return Page();

        var organisationIds = role!.Value.HasOrganisations() ? Grant.OrganisationIds.Distinct().ToList() : [];
        var names = GrantOrganisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Name);
        await Admin.GrantAsync(user, forbundId, role.Value, organisationIds, MembershipAdmin.Describe(role.Value, names), member.UserId);
        TempData["Status"] = forbundId is null
            ? $"{user.FullName} har fått rollen {role.Value.DisplayName()}."
            : $"{user.FullName} har fått rollen {role.Value.DisplayName()} i {GrantForbundName}.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostOrganisationsAsync(int membershipId)
    {
        EditedMembershipId = membershipId;
        var user = await LoadAsync();
        var form = user is null ? null : Representations.FirstOrDefault(r => r.MembershipId == membershipId);
        if (user is null || form is null) return NotFound();
        if (form.WhyNot(Represent.OrganisationIds) is { } problem)
        {
            ModelState.AddModelError("Represent.OrganisationIds", problem);
            return Page();
        }

        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var wanted = Represent.OrganisationIds.Distinct().ToList();
        var changed = await Admin.SetOrganisationsAsync(user, membership, wanted, form.Describe(form.Current), form.Describe(wanted),
            HttpContext.Member()!.UserId);
        TempData["Status"] = changed ? $"Organisationerna som {user.FullName} företräder som {form.Role.DisplayName()} är sparade." : "Inget ändrades.";
        return RedirectToPage(new { id = Id });
    }

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
        var store = (IUserTwoFactorRecoveryCodeStore<AppUser>)HttpContext.RequestServices.GetRequiredService<IUserStore<AppUser>>();
        var member = HttpContext.Member()!;
        await Admin.ResetTwoFactorAsync(users, store, user, member.UserId, member.FullName, member.IsAdministrator ? null : member.Current?.Id,
            HttpContext.RequestAborted);
        TempData["Status"] = $"Tvåfaktorsinloggningen för {user.FullName} är återställd. Hen registrerar en ny app vid nästa inloggning.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReinviteAsync()
    {
        var user = await LoadAsync();
        if (user is null || HasPassword || !MayResetTwoFactor) return NotFound();
        await Admin.ReinviteAsync(user, HttpContext.Member()!.UserId, publicUrl.Value.Absolute);
        TempData["Status"] = $"En ny inbjudan har skickats till {user.Email}.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ChangeMembershipAsync(int membershipId, bool activate)
    {
        var user = await LoadAsync();
        var row = user is null ? null : Memberships.FirstOrDefault(m => m.Id == membershipId);
        if (user is null || row is null || !row.MayManage) return NotFound();
        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var actor = HttpContext.Member()!.UserId;
        if (activate) await Admin.ReactivateAsync(user, membership, actor);
        else await Admin.DeactivateAsync(user, membership, actor);
        // A new security stamp ends every session of the user, so lost roles take effect at once.
        if (!activate) await users.UpdateSecurityStampAsync(user);
        TempData["Status"] = activate ? $"Rollen {membership.Role.DisplayName()} är återaktiverad." : $"Rollen {membership.Role.DisplayName()} är inaktiverad.";
        return RedirectToPage(new { id = Id });
    }

    private MembershipAdmin Admin => new(db, clock);

    /// <summary>The user, if the viewer may see them; the förbund an administrator asked to grant in is preselected.</summary>
    private async Task<AppUser?> LoadAsync(int? grantForbundId = null)
    {
        var member = HttpContext.Member()!;
        var found = await query.LoadAsync(Id, new Viewer(member.UserId, member.IsAdministrator, member.Current?.Id, member.Current?.Name),
            grantForbundId, HttpContext.RequestAborted);
        if (found is null) return null;
        _shown = found;
        Coverage = await BugCoverage.WarningAsync(db, found.ForbundIds, nameForbund: member.IsAdministrator);
        if (found.Grant?.ForbundId is { } target) Grant.ForbundId = target;
        return found.User;
    }
}
