using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// The read behind "Besvarade avvikelser": one page of a förbund's published answers, newest first, with the
/// category, party and free-text filters. Reads what was reported and answered, never who reported it.
/// </summary>
public sealed class PublishedQuery(LexHellerDb db)
{
    public const int PageSize = 20;
    public const int ExcerptLength = 200;

    public sealed record Row(int Id, string Reference, string? Category, DateTimeOffset? ConcludedAt, CaseOutcome? Outcome, string? SummaryStart)
    {
        /// <summary>The first ~200 characters of the summary, cut at a word.</summary>
        public string Excerpt
        {
            get
            {
                var text = SummaryStart ?? "";
                if (text.Length <= ExcerptLength) return text;
                var cut = text.LastIndexOf(' ', ExcerptLength);
                return text[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)].TrimEnd() + " …";
            }
        }
    }

    public sealed record Option(string Value, string Name);

    /// <summary>What the user asked for; <see cref="Page"/> counts from 1.</summary>
    public sealed record Filter(string? Q, int? Category, int? Party, int Page);

    /// <param name="Filter">The filter as applied: unknown values dropped, the text trimmed, the page within range.</param>
    public sealed record Result(Filter Filter, IReadOnlyList<Option> Categories, IReadOnlyList<Option> Partners, IReadOnlyList<Option> OtherActors,
        int Total, int Pages, IReadOnlyList<Row> Rows);

    public async Task<Result> LoadAsync(int forbundId, Filter asked, CancellationToken ct = default)
    {
        var sv = StringComparer.Create(Stockholm.Culture, false);
        var categories = await db.Categories.AsNoTracking().Where(k => k.ForbundId == forbundId)
            .OrderBy(k => k.SortOrder).Select(k => new Option(k.Id.ToString(), k.Name)).ToListAsync(ct);
        var partners = (await db.ForbundMembers.AsNoTracking().Where(m => m.ForbundId == forbundId)
            .Select(m => new Option(m.OrganisationId.ToString(), m.Organisation.Name)).ToListAsync(ct))
            .OrderBy(o => o.Name, sv).ToList();
        var otherActors = (await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.OtherActor)
            .Select(o => new Option(o.Id.ToString(), o.Name)).ToListAsync(ct))
            .OrderBy(o => o.Name, sv).ToList();

        // A value that is not among the options (another förbund's category) filters nothing.
        var q = string.IsNullOrWhiteSpace(asked.Q) ? null : asked.Q.Trim();
        if (q?.Length > 200) q = q[..200];
        var filter = asked with
        {
            Q = q,
            Category = asked.Category is { } k && categories.All(o => o.Value != k.ToString()) ? null : asked.Category,
            Party = asked.Party is { } p && partners.Concat(otherActors).All(o => o.Value != p.ToString()) ? null : asked.Party,
        };

        var query = Published(forbundId);
        if (filter.Category is { } category) query = query.Where(c => c.CategoryId == category);
        if (filter.Party is { } party)
        {
            // An uncorrelated IN list: as a correlated EXISTS, SQLite walks every row of the organisation once per case.
            var concerning = db.CaseParties.Where(p => p.OrganisationId == party).Select(p => p.CaseId);
            query = query.Where(c => concerning.Contains(c.Id));
        }
        if (CaseSearch.ToMatchQuery(filter.Q) is { } match)
        {
            var ids = CaseSearch.Matching(db, match);
            query = query.Where(c => ids.Contains(c.Id));
        }

        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        // Newest published first, along the (ForbundId, IsPublished, PublishedAt) index. Nothing about the reporter is read.
        var rows = await query.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Reference!,
                db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                c.ConcludedAt, c.Outcome,
                c.Summary == null ? null : c.Summary.Substring(0, ExcerptLength + 1)))
            .ToListAsync(ct);
        return new Result(filter with { Page = page }, categories, partners, otherActors, total, pages, rows);
    }

    /// <summary>What the read API asks for: published in [From, Before), a category, a page of a given size.</summary>
    public sealed record ApiFilter(DateTimeOffset? From, DateTimeOffset? Before, int? Category, int Page, int PageSize);

    public sealed record ApiRow(string Reference, int? CategoryId, string? Category, CaseOutcome? Outcome, string? Summary, string? Answer,
        DateTimeOffset? ConcludedAt, DateTimeOffset? PublishedAt);

    public sealed record ApiResult(int Total, int Pages, IReadOnlyList<ApiRow> Rows);

    /// <summary>One page of published answers in full for the read API; null when the page lies beyond the last one.</summary>
    public async Task<ApiResult?> ApiPageAsync(int forbundId, ApiFilter filter, CancellationToken ct = default)
    {
        var query = Published(forbundId);
        if (filter.From is { } from) query = query.Where(c => c.PublishedAt >= from);
        if (filter.Before is { } before) query = query.Where(c => c.PublishedAt < before);
        if (filter.Category is { } category) query = query.Where(c => c.CategoryId == category);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize);
        if (filter.Page > pages) return null;
        var rows = await ApiRows(query.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)).ToListAsync(ct);
        return new ApiResult(total, pages, rows);
    }

    /// <summary>Every published answer (or the first <paramref name="limit"/>), latest published first, for open data.</summary>
    public async Task<IReadOnlyList<ApiRow>> AllAsync(int forbundId, int? limit, CancellationToken ct = default)
    {
        var query = Published(forbundId).OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id);
        return await ApiRows(limit is { } n ? query.Take(n) : query).ToListAsync(ct);
    }

    /// <summary>Nothing about the reporter is read: the projection names every column that leaves.</summary>
    private IQueryable<ApiRow> ApiRows(IQueryable<Case> cases) =>
        cases.Select(c => new ApiRow(c.Reference!, c.CategoryId,
            db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
            c.Outcome, c.Summary, c.Answer, c.ConcludedAt, c.PublishedAt));

    /// <summary>The published answers of a förbund: concluded and published, whatever page or API reads them.</summary>
    private IQueryable<Case> Published(int forbundId) =>
        db.Cases.AsNoTracking().Where(c => c.ForbundId == forbundId && c.IsPublished && c.State == CaseState.Avslutad);
}
