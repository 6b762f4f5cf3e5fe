using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.Login)]
public class LoginWith2faModel(SignInManager<AppUser> signIn, LoginThrottle throttle) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Fyll i koden från din autentiseringsapp.")]
    [Display(Name = "Verifieringskod")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            TempData["Status"] = "Inloggningen tog för lång tid. Logga in igen.";
            return RedirectToPage("Login", new { ReturnUrl });
        }
        if (!ModelState.IsValid) return Page();
        var code = Code.Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Links.LocalOr(ReturnUrl));
        throttle.Failed(HttpContext);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LoginModel.LockedOut);
            return Page();
        }
        ModelState.AddModelError(nameof(Code), "Koden stämmer inte eller har redan använts. Vänta på nästa kod i appen och försök igen.");
        return Page();
    }
}
