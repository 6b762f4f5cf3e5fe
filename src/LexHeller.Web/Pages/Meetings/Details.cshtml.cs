using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Pages.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// A meeting and its agenda. BUG members read the items and the decisions from here. The kansli moves cases between
/// open agendas, records the meeting's decision on each item at the table (from the meeting's day until the minutes
/// go for justering), and can cancel the meeting.
/// </summary>
public class DetailsModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands, CaseCommands caseCommands, Agendas agendas,
    Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    /// <summary>The decisions the meeting can make on a case, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<CaseTrigger> CaseDecisions = [CaseTrigger.Conclude, CaseTrigger.Refer, CaseTrigger.Postpone];

    public sealed record CaseInfo(int Id, string Reference, string? Category, CaseState State, CaseOutcome? Outcome);

    /// <summary>An agenda item with its number on the agenda and, for a case item, the case.</summary>
    public sealed record Row(AgendaItem Item, int Number, CaseInfo? Case)
    {
        public string Anchor => $"punkt-{Item.Id}";
        public string Title => Case?.Reference ?? Item.Title ?? "";
        /// <summary>Prefix of the ids inside the row, so every row's fields have their own.</summary>
        public string IdPrefix => $"p{Item.Id}-";
    }

    public sealed record Other(int Id, DateTimeOffset StartsAt);

    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Cases settled before the meeting ("avgjort före mötet").</summary>
    public IReadOnlyList<Row> Settled { get; private set; } = [];
    /// <summary>Items taken off the agenda after it went out.</summary>
    public IReadOnlyList<Row> Withdrawn { get; private set; } = [];
    public IReadOnlyList<Other> OtherOpen { get; private set; } = [];
    public IReadOnlyList<CasePageQuery.Option> Partners { get; private set; } = [];
    public DateOnly? ResponseDue { get; private set; }
    public bool IsKansli { get; private set; }
    public bool Held => Meeting.StartsAt <= clock.GetUtcNow();

    /// <summary>Where the agenda stands; an agenda past its moment that has not gone out is empty or about to go.</summary>
    public string AgendaStatus => Meeting switch
    {
        { IsCancelled: true } m => $"Mötet är inställt: {m.CancelReason}",
        { AgendaClosedAt: { } closed } => $"Stängd och utskickad {Stockholm.Format(closed)}",
        var m when m.AgendaClosesAt > clock.GetUtcNow() => $"Öppen – stängs {Stockholm.Format(m.AgendaClosesAt)}",
        var m when m.Current.Any() => "Öppen – skickas ut till ledamöterna inom några minuter",
        _ => "Öppen – dagordningen är tom och går inte ut förrän den har en punkt eller kansliet bekräftar att den ska skickas tom",
    };
    /// <summary>Why the meeting takes no decisions now; null while it does.</summary>
    public string? DecisionsClosed => Meeting.DecisionsClosed(clock.GetUtcNow());
    /// <summary>The kansli records decisions on this page now.</summary>
    public bool Deciding => IsKansli && DecisionsClosed is null;

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
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        var row = Rows.FirstOrDefault(r => r.Item.Id == itemId);
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
        else if (row.Case is not null && TryCaseDecision(decision, out var trigger))
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

    private RedirectResult Decided(int id, Row row, string? message)
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
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        var refusal = await commands.MoveAsync(id, caseId, toMeetingId, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);
        TempData["Status"] = $"Ärendet är flyttat till mötet {Stockholm.Format(OtherOpen.First(m => m.Id == toMeetingId).StartsAt)}.";
        return Redirect($"/moten/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, string? reason, bool confirm)
    {
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        if (!confirm) return Refuse("Kryssa i rutan för att bekräfta att mötet ställs in.");
        var hit = PersonalDataGuard.Scan(reason).FirstOrDefault();
        if (hit is not null) return Refuse(hit.Message);
        var member = HttpContext.Member()!;
        var kansli = new CaseActorContext(member.UserId, [CaseActor.Kansli], []);
        var refusal = await commands.CancelAsync(id, kansli, reason, publicUrl.Value.Base, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);
        TempData["Status"] = "Mötet är inställt. Ledamöterna får besked och ärendena tas upp på nästa möte.";
        return Redirect($"/moten/{id}");
    }

    /// <summary>One decision form of a row: what was posted if it was this one, else the defaults.</summary>
    public TriggerForm FormFor(Row row, CaseTrigger trigger)
    {
        var posted = IsPosted(row, trigger.ToString());
        var input = posted ? Input : new TriggerFormInput { DueDate = ResponseDue };
        return new TriggerForm(trigger, trigger.Spec(), input, Partners, row.IdPrefix, name => posted ? ModelState.For("Input." + name) : "");
    }

    public bool IsPosted(Row row, string decision) => PostedItemId == row.Item.Id && PostedDecision == decision;

    /// <summary>How the page names an item's decision or how it left the agenda, from the trigger stored by name.</summary>
    public static string Outcome(string? trigger)
    {
        if (trigger == AgendaItem.Noted) return "Noteras";
        return Enum.TryParse<CaseTrigger>(trigger, out var t) && Enum.IsDefined(t) ? t.Spec().Done : "Inget beslut ännu";
    }

    public static string KindName(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.Case => "Ärende",
        AgendaItemKind.Information => "Information",
        AgendaItemKind.Question => "Övrig fråga",
    };

    /// <summary>A decision trigger by its name only (Enum.TryParse would also take "99").</summary>
    private static bool TryCaseDecision(string? decision, out CaseTrigger trigger)
    {
        var named = CaseDecisions.Where(t => t.ToString() == decision).ToList();
        trigger = named.FirstOrDefault();
        return named.Count == 1;
    }

    private IActionResult Refuse(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        var roles = member.RolesIn(meeting.ForbundId);
        if (!roles.Contains(MembershipRole.Kansli) && !roles.Contains(MembershipRole.BugLedamot)) return false;
        Meeting = meeting;
        IsKansli = roles.Contains(MembershipRole.Kansli);
        var caseIds = meeting.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new CaseInfo(c.Id, c.Reference ?? "", db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(), c.State, c.Outcome))
            .ToDictionaryAsync(c => c.Id);
        Row ToRow(AgendaItem item, int number) => new(item, number, item.CaseId is { } c ? cases.GetValueOrDefault(c) : null);
        Rows = meeting.Current.Select((item, n) => ToRow(item, n + 1)).ToList();
        Settled = meeting.Items.Where(i => i.Removal == AgendaRemoval.SettledBeforeMeeting).OrderBy(i => i.RemovedAt).Select(i => ToRow(i, 0)).ToList();
        Withdrawn = meeting.Items.Where(i => i.Removal == AgendaRemoval.Withdrawn).OrderBy(i => i.RemovedAt).Select(i => ToRow(i, 0)).ToList();
        OtherOpen = await db.Meetings.AsNoTracking()
            .Where(m => m.ForbundId == meeting.ForbundId && m.Id != id && m.AgendaClosedAt == null && m.CancelledAt == null)
            .OrderBy(m => m.StartsAt).Select(m => new Other(m.Id, m.StartsAt)).ToListAsync();
        // The referral form lists the partners and proposes a due date; only loaded when a row offers it.
        if (Deciding && Rows.Any(r => r.Item.Decision is null && r.Case?.State == CaseState.BehandlasIBug))
        {
            (Partners, _) = await CasePageQuery.OptionsAsync(db, meeting.ForbundId, null, withCategories: false);
            ResponseDue = await agendas.DefaultResponseDueAsync(meeting.ForbundId);
        }
        return true;
    }
}
