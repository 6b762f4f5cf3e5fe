using LexHeller.Core.Organisations;

namespace LexHeller.Core.Identity;

/// <summary>
/// A user's role in one förbund, with the organisations they act for. Administrators hold a membership
/// without a förbund. Deactivation is per membership.
/// </summary>
public class Membership
{
    private readonly List<MembershipOrganisation> _organisations = [];

    private Membership() { }

    internal Membership(AppUser user, int? forbundId, MembershipRole role, IEnumerable<int> organisationIds, DateTimeOffset now)
    {
        User = user;
        UserId = user.Id;
        ForbundId = role == MembershipRole.Administrator ? null : forbundId
            ?? throw new ArgumentException("Only an administrator membership is without förbund.", nameof(forbundId));
        Role = role;
        IsActive = true;
        CreatedAt = now;
        if (role.HasOrganisations())
            _organisations.AddRange(organisationIds.Distinct().Select(id => new MembershipOrganisation(id)));
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public AppUser User { get; private set; } = null!;
    public int? ForbundId { get; private set; }
    public Forbund? Forbund { get; private set; }
    public MembershipRole Role { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public IReadOnlyCollection<MembershipOrganisation> Organisations => _organisations;

    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive) return;
        IsActive = false;
        DeactivatedAt = now;
    }

    public void Reactivate()
    {
        IsActive = true;
        DeactivatedAt = null;
    }

    /// <summary>
    /// Replaces the organisations this membership acts for. Whether they belong to the förbund is the caller's
    /// check (it needs the förbund's members); returns whether anything changed.
    /// </summary>
    public bool SetOrganisations(IEnumerable<int> organisationIds)
    {
        if (!Role.HasOrganisations())
            throw new InvalidOperationException($"A {Role} membership acts for no organisation.");
        var wanted = organisationIds.Distinct().ToHashSet();
        var removed = _organisations.RemoveAll(o => !wanted.Contains(o.OrganisationId));
        var added = wanted.Where(id => _organisations.All(o => o.OrganisationId != id)).ToList();
        _organisations.AddRange(added.Select(id => new MembershipOrganisation(id)));
        return removed > 0 || added.Count > 0;
    }
}

/// <summary>An organisation a membership acts for (a BUG member may represent several).</summary>
public class MembershipOrganisation
{
    private MembershipOrganisation() { }

    internal MembershipOrganisation(int organisationId) => OrganisationId = organisationId;

    public int MembershipId { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
}
