using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Pages.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// A meeting and its agenda. BUG members read the items and the decisions from here. The kansli moves cases between
/// open agendas, records the meeting's decision on each item at the table (from the meeting's day until the minutes
/// go for justering), and can cancel the meeting.
/// </summary>
public class DetailsModel(MeetingPageQuery query, MeetingCommands commands, CaseCommands caseCommands,
    Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public MeetingPageQuery.Details View { get; private set; } = null!;

    /// <summary>What the kansli wrote in one decision form of one row.</summary>
    [BindProperty] public TriggerFormInput Input { get; set; } = new();

    /// <summary>The row and decision just posted and refused: that form opens again with what was written and why not.</summary>
    public int? PostedItemId { get; private set; }
    public string? PostedDecision { get; private set; }
    public string? PostedError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Records the meeting's decision on one item: a decision trigger on a case, or a note on a free item.</summary>
    public async Task<IActionResult> OnPostDecideAsync(int id, int itemId, string? decision)
    {
        if (!await LoadAsync(id) || !View.IsKansli) return NotFound();
        var row = View.Rows.FirstOrDefault(r => r.Item.Id == itemId);
        if (row is null) return Refuse("Punkten står inte längre på dagordningen. Inget är ändrat.");
        (PostedItemId, PostedDecision) = (itemId, decision);
        if (!ModelState.IsValid) return RefuseRow(CommandResult.Refused(null));

        CommandResult result;
        if (row.Case is null && decision == AgendaItem.Noted)
        {
            if (PersonalDataGuard.Scan(Input.Note).FirstOrDefault() is { } hit)
            {
                return RefuseRow(CommandResult.Refused(null, new FieldError(nameof(TriggerInput.Note), hit.Message)));
            }
            var refusal = await commands.NoteAsync(id, itemId, Input.Note, HttpContext.RequestAborted);
            result = refusal is null ? CommandResult.Done($"{row.Title} noterades.") : CommandResult.Refused(refusal);
        }
        else if (row.Case is not null && AgendaDecisions.TryCaseDecision(decision, out var trigger))
        {
            var user = HttpContext.Member()!.AsCaseUser();
            result = await caseCommands.DecideAtMeetingAsync(user, id, itemId, trigger, Input.ForTrigger(), HttpContext.RequestAborted);
        }
        else
        {
            PostedError = "Välj ett av beslutsalternativen för punkten. Inget är ändrat.";
            return Page();
        }

        return result.Status switch
        {
            CommandStatus.Done => Decided(id, row, result.Message),
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Conflict or CommandStatus.Refused => RefuseRow(result),
        };
    }

    private RedirectResult Decided(int id, MeetingPageQuery.Row row, string? message)
    {
        TempData["Status"] = message;
        // Back to the same row: the browser scrolls to it and, as it can take focus, focuses it.
        return Redirect($"/moten/{id}#{row.Anchor}");
    }

    private PageResult RefuseRow(CommandResult result)
    {
        foreach (var e in result.FieldErrors) ModelState.AddModelError("Input." + e.Field, e.Message);
        PostedError = result.Message ?? "Beslutet är inte registrerat. Rätta det som är markerat nedan.";
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int caseId, int toMeetingId)
    {
        if (!await LoadAsync(id) || !View.IsKansli) return NotFound();
        var refusal = await commands.MoveAsync(id, caseId, toMeetingId, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);
        TempData["Status"] = $"Ärendet flyttades till mötet {Stockholm.Format(View.OtherOpen.First(m => m.Id == toMeetingId).StartsAt)}.";
        return Redirect($"/moten/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, string? reason, bool confirm)
    {
        if (!await LoadAsync(id) || !View.IsKansli) return NotFound();
        if (!confirm) return Refuse("Kryssa i rutan för att bekräfta att mötet ställs in.");
        var hit = PersonalDataGuard.Scan(reason).FirstOrDefault();
        if (hit is not null) return Refuse(hit.Message);
        var member = HttpContext.Member()!;
        var kansli = new CaseActorContext(member.UserId, [CaseActor.Kansli], []);
        var refusal = await commands.CancelAsync(id, kansli, reason, publicUrl.Value.Base, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);
        TempData["Status"] = "Mötet ställdes in. Ledamöterna får besked och ärendena tas upp på nästa möte.";
        return Redirect($"/moten/{id}");
    }

    /// <summary>One decision form of a row: what was posted if it was this one, else the defaults.</summary>
    public TriggerForm FormFor(MeetingPageQuery.Row row, CaseTrigger trigger)
    {
        var posted = IsPosted(row, trigger.ToString());
        var input = posted ? Input : new TriggerFormInput { DueDate = View.ResponseDue };
        return new TriggerForm(trigger, trigger.Spec(), input, View.Partners, row.IdPrefix, name => posted ? ModelState.For("Input." + name) : "");
    }

    public bool IsPosted(MeetingPageQuery.Row row, string decision) => PostedItemId == row.Item.Id && PostedDecision == decision;

    private IActionResult Refuse(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await query.DetailsAsync(id, HttpContext.Member()!.AsCaseUser(), HttpContext.RequestAborted) is not { } view) return false;
        View = view;
        return true;
    }
}
