using System.Linq.Expressions;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Notifications;

/// <summary>
/// The administrator's list of mail ("Utskick"): counts per status, one page filtered, searched and sorted.
/// Addresses, subjects and errors, never the mail's text. A mail that tells who reported a case
/// (<see cref="OutboxMessage.ReporterBound"/>) shows its address and full subject only to a viewer who is that
/// förbund's kansli; to anyone else it is <see cref="Reporter"/> and the subject without the case's reference, and
/// the search and the sorting look only at what is shown.
/// </summary>
public sealed class OutboxQuery(LexHellerDb db)
{
    public const int PageSize = 50;

    /// <summary>What a reporter-bound mail's recipient is called for those who may not know who it is.</summary>
    public const string Reporter = "Rapportören";

    /// <param name="Attachment">The name of a file sent with the mail (never its content).</param>
    public sealed record Row(long Id, DateTimeOffset CreatedAt, string To, string Subject, OutboxStatus Status, int Attempts,
        string? LastError, DateTimeOffset? SentAt, string? Attachment = null);

    public sealed record StatusOption(OutboxStatus Status, string Value, string Name);

    public sealed record StatusCount(StatusOption Option, int Count);

    public sealed record Sorting(string Value, string Name);

    /// <summary>The statuses in the order a mail travels them, with the value used in the address.</summary>
    public static readonly IReadOnlyList<StatusOption> Statuses =
    [
        new(OutboxStatus.Waiting, "vantar", "Väntar"),
        new(OutboxStatus.Retrying, "forsoker-igen", "Försöker igen"),
        new(OutboxStatus.Sent, "skickat", "Skickat"),
        new(OutboxStatus.InDigest, "i-sammanfattning", "I sammanfattning"),
        new(OutboxStatus.Failed, "misslyckat", "Misslyckat"),
    ];

    public static readonly IReadOnlyList<Sorting> Sortings =
    [
        new("nyast", "Skapat, nyast först"),
        new("aldst", "Skapat, äldst först"),
        new("mottagare", "Mottagare"),
        new("status", "Status, misslyckade först"),
        new("forsok", "Flest försök"),
    ];

    public static string NameOf(OutboxStatus status) => Statuses.First(s => s.Status == status).Name;

    /// <summary>
    /// What the viewer asked for: <see cref="Q"/> trimmed or null, <see cref="Sort"/> one of <see cref="Sortings"/>,
    /// <see cref="Page"/> from 1 (clamped to the pages there are). <see cref="KansliForbund"/> are the förbund whose
    /// reporters the viewer may know: those where they are kansli.
    /// </summary>
    public sealed record Filter(string? Q, StatusOption? Status, string Sort, int Page, IReadOnlyList<int?> KansliForbund);

    public sealed record Result(IReadOnlyList<StatusCount> Counts, int AllCount, int Total, int Pages, int Page, IReadOnlyList<Row> Rows);

    public async Task<Result> LoadAsync(Filter filter)
    {
        var outbox = db.Outbox.AsNoTracking();

        var grouped = (await outbox
                .GroupBy(m => new { Sent = m.SentAt != null, InDigest = m.DigestId != null, Dropped = m.DroppedAt != null, Tried = m.Attempts > 0 })
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync())
            .GroupBy(g => StatusFrom(g.Key.Sent, g.Key.InDigest, g.Key.Dropped, g.Key.Tried), g => g.Count)
            .ToDictionary(g => g.Key, g => g.Sum());
        var counts = Statuses.Select(s => new StatusCount(s, grouped.GetValueOrDefault(s.Status))).ToList();
        var all = counts.Sum(c => c.Count);

        var query = outbox;
        if (filter.Status is { } status) query = query.Where(InStatus(status.Status));
        // A list, not the interface, so that EF turns Contains into SQL.
        var kansli = filter.KansliForbund.ToList();
        if (filter.Q is { } q)
        {
            // SQLite's lower() folds ASCII only, so the text as typed is tried too ("Ärende" finds "Ärende").
            var lower = q.ToLowerInvariant();
            // A hidden mail is found by what the page shows of it, never by its address or reference.
            var findsReporter = Reporter.ToLowerInvariant().Contains(lower);
            query = query.Where(m => !m.ReporterBound || kansli.Contains(m.ForbundId)
                ? m.To.ToLower().Contains(lower) || m.Subject.ToLower().Contains(lower) || m.Subject.Contains(q)
                : findsReporter || m.NeutralSubject!.ToLower().Contains(lower) || m.NeutralSubject.Contains(q));
        }

        var total = filter.Q is null ? (filter.Status is { } f ? counts.First(c => c.Option == f).Count : all) : await query.CountAsync();
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await Order(query, filter.Sort, kansli).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new { m.Id, m.CreatedAt, m.To, m.Subject, m.ReporterBound, m.NeutralSubject, m.ForbundId, m.SentAt,
                InDigest = m.DigestId != null, Dropped = m.DroppedAt != null, m.Attempts, m.LastError,
                Attachment = m.Attachment == null ? null : m.Attachment.FileName })
            .ToListAsync();
        return new Result(counts, all, total, pages, page, rows.Select(m =>
        {
            var hidden = Hides(m.ReporterBound, m.ForbundId, kansli);
            return new Row(m.Id, m.CreatedAt, hidden ? Reporter : m.To, hidden ? m.NeutralSubject ?? "" : m.Subject,
                StatusFrom(m.SentAt is not null, m.InDigest, m.Dropped, m.Attempts > 0), m.Attempts,
                hidden ? Mask(m.LastError, m.To, m.Subject) : m.LastError, m.SentAt, m.Attachment);
        }).ToList());
    }

    /// <summary>Whether a viewer who is kansli of <paramref name="kansliForbund"/> sees "Rapportören" instead of the mail's address and reference.</summary>
    public static bool Hides(bool reporterBound, int? forbundId, IReadOnlyCollection<int?> kansliForbund) =>
        reporterBound && !kansliForbund.Contains(forbundId);

    /// <summary>A mail server's error may quote the address or the subject back; neither is shown for a hidden mail.</summary>
    public static string? Mask(string? error, string to, string subject)
    {
        if (error is null) return null;
        if (subject.Length > 0) error = error.Replace(subject, "…", StringComparison.OrdinalIgnoreCase);
        return to.Length == 0 ? error : error.Replace(to, Reporter.ToLower(Stockholm.Culture), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><see cref="OutboxMessage.Status"/>, from the columns a query reads (the entity would bring the mail's text along).</summary>
    private static OutboxStatus StatusFrom(bool sent, bool inDigest, bool dropped, bool tried) =>
        sent ? OutboxStatus.Sent
        : inDigest ? OutboxStatus.InDigest
        : dropped ? OutboxStatus.Failed
        : tried ? OutboxStatus.Retrying
        : OutboxStatus.Waiting;

    /// <summary>The rule of <see cref="StatusFrom"/> for one status, as conditions on the columns SQL can filter on.</summary>
    private static Expression<Func<OutboxMessage, bool>> InStatus(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => m => m.SentAt != null,
        OutboxStatus.InDigest => m => m.SentAt == null && m.DigestId != null,
        OutboxStatus.Failed => m => m.SentAt == null && m.DigestId == null && m.DroppedAt != null,
        OutboxStatus.Retrying => m => m.SentAt == null && m.DigestId == null && m.DroppedAt == null && m.Attempts > 0,
        OutboxStatus.Waiting => m => m.SentAt == null && m.DigestId == null && m.DroppedAt == null && m.Attempts == 0,
    };

    private static IOrderedQueryable<OutboxMessage> Order(IQueryable<OutboxMessage> query, string sort, List<int?> kansli) => sort switch
    {
        "aldst" => query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id),
        // A hidden address sorts as the word shown, or its place in the list would spell out the address.
        "mottagare" => query.OrderBy(m => m.ReporterBound && !kansli.Contains(m.ForbundId) ? Reporter : m.To)
            .ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
        // What needs the administrator first: failed, then still trying, waiting, gathered, sent.
        "status" => query
            .OrderBy(m => m.SentAt != null ? 4 : m.DigestId != null ? 3 : m.DroppedAt != null ? 0 : m.Attempts > 0 ? 1 : 2)
            .ThenByDescending(m => m.Attempts).ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
        "forsok" => query.OrderByDescending(m => m.Attempts).ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
        _ => query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
    };
}
