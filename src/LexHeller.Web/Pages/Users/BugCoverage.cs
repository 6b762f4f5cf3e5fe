using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Users;

/// <summary>
/// Member organisations of a förbund that no active BUG member represents: a case cannot be referred to them
/// (Refer requires a party with an active BUG member), so the kansli is warned where it manages users.
/// </summary>
public static class BugCoverage
{
    public sealed record Gap(string Forbund, IReadOnlyList<string> Organisations);

    /// <summary>What the warning shows; the förbund is named to whoever works in more than one (administrators).</summary>
    public sealed record Warning(IReadOnlyList<Gap> Gaps, bool NameForbund)
    {
        public static readonly Warning None = new([], false);
    }

    public static string Sentence(string organisation) =>
        $"Ingen aktiv BUG-ledamot företräder {organisation} – ärenden kan inte remitteras dit.";

    public static async Task<Warning> WarningAsync(LexHellerDb db, IReadOnlyCollection<int> forbundIds, bool nameForbund, CancellationToken ct = default) =>
        new(await FindAsync(db, forbundIds, ct), nameForbund);

    /// <summary>One gap per förbund that has any, in förbund name order.</summary>
    public static async Task<IReadOnlyList<Gap>> FindAsync(LexHellerDb db, IReadOnlyCollection<int> forbundIds, CancellationToken ct = default)
    {
        var missing = await db.ForbundMembers
            .Where(f => forbundIds.Contains(f.ForbundId))
            .Where(f => !db.Memberships.Any(m => m.IsActive && m.Role == MembershipRole.BugLedamot && m.ForbundId == f.ForbundId
                && m.Organisations.Any(o => o.OrganisationId == f.OrganisationId)))
            .Select(f => new { Forbund = f.Forbund.Name, Organisation = f.Organisation.Name })
            .ToListAsync(ct);
        var names = Stockholm.Comparer;
        return missing.GroupBy(m => m.Forbund)
            .OrderBy(g => g.Key, names)
            .Select(g => new Gap(g.Key, g.Select(m => m.Organisation).Order(names).ToList()))
            .ToList();
    }
}
