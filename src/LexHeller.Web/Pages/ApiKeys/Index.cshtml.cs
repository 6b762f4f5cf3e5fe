using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Api;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Api;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.ApiKeys;

/// <summary>
/// "API-nycklar": the keys partner systems read a förbund's data with — list, make (the key is shown once, in the
/// answer to the form, and only its hash is kept) and, on a page of its own, revoke.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ApiKeysIndexModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public const string Path = "/api-nycklar";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv ett namn på nyckeln, till exempel systemet som ska använda den.")]
        [StringLength(ApiKey.MaxName, ErrorMessage = "Namnet får vara högst {1} tecken.")]
        public string? Name { get; set; }

        public List<ApiScope> Scopes { get; set; } = [];

        [Required(ErrorMessage = "Ange sista giltighetsdag.")]
        public DateOnly? LastDay { get; set; }

        public bool AllForbund { get; set; }
    }

    public sealed record Row(int Id, string Name, string Prefix, bool AllForbund, IReadOnlyList<ApiScope> Scopes, DateTimeOffset ExpiresAt,
        DateTimeOffset? RevokedAt, DateTimeOffset? LastUsed);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "visa")] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "sortera")] public string? Sort { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool IsAdministrator => HttpContext.Member()!.IsAdministrator;

    /// <summary>The key just made, shown in this answer and never again.</summary>
    public ApiKeyAdmin.Created? Created { get; private set; }

    public static IReadOnlyList<ApiScope> AllScopes { get; } = Enum.GetValues<ApiScope>();

    public static string ScopeLabel(ApiScope scope) => scope switch
    {
        ApiScope.Published => "Publicerade svar",
        ApiScope.Compilations => "Sammanställningar",
        ApiScope.Systemic => "Systemfel",
        ApiScope.Register => "Kategorier och medlemsorganisationer",
    };

    public string StatusOf(Row row) =>
        row.RevokedAt is not null ? "Återkallad" : row.ExpiresAt <= clock.GetUtcNow() ? "Utgången" : "Aktiv";

    public static string LastDayOf(DateTimeOffset expiresAt) => Stockholm.FormatDate(expiresAt.AddTicks(-1));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        Input.LastDay = Today.AddYears(1);
        Input.Scopes = [ApiScope.Published];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var allForbund = Input.AllForbund && IsAdministrator;
        if (Input.Scopes.Count == 0)
            ModelState.AddModelError("Input.Scopes", "Kryssa i minst ett av det nyckeln ska få läsa.");
        if (Input.LastDay is { } day && ApiKeyAdmin.WhyExpiryRefused(day, Today) is { } why)
            ModelState.AddModelError("Input.LastDay", why);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        Created = await new ApiKeyAdmin(db, clock).CreateAsync(allForbund ? null : Scope.Id, Input.Name!.Trim(), Input.Scopes,
            Input.LastDay!.Value, HttpContext.Member()!.UserId, HttpContext.RequestAborted);
        // No redirect: the key exists only in this answer.
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        Input = new InputModel { LastDay = Today.AddYears(1), Scopes = [ApiScope.Published] };
        await LoadAsync();
        return Page();
    }

    public string ListUrl => Path + Scope.Query;

    public string ListLink(string? show, string? sort)
    {
        var query = new List<string>();
        if (!Scope.IsCurrent) query.Add($"{ForbundScope.QueryName}={Scope.Id}");
        if (show is not null) query.Add($"visa={show}");
        if (sort is not null) query.Add($"sortera={sort}");
        return Path + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        Today = Stockholm.Today(clock.GetUtcNow());
        return true;
    }

    private async Task LoadAsync()
    {
        var admin = IsAdministrator;
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.ForbundId == Scope.Id || (admin && k.ForbundId == null))
            .Select(k => new
            {
                k.Id, k.Name, k.Prefix, k.ForbundId, k.ScopeNames, k.ExpiresAt, k.RevokedAt,
                LastUsed = db.ApiCalls.Where(c => c.ApiKeyId == k.Id).OrderByDescending(c => c.At).Select(c => (DateTimeOffset?)c.At).FirstOrDefault(),
            })
            .ToListAsync();
        var now = clock.GetUtcNow();
        var list = rows.Select(k => new Row(k.Id, k.Name, k.Prefix, k.ForbundId is null, ApiKey.ParseScopes(k.ScopeNames), k.ExpiresAt, k.RevokedAt, k.LastUsed));
        if (Show != "alla") list = list.Where(r => r.RevokedAt is null && r.ExpiresAt > now);
        Rows = (Sort switch
        {
            "giltighet" => list.OrderBy(r => r.ExpiresAt),
            "senast" => list.OrderByDescending(r => r.LastUsed),
            _ => list.OrderBy(r => r.Name, Stockholm.Comparer),
        }).ToList();
    }
}
