using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

/// <summary>Where an invited user follows the link and chooses a password. The link works once.</summary>
[AllowAnonymous]
public class InvitationModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public const string UnknownLink = "Länken är ogiltig. Kontrollera att du har kopierat hela länken från e-postmeddelandet.";
    public const string UsedLink = "Länken har redan använts. Logga in med det lösenord du valde, eller använd Glömt lösenord?.";
    public const string ExpiredLink = "Länken har gått ut. Be förbundets kansli att skicka en ny inbjudan.";

    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Fyll i ett lösenord.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst 200 tecken.")]
    [Display(Name = "Lösenord")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "Lösenorden är inte lika.")]
    [Display(Name = "Upprepa lösenordet")]
    public string ConfirmPassword { get; set; } = "";

    public string? Problem { get; private set; }
    public string FullName { get; private set; } = "";
    public string Email { get; private set; } = "";

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var invitation = await LoadAsync();
        if (invitation is null) return Page();
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null)
        {
            Problem = UnknownLink;
            return Page();
        }
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, Password);
            foreach (var e in check.Errors) ModelState.AddModelError(nameof(Password), e.Description);
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync();
        // Claiming the invitation with a conditional update makes a second, simultaneous use fail.
        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now));
        if (claimed == 0)
        {
            Problem = UsedLink;
            return Page();
        }
        var result = await users.HasPasswordAsync(user)
            ? await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password)
            : await users.AddPasswordAsync(user, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(nameof(Password), e.Description);
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        db.AuditEntries.Add(new AuditEntry(now, user.Id, null, AuditActions.InvitationAccepted, user.Email ?? user.Id, null, null));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        TempData["Status"] = "Ditt lösenord är sparat. Logga in för att fortsätta.";
        return RedirectToPage("Login");
    }

    private async Task<Invitation?> LoadAsync()
    {
        var hash = Invitation.Hash(Token);
        var invitation = string.IsNullOrEmpty(Token) ? null : await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash);
        var check = invitation?.Check(clock.GetUtcNow()) ?? InvitationCheck.Unknown;
        Problem = check switch
        {
            InvitationCheck.Unknown => UnknownLink,
            InvitationCheck.Used => UsedLink,
            InvitationCheck.Expired => ExpiredLink,
            _ => null,
        };
        if (Problem is not null) return null;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == invitation!.UserId).Select(u => new { u.FullName, u.Email }).FirstAsync();
        FullName = user.FullName;
        Email = user.Email ?? "";
        return invitation;
    }
}
