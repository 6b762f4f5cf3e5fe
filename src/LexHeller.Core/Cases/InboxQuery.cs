using System.Text.RegularExpressions;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// The inbox's read: one page of a förbund's submitted cases with its filters, free-text search and sorting, the
/// counts per state and the lists the filters offer. Built for hundreds of thousands of cases: every path walks an
/// index and stops at the end of the page, and the few places where the planner must be steered say why.
/// </summary>
public sealed partial class InboxQuery(LexHellerDb db)
{
    public const int PageSize = 50;
    public const string Mine = "mina";
    public const string Nobody = "ingen";
    public const int SearchCountCap = 1000;

    /// <summary>
    /// Above this many matches a page of results is found faster by walking the förbund's cases newest first and
    /// keeping the matching ones than by looking every match up by id and sorting them all.
    /// </summary>
    public const int CommonWordMatches = 200;

    public sealed record Row(int Id, string Reference, CaseKind Kind, string? Category, CaseState State,
        DateTimeOffset? SubmittedAt, string? HandlerUserId, string? Handler, DateTimeOffset UpdatedAt);

    public sealed record StateCount(CaseState State, int Count);

    public sealed record Option(string Value, string Name);

    public sealed record Kansli(string UserId, string Name, bool IsActive);

    public sealed record Sorting(string Value, string Name);

    public static readonly IReadOnlyList<Sorting> Sortings =
    [
        new("inkommen", "Inkommen, nyast först"),
        new("andrad", "Senast ändrad"),
        new("referens", "Referens, äldst först"),
        new("status", "Status"),
    ];

    /// <summary>The states of the inbox in the order a case travels them.</summary>
    public static readonly IReadOnlyList<CaseState> States = Enum.GetValues<CaseState>().Where(s => s != CaseState.Utkast).ToList();

    /// <summary>
    /// What the user asked for. <see cref="Handler"/> is a user id, <see cref="Mine"/> or <see cref="Nobody"/>;
    /// <see cref="Sort"/> one of <see cref="Sortings"/>; <see cref="Page"/> counts from 1.
    /// </summary>
    public sealed record Filter(string? Q, CaseState? State, CaseKind? Kind, int? Category, int? Party, DateOnly? From, DateOnly? To,
        string? Handler, string Sort, int Page)
    {
        internal bool OnlyText => State is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null;

        internal bool OnlyState => Q is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null;
    }

    /// <summary>The filter lists, and the counts per state, which the other filters do not narrow.</summary>
    public sealed record Choices(IReadOnlyList<Option> Categories, IReadOnlyList<Option> Partners, IReadOnlyList<Option> OtherActors,
        IReadOnlyList<Kansli> KansliMembers, IReadOnlyList<StateCount> Counts)
    {
        public int AllCount { get; } = Counts.Sum(x => x.Count);
    }

    /// <param name="Filter">The filter as applied: unknown values dropped, the text trimmed, the page within range.</param>
    /// <param name="TotalCapped">The free-text search found more than <see cref="SearchCountCap"/> cases; only that many are counted and paged.</param>
    public sealed record Result(Filter Filter, Choices Choices, int Total, bool TotalCapped, int Pages, IReadOnlyList<Row> Rows);

    public async Task<Result> LoadAsync(int forbundId, string userId, Filter asked, CancellationToken ct = default)
    {
        var choices = await LoadChoicesAsync(forbundId, ct);
        var filter = DropUnknownFilters(asked, choices);
        var text = FreeText.Read(filter.Q);

        var inbox = db.Cases.AsNoTracking().Where(c => c.ForbundId == forbundId && c.State != CaseState.Utkast);

        // A common word can match tens of thousands of cases; counting them all costs more than the page itself.
        int? textMatches = text.Match is { } match && filter.OnlyText
            ? await CaseSearch.CountSubmittedAsync(db, match, forbundId, SearchCountCap + 1, ct)
            : null;
        var query = Narrow(inbox, filter, text, userId, commonWord: textMatches > CommonWordMatches);
        if (filter.Sort == "status") return await LoadByStateAsync(query, filter, choices, ct);

        int total;
        var capped = false;
        if (filter.OnlyState) total = filter.State is { } s ? choices.Counts.First(x => x.State == s).Count : choices.AllCount;
        else if (text.Match is not null)
        {
            total = textMatches ?? await query.Take(SearchCountCap + 1).CountAsync(ct);
            capped = total > SearchCountCap;
            if (capped) total = SearchCountCap;
        }
        else total = await query.CountAsync(ct);
        var (pages, page) = Paged(total, filter.Page);
        var rows = await Project(Order(query, filter.Sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new Result(filter with { Page = page }, choices, total, capped, pages, rows);
    }

    /// <summary>
    /// Sorting by state in the order of the route, one state at a time: each part walks the reference index and
    /// stops at the end of the page, where one ORDER BY over a CASE expression would sort every case of the förbund.
    /// </summary>
    private async Task<Result> LoadByStateAsync(IQueryable<Case> query, Filter filter, Choices choices, CancellationToken ct)
    {
        var perState = filter.OnlyState
            ? choices.Counts.Where(x => filter.State is null || x.State == filter.State).ToList()
            : await query.GroupBy(c => c.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync(ct);
        var total = perState.Sum(x => x.Count);
        var (pages, page) = Paged(total, filter.Page);
        var skip = (page - 1) * PageSize;
        var rows = new List<Row>();
        foreach (var state in States)
        {
            var count = perState.FirstOrDefault(x => x.State == state)?.Count ?? 0;
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            rows.AddRange(await Project(BySubmission(query.Where(c => c.State == state)).Skip(skip).Take(PageSize - rows.Count)).ToListAsync(ct));
            skip = 0;
            if (rows.Count >= PageSize) break;
        }
        return new Result(filter with { Page = page }, choices, total, false, pages, rows);
    }

    private static (int Pages, int Page) Paged(int total, int asked)
    {
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        return (pages, Math.Clamp(asked, 1, pages));
    }

    private IQueryable<Row> Project(IQueryable<Case> query) => query.Select(c => new Row(c.Id, c.Reference!, c.Kind,
        db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
        c.State, c.SubmittedAt, c.HandlerUserId,
        db.Users.Where(u => u.Id == c.HandlerUserId).Select(u => u.FullName).FirstOrDefault(),
        c.UpdatedAt));

    /// <summary>
    /// How the free text is read: a case reference (LH-…) is looked up exactly; anything else becomes a full-text
    /// query, or nothing when no word is left.
    /// </summary>
    private sealed partial record FreeText(string? Reference, string? Match)
    {
        public static FreeText Read(string? q) => q is null ? new(null, null)
            : ReferencePattern().IsMatch(q) ? new(q.ToUpperInvariant(), null)
            : new(null, CaseSearch.ToMatchQuery(q));

        [GeneratedRegex(@"^LH-[A-Za-zÅÄÖåäö]+-\d{4}-\d+$")]
        private static partial Regex ReferencePattern();
    }

    private IQueryable<Case> Narrow(IQueryable<Case> query, Filter filter, FreeText text, string userId, bool commonWord)
    {
        if (filter.State is { } state) query = query.Where(c => c.State == state);
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.Category is { } category) query = query.Where(c => c.CategoryId == category);
        if (filter.Party is { } party)
        {
            // An uncorrelated IN list: as a correlated EXISTS, SQLite walks every row of the organisation once per case.
            var concerning = db.CaseParties.Where(p => p.OrganisationId == party).Select(p => p.CaseId);
            query = query.Where(c => concerning.Contains(c.Id));
        }
        if (filter.From is { } from)
        {
            // The reference year is the Stockholm year of submission, so it narrows the search on the reference index.
            var start = StartOfDay(from);
            query = query.Where(c => c.ReferenceYear >= from.Year && c.SubmittedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1));
            query = query.Where(c => c.ReferenceYear <= to.Year && c.SubmittedAt < end);
        }
        query = filter.Handler switch
        {
            null => query,
            Mine => query.Where(c => c.HandlerUserId == userId),
            Nobody => query.Where(c => c.HandlerUserId == null),
            var id => query.Where(c => c.HandlerUserId == id),
        };
        if (text.Reference is { } reference) query = query.Where(c => c.Reference == reference);
        else if (text.Match is { } match)
        {
            var ids = CaseSearch.Matching(db, match);
            // "Id + 0" keeps SQLite from driving the query by the matches' ids (its choice with statistics: at a
            // million cases a common word meant 10,000 row look-ups and a sort, 15 ms instead of 2).
            query = commonWord ? query.Where(c => ids.Contains(c.Id + 0)) : query.Where(c => ids.Contains(c.Id));
        }
        return query;
    }

    private static IOrderedQueryable<Case> Order(IQueryable<Case> query, string sort) => sort switch
    {
        "andrad" => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        "referens" => query.OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence),
        _ => BySubmission(query),
    };

    /// <summary>Newest submitted first. References are given in the order cases are submitted, so this walks the reference index.</summary>
    private static IOrderedQueryable<Case> BySubmission(IQueryable<Case> query) =>
        query.OrderByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence);

    private static DateTimeOffset StartOfDay(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Stockholm.Zone), TimeSpan.Zero);

    private enum Listed { Category, Partner, OtherActor, Kansli, StateCount }

    /// <summary>
    /// The filter lists and the counts per state in one statement: categories (inactive ones marked), partners, other
    /// actors, everyone who is or was kansli here (a former member may still handle old cases), and the counts kept
    /// by the database in CaseStateCounts, which the other filters do not narrow.
    /// </summary>
    private async Task<Choices> LoadChoicesAsync(int forbundId, CancellationToken ct)
    {
        var rows = await db.Categories.Where(k => k.ForbundId == forbundId)
                .Select(k => new { What = Listed.Category, Id = k.Id, Key = "", k.Name, Flag = k.IsActive, Number = k.SortOrder })
            .Concat(db.ForbundMembers.Where(m => m.ForbundId == forbundId)
                .Select(m => new { What = Listed.Partner, Id = m.OrganisationId, Key = "", m.Organisation.Name, Flag = true, Number = 0 }))
            .Concat(db.Organisations.Where(o => o.Kind == OrganisationKind.OtherActor)
                .Select(o => new { What = Listed.OtherActor, Id = o.Id, Key = "", o.Name, Flag = true, Number = 0 }))
            .Concat(db.Memberships.Where(m => m.ForbundId == forbundId && m.Role == MembershipRole.Kansli)
                .Select(m => new { What = Listed.Kansli, Id = 0, Key = m.UserId, Name = m.User.FullName, Flag = m.IsActive, Number = 0 }))
            .Concat(db.CaseStateCounts.Where(c => c.ForbundId == forbundId && c.State != CaseState.Utkast)
                .Select(c => new { What = Listed.StateCount, Id = 0, Key = c.State.ToString(), Name = "", Flag = true, Number = c.Count }))
            .AsNoTracking().ToListAsync(ct);

        var sv = StringComparer.Create(Stockholm.Culture, false);
        var counts = rows.Where(r => r.What == Listed.StateCount).ToDictionary(r => r.Key, r => r.Number);
        return new Choices(
            Categories: rows.Where(r => r.What == Listed.Category).OrderBy(r => r.Number).ThenBy(r => r.Id)
                .Select(r => new Option(r.Id.ToString(), r.Flag ? r.Name : r.Name + " (inaktiv)")).ToList(),
            Partners: rows.Where(r => r.What == Listed.Partner).Select(r => new Option(r.Id.ToString(), r.Name)).OrderBy(o => o.Name, sv).ToList(),
            OtherActors: rows.Where(r => r.What == Listed.OtherActor).Select(r => new Option(r.Id.ToString(), r.Name)).OrderBy(o => o.Name, sv).ToList(),
            KansliMembers: rows.Where(r => r.What == Listed.Kansli)
                .GroupBy(r => r.Key)
                .Select(g => new Kansli(g.Key, g.First().Name, g.Any(m => m.Flag)))
                .OrderBy(k => k.Name, sv).ToList(),
            Counts: States.Select(s => new StateCount(s, counts.GetValueOrDefault(s.ToString()))).ToList());
    }

    /// <summary>A value that is not among the options (another förbund's category, a made-up handler) filters nothing.</summary>
    private static Filter DropUnknownFilters(Filter f, Choices choices)
    {
        var q = string.IsNullOrWhiteSpace(f.Q) ? null : f.Q.Trim();
        if (q?.Length > 200) q = q[..200];
        return f with
        {
            Q = q,
            State = f.State == CaseState.Utkast ? null : f.State,
            Category = f.Category is { } k && choices.Categories.All(o => o.Value != k.ToString()) ? null : f.Category,
            Party = f.Party is { } p && choices.Partners.Concat(choices.OtherActors).All(o => o.Value != p.ToString()) ? null : f.Party,
            Handler = f.Handler is not (null or Mine or Nobody) && choices.KansliMembers.All(m => m.UserId != f.Handler) ? null : f.Handler,
            Sort = Sortings.All(s => s.Value != f.Sort) ? Sortings[0].Value : f.Sort,
        };
    }
}
