namespace LexHeller.Web.Setup;

/// <summary>
/// <c>health [URL]</c>, run instead of the web server: asks the running server's <c>/health/live</c> and exits 0 when
/// it answers 200, 1 otherwise. For the container's HEALTHCHECK, since the ASP.NET runtime image has neither curl
/// nor wget. Without a URL it asks the first address in ASPNETCORE_URLS (the image's http://+:8080) on loopback.
/// </summary>
public static class HealthCommand
{
    public static bool Handles(string[] args) => args is ["health", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : LiveUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        // No redirects followed: a probe that lands on the HTTPS redirect has not reached /health/live.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.StatusCode == System.Net.HttpStatusCode.OK ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            Console.Error.WriteLine($"{url}: inget svar ({e.GetType().Name})");
            return 1;
        }
    }

    /// <summary>The live probe on loopback at the server's first listening address (a wildcard host becomes 127.0.0.1).</summary>
    internal static string LiveUrl(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? "http://+:8080";
        var rest = first["http://".Length..];
        var port = rest.LastIndexOf(':') is var colon and >= 0 && !rest[colon..].Contains(']') ? rest[(colon + 1)..].TrimEnd('/') : "80";
        return $"http://127.0.0.1:{port}{HealthSetup.LivePath}";
    }
}
