using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;

namespace LexHeller.Core.Tests.Identity;

/// <summary>Roles and organisation kinds are stored by name: renaming one would orphan rows.</summary>
public class StoredNamesTests
{
    [Fact]
    public void Membership_role_names_are_frozen() =>
        Assert.Equal(["Rapportor", "Kansli", "BugLedamot", "Styrelse", "Administrator"], Enum.GetNames<MembershipRole>());

    [Fact]
    public void Organisation_kind_names_are_frozen() =>
        Assert.Equal(["Forsakringskassan", "Arbetsformedlingen", "Kommun", "Region", "OtherActor"], Enum.GetNames<OrganisationKind>());

    [Fact]
    public void Exactly_kansli_bug_and_administrator_require_two_factor() =>
        Assert.Equal([MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Administrator],
            Enum.GetValues<MembershipRole>().Where(r => r.RequiresTwoFactor()));
}
