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
            var route = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+):[^}]+\}", "{$1}");
            if (!route.StartsWith("/api/v1/", StringComparison.Ordinal) || route == "/api/v1/openapi.json") continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                if (method != "HEAD") served.Add($"{method} {route}");
        }
        Assert.NotEmpty(served);
        Assert.Equal(served, documented);

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Contains(doc.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
    }
}
