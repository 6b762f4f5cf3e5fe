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
        builder.Services.AddScoped<LexHeller.Core.Api.OpenDataQuery>();
        // The document describes enums as the API writes them (ApiJson): by name.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Lex Heller API",
                    Version = "v1",
                    Description = "Läs ett samordningsförbunds publicerade svar, sammanställningar, systemfel, kategorier och medlemsorganisationer " +
                        "med en API-nyckel i huvudet X-Api-Key. Öppna data under /api/v1/oppna-data läser vem som helst utan nyckel. " +
                        "Fel beskrivs som problem details (RFC 9457).",
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
                return Task.CompletedTask;
            });
            // Each JSON property is named in English; its Swedish display name is its title.
            o.AddSchemaTransformer((schema, _, _) =>
            {
                foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                    if (property is OpenApiSchema inline && ApiFieldNames.Swedish.TryGetValue(name, out var swedish))
                        inline.Title = swedish;
                return Task.CompletedTask;
            });
            // Every operation but open data needs the key; the förbund is read by the key middleware, not bound by the
            // endpoints, so it is described here.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenDataEndpoints.OpenDataEndpoint>().Any())
                {
                    foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                        parameter.Description ??= parameter.Name switch
                        {
                            "kod" => "Förbundets kod, som i ärendenas referenser (LH-INS-…): ins. Stora eller små bokstäver.",
                            "antal" => $"Hur många av de senast publicerade svaren listan visar, 1–{OpenDataEndpoints.MaxEmbedCount} ({OpenDataEndpoints.DefaultEmbedCount} om det inte anges).",
                            _ => null,
                        };
                    return Task.CompletedTask;
                }
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] });
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
        app.MapOpenDataEndpoints();
    }
}
