using System.Net;
using LexHeller.Testing;

namespace LexHeller.Web.Tests.Security;

/// <summary>Rules that hold for every endpoint of the route table, checked over the whole list.</summary>
public class EveryEndpointTests
{
    [Fact]
    public async Task A_post_without_its_form_token_is_refused_everywhere_and_changes_nothing()
    {
        using var app = new AppFactory();
        var matrix = new AuthorizationMatrix(app);
        await matrix.PrepareAsync();
        var posts = (await AuthorizationMatrix.EndpointsAsync(app.Services)).Where(e => e.Method == "POST").ToList();
        Assert.True(posts.Count > 30, $"only {posts.Count} POST handlers listed");

        var accepted = new List<string>();
        foreach (var endpoint in posts)
        {
            // The error page re-executes failed posts and takes no form.
            if (endpoint.Route.StartsWith("/fel")) continue;
            var url = matrix.Url(endpoint, own: true)!;
            var before = matrix.Fingerprint();
            // As the first person whose role reaches the handler: for everyone else the role check refuses first.
            HttpResponseMessage response = null!;
            foreach (var who in new[] { Who.Kansli, Who.Admin, Who.Rapportor })
            {
                response = await matrix.Session(who).Browser.Http.PostAsync(url, new FormUrlEncodedContent([new("Input.Name", "Utan token")]));
                if (response.Headers.Location?.OriginalString.Contains("/atkomst-nekad") != true) break;
            }
            var changed = matrix.Fingerprint().ChangedSince(before);
            if (response.StatusCode != HttpStatusCode.BadRequest || changed.Length > 0)
                accepted.Add($"{endpoint.Key}: {(int)response.StatusCode}{(changed.Length > 0 ? ", changed " + changed : "")}");
        }
        Assert.True(accepted.Count == 0, "accepted without a token:\n" + string.Join('\n', accepted));
    }

    [Fact]
    public async Task Every_page_answer_carries_the_security_headers()
    {
        using var app = new AppFactory();
        var matrix = new AuthorizationMatrix(app);
        await matrix.PrepareAsync();
        var (kansli, _) = matrix.Session(Who.Kansli);
        var missing = new List<string>();
        foreach (var endpoint in (await AuthorizationMatrix.EndpointsAsync(app.Services)).Where(e => e.Method == "GET"))
        {
            var response = await kansli.Http.GetAsync(matrix.Url(endpoint, own: true)!);
            var h = response.Headers;
            string Header(string name) => h.TryGetValues(name, out var v) ? string.Join(",", v) : "";
            // The list of published answers is the one answer other sites may frame; it runs no script at all.
            var framed = endpoint.Route.EndsWith("/svar.html", StringComparison.Ordinal);
            var csp = Header("Content-Security-Policy");
            if ((framed
                    ? !csp.Contains("default-src 'none'") || !csp.Contains("frame-ancestors *") || csp.Contains("script-src") || Header("X-Frame-Options") != ""
                    : !csp.Contains("default-src 'self'") || !csp.Contains("frame-ancestors 'none'") || Header("X-Frame-Options") != "DENY")
                || Header("X-Content-Type-Options") != "nosniff" || Header("Referrer-Policy") != "same-origin")
                missing.Add($"{endpoint.Key} ({(int)response.StatusCode})");
        }
        Assert.True(missing.Count == 0, "without the headers:\n" + string.Join('\n', missing));
    }
}
