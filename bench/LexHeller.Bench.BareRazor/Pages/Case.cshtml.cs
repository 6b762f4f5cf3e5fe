using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Bench.BareRazor.Pages;

/// <summary>The rows the app's case page shows: the case, its parties, rule conflicts, questions, referrals and timeline.</summary>
public class CaseModel(BareDb db) : PageModel
{
    public sealed record Conflict(string? PartyA, string RequirementA, string? PartyB, string RequirementB);
    public sealed record Question(string Text, string? Answer);
    public sealed record Referral(string? Organisation, string Status, string DueDate, string? Response);
    public sealed record Step(long At, string? Who, string Role, string Action, string ToState, string? Comment);

    public CaseRow Case { get; private set; } = null!;
    public string? Category { get; private set; }
    public IReadOnlyList<string?> Parties { get; private set; } = [];
    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public IReadOnlyList<Referral> Referrals { get; private set; } = [];
    public IReadOnlyList<Step> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return NotFound();
        Case = c;
        Category = await db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefaultAsync();
        Parties = await db.Parties.Where(p => p.CaseId == id)
            .Select(p => p.OrganisationId == null ? p.OtherActorName : db.Organisations.Where(o => o.Id == p.OrganisationId).Select(o => o.Name).FirstOrDefault())
            .ToListAsync();
        Conflicts = await db.Conflicts.Where(r => r.CaseId == id).OrderBy(r => r.Position)
            .Select(r => new Conflict(db.Organisations.Where(o => o.Id == r.PartyAOrganisationId).Select(o => o.Name).FirstOrDefault(), r.RequirementA,
                db.Organisations.Where(o => o.Id == r.PartyBOrganisationId).Select(o => o.Name).FirstOrDefault(), r.RequirementB))
            .ToListAsync();
        Questions = await db.Questions.Where(q => q.CaseId == id).Select(q => new Question(q.Question, q.Answer)).ToListAsync();
        Referrals = await db.Referrals.Where(r => r.CaseId == id)
            .Select(r => new Referral(db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.Name).FirstOrDefault(), r.Status, r.DueDate, r.Response))
            .ToListAsync();
        Timeline = await db.Events.Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new Step(e.At, db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.FullName).FirstOrDefault(), e.ActorRole, e.Action, e.ToState, e.Comment))
            .ToListAsync();
        return Page();
    }
}
