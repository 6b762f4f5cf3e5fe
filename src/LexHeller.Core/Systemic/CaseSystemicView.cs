using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Systemic;

/// <summary>
/// What the kansli's case page shows of the case's place in the bigger picture: similar cases with why they were
/// suggested, the cases it is linked to (both directions), its systemfel with those it may still be linked to, and
/// its measures. Loaded for the kansli only, and only for a submitted case that is not gallrad.
/// </summary>
public sealed class CaseSystemicView(LexHellerDb db, SimilarCases similar)
{
    public sealed record LinkedCase(int Id, string? Reference, CaseState State);
    public sealed record Problem(int Id, string Title, SystemicStatus Status, bool Own);
    public sealed record Option(int Id, string Title, string Forbund, bool Own);
    public sealed record MeasureRow(int Id, string Description, DateOnly DueDate, DateOnly FollowUpDate, bool Done, MeasureEffect? Effect);

    public sealed record Sections(IReadOnlyList<SimilarCases.Suggestion> Similar, IReadOnlyList<LinkedCase> Linked,
        IReadOnlyList<Problem> Problems, IReadOnlyList<Option> Linkable, IReadOnlyList<MeasureRow> Measures);

    /// <param name="c">The case as the case page read it, with its parties and rule conflicts.</param>
    public async Task<Sections> LoadAsync(Case c, CancellationToken ct = default)
    {
        var (caseId, forbundId) = (c.Id, c.ForbundId);
        var suggestions = await similar.ForAsync(c, ct);
        var linked = await db.CaseLinks.AsNoTracking().Where(l => l.CaseId == caseId || l.OtherCaseId == caseId)
            .Select(l => l.CaseId == caseId ? l.OtherCaseId : l.CaseId)
            .Join(db.Cases, id => id, c => c.Id, (id, c) => new LinkedCase(c.Id, c.Reference, c.State))
            .ToListAsync(ct);
        // In one statement: the systemfel the case is linked to, and those it may still be linked to: the förbund's own
        // that are not closed, then, while the förbund takes part in the joint register, those of the others that do.
        var shares = db.Forbund.Any(f => f.Id == forbundId && f.SharesSystemicProblems);
        var rows = await db.SystemicProblems.AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Title, p.Status, p.ForbundId,
                Forbund = db.Forbund.Where(f => f.Id == p.ForbundId).Select(f => f.Name).First(),
                Linked = db.SystemicProblemCases.Any(l => l.SystemicProblemId == p.Id && l.CaseId == caseId),
                Open = p.Status != SystemicStatus.Lost && p.Status != SystemicStatus.KvarstarSomKantHinder,
                Readable = p.ForbundId == forbundId || (shares && db.Forbund.Any(f => f.Id == p.ForbundId && f.SharesSystemicProblems)),
            })
            .Where(p => p.Linked || (p.Open && p.Readable))
            .ToListAsync(ct);
        var problems = rows.Where(r => r.Linked).Select(r => new Problem(r.Id, r.Title, r.Status, r.ForbundId == forbundId)).ToList();
        var linkable = rows.Where(r => !r.Linked).OrderByDescending(r => r.ForbundId == forbundId).ThenBy(r => r.Title, StringComparer.Ordinal)
            .Select(r => new Option(r.Id, r.Title, r.Forbund, r.ForbundId == forbundId)).ToList();
        var measures = await db.Measures.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.DueDate).ThenBy(m => m.Id)
            .Select(m => new MeasureRow(m.Id, m.Description, m.DueDate, m.FollowUpDate, m.DoneAt != null, m.Effect))
            .ToListAsync(ct);
        return new Sections(suggestions, linked.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList(),
            problems.OrderBy(p => p.Title, StringComparer.Ordinal).ToList(), linkable, measures);
    }
}
