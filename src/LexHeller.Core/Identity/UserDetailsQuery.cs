using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// The read behind a user's page for the kansli or administrator: which of the user's roles the viewer sees and may
/// manage, the organisations those roles may represent, and what the viewer may grant. The user comes back tracked,
/// with its memberships and organisations, because every form on the page changes that same user.
/// </summary>
public sealed class UserDetailsQuery(LexHellerDb db)
{
    public sealed record MembershipRow(int Id, string Forbund, MembershipRole Role, string Organisations, bool IsActive, string? DeactivatedAt, bool MayManage);

    public sealed record Choice(int Id, string Name);

    /// <summary>An organisation a membership may name; one it names that has left the förbund is shown so it can be removed.</summary>
    public sealed record OrganisationChoice(int Id, string Name, bool IsMember);

    /// <summary>An active membership whose organisations the viewer may change.</summary>
    public sealed record RepresentationForm(int MembershipId, MembershipRole Role, string Forbund, IReadOnlyList<OrganisationChoice> Choices, IReadOnlyList<int> Current)
    {
        /// <summary>Null when the role may represent these organisations (only ones still in the förbund), else the Swedish reason.</summary>
        public string? WhyNot(IReadOnlyCollection<int> organisationIds) =>
            MembershipAdmin.OrganisationProblem(Role, organisationIds, Choices.Where(c => c.IsMember).Select(c => c.Id).ToHashSet());

        /// <summary>The role with these of its choices, as the audit trail shows them.</summary>
        public string Describe(IEnumerable<int> organisationIds) =>
            MembershipAdmin.Describe(Role, Choices.Where(c => organisationIds.Contains(c.Id)).Select(c => c.Name));
    }

    /// <summary>
    /// What the viewer may grant. <see cref="ForbundId"/> is null when there is no förbund to grant in, and then
    /// nothing may be granted even though <see cref="ForbundChoices"/> is shown as it is.
    /// </summary>
    public sealed record GrantOptions(IReadOnlyList<Choice> ForbundChoices, int? ForbundId, string ForbundName,
        IReadOnlyList<MembershipRole> Roles, IReadOnlyList<Choice> Organisations);

    public sealed record Result(
        AppUser User,
        IReadOnlyList<Membership> Visible,
        IReadOnlyList<Membership> Grantor,
        bool MayResetTwoFactor,
        IReadOnlyList<MembershipRow> Memberships,
        IReadOnlyList<RepresentationForm> Representations,
        GrantOptions? Grant)
    {
        /// <summary>The förbund of the roles the viewer sees, for the BUG coverage warning.</summary>
        public IReadOnlyList<int> ForbundIds =>
            Visible.Where(m => m.ForbundId is not null).Select(m => m.ForbundId!.Value).Distinct().ToList();
    }

    /// <summary>
    /// The user, if the viewer may see them (an administrator sees every role, a kansli those in the förbund it works
    /// in); null otherwise. <paramref name="grantForbundId"/> is the förbund an administrator asked to grant in.
    /// <see cref="Result.Grant"/> is null when the viewer is looking at themselves.
    /// </summary>
    public async Task<Result?> LoadAsync(string userId, KansliOrAdmin viewer, int? grantForbundId = null, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Organisations).ThenInclude(o => o.Organisation)
            .Include(u => u.Memberships).ThenInclude(m => m.Forbund)
            .FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var visible = viewer.IsAdministrator
            ? user.Memberships.ToList()
            : user.Memberships.Where(m => m.ForbundId == viewer.CurrentForbundId).ToList();
        if (visible.Count == 0) return null;

        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == viewer.UserId && m.IsActive).ToListAsync(ct);
        var self = user.Id == viewer.UserId;
        // Resetting someone's second factor is allowed only to whoever may manage every role they hold.
        var mayReset = !self && user.Memberships.Where(m => m.IsActive).All(m => GrantRules.MayManage(grantor, m.Role, m.ForbundId));
        var rows = visible
            .OrderBy(m => m.Forbund?.Name).ThenBy(m => m.Role)
            .Select(m => new MembershipRow(m.Id, m.Forbund?.Name ?? "Hela systemet", m.Role,
                m.Organisations.Count == 0 ? "–" : string.Join(", ", m.Organisations.Select(o => o.Organisation.Name)),
                m.IsActive, m.DeactivatedAt is { } d ? Stockholm.FormatDate(d) : null,
                !self && GrantRules.MayManage(grantor, m.Role, m.ForbundId)))
            .ToList();
        var representations = await RepresentationsAsync(visible, rows, ct);
        var grant = self ? null : await GrantAsync(user, viewer, grantForbundId, ct);
        return new Result(user, visible, grantor, mayReset, rows, representations, grant);
    }

    private async Task<IReadOnlyList<RepresentationForm>> RepresentationsAsync(IReadOnlyList<Membership> visible,
        IReadOnlyList<MembershipRow> rows, CancellationToken ct)
    {
        var editable = visible.Where(m => m.IsActive && m.ForbundId is not null && m.Role.HasOrganisations()
            && rows.Any(r => r.Id == m.Id && r.MayManage)).ToList();
        if (editable.Count == 0) return [];
        var forbundIds = editable.Select(m => m.ForbundId!.Value).Distinct().ToList();
        var members = await db.ForbundMembers.Where(f => forbundIds.Contains(f.ForbundId))
            .Select(f => new { f.ForbundId, f.OrganisationId, f.Organisation.Name }).ToListAsync(ct);
        var names = Stockholm.Comparer;
        return editable.Select(m =>
        {
            var own = members.Where(f => f.ForbundId == m.ForbundId).Select(f => new OrganisationChoice(f.OrganisationId, f.Name, true));
            var left = m.Organisations.Where(o => members.All(f => f.ForbundId != m.ForbundId || f.OrganisationId != o.OrganisationId))
                .Select(o => new OrganisationChoice(o.OrganisationId, o.Organisation.Name, false));
            return new RepresentationForm(m.Id, m.Role, m.Forbund!.Name, own.Concat(left).OrderBy(c => c.Name, names).ToList(),
                m.Organisations.Select(o => o.OrganisationId).ToList());
        }).ToList();
    }

    /// <summary>What the viewer may grant: a kansli in the förbund it works in, an administrator in the förbund it picks.</summary>
    private async Task<GrantOptions> GrantAsync(AppUser user, KansliOrAdmin viewer, int? grantForbundId, CancellationToken ct)
    {
        IReadOnlyList<Choice> forbundChoices;
        IReadOnlyList<MembershipRole> roles;
        int? target;
        if (viewer.IsAdministrator)
        {
            forbundChoices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync(ct);
            // The förbund asked for, else one the user already works in, else the administrator's own.
            target = user.Memberships.OrderByDescending(m => m.IsActive).Select(m => m.ForbundId).Prepend(grantForbundId).Append(viewer.CurrentForbundId)
                .FirstOrDefault(id => id is not null && forbundChoices.Any(f => f.Id == id)) ?? forbundChoices.FirstOrDefault()?.Id;
            roles = Enum.GetValues<MembershipRole>();
        }
        else
        {
            forbundChoices = [new Choice(viewer.CurrentForbundId!.Value, viewer.CurrentForbundName!)];
            target = viewer.CurrentForbundId;
            roles = MembershipRoles.GrantableByKansli;
        }
        if (target is null) return new GrantOptions(forbundChoices, null, "", [], []);
        var grantable = roles.Where(r => !user.Memberships.Any(m => m.Role == r && m.ForbundId == (r == MembershipRole.Administrator ? null : target)))
            .ToList();
        var organisations = (await db.ForbundMembers.Where(f => f.ForbundId == target)
                .Select(f => new Choice(f.OrganisationId, f.Organisation.Name)).ToListAsync(ct))
            .OrderBy(o => o.Name, Stockholm.Comparer).ToList();
        return new GrantOptions(forbundChoices, target, forbundChoices.First(f => f.Id == target).Name, grantable, organisations);
    }
}
