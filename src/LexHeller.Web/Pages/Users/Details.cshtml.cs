using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using static LexHeller.Core.Identity.UserDetailsQuery;

namespace LexHeller.Web.Pages.Users;

[Authorize(Policy = Policies.KansliOrAdmin)]
public class DetailsModel(LexHellerDb db, UserDetailsQuery query, UserCommands commands, ExternalLoginAdmin logins, IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed class GrantInput
    {
        public int? ForbundId { get; set; }
        public MembershipRole? Role { get; set; }
        public List<int> OrganisationIds { get; set; } = [];
    }

    public sealed class RepresentInput
    {
        public List<int> OrganisationIds { get; set; } = [];
    }

    public sealed class LinkInput
    {
        public int? ProviderId { get; set; }
        public string? Subject { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public LinkInput Link { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public GrantInput Grant { get; set; } = new();
    [BindProperty] public RepresentInput Represent { get; set; } = new();

    // Set by LoadAsync; a handler that finds no user returns NotFound before anything is rendered.
    private Result _shown = null!;

    public string FullName => _shown.User.FullName;
    public string Email => _shown.User.Email ?? "";
    public DateTimeOffset CreatedAt => _shown.User.CreatedAt;
    public bool HasPassword => _shown.User.PasswordHash is not null;
    public bool TwoFactorEnabled => _shown.User.TwoFactorEnabled;
    public bool MayResetTwoFactor => _shown.MayResetTwoFactor;
    public IReadOnlyList<MembershipRow> Memberships => _shown.Memberships;
    public IReadOnlyList<RepresentationForm> Representations => _shown.Representations;
    public BugCoverage.Warning Coverage { get; private set; } = BugCoverage.Warning.None;

    /// <summary>Whether the viewer may give this user another role (never themselves, and only where there is a förbund).</summary>
    public bool MayGrant => _shown.Grant?.ForbundId is not null;
    public IReadOnlyList<Choice> GrantForbundChoices => _shown.Grant?.ForbundChoices ?? [];
    public string GrantForbundName => _shown.Grant?.ForbundName ?? "";
    public IReadOnlyList<MembershipRole> GrantableRoles => _shown.Grant?.Roles ?? [];
    public IReadOnlyList<Choice> GrantOrganisations => _shown.Grant?.Organisations ?? [];

    /// <summary>The e-legitimationer linked to the account.</summary>
    public IReadOnlyList<ExternalLoginAdmin.LinkedLogin> Linked { get; private set; } = [];

    /// <summary>Whether the viewer may link and unlink e-legitimationer (whoever may manage every role the user holds).</summary>
    public bool MayManageLinks => ExternalLoginAdmin.MayManage(_shown);

    public IReadOnlyList<ExternalLoginAdmin.ProviderChoice> LinkChoices { get; private set; } = [];

    /// <summary>The link whose removal waits for the viewer's confirmation.</summary>
    public ExternalLoginAdmin.LinkedLogin? UnlinkAsked { get; private set; }

    /// <summary>The representation form that was posted, so its errors and choices are shown with it.</summary>
    public int? EditedMembershipId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? forbundId) => await LoadAsync(forbundId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        var posted = Grant.ForbundId;
        if (ModelState.IsValid)
            return await ShowAsync(await commands.GrantAsync(Who, Id, posted, Grant.Role, Grant.OrganisationIds, Aborted), "Grant", posted);
        // A form that did not bind is shown again with what the grant itself would be refused for.
        if (await LoadAsync(posted) is null || !MayGrant) return NotFound();
        if (UserCommands.WhyNotGrant(Who, _shown, posted, Grant.Role, Grant.OrganisationIds) is { } refused) ModelState.AddRefusal("Grant", refused);
        return Page();
    }

    public async Task<IActionResult> OnPostOrganisationsAsync(int membershipId)
    {
        EditedMembershipId = membershipId;
        return await ShowAsync(await commands.SetOrganisationsAsync(Who, Id, membershipId, Represent.OrganisationIds, Aborted), "Represent");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int membershipId) =>
        await ShowAsync(await commands.SetActiveAsync(Who, Id, membershipId, active: false, Aborted), "");

    public async Task<IActionResult> OnPostReactivateAsync(int membershipId) =>
        await ShowAsync(await commands.SetActiveAsync(Who, Id, membershipId, active: true, Aborted), "");

    public async Task<IActionResult> OnPostResetTwoFactorAsync() =>
        await ShowAsync(await commands.ResetTwoFactorAsync(Who, Id, Confirm, Aborted), "");

    public async Task<IActionResult> OnPostReinviteAsync() =>
        await ShowAsync(await commands.ReinviteAsync(Who, Id, publicUrl.Value.Absolute, Aborted), "");

    public async Task<IActionResult> OnPostLinkAsync() =>
        await ShowAsync(await logins.LinkAsync(Who, Id, Link.ProviderId, Link.Subject, Aborted), "Link");

    /// <summary>Asks for confirmation first; the confirmation's button posts again with Confirm set.</summary>
    public async Task<IActionResult> OnPostUnlinkAsync(int? providerId, string? subject)
    {
        if (Confirm) return await ShowAsync(await logins.UnlinkAsync(Who, Id, providerId, subject, Aborted), "");
        var link = await logins.FindAsync(Who, Id, providerId, subject, Aborted);
        if (link is null || await LoadAsync() is null) return NotFound();
        UnlinkAsked = link;
        return Page();
    }

    /// <summary>Back to the page with the message when done; else the page again with the refusal on the form bound as <paramref name="prefix"/>.</summary>
    private async Task<IActionResult> ShowAsync(CommandResult result, string prefix, int? grantForbundId = null)
    {
        if (result.Status == CommandStatus.Done) TempData["Status"] = result.Message;
        return result.Status switch
        {
            CommandStatus.Done => RedirectToPage(new { id = Id }),
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Refused or CommandStatus.Conflict => await LoadAsync(grantForbundId) is null ? NotFound() : Refused(prefix, result),
        };
    }

    private PageResult Refused(string prefix, CommandResult result)
    {
        ModelState.AddRefusal(prefix, result);
        return Page();
    }

    private KansliOrAdmin Who => HttpContext.Member()!.AsKansliOrAdmin();

    private CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>The user, if the viewer may see them; the förbund an administrator asked to grant in is preselected.</summary>
    private async Task<AppUser?> LoadAsync(int? grantForbundId = null)
    {
        var found = await query.LoadAsync(Id, Who, grantForbundId, Aborted);
        if (found is null) return null;
        _shown = found;
        Coverage = await BugCoverage.WarningAsync(db, found.ForbundIds, nameForbund: Who.IsAdministrator);
        if (found.Grant?.ForbundId is { } target) Grant.ForbundId = target;
        Linked = await logins.LinkedAsync(found.User.Id, Aborted);
        LinkChoices = ExternalLoginAdmin.MayManage(found) ? await logins.ChoicesAsync(Who, found, Aborted) : [];
        return found.User;
    }
}
