using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// Where an invited user follows the link. A new user chooses a password. A user who already has an account is
/// offered a role in another förbund: they log in as themselves (with their own second factor) and accept or
/// decline it; only then does the role exist. The link works once.
/// </summary>
[AllowAnonymous]
public class InvitationModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public const string UnknownLink = "Länken är ogiltig. Kontrollera att du har kopierat hela länken från e-postmeddelandet.";
    public const string UsedLink = "Länken har redan använts. Logga in med det lösenord du valde, eller använd Glömt lösenord?.";
    public const string ExpiredLink = "Länken har gått ut. Be förbundets kansli att skicka en ny inbjudan.";
    public const string AnsweredOffer = "Inbjudan är redan besvarad.";
    public const string OtherAccount = "Inbjudan gäller ett annat konto. Logga ut och logga in med kontot som fick e-postmeddelandet.";
    public const string OrganisationGone = "Organisationen som rollen skulle företräda är inte längre medlem i förbundet. Be förbundets kansli att skicka en ny inbjudan.";

    /// <summary>The offered role, förbund and organisations, shown to the person it was offered to.</summary>
    public sealed record OfferView(string ForbundName, MembershipRole Role, IReadOnlyList<string> Organisations);

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
    public OfferView? Offer { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        var invitation = await LoadAsync();
        if (invitation is { IsOffer: true } && !IsLoggedIn) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var invitation = await LoadAsync();
        if (invitation is null) return Page();
        // An offer's link never sets a password: the account has one already.
        if (invitation.IsOffer) return NotFound();
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
        await new AccountEvents(db, clock).InvitationAcceptedAsync(user);
        await tx.CommitAsync();

        TempData["Status"] = "Ditt lösenord är sparat. Logga in för att fortsätta.";
        return RedirectToPage("Login");
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        ModelState.Clear();
        var invitation = await LoadAsync();
        if (invitation is null) return Page();
        if (!invitation.IsOffer) return NotFound();
        if (!IsLoggedIn) return Challenge();
        if (Problem is not null) return Page();

        var now = clock.GetUtcNow();
        var forbundId = invitation.ForbundId!.Value;
        var role = invitation.Role!.Value;
        await using var tx = await db.Database.BeginTransactionAsync();
        // Organisations may have left the förbund since the invitation was sent.
        var members = await db.ForbundMembers.Where(f => f.ForbundId == forbundId && invitation.OrganisationIds.Contains(f.OrganisationId))
            .Select(f => f.OrganisationId).ToListAsync();
        if (role.HasOrganisations() && members.Count == 0)
        {
            Offer = null;
            Problem = OrganisationGone;
            return Page();
        }
        if (!await ClaimAsync(invitation, now, declined: false)) return Page();
        var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Id == invitation.UserId);
        var held = user.Memberships.Any(m => m.ForbundId == forbundId && m.Role == role);
        await new AccountEvents(db, clock).OfferAcceptedAsync(user, forbundId, role,
            role == MembershipRole.Rapportor ? members.Take(1) : members, Describe(role, Offer!.Organisations));
        await tx.CommitAsync();

        TempData["Status"] = held
            ? $"Du har redan rollen {role.DisplayName()} i {Offer.ForbundName}."
            : $"Du har rollen {role.DisplayName()} i {Offer.ForbundName}.";
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostDeclineAsync()
    {
        ModelState.Clear();
        var invitation = await LoadAsync();
        if (invitation is null) return Page();
        if (!invitation.IsOffer) return NotFound();
        if (!IsLoggedIn) return Challenge();
        if (Problem is not null) return Page();

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await ClaimAsync(invitation, now, declined: true)) return Page();
        var email = await db.Users.Where(u => u.Id == invitation.UserId).Select(u => u.Email).SingleAsync();
        await new AccountEvents(db, clock).OfferDeclinedAsync(invitation.UserId, email, invitation.ForbundId,
            Describe(invitation.Role!.Value, Offer!.Organisations));
        await tx.CommitAsync();
        TempData["Status"] = "Du tackade nej till inbjudan.";
        return Redirect("/");
    }

    private bool IsLoggedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Marks the invitation used with a conditional update, so a second, simultaneous answer fails.</summary>
    private async Task<bool> ClaimAsync(Invitation invitation, DateTimeOffset now, bool declined)
    {
        var claimed = declined
            ? await db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.DeclinedAt, now))
            : await db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now));
        if (claimed > 0) return true;
        Offer = null;
        Problem = AnsweredOffer;
        return false;
    }

    private static string Describe(MembershipRole role, IReadOnlyList<string> organisations) =>
        organisations.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", organisations)}";

    private async Task<Invitation?> LoadAsync()
    {
        var hash = Invitation.Hash(Token);
        var invitation = string.IsNullOrEmpty(Token) ? null : await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash);
        var check = invitation?.Check(clock.GetUtcNow()) ?? InvitationCheck.Unknown;
        var offer = invitation?.IsOffer == true;
        Problem = check switch
        {
            InvitationCheck.Unknown => UnknownLink,
            InvitationCheck.Used => offer ? AnsweredOffer : UsedLink,
            InvitationCheck.Expired => ExpiredLink,
            InvitationCheck.Valid => null,
        };
        if (Problem is not null) return null;
        if (offer) return await LoadOfferAsync(invitation!);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == invitation!.UserId).Select(u => new { u.FullName, u.Email }).FirstAsync();
        FullName = user.FullName;
        Email = user.Email ?? "";
        return invitation;
    }

    /// <summary>What the offer is, shown only to the account it was made to; to anyone else it is refused without a word of it.</summary>
    private async Task<Invitation> LoadOfferAsync(Invitation invitation)
    {
        if (!IsLoggedIn) return invitation;
        if (users.GetUserId(User) != invitation.UserId)
        {
            Problem = OtherAccount;
            return invitation;
        }
        var forbund = await db.Forbund.Where(f => f.Id == invitation.ForbundId).Select(f => f.Name).SingleAsync();
        var organisations = (await db.Organisations.Where(o => invitation.OrganisationIds.Contains(o.Id)).Select(o => o.Name).ToListAsync())
            .Order(Stockholm.Comparer).ToList();
        Offer = new OfferView(forbund, invitation.Role!.Value, organisations);
        return invitation;
    }
}
