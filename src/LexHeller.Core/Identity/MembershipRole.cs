namespace LexHeller.Core.Identity;

/// <summary>The roles of DESIGN.md; stored by name, so the names are frozen by a test.</summary>
public enum MembershipRole
{
    Rapportor,
    Kansli,
    BugLedamot,
    Styrelse,
    Administrator,
}

public static class MembershipRoles
{
    public static string DisplayName(this MembershipRole role) => role switch
    {
        MembershipRole.Rapportor => "Rapportör",
        MembershipRole.Kansli => "Kansli",
        MembershipRole.BugLedamot => "BUG-ledamot",
        MembershipRole.Styrelse => "Styrelse",
        MembershipRole.Administrator => "Administratör",
    };

    /// <summary>Roles that see cases of others and so must use two-factor authentication.</summary>
    public static bool RequiresTwoFactor(this MembershipRole role) =>
        role is MembershipRole.Kansli or MembershipRole.BugLedamot or MembershipRole.Administrator;

    /// <summary>Whether a membership of this role names partner organisations (kansli and administrators have none).</summary>
    public static bool HasOrganisations(this MembershipRole role) =>
        role is MembershipRole.Rapportor or MembershipRole.BugLedamot;

    /// <summary>Roles that a kansli may grant within its own förbund.</summary>
    public static IReadOnlyList<MembershipRole> GrantableByKansli { get; } =
        [MembershipRole.Rapportor, MembershipRole.BugLedamot, MembershipRole.Styrelse];
}
