using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.Login)]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, LoginThrottle throttle) : PageModel
{
    public const string WrongCredentials = "Fel e-post eller lösenord.";

    /// <summary>The same words whether the account exists, is locked, or only this address is shut out of it.</summary>
    public const string LockedOut =
        "Inloggningen är spärrad en tid efter för många misslyckade försök. Försök igen senare, eller välj ett nytt lösenord via Glömt lösenord?.";

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i din e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress, t.ex. namn@kommun.se.")]
        [Display(Name = "E-post")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Fyll i ditt lösenord.")]
        [Display(Name = "Lösenord")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && HttpContext.Member() is not null ? LocalRedirect(Links.LocalOr(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        if (throttle.IsLockedOut(email, HttpContext))
        {
            throttle.Failed(HttpContext);
            return Refuse(LockedOut);
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(email, HttpContext);
            return result.Succeeded ? LocalRedirect(Links.LocalOr(ReturnUrl)) : RedirectToPage("LoginWith2fa", new { ReturnUrl });
        }
        var addressShutOut = throttle.Failed(email, HttpContext);
        if (result.IsLockedOut || addressShutOut) return Refuse(LockedOut);
        if (result.IsNotAllowed && await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, Input.Password))
            return Refuse("Ditt konto är inte aktivt. Kontakta förbundets kansli om du behöver tillgång igen.");
        return Refuse(WrongCredentials);
    }

    private PageResult Refuse(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        return Page();
    }
}
