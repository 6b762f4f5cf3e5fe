using System.Net;
using System.Text.Json;
using LexHeller.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Api;

public class OpenApiDocumentTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_document_lists_exactly_the_apps_api_endpoints_with_the_key_scheme()
    {
        var response = await app.Client().GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());

        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");

        var served = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // The document names a parameter without its route constraint: {id:int} is {id}.
            // A group's own root is written with a trailing slash in the route and without it in the document.
            var route = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}");
            // The document itself and its readable reference page are served beside the API, not part of it.
            if (!route.StartsWith("/api/v1/", StringComparison.Ordinal) || route is "/api/v1/openapi.json" or "/api/v1/docs") continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                if (method != "HEAD") served.Add($"{method} {route}");
        }
        Assert.NotEmpty(served);
        Assert.Equal(served, documented);

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        // Every operation needs the key but open data, which has no security requirement and no forbund parameter.
        Assert.False(doc.TryGetProperty("security", out _));
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var open = path.Name.StartsWith("/api/v1/oppna-data", StringComparison.Ordinal);
                var security = operation.Value.TryGetProperty("security", out var s) ? s.EnumerateArray().ToList() : [];
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList() : [];
                if (open)
                {
                    Assert.Empty(security);
                    Assert.DoesNotContain("forbund", parameters);
                    // Each parameter says what it takes, in Swedish.
                    if (operation.Value.TryGetProperty("parameters", out var described))
                        Assert.All(described.EnumerateArray(), x => Assert.False(string.IsNullOrWhiteSpace(x.TryGetProperty("description", out var d) ? d.GetString() : null), x.ToString()));
                }
                else
                {
                    Assert.Contains(security, r => r.TryGetProperty("ApiKey", out _));
                    Assert.Contains("forbund", parameters);
                }
            }
        Assert.Contains(documented, o => o.StartsWith("GET /api/v1/oppna-data/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_JSON_property_has_a_Swedish_display_name_and_enums_are_described_by_name()
    {
        var doc = JsonDocument.Parse(await app.Client().GetStringAsync("/api/v1/openapi.json")).RootElement;
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        string? TitleOf(JsonElement property)
        {
            if (property.TryGetProperty("title", out var title)) return title.GetString();
            var reference = property.TryGetProperty("$ref", out var r) ? r.GetString()
                : property.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().Select(x => x.TryGetProperty("$ref", out var y) ? y.GetString() : null).FirstOrDefault(x => x is not null)
                : null;
            return reference is null ? null
                : schemas.GetProperty(reference.Split('/').Last()).TryGetProperty("title", out var t) ? t.GetString() : null;
        }
        var missing = new List<string>();
        var count = 0;
        foreach (var schema in schemas.EnumerateObject())
            if (schema.Value.TryGetProperty("properties", out var properties))
                foreach (var property in properties.EnumerateObject())
                {
                    count++;
                    if (string.IsNullOrWhiteSpace(TitleOf(property.Value))) missing.Add($"{schema.Name}.{property.Name}");
                }
        Assert.True(count > 40, $"only {count} properties");
        Assert.Empty(missing);
        Assert.Equal("Ärende", schemas.GetProperty("PublishedAnswer").GetProperty("properties").GetProperty("reference").GetProperty("title").GetString());
        Assert.Contains("ActionByParty", schemas.GetProperty("CaseOutcome").GetProperty("enum").EnumerateArray().Select(v => v.ToString()));

        // The reference page lists each with its Swedish name.
        var page = await app.Client().GetStringAsync("/api/v1/docs");
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        var answer = html.QuerySelector("[data-schema=PublishedAnswer]")!;
        var rows = answer.QuerySelectorAll("tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal("Ärende", rows["reference"]);
        Assert.Equal("Utfall", rows["outcome"]);
        Assert.Contains("ActionByParty", html.QuerySelector("[data-schema=CaseOutcome]")!.TextContent);
        Assert.DoesNotContain(html.QuerySelectorAll("[data-testid=api-schema] td[data-label='Svenskt namn']"), c => c.TextContent.Trim() == "–");
    }

    [Fact]
    public async Task The_document_passes_an_OpenAPI_validator_from_the_npm_registry_which_refuses_a_broken_one()
    {
        var json = await app.Client().GetStringAsync("/api/v1/openapi.json");
        var (code, output) = await ValidateAsync(json);
        Assert.True(code == 0, output);
        Assert.StartsWith("giltigt: Lex Heller API v1, OpenAPI 3.", output);

        // The same document with an operation whose response is not described is refused: the validator can fail.
        var broken = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        broken["paths"]!["/api/v1/categories"]!["get"]!["responses"] = "inga";
        var (brokenCode, brokenOutput) = await ValidateAsync(broken.ToJsonString());
        Assert.Equal(1, brokenCode);
        Assert.StartsWith("ogiltigt:", brokenOutput);
    }

    /// <summary>Runs tests/openapi-validator/validate.mjs (node and @apidevtools/swagger-parser) on a document.</summary>
    private static async Task<(int Code, string Output)> ValidateAsync(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lexheller-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("node", [Path.Combine(ValidatorDirectory(), "validate.mjs"), file])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ValidatorDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "openapi-validator");
            if (File.Exists(Path.Combine(candidate, "validate.mjs")))
                return Directory.Exists(Path.Combine(candidate, "node_modules"))
                    ? candidate
                    : throw new InvalidOperationException($"The OpenAPI validator is not installed: npm ci --prefix {candidate}");
        }
        throw new InvalidOperationException("tests/openapi-validator/validate.mjs not found above " + AppContext.BaseDirectory);
    }
}
