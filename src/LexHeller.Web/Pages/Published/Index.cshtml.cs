using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Published;

/// <summary>
/// "Besvarade avvikelser": the published answers of the current förbund, for every user with a role in it
/// (read by <see cref="PublishedQuery"/>). Shows what was reported and answered, never who reported it.
/// </summary>
[Authorize]
public class PublishedModel(LexHellerDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public int? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "part")] public int? Party { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public string ForbundName { get; private set; } = "";
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<PublishedQuery.Row> Rows { get; private set; } = [];
    public IReadOnlyList<PublishedQuery.Option> Categories { get; private set; } = [];
    public IReadOnlyList<PublishedQuery.Option> Partners { get; private set; } = [];
    public IReadOnlyList<PublishedQuery.Option> OtherActors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member();
        if (member?.Current is null) return Forbid();
        ForbundName = member.Current.Name;
        var result = await new PublishedQuery(db).LoadAsync(member.Current.Id, new PublishedQuery.Filter(Q, Category, Party, P));
        (Q, Category, Party, P) = result.Filter;
        (Categories, Partners, OtherActors) = (result.Categories, result.Partners, result.OtherActors);
        (Total, Pages, Rows) = (result.Total, result.Pages, result.Rows);
        return Page();
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
