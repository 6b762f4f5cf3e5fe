using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// A small reverse proxy on loopback in front of several app instances, as nginx is in docs/scale-out.md: YARP in a
/// Kestrel host, round robin, passive health (an instance whose requests fail is taken out of the rotation) and a
/// second try on another instance for a request the first never received (the connection was refused) or that is
/// safe to repeat (GET, HEAD). A form post that reached an instance is never sent again: the instance may have
/// committed it. Every try is logged with its instance and times, and each answer names the instance that gave it.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    /// <summary>The response header naming the instance that answered.</summary>
    public const string ServedBy = "X-Served-By";

    private readonly WebApplication _host;
    private readonly ConcurrentDictionary<(string Instance, string Method), int> _inFlight = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private long _requests;

    private LoopbackProxy(WebApplication host, string url)
    {
        _host = host;
        Url = url;
    }

    public string Url { get; }

    /// <summary>One try of one request on one instance. Times are <see cref="Stopwatch"/> timestamps.</summary>
    public sealed record Attempt(long Request, string Instance, string Method, string Path, long Started, long Ended, int Status,
        ForwarderError? Error, bool TriedAgain);

    /// <summary>Every try so far, in the order they ended.</summary>
    public IReadOnlyList<Attempt> Attempts => _attempts.ToList();

    /// <summary>Requests with the method being forwarded to the instance right now.</summary>
    public int InFlight(string instance, string method) => _inFlight.GetValueOrDefault((instance, method));

    /// <summary>Starts the proxy on the port, forwarding to the instances (name → address).</summary>
    public static async Task<LoopbackProxy> StartAsync(int port, IReadOnlyDictionary<string, string> instances)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Proxy" });
        // Not the app's appsettings.json, which sits beside the tests.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "app", ClusterId = "instances", Match = new RouteMatch { Path = "{**rest}" } }],
            [
                new ClusterConfig
                {
                    ClusterId = "instances",
                    LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                    HealthCheck = new HealthCheckConfig
                    {
                        Passive = new PassiveHealthCheckConfig
                        {
                            Enabled = true,
                            Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                            // Out of the rotation for the rest of the test once it is found dead.
                            ReactivationPeriod = TimeSpan.FromMinutes(5),
                        },
                    },
                    Destinations = instances.ToDictionary(i => i.Key, i => new DestinationConfig { Address = i.Value }),
                },
            ]);
        // Out after a few failed requests rather than YARP's defaults (10 requests in a minute, 30 % failed), which
        // suit a busy site, not a test of a few seconds.
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o =>
        {
            o.DetectionWindowSize = TimeSpan.FromSeconds(10);
            o.MinimalTotalCountThreshold = 2;
            o.DefaultFailureRateLimit = 0.1;
        });
        var host = builder.Build();
        var proxy = new LoopbackProxy(host, $"http://127.0.0.1:{port}");
        host.MapReverseProxy(pipeline =>
        {
            pipeline.UseLoadBalancing();
            pipeline.Use(proxy.ForwardAsync);
            pipeline.UsePassiveHealthChecks();
        });
        await host.StartAsync();
        return proxy;
    }

    /// <summary>Waits until a request with the method is in flight to the instance; false when none came in time.</summary>
    public async Task<bool> UntilInFlightAsync(string instance, string method, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (InFlight(instance, method) == 0)
        {
            if (watch.Elapsed > timeout) return false;
            await Task.Delay(5);
        }
        return true;
    }

    /// <summary>
    /// Forwards to the instance load balancing chose; on a failure that allows it, once more to another healthy one.
    /// Each try passes through the passive health check, so the failed instance's failure is counted.
    /// </summary>
    private async Task ForwardAsync(HttpContext context, Func<Task> next)
    {
        var request = Interlocked.Increment(ref _requests);
        var feature = context.GetReverseProxyFeature();
        var repeatable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        // A body can be sent again only when it was kept.
        context.Request.EnableBuffering();
        context.Response.OnStarting(() =>
        {
            if (feature.ProxiedDestination is { } answered) context.Response.Headers[ServedBy] = answered.DestinationId;
            return Task.CompletedTask;
        });

        var tried = new List<DestinationState>();
        while (true)
        {
            var destination = feature.AvailableDestinations.FirstOrDefault();
            if (destination is null)
            {
                await next();
                return;
            }
            feature.AvailableDestinations = [destination];
            tried.Add(destination);
            var started = Stopwatch.GetTimestamp();
            var key = (destination.DestinationId, context.Request.Method);
            _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
            try
            {
                await next();
            }
            finally
            {
                _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            }
            var error = context.GetForwarderErrorFeature();
            var other = feature.AllDestinations.FirstOrDefault(d => !tried.Contains(d) && d.Health.Passive != DestinationHealth.Unhealthy);
            var again = error is not null && other is not null && !context.Response.HasStarted && (repeatable || NeverReached(error));
            _attempts.Enqueue(new Attempt(request, destination.DestinationId, context.Request.Method, context.Request.Path + context.Request.QueryString,
                started, Stopwatch.GetTimestamp(), context.Response.StatusCode, error?.Error, again));
            if (!again) return;

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Request.Body.Position = 0;
            feature.AvailableDestinations = [other!];
        }
    }

    /// <summary>The connection to the instance was never made, so it cannot have seen the request.</summary>
    private static bool NeverReached(IForwarderErrorFeature error)
    {
        if (error.Error is not ForwarderError.Request) return false;
        for (var e = error.Exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _host.StopAsync(patience.Token); }
        catch (OperationCanceledException) { }
        await _host.DisposeAsync();
    }
}
