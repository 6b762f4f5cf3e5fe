using LexHeller.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Identity;

/// <summary>Loads the <see cref="MemberContext"/> of an authenticated request and picks its current förbund.</summary>
public sealed class MemberContextMiddleware(RequestDelegate next)
{
    public const string ForbundCookie = "LexHeller.Forbund";

    public async Task InvokeAsync(HttpContext context, LexHellerDb db, UserManager<Core.Identity.AppUser> users)
    {
        var userId = context.User.Identity?.IsAuthenticated == true ? users.GetUserId(context.User) : null;
        if (userId is not null)
        {
            var member = await LoadAsync(db, userId, context.Request.Cookies[ForbundCookie]);
            if (member is not null) context.Features.Set(member);
        }
        await next(context);
    }

    internal static async Task<MemberContext?> LoadAsync(LexHellerDb db, string userId, string? preferredForbund)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.FullName, u.Email, u.TwoFactorEnabled })
            .FirstOrDefaultAsync();
        if (user is null) return null;

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .OrderBy(m => m.Forbund!.Name).ThenBy(m => m.Role)
            .Select(m => new
            {
                m.Id, m.ForbundId, ForbundName = m.Forbund!.Name, ForbundCode = m.Forbund!.Code, m.Role,
                Orgs = m.Organisations.Select(o => o.OrganisationId).ToList(),
            })
            .ToListAsync();

        var views = memberships.Select(m => new MembershipView(m.Id, m.ForbundId, m.ForbundName, m.Role, m.Orgs)).ToList();
        var forbund = memberships.Where(m => m.ForbundId is not null)
            .Select(m => new ForbundView(m.ForbundId!.Value, m.ForbundName, m.ForbundCode))
            .DistinctBy(f => f.Id).ToList();
        var current = forbund.FirstOrDefault(f => f.Id.ToString() == preferredForbund) ?? forbund.FirstOrDefault();
        return new MemberContext(user.Id, user.FullName, user.Email ?? "", user.TwoFactorEnabled, views, forbund, current);
    }
}
