using System.Security.Cryptography;
using System.Text;

namespace LexHeller.Core.Identity;

public enum InvitationCheck { Valid, Unknown, Used, Expired }

/// <summary>
/// A single-use, expiring link. For a new user it leads to choosing a password (the account and its role were
/// created with the invitation). For an account that already exists it is an offer of a role in another förbund:
/// the role is given only when the owner, logged in as themselves, accepts it, so a kansli cannot take over or
/// look into someone else's account by typing its address. Only the SHA-256 of the token is stored, so a copy of
/// the database does not hand out accounts.
/// </summary>
public class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public string? InvitedByUserId { get; private set; }

    /// <summary>The förbund of an offered role; null for a new user's invitation.</summary>
    public int? ForbundId { get; private set; }
    /// <summary>The offered role; null for a new user's invitation, whose role was given when the account was made.</summary>
    public MembershipRole? Role { get; private set; }
    /// <summary>The organisations the offered role acts for.</summary>
    public List<int> OrganisationIds { get; private set; } = [];
    /// <summary>The address as the inviter typed it: all the inviter may see of the account until the offer is accepted.</summary>
    public string? Email { get; private set; }
    /// <summary>Set with <see cref="UsedAt"/> when the person said no to the offer.</summary>
    public DateTimeOffset? DeclinedAt { get; private set; }

    public bool IsOffer => Role is not null;

    public static (Invitation Invitation, string Token) Create(string userId, string? invitedBy, DateTimeOffset now)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            UserId = userId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedByUserId = invitedBy,
        };
        return (invitation, token);
    }

    /// <summary>An offer of <paramref name="role"/> in <paramref name="forbundId"/> to the existing account <paramref name="userId"/>.</summary>
    public static (Invitation Invitation, string Token) Offer(string userId, string typedEmail, int forbundId, MembershipRole role,
        IEnumerable<int> organisationIds, string invitedBy, DateTimeOffset now)
    {
        if (role == MembershipRole.Administrator) throw new ArgumentException("The administrator role is not offered by invitation.", nameof(role));
        var (invitation, token) = Create(userId, invitedBy, now);
        invitation.ForbundId = forbundId;
        invitation.Role = role;
        invitation.OrganisationIds = role.HasOrganisations() ? organisationIds.Distinct().ToList() : [];
        invitation.Email = typedEmail;
        return (invitation, token);
    }

    public InvitationCheck Check(DateTimeOffset now) =>
        UsedAt is not null ? InvitationCheck.Used
        : now >= ExpiresAt ? InvitationCheck.Expired
        : InvitationCheck.Valid;

    public void MarkUsed(DateTimeOffset now)
    {
        if (Check(now) != InvitationCheck.Valid) throw new InvalidOperationException("The invitation cannot be used.");
        UsedAt = now;
    }

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
