using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public const string WrongCredentials = "Fel e-post eller lösenord.";
    public const string LockedOut = "Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen om 15 minuter.";

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
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Links.LocalOr(ReturnUrl));
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, LockedOut);
            return Page();
        }
        if (result.IsNotAllowed && await users.FindByEmailAsync(Input.Email.Trim()) is { } user && await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError(string.Empty, "Ditt konto är inte aktivt. Kontakta förbundets kansli om du behöver tillgång igen.");
            return Page();
        }
        ModelState.AddModelError(string.Empty, WrongCredentials);
        return Page();
    }
}
