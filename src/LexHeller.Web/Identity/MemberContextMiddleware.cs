using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Identity;

/// <summary>
/// Loads the <see cref="MemberContext"/> of an authenticated request and picks its current förbund. The session
/// check of the login cookie (IdentitySetup) normally loads it already, in the same statement that checks the
/// cookie; this middleware covers any request where it did not.
/// </summary>
public sealed class MemberContextMiddleware(RequestDelegate next)
{
    public const string ForbundCookie = "LexHeller.Forbund";

    public async Task InvokeAsync(HttpContext context, LexHellerDb db, UserManager<AppUser> users)
    {
        if (context.Member() is null && context.User.Identity?.IsAuthenticated == true && users.GetUserId(context.User) is { } userId)
        {
            var member = await LoadAsync(db, userId, null, context.Request.Cookies[ForbundCookie]);
            if (member is not null) context.Features.Set(member);
        }
        await next(context);
    }

    private sealed record Row(int Id, int? ForbundId, string? ForbundName, string? ForbundCode, MembershipRole Role, List<int> Orgs,
        string FullName, string? Email, bool TwoFactorEnabled, string? SecurityStamp, bool SessionEnded);

    /// <summary>
    /// Every request runs this: one compiled statement reads the user's active memberships together with the
    /// account fields the request needs.
    /// </summary>
    private static readonly PerModel<Func<LexHellerDb, string, string, IAsyncEnumerable<Row>>> ActiveMemberships = new(() => EF.CompileAsyncQuery(
        (LexHellerDb db, string userId, string sessionId) => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .OrderBy(m => m.Forbund!.Name).ThenBy(m => m.Role)
            .Select(m => new Row(m.Id, m.ForbundId, m.Forbund!.Name, m.Forbund!.Code, m.Role,
                m.Organisations.Select(o => o.OrganisationId).ToList(),
                m.User.FullName, m.User.Email, m.User.TwoFactorEnabled, m.User.SecurityStamp,
                db.LoginSessions.Any(s => s.Id == sessionId && s.EndedAt != null)))));

    /// <summary>
    /// The member context of a user with at least one active membership, or null. With <paramref name="securityStamp"/>
    /// given, also null when the account's stamp has changed since the cookie was issued; with <paramref name="sessionId"/>
    /// given, also null when that log-in session has ended.
    /// </summary>
    internal static async Task<MemberContext?> LoadAsync(LexHellerDb db, string userId, string? securityStamp, string? preferredForbund,
        string? sessionId = null)
    {
        var rows = new List<Row>();
        await foreach (var row in ActiveMemberships.For(db)(db, userId, sessionId ?? "")) rows.Add(row);
        if (rows.Count == 0) return null;
        var user = rows[0];
        if (securityStamp is not null && user.SecurityStamp != securityStamp) return null;
        if (user.SessionEnded) return null;

        var views = rows.Select(m => new MembershipView(m.Id, m.ForbundId, m.ForbundName, m.Role, m.Orgs)).ToList();
        var forbund = rows.Where(m => m.ForbundId is not null)
            .Select(m => new ForbundView(m.ForbundId!.Value, m.ForbundName!, m.ForbundCode!))
            .DistinctBy(f => f.Id).ToList();
        var current = forbund.FirstOrDefault(f => f.Id.ToString() == preferredForbund) ?? forbund.FirstOrDefault();
        return new MemberContext(userId, user.FullName, user.Email ?? "", user.TwoFactorEnabled, views, forbund, current);
    }
}
