using LexHeller.Core.Identity;

namespace LexHeller.Core.Tests.Identity;

public class GrantRulesTests
{
    private const int Insjoriket = 1, SodraNorrbotten = 2;

    private static IReadOnlyCollection<Membership> Holding(params (int? Forbund, MembershipRole Role)[] roles)
    {
        var user = new AppUser("x@example.se", "X", DateTimeOffset.UnixEpoch);
        foreach (var (forbund, role) in roles) user.AddMembership(forbund, role, [], DateTimeOffset.UnixEpoch);
        return user.Memberships;
    }

    [Theory]
    [InlineData(MembershipRole.Rapportor)]
    [InlineData(MembershipRole.BugLedamot)]
    [InlineData(MembershipRole.Styrelse)]
    public void Kansli_may_grant_partner_roles_in_own_forbund(MembershipRole role) =>
        Assert.Null(GrantRules.WhyNotGrant(Holding((Insjoriket, MembershipRole.Kansli)), role, Insjoriket));

    [Theory]
    [InlineData(MembershipRole.Kansli)]
    [InlineData(MembershipRole.Administrator)]
    public void Kansli_may_not_grant_kansli_or_administrator(MembershipRole role)
    {
        var why = GrantRules.WhyNotGrant(Holding((Insjoriket, MembershipRole.Kansli)), role, Insjoriket);
        Assert.Equal($"Endast en administratör kan ge rollen {role.DisplayName()}.", why);
    }

    [Fact]
    public void Kansli_may_not_grant_in_another_forbund()
    {
        var why = GrantRules.WhyNotGrant(Holding((Insjoriket, MembershipRole.Kansli)), MembershipRole.Rapportor, SodraNorrbotten);
        Assert.Equal("Du kan bara ge roller i förbund där du själv är kansli.", why);
    }

    [Fact]
    public void A_deactivated_kansli_membership_grants_nothing()
    {
        var grantor = Holding((Insjoriket, MembershipRole.Kansli));
        grantor.Single().Deactivate(DateTimeOffset.UnixEpoch);
        Assert.NotNull(GrantRules.WhyNotGrant(grantor, MembershipRole.Rapportor, Insjoriket));
    }

    [Fact]
    public void A_bug_member_grants_nothing() =>
        Assert.NotNull(GrantRules.WhyNotGrant(Holding((Insjoriket, MembershipRole.BugLedamot)), MembershipRole.Rapportor, Insjoriket));

    [Theory]
    [InlineData(MembershipRole.Kansli)]
    [InlineData(MembershipRole.Rapportor)]
    [InlineData(MembershipRole.Administrator)]
    public void Administrator_may_grant_every_role(MembershipRole role) =>
        Assert.Null(GrantRules.WhyNotGrant(Holding((null, MembershipRole.Administrator)), role, role == MembershipRole.Administrator ? null : SodraNorrbotten));
}
