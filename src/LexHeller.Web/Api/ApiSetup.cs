using LexHeller.Web.Setup;
using Microsoft.OpenApi;

namespace LexHeller.Web.Api;

/// <summary>
/// The read API under <c>/api/v1</c>: keys checked and calls logged by <see cref="ApiKeyMiddleware"/>, calls per key
/// and minute limited (Api:CallsPerMinute), and the OpenAPI document at <see cref="DocumentPath"/>.
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string SecurityScheme = "ApiKey";
    public const string DocumentName = "v1";
    /// <summary>The readable reference page, rendered from the same document.</summary>
    public const string DocsPath = "/api/v1/docs";

    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Lex Heller API",
                    Version = "v1",
                    Description = "Läs ett samordningsförbunds publicerade svar, kategorier och medlemsorganisationer. " +
                        "Skicka API-nyckeln i huvudet X-Api-Key. Fel beskrivs som problem details (RFC 9457).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyMiddleware.Header,
                    Description = "API-nyckeln som kansliet skapade på sidan API-nycklar.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] });
                return Task.CompletedTask;
            });
            // The förbund is read by the key middleware, not bound by the endpoints, so it is described here.
            o.AddOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = ApiKeyMiddleware.ForbundParameter,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = "Förbundets id. Behövs bara med en nyckel för alla förbund; en förbundsnyckel läser alltid sitt eget förbund.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                });
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>The endpoints; <see cref="ApiKeyMiddleware"/> sits in the pipeline before authorization and the rate limiter.</summary>
    public static void UseApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapApiEndpoints();
    }
}
