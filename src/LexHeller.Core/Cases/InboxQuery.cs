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
public sealed partial class InboxQuery(LexHellerDb db, TimeProvider clock)
{
    public const int PageSize = 50;
    public const string Mine = "mina";
    public const string Nobody = "ingen";
    public const int SearchCountCap = 1000;

    /// <summary>A question to the reporter counts as waiting once it was asked more than this many days ago.</summary>
    public const int ReporterWaitDays = 14;

    /// <summary>A pending referral is "due soon" from this many days before its due date until the day itself.</summary>
    public const int DueSoonDays = 7;

    /// <summary>The referral filter's values: a pending referral past its due date, or due within <see cref="DueSoonDays"/>.</summary>
    public const string Overdue = "forsenad";
    public const string DueSoon = "snart";

    /// <summary>How long the summary line of a row is at most, before it is cut at a word.</summary>
    public const int SummaryLength = 100;

    /// <summary>
    /// Above this many matches a page of results is found faster by walking the förbund's cases newest first and
    /// keeping the matching ones than by looking every match up by id and sorting them all.
    /// </summary>
    public const int CommonWordMatches = 200;

    /// <param name="DueDate">The earliest due date of the case's pending referrals, while it waits for the parties' answers.</param>
    /// <param name="Version">The version the row was read at, so an action on selected rows can tell when one changed meanwhile.</param>
    public sealed record Row(int Id, string Reference, CaseKind Kind, string? Category, CaseState State,
        DateTimeOffset? SubmittedAt, string? HandlerUserId, string? Handler, DateTimeOffset UpdatedAt,
        string Summary, DateOnly? DueDate, int Version)
    {
        /// <summary>Whole Stockholm days since the case was submitted.</summary>
        public int? AgeDays(DateOnly today) => SubmittedAt is { } at ? today.DayNumber - Stockholm.Today(at).DayNumber : null;

        /// <summary>"i dag", "1 dag", "12 dagar".</summary>
        public string AgeText(DateOnly today) => AgeDays(today) switch
        {
            null => "–",
            <= 0 => "i dag",
            var days => Swedish.Count(days.Value, "dag", "dagar"),
        };

        public bool IsOverdue(DateOnly today) => DueDate < today;
    }

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
        new("alder", "Ålder, äldst först"),
        new("svar", "Svar senast, tidigast först"),
    ];

    /// <summary>The states of the inbox in the order a case travels them.</summary>
    public static readonly IReadOnlyList<CaseState> States = Enum.GetValues<CaseState>().Where(s => s != CaseState.Utkast).ToList();

    /// <summary>
    /// What the user asked for. <see cref="Handler"/> is a user id, <see cref="Mine"/> or <see cref="Nobody"/>;
    /// <see cref="Sort"/> one of <see cref="Sortings"/>; <see cref="Page"/> counts from 1.
    /// </summary>
    /// <param name="Waiting">Only cases whose open question to the reporter was asked more than this many days ago; only <see cref="ReporterWaitDays"/> is understood.</param>
    /// <param name="Referral"><see cref="Overdue"/> or <see cref="DueSoon"/>.</param>
    public sealed record Filter(string? Q, CaseState? State, CaseKind? Kind, int? Category, int? Party, DateOnly? From, DateOnly? To,
        string? Handler, string Sort, int Page, int? Waiting = null, string? Referral = null)
    {
        internal bool OnlyText => State is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null
            && Waiting is null && Referral is null;

        internal bool OnlyState => Q is null && Kind is null && Category is null && Party is null && From is null && To is null && Handler is null
            && Waiting is null && Referral is null;
    }

    /// <summary>The filter lists, and the counts per state, which the other filters do not narrow.</summary>
    public sealed record Choices(IReadOnlyList<Option> Categories, IReadOnlyList<Option> Partners, IReadOnlyList<Option> OtherActors,
        IReadOnlyList<Kansli> KansliMembers, IReadOnlyList<StateCount> Counts)
    {
        public int AllCount { get; } = Counts.Sum(x => x.Count);
    }

    /// <param name="Filter">The filter as applied: unknown values dropped, the text trimmed, the page within range.</param>
    /// <param name="TotalCapped">The free-text search found more than <see cref="SearchCountCap"/> cases; only that many are counted and paged.</param>
    /// <param name="Today">The Stockholm day the list was read on, which ages and due dates are counted from.</param>
    public sealed record Result(Filter Filter, Choices Choices, int Total, bool TotalCapped, int Pages, IReadOnlyList<Row> Rows, DateOnly Today);

    /// <summary>Every matching row of a filter, in its order, up to <see cref="ExportCap"/>.</summary>
    /// <param name="Capped">More cases matched than <see cref="ExportCap"/>; only the first that many are listed.</param>
    public sealed record Everything(Filter Filter, IReadOnlyList<Row> Rows, bool Capped, DateOnly Today);

    /// <summary>The most rows an export lists; a larger list is cut here and says so.</summary>
    public const int ExportCap = 10_000;

    private DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    public async Task<Result> LoadAsync(int forbundId, string userId, Filter asked, CancellationToken ct = default)
    {
        var choices = await LoadChoicesAsync(forbundId, ct);
        var (filter, parts, total, capped) = await PlanAsync(forbundId, userId, asked, choices, ct);
        var (pages, page) = Paged(total, filter.Page);
        var rows = await WindowAsync(parts, (page - 1) * PageSize, PageSize, ct);
        return new Result(filter with { Page = page }, choices, total, capped, pages, rows, Today);
    }

    /// <summary>
    /// The whole filtered list for an export, in the order of the page, up to <see cref="ExportCap"/> rows; the
    /// filter is read as <see cref="LoadAsync"/> reads it, so another förbund's values filter nothing.
    /// </summary>
    public async Task<Everything> LoadAllAsync(int forbundId, string userId, Filter asked, CancellationToken ct = default)
    {
        var choices = await LoadChoicesAsync(forbundId, ct);
        var (filter, parts, _, _) = await PlanAsync(forbundId, userId, asked, choices, ct);
        var rows = await WindowAsync(parts, 0, ExportCap + 1, ct);
        var capped = rows.Count > ExportCap;
        return new Everything(filter with { Page = 1 }, capped ? rows.Take(ExportCap).ToList() : rows, capped, Today);
    }

    /// <summary>One ordered part of the list and how many cases it holds; the list is its parts one after the other.</summary>
    private sealed record Part(IQueryable<Case> Query, int Count);

    private async Task<(Filter Filter, IReadOnlyList<Part> Parts, int Total, bool Capped)> PlanAsync(int forbundId, string userId, Filter asked,
        Choices choices, CancellationToken ct)
    {
        var filter = DropUnknownFilters(asked, choices);
        var text = FreeText.Read(filter.Q);

        var inbox = db.Cases.AsNoTracking().Where(c => c.ForbundId == forbundId && c.State != CaseState.Utkast);

        // A common word can match tens of thousands of cases; counting them all costs more than the page itself.
        int? textMatches = text.Match is { } match && filter.OnlyText
            ? await CaseSearch.CountSubmittedAsync(db, match, forbundId, SearchCountCap + 1, ct)
            : null;
        var query = Narrow(inbox, filter, text, userId, commonWord: textMatches > CommonWordMatches);
        if (filter.Sort == "status") return await ByStateAsync(query, filter, choices, ct);
        if (filter.Sort == "svar") return await ByDueDateAsync(query, filter, choices, ct);

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
        return (filter, [new Part(Order(query, filter.Sort), total)], total, capped);
    }

    /// <summary>The rows from <paramref name="skip"/> on, at most <paramref name="take"/>, walking the parts in order.</summary>
    private async Task<List<Row>> WindowAsync(IReadOnlyList<Part> parts, int skip, int take, CancellationToken ct)
    {
        var rows = new List<Row>();
        foreach (var part in parts)
        {
            if (skip >= part.Count)
            {
                skip -= part.Count;
                continue;
            }
            var raw = await Project(part.Query.Skip(skip).Take(Math.Min(take - rows.Count, part.Count - skip))).ToListAsync(ct);
            rows.AddRange(raw.Select(r => r.ToRow()));
            skip = 0;
            if (rows.Count >= take) break;
        }
        return rows;
    }

    /// <summary>
    /// Sorting by state in the order of the route, one state at a time: each part walks the reference index and
    /// stops at the end of the page, where one ORDER BY over a CASE expression would sort every case of the förbund.
    /// </summary>
    private async Task<(Filter, IReadOnlyList<Part>, int, bool)> ByStateAsync(IQueryable<Case> query, Filter filter, Choices choices, CancellationToken ct)
    {
        var perState = filter.OnlyState
            ? choices.Counts.Where(x => filter.State is null || x.State == filter.State).ToList()
            : await query.GroupBy(c => c.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync(ct);
        var parts = States.Select(state => new Part(BySubmission(query.Where(c => c.State == state)),
            perState.FirstOrDefault(x => x.State == state)?.Count ?? 0)).ToList();
        return (filter, parts, parts.Sum(p => p.Count), false);
    }

    /// <summary>
    /// Sorting by due date: first the cases that wait for the parties' answers, by their earliest pending due date,
    /// then every other case newest first. Only the first part is sorted by a computed value, and it holds the cases
    /// out on referral (the open work, found on the state index), never the förbund's whole history; the second part
    /// walks the reference index and stops at the end of the page.
    /// </summary>
    private async Task<(Filter, IReadOnlyList<Part>, int, bool)> ByDueDateAsync(IQueryable<Case> query, Filter filter, Choices choices, CancellationToken ct)
    {
        var referred = query.Where(c => c.State == CaseState.RemitteradTillPart);
        var rest = query.Where(c => c.State != CaseState.RemitteradTillPart);
        var counts = filter.OnlyState
            ? (Referred: filter.State is null or CaseState.RemitteradTillPart ? choices.Counts.First(x => x.State == CaseState.RemitteradTillPart).Count : 0,
                All: filter.State is { } s ? choices.Counts.First(x => x.State == s).Count : choices.AllCount)
            : (Referred: await referred.CountAsync(ct), All: await query.CountAsync(ct));
        var byDue = referred
            .OrderBy(c => db.CaseReferrals.Where(r => r.CaseId == c.Id && r.Status == ReferralStatus.Pending).Min(r => (DateOnly?)r.DueDate) == null)
            .ThenBy(c => db.CaseReferrals.Where(r => r.CaseId == c.Id && r.Status == ReferralStatus.Pending).Min(r => (DateOnly?)r.DueDate))
            .ThenByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence);
        return (filter, [new Part(byDue, counts.Referred), new Part(BySubmission(rest), counts.All - counts.Referred)], counts.All, false);
    }

    private static (int Pages, int Page) Paged(int total, int asked)
    {
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        return (pages, Math.Clamp(asked, 1, pages));
    }

    /// <summary>A row as read, with the raw makings of its summary line.</summary>
    private sealed record Raw(int Id, string Reference, CaseKind Kind, string? Category, CaseState State, DateTimeOffset? SubmittedAt,
        string? HandlerUserId, string? Handler, DateTimeOffset UpdatedAt, string? WhatHappened, int? WhatHappenedLength,
        string? HandoverFrom, string? HandoverTo, DateOnly? DueDate, int Version)
    {
        public Row ToRow() => new(Id, Reference, Kind, Category, State, SubmittedAt, HandlerUserId, Handler, UpdatedAt,
            Kind == CaseKind.Overlamning && (HandoverFrom ?? HandoverTo) is not null ? $"{HandoverFrom ?? "–"} → {HandoverTo ?? "–"}"
                : Summarise(WhatHappened, WhatHappenedLength > WhatHappened?.Length),
            DueDate, Version);
    }

    /// <summary>
    /// One row per case: a little more of what happened than the line shows (so it can be cut at a word), and the
    /// earliest due date of its pending referrals while it is out on referral. Each value is a look-up by key, so a
    /// page costs 50 of them, never a scan.
    /// </summary>
    private IQueryable<Raw> Project(IQueryable<Case> query) => query.Select(c => new Raw(c.Id, c.Reference!, c.Kind,
        db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
        c.State, c.SubmittedAt, c.HandlerUserId,
        db.Users.Where(u => u.Id == c.HandlerUserId).Select(u => u.FullName).FirstOrDefault(),
        c.UpdatedAt,
        c.WhatHappened!.Substring(0, SummaryLength + 1),
        c.WhatHappened!.Length,
        db.Organisations.Where(o => o.Id == c.HandoverFromOrganisationId).Select(o => o.Name).FirstOrDefault(),
        db.Organisations.Where(o => o.Id == c.HandoverToOrganisationId).Select(o => o.Name).FirstOrDefault(),
        c.State == CaseState.RemitteradTillPart
            ? db.CaseReferrals.Where(r => r.CaseId == c.Id && r.Status == ReferralStatus.Pending).Min(r => (DateOnly?)r.DueDate)
            : null,
        c.Version));

    /// <summary>
    /// The line a row shows for what happened: the text with its white space made single, and when it is longer than
    /// <see cref="SummaryLength"/> characters, cut at the last whole word with "…".
    /// </summary>
    /// <param name="start">The start of the text, at most one character more than the line.</param>
    /// <param name="more">The text goes on after <paramref name="start"/>.</param>
    public static string Summarise(string? start, bool more)
    {
        if (string.IsNullOrWhiteSpace(start)) return "–";
        var line = Whitespace().Replace(start, " ").TrimStart();
        if (!more)
        {
            line = line.TrimEnd();
            if (line.Length <= SummaryLength) return line;
        }
        // One character beyond the line tells whether its last word ends exactly there.
        var window = line.Length > SummaryLength ? line[..(SummaryLength + 1)] : line;
        var space = window.LastIndexOf(' ');
        // A single word longer than half the line is cut where the line ends.
        var cut = space > SummaryLength / 2 ? window[..space] : window[..Math.Min(window.Length, SummaryLength)];
        return cut.TrimEnd(' ', ',', '.', ';', ':', '–', '-') + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

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
        if (filter.Waiting is not null)
        {
            // The same definition as the start page counts by: the open question was asked before the day that many days ago.
            var asked = StartOfDay(Today.AddDays(-ReporterWaitDays));
            query = query.Where(CaseQueues.WaitingOnReporter(asked));
        }
        if (filter.Referral is { } referral)
        {
            // Pending referrals belong to cases out on referral: the state index finds them, each case's own referrals decide.
            var today = Today;
            var soon = today.AddDays(DueSoonDays);
            query = query.Where(referral == Overdue ? CaseQueues.ReferralOverdue(today) : CaseQueues.ReferralDueSoon(today, soon));
        }
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
        // The oldest first is the earliest submitted first, which is the order references are given in.
        "referens" or "alder" => query.OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence),
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
            Waiting = f.Waiting == ReporterWaitDays ? f.Waiting : null,
            Referral = f.Referral is Overdue or DueSoon ? f.Referral : null,
        };
    }
}
