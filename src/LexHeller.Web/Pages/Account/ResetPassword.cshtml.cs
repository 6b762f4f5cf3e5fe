using System.ComponentModel.DataAnnotations;
using System.Text;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.Login)]
public class ResetPasswordModel(UserManager<AppUser> users, LexHellerDb db, TimeProvider clock, LoginThrottle throttle) : PageModel
{
    public const string InvalidLink = "Länken är ogiltig, redan använd eller har gått ut. Begär en ny via Glömt lösenord?.";

    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Fyll i ett nytt lösenord.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst 200 tecken.")]
    [Display(Name = "Nytt lösenord")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa lösenordet")]
    public string ConfirmPassword { get; set; } = "";

    public void OnGet()
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(Token) || string.IsNullOrEmpty(Email)) ModelState.AddModelError(string.Empty, InvalidLink);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email);
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token)); }
        catch (FormatException) { token = ""; }
        if (user is null || token.Length == 0)
        {
            throttle.Failed(HttpContext);
            ModelState.AddModelError(string.Empty, InvalidLink);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                if (e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                {
                    throttle.Failed(HttpContext);
                    ModelState.AddModelError(string.Empty, InvalidLink);
                }
                else ModelState.AddModelError(nameof(Password), e.Description);
            }
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        throttle.Succeeded(Email, HttpContext);
        await new AccountEvents(db, clock).PasswordResetAsync(user);
        TempData["Status"] = "Du har bytt lösenord. Logga in med det nya lösenordet.";
        return RedirectToPage("Login");
    }
}
