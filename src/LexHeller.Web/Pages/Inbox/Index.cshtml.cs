using System.Text.RegularExpressions;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Inbox;

/// <summary>
/// "Inkorg": every case of the current förbund but drafts, for the kansli to screen and route; filters, sorting,
/// paging, counts per state, and reassignment to another kansli member.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public partial class InboxModel(LexHellerDb db) : PageModel
{
    public const int PageSize = 50;
    public const string Mine = "mina";
    public const string Nobody = "ingen";
    public const int SearchCountCap = 1000;

    /// <summary>
    /// Above this many matches a page of results is found faster by walking the förbund's cases newest first and
    /// keeping the matching ones than by looking every match up by id and sorting them all.
    /// </summary>
    public const int CommonWordMatches = 200;

    public sealed record Row(int Id, string Reference, CaseKind Kind, string? Category, CaseState State,
        DateTimeOffset? SubmittedAt, string? HandlerUserId, string? Handler, DateTimeOffset UpdatedAt);

    public sealed record StateCount(CaseState State, int Count);

    public sealed record Option(string Value, string Name);

    public sealed record Kansli(string UserId, string Name, bool IsActive);

    public sealed record Sorting(string Value, string Name);

    public static readonly IReadOnlyList<Sorting> Sortings =
    [
        new("inkommen", "Inkommen, nyast först"),
        new("andrad", "Senast ändrad"),
        new("referens", "Referens, äldst först"),
        new("status", "Status"),
    ];

    /// <summary>The states of the inbox in the order a case travels them.</summary>
    public static readonly IReadOnlyList<CaseState> States = Enum.GetValues<CaseState>().Where(s => s != CaseState.Utkast).ToList();

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public CaseState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "typ")] public CaseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public int? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "part")] public int? Party { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "handlaggare")] public string? Handler { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "inkommen";
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public string ForbundName { get; private set; } = "";
    public IReadOnlyList<StateCount> Counts { get; private set; } = [];
    public int AllCount { get; private set; }
    public int Total { get; private set; }
    /// <summary>The free-text search found more than <see cref="SearchCountCap"/> cases; only that many are counted and paged.</summary>
    public bool TotalCapped { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public IReadOnlyList<Option> Partners { get; private set; } = [];
    public IReadOnlyList<Option> OtherActors { get; private set; } = [];
    public IReadOnlyList<Kansli> KansliMembers { get; private set; } = [];
    public string CurrentUserId { get; private set; } = "";

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
        var forbundId = member.Current!.Id;
        ForbundName = member.Current.Name;
        CurrentUserId = member.UserId;
        await LoadOptionsAndCountsAsync(forbundId);
        DropUnknownFilters();

        var inbox = db.Cases.AsNoTracking().Where(c => c.ForbundId == forbundId && c.State != CaseState.Utkast);

        // A common word can match tens of thousands of cases; counting them all costs more than the page itself.
        int? textMatches = IsTextSearch && OnlyTextFiltered
            ? await CaseSearch.CountSubmittedAsync(db, TextMatch!, forbundId, SearchCountCap + 1)
            : null;
        var query = Filter(inbox, member.UserId, commonWord: textMatches > CommonWordMatches);
        if (Sort == "status")
        {
            await LoadByStateAsync(query);
            return;
        }
        if (OnlyStateFiltered) Total = State is { } s ? Counts.First(x => x.State == s).Count : AllCount;
        else if (IsTextSearch)
        {
            Total = textMatches ?? await query.Take(SearchCountCap + 1).CountAsync();
            TotalCapped = Total > SearchCountCap;
            if (TotalCapped) Total = SearchCountCap;
        }
        else Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        Rows = await Project(Order(query).Skip((P - 1) * PageSize).Take(PageSize)).ToListAsync();
    }

    /// <summary>
    /// Sorting by state in the order of the route, one state at a time: each part walks the reference index and
    /// stops at the end of the page, where one ORDER BY over a CASE expression would sort every case of the förbund.
    /// </summary>
    private async Task LoadByStateAsync(IQueryable<Case> query)
    {
        var perState = OnlyStateFiltered
            ? Counts.Where(x => State is null || x.State == State).ToList()
            : await query.GroupBy(c => c.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync();
        Total = perState.Sum(x => x.Count);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        var skip = (P - 1) * PageSize;
        var rows = new List<Row>();
        foreach (var state in States)
        {
            var count = perState.FirstOrDefault(x => x.State == state)?.Count ?? 0;
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            rows.AddRange(await Project(BySubmission(query.Where(c => c.State == state)).Skip(skip).Take(PageSize - rows.Count)).ToListAsync());
            skip = 0;
            if (rows.Count >= PageSize) break;
        }
        Rows = rows;
    }

    private IQueryable<Row> Project(IQueryable<Case> query) => query.Select(c => new Row(c.Id, c.Reference!, c.Kind,
        db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
        c.State, c.SubmittedAt, c.HandlerUserId,
        db.Users.Where(u => u.Id == c.HandlerUserId).Select(u => u.FullName).FirstOrDefault(),
        c.UpdatedAt));

    /// <summary>The free text is a case reference (LH-…), looked up exactly.</summary>
    private bool IsReference { get; set; }

    /// <summary>The free text as a full-text query, or null; worked out once per request with the other filters.</summary>
    private string? TextMatch { get; set; }

    private bool IsTextSearch => TextMatch is not null;

    private bool OnlyTextFiltered => State is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null;

    private bool OnlyStateFiltered => Q is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null;

    private IQueryable<Case> Filter(IQueryable<Case> query, string userId, bool commonWord = false)
    {
        if (State is { } state) query = query.Where(c => c.State == state);
        if (Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (Category is { } category) query = query.Where(c => c.CategoryId == category);
        if (Party is { } party)
        {
            // An uncorrelated IN list: as a correlated EXISTS, SQLite walks every row of the organisation once per case.
            var concerning = db.CaseParties.Where(p => p.OrganisationId == party).Select(p => p.CaseId);
            query = query.Where(c => concerning.Contains(c.Id));
        }
        if (From is { } from)
        {
            // The reference year is the Stockholm year of submission, so it narrows the search on the reference index.
            var start = StartOfDay(from);
            query = query.Where(c => c.ReferenceYear >= from.Year && c.SubmittedAt >= start);
        }
        if (To is { } to)
        {
            var end = StartOfDay(to.AddDays(1));
            query = query.Where(c => c.ReferenceYear <= to.Year && c.SubmittedAt < end);
        }
        query = Handler switch
        {
            null => query,
            Mine => query.Where(c => c.HandlerUserId == userId),
            Nobody => query.Where(c => c.HandlerUserId == null),
            var id => query.Where(c => c.HandlerUserId == id),
        };
        if (IsReference)
        {
            var reference = Q!.ToUpperInvariant();
            query = query.Where(c => c.Reference == reference);
        }
        else if (TextMatch is { } match)
        {
            var ids = CaseSearch.Matching(db, match);
            // "Id + 0" keeps SQLite from driving the query by the matches' ids (its choice with statistics: at a
            // million cases a common word meant 10,000 row look-ups and a sort, 15 ms instead of 2).
            query = commonWord ? query.Where(c => ids.Contains(c.Id + 0)) : query.Where(c => ids.Contains(c.Id));
        }
        return query;
    }

    private IOrderedQueryable<Case> Order(IQueryable<Case> query) => Sort switch
    {
        "andrad" => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        "referens" => query.OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence),
        _ => BySubmission(query),
    };

    /// <summary>Newest submitted first. References are given in the order cases are submitted, so this walks the reference index.</summary>
    private static IOrderedQueryable<Case> BySubmission(IQueryable<Case> query) =>
        query.OrderByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence);

    private static DateTimeOffset StartOfDay(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Stockholm.Zone), TimeSpan.Zero);

    private enum Listed { Category, Partner, OtherActor, Kansli, StateCount }

    /// <summary>
    /// The filter lists and the counts per state in one statement: categories (inactive ones marked), partners, other
    /// actors, everyone who is or was kansli here (a former member may still handle old cases), and the counts kept
    /// by the database in CaseStateCounts, which the other filters do not narrow.
    /// </summary>
    private async Task LoadOptionsAndCountsAsync(int forbundId)
    {
        var rows = await db.Categories.Where(k => k.ForbundId == forbundId)
                .Select(k => new { What = Listed.Category, Id = k.Id, Key = "", k.Name, Flag = k.IsActive, Number = k.SortOrder })
            .Concat(db.ForbundMembers.Where(m => m.ForbundId == forbundId)
                .Select(m => new { What = Listed.Partner, Id = m.OrganisationId, Key = "", m.Organisation.Name, Flag = true, Number = 0 }))
            .Concat(db.Organisations.Where(o => o.Kind == OrganisationKind.OtherActor)
                .Select(o => new { What = Listed.OtherActor, Id = o.Id, Key = "", o.Name, Flag = true, Number = 0 }))
            .Concat(db.Memberships.Where(m => m.ForbundId == forbundId && m.Role == MembershipRole.Kansli)
                .Select(m => new { What = Listed.Kansli, Id = 0, Key = m.UserId, Name = m.User.FullName, Flag = m.IsActive, Number = 0 }))
            .Concat(db.CaseStateCounts.Where(c => c.ForbundId == forbundId && c.State != CaseState.Utkast)
                .Select(c => new { What = Listed.StateCount, Id = 0, Key = c.State.ToString(), Name = "", Flag = true, Number = c.Count }))
            .AsNoTracking().ToListAsync();

        var sv = StringComparer.Create(Stockholm.Culture, false);
        Categories = rows.Where(r => r.What == Listed.Category).OrderBy(r => r.Number).ThenBy(r => r.Id)
            .Select(r => new Option(r.Id.ToString(), r.Flag ? r.Name : r.Name + " (inaktiv)")).ToList();
        Partners = rows.Where(r => r.What == Listed.Partner).Select(r => new Option(r.Id.ToString(), r.Name)).OrderBy(o => o.Name, sv).ToList();
        OtherActors = rows.Where(r => r.What == Listed.OtherActor).Select(r => new Option(r.Id.ToString(), r.Name)).OrderBy(o => o.Name, sv).ToList();
        KansliMembers = rows.Where(r => r.What == Listed.Kansli)
            .GroupBy(r => r.Key)
            .Select(g => new Kansli(g.Key, g.First().Name, g.Any(m => m.Flag)))
            .OrderBy(k => k.Name, sv).ToList();
        var counts = rows.Where(r => r.What == Listed.StateCount).ToDictionary(r => r.Key, r => r.Number);
        Counts = States.Select(s => new StateCount(s, counts.GetValueOrDefault(s.ToString()))).ToList();
        AllCount = Counts.Sum(x => x.Count);
    }

    /// <summary>A value that is not among the options (another förbund's category, a made-up handler) filters nothing.</summary>
    private void DropUnknownFilters()
    {
        if (State == CaseState.Utkast) State = null;
        if (Category is { } k && Categories.All(o => o.Value != k.ToString())) Category = null;
        if (Party is { } p && Partners.Concat(OtherActors).All(o => o.Value != p.ToString())) Party = null;
        if (Handler is not (null or Mine or Nobody) && KansliMembers.All(m => m.UserId != Handler)) Handler = null;
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q?.Length > 200) Q = Q[..200];
        IsReference = Q is { } q && ReferencePattern().IsMatch(q);
        TextMatch = IsReference ? null : CaseSearch.ToMatchQuery(Q);
        if (Sortings.All(s => s.Value != Sort)) Sort = Sortings[0].Value;
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
        if (Sort != Sortings[0].Value) Add("sort", Sort);
        if ((page ?? P) > 1) Add("p", page ?? P);
        return values;
    }

    public string ListUrl(int? page = null) =>
        "/inkorg" + QueryString.Create(RouteValues(page).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).ToUriComponent();

    /// <summary>The inbox filtered to one state (and nothing else), for the counts at the top.</summary>
    public static string StateUrl(CaseState? state) => state is null ? "/inkorg" : $"/inkorg?status={state}";

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);

    [GeneratedRegex(@"^LH-[A-Za-zÅÄÖåäö]+-\d{4}-\d+$")]
    private static partial Regex ReferencePattern();
}
