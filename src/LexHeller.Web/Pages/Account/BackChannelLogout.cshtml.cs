using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// The identity provider's own call, server to server, saying that a person's session there ended: the log-in
/// sessions it names end here too. It carries no cookie and no form token — its proof is the signed logout token —
/// so this one page takes no antiforgery token. It answers with a status only: 200, or 400 for a token refused
/// (the reason is logged for the administrator).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class BackChannelLogoutModel(BackChannelLogoutTokens tokens, LoginSessions sessions, ILogger<BackChannelLogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task<IActionResult> OnPostAsync(int id, [FromForm(Name = "logout_token")] string? logoutToken)
    {
        Response.Headers.CacheControl = "no-store";
        // The provider reads the status; an error page in its place would only hide it.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        var token = await tokens.ValidateAsync(id, logoutToken, HttpContext.RequestAborted);
        if (!token.Valid)
        {
            logger.LogWarning("Back-channel log-out from identity provider {ProviderId} refused: {Reason}", id, token.Refusal);
            return BadRequest();
        }
        var ended = await sessions.EndAtProviderAsync(id, token.Sid, token.Sub);
        logger.LogInformation("Identity provider {ProviderId} ended its session; {Count} log-in session(s) ended here", id, ended);
        return new OkResult();
    }
}
