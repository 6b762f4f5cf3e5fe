using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Published;

/// <summary>
/// "Besvarade avvikelser": the published answers of the current förbund, for every user with a role in it.
/// Shows what was reported and answered, never who reported it.
/// </summary>
[Authorize]
public class PublishedModel(LexHellerDb db) : PageModel
{
    public const int PageSize = 20;
    public const int ExcerptLength = 200;

    public sealed record Row(int Id, string Reference, string? Category, DateTimeOffset? ConcludedAt, CaseOutcome? Outcome, string? SummaryStart)
    {
        /// <summary>The first ~200 characters of the summary, cut at a word.</summary>
        public string Excerpt
        {
            get
            {
                var text = SummaryStart ?? "";
                if (text.Length <= ExcerptLength) return text;
                var cut = text.LastIndexOf(' ', ExcerptLength);
                return text[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)].TrimEnd() + " …";
            }
        }
    }

    public sealed record Option(string Value, string Name);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public int? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "part")] public int? Party { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public string ForbundName { get; private set; } = "";
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public IReadOnlyList<Option> Partners { get; private set; } = [];
    public IReadOnlyList<Option> OtherActors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member();
        if (member?.Current is null) return Forbid();
        var forbundId = member.Current.Id;
        ForbundName = member.Current.Name;
        await LoadOptionsAsync(forbundId);
        DropUnknownFilters();

        var query = db.Cases.AsNoTracking().Where(c => c.ForbundId == forbundId && c.IsPublished && c.State == CaseState.Avslutad);
        if (Category is { } category) query = query.Where(c => c.CategoryId == category);
        if (Party is { } party)
        {
            // An uncorrelated IN list: as a correlated EXISTS, SQLite walks every row of the organisation once per case.
            var concerning = db.CaseParties.Where(p => p.OrganisationId == party).Select(p => p.CaseId);
            query = query.Where(c => concerning.Contains(c.Id));
        }
        if (CaseSearch.ToMatchQuery(Q) is { } match)
        {
            var ids = CaseSearch.Matching(db, match);
            query = query.Where(c => ids.Contains(c.Id));
        }

        Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        // Newest published first, along the (ForbundId, IsPublished, PublishedAt) index. Nothing about the reporter is read.
        Rows = await query.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Skip((P - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Reference!,
                db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                c.ConcludedAt, c.Outcome,
                c.Summary == null ? null : c.Summary.Substring(0, ExcerptLength + 1)))
            .ToListAsync();
        return Page();
    }

    private async Task LoadOptionsAsync(int forbundId)
    {
        var sv = StringComparer.Create(Stockholm.Culture, false);
        Categories = await db.Categories.AsNoTracking().Where(k => k.ForbundId == forbundId)
            .OrderBy(k => k.SortOrder).Select(k => new Option(k.Id.ToString(), k.Name)).ToListAsync();
        Partners = (await db.ForbundMembers.AsNoTracking().Where(m => m.ForbundId == forbundId)
            .Select(m => new Option(m.OrganisationId.ToString(), m.Organisation.Name)).ToListAsync())
            .OrderBy(o => o.Name, sv).ToList();
        OtherActors = (await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.OtherActor)
            .Select(o => new Option(o.Id.ToString(), o.Name)).ToListAsync())
            .OrderBy(o => o.Name, sv).ToList();
    }

    private void DropUnknownFilters()
    {
        if (Category is { } k && Categories.All(o => o.Value != k.ToString())) Category = null;
        if (Party is { } p && Partners.Concat(OtherActors).All(o => o.Value != p.ToString())) Party = null;
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q?.Length > 200) Q = Q[..200];
    }

    public string ListUrl(int page)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (Q is not null) values.Add(new("q", Q));
        if (Category is not null) values.Add(new("kategori", Category.ToString()));
        if (Party is not null) values.Add(new("part", Party.ToString()));
        if (page > 1) values.Add(new("p", page.ToString()));
        return "/besvarade" + QueryString.Create(values).ToUriComponent();
    }

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
