using LexHeller.Core.Identity;

namespace LexHeller.Web.Identity;

public sealed record MembershipView(int Id, int? ForbundId, string? ForbundName, MembershipRole Role, IReadOnlyList<int> OrganisationIds);

public sealed record ForbundView(int Id, string Name, string Code);

/// <summary>
/// Who the logged-in user is in this request: their active memberships and the förbund they are working in.
/// Loaded once per request after authentication.
/// </summary>
public sealed record MemberContext(
    string UserId,
    string FullName,
    string Email,
    bool TwoFactorEnabled,
    IReadOnlyList<MembershipView> Memberships,
    IReadOnlyList<ForbundView> Forbund,
    ForbundView? Current)
{
    public bool IsAdministrator => Memberships.Any(m => m.Role == MembershipRole.Administrator);

    public bool RequiresTwoFactor => Memberships.Any(m => m.Role.RequiresTwoFactor());

    public IEnumerable<MembershipRole> RolesInCurrent =>
        Memberships.Where(m => Current is not null && m.ForbundId == Current.Id).Select(m => m.Role);

    public bool Has(MembershipRole role) =>
        role == MembershipRole.Administrator ? IsAdministrator : RolesInCurrent.Contains(role);

    public bool HasAny(params MembershipRole[] roles) => roles.Any(Has);
}

public static class MemberContextExtensions
{
    public static MemberContext? Member(this HttpContext context) => context.Features.Get<MemberContext>();

    /// <summary>The member as the user commands and queries of Core know whoever administers users.</summary>
    public static KansliOrAdmin AsKansliOrAdmin(this MemberContext member) =>
        new(member.UserId, member.FullName, member.IsAdministrator, member.Current?.Id, member.Current?.Name);
}
