using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>
/// The minutes of a held meeting, the same content before and after justering. The kansli writes the draft and sends
/// it for justering; each chosen justerare confirms it here as themselves; BUG members and the kansli of the förbund
/// read it and download the draft (watermarked) or the final PDF. Everyone else gets 404.
/// </summary>
public class MinutesModel(LexHellerDb db, TimeProvider clock, MinutesCommands commands, IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed class InputModel
    {
        public List<string> Attendees { get; set; } = [];
        public string? Chair { get; set; }
        public string? Secretary { get; set; }
        public List<string> Justifiers { get; set; } = [];
        public string? OtherBusiness { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The confirmation box of "Skicka för justering" and "Justera protokollet".</summary>
    [BindProperty] public bool Confirm { get; set; }

    public Meeting Meeting { get; private set; } = null!;
    public MinutesContent Minutes { get; private set; } = null!;
    public IReadOnlyList<MinutesPerson> Candidates { get; private set; } = [];
    public bool IsKansli { get; private set; }
    /// <summary>The reader is a chosen justerare who has not yet confirmed, and the minutes wait for justering.</summary>
    public bool MayJustify { get; private set; }
    /// <summary>Why the kansli cannot write the minutes now (before the meeting, once sent); null when they can.</summary>
    public string? EditRefusal { get; private set; }
    public bool CanEdit => IsKansli && EditRefusal is null;
    /// <summary>The meeting has started and is not cancelled: the minutes exist, at least as a draft.</summary>
    public bool Held => Meeting.IsHeld(clock.GetUtcNow());
    /// <summary>The form to send for justering: a draft with the roles chosen and every case item decided.</summary>
    public bool CanSubmit => CanEdit && Meeting.Participants.Count > 0 && Meeting.ChairUserId is not null && Meeting.SecretaryUserId is not null
        && Meeting.Justifiers.Count > 0;

    public async Task<IActionResult> OnGetAsync(int id, [FromServices] AccessLogWriter accessLog)
    {
        if (!await LoadAsync(id)) return NotFound();
        await RecordReadAsync(accessLog, AccessKind.Minutes, $"Protokoll {Stockholm.FormatDate(Meeting.StartsAt)}");
        Input = new InputModel
        {
            Attendees = Meeting.Participants.Select(p => p.UserId).ToList(),
            Chair = Meeting.ChairUserId,
            Secretary = Meeting.SecretaryUserId,
            Justifiers = Meeting.Justifiers.Select(j => j.UserId).ToList(),
            OtherBusiness = Meeting.OtherBusiness,
        };
        return Page();
    }

    /// <summary>The final PDF, kept with the meeting when the last justerare confirmed.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, [FromServices] AccessLogWriter accessLog)
    {
        if (!await LoadAsync(id) || Meeting.MinutesPdf is null) return NotFound();
        var name = $"protokoll-bug-{Stockholm.FormatDate(Meeting.StartsAt)}.pdf";
        await RecordReadAsync(accessLog, AccessKind.MinutesPdf, name);
        Response.Headers.CacheControl = "no-store";
        return File(Meeting.MinutesPdf, "application/pdf", name);
    }

    /// <summary>The minutes as they stand, "Utkast" on every page; once locked, the final PDF is the one to read.</summary>
    public async Task<IActionResult> OnGetDraftPdfAsync(int id, [FromServices] AccessLogWriter accessLog)
    {
        if (!await LoadAsync(id) || !Held) return NotFound();
        if (Meeting.MinutesLocked) return Redirect($"/moten/{id}/protokoll?handler=Pdf");
        var name = $"protokoll-bug-{Stockholm.FormatDate(Meeting.StartsAt)}-utkast.pdf";
        var pdf = MinutesPdf.Render(Minutes);
        await RecordReadAsync(accessLog, AccessKind.MinutesPdf, name);
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", name);
    }

    /// <summary>
    /// The minutes name the cases decided on: one row for the read, with the ids of those cases in What as a search
    /// row has them. A failed write fails the request.
    /// </summary>
    private Task RecordReadAsync(AccessLogWriter accessLog, AccessKind kind, string title)
    {
        var cases = Minutes.Paragraphs.Where(p => p.CaseId is not null).Select(p => p.CaseId!.Value).Distinct().ToList();
        var what = $"{title}: {Swedish.Count(cases.Count, "ärende", "ärenden")}{(cases.Count > 0 ? ", visade " + string.Join(",", cases) : "")}";
        return accessLog.RecordAsync(HttpContext.AccessReader(Meeting.ForbundId), Meeting.ForbundId, kind, null, what, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        var draft = new MinutesDraft(Input.Attendees.Where(a => !string.IsNullOrEmpty(a)).ToList(), Blank(Input.Chair), Blank(Input.Secretary),
            Input.Justifiers.Where(j => !string.IsNullOrEmpty(j)).ToList(), Input.OtherBusiness);
        return await ShowAsync(id, await commands.WriteAsync(id, draft, HttpContext.RequestAborted), "Input.");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id)
    {
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        return await ShowAsync(id, await commands.SubmitAsync(id, Confirm, publicUrl.Value.Base, HttpContext.RequestAborted), "");
    }

    public async Task<IActionResult> OnPostJustifyAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return await ShowAsync(id, await commands.JustifyAsync(id, HttpContext.Member()!.UserId, Confirm, HttpContext.RequestAborted), "");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Done: back to the page with the confirmation. Refused: the page again with the reasons, the input kept.</summary>
    private async Task<IActionResult> ShowAsync(int id, CommandResult result, string prefix)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/moten/{id}/protokoll");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused:
            case CommandStatus.Conflict:
                if (result.Message is not null) ModelState.AddModelError(string.Empty, result.Message);
                foreach (var e in result.FieldErrors) ModelState.AddModelError(prefix + e.Field, e.Message);
                // What the refusal left unchanged is shown as it is now.
                await LoadAsync(id);
                return Page();
        }
        throw new InvalidOperationException($"Unknown status {result.Status}.");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var meeting = await db.Meetings.Include(m => m.Items).Include(m => m.Participants).Include(m => m.Justifiers).AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        var roles = member.RolesIn(meeting.ForbundId);
        if (!roles.Contains(MembershipRole.Kansli) && !roles.Contains(MembershipRole.BugLedamot)) return false;
        Meeting = meeting;
        IsKansli = roles.Contains(MembershipRole.Kansli);
        Minutes = await MinutesContent.LoadAsync(db, meeting, HttpContext.RequestAborted);
        EditRefusal = meeting.MinutesEditRefusal(clock.GetUtcNow());
        MayJustify = meeting.MinutesSubmittedAt is not null && !meeting.MinutesLocked
            && meeting.Justifiers.Any(j => j.UserId == member.UserId && j.ConfirmedAt is null);
        if (IsKansli) Candidates = await MinutesContent.CandidatesAsync(db, meeting.ForbundId, HttpContext.RequestAborted);
        return true;
    }
}
