using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LexHeller.Web.Identity;

/// <summary>The authorization policies. Every policy but <see cref="Enrolment"/> demands a second factor of privileged users.</summary>
public static class Policies
{
    public const string Enrolment = nameof(Enrolment);
    public const string Kansli = nameof(Kansli);
    public const string Rapportor = nameof(Rapportor);
    public const string KansliOrAdmin = nameof(KansliOrAdmin);
    public const string Admin = nameof(Admin);

    public static void Configure(AuthorizationOptions o)
    {
        AuthorizationPolicy Build(params MembershipRole[] roles)
        {
            var b = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new TwoFactorRequirement());
            if (roles.Length > 0) b.AddRequirements(new MemberRequirement(roles));
            return b.Build();
        }

        o.DefaultPolicy = Build();
        o.FallbackPolicy = Build();
        o.AddPolicy(Enrolment, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Kansli, Build(MembershipRole.Kansli));
        o.AddPolicy(Rapportor, Build(MembershipRole.Rapportor));
        o.AddPolicy(KansliOrAdmin, Build(MembershipRole.Kansli, MembershipRole.Administrator));
        o.AddPolicy(Admin, Build(MembershipRole.Administrator));
    }
}

/// <summary>Kansli, BUG members and administrators must have passed a second factor in this session.</summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement;

/// <summary>The user holds one of these roles in the current förbund (administrator: anywhere).</summary>
public sealed class MemberRequirement(MembershipRole[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<MembershipRole> Roles { get; } = roles;
}

public sealed class MemberAuthorizationHandler(IHttpContextAccessor http) : IAuthorizationHandler
{
    public const string MfaClaimValue = "mfa";

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var member = http.HttpContext?.Member();
        if (member is null) return Task.CompletedTask;
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            switch (requirement)
            {
                case TwoFactorRequirement when !member.RequiresTwoFactor || context.User.HasClaim("amr", MfaClaimValue):
                    context.Succeed(requirement);
                    break;
                case MemberRequirement r when r.Roles.Any(member.Has):
                    context.Succeed(requirement);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>Sends a privileged user who has not passed a second factor to enrolment or verification instead of a 403.</summary>
public sealed class TwoFactorRedirectHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorRequirement>().Any() == true)
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"/konto/tvafaktor?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, result);
    }
}
