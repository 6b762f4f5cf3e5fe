using LexHeller.Core.Cases;
using LexHeller.Core.Identity;

namespace LexHeller.Web.Identity;

/// <summary>What the logged-in member may see and do on a case, from their roles in the case's förbund.</summary>
public static class CaseAccess
{
    public static IReadOnlyCollection<MembershipRole> RolesIn(this MemberContext member, int forbundId) =>
        member.Memberships.Where(m => m.ForbundId == forbundId).Select(m => m.Role).Distinct().ToList();

    public static IReadOnlyCollection<int> OrganisationsIn(this MemberContext member, int forbundId, MembershipRole role) =>
        member.Memberships.Where(m => m.ForbundId == forbundId && m.Role == role).SelectMany(m => m.OrganisationIds).Distinct().ToList();

    /// <summary>The member as the case commands and queries of Core know a user.</summary>
    public static CaseUser AsCaseUser(this MemberContext member) =>
        new(member.UserId, member.Memberships.Where(m => m.ForbundId is not null)
            .Select(m => new CaseUser.Role(m.ForbundId!.Value, m.Role, m.OrganisationIds)).ToList());

    public static bool CanView(this MemberContext member, Case c) => CaseVisibility.CanView(c, member.UserId, member.RolesIn(c.ForbundId));

    public static CaseActorContext ActorFor(this MemberContext member, Case c) =>
        new(member.UserId, CaseVisibility.ActorsFor(c, member.UserId, member.RolesIn(c.ForbundId)),
            member.OrganisationsIn(c.ForbundId, MembershipRole.BugLedamot));
}
