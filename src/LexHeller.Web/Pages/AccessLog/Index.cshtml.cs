using System.Globalization;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.AccessLog;

/// <summary>
/// "Behandlingshistorik": who read which case, when and how, in one förbund (the kansli's own; the administrator
/// picks any). Filtered by person, case reference, Stockholm days and kind; sorted by time; paged; exported as CSV or
/// XLSX, and the export is itself a read on record.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class AccessLogModel(LexHellerDb db, AccessLogQuery log) : PageModel
{
    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "person")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true, Name = "arende")] public string? Reference { get; set; }
    [BindProperty(SupportsGet = true, Name = "typ")] public AccessKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public ForbundScope Scope { get; private set; } = null!;
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<AccessLogQuery.Row> Rows { get; private set; } = [];
    /// <summary>The rows shown that fall in the period of an unchecked loggkontroll flag on their reader.</summary>
    public IReadOnlySet<long> Flagged { get; private set; } = new HashSet<long>();
    public bool Oldest => Sort == "aldst";

    private AccessLogQuery.Filter Filter => new(Person, Reference, Kind, From, To, Oldest);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ResolveAsync() is { } notFound) return notFound;
        var page = await log.PageAsync(Scope.Id, Filter, P, HttpContext.RequestAborted);
        (Total, Pages, P, Rows, Flagged) = (page.Total, page.Pages, page.Number, page.Rows, page.Flagged);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync() => ExportAsync(xlsx: false);

    public Task<IActionResult> OnGetXlsxAsync() => ExportAsync(xlsx: true);

    private async Task<IActionResult> ExportAsync(bool xlsx)
    {
        if (await ResolveAsync() is { } notFound) return notFound;
        var file = await log.ExportAsync(Scope.Id, Filter, xlsx, HttpContext.AccessReader(Scope.Id), HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<IActionResult?> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return NotFound();
        Scope = scope;
        // A filter value that cannot be read filters nothing.
        ModelState.Clear();
        Person = string.IsNullOrWhiteSpace(Person) ? null : Person.Trim();
        Reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();
        if (Sort != "aldst") Sort = null;
        return null;
    }

    /// <summary>The förbund, filters and sorting as query values, for links.</summary>
    public string ListUrl(int page, string? handler = null, string? sort = "keep")
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (handler is not null) values.Add(new("handler", handler));
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        if (Person is not null) values.Add(new("person", Person));
        if (Reference is not null) values.Add(new("arende", Reference));
        if (Kind is { } k) values.Add(new("typ", k.ToString()));
        if (From is { } f) values.Add(new("fran", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (To is { } t) values.Add(new("till", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var s = sort == "keep" ? Sort : sort;
        if (s is not null) values.Add(new("sort", s));
        if (page > 1) values.Add(new("p", page.ToString(CultureInfo.InvariantCulture)));
        return "/behandlingshistorik" + QueryString.Create(values).ToUriComponent();
    }

    public bool IsFiltered => Person is not null || Reference is not null || Kind is not null || From is not null || To is not null;

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
