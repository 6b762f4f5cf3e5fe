using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace LexHeller.Bench.Run;

/// <summary>
/// A browser without script against one server: keeps cookies, follows no redirect, reads antiforgery tokens from
/// forms. After logging in, <see cref="CookieHeader"/> is what wrk sends on every request.
/// </summary>
public sealed partial class WebSession(string baseUrl) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Response(HttpStatusCode Status, string Body, string? Location);

    // Outside Development the app marks every cookie Secure, as it is reached through a TLS proxy; the jar keys
    // them by the https address the proxy serves, or it would never send them back over the plain loopback link.
    private readonly Uri _cookieUri = new UriBuilder(baseUrl) { Scheme = Uri.UriSchemeHttps }.Uri;

    public string CookieHeader => _cookies.GetCookieHeader(_cookieUri);

    public async Task<Response> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + path);
        return await SendAsync(request);
    }

    public async Task<Response> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + path) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public async Task<Response> PostRawAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return await SendAsync(request);
    }

    private async Task<Response> SendAsync(HttpRequestMessage request)
    {
        var header = CookieHeader;
        if (header.Length > 0) request.Headers.Add("Cookie", header);
        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var c in setCookies) _cookies.SetCookies(_cookieUri, c);
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new BenchException("no antiforgery token on the page");

    public static string? HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>
    /// The app's login: password, then (for the kansli) the authenticator code. A code is accepted once, so a
    /// refused code is retried with the next one rather than failing the run.
    /// </summary>
    public async Task LoginAppAsync(string email, string password, string? totpSecret)
    {
        var page = await GetAsync("/logga-in");
        var after = await PostAsync("/logga-in", [
            new("Input.Email", email), new("Input.Password", password), new("ReturnUrl", ""), new("__RequestVerificationToken", Token(page.Body))]);
        if (after.Status != HttpStatusCode.Redirect) throw new BenchException($"logging in {email} was refused ({(int)after.Status}); is this a benchmark database?");
        if (after.Location?.StartsWith("/logga-in/verifiera", StringComparison.Ordinal) != true) return;
        if (totpSecret is null) throw new BenchException($"{email} asks for a second factor");
        var totp = new Totp(Base32Encoding.ToBytes(totpSecret));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var verify = await GetAsync(after.Location);
            var code = totp.ComputeTotp(DateTime.UtcNow);
            var result = await PostAsync(after.Location, [new("Code", code), new("__RequestVerificationToken", Token(verify.Body))]);
            if (result.Status == HttpStatusCode.Redirect) return;
            await Task.Delay(TimeSpan.FromSeconds(totp.RemainingSeconds() + 1));
        }
        throw new BenchException($"the authenticator code for {email} was refused three times");
    }

    public async Task LoginBareAsync(string email, string password)
    {
        var page = await GetAsync("/login");
        var after = await PostAsync("/login", [new("Email", email), new("Password", password), new("__RequestVerificationToken", Token(page.Body))]);
        if (after.Status != HttpStatusCode.Redirect) throw new BenchException($"the bare app refused {email} ({(int)after.Status})");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _http.Dispose();
}
