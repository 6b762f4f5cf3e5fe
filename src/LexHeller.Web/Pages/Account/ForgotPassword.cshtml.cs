using System.ComponentModel.DataAnnotations;
using System.Text;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitSetup.Login)]
public class ForgotPasswordModel(UserManager<AppUser> users, LexHellerDb db, TimeProvider clock, LoginThrottle throttle,
    IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Fyll i din e-postadress.")]
    [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress, t.ex. namn@kommun.se.")]
    [Display(Name = "E-post")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        // Every request counts: each may send a mail, and the answer never says whether the address exists.
        throttle.Failed(HttpContext);
        var user = await users.FindByEmailAsync(Email.Trim());
        // The answer is the same whether or not the address has an account.
        if (user is not null && await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.IsActive))
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var url = publicUrl.Value.Absolute($"/aterstall-losenord?email={Uri.EscapeDataString(user.Email!)}&token={token}");
            db.Outbox.Add(new PasswordResetMail(user.Email!, url).ToOutbox(clock.GetUtcNow(), user.Id));
            await db.SaveChangesAsync();
        }
        Sent = true;
        return Page();
    }
}
