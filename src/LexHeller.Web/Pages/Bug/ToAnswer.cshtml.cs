using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Bug;

/// <summary>"Att besvara": the cases of the current förbund referred to the organisations this BUG member represents.</summary>
[Authorize]
public class ToAnswerModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    /// <summary>A response is "due soon" this many days ahead of its due date.</summary>
    public const int DueSoonDays = 7;

    public enum Standing { Overdue, DueSoon, Due, Answered, ClosedUnanswered }

    public sealed record Row(int CaseId, string Reference, string? Category, int OrganisationId, string Organisation, DateOnly DueDate,
        Standing Standing, int DaysLeft, bool HasDraft, DateTimeOffset? AnsweredAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member()!;
        if (!member.Has(MembershipRole.BugLedamot)) return Forbid();
        var forbundId = member.Current!.Id;
        var orgs = member.OrganisationsIn(forbundId, MembershipRole.BugLedamot);
        var today = BugCase.Today(clock);

        // The answer duties of each case's latest referral, while the case waits for answers or for the kansli.
        var duties = await db.CaseReferrals
            .Where(r => orgs.Contains(r.OrganisationId))
            .Join(db.Cases.Where(c => c.ForbundId == forbundId && (c.State == CaseState.RemitteradTillPart || c.State == CaseState.Besvarad)),
                r => r.CaseId, c => c.Id, (r, c) => new { r, c })
            .Where(x => x.r.Round == db.CaseReferrals.Where(o => o.CaseId == x.c.Id).Max(o => o.Round))
            .OrderBy(x => x.r.DueDate)
            .Select(x => new
            {
                CaseId = x.c.Id,
                x.c.Reference,
                Category = db.Categories.Where(k => k.Id == x.c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                x.r.OrganisationId,
                Organisation = db.Organisations.Where(o => o.Id == x.r.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                x.r.DueDate,
                x.r.Status,
                HasDraft = x.r.Response != null && x.r.Response != "",
                x.r.AnsweredAt,
            })
            .Take(1000)
            .ToListAsync();

        Rows = duties
            .Select(d =>
            {
                var daysLeft = d.DueDate.DayNumber - today.DayNumber;
                var standing = d.Status switch
                {
                    ReferralStatus.Answered => Standing.Answered,
                    ReferralStatus.ClosedUnanswered => Standing.ClosedUnanswered,
                    ReferralStatus.Pending when daysLeft < 0 => Standing.Overdue,
                    ReferralStatus.Pending when daysLeft <= DueSoonDays => Standing.DueSoon,
                    ReferralStatus.Pending => Standing.Due,
                };
                return new Row(d.CaseId, d.Reference ?? "", d.Category, d.OrganisationId, d.Organisation ?? "?", d.DueDate, standing, daysLeft,
                    d.HasDraft && d.Status == ReferralStatus.Pending, d.AnsweredAt);
            })
            .OrderBy(r => r.Standing)
            .ThenBy(r => r.Standing >= Standing.Answered ? 0 : r.DueDate.DayNumber)
            .ThenByDescending(r => r.AnsweredAt)
            .ThenBy(r => r.Reference, StringComparer.Ordinal)
            .ToList();
        return Page();
    }

    public static string Describe(Row r) => r.Standing switch
    {
        Standing.Overdue => $"Försenat – skulle ha besvarats {r.DueDate:yyyy-MM-dd}",
        Standing.DueSoon => r.DaysLeft == 0 ? "Ska besvaras i dag" : r.DaysLeft == 1 ? "Ska besvaras i morgon" : $"Ska besvaras inom {r.DaysLeft} dagar",
        Standing.Due => "Ska besvaras",
        Standing.Answered => "Besvarat",
        Standing.ClosedUnanswered => "Avslutat utan svar",
    };
}
