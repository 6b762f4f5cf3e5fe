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

[Authorize(Policy = Policies.KansliOrAdmin)]
public class DetailsModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock,
    IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record MembershipRow(int Id, string Forbund, MembershipRole Role, string Organisations, bool IsActive, string? DeactivatedAt, bool MayManage);

    public sealed record Choice(int Id, string Name);

    /// <summary>An organisation a membership may name; one it names that has left the förbund is shown so it can be removed.</summary>
    public sealed record OrganisationChoice(int Id, string Name, bool IsMember);

    /// <summary>An active membership whose organisations the viewer may change.</summary>
    public sealed record RepresentationForm(int MembershipId, MembershipRole Role, string Forbund, IReadOnlyList<OrganisationChoice> Choices, IReadOnlyList<int> Current);

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

    public string FullName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public bool HasPassword { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool MayResetTwoFactor { get; private set; }
    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];
    public BugCoverage.Warning Coverage { get; private set; } = BugCoverage.Warning.None;

    /// <summary>Whether the viewer may give this user another role (never themselves).</summary>
    public bool MayGrant { get; private set; }
    public IReadOnlyList<Choice> GrantForbundChoices { get; private set; } = [];
    public string GrantForbundName { get; private set; } = "";
    public IReadOnlyList<MembershipRole> GrantableRoles { get; private set; } = [];
    public IReadOnlyList<Choice> GrantOrganisations { get; private set; } = [];
    public IReadOnlyList<RepresentationForm> Representations { get; private set; } = [];

    /// <summary>The representation form that was posted, so its errors and choices are shown with it.</summary>
    public int? EditedMembershipId { get; private set; }

    private IReadOnlyCollection<Membership> _grantor = [];

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
        if (role is null)
            ModelState.AddModelError("Grant.Role", "Välj en roll.");
        else if (GrantRules.WhyNotGrant(_grantor, role.Value, forbundId) is { } why)
            ModelState.AddModelError("Grant.Role", why);
        else if (user.Memberships.FirstOrDefault(m => m.Role == role && m.ForbundId == forbundId) is { } held)
            ModelState.AddModelError("Grant.Role", held.IsActive
                ? $"{user.FullName} har redan rollen {role.Value.DisplayName()} i förbundet."
                : $"{user.FullName} har redan rollen {role.Value.DisplayName()}, men den är inaktiverad. Återaktivera den i tabellen ovan.");
        else if (OrganisationProblem(role.Value, Grant.OrganisationIds, GrantOrganisations.Select(o => o.Id).ToHashSet()) is { } problem)
            ModelState.AddModelError("Grant.OrganisationIds", problem);
        if (!ModelState.IsValid) return Page();

        var organisationIds = role!.Value.HasOrganisations() ? Grant.OrganisationIds.Distinct().ToList() : [];
        var names = GrantOrganisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Name);
        await Admin.GrantAsync(user, forbundId, role.Value, organisationIds, Describe(role.Value, names), member.UserId);
        TempData["Status"] = forbundId is null
            ? $"{user.FullName} har fått rollen {role.Value.DisplayName()}."
            : $"{user.FullName} har fått rollen {role.Value.DisplayName()} i {GrantForbundName}.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostOrganisationsAsync(int membershipId)
    {
        EditedMembershipId = membershipId;
        var user = await LoadAsync();
        var form = Representations.FirstOrDefault(r => r.MembershipId == membershipId);
        if (user is null || form is null) return NotFound();
        var members = form.Choices.Where(c => c.IsMember).Select(c => c.Id).ToHashSet();
        if (OrganisationProblem(form.Role, Represent.OrganisationIds, members) is { } problem)
        {
            ModelState.AddModelError("Represent.OrganisationIds", problem);
            return Page();
        }

        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var wanted = Represent.OrganisationIds.Distinct().ToList();
        string NamesOf(IEnumerable<int> ids) => Describe(form.Role, form.Choices.Where(c => ids.Contains(c.Id)).Select(c => c.Name));
        var before = NamesOf(form.Current);
        if (!await Admin.SetOrganisationsAsync(user, membership, wanted, before, NamesOf(wanted), HttpContext.Member()!.UserId))
        {
            TempData["Status"] = "Inget ändrades.";
            return RedirectToPage(new { id = Id });
        }
        TempData["Status"] = $"Organisationerna som {user.FullName} företräder som {form.Role.DisplayName()} är sparade.";
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
        var first = user.Memberships.OrderByDescending(m => m.IsActive).First();
        var forbundName = first.ForbundId is null ? "Lex Heller"
            : await db.Forbund.Where(f => f.Id == first.ForbundId).Select(f => f.Name).FirstAsync();
        await Admin.ReinviteAsync(user, forbundName, HttpContext.Member()!.UserId, publicUrl.Value.Absolute);
        TempData["Status"] = $"En ny inbjudan har skickats till {user.Email}.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ChangeMembershipAsync(int membershipId, bool activate)
    {
        var user = await LoadAsync();
        var row = Memberships.FirstOrDefault(m => m.Id == membershipId);
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

    /// <summary>Null when the organisations suit the role and are all members of the förbund, else the Swedish reason.</summary>
    private static string? OrganisationProblem(MembershipRole role, IReadOnlyCollection<int> organisationIds, IReadOnlySet<int> members)
    {
        var ids = organisationIds.Distinct().ToList();
        if (ids.Any(id => !members.Contains(id))) return "Organisationen är inte medlem i förbundet.";
        if (role == MembershipRole.Rapportor && ids.Count != 1) return "En rapportör företräder exakt en organisation.";
        if (role == MembershipRole.BugLedamot && ids.Count == 0)
            return "En BUG-ledamot företräder minst en organisation. Inaktivera rollen om hen inte längre ska vara BUG-ledamot.";
        if (!role.HasOrganisations() && ids.Count > 0) return $"Rollen {role.DisplayName()} företräder ingen organisation.";
        return null;
    }

    /// <summary>A role and its organisations as the audit trail shows them, e.g. "BUG-ledamot: Mölndals stad, Partille kommun".</summary>
    private static string Describe(MembershipRole role, IEnumerable<string> organisations)
    {
        var names = organisations.Order(Stockholm.Comparer).ToList();
        var text = names.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", names)}";
        return text.Length <= 2000 ? text : text[..1999] + "…";
    }

    /// <summary>The user, if the viewer may see them: a kansli sees users with a role in its förbund, an administrator everyone.</summary>
    private async Task<AppUser?> LoadAsync(int? grantForbundId = null)
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
        _grantor = grantor;
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

        var forbundIds = visible.Where(m => m.ForbundId is not null).Select(m => m.ForbundId!.Value).Distinct().ToList();
        Coverage = await BugCoverage.WarningAsync(db, forbundIds, nameForbund: member.IsAdministrator);
        await LoadRepresentationsAsync(visible);
        await LoadGrantAsync(user, member, grantForbundId);
        return user;
    }

    private async Task LoadRepresentationsAsync(IReadOnlyList<Membership> visible)
    {
        var editable = visible.Where(m => m.IsActive && m.ForbundId is not null && m.Role.HasOrganisations()
            && Memberships.Any(r => r.Id == m.Id && r.MayManage)).ToList();
        if (editable.Count == 0) return;
        var forbundIds = editable.Select(m => m.ForbundId!.Value).Distinct().ToList();
        var members = await db.ForbundMembers.Where(f => forbundIds.Contains(f.ForbundId))
            .Select(f => new { f.ForbundId, f.OrganisationId, f.Organisation.Name }).ToListAsync();
        var names = Stockholm.Comparer;
        Representations = editable.Select(m =>
        {
            var own = members.Where(f => f.ForbundId == m.ForbundId).Select(f => new OrganisationChoice(f.OrganisationId, f.Name, true));
            var left = m.Organisations.Where(o => members.All(f => f.ForbundId != m.ForbundId || f.OrganisationId != o.OrganisationId))
                .Select(o => new OrganisationChoice(o.OrganisationId, o.Organisation.Name, false));
            return new RepresentationForm(m.Id, m.Role, m.Forbund!.Name, own.Concat(left).OrderBy(c => c.Name, names).ToList(),
                m.Organisations.Select(o => o.OrganisationId).ToList());
        }).ToList();
    }

    /// <summary>What the viewer may grant: a kansli in the förbund it works in, an administrator in the förbund it picks.</summary>
    private async Task LoadGrantAsync(AppUser user, MemberContext member, int? grantForbundId)
    {
        MayGrant = user.Id != member.UserId;
        if (!MayGrant) return;
        IReadOnlyList<MembershipRole> roles;
        int? target;
        if (member.IsAdministrator)
        {
            GrantForbundChoices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync();
            // The förbund asked for, else one the user already works in, else the administrator's own.
            target = user.Memberships.OrderByDescending(m => m.IsActive).Select(m => m.ForbundId).Prepend(grantForbundId).Append(member.Current?.Id)
                .FirstOrDefault(id => id is not null && GrantForbundChoices.Any(f => f.Id == id)) ?? GrantForbundChoices.FirstOrDefault()?.Id;
            roles = Enum.GetValues<MembershipRole>();
        }
        else
        {
            GrantForbundChoices = [new Choice(member.Current!.Id, member.Current.Name)];
            target = member.Current.Id;
            roles = MembershipRoles.GrantableByKansli;
        }
        if (target is null) { MayGrant = false; return; }
        Grant.ForbundId = target;
        GrantForbundName = GrantForbundChoices.First(f => f.Id == target).Name;
        GrantableRoles = roles.Where(r => !user.Memberships.Any(m => m.Role == r && m.ForbundId == (r == MembershipRole.Administrator ? null : target)))
            .ToList();
        GrantOrganisations = (await db.ForbundMembers.Where(f => f.ForbundId == target)
                .Select(f => new Choice(f.OrganisationId, f.Organisation.Name)).ToListAsync())
            .OrderBy(o => o.Name, Stockholm.Comparer).ToList();
    }
}
