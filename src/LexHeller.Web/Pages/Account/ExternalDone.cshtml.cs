using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// Where the identity provider's accepted answer lands: the identity is matched to an account (never created),
/// and the person is logged in. A strong acr counts as the second factor; otherwise an account with an
/// authenticator app is asked for its code, and a privileged account without one is sent to set it up.
/// </summary>
[AllowAnonymous]
public class ExternalDoneModel(LexHellerDb db, SignInManager<AppUser> signIn, ExternalLogins externalLogins, ILogger<OidcSchemes> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var scheme = external.Properties?.Items.TryGetValue("LoginProvider", out var s) == true ? s : null;
        if (!external.Succeeded || external.Principal is null || scheme is null || !scheme.StartsWith("oidc-", StringComparison.Ordinal)
            || !int.TryParse(scheme.AsSpan(5), out var providerId))
            return Redirect(ExternalLoginFailures.PageFor(ExternalLoginFailure.NoPendingLogin, null));

        var provider = await db.IdentityProviders.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId && p.Enabled);
        if (provider is null) return await RefuseAsync(ExternalLoginFailure.UnknownProvider, null);

        var principal = external.Principal;
        var subject = principal.FindFirst(provider.SubjectClaim)?.Value;
        var email = principal.FindFirst(provider.EmailClaim)?.Value;
        var verified = string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var result = await externalLogins.ResolveAsync(provider, subject, email, verified);
        if (result.User is not { } user) return await RefuseAsync(result.Failure!.Value, provider.Id);
        if (!await signIn.CanSignInAsync(user)) return await RefuseAsync(ExternalLoginFailure.Inactive, provider.Id);

        ((LexHellerSignInManager)signIn).PendingExternal = external;
        var target = Links.LocalOr(returnUrl);
        if (provider.IsStrong(principal.FindFirst("acr")?.Value))
        {
            // The provider's strong authentication is the second factor: no authenticator code is asked.
            await signIn.SignInWithClaimsAsync(user, isPersistent: false,
                [new("amr", MemberAuthorizationHandler.MfaClaimValue), new(System.Security.Claims.ClaimTypes.AuthenticationMethod, scheme)]);
            return LocalRedirect(target);
        }
        var signedIn = await signIn.ExternalLoginSignInAsync(scheme, subject!, isPersistent: false, bypassTwoFactor: false);
        if (signedIn.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl = target });
        if (signedIn.Succeeded) return LocalRedirect(target);
        if (signedIn.IsLockedOut) return await RefuseAsync(ExternalLoginFailure.Inactive, provider.Id);
        return await RefuseAsync(ExternalLoginFailure.NoAccount, provider.Id);
    }

    private async Task<IActionResult> RefuseAsync(ExternalLoginFailure why, int? providerId)
    {
        logger.LogWarning("Log-in through identity provider {ProviderId} refused: {Reason}", providerId, why);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return Redirect(ExternalLoginFailures.PageFor(why, providerId));
    }
}
