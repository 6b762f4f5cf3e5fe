using System.ComponentModel.DataAnnotations;
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

/// <summary>The kansli plans a BUG meeting of its current förbund.</summary>
[Authorize(Policy = Policies.Kansli)]
public class PlanModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands) : PageModel
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
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int CutoffDays { get; private set; } = LexHeller.Core.Organisations.Forbund.DefaultAgendaCutoffDays;

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
        if (!ModelState.IsValid || startsAt is null) return Page();

        var member = HttpContext.Member()!;
        var meeting = await commands.PlanAsync(member.Current!.Id, startsAt.Value, Input.Place?.Trim(), Input.VideoLink?.Trim(), Input.Note?.Trim(), CutoffDays, HttpContext.RequestAborted);
        TempData["Status"] = $"Mötet är planerat. Dagordningen stängs {Stockholm.Format(meeting.AgendaClosesAt)}.";
        return Redirect($"/moten/{meeting.Id}");
    }
}
