using Microsoft.AspNetCore.Identity;

namespace LexHeller.Core.Identity;

/// <summary>A person who may log in. What they may do comes from their memberships.</summary>
public class AppUser : IdentityUser
{
    private readonly List<Membership> _memberships = [];

    private AppUser() { }

    public AppUser(string email, string fullName, DateTimeOffset now)
    {
        Email = email;
        UserName = email;
        FullName = fullName;
        CreatedAt = now;
    }

    public string FullName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<Membership> Memberships => _memberships;

    public Membership AddMembership(int? forbundId, MembershipRole role, IEnumerable<int> organisationIds, DateTimeOffset now)
    {
        var membership = new Membership(this, forbundId, role, organisationIds, now);
        _memberships.Add(membership);
        return membership;
    }

    public void Rename(string fullName) => FullName = fullName;
}
