using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using static LexHeller.Core.Identity.UserInvitations;

namespace LexHeller.Web.Pages.Users;

/// <summary>Kansli invites users to its own förbund; administrators to any förbund and any role.</summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class InviteModel(UserInvitations invitations, IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i personens namn.")]
        [StringLength(200, ErrorMessage = "Namnet får vara högst 200 tecken.")]
        [Display(Name = "Namn")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Fyll i personens e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress, t.ex. namn@kommun.se.")]
        [StringLength(254, ErrorMessage = "E-postadressen får vara högst 254 tecken.")]
        [Display(Name = "E-post")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Välj en roll.")]
        [Display(Name = "Roll")]
        public MembershipRole? Role { get; set; }

        public int? ForbundId { get; set; }

        public List<int> OrganisationIds { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<Choice> ForbundChoices { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    public IReadOnlyList<MembershipRole> GrantableRoles { get; private set; } = [];
    public string ForbundName { get; private set; } = "";

    private KansliOrAdmin Who => HttpContext.Member()!.AsKansliOrAdmin();

    public async Task OnGetAsync(int? forbundId)
    {
        Input.ForbundId = forbundId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            // The form's own faults are named together with what the role and organisations would be refused for.
            var form = await LoadAsync();
            ModelState.AddErrors("Input", await invitations.CheckAsync(Who, form, Input.Role, Input.OrganisationIds, HttpContext.RequestAborted));
            return Page();
        }
        var (result, userId) = await invitations.InviteAsync(Who, Input.ForbundId,
            new Invitee(Input.FullName, Input.Email, Input.Role!.Value, Input.OrganisationIds), publicUrl.Value.Absolute, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done) TempData["Status"] = result.Message;
        return result.Status switch
        {
            CommandStatus.Done => Redirect(userId is null ? "/anvandare" : $"/anvandare/{userId}"),
            CommandStatus.Refused or CommandStatus.Conflict => await RefusedAsync(result),
            CommandStatus.NotFound => NotFound(),
        };
    }

    private async Task<IActionResult> RefusedAsync(CommandResult result)
    {
        await LoadAsync(withRefusal: false);
        ModelState.AddRefusal("Input", result);
        return Page();
    }

    /// <summary>The förbund the form is for (a kansli's always its own, whatever the form says) and what it offers there.</summary>
    private async Task<Form> LoadAsync(bool withRefusal = true)
    {
        var form = await invitations.FormAsync(Who, Input.ForbundId, HttpContext.RequestAborted);
        if (withRefusal && form.Refusal is { } refusal) ModelState.AddModelError(string.Empty, refusal);
        (ForbundChoices, Input.ForbundId, ForbundName, GrantableRoles, Organisations) =
            (form.ForbundChoices, form.ForbundId, form.ForbundName, form.Roles, form.Organisations);
        return form;
    }
}
