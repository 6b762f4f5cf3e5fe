using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Systemic;

/// <summary>
/// What each reader may see of systemfel. A förbund's kansli, BUG and board read its own; the kansli and BUG of a förbund
/// that takes part in the joint register also read the systemfel of every other förbund that takes part. Across förbund
/// nothing of a case is shown, only how many cases are linked, and a count below <see cref="SmallCount"/> is shown as
/// "färre än 3". A link counts only while the case's förbund is the systemfel's own or both take part in the register,
/// so a förbund that leaves takes its links out of every other förbund's view at once.
/// </summary>
public sealed class SystemicQuery(LexHellerDb db)
{
    /// <summary>Counts of cases linked across förbund below this are not shown.</summary>
    public const int SmallCount = 3;

    /// <summary>A count as a reader outside the case's förbund may see it: null when it is suppressed (1 or 2).</summary>
    public static int? Suppressed(int count) => count is > 0 and < SmallCount ? null : count;

    /// <summary>A count in words, suppressed or not: "färre än 3".</summary>
    public static string Show(int? count) => count is null ? $"färre än {SmallCount}" : count.Value.ToString(Stockholm.Culture);

    /// <param name="OwnCases">The owning förbund's own linked cases (for its own readers; null for other förbund).</param>
    /// <param name="OtherCases">Linked cases of other förbund, suppressed below <see cref="SmallCount"/>.</param>
    /// <param name="ReaderCases">For a reader of another förbund: that förbund's own cases linked to it.</param>
    public sealed record Row(int Id, int ForbundId, string Forbund, string Title, SystemicStatus Status, EscalationLevel Escalation,
        string? Category, DateTimeOffset UpdatedAt, int? OwnCases, int? OtherCases, int ReaderCases);

    private sealed record Counted(int SystemicProblemId, int CaseForbundId, int Count);

    /// <summary>Whether <paramref name="forbundId"/> takes part in the joint register.</summary>
    public Task<bool> SharesAsync(int forbundId, CancellationToken ct = default) =>
        db.Forbund.Where(f => f.Id == forbundId).Select(f => f.SharesSystemicProblems).SingleAsync(ct);

    /// <summary>The förbund's own systemfel, newest change first, optionally of one status.</summary>
    public async Task<IReadOnlyList<Row>> OwnAsync(int forbundId, SystemicStatus? status = null, CancellationToken ct = default)
    {
        var problems = db.SystemicProblems.AsNoTracking().Where(p => p.ForbundId == forbundId);
        if (status is { } s) problems = problems.Where(p => p.Status == s);
        return await RowsAsync(problems, forbundId, ct);
    }

    /// <summary>
    /// The joint register as <paramref name="readerForbundId"/> sees it: the systemfel of the other förbund that take
    /// part; nothing when the reader's förbund does not.
    /// </summary>
    public async Task<IReadOnlyList<Row>> RegisterAsync(int readerForbundId, SystemicStatus? status = null, CancellationToken ct = default)
    {
        if (!await SharesAsync(readerForbundId, ct)) return [];
        var problems = db.SystemicProblems.AsNoTracking()
            .Where(p => p.ForbundId != readerForbundId && db.Forbund.Any(f => f.Id == p.ForbundId && f.SharesSystemicProblems));
        if (status is { } s) problems = problems.Where(p => p.Status == s);
        return await RowsAsync(problems, readerForbundId, ct);
    }

    /// <summary>The systemfel a kansli may link a case of <paramref name="forbundId"/> to: its own that are not closed, then the register's.</summary>
    public async Task<IReadOnlyList<Row>> LinkableAsync(int forbundId, CancellationToken ct = default) =>
        [.. (await OwnAsync(forbundId, null, ct)).Where(r => r.Status is not (SystemicStatus.Lost or SystemicStatus.KvarstarSomKantHinder)),
            .. (await RegisterAsync(forbundId, null, ct)).Where(r => r.Status is not (SystemicStatus.Lost or SystemicStatus.KvarstarSomKantHinder))];

    /// <summary>Whether a reader of <paramref name="readerForbundId"/> may read systemfel <paramref name="id"/>.</summary>
    public async Task<bool> MayReadAsync(int id, int readerForbundId, CancellationToken ct = default)
    {
        var owner = await db.SystemicProblems.Where(p => p.Id == id)
            .Select(p => new { p.ForbundId, Shares = db.Forbund.Where(f => f.Id == p.ForbundId).Select(f => f.SharesSystemicProblems).First() })
            .FirstOrDefaultAsync(ct);
        if (owner is null) return false;
        if (owner.ForbundId == readerForbundId) return true;
        return owner.Shares && await SharesAsync(readerForbundId, ct);
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<SystemicProblem> problems, int readerForbundId, CancellationToken ct)
    {
        var rows = await problems
            .Select(p => new
            {
                p.Id, p.ForbundId, Forbund = db.Forbund.Where(f => f.Id == p.ForbundId).Select(f => f.Name).First(),
                p.Title, p.Status, p.Escalation, p.UpdatedAt,
                Category = db.Categories.Where(k => k.Id == p.CategoryId).Select(k => k.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await CountsAsync(ids, ct);
        return rows.Select(r =>
            {
                var mine = counts.Where(c => c.SystemicProblemId == r.Id);
                var own = mine.Where(c => c.CaseForbundId == r.ForbundId).Sum(c => c.Count);
                var other = mine.Where(c => c.CaseForbundId != r.ForbundId).Sum(c => c.Count);
                var reader = mine.Where(c => c.CaseForbundId == readerForbundId).Sum(c => c.Count);
                return r.ForbundId == readerForbundId
                    ? new Row(r.Id, r.ForbundId, r.Forbund, r.Title, r.Status, r.Escalation, r.Category, r.UpdatedAt, own, Suppressed(other), own)
                    : new Row(r.Id, r.ForbundId, r.Forbund, r.Title, r.Status, r.Escalation, r.Category, r.UpdatedAt, null, Suppressed(own + other), reader);
            })
            .OrderByDescending(r => r.UpdatedAt).ToList();
    }

    /// <summary>Links per systemfel and case förbund that count: the owner's own, or between two förbund that both take part.</summary>
    private async Task<List<Counted>> CountsAsync(List<int> ids, CancellationToken ct) =>
        await db.SystemicProblemCases.AsNoTracking()
            .Where(l => ids.Contains(l.SystemicProblemId))
            .Join(db.SystemicProblems, l => l.SystemicProblemId, p => p.Id, (l, p) => new { l.SystemicProblemId, l.CaseForbundId, OwnerId = p.ForbundId })
            .Where(x => x.CaseForbundId == x.OwnerId
                || (db.Forbund.Any(f => f.Id == x.CaseForbundId && f.SharesSystemicProblems) && db.Forbund.Any(f => f.Id == x.OwnerId && f.SharesSystemicProblems)))
            .GroupBy(x => new { x.SystemicProblemId, x.CaseForbundId })
            .Select(g => new Counted(g.Key.SystemicProblemId, g.Key.CaseForbundId, g.Count()))
            .ToListAsync(ct);

    public sealed record LinkedCase(int CaseId, string? Reference, CaseState State, DateTimeOffset LinkedAt);
    public sealed record MeasureRow(int Id, string Description, string? Organisation, DateOnly DueDate, DateOnly FollowUpDate,
        DateTimeOffset? DoneAt, MeasureEffect? Effect, string? EffectNote, int Version);
    public sealed record HistoryRow(DateTimeOffset At, string Forbund, SystemicEventKind Kind, SystemicStatus? From, SystemicStatus To, string? Text);

    /// <param name="ReaderCases">The reader's own förbund's cases linked to it (their own kansli may open them).</param>
    /// <param name="OwnCount">How many of the owner's cases are linked: exact for the owner, suppressed for others.</param>
    /// <param name="OtherCount">How many of other förbund's cases are linked, suppressed below <see cref="SmallCount"/>.</param>
    public sealed record Details(SystemicProblem Problem, string Forbund, bool IsOwn, string? Category, string? Owner,
        IReadOnlyList<string> Parties, string? ConflictA, string? ConflictB, IReadOnlyList<LinkedCase> ReaderCases,
        int? OwnCount, int? OtherCount, IReadOnlyList<MeasureRow> Measures, IReadOnlyList<HistoryRow> History);

    /// <summary>The systemfel as a reader of <paramref name="readerForbundId"/> may see it, or null.</summary>
    public async Task<Details?> DetailsAsync(int id, int readerForbundId, CancellationToken ct = default)
    {
        if (!await MayReadAsync(id, readerForbundId, ct)) return null;
        var p = await db.SystemicProblems.AsNoTracking().Include(x => x.Parties).Include(x => x.Events).AsSplitQuery().FirstAsync(x => x.Id == id, ct);
        var isOwn = p.ForbundId == readerForbundId;
        var orgIds = p.Parties.Select(x => x.OrganisationId).Append(p.OwnerOrganisationId ?? 0).Append(p.ConflictPartyAId ?? 0).Append(p.ConflictPartyBId ?? 0).Distinct().ToList();
        var measureRows = await db.Measures.AsNoTracking().Where(m => m.SystemicProblemId == id).OrderBy(m => m.DueDate).ToListAsync(ct);
        orgIds.AddRange(measureRows.Select(m => m.OrganisationId).OfType<int>());
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var forbundNames = await db.Forbund.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var category = p.CategoryId is { } cid ? await db.Categories.Where(k => k.Id == cid).Select(k => k.Name).FirstOrDefaultAsync(ct) : null;
        var counts = await CountsAsync([id], ct);
        var own = counts.Where(c => c.CaseForbundId == p.ForbundId).Sum(c => c.Count);
        var other = counts.Where(c => c.CaseForbundId != p.ForbundId).Sum(c => c.Count);
        var readerCases = await db.SystemicProblemCases.AsNoTracking().Where(l => l.SystemicProblemId == id && l.CaseForbundId == readerForbundId)
            .Join(db.Cases, l => l.CaseId, c => c.Id, (l, c) => new LinkedCase(c.Id, c.Reference, c.State, l.LinkedAt))
            .ToListAsync(ct);
        // Measures are the owner's work; other förbund read what was done and its effect.
        var measures = measureRows
            .Select(m => new MeasureRow(m.Id, m.Description, m.OrganisationId is { } o ? names.GetValueOrDefault(o) : null,
                m.DueDate, m.FollowUpDate, m.DoneAt, m.Effect, m.EffectNote, m.Version)).ToList();
        // The steps that concern single cases are read only by the förbund whose cases they are: a row per link of another
        // förbund would count its cases one by one, past the suppression of small counts.
        var history = p.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Where(e => e.Kind is not (SystemicEventKind.CaseLinked or SystemicEventKind.CaseUnlinked) || e.ActorForbundId == readerForbundId)
            .Select(e => new HistoryRow(e.At, forbundNames.GetValueOrDefault(e.ActorForbundId, ""), e.Kind, e.FromStatus, e.ToStatus, e.Text)).ToList();
        return new Details(p, forbundNames.GetValueOrDefault(p.ForbundId, ""), isOwn, category,
            p.OwnerOrganisationId is { } ownerId ? names.GetValueOrDefault(ownerId) : null,
            p.Parties.Select(x => names.GetValueOrDefault(x.OrganisationId, "?")).Order(StringComparer.Create(Stockholm.Culture, false)).ToList(),
            p.ConflictPartyAId is { } a ? names.GetValueOrDefault(a) : null, p.ConflictPartyBId is { } b ? names.GetValueOrDefault(b) : null,
            readerCases.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList(),
            isOwn ? own : Suppressed(own), Suppressed(other), measures, history);
    }

    /// <summary>Whether the user reads systemfel in <paramref name="forbundId"/>: its kansli, BUG members and board.</summary>
    public static bool MayRead(CaseUser user, int forbundId) =>
        user.RolesIn(forbundId).Any(r => r is MembershipRole.Kansli or MembershipRole.BugLedamot or MembershipRole.Styrelse);
}
