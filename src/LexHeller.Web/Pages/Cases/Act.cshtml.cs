using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// One choice of the case page on a page of its own: what happens and who is told, the form, one button. A step
/// that cannot be undone (reject, publish, redact) is shown again as a confirmation page that says what will happen
/// and changes nothing until confirmed. Both the form and the confirmation carry the version of the case the user
/// saw; if the case changed meanwhile, the page says what changed and does nothing.
/// </summary>
public class ActModel(CasePageQuery query, CaseCommands commands, LexHeller.Core.Data.LexHellerDb db, TimeProvider clock) : PageModel
{
    /// <summary>The trigger fields, and the kansli's corrections and redaction.</summary>
    public sealed class InputModel : TriggerFormInput
    {
        public int? CategoryId { get; set; }
        public List<int> PartyIds { get; set; } = [];
        [StringLength(500, ErrorMessage = "Högst {1} tecken.")] public string? RedactPassage { get; set; }
        /// <summary>Why the answer is published before every party that answered has approved it.</summary>
        [StringLength(PublicationSignOff.ReasonMax, ErrorMessage = "Högst {1} tecken.")] public string? PublishReason { get; set; }
    }

    /// <summary>For publishing: the parties' approvals of the text, when any were asked for.</summary>
    public PublicationSignOff.State? SignOff { get; private set; }

    /// <summary>Publishing a case that parties answered, and have not been asked about: this asks them first.</summary>
    public bool AsksParties => Choice.Name == CaseChoice.Publish && Case.AnsweringPartyIds.Count > 0
        && SignOff?.Asked(Case.AnsweringPartyIds) is not true;

    /// <summary>Concluding with publication a case that parties answered: they approve the text before it is published.</summary>
    public bool ConcludesForApproval => Choice.Trigger == CaseTrigger.Conclude && Input.Publish && Case.AnsweringPartyIds.Count > 0;

    /// <summary>The button that takes the step on the confirmation page.</summary>
    public string ConfirmLabel => ConcludesForApproval ? "Avsluta och be parterna godkänna"
        : Choice.Trigger == CaseTrigger.Conclude ? "Avsluta och publicera" : AsksParties ? "Be parterna godkänna texten" : Choice.Button;

    /// <summary>What the step does, said before the form: for publishing, whether the parties are asked first.</summary>
    public string WhatHappens => AsksParties
        ? $"{PartyNames} har svarat på ärendet och ombeds först godkänna sammanfattningen och svaret, inom {PublicationSignOff.DueDays} dagar. " +
          "Du publicerar när de har godkänt, eller efter sista dagen med en motivering."
        : Choice.Name == CaseChoice.Publish && SignOff is { Overdue: true }
        ? "Sista dagen att godkänna texten har passerat. Du kan publicera svaret ändå om du skriver varför. " + Choice.WhatHappens
        : Choice.WhatHappens;

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    /// <summary>The state the user saw, to say what changed when the case moved on meanwhile.</summary>
    [BindProperty] public CaseState? SeenState { get; set; }
    /// <summary>Set by the confirmation page's button: the step is taken.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>Set by the confirmation page's way back: the form is shown again as filled in.</summary>
    [BindProperty] public bool Edit { get; set; }

    public CasePageQuery.View View { get; private set; } = null!;
    public Case Case => View.Case;
    public CaseChoice Choice { get; private set; } = null!;

    /// <summary>Why the user cannot take this step now; the page then offers only the way back.</summary>
    public string? NotPossible { get; private set; }
    /// <summary>What changed since the user opened the form; nothing was done.</summary>
    public string? Changed { get; private set; }
    public bool Confirming { get; private set; }
    public RedactionPreview? Preview { get; private set; }

    /// <summary>The confirmation's words: the choice's own, or publication when the conclusion publishes.</summary>
    public string? Confirmation => ConcludesForApproval
        ? $"Ärendet avslutas. Svaret publiceras inte än: {PartyNames} har svarat på ärendet och får ett mejl där de ombeds godkänna texten " +
          $"inom {PublicationSignOff.DueDays} dagar. Du publicerar när de har godkänt. {Choice.WhoIsTold}"
        : Choice.Trigger == CaseTrigger.Conclude && Input.Publish
        ? $"Ärendet avslutas och svaret publiceras. {CaseChoice.Publication} {Choice.WhoIsTold}"
        : AsksParties
        ? $"Svaret publiceras inte än. {PartyNames} har svarat på ärendet och får ett mejl där de ombeds godkänna texten inom {PublicationSignOff.DueDays} dagar. Du publicerar när de har godkänt."
        : Choice.Name == CaseChoice.Publish && SignOff is { AllApproved: false } && Input.PublishReason is { } reason
        ? $"Svaret publiceras utan godkännande från {Stockholm.JoinNames(SignOff.Waiting.Select(p => p.Name))}. Motiveringen sparas i ärendet: ”{reason.Trim()}”. {CaseChoice.Publication}"
        : Choice.Confirmation is { } c ? $"{c} {Choice.WhoIsTold}" : null;

    /// <summary>The parties that answered the case, by name.</summary>
    public string PartyNames => Stockholm.JoinNames(View.Partners.Where(p => Case.AnsweringPartyIds.Contains(p.Id)).Select(p => p.Name)
        .Order(Stockholm.Comparer).DefaultIfEmpty("Parterna"));

    /// <summary>The form's button: the step itself, or the way to its confirmation.</summary>
    public string SubmitLabel => Choice.Name == CaseChoice.Redact ? "Visa var texten finns"
        : Choice.Confirmation is not null ? "Fortsätt till bekräftelsen"
        : Choice.Button;

    public TriggerForm? Form => Choice.Trigger is { } t && Choice.Spec!.Input != TriggerInputKind.None
        ? new TriggerForm(t, Choice.Spec, Input, View.Partners, "", name => ModelState.For("Input." + name))
        : null;

    public async Task<IActionResult> OnGetAsync(int id, string step)
    {
        if (!await LoadAsync(id, step)) return NotFound();
        Input.DueDate = View.ResponseDue;
        Input.CategoryId = Case.CategoryId;
        Input.PartyIds = Case.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string step)
    {
        var seenVersion = Version;
        if (!await LoadAsync(id, step, everyList: true)) return NotFound();
        if (NotPossible is not null)
            return seenVersion != 0 && seenVersion != Case.Version ? ShowChanged() : Page();
        if (Edit) return Page();
        if (!ModelState.IsValid)
        {
            // A value that could not be read (a hidden or chosen field posted by hand) may have no place of its own on the page.
            if (ModelState.Any(kv => kv.Value is { Errors.Count: > 0 } && FieldId(kv.Key) == kv.Key))
                ModelState.AddModelError(string.Empty, "Formuläret kunde inte tas emot som det var ifyllt. Inget är ändrat.");
            return Page();
        }

        var user = HttpContext.Member()!.AsCaseUser();
        // A missing version (a form posted by hand) is not checked; the save still refuses a lost update.
        int? version = seenVersion == 0 ? null : seenVersion;
        var confirm = Confirmation is not null && !Confirmed;
        if (confirm && Choice.Name == CaseChoice.Redact)
        {
            if (version is { } v && v != Case.Version) return ShowChanged();
            var (check, preview) = await commands.PreviewRedactionAsync(user, id, Input.RedactPassage, HttpContext.RequestAborted);
            if (check.Status != CommandStatus.Done) return Result(id, check);
            Preview = preview;
            Confirming = true;
            return Page();
        }
        if (confirm && Choice.Name == CaseChoice.Publish)
        {
            if (version is { } v && v != Case.Version) return ShowChanged();
            // After the due date the reason is asked for on the form; without it there is nothing to confirm.
            if (SignOff is { Overdue: true } late && PublicationSignOff.CheckPublish(late, Input.PublishReason) is { } missing) return Result(id, missing);
            Confirming = true;
            return Page();
        }
        if (confirm)
        {
            // Everything the step would do, rolled back: a confirmation is shown only for a step that will go through.
            var check = await commands.CheckFireAsync(user, id, version, Choice.Trigger!.Value, Input.ForTrigger(), HttpContext.RequestAborted);
            if (check.Status != CommandStatus.Done) return Result(id, check);
            Confirming = true;
            return Page();
        }

        var result = await (Choice.Name switch
        {
            CaseChoice.Correct => commands.CorrectAsync(user, id, version, Input.CategoryId, Input.PartyIds, HttpContext.RequestAborted),
            CaseChoice.Redact => commands.RedactAsync(user, id, version, Input.RedactPassage, HttpContext.RequestAborted),
            CaseChoice.Publish or CaseChoice.Unpublish => commands.SetPublicationAsync(user, id, version, Choice.Name == CaseChoice.Publish, HttpContext.RequestAborted,
                Input.PublishReason),
            _ => commands.FireAsync(user, id, version, Choice.Trigger!.Value, Input.ForTrigger(), HttpContext.RequestAborted),
        });
        return Result(id, result);
    }

    private IActionResult Result(int id, CommandResult result)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/arenden/{id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Conflict:
                return ShowChanged();
            case CommandStatus.Refused:
                foreach (var e in result.FieldErrors) ModelState.AddModelError("Input." + e.Field, e.Message);
                if (result.Message is not null) ModelState.AddModelError(string.Empty, result.Message);
                Confirming = false;
                return Page();
        }
        throw new InvalidOperationException(result.Status.ToString());
    }

    /// <summary>
    /// The case changed since the form was opened: say what changed (its new state, or the last step taken), do
    /// nothing, and offer the form again on the case as it is now, if the step is still possible.
    /// </summary>
    private PageResult ShowChanged()
    {
        var now = Case.State;
        var what = SeenState is { } seen && seen != now
            ? $"det är nu {now.DisplayName()}."
            : View.Timeline.Count > 0 ? $"{View.Timeline[^1].Line}." : "någon annan har ändrat det.";
        Changed = $"Ärendet har ändrats sedan du öppnade sidan: {what} Inget är ändrat av dig – se efter om du fortfarande vill göra det.";
        ModelState.Clear();
        Confirming = false;
        Version = Case.Version;
        SeenState = now;
        return Page();
    }

    /// <summary>Loads the case as the user may see it and the choice; false (404) for a case they may not see or a choice that is none.</summary>
    private async Task<bool> LoadAsync(int id, string step, bool everyList = false)
    {
        var choice = CaseChoice.Named(step);
        if (choice is null) return false;
        var view = await query.LoadAsync(id, HttpContext.Member()!.AsCaseUser(), everyList || choice.Name == CaseChoice.Correct, HttpContext.RequestAborted);
        if (view is null) return false;
        View = view;
        Choice = choice;
        if (CaseChoice.For(view).All(c => c.Name != choice.Name))
            NotPossible = choice.Trigger is { } t ? CaseWorkflow.Explain(view.Case, t).Refusal
                : view.IsKansli ? $"”{choice.Button}” går inte när ärendet har status ”{view.Case.State.DisplayName()}”."
                : $"Bara kansliet kan göra ”{choice.Button}”.";
        if (choice.Name == CaseChoice.Publish && NotPossible is null && view.Case.AnsweringPartyIds.Count > 0)
        {
            SignOff = await PublicationSignOff.LoadAsync(db, id, Stockholm.Today(clock.GetUtcNow()), HttpContext.RequestAborted);
            // Asked and still waiting, before the due date: nothing to do here yet but wait.
            if (!AsksParties && SignOff is { AllApproved: false, Overdue: false })
                NotPossible = $"{Stockholm.JoinNames(SignOff.Waiting.Select(p => p.Name))} har inte godkänt texten än. Du kan publicera när alla parter har godkänt, " +
                    $"eller utan deras godkännande efter {SignOff.DueDate:yyyy-MM-dd} med en motivering.";
        }
        if (Version == 0) Version = view.Case.Version;
        SeenState ??= view.Case.State;
        return true;
    }

    /// <summary>The id of the input a ModelState key is about, for the error summary's links.</summary>
    public string FieldId(string key)
    {
        var t = Choice.Name;
        var firstPartner = View.Partners.FirstOrDefault(p => p.HasBugMember)?.Id;
        return key switch
        {
            "Input.Question" => $"q-{t}",
            "Input.ReporterAnswer" => $"a-{t}",
            "Input.Note" => $"n-{t}",
            "Input.Reason" => Choice.Spec?.Input == TriggerInputKind.Rejection ? $"rr-{t}" : $"r-{t}",
            "Input.WhereToTurn" => $"w-{t}",
            "Input.ReferTo" => firstPartner is { } p ? $"refer-{p}" : key,
            "Input.DueDate" => $"due-{t}",
            "Input.Outcome" => $"o-{t}",
            "Input.Summary" => $"s-{t}",
            "Input.Answer" => $"an-{t}",
            "Input.ConfirmWithdraw" => "confirm-withdraw",
            "Input.CategoryId" => "correct-category",
            "Input.PartyIds" => View.Partners.FirstOrDefault() is { } first ? $"cp-{first.Id}" : key,
            "Input.RedactPassage" => "redact",
            "Input.PublishReason" => "publish-reason",
            _ => key,
        };
    }

    public ErrorSummary Summary => new(FieldIds: ModelState.Keys.ToDictionary(k => k, FieldId));
}
