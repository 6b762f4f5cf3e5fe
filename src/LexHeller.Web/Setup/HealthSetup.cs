using LexHeller.Web.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LexHeller.Web.Setup;

/// <summary>
/// The probes for the proxy and the container's orchestrator, anonymous and outside the rate limits:
/// <c>/health/live</c> answers 200 while the process serves requests; <c>/health/ready</c> also checks the database,
/// the job server (when Hangfire is on) and the mail relay (when Smtp:Host is set), 503 when the app cannot do its work.
/// docs/operations.md says what each check means.
/// </summary>
public static class HealthSetup
{
    public const string Path = "/health";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5));
        if (JobsSetup.Enabled(builder.Configuration))
            checks.AddCheck<JobServerCheck>("jobs", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Smtp:Host"]))
        {
            // A singleton, so its few seconds' memory of the last connect is shared by every probe.
            builder.Services.AddSingleton<MailRelayCheck>();
            // Degraded, not Unhealthy: mail waits in the outbox until the relay is back, and taking every instance
            // out of the proxy because of the relay would stop the work that does not need it.
            checks.AddCheck<MailRelayCheck>("mail", HealthStatus.Degraded, [Ready], TimeSpan.FromSeconds(5));
        }
    }

    public static void MapHealth(this WebApplication app)
    {
        Probe(app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync }));
        Probe(app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync }));
    }

    private static void Probe(IEndpointConventionBuilder endpoint) => endpoint
        .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
        .AllowAnonymous()
        .DisableRateLimiting()
        .DisableAntiforgery();
}
