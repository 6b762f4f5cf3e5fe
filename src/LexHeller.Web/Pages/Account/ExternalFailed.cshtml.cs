using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// A log-in through an identity provider that did not succeed: what happened in Swedish, nothing created, and the
/// way to the password log-in where the provider's förbund still allow it. The reason itself is in the log.
/// </summary>
[AllowAnonymous]
public class ExternalFailedModel(LexHellerDb db) : PageModel
{
    public string Text { get; private set; } = "";
    public bool PasswordAllowed { get; private set; } = true;

    public async Task OnGetAsync(string? orsak, int? leverantor)
    {
        var provider = leverantor is null ? null : await db.IdentityProviders.AsNoTracking()
            .Where(p => p.Id == leverantor).Select(p => new { p.Id, p.DisplayName }).FirstOrDefaultAsync();
        var failure = ExternalLoginFailures.Parse(orsak) ?? ExternalLoginFailure.ProviderAnswer;
        Text = ExternalLoginFailures.Text(failure, provider?.DisplayName ?? "Inloggningstjänsten");
        if (provider is not null)
        {
            // The provider's people may fall back to a password only where no förbund of the provider turned it off.
            var forbund = db.Set<IdentityProviderForbund>().Where(f => f.IdentityProviderId == provider.Id).Select(f => f.ForbundId);
            PasswordAllowed = !await db.Forbund.AnyAsync(f => forbund.Contains(f.Id) && !f.PasswordLoginAllowed);
        }
    }
}
