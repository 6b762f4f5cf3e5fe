using LexHeller.Core.Identity;

namespace LexHeller.Core.Tests.Identity;

public class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_hash_of_the_token_is_stored()
    {
        var (invitation, token) = Invitation.Create("u1", "k1", Now);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(Invitation.Hash(token), invitation.TokenHash);
        Assert.True(token.Length >= 40, "the token carries 256 random bits");
    }

    [Fact]
    public void Two_invitations_never_share_a_token()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => Invitation.Create("u1", null, Now).Token).ToHashSet();
        Assert.Equal(100, tokens.Count);
    }

    [Fact]
    public void An_invitation_works_once()
    {
        var (invitation, _) = Invitation.Create("u1", null, Now);
        Assert.Equal(InvitationCheck.Valid, invitation.Check(Now));
        invitation.MarkUsed(Now.AddMinutes(1));
        Assert.Equal(InvitationCheck.Used, invitation.Check(Now.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => invitation.MarkUsed(Now.AddMinutes(3)));
    }

    [Fact]
    public void An_invitation_expires_after_seven_days()
    {
        var (invitation, _) = Invitation.Create("u1", null, Now);
        Assert.Equal(InvitationCheck.Valid, invitation.Check(Now.AddDays(7).AddSeconds(-1)));
        Assert.Equal(InvitationCheck.Expired, invitation.Check(Now.AddDays(7)));
    }
}
