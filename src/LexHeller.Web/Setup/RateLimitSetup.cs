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
    public const string Api = "api";
    public const string OpenData = "open-data";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(LoginProtectionOptions.From(builder.Configuration));
        services.AddSingleton<LoginThrottle>();
        var apiCallsPerMinute = builder.Configuration.GetValue("Api:CallsPerMinute", 60);
        if (apiCallsPerMinute < 1) throw new StartupException($"Api:CallsPerMinute ska vara minst 1, inte {apiCallsPerMinute}.");
        var openCallsPerMinute = builder.Configuration.GetValue("Api:OpenDataCallsPerMinute", 120);
        if (openCallsPerMinute < 1) throw new StartupException($"Api:OpenDataCallsPerMinute ska vara minst 1, inte {openCallsPerMinute}.");
        services.AddRateLimiter(o =>
        {
            // Per API key, counted after the key is known; a call without a usable key never reaches an endpoint.
            o.AddPolicy(Api, context => context.Features.Get<LexHeller.Web.Api.ApiCaller>() is { } caller
                ? RateLimitPartition.GetFixedWindowLimiter(caller.KeyId, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = apiCallsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(-1));
            // Open data has no key: per calling address.
            o.AddPolicy(OpenData, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = openCallsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only a form sent counts; anyone may still open the page and read it.
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? context.RequestServices.GetRequiredService<LoginThrottle>().Partition(context)
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // A page gets no body: the status-code pages show the Swedish error page for 429. The API answers in JSON.
                if (http.Request.Path.StartsWithSegments(LexHeller.Web.Api.ApiSetup.Prefix))
                    await LexHeller.Web.Api.ApiProblems.WriteAsync(http, LexHeller.Web.Api.ApiProblems.Make(StatusCodes.Status429TooManyRequests,
                        "För många anrop", LexHeller.Web.Api.OpenDataEndpoints.IsOpenData(http.Request.Path)
                            ? $"Den här adressen har gjort för många anrop den här minuten. Försök igen om {seconds} sekunder."
                            : $"API-nyckeln har gjort för många anrop den här minuten. Försök igen om {seconds} sekunder."));
            };
        });
    }

    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();
}
