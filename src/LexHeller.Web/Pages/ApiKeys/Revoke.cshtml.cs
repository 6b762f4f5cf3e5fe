using LexHeller.Core.Api;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.ApiKeys;

/// <summary>Revoking an API key after a confirmation; calls with it are refused from then on.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class RevokeModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string ListUrl { get; private set; } = ApiKeysIndexModel.Path;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var key = await LoadAsync(id);
        if (key is null) return NotFound();
        TempData["Status"] = await new ApiKeyAdmin(db, clock).RevokeAsync(key, HttpContext.Member()!.UserId, HttpContext.RequestAborted)
            ? $"API-nyckeln ”{key.Name}” återkallades. Anrop med den nekas från och med nu."
            : $"API-nyckeln ”{key.Name}” var redan återkallad.";
        return Redirect(ListUrl);
    }

    private async Task<ApiKey?> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id);
        // A key for every förbund is the administrator's; a förbund's key is its kansli's too.
        if (key is null || (key.ForbundId is { } f ? !ForbundScope.MayAdminister(member, f) : !member.IsAdministrator)) return null;
        Name = key.Name;
        Prefix = key.Prefix;
        ListUrl = ApiKeysIndexModel.Path + (key.ForbundId is { } own && own != member.Current?.Id ? $"?{ForbundScope.QueryName}={own}" : "");
        return key;
    }
}
