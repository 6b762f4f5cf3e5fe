using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Systemic;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Systemfel;

/// <summary>
/// One systemfel as the reader's förbund may see it (404 otherwise): its facts, status, escalation, the reader's own
/// linked cases and the counts of the rest, its measures and history. The owning kansli changes its status, escalates
/// it, links and unlinks the förbund's cases and puts it on a BUG agenda; the kansli of another förbund in the joint
/// register links and unlinks its own cases. Everyone else reads.
/// </summary>
public class DetailsModel(LexHellerDb db, SystemicQuery query, SystemicCommands commands, AgendaCommands agenda, TimeProvider clock) : PageModel
{
    public sealed class StepInput
    {
        public SystemicStatus? Status { get; set; }
        public string? Note { get; set; }
        public string? ToReporters { get; set; }
    }

    public sealed class EscalationInput
    {
        public EscalationLevel? Level { get; set; }
        public string? EscalatedTo { get; set; }
        public string? Note { get; set; }
    }

    public sealed class LinkInput
    {
        public string? Reference { get; set; }
    }

    public sealed class AgendaInput
    {
        public int? MeetingId { get; set; }
    }

    /// <param name="Dispatched">The agenda has gone out: the members get a mail about the new item.</param>
    public sealed record OpenMeeting(int Id, DateTimeOffset StartsAt, string? Place, bool Dispatched);

    [BindProperty] public StepInput Step { get; set; } = new();
    [BindProperty] public EscalationInput Escalation { get; set; } = new();
    [BindProperty] public LinkInput Link { get; set; } = new();
    [BindProperty] public AgendaInput Agenda { get; set; } = new();
    [BindProperty] public int? Version { get; set; }

    public SystemicQuery.Details View { get; private set; } = null!;
    /// <summary>The kansli of the owning förbund: it changes the systemfel.</summary>
    public bool IsOwner { get; private set; }
    /// <summary>A kansli of the reader's förbund: it links the förbund's own cases.</summary>
    public bool IsKansli { get; private set; }
    /// <summary>The board reads the systemfel and counts, not case references.</summary>
    public bool SeesCases { get; private set; }
    public IReadOnlyList<OpenMeeting> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Version = View.Problem.Version;
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(int id) =>
        ActAsync(id, owner: true, "Step", "Status", user => commands.MoveAsync(user, id, Version, Step.Status, Step.Note, Step.ToReporters, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEscalateAsync(int id) =>
        ActAsync(id, owner: true, "Escalation", "Level", user => commands.EscalateAsync(user, id, Version, Escalation.Level, Escalation.EscalatedTo, Escalation.Note, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostLinkAsync(int id) =>
        ActAsync(id, owner: false, "Link", "Reference", async user =>
        {
            var reference = Link.Reference?.Trim();
            if (string.IsNullOrEmpty(reference)) return CommandResult.Refused(null, new FieldError("Reference", "Skriv ärendets referens, till exempel INS-2026-0001."));
            var forbundId = HttpContext.Member()!.Current!.Id;
            var caseId = await db.Cases.Where(c => c.Reference == reference && c.ForbundId == forbundId && c.State != CaseState.Utkast)
                .Select(c => (int?)c.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (caseId is null) return CommandResult.Refused(null, new FieldError("Reference", $"Förbundet har inget ärende med referensen {reference}."));
            var result = await commands.LinkCaseAsync(user, id, caseId.Value, HttpContext.RequestAborted);
            return result.Status == CommandStatus.NotFound
                ? CommandResult.Refused(null, new FieldError("Reference", $"Förbundet har inget ärende med referensen {reference}."))
                : result;
        });

    public Task<IActionResult> OnPostUnlinkAsync(int id, int caseId) =>
        ActAsync(id, owner: false, "Link", "Reference", user => commands.UnlinkCaseAsync(user, id, caseId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAgendaAsync(int id) =>
        ActAsync(id, owner: true, "Agenda", "MeetingId", user => Agenda.MeetingId is { } meetingId
            ? agenda.AddSystemicProblemAsync(meetingId, user, id, HttpContext.RequestAborted)
            : Task.FromResult(CommandResult.Refused(null, new FieldError("MeetingId", "Välj ett möte."))));

    /// <summary>
    /// Runs a change for a kansli who may make it (the owner's, or any reading förbund's for links), shows what it did,
    /// or its refusal beside the form's fields; a message about the form as a whole goes beside its first field.
    /// </summary>
    private async Task<IActionResult> ActAsync(int id, bool owner, string prefix, string firstField, Func<CaseUser, Task<CommandResult>> command)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!IsKansli || (owner && !IsOwner)) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await command(HttpContext.Member()!.AsCaseUser());
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/systemfel/{id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused or CommandStatus.Conflict:
                if (result.Message is { } message) ModelState.AddModelError($"{prefix}.{firstField}", message);
                ModelState.AddErrors(prefix, result.FieldErrors);
                // What is shown is the systemfel as stored now: the refused change was not kept.
                await LoadAsync(id);
                Version = View.Problem.Version;
                return Page();
        }
        throw new InvalidOperationException($"Unknown command status {result.Status}.");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        if (member.Current is not { } current || !member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Styrelse)) return false;
        if (await query.DetailsAsync(id, current.Id, HttpContext.RequestAborted) is not { } view) return false;
        // The joint register is for the kansli and BUG of the förbund that take part; the board reads its own förbund's.
        if (!view.IsOwn && !member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot)) return false;
        View = view;
        IsKansli = member.Has(MembershipRole.Kansli);
        IsOwner = IsKansli && view.IsOwn;
        SeesCases = member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot);
        if (IsOwner)
        {
            var now = clock.GetUtcNow();
            var open = await db.Meetings.AsNoTracking()
                .Where(m => m.ForbundId == current.Id && m.CancelledAt == null && m.MinutesSubmittedAt == null)
                .Select(m => new OpenMeeting(m.Id, m.StartsAt, m.Place, m.AgendaClosedAt != null)).ToListAsync(HttpContext.RequestAborted);
            Meetings = open.Where(m => m.StartsAt > now).OrderBy(m => m.StartsAt).ToList();
        }
        return true;
    }

    /// <summary>The element a summary line links to, by the key of its error.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldIds = new Dictionary<string, string>
    {
        ["Step.Status"] = "step-status", ["Step.Note"] = "step-note", ["Step.ToReporters"] = "step-reporters",
        ["Escalation.Level"] = "escalation-level", ["Escalation.EscalatedTo"] = "escalation-to", ["Escalation.Note"] = "escalation-note",
        ["Link.Reference"] = "link-reference", ["Agenda.MeetingId"] = "agenda-meeting",
    };
}
