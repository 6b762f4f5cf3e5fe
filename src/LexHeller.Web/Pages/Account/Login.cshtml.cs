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
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.Login)]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, LoginThrottle throttle, LexHeller.Core.Data.LexHellerDb db) : PageModel
{
    public const string PasswordTurnedOff =
        "Ditt samordningsförbund har stängt av inloggning med lösenord. Logga in med e-legitimation i stället.";

    /// <summary>The "Logga in med …" buttons: every switched-on provider until the person is known.</summary>
    public IReadOnlyList<ProviderButton> Providers { get; private set; } = [];

    public sealed record ProviderButton(int Id, string Name);

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

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true && HttpContext.Member() is not null) return LocalRedirect(Links.LocalOr(ReturnUrl));
        await LoadProvidersAsync(null);
        return Page();
    }

    private async Task LoadProvidersAsync(string? userId)
    {
        var enabled = db.IdentityProviders.AsNoTracking().Where(p => p.Enabled);
        if (userId is not null)
        {
            var forbund = db.Memberships.Where(m => m.UserId == userId && m.IsActive && m.ForbundId != null).Select(m => m.ForbundId!.Value);
            enabled = enabled.Where(p => p.Forbund.Any(f => forbund.Contains(f.ForbundId)));
        }
        Providers = await enabled.OrderBy(p => p.DisplayName).Select(p => new ProviderButton(p.Id, p.DisplayName)).ToListAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadProvidersAsync(null);
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
        if (result is PasswordLoginTurnedOff)
        {
            throttle.Succeeded(email, HttpContext);
            if (await users.FindByEmailAsync(email) is { } known) await LoadProvidersAsync(known.Id);
            return Refuse(PasswordTurnedOff);
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
