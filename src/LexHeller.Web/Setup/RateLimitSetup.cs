using System.Globalization;
using System.Threading.RateLimiting;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace LexHeller.Web.Setup;

/// <summary>
/// The pages that check a password, a code or a reset link ([EnableRateLimiting(Login)]) answer 429 to an address
/// that has failed too often this minute (Security:LoginFailuresPerMinute). The error page explains it in Swedish.
/// </summary>
public static class RateLimitSetup
{
    public const string Login = "login";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(LoginProtectionOptions.From(builder.Configuration));
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only a form sent counts; anyone may still open the page and read it.
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? context.RequestServices.GetRequiredService<LoginThrottle>().Partition(context)
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // No body: the status-code pages show the Swedish error page for 429.
                return ValueTask.CompletedTask;
            };
        });
    }

    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();
}
