using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages;

/// <summary>
/// The förbund whose categories, settings or change log a page works on: the current förbund, or any förbund
/// an administrator picks with <c>?forbund=</c>. Anyone else reaches only a förbund where they are kansli.
/// </summary>
public sealed record ForbundScope(int Id, string Name, bool IsCurrent, IReadOnlyList<ForbundView> Choices)
{
    public const string QueryName = "forbund";

    /// <summary>What links and redirects append to keep the förbund: nothing when it is the current one.</summary>
    public string Query => IsCurrent ? "" : $"?{QueryName}={Id}";

    public static bool MayAdminister(MemberContext member, int forbundId) =>
        member.IsAdministrator || member.Memberships.Any(m => m.ForbundId == forbundId && m.Role == MembershipRole.Kansli);

    /// <returns>Null when the förbund does not exist or the user may not work on it; the page then answers 404.</returns>
    public static async Task<ForbundScope?> ResolveAsync(HttpContext http, LexHellerDb db, int? requested)
    {
        var member = http.Member()!;
        List<ForbundView> choices = member.IsAdministrator
            ? await db.Forbund.OrderBy(f => f.Name).Select(f => new ForbundView(f.Id, f.Name, f.Code)).ToListAsync()
            : [];
        // An administrator with no förbund of their own starts in the first one.
        var id = requested ?? member.Current?.Id ?? choices.FirstOrDefault()?.Id;
        if (id is not { } forbundId || !MayAdminister(member, forbundId)) return null;
        var name = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Name).FirstOrDefaultAsync();
        return name is null ? null : new ForbundScope(forbundId, name, forbundId == member.Current?.Id, choices);
    }
}
