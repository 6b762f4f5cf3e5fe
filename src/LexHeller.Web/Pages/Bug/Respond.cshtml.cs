using System.ComponentModel.DataAnnotations;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Bug;

/// <summary>
/// A party's response to a referred case: the case as a BUG member may see it and one text per organisation, which any
/// of its BUG members may edit until it is submitted. Anyone who does not represent the organisation gets 404.
/// </summary>
[Authorize]
public class RespondModel(LexHellerDb db, TimeProvider clock, CaseCommands commands) : PageModel
{
    public const string ChangedByOthers = "Ärendet har ändrats av någon annan.";

    public sealed class InputModel
    {
        [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Organisationens svar")]
        public string? Response { get; set; }

        /// <summary>The case's version when the form was loaded: a stale form is refused.</summary>
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public BugCase Case { get; private set; } = null!;
    public BugCase.Referral Referral { get; private set; } = null!;
    public string? Draft { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>What the user wrote when someone else got there first; shown so that it is not lost.</summary>
    public string? Unsaved { get; private set; }

    public IEnumerable<BugCase.Referral> OtherParties => Case.CurrentReferrals.Where(r => r.OrganisationId != Referral.OrganisationId);

    public async Task<IActionResult> OnGetAsync(int id, int organisationId, [FromServices] AccessLogWriter accessLog)
    {
        var c = await LoadAsync(id, organisationId);
        if (c is null) return NotFound();
        // The party's view of the case is a read of it like the case page; a failed write fails the page.
        await accessLog.RecordAsync(HttpContext.AccessReader(c.ForbundId), c.ForbundId, AccessKind.CasePage, c.Id, c.Reference ?? "", HttpContext.RequestAborted);
        await ShowAsync(c, organisationId, keepInput: false);
        return Page();
    }

    public Task<IActionResult> OnPostDraftAsync(int id, int organisationId) => SaveAsync(id, organisationId, submit: false);

    /// <summary>
    /// "Skicka svaret": the draft is saved first, then the answer is shown as it will be sent, with what sending
    /// means, and sent only from there (<see cref="OnPostConfirmAsync"/>).
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(int id, int organisationId)
    {
        if (!ModelState.IsValid) return await ShowAgainAsync(id, organisationId, null);
        // An empty answer is refused before anything is saved, as sending it would be.
        if (string.IsNullOrWhiteSpace(Input.Response))
            return await ShowAgainAsync(id, organisationId, CommandResult.Refused(null, new FieldError("Response", "Skriv organisationens svar innan du skickar det.")));
        int? version = Input.Version == 0 ? null : Input.Version;
        var saved = await commands.RespondAsync(HttpContext.Member()!.AsCaseUser(), id, organisationId, version, Input.Response, submit: false, HttpContext.RequestAborted);
        switch (saved.Status)
        {
            case CommandStatus.NotFound: return NotFound();
            case CommandStatus.Conflict: return await ChangedAsync(id, organisationId);
            case CommandStatus.Refused: return await ShowAgainAsync(id, organisationId, saved);
        }
        var c = await LoadAsync(id, organisationId);
        if (c is null) return NotFound();
        await ShowAsync(c, organisationId, keepInput: false);
        Confirming = CanEdit;
        return Page();
    }

    /// <summary>Sends the answer the user saw on the confirmation, if the case is still as it was then.</summary>
    public Task<IActionResult> OnPostConfirmAsync(int id, int organisationId) => SaveAsync(id, organisationId, submit: true);

    /// <summary>The answer is shown for confirmation before it is sent.</summary>
    public bool Confirming { get; private set; }

    private async Task<IActionResult> SaveAsync(int id, int organisationId, bool submit)
    {
        if (!ModelState.IsValid) return await ShowAgainAsync(id, organisationId, null);
        int? version = Input.Version == 0 ? null : Input.Version;
        var result = await commands.RespondAsync(HttpContext.Member()!.AsCaseUser(), id, organisationId, version, Input.Response, submit, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done) TempData["Status"] = result.Message;
        return result.Status switch
        {
            CommandStatus.Done => Redirect($"/arenden/{id}/svar/{organisationId}"),
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Conflict => await ChangedAsync(id, organisationId),
            CommandStatus.Refused => await ShowAgainAsync(id, organisationId, result),
        };
    }

    /// <summary>A refusal leaves the case as it was; show it as stored, with the user's text kept in the field.</summary>
    private async Task<IActionResult> ShowAgainAsync(int id, int organisationId, CommandResult? refused)
    {
        var c = await LoadAsync(id, organisationId);
        if (c is null) return NotFound();
        // A form that could not be read on a case that changed since: the change comes first, as with any stale form.
        if (refused is null && Input.Version != 0 && Input.Version != c.Version) return await ChangedAsync(id, organisationId);
        foreach (var e in refused?.FieldErrors ?? []) ModelState.AddModelError("Input." + e.Field, e.Message);
        if (refused?.Message is { } why) ModelState.AddModelError("Input.Response", why);
        await ShowAsync(c, organisationId, keepInput: true);
        return Page();
    }

    /// <summary>Someone changed the case since the form was loaded: say so and show the case as it is now.</summary>
    private async Task<IActionResult> ChangedAsync(int id, int organisationId)
    {
        var unsaved = Input.Response;
        var fresh = await LoadAsync(id, organisationId);
        if (fresh is null) return NotFound();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, $"{ChangedByOthers} Här är ärendet som det ser ut nu – din text är inte sparad.");
        await ShowAsync(fresh, organisationId, keepInput: false);
        if (!string.IsNullOrWhiteSpace(unsaved) && unsaved.Trim() != (Draft ?? "")) Unsaved = unsaved;
        return Page();
    }

    /// <summary>The case if this member represents the organisation and the case was referred to it; otherwise null.</summary>
    private async Task<Case?> LoadAsync(int id, int organisationId)
    {
        var member = HttpContext.Member()!;
        var c = await BugCase.Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (c is null || !member.CanView(c)) return null;
        if (!member.OrganisationsIn(c.ForbundId, MembershipRole.BugLedamot).Contains(organisationId)) return null;
        return c.Referrals.Any(r => r.OrganisationId == organisationId) ? c : null;
    }

    private async Task ShowAsync(Case c, int organisationId, bool keepInput)
    {
        Case = await BugCase.FromAsync(db, c);
        Today = BugCase.Today(clock);
        var referral = c.CurrentReferrals.FirstOrDefault(r => r.OrganisationId == organisationId)
            ?? c.Referrals.Where(r => r.OrganisationId == organisationId).OrderByDescending(r => r.Round).First();
        Referral = Case.Referrals.First(r => r.OrganisationId == organisationId && r.Round == referral.Round);
        CanEdit = c.State == CaseState.RemitteradTillPart && referral.Round == c.CurrentRound && referral.Status == ReferralStatus.Pending;
        Draft = referral.Status == ReferralStatus.Pending ? referral.Response : null;
        DraftSavedAt = Draft is { Length: > 0 } ? referral.ResponseUpdatedAt : null;
        if (!keepInput) Input = new InputModel { Response = Draft };
        Input.Version = c.Version;
        ModelState.Remove("Input.Version");
    }
}
