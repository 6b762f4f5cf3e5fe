using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The kansli gives a meeting that has not started a new date, time, place or video link. When the new day's cut-off
/// has already passed for an agenda not yet sent, the page asks, before saving, when the agenda goes out.
/// </summary>
public class MoveModel(MeetingPageQuery query, MeetingCommands commands, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl) : PageModel
{
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

        /// <summary>For an agenda whose new cut-off has passed: <see cref="MeetingMoveCheck.SendNow"/> or <see cref="MeetingMoveCheck.SendLater"/>.</summary>
        public string? Dispatch { get; set; }

        public DateOnly? DispatchDate { get; set; }

        public TimeOnly? DispatchTime { get; set; }

        /// <summary>The kansli confirms that an agenda without items goes out now.</summary>
        public bool ConfirmEmpty { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public MeetingPageQuery.Move View { get; private set; } = null!;
    public Meeting Meeting => View.Meeting;

    /// <summary>Why the meeting can no longer be moved; null when it can.</summary>
    public string? Closed => View.Closed;

    /// <summary>The new time is inside the cut-off of an agenda not yet sent: the page asks when it goes out.</summary>
    public bool AskDispatch { get; private set; }

    public bool AgendaEmpty => View.AgendaEmpty;

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
        var now = View.Now;
        var (startsAt, errors) = MeetingMoveCheck.When(Input.Date, Input.Time, Input.Place, Input.VideoLink, now);
        AddErrors(errors);
        if (!ModelState.IsValid || startsAt is not { } at) return Page();

        var dispatch = MeetingMoveCheck.When(Meeting, at, Input.Dispatch, Input.DispatchDate, Input.DispatchTime, Input.ConfirmEmpty, now);
        AskDispatch = dispatch.Ask;
        AddErrors(dispatch.Errors);
        if (!ModelState.IsValid) return Page();

        var member = HttpContext.Member()!;
        var refusal = await commands.MoveAsync(id, member.UserId, at, MeetingMoveCheck.Trimmed(Input.Place), MeetingMoveCheck.Trimmed(Input.VideoLink),
            dispatch.At, Input.ConfirmEmpty, publicUrl.Value.Base, HttpContext.RequestAborted);
        if (refusal is not null) return Refuse(refusal);
        TempData["Status"] = MeetingMoveCheck.Moved(Meeting, at, dispatch.At, now);
        return Redirect($"/moten/{id}");
    }

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors) ModelState.AddModelError("Input." + e.Field, e.Message);
    }

    private IActionResult Refuse(string why)
    {
        ModelState.AddModelError(string.Empty, why);
        return Page();
    }

    /// <summary>The meeting, for the kansli of its förbund only; everyone else is told it does not exist.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        if (await query.MoveAsync(id, HttpContext.Member()!.AsCaseUser(), HttpContext.RequestAborted) is not { } view) return false;
        View = view;
        return true;
    }
}
