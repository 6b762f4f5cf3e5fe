using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Inbox;

/// <summary>
/// "Inkorg": every case of the current förbund but drafts, for the kansli to screen and route; filters, sorting by
/// column, paging, counts per state (read by <see cref="InboxQuery"/>), reassignment of the selected rows to another
/// kansli member, and an export of the whole filtered list.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public partial class InboxModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public CaseState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "typ")] public CaseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public int? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "part")] public int? Party { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "handlaggare")] public string? Handler { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = InboxQuery.Sortings[0].Value;
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "vantar")] public int? Waiting { get; set; }
    [BindProperty(SupportsGet = true, Name = "remiss")] public string? Referral { get; set; }

    public string ForbundName { get; private set; } = "";
    public string CurrentUserId { get; private set; } = "";
    public InboxQuery.Choices Choices { get; private set; } = new([], [], [], [], []);
    public IReadOnlyList<InboxQuery.StateCount> Counts => Choices.Counts;
    public int AllCount => Choices.AllCount;
    public IReadOnlyList<InboxQuery.Option> Categories => Choices.Categories;
    public IReadOnlyList<InboxQuery.Option> Partners => Choices.Partners;
    public IReadOnlyList<InboxQuery.Option> OtherActors => Choices.OtherActors;
    public IReadOnlyList<InboxQuery.Kansli> KansliMembers => Choices.KansliMembers;
    public int Total { get; private set; }
    /// <summary>The free-text search found more than <see cref="InboxQuery.SearchCountCap"/> cases; only that many are counted and paged.</summary>
    public bool TotalCapped { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<InboxQuery.Row> Rows { get; private set; } = [];
    /// <summary>The Stockholm day ages and due dates are counted from.</summary>
    public DateOnly Today { get; private set; }
    /// <summary>The rows ticked in a reassignment that was refused, so they stay ticked.</summary>
    public IReadOnlySet<int> Selected { get; private set; } = new HashSet<int>();

    /// <summary>The error summary; "nothing selected" links to the first row's checkbox.</summary>
    public ErrorSummary Errors => new(ModelState.ContainsKey("rapportor") ? "Filen har inte laddats ner" : "Inget ärende har fördelats", new Dictionary<string, string>
    {
        [CaseCommands.ReassignCasesField] = Rows.Count > 0 ? $"valj-{Rows[0].Id}" : "inbox-total",
        [CaseCommands.ReassignHandlerField] = "ny-handlaggare",
    });

    public async Task OnGetAsync([FromServices] AccessLogWriter accessLog)
    {
        IgnoreUnreadableFilters();
        await LoadAsync();
        // A search that found cases is one row, not one per case: the words, the count and the ids of the cases on the
        // page shown, which is what the person saw. A failed write fails the page.
        if (!string.IsNullOrWhiteSpace(Q) && Rows.Count > 0)
        {
            var forbundId = HttpContext.Member()!.Current!.Id;
            var what = $"”{Q}”: {Total}{(TotalCapped ? "+" : "")} ärenden, visade {string.Join(",", Rows.Select(r => r.Id))}";
            await accessLog.RecordAsync(HttpContext.AccessReader(forbundId), forbundId, AccessKind.Search, null, what, HttpContext.RequestAborted);
        }
    }

    /// <summary>
    /// A filter value that cannot be read (p=abc, a missing sort) filters nothing, like any unknown value; it is not
    /// an error of the form, so the error summary only ever lists what an action refused.
    /// </summary>
    private void IgnoreUnreadableFilters() => ModelState.Clear();

    /// <summary>Gives the ticked rows (each "id:version" as shown) to one kansli member, all or none.</summary>
    public async Task<IActionResult> OnPostReassignAsync(List<string>? valda, string? newHandler, [FromServices] CaseCommands commands)
    {
        IgnoreUnreadableFilters();
        var member = HttpContext.Member()!;
        var selected = (valda ?? []).Select(ParseSelection).OfType<(int, int)>().ToList();
        var result = await commands.ReassignManyAsync(member.AsCaseUser(), member.Current!.Id, member.Current.Name, selected, newHandler, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done)
        {
            TempData["Status"] = result.Message;
            return Redirect(ListUrl(P));
        }
        if (result.Status == CommandStatus.NotFound) return NotFound();
        foreach (var e in result.FieldErrors) ModelState.AddModelError(e.Field, e.Message);
        if (result.Message is { } why) ModelState.AddModelError(string.Empty, why);
        Selected = selected.Select(x => x.Item1).ToHashSet();
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// The filtered list as XLSX or CSV, every matching row; the reporters' names only when ticked, and then on record
    /// in the change log (written by <see cref="InboxExport"/>).
    /// </summary>
    public async Task<IActionResult> OnPostExportAsync(string? format, bool rapportor, [FromServices] WriteGate gate, [FromServices] AccessLogWriter accessLog)
    {
        if (ModelState.TryGetValue(nameof(rapportor), out var ticked) && ticked.Errors.Count > 0)
        {
            // A box that is either ticked or not cannot carry anything else; nothing is exported on a guess.
            ModelState.Remove(nameof(rapportor));
            ModelState.AddModelError(nameof(rapportor), "Rutan för rapportörens namn kunde inte läsas. Kryssa i den eller lämna den tom och ladda ner filen igen.");
            await LoadAsync();
            return Page();
        }
        var member = HttpContext.Member()!;
        var kind = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? InboxExportFormat.Csv : InboxExportFormat.Xlsx;
        var file = await new InboxExport(db, clock, gate).ExportAsync(member.Current!.Id, member.UserId, AskedFilter(), kind, rapportor, HttpContext.RequestAborted);
        // The file holds case text: on record before it leaves, and not sent if the record cannot be written.
        await accessLog.RecordAsync(HttpContext.AccessReader(member.Current.Id), member.Current.Id, AccessKind.Export, null,
            $"{file.FileName}: {file.Rows} ärenden{(rapportor ? " med rapportörens namn" : "")}", HttpContext.RequestAborted);
        // Case lists are read per person and request; a shared cache must not keep them.
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    private static (int, int)? ParseSelection(string? value) =>
        value?.Split(':') is [var id, var version] && int.TryParse(id, out var i) && int.TryParse(version, out var v) ? (i, v) : null;

    private InboxQuery.Filter AskedFilter() => new(Q, State, Kind, Category, Party, From, To, Handler, Sort, P, Waiting, Referral);

    private async Task LoadAsync()
    {
        var member = HttpContext.Member()!;
        ForbundName = member.Current!.Name;
        CurrentUserId = member.UserId;
        var result = await new InboxQuery(db, clock).LoadAsync(member.Current.Id, member.UserId, AskedFilter());
        // Links and forms keep the filter as applied, so an unknown value is not carried along.
        (Q, State, Kind, Category, Party, From, To, Handler, Sort, P, Waiting, Referral) = result.Filter;
        Choices = result.Choices;
        Total = result.Total;
        TotalCapped = result.TotalCapped;
        Pages = result.Pages;
        Rows = result.Rows;
        Today = result.Today;
    }

    /// <summary>A column the list can be sorted by clicking its header, the sort value that sorts by it, and which way.</summary>
    public sealed record SortColumn(string Sort, bool Descending);

    private static readonly Dictionary<string, SortColumn> SortColumns = new()
    {
        ["referens"] = new("referens", false),
        ["status"] = new("status", false),
        ["inkommen"] = new("inkommen", true),
        ["alder"] = new("alder", true),
        ["svar"] = new("svar", false),
    };

    /// <summary>The aria-sort of a column's header: only the column the list is sorted by has one.</summary>
    public string? AriaSort(string column) =>
        SortColumns.TryGetValue(column, out var c) && c.Sort == Sort ? (c.Descending ? "descending" : "ascending") : null;

    /// <summary>The list sorted by a column, on its first page, with every filter kept.</summary>
    public string SortUrl(string column)
    {
        var values = RouteValues(1);
        values.Remove("sort");
        if (column != InboxQuery.Sortings[0].Value) values["sort"] = column;
        return "/inkorg" + QueryString.Create(values.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).ToUriComponent();
    }

    /// <summary>The filters and sorting as query values, for links and forms that must keep them.</summary>
    public Dictionary<string, string> RouteValues(int? page = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null) values[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
        }
        Add("q", Q);
        Add("status", State);
        Add("typ", Kind);
        Add("kategori", Category);
        Add("part", Party);
        Add("fran", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("till", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("handlaggare", Handler);
        Add("vantar", Waiting);
        Add("remiss", Referral);
        if (Sort != InboxQuery.Sortings[0].Value) Add("sort", Sort);
        if ((page ?? P) > 1) Add("p", page ?? P);
        return values;
    }

    public string ListUrl(int? page = null) =>
        "/inkorg" + QueryString.Create(RouteValues(page).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).ToUriComponent();

    /// <summary>The inbox filtered to one state (and nothing else), for the counts at the top.</summary>
    public static string StateUrl(CaseState? state) => state is null ? "/inkorg" : $"/inkorg?status={state}";

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
