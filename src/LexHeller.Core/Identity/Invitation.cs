using System.Security.Cryptography;
using System.Text;

namespace LexHeller.Core.Identity;

public enum InvitationCheck { Valid, Unknown, Used, Expired }

/// <summary>
/// A single-use, expiring link that lets a new user choose a password. Only the SHA-256 of the token is
/// stored, so a copy of the database does not hand out accounts.
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
