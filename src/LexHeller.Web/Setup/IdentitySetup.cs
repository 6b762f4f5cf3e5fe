using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddScoped<ExternalLogins>();
        services.AddScoped<LoginSessions>();
        services.AddSingleton<BackChannelLogoutTokens>();
        // The identity providers are schemes added while the app runs (OidcSchemes); their handler and options:
        services.AddTransient<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectHandler>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>, OidcOptionsFromDatabase>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>,
            Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectPostConfigureOptions>());
        services.AddScoped<IdentityProviderCommands>();
        services.AddScoped<ExternalLoginAdmin>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        if (InactivityOptions.WhyInvalid(builder.Configuration[$"{InactivityOptions.Section}:{nameof(InactivityOptions.InactiveDays)}"]) is { } why)
            throw new StartupException(why);
        services.AddOptions<InactivityOptions>().BindConfiguration(InactivityOptions.Section);

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
    /// Every request checks that the account still has an active membership, still has the security stamp of
    /// this cookie, and that the log-in session was not ended (log-out, or the identity provider's back-channel
    /// log-out): deactivating a user or resetting their two-factor ends their sessions at once. The same
    /// statement loads the request's <see cref="MemberContext"/>.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        var userId = principal?.FindFirst(options.ClaimsIdentity.UserIdClaimType)?.Value;
        var stamp = principal?.FindFirst(options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        var session = principal?.FindFirst(LoginClaims.Session)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<LexHellerDb>();
        var member = userId is null || stamp is null
            ? null
            : await MemberContextMiddleware.LoadAsync(db, userId, stamp, context.HttpContext.Request.Cookies[MemberContextMiddleware.ForbundCookie], session);
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
