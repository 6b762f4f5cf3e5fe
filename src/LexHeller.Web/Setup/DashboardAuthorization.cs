using Hangfire.Dashboard;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;

namespace LexHeller.Web.Setup;

/// <summary>
/// Lets into the Hangfire dashboard exactly those who may open the administrator's pages: the
/// <see cref="Policies.Admin"/> policy, second factor included. Hangfire answers everyone else 401 or 403.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, Policies.Admin)).Succeeded;
    }
}
