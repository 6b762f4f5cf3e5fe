using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The kansli's agenda of one meeting: the items in order, moved up or down, removed (withdrawn once the agenda has
/// gone out), cases and free items added, and the agenda sent now. Only the kansli of the meeting's förbund sees it.
/// </summary>
public class AgendaModel(LexHellerDb db, TimeProvider clock, AgendaCommands commands) : PageModel
{
    /// <summary>An item on the agenda: a case (reference, category, state) or a free item (title, text).</summary>
    public sealed record Row(int Id, AgendaItemKind Kind, int? CaseId, string? Reference, string? Category, CaseState? State,
        string? Title, string? Text, bool Late, string? Decision)
    {
        public string Name => CaseId is null ? $"”{Title}”" : $"ärende {Reference}";
    }

    /// <summary>An item that left the agenda, and why.</summary>
    public sealed record Gone(AgendaItemKind Kind, int? CaseId, string? Reference, string? Title, AgendaRemoval Removal, string? Outcome, DateTimeOffset At);

    /// <summary>A case of the förbund ready for the BUG, with the other open agenda it stands on, if any.</summary>
    public sealed record Candidate(int Id, string Reference, string? Category, DateTimeOffset? OnMeeting);

    public sealed class FreeItemInput
    {
        public AgendaItemKind? Kind { get; set; }

        [Display(Name = "Rubrik")]
        public string? Title { get; set; }

        [Display(Name = "Text")]
        public string? Text { get; set; }
    }

    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<Row> Items { get; private set; } = [];
    public IReadOnlyList<Gone> Removed { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public FreeItemInput Item { get; set; } = new();

    /// <summary>Items can still be added, removed or withdrawn.</summary>
    public bool Editable => !Meeting.IsCancelled && Meeting.MinutesSubmittedAt is null;

    /// <summary>The agenda's moment has passed but it has not gone out: it is empty and waits for items or a confirmation.</summary>
    public bool Waiting => Meeting.IsAgendaOpen && Meeting.AgendaClosesAt <= Now;

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
        var member = HttpContext.Member()!;
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null || !member.RolesIn(meeting.ForbundId).Contains(MembershipRole.Kansli)) return false;
        Meeting = meeting;
        Now = clock.GetUtcNow();

        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.State, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id);
        Items = meeting.Current.Select(i => i.CaseId is { } cid
                ? new Row(i.Id, i.Kind, cid, cases[cid].Reference, cases[cid].Category, cases[cid].State, null, null, i.Late, i.Decision)
                : new Row(i.Id, i.Kind, null, null, null, null, i.Title, i.Text, i.Late, i.Decision))
            .ToList();
        Removed = meeting.Items.Where(i => i.RemovedAt is not null).OrderBy(i => i.RemovedAt)
            .Select(i => new Gone(i.Kind, i.CaseId, i.CaseId is { } cid ? cases[cid].Reference : null, i.Title, i.Removal!.Value, i.RemovalOutcome, i.RemovedAt!.Value))
            .ToList();

        var current = meeting.Current.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        Candidates = Editable
            ? await db.Cases.AsNoTracking()
                .Where(c => c.ForbundId == meeting.ForbundId && c.State == CaseState.RedoForBug && !current.Contains(c.Id))
                .OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence)
                .Select(c => new Candidate(c.Id, c.Reference ?? "",
                    db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                    db.AgendaItems.Where(i => i.CaseId == c.Id && i.RemovedAt == null && i.MeetingId != id)
                        .Join(db.Meetings.Where(m => m.AgendaClosedAt == null && m.CancelledAt == null), i => i.MeetingId, m => m.Id, (i, m) => (DateTimeOffset?)m.StartsAt)
                        .FirstOrDefault()))
                .ToListAsync()
            : [];
        return true;
    }

    /// <summary>A decision or an outcome (a trigger's name) in words.</summary>
    public static string? TriggerName(string? trigger) =>
        trigger == AgendaItem.Noted ? "Antecknas"
        : Enum.TryParse<CaseTrigger>(trigger, out var t) && Enum.IsDefined(t) ? t.ActionName() : null;
}
