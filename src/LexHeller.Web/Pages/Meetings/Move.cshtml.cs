using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The kansli gives a meeting that has not started a new date, time, place or video link. When the new day's cut-off
/// has already passed for an agenda not yet sent, the page asks, before saving, when the agenda goes out.
/// </summary>
public class MoveModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public const string SendNow = "nu";
    public const string SendLater = "senare";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Ange mötets datum.")]
        [Display(Name = "Datum")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Ange när mötet börjar.")]
        [Display(Name = "Tid")]
        public TimeOnly? Time { get; set; }

        [StringLength(200, ErrorMessage = "Högst {1} tecken.")]
        [Display(Name = "Plats")]
        public string? Place { get; set; }

        [StringLength(500, ErrorMessage = "Högst {1} tecken.")]
        [Url(ErrorMessage = "Skriv en hel webbadress som börjar med https://.")]
        [Display(Name = "Videolänk")]
        public string? VideoLink { get; set; }

        /// <summary>For an agenda whose new cut-off has passed: <see cref="SendNow"/> or <see cref="SendLater"/>.</summary>
        public string? Dispatch { get; set; }

        public DateOnly? DispatchDate { get; set; }

        public TimeOnly? DispatchTime { get; set; }

        /// <summary>The kansli confirms that an agenda without items goes out now.</summary>
        public bool ConfirmEmpty { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public Meeting Meeting { get; private set; } = null!;

    /// <summary>Why the meeting can no longer be moved; null when it can.</summary>
    public string? Closed { get; private set; }

    /// <summary>The new time is inside the cut-off of an agenda not yet sent: the page asks when it goes out.</summary>
    public bool AskDispatch { get; private set; }

    /// <summary>When the agenda would have gone out for the new time (already past when <see cref="AskDispatch"/>).</summary>
    public DateTimeOffset? NewCutoff { get; private set; }

    public bool AgendaEmpty => !Meeting.Current.Any();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var local = Stockholm.ToLocal(Meeting.StartsAt);
        Input = new InputModel
        {
            Date = DateOnly.FromDateTime(local.DateTime),
            Time = TimeOnly.FromDateTime(local.DateTime),
            Place = Meeting.Place,
            VideoLink = Meeting.VideoLink,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Closed is not null) return Refuse(Closed);
        var now = clock.GetUtcNow();
        DateTimeOffset? startsAt = null;
        if (Input.Date is { } d && Input.Time is { } t)
        {
            startsAt = Stockholm.ToUtc(d, t);
            if (startsAt <= now) ModelState.AddModelError("Input.Date", "Mötet måste ligga i framtiden.");
        }
        if (string.IsNullOrWhiteSpace(Input.Place) && string.IsNullOrWhiteSpace(Input.VideoLink))
            ModelState.AddModelError("Input.Place", "Ange en plats eller en videolänk.");
        foreach (var hit in PersonalDataGuard.Scan(Input.Place))
            ModelState.AddModelError("Input.Place", hit.Message);
        if (!ModelState.IsValid || startsAt is not { } at) return Page();

        DateTimeOffset? dispatchAt = null;
        if (Meeting.IsAgendaOpen && Meeting.InsideCutoff(at, Meeting.CutoffDays, now))
        {
            AskDispatch = true;
            NewCutoff = Meeting.CutoffFor(at, Meeting.CutoffDays);
            switch (Input.Dispatch)
            {
                case SendNow:
                    dispatchAt = now;
                    if (AgendaEmpty && !Input.ConfirmEmpty)
                        ModelState.AddModelError("Input.ConfirmEmpty", "Inga ärenden står på dagordningen. Kryssa i rutan för att skicka ut den ändå, eller välj en senare tidpunkt.");
                    break;
                case SendLater when Input.DispatchDate is { } dd && Input.DispatchTime is { } dt:
                    dispatchAt = Stockholm.ToUtc(dd, dt);
                    if (dispatchAt <= now) ModelState.AddModelError("Input.DispatchDate", "Tidpunkten har redan passerat. Välj en senare, eller skicka ut dagordningen nu.");
                    else if (dispatchAt >= at) ModelState.AddModelError("Input.DispatchDate", "Dagordningen måste skickas ut före mötet.");
                    break;
                case SendLater:
                    ModelState.AddModelError("Input.DispatchDate", "Ange datum och tid då dagordningen ska skickas ut.");
                    break;
                default:
                    // Not an error the kansli made: the question the page asks before anything is saved.
                    ModelState.AddModelError("Input.Dispatch", $"Dagordningen skulle ha skickats ut {Stockholm.Format(NewCutoff.Value)} för den nya tiden. Välj när den ska skickas ut.");
                    break;
            }
            if (!ModelState.IsValid) return Page();
        }

        var member = HttpContext.Member()!;
        var refusal = await commands.MoveAsync(id, member.UserId, at, Trimmed(Input.Place), Trimmed(Input.VideoLink), dispatchAt, Input.ConfirmEmpty,
            publicUrl.Value.Base, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);

        var told = Meeting.IsDispatched ? " Ledamöterna får den nya tiden och en uppdaterad kalenderhändelse med e-post."
            : dispatchAt is { } sent && sent <= now ? " Dagordningen skickas ut nu."
            : dispatchAt is { } later ? $" Dagordningen skickas ut {Stockholm.Format(later)}."
            : "";
        TempData["Status"] = $"Mötet flyttades till {Stockholm.Format(at)}.{told}";
        return Redirect($"/moten/{id}");
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private IActionResult Refuse(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        return Page();
    }

    /// <summary>The meeting, for the kansli of its förbund only; everyone else is told it does not exist.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null || !member.RolesIn(meeting.ForbundId).Contains(MembershipRole.Kansli)) return false;
        Meeting = meeting;
        Closed = meeting.IsCancelled ? "Mötet är inställt och kan inte flyttas."
            : meeting.IsHeld(clock.GetUtcNow()) ? "Ett möte som redan har börjat kan inte flyttas."
            : null;
        return true;
    }
}
