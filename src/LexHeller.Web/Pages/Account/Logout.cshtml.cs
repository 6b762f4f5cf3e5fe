using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
public class LogoutModel(
    SignInManager<AppUser> signIn,
    LoginSessions sessions,
    OidcSchemes oidcSchemes,
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        LoginSessions.Ended? ended = null;
        if (signIn.UserManager.GetUserId(User) is { } userId)
        {
            // Ending the session ends every copy of its cookie at its next request (each request checks the session),
            // and only this log-in: the person's other devices stay logged in. A cookie without a session (none is
            // issued without one now) is ended the old way, by a new security stamp, which ends all of them.
            if (User.FindFirst(LoginClaims.Session)?.Value is { } sessionId) ended = await sessions.EndAsync(sessionId, userId);
            else if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        TempData["Status"] = "Du är utloggad.";
        if (ended is { IdentityProviderId: { } providerId } && await EndsSessionsAsync(providerId) is { } scheme)
        {
            HttpContext.Items[OidcOptionsFromDatabase.IdTokenHintItem] = ended.IdTokenHint;
            return SignOut(new AuthenticationProperties { RedirectUri = Url.Page("Login") }, scheme);
        }
        return RedirectToPage("Login");
    }

    /// <summary>
    /// The scheme of the provider, when it is still switched on and its discovery offers an end-session endpoint. A
    /// provider that cannot be asked leaves the log-out here complete, without an error page.
    /// </summary>
    private async Task<string?> EndsSessionsAsync(int providerId)
    {
        var scheme = IdentityProvider.SchemeFor(providerId);
        try
        {
            await oidcSchemes.EnsureAsync(providerId);
            if (await schemes.GetSchemeAsync(scheme) is null) return null;
            var configuration = await oidcOptions.Get(scheme).ConfigurationManager!.GetConfigurationAsync(HttpContext.RequestAborted);
            return string.IsNullOrEmpty(configuration.EndSessionEndpoint) ? null : scheme;
        }
        catch (Exception e) when (e is not OperationCanceledException || !HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Log-out at identity provider {ProviderId} skipped, its discovery could not be read: {Reason}", providerId, e.Message);
            return null;
        }
    }
}
