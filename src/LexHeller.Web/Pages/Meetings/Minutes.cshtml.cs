using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Meetings;

/// <summary>The kansli finalises the minutes of a held meeting; kansli and BUG members download them as PDF.</summary>
public class MinutesModel(LexHellerDb db, TimeProvider clock, MeetingCommands commands) : PageModel
{
    public sealed record Member(string UserId, string Name);

    public Meeting Meeting { get; private set; } = null!;
    public IReadOnlyList<MinutesDecision> Decisions { get; private set; } = [];
    public IReadOnlyList<Member> BugMembers { get; private set; } = [];
    public bool IsKansli { get; private set; }

    [BindProperty] public List<string> Participants { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(int id)
    {
        if (!await LoadAsync(id) || Meeting.MinutesPdf is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(Meeting.MinutesPdf, "application/pdf", $"protokoll-bug-{Stockholm.FormatDate(Meeting.StartsAt)}.pdf");
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id) || !IsKansli) return NotFound();
        var allowed = BugMembers.ToDictionary(b => b.UserId, b => b.Name);
        // A posted form can carry an empty or repeated value; only known BUG members, each once, are taken.
        if (Participants.Any(p => p is null || !allowed.ContainsKey(p)))
        {
            ModelState.AddModelError(string.Empty, "Välj bland förbundets BUG-ledamöter.");
            return Page();
        }
        Participants = Participants.Distinct().ToList();
        var forbund = await db.Forbund.Where(f => f.Id == Meeting.ForbundId).Select(f => f.Name).SingleAsync();
        var now = clock.GetUtcNow();
        var refusal = await commands.FinaliseMinutesAsync(id, Participants, m => MinutesPdf.Render(new MinutesContent(forbund, m.StartsAt, m.Place,
            Participants.Select(p => allowed[p]).Order(StringComparer.Create(Stockholm.Culture, false)).ToList(), Decisions, now)), HttpContext.RequestAborted);
        if (refusal is not null)
        {
            ModelState.AddModelError(string.Empty, refusal);
            return Page();
        }
        TempData["Status"] = "Protokollet är fastställt och sparat med mötet.";
        return Redirect($"/moten/{id}/protokoll");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var member = HttpContext.Member()!;
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Items).Include(m => m.Participants).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        var roles = member.RolesIn(meeting.ForbundId);
        if (!roles.Contains(MembershipRole.Kansli) && !roles.Contains(MembershipRole.BugLedamot)) return false;
        Meeting = meeting;
        IsKansli = roles.Contains(MembershipRole.Kansli);
        var caseIds = meeting.Items.Select(i => i.CaseId).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.ReferenceYear, c.ReferenceSequence, Category = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault() })
            .ToListAsync();
        Decisions = cases.OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence)
            .Select(c => new MinutesDecision(c.Reference ?? "", c.Category, MinutesPdf.DecisionText(meeting.Items.First(i => i.CaseId == c.Id).Decision)))
            .ToList();
        BugMembers = (await db.Memberships.Where(m => m.ForbundId == meeting.ForbundId && m.IsActive && m.Role == MembershipRole.BugLedamot)
                .Select(m => new Member(m.UserId, m.User.FullName)).Distinct().ToListAsync())
            .OrderBy(b => b.Name, StringComparer.Create(Stockholm.Culture, false)).ToList();
        if (Participants.Count == 0) Participants = meeting.Participants.Select(p => p.UserId).ToList();
        return true;
    }
}
