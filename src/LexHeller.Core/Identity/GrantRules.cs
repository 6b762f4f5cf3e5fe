namespace LexHeller.Core.Identity;

/// <summary>Who may grant or change which membership: kansli within its own förbund, administrators everywhere.</summary>
public static class GrantRules
{
    public static bool IsAdministrator(IEnumerable<Membership> grantor) =>
        grantor.Any(m => m.IsActive && m.Role == MembershipRole.Administrator);

    public static bool IsKansliOf(IEnumerable<Membership> grantor, int forbundId) =>
        grantor.Any(m => m.IsActive && m.Role == MembershipRole.Kansli && m.ForbundId == forbundId);

    /// <summary>Null when allowed, else the Swedish reason.</summary>
    public static string? WhyNotGrant(IReadOnlyCollection<Membership> grantor, MembershipRole role, int? forbundId)
    {
        if (IsAdministrator(grantor))
            return role != MembershipRole.Administrator && forbundId is null ? "Välj ett förbund för rollen." : null;
        if (role is MembershipRole.Kansli or MembershipRole.Administrator)
            return $"Endast en administratör kan ge rollen {role.DisplayName()}.";
        if (forbundId is null || !IsKansliOf(grantor, forbundId.Value))
            return "Du kan bara ge roller i förbund där du själv är kansli.";
        return null;
    }

    /// <summary>Whether the grantor may change (deactivate, reset two-factor of) a membership of this kind.</summary>
    public static bool MayManage(IReadOnlyCollection<Membership> grantor, MembershipRole role, int? forbundId) =>
        WhyNotGrant(grantor, role, forbundId) is null;
}
