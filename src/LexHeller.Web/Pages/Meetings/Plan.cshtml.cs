using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Meetings;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The kansli plans a BUG meeting of its current förbund. When the förbund's cut-off for the chosen day has already
/// passed, nothing is saved until the kansli has chosen when the agenda goes out: now, or at a moment before the meeting.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public class PlanModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands, Agendas agendas) : PageModel
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

        [StringLength(2000, ErrorMessage = "Högst {1} tecken.")]
        [Display(Name = "Anteckning")]
        public string? Note { get; set; }

        /// <summary>Asked only when the förbund's cut-off for the chosen day has passed.</summary>
        [Display(Name = "Utskick")]
        public Dispatch? Dispatch { get; set; }

        [Display(Name = "Datum för utskicket")]
        public DateOnly? DispatchDate { get; set; }

        [Display(Name = "Tid för utskicket")]
        public TimeOnly? DispatchTime { get; set; }

        public bool ConfirmEmpty { get; set; }
    }

    /// <summary>When the agenda of a meeting inside the cut-off goes out.</summary>
    public enum Dispatch { Now, At }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int CutoffDays { get; private set; } = LexHeller.Core.Organisations.Forbund.DefaultAgendaCutoffDays;
    /// <summary>The cut-off for the chosen day when it has already passed: the page then asks when the agenda goes out.</summary>
    public DateTimeOffset? PassedCutoff { get; private set; }
    /// <summary>How many ready cases the new meeting's agenda would get.</summary>
    public int Ready { get; private set; }

    public async Task OnGetAsync() => await LoadCutoffAsync();

    /// <summary>The current förbund's agenda cut-off, a setting of the förbund.</summary>
    private async Task LoadCutoffAsync()
    {
        var forbundId = HttpContext.Member()!.Current!.Id;
        CutoffDays = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.AgendaCutoffDays).SingleAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadCutoffAsync();
        var now = clock.GetUtcNow();
        DateTimeOffset? startsAt = null;
        if (Input.Date is { } d && Input.Time is { } t)
        {
            startsAt = Stockholm.ToUtc(d, t);
            if (startsAt <= now) ModelState.AddModelError("Input.Date", "Mötet måste ligga i framtiden.");
        }
        if (string.IsNullOrWhiteSpace(Input.Place) && string.IsNullOrWhiteSpace(Input.VideoLink))
            ModelState.AddModelError("Input.Place", "Ange en plats eller en videolänk.");
        foreach (var (key, text) in new[] { ("Input.Place", Input.Place), ("Input.Note", Input.Note) })
            foreach (var hit in PersonalDataGuard.Scan(text))
                ModelState.AddModelError(key, hit.Message);
        var member = HttpContext.Member()!;
        var forbundId = member.Current!.Id;
        if (startsAt > now && Meeting.InsideCutoff(startsAt.Value, CutoffDays, now))
        {
            PassedCutoff = Meeting.CutoffFor(startsAt.Value, CutoffDays);
            Ready = await agendas.ReadyForNewMeetingAsync(forbundId, startsAt.Value, HttpContext.RequestAborted);
        }
        if (!ModelState.IsValid || startsAt is null) return Page();

        AgendaTiming? timing = null;
        if (PassedCutoff is not null)
        {
            var kansli = new CaseActorContext(member.UserId, [CaseActor.Kansli], []);
            switch (Input.Dispatch)
            {
                case null:
                    ModelState.AddModelError("Input.Dispatch", "Välj när dagordningen ska skickas ut.");
                    return Page();
                case Dispatch.Now:
                    timing = new AgendaTiming(kansli, null, Input.ConfirmEmpty);
                    break;
                case Dispatch.At when Input.DispatchDate is { } dd && Input.DispatchTime is { } dt:
                    timing = new AgendaTiming(kansli, Stockholm.ToUtc(dd, dt), false);
                    break;
                case Dispatch.At:
                    ModelState.AddModelError("Input.DispatchDate", "Ange datum och tid för utskicket.");
                    return Page();
            }
        }

        var planned = await commands.PlanAsync(forbundId, startsAt.Value, Input.Place?.Trim(), Input.VideoLink?.Trim(), Input.Note?.Trim(), CutoffDays, timing, HttpContext.RequestAborted);
        if (planned.Refusal is { } refusal)
        {
            ModelState.AddModelError(refusal.Field switch
            {
                "DispatchAt" => "Input.DispatchDate",
                var field => $"Input.{field}",
            }, refusal.Message);
            return Page();
        }
        var meeting = planned.Meeting!;
        TempData["Status"] = meeting.AgendaClosedAt is not null
            ? $"Mötet är planerat och dagordningen skickades ut med {Items(meeting.Current.Count())}. Ledamöterna får den med e-post."
            : $"Mötet är planerat. Dagordningen stängs {Stockholm.Format(meeting.AgendaClosesAt)} och skickas då till ledamöterna.";
        return Redirect($"/moten/{meeting.Id}");
    }

    private static string Items(int count) => Swedish.Count(count, "punkt", "punkter");
}
