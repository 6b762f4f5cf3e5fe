using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Users;

/// <summary>Kansli invites users to its own förbund; administrators to any förbund and any role.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class InviteModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock,
    IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record Choice(int Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i personens namn.")]
        [StringLength(200, ErrorMessage = "Namnet får vara högst 200 tecken.")]
        [Display(Name = "Namn")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Fyll i personens e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress, t.ex. namn@kommun.se.")]
        [StringLength(254, ErrorMessage = "E-postadressen får vara högst 254 tecken.")]
        [Display(Name = "E-post")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Välj en roll.")]
        [Display(Name = "Roll")]
        public MembershipRole? Role { get; set; }

        public int? ForbundId { get; set; }

        public List<int> OrganisationIds { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<Choice> ForbundChoices { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    public IReadOnlyList<MembershipRole> GrantableRoles { get; private set; } = [];
    public string ForbundName { get; private set; } = "";

    public async Task OnGetAsync(int? forbundId)
    {
        Input.ForbundId = forbundId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var grantor = await GrantorMembershipsAsync();
        var role = Input.Role;
        if (role is not null)
        {
            var targetForbund = role == MembershipRole.Administrator ? null : Input.ForbundId;
            if (GrantRules.WhyNotGrant(grantor, role.Value, targetForbund) is { } why)
                ModelState.AddModelError("Input.Role", why);
            var validOrgs = Organisations.Select(o => o.Id).ToHashSet();
            if (Input.OrganisationIds.Any(id => !validOrgs.Contains(id)))
                ModelState.AddModelError("Input.OrganisationIds", "Välj bland förbundets organisationer.");
            else if (role == MembershipRole.Rapportor && Input.OrganisationIds.Count != 1)
                ModelState.AddModelError("Input.OrganisationIds", "En rapportör företräder exakt en organisation.");
            else if (role == MembershipRole.BugLedamot && Input.OrganisationIds.Count == 0)
                ModelState.AddModelError("Input.OrganisationIds", "Välj minst en organisation som BUG-ledamoten företräder.");
            else if (!role.Value.HasOrganisations() && Input.OrganisationIds.Count > 0)
                ModelState.AddModelError("Input.OrganisationIds", $"Rollen {role.Value.DisplayName()} företräder ingen organisation.");
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var actor = HttpContext.Member()!.UserId;
        var forbundId = role == MembershipRole.Administrator ? null : Input.ForbundId;
        var email = Input.Email.Trim();
        var existing = await users.FindByEmailAsync(email);

        await using var tx = await db.Database.BeginTransactionAsync();
        if (existing is not null)
        {
            await db.Entry(existing).Collection(u => u.Memberships).LoadAsync();
            // Someone outside the kansli's förbund decides for themselves: they are offered the role, and until they
            // accept the kansli learns nothing of the account beyond the address it typed.
            if (!HttpContext.Member()!.IsAdministrator && existing.Memberships.All(m => m.ForbundId != forbundId))
            {
                MembershipOffers.Add(db, existing, email, forbundId!.Value, ForbundName, role!.Value, Input.OrganisationIds,
                    Describe(role.Value), actor, publicUrl.Value.Absolute, now);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                TempData["Status"] = $"Inbjudan skickades till {email}.";
                return Redirect("/anvandare");
            }
            var same = existing.Memberships.FirstOrDefault(m => m.ForbundId == forbundId && m.Role == role);
            if (same is { IsActive: true })
            {
                ModelState.AddModelError("Input.Email", $"{existing.FullName} har redan rollen {role!.Value.DisplayName()} i förbundet.");
                return Page();
            }
            if (same is not null)
            {
                ModelState.AddModelError("Input.Email", $"{existing.FullName} har rollen men den är inaktiverad. Återaktivera den på användarens sida.");
                return Page();
            }
            new MembershipAdmin(db, clock).Grant(existing, email, forbundId, role!.Value, Input.OrganisationIds, role.Value.DisplayName(), actor);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            TempData["Status"] = $"{existing.FullName} fanns redan i Lex Heller och har fått rollen {role.Value.DisplayName()}.";
            return Redirect($"/anvandare/{existing.Id}");
        }

        var user = new AppUser(email, Input.FullName.Trim(), now);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) ModelState.AddModelError("Input.Email", e.Description);
            return Page();
        }
        user.AddMembership(forbundId, role!.Value, Input.OrganisationIds, now);
        new MembershipAdmin(db, clock).Invite(user, email, forbundId, forbundId is null ? "Lex Heller" : ForbundName, role.Value,
            role.Value.DisplayName(), actor, publicUrl.Value.Absolute);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Status"] = $"En inbjudan har skickats till {email}.";
        return Redirect($"/anvandare/{user.Id}");
    }

    /// <summary>The role and the chosen organisations as the audit trail shows them.</summary>
    private string Describe(MembershipRole role)
    {
        var names = Organisations.Where(o => Input.OrganisationIds.Contains(o.Id)).Select(o => o.Name).ToList();
        return names.Count == 0 || !role.HasOrganisations() ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", names)}";
    }

    private async Task<IReadOnlyCollection<Membership>> GrantorMembershipsAsync()
    {
        var userId = HttpContext.Member()!.UserId;
        return await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.IsActive).ToListAsync();
    }

    private async Task LoadAsync()
    {
        var member = HttpContext.Member()!;
        if (member.IsAdministrator)
        {
            ForbundChoices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync();
            GrantableRoles = Enum.GetValues<MembershipRole>();
            if (Input.ForbundId is null || ForbundChoices.All(f => f.Id != Input.ForbundId))
                Input.ForbundId = member.Current?.Id ?? ForbundChoices.FirstOrDefault()?.Id;
        }
        else
        {
            // A kansli always works in its current förbund, whatever the form says.
            ForbundChoices = [new Choice(member.Current!.Id, member.Current.Name)];
            GrantableRoles = MembershipRoles.GrantableByKansli;
            if (Input.ForbundId is not null && Input.ForbundId != member.Current.Id)
                ModelState.AddModelError(string.Empty, "Du kan bara bjuda in användare till förbund där du själv är kansli.");
            Input.ForbundId = member.Current.Id;
        }
        ForbundName = ForbundChoices.FirstOrDefault(f => f.Id == Input.ForbundId)?.Name ?? "";
        Organisations = await db.ForbundMembers.Where(m => m.ForbundId == Input.ForbundId)
            .Select(m => new Choice(m.OrganisationId, m.Organisation.Name)).ToListAsync();
        Organisations = Organisations.OrderBy(o => o.Name, Core.Time.Stockholm.Comparer).ToList();
    }
}
