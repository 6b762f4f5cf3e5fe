using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LexHeller.Web.Setup;

/// <summary>
/// The app speaks plain HTTP to a TLS proxy in front of it. Outside Development and the tests it insists on HTTPS:
/// HSTS, a redirect from HTTP, and Secure on every cookie. The proxy's X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the addresses in ForwardedHeaders:KnownProxies (loopback when none are set); from anywhere
/// else they could make a plain request look encrypted or hide the client's address.
/// </summary>
public static class TransportSetup
{
    public static void AddTransport(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var proxies = Addresses(config, "ForwardedHeaders:KnownProxies", IPAddress.Parse);
        var networks = Addresses(config, "ForwardedHeaders:KnownNetworks", System.Net.IPNetwork.Parse);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count == 0 && networks.Count == 0) return; // the defaults: 127.0.0.0/8 and ::1
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });

        if (!RequiresHttps(builder.Environment)) return;
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = config.GetValue("Https:HstsIncludeSubDomains", false);
        });
        builder.Services.AddHttpsRedirection(o =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            // Behind the proxy the app has no HTTPS port of its own; the public address says where users reach it.
            o.HttpsPort = config.GetValue<int?>("Https:Port") ?? PublicHttpsPort(config["App:PublicUrl"]);
        });
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme as the proxy saw them.</summary>
    public static void UseTransport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!RequiresHttps(app.Environment)) return;
        app.UseHsts();
        // The probes are asked over plain HTTP inside the host or the cluster, where no redirect could be followed.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(HealthSetup.Path), https => https.UseHttpsRedirection());
        app.UseCookiePolicy();
    }

    private static bool RequiresHttps(IHostEnvironment env) => !env.IsDevelopment() && !env.IsEnvironment("Testing");

    private static int? PublicHttpsPort(string? publicUrl) =>
        Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.Port : null;

    private static List<T> Addresses<T>(IConfiguration config, string key, Func<string, T> parse)
    {
        var list = new List<T>();
        foreach (var entry in config.GetSection(key).GetChildren().Select(c => c.Value).Append(config[key]))
        {
            if (string.IsNullOrWhiteSpace(entry)) continue;
            foreach (var text in entry.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                try { list.Add(parse(text)); }
                catch (FormatException)
                {
                    throw new StartupException($"Lex Heller kan inte starta: {key} innehåller ”{text}”, som inte är en IP-adress{(key.EndsWith("Networks") ? " med nätmask (t.ex. 172.18.0.0/16)" : "")}.");
                }
            }
        }
        return list;
    }
}
