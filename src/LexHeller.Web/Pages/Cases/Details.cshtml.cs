using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// The case page for everyone who may open the case, each at the level their role allows, with the buttons the
/// workflow permits them. The reporter's identity is shown to the kansli and the reporter only.
/// </summary>
public class DetailsModel(CasePageQuery query, CaseCommands commands, TimeProvider clock) : PageModel
{
    /// <summary>The trigger fields, and the kansli's corrections and redaction.</summary>
    public sealed class InputModel : TriggerFormInput
    {
        public int? CategoryId { get; set; }
        public List<int> PartyIds { get; set; } = [];
        [StringLength(500, ErrorMessage = "Högst {1} tecken.")] public string? RedactPassage { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public CasePageQuery.View View { get; private set; } = null!;
    public Case Case => View.Case;
    public bool IsReporter => Case.ReporterUserId == HttpContext.Member()!.UserId;
    public bool IsKansli => View.IsKansli;
    public bool IsBug => View.Actor.Actors.Contains(CaseActor.BugMember);
    public DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    /// <summary>The forms of the triggers this user may fire here (submitting and party answers have pages of their own).</summary>
    public IEnumerable<TriggerForm> Actions => View.Permitted
        .Select(t => new TriggerForm(t, t.Spec(), Input, View.Partners, "", name => ModelState.For("Input." + name)))
        .Where(a => a.Spec.Input != TriggerInputKind.OwnPage);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input.DueDate = View.ResponseDue;
        Input.CategoryId = Case.CategoryId;
        Input.PartyIds = Case.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToList();
        return Page();
    }

    /// <summary>Fires one workflow trigger, or one of the kansli's edits, on the version of the case the user saw.</summary>
    public async Task<IActionResult> OnPostAsync(int id, string? action)
    {
        var user = HttpContext.Member()!.AsCaseUser();
        // A missing version (a form posted by hand) is not checked; the save still refuses a lost update.
        int? version = Version == 0 ? null : Version;
        Task<CommandResult>? command = !ModelState.IsValid ? null : action switch
        {
            "Correct" => commands.CorrectAsync(user, id, version, Input.CategoryId, Input.PartyIds),
            "Redact" => commands.RedactAsync(user, id, version, Input.RedactPassage),
            "Publish" or "Unpublish" => commands.SetPublicationAsync(user, id, version, action == "Publish"),
            _ when TryTrigger(action, out var trigger) => commands.FireAsync(user, id, version, trigger, Input.ForTrigger()),
            _ => null,
        };
        if (command is null)
        {
            // A value that could not be read (a hidden or chosen field posted by hand) may have no place of its own on the page.
            ModelState.AddModelError(string.Empty, ModelState.IsValid ? "Okänd åtgärd." : "Formuläret kunde inte tas emot som det var ifyllt. Inget är ändrat.");
            return await ShowAsync(id);
        }
        var result = await command;
        return result.Status switch
        {
            CommandStatus.Done => Done(id, result.Message),
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Conflict => await ConflictAsync(id, result.Message),
            CommandStatus.Refused => await RefusedAsync(id, result),
        };
    }

    private RedirectResult Done(int id, string? message)
    {
        TempData["Status"] = message;
        return Redirect($"/arenden/{id}");
    }

    /// <summary>Someone else changed the case first: say so and show it as it is now.</summary>
    private async Task<IActionResult> ConflictAsync(int id, string? message)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message ?? CommandResult.Changed);
        Version = 0;
        return await ShowAsync(id);
    }

    private async Task<IActionResult> RefusedAsync(int id, CommandResult result)
    {
        foreach (var e in result.FieldErrors) ModelState.AddModelError("Input." + e.Field, e.Message);
        if (result.Message is not null) ModelState.AddModelError(string.Empty, result.Message);
        return await ShowAsync(id);
    }

    /// <summary>A trigger by its name only: Enum.TryParse would also take "99" or "Take, Reject", which name no trigger.</summary>
    private static bool TryTrigger(string? action, out CaseTrigger trigger)
    {
        trigger = default;
        return action is not null && Enum.GetNames<CaseTrigger>().Contains(action) && Enum.TryParse(action, out trigger);
    }

    private async Task<IActionResult> ShowAsync(int id) => await LoadAsync(id, everyList: true) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, bool everyList = false)
    {
        var view = await query.LoadAsync(id, HttpContext.Member()!.AsCaseUser(), everyList, HttpContext.RequestAborted);
        if (view is null) return false;
        View = view;
        if (Version == 0) Version = view.Case.Version;
        return true;
    }
}
