using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Setup;

public static class IdentitySetup
{
    public static void AddLexHellerIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var protection = LoginProtectionOptions.From(builder.Configuration);
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 6;
                // Far above the per-address lock (LoginThrottle), so that a stranger cannot lock the owner out alone.
                o.Lockout.MaxFailedAccessAttempts = protection.AccountLockoutFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(protection.AccountLockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<LexHellerDb>()
            .AddDefaultTokenProviders()
            .AddUserManager<LexHellerUserManager>()
            .AddSignInManager<LexHellerSignInManager>()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<SwedishIdentityErrorDescriber>();

        services.AddSingleton<DecoyPasswordHash>();
        services.AddScoped<InvitationAnswers>();
        services.AddSingleton<ProviderSecretProtector>();
        services.AddSingleton<OidcSchemes>();
        services.AddScoped<IdentityProviderCommands>();
        services.AddScoped<ExternalLoginAdmin>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        // The test suite logs in hundreds of times; only there is hashing made cheap. A timing test asks for the
        // real cost, so that it compares what production compares.
        if (builder.Environment.IsEnvironment("Testing"))
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = builder.Configuration.GetValue("Testing:PasswordHashIterations", 1_000));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "LexHeller.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/logga-in";
            o.LogoutPath = "/logga-ut";
            o.AccessDeniedPath = "/atkomst-nekad";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });

        services.AddHttpContextAccessor();
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<IAuthorizationHandler, MemberAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorRedirectHandler>();
    }

    /// <summary>
    /// Every request checks that the account still has an active membership and still has the security stamp of
    /// this cookie: deactivating a user or resetting their two-factor ends their sessions at once. The same
    /// statement loads the request's <see cref="MemberContext"/>.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        var userId = principal?.FindFirst(options.ClaimsIdentity.UserIdClaimType)?.Value;
        var stamp = principal?.FindFirst(options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<LexHellerDb>();
        var member = userId is null || stamp is null
            ? null
            : await MemberContextMiddleware.LoadAsync(db, userId, stamp, context.HttpContext.Request.Cookies[MemberContextMiddleware.ForbundCookie]);
        if (member is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        context.HttpContext.Features.Set(member);
    }

    public static void UseMemberContext(this WebApplication app) => app.UseMiddleware<MemberContextMiddleware>();
}
