using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>The case page: everything the reporter wrote and what has happened since. Anyone else gets 404.</summary>
public class DetailsModel(LexHellerDb db) : PageModel
{
    public sealed record TimelineRow(DateTimeOffset At, string Who, string What);

    public sealed record RuleConflictView(string PartyA, string RequirementA, string? RuleA, string PartyB, string RequirementB, string? RuleB);

    public Case Case { get; private set; } = null!;
    public string? Category { get; private set; }
    public IReadOnlyList<string> Parties { get; private set; } = [];
    public IReadOnlyList<RuleConflictView> RuleConflicts { get; private set; } = [];
    public string? HandoverFrom { get; private set; }
    public string? HandoverTo { get; private set; }
    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var member = HttpContext.Member()!;
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Events)
            .FirstOrDefaultAsync(x => x.Id == id && x.ReporterUserId == member.UserId);
        if (c is null) return NotFound();
        Case = c;

        var orgIds = c.Parties.Select(p => p.OrganisationId)
            .Concat(c.RuleConflicts.SelectMany(r => new[] { r.PartyAOrganisationId, r.PartyBOrganisationId }))
            .Append(c.HandoverFromOrganisationId).Append(c.HandoverToOrganisationId)
            .OfType<int>().Distinct().ToList();
        var names = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        string Name(int? orgId, string? other) => orgId is { } i ? names.GetValueOrDefault(i, "?") : other ?? "–";

        Category = await db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefaultAsync();
        Parties = c.Parties.Select(p => Name(p.OrganisationId, p.OtherActorName)).ToList();
        RuleConflicts = c.RuleConflicts.OrderBy(r => r.Position)
            .Select(r => new RuleConflictView(Name(r.PartyAOrganisationId, r.PartyAName), r.RequirementA, r.RuleA,
                Name(r.PartyBOrganisationId, r.PartyBName), r.RequirementB, r.RuleB)).ToList();
        HandoverFrom = c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null);
        HandoverTo = c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null);

        // The reporter sees roles, never the names of the kansli or BUG members who acted.
        Timeline = c.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new TimelineRow(e.At,
                e.ActorUserId == member.UserId ? "Du" : Enum.TryParse<CaseActor>(e.ActorRole, out var a) ? a.DisplayName() : e.ActorRole,
                Enum.TryParse<CaseTrigger>(e.Action, out var t) ? $"{t.ActionName()} – {e.ToState.DisplayName()}" : e.Action))
            .ToList();
        return Page();
    }
}
