using LexHeller.Core.Cases;
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
/// A meeting and its agenda. BUG members read the cases from here; the kansli moves cases between open agendas,
/// records decisions on each case page and can cancel the meeting.
/// </summary>
public class DetailsModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record Item(int CaseId, string Reference, string? Category, CaseState State, string? Decision);
    public sealed record Other(int Id, DateTimeOffset StartsAt);

    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<Item> Items { get; private set; } = [];
    public IReadOnlyList<Other> OtherOpen { get; private set; } = [];
    public bool IsKansli { get; private set; }
    public bool Held => Meeting.StartsAt <= clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

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
        var caseIds = meeting.Items.Select(i => i.CaseId).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.State, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(), c.ReferenceYear, c.ReferenceSequence })
            .ToListAsync();
        Items = cases.OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence)
            .Select(c => new Item(c.Id, c.Reference ?? "", c.Category, c.State, meeting.Items.First(i => i.CaseId == c.Id).Decision))
            .ToList();
        OtherOpen = await db.Meetings.AsNoTracking()
            .Where(m => m.ForbundId == meeting.ForbundId && m.Id != id && m.AgendaClosedAt == null && m.CancelledAt == null)
            .OrderBy(m => m.StartsAt).Select(m => new Other(m.Id, m.StartsAt)).ToListAsync();
        return true;
    }

    public static string DecisionName(string? decision) =>
        Enum.TryParse<CaseTrigger>(decision, out var t) && Enum.IsDefined(t) ? t.ActionName() : "Inget beslut ännu";
}
