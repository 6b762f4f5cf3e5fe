using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Inloggning;

/// <summary>The identity providers people may log in through; never shows a secret.</summary>
[Authorize(Policy = Policies.Admin)]
public class LeverantorerModel(LexHellerDb db, IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record Row(int Id, string DisplayName, string Authority, bool Enabled, string Forbund, ProviderUrls Urls);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var providers = await db.IdentityProviders.AsNoTracking().Select(p => new
        {
            p.Id, p.DisplayName, p.Authority, p.Enabled,
            ForbundIds = p.Forbund.Select(x => x.ForbundId).ToList(),
        }).ToListAsync();
        var names = await db.Forbund.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name);
        Rows = providers.OrderBy(p => p.DisplayName, Stockholm.Comparer)
            .Select(p => new Row(p.Id, p.DisplayName, p.Authority, p.Enabled,
                string.Join(", ", p.ForbundIds.Select(id => names[id]).Order(Stockholm.Comparer)), ProviderUrls.For(p.Id, publicUrl.Value, Request)))
            .ToList();
    }
}
