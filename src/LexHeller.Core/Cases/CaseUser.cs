using LexHeller.Core.Identity;

namespace LexHeller.Core.Cases;

/// <summary>The user a case command acts for: who they are and their active roles, per förbund.</summary>
public sealed record CaseUser(string UserId, IReadOnlyList<CaseUser.Role> Roles)
{
    /// <param name="Organisations">The partner organisations the membership represents (reporters and BUG members).</param>
    public sealed record Role(int ForbundId, MembershipRole Kind, IReadOnlyList<int> Organisations);

    public IReadOnlyCollection<MembershipRole> RolesIn(int forbundId) =>
        Roles.Where(r => r.ForbundId == forbundId).Select(r => r.Kind).Distinct().ToList();

    public IReadOnlyCollection<int> OrganisationsIn(int forbundId, MembershipRole kind) =>
        Roles.Where(r => r.ForbundId == forbundId && r.Kind == kind).SelectMany(r => r.Organisations).Distinct().ToList();

    public bool CanView(Case c) => CaseVisibility.CanView(c, UserId, RolesIn(c.ForbundId));

    public CaseActorContext ActorFor(Case c) =>
        new(UserId, CaseVisibility.ActorsFor(c, UserId, RolesIn(c.ForbundId)), OrganisationsIn(c.ForbundId, MembershipRole.BugLedamot));
}
