using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// Enrols an authenticator app, or – for a user who already has one but has not used it in this session –
/// asks for a code. Either way the session is then marked as having passed the second factor.
/// </summary>
[Authorize(Policy = Policies.Enrolment)]
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, LexHellerDb db, TimeProvider clock) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    [Required(ErrorMessage = "Fyll i koden från din autentiseringsapp.")]
    [Display(Name = "Verifieringskod")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool AlreadyEnabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string FormattedKey { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, LoginModel.LockedOut);
            await LoadAsync(user);
            return Page();
        }

        var code = Code.Replace(" ", "").Replace("-", "");
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Code), "Koden stämmer inte eller har redan använts. Vänta på nästa kod i appen och försök igen.");
            await LoadAsync(user);
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);

        var returnUrl = Links.LocalOr(ReturnUrl);
        if (!user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
            await new AccountEvents(db, clock).TwoFactorEnabledAsync(user);
            TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes);
            await SignInWithSecondFactorAsync(user);
            return RedirectToPage("RecoveryCodes", new { returnUrl });
        }
        await SignInWithSecondFactorAsync(user);
        return LocalRedirect(returnUrl);
    }

    private Task SignInWithSecondFactorAsync(AppUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", MemberAuthorizationHandler.MfaClaimValue)]);

    private async Task LoadAsync(AppUser user)
    {
        AlreadyEnabled = user.TwoFactorEnabled;
        Required = HttpContext.Member()?.RequiresTwoFactor == true;
        if (AlreadyEnabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // Resetting the key changes the security stamp: keep this session alive.
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = key;
        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Lex Heller")}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={Uri.EscapeDataString("Lex Heller")}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(uri), QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
