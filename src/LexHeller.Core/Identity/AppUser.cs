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

    /// <summary>When the person last logged in, by any means; null until the first time.</summary>
    public DateTimeOffset? LastLoginAt { get; private set; }

    public void LoggedIn(DateTimeOffset now) => LastLoginAt = now;

    public Membership AddMembership(int? forbundId, MembershipRole role, IEnumerable<int> organisationIds, DateTimeOffset now)
    {
        var membership = new Membership(this, forbundId, role, organisationIds, now);
        _memberships.Add(membership);
        return membership;
    }

    /// <summary>Whether mails about cases come one by one or gathered in one mail a day.</summary>
    public MailDelivery MailDelivery { get; private set; } = MailDelivery.Immediate;

    public void Rename(string fullName) => FullName = fullName;

    public void ChooseMailDelivery(MailDelivery delivery) => MailDelivery = delivery;
}

public enum MailDelivery
{
    /// <summary>Each mail as it happens.</summary>
    Immediate = 0,
    /// <summary>One mail a day, at the förbund's digest time, with everything since the last one.</summary>
    DailyDigest = 1,
}
