using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// "Logga in med …": sends the browser to the identity provider (code flow with PKCE, nonce and state). The log-in
/// page's e-mail, when filled in, goes along as a hint. A provider that cannot be reached gets a Swedish page.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Setup.RateLimitSetup.Login)]
public class ExternalModel(LexHellerDb db, OidcSchemes schemes, ILogger<OidcSchemes> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Login");

    public async Task<IActionResult> OnPostAsync(int provider, [FromForm(Name = "Input.Email")] string? email, string? returnUrl)
    {
        var found = await db.IdentityProviders.AsNoTracking().Where(p => p.Id == provider && p.Enabled)
            .Select(p => new { p.Id }).FirstOrDefaultAsync();
        if (found is null) return Redirect(ExternalLoginFailures.PageFor(ExternalLoginFailure.UnknownProvider, null));
        await schemes.EnsureAsync(found.Id);

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var properties = new AuthenticationProperties
        {
            RedirectUri = Url.Page("ExternalDone", new { returnUrl = Links.LocalOr(returnUrl) }),
        };
        var scheme = IdentityProvider.SchemeFor(found.Id);
        properties.Items["LoginProvider"] = scheme;
        var hint = email?.Trim();
        if (!string.IsNullOrEmpty(hint) && hint.Length <= 256 && hint.Contains('@')) properties.Items[OidcOptionsFromDatabase.LoginHintItem] = hint;
        try
        {
            await HttpContext.ChallengeAsync(scheme, properties);
            return new EmptyResult();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException or IOException)
        {
            // Discovery failed: the provider is down, slow, or does not answer as an OpenID provider.
            logger.LogWarning("Identity provider {ProviderId} could not be reached for a log-in: {Reason}", found.Id, ExternalLoginFailures.Describe(e));
            Response.Clear();
            return Redirect(ExternalLoginFailures.PageFor(ExternalLoginFailure.ProviderUnreachable, found.Id));
        }
    }
}
