using LexHeller.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LexHeller.Web.Pages.ApiDocs;

/// <summary>
/// The API's reference for the people who connect a partner system: read from the same OpenAPI document the app
/// serves at <see cref="ApiSetup.DocumentPath"/>, so the page and the document cannot disagree. Anyone may read it;
/// it says nothing about any förbund's data.
/// </summary>
[AllowAnonymous]
public class IndexModel(IServiceProvider services) : PageModel
{
    public sealed record Parameter(string Name, string In, bool Required, string Type, string? Description);

    public sealed record Answer(string Status, string? Description);

    public sealed record Operation(string Method, string Path, string Anchor, string? Summary, string? Description,
        IReadOnlyList<Parameter> Parameters, IReadOnlyList<Answer> Responses);

    /// <summary>A JSON property: its English name, its Swedish display name and its type.</summary>
    public sealed record Field(string Name, string? Swedish, string Type);

    /// <summary>An object the API answers with, or an enum with its values.</summary>
    public sealed record Schema(string Name, string Anchor, IReadOnlyList<Field> Fields, IReadOnlyList<string> Values);

    public string Title { get; private set; } = "";
    public IReadOnlyList<Schema> Schemas { get; private set; } = [];
    public string? Description { get; private set; }
    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiSetup.DocumentName)
            .GetOpenApiDocumentAsync(HttpContext.RequestAborted);
        Title = document.Info?.Title ?? "Lex Heller API";
        Description = document.Info?.Description;
        var operations = new List<Operation>();
        foreach (var (path, item) in document.Paths ?? [])
            foreach (var (method, op) in item.Operations ?? [])
            {
                var name = method.Method.ToUpperInvariant();
                var full = path.StartsWith(ApiSetup.Prefix, StringComparison.Ordinal) ? path : ApiSetup.Prefix + path;
                operations.Add(new Operation(name, full, Anchor(name, full), op.Summary, op.Description,
                    (op.Parameters ?? []).Select(p => new Parameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required,
                        TypeOf(p.Schema), p.Description)).ToList(),
                    (op.Responses ?? []).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new Answer(r.Key, r.Value.Description)).ToList()));
            }
        Operations = operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();

        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        Schemas = components.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new Schema(s.Key, "schema-" + s.Key,
                (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>()).Select(p => new Field(p.Key, DisplayName(p.Value), FieldType(p.Value))).ToList(),
                (s.Value.Enum ?? []).Select(v => v?.ToString().Trim('"') ?? "").ToList()))
            .ToList();
    }

    /// <summary>The property's own title, or the title of the schema it refers to.</summary>
    private static string? DisplayName(IOpenApiSchema schema) =>
        schema.Title ?? Referenced(schema)?.Title;

    private static IOpenApiSchema? Referenced(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchemaReference r => r.Target,
        _ => schema.OneOf?.OfType<OpenApiSchemaReference>().FirstOrDefault()?.Target,
    };

    private static string FieldType(IOpenApiSchema schema)
    {
        var reference = schema as OpenApiSchemaReference ?? schema.OneOf?.OfType<OpenApiSchemaReference>().FirstOrDefault();
        if (reference?.Reference.Id is { } id) return id;
        if (schema.Items is { } items)
            return "lista av " + ((items as OpenApiSchemaReference)?.Reference.Id ?? TypeOf(items));
        return TypeOf(schema);
    }

    private static string TypeOf(IOpenApiSchema? schema) =>
        schema?.Type is { } type ? type.ToString().ToLowerInvariant().Replace(", null", "") + (schema.Format is { } f ? $" ({f})" : "") : "–";

    private static string Anchor(string method, string path) =>
        method.ToLowerInvariant() + System.Text.RegularExpressions.Regex.Replace(path, "[^a-zA-Z0-9]+", "-").TrimEnd('-');
}
