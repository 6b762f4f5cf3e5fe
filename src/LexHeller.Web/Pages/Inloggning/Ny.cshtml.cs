using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LexHeller.Web.Pages.Inloggning;

/// <summary>The administrator registers an identity provider.</summary>
[Authorize(Policy = Policies.Admin)]
public class NyModel(LexHellerDb db, IdentityProviderCommands commands, OidcSchemes schemes) : ProviderFormModel(db, commands, schemes)
{
    public override bool IsNew => true;

    public async Task OnGetAsync() => await LoadChoicesAsync();

    public Task<IActionResult> OnPostAsync() => SaveAsync(null);
}
