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
public class LoginWithRecoveryCodeModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, LoginThrottle throttle) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Fyll i en återställningskod.")]
    [Display(Name = "Återställningskod")]
    public string RecoveryCode { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("Login", new { ReturnUrl });
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", ""));
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            TempData["Status"] = $"Du är inloggad med en återställningskod. Du har {left} koder kvar – skapa nya under Mitt konto om det behövs.";
            return LocalRedirect(Links.LocalOr(ReturnUrl));
        }
        throttle.Failed(HttpContext);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LoginModel.LockedOut);
            return Page();
        }
        ModelState.AddModelError(nameof(RecoveryCode), "Koden är felaktig eller redan använd.");
        return Page();
    }
}
