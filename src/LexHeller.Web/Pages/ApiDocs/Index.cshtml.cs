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

    public string Title { get; private set; } = "";
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
    }

    private static string TypeOf(IOpenApiSchema? schema) =>
        schema?.Type is { } type ? type.ToString().ToLowerInvariant().Replace(", null", "") + (schema.Format is { } f ? $" ({f})" : "") : "–";

    private static string Anchor(string method, string path) =>
        method.ToLowerInvariant() + System.Text.RegularExpressions.Regex.Replace(path, "[^a-zA-Z0-9]+", "-").TrimEnd('-');
}
