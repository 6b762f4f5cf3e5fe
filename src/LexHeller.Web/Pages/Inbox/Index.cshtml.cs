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
/// "Inkorg": every case of the current förbund but drafts, for the kansli to screen and route; filters, sorting,
/// paging, counts per state (read by <see cref="InboxQuery"/>), and reassignment to another kansli member.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public partial class InboxModel(LexHellerDb db) : PageModel
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

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostReassignAsync(int caseId, string? newHandler, [FromServices] CaseCommands commands)
    {
        var member = HttpContext.Member()!;
        var result = await commands.ReassignAsync(member.AsCaseUser(), member.Current!.Id, member.Current.Name, caseId, newHandler, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done) TempData["Status"] = result.Message;
        return result.Status switch
        {
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Done => Redirect(ListUrl(P)),
            CommandStatus.Refused or CommandStatus.Conflict => await RefuseAsync(result.Message ?? "Ärendet kunde inte fördelas."),
        };
    }

    private async Task<IActionResult> RefuseAsync(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var member = HttpContext.Member()!;
        ForbundName = member.Current!.Name;
        CurrentUserId = member.UserId;
        var asked = new InboxQuery.Filter(Q, State, Kind, Category, Party, From, To, Handler, Sort, P);
        var result = await new InboxQuery(db).LoadAsync(member.Current.Id, member.UserId, asked);
        // Links and forms keep the filter as applied, so an unknown value is not carried along.
        (Q, State, Kind, Category, Party, From, To, Handler, Sort, P) = result.Filter;
        Choices = result.Choices;
        Total = result.Total;
        TotalCapped = result.TotalCapped;
        Pages = result.Pages;
        Rows = result.Rows;
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
