using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Account;

/// <summary>
/// Where an invited user follows the link. A new user chooses a password. A user who already has an account is
/// offered a role in another förbund: they log in as themselves (with their own second factor) and accept or
/// decline it; only then does the role exist. The link works once.
/// </summary>
[AllowAnonymous]
public class InvitationModel(InvitationAnswers answers, UserManager<AppUser> users) : PageModel
{
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
    public InvitationOffer? Offer { get; private set; }

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
        return Show(await answers.SetPasswordAsync(invitation, Password), RedirectToPage("Login"));
    }

    public Task<IActionResult> OnPostAcceptAsync() => AnswerOfferAsync(answers.AcceptAsync);

    public Task<IActionResult> OnPostDeclineAsync() => AnswerOfferAsync(answers.DeclineAsync);

    private async Task<IActionResult> AnswerOfferAsync(Func<Invitation, InvitationOffer, Task<InvitationAnswer>> answer)
    {
        ModelState.Clear();
        var invitation = await LoadAsync();
        if (invitation is null) return Page();
        if (!invitation.IsOffer) return NotFound();
        if (!IsLoggedIn) return Challenge();
        if (Problem is not null) return Page();
        return Show(await answer(invitation, Offer!), Redirect("/"));
    }

    private IActionResult Show(InvitationAnswer answer, IActionResult done)
    {
        foreach (var error in answer.PasswordErrors ?? []) ModelState.AddModelError(nameof(Password), error);
        if (answer.Problem is not null)
        {
            Offer = null;
            Problem = answer.Problem;
        }
        if (answer.Message is null) return Page();
        TempData["Status"] = answer.Message;
        return done;
    }

    private bool IsLoggedIn => User.Identity?.IsAuthenticated == true;

    private async Task<Invitation?> LoadAsync()
    {
        var link = await answers.ReadAsync(Token, IsLoggedIn, IsLoggedIn ? users.GetUserId(User) : null);
        (Problem, FullName, Email, Offer) = (link.Problem, link.FullName, link.Email, link.Offer);
        return link.Invitation;
    }
}
