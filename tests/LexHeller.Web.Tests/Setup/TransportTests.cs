using System.Net;
using LexHeller.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Setup;

/// <summary>
/// In production the app sits behind a TLS proxy: it insists on HTTPS, marks its cookies Secure, and believes the
/// proxy's X-Forwarded-Proto only when the request comes from a known proxy address.
/// </summary>
public sealed class TransportTests : IDisposable
{
    private const string PeerHeader = "X-Test-Peer";
    private readonly AppFactory _production = AppFactory.WithSettings(("environment", "Production"), ("App:PublicUrl", "https://lexheller.test"));
    private readonly WebApplicationFactory<Program> _app;

    public TransportTests() =>
        // TestServer has no peer address; the test says which one the request comes from.
        _app = _production.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress())));

    private HttpClient Client(string scheme) => _app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"{scheme}://lexheller.test/"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private static HttpRequestMessage Get(string path, string? peer = null, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (peer is not null) request.Headers.Add(PeerHeader, peer);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    [Fact]
    public async Task Https_answers_carry_strict_transport_security()
    {
        var response = await Client("https").SendAsync(Get("/logga-in", peer: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await Client("http").SendAsync(Get("/logga-in?ReturnUrl=%2Finkorg", peer: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://lexheller.test/logga-in?ReturnUrl=%2Finkorg", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Every_cookie_is_secure()
    {
        using var client = Client("https");
        var login = await client.SendAsync(Get("/logga-in", peer: "203.0.113.7"));
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_proxy_on_loopback_is_believed_about_https()
    {
        var response = await Client("http").SendAsync(Get("/logga-in", peer: "127.0.0.1", forwardedProto: "https"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unknown_address_claiming_https_is_not_believed()
    {
        var response = await Client("http").SendAsync(Get("/logga-in", peer: "203.0.113.7", forwardedProto: "https"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_proxy_named_in_the_settings_is_believed_and_loopback_no_longer()
    {
        using var configured = AppFactory.WithSettings(("environment", "Production"), ("App:PublicUrl", "https://lexheller.test"),
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"));
        using var app = configured.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress())));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://lexheller.test/"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/logga-in", peer: "10.0.0.5", forwardedProto: "https"))).StatusCode);
        Assert.Equal(HttpStatusCode.PermanentRedirect, (await client.SendAsync(Get("/logga-in", peer: "127.0.0.1", forwardedProto: "https"))).StatusCode);
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                await inner();
            });
            next(app);
        };
    }

    public void Dispose()
    {
        _app.Dispose();
        _production.Dispose();
    }
}
