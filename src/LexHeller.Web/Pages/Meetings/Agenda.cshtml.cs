using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The kansli's agenda of one meeting: the items in order, moved up or down, removed (withdrawn once the agenda has
/// gone out), cases and free items added, and the agenda sent now. Only the kansli of the meeting's förbund sees it.
/// </summary>
public class AgendaModel(MeetingPageQuery query, AgendaCommands commands) : PageModel
{
    public sealed class FreeItemInput
    {
        public AgendaItemKind? Kind { get; set; }

        [Display(Name = "Rubrik")]
        public string? Title { get; set; }

        [Display(Name = "Text")]
        public string? Text { get; set; }
    }

    public MeetingPageQuery.Agenda View { get; private set; } = null!;

    [BindProperty] public FreeItemInput Item { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddCaseAsync(int id, int? caseId) =>
        ActAsync(id, kansli => commands.AddCaseAsync(id, kansli, caseId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAddItemAsync(int id) =>
        ActAsync(id, _ => commands.AddFreeItemAsync(id, Item.Kind, Item.Title, Item.Text, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUpAsync(int id, int itemId) =>
        ActAsync(id, _ => commands.MoveAsync(id, itemId, -1, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDownAsync(int id, int itemId) =>
        ActAsync(id, _ => commands.MoveAsync(id, itemId, +1, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRemoveAsync(int id, int itemId) =>
        ActAsync(id, _ => commands.RemoveAsync(id, itemId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync(int id, int itemId, bool confirm) =>
        ActAsync(id, kansli => commands.WithdrawAsync(id, kansli, itemId, confirm, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostSendNowAsync(int id, bool confirm, bool confirmEmpty) =>
        ActAsync(id, kansli => confirm || confirmEmpty
            ? commands.SendNowAsync(id, kansli, confirmEmpty, HttpContext.RequestAborted)
            : Task.FromResult(CommandResult.Refused(null, new FieldError("Confirm", "Kryssa i rutan för att bekräfta att dagordningen skickas ut nu."))));

    /// <summary>Checks that the user is in the meeting's förbund's kansli, runs the command and shows what it did.</summary>
    private async Task<IActionResult> ActAsync(int id, Func<CaseActorContext, Task<CommandResult>> command)
    {
        if (!await LoadAsync(id)) return NotFound();
        // A value that could not be read (see InputBindingSetup) has its Swedish message already; nothing is done.
        if (!ModelState.IsValid) return Page();
        var member = HttpContext.Member()!;
        var result = await command(new CaseActorContext(member.UserId, [CaseActor.Kansli], []));
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/moten/{id}/dagordning");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused or CommandStatus.Conflict:
                if (result.Message is not null) ModelState.AddModelError(string.Empty, result.Message);
                foreach (var e in result.FieldErrors) ModelState.AddModelError(Key(e.Field), e.Message);
                // What is shown is the agenda as stored: the refused change was not kept.
                await LoadAsync(id);
                return Page();
        }
        throw new InvalidOperationException($"Unknown command status {result.Status}.");
    }

    /// <summary>The form field a command's field error belongs to.</summary>
    private static string Key(string field) => field switch
    {
        "Kind" or "Title" or "Text" => $"Item.{field}",
        _ => field,
    };

    /// <summary>The element a summary line links to, by the key of its error.</summary>
    public static string? Anchor(string key) => key switch
    {
        "CaseId" => "add-case",
        "Item.Kind" => "item-kind-information",
        "Item.Title" => "item-title",
        "Item.Text" => "item-text",
        "ConfirmEmpty" or "Confirm" => "send-confirm",
        _ => null,
    };

    private async Task<bool> LoadAsync(int id)
    {
        if (await query.AgendaAsync(id, HttpContext.Member()!.AsCaseUser(), HttpContext.RequestAborted) is not { } view) return false;
        View = view;
        return true;
    }
}
