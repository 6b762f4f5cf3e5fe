using System.Globalization;
using System.Linq.Expressions;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Outbox;

/// <summary>
/// "Utskick": the mail outbox for the administrator — where each mail stands, why it failed, and "Skicka igen"
/// for a failed one. Shows addresses, subjects and errors, never the mail's text. A mail that tells who reported a
/// case (<see cref="OutboxMessage.ReporterBound"/>) shows its address and full subject only to an administrator who
/// is also that förbund's kansli; to anyone else it is "Rapportören" and the subject without the case's reference,
/// and the search and the sorting look only at what is shown.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class OutboxModel(LexHellerDb db, TimeProvider clock, IConfiguration config) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, DateTimeOffset CreatedAt, string To, string Subject, OutboxStatus Status, int Attempts,
        string? LastError, DateTimeOffset? SentAt);

    /// <summary>What a reporter-bound mail's recipient is called for those who may not know who it is.</summary>
    public const string Reporter = "Rapportören";

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

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string Sort { get; set; } = "nyast";
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public StatusOption? Filter { get; private set; }
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];
    public int AllCount { get; private set; }
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Whether Hangfire runs here, and with it the dashboard of the jobs that send the mail.</summary>
    public bool JobsDashboard => LexHeller.Web.Setup.JobsSetup.Enabled(config);
    /// <summary>Filter values that were not understood and were dropped, said in Swedish above the list.</summary>
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ReadFilters();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id)
    {
        ReadFilters();
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id);
        if (message is null) return NotFound();
        var hidden = Hides(message.ReporterBound, message.ForbundId);
        var to = hidden ? Reporter.ToLower(Stockholm.Culture) : message.To;
        var subject = hidden ? message.NeutralSubject ?? "" : message.Subject;
        // The audit trail outlives this page's rule, so it never names a reporter.
        var auditTo = message.ReporterBound ? Reporter.ToLower(Stockholm.Culture) : message.To;
        var error = message.ReporterBound ? Mask(message.LastError, message.To, message.Subject) : message.LastError;
        var resent = await new OutboxResend(db, clock).ResendAsync(message, Shorten($"E-post {message.Id} till {auditTo}", 200), error,
            NameOf(OutboxStatus.Waiting), HttpContext.Member()!.UserId);
        if (!resent)
        {
            ModelState.AddModelError(string.Empty,
                $"Brevet till {to} har status {NameOf(message.Status)}. Bara ett misslyckat brev kan skickas igen.");
            await LoadAsync();
            return Page();
        }
        TempData["Status"] = $"Brevet till {to} med ämnet ”{subject}” står i kö igen och skickas vid nästa utskick.";
        return Redirect(ListUrl());
    }

    private async Task LoadAsync()
    {
        var outbox = db.Outbox.AsNoTracking();

        var counts = (await outbox
                .GroupBy(m => new { Sent = m.SentAt != null, InDigest = m.DigestId != null, Dropped = m.DroppedAt != null, Tried = m.Attempts > 0 })
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync())
            .GroupBy(g => StatusFrom(g.Key.Sent, g.Key.InDigest, g.Key.Dropped, g.Key.Tried), g => g.Count)
            .ToDictionary(g => g.Key, g => g.Sum());
        Counts = Statuses.Select(s => new StatusCount(s, counts.GetValueOrDefault(s.Status))).ToList();
        AllCount = Counts.Sum(c => c.Count);

        var query = outbox;
        if (Filter is { } filter) query = query.Where(InStatus(filter.Status));
        var kansli = KansliForbund();
        if (Q is { } q)
        {
            // SQLite's lower() folds ASCII only, so the text as typed is tried too ("Ärende" finds "Ärende").
            var lower = q.ToLowerInvariant();
            // A hidden mail is found by what the page shows of it, never by its address or reference.
            var findsReporter = Reporter.ToLowerInvariant().Contains(lower);
            query = query.Where(m => !m.ReporterBound || kansli.Contains(m.ForbundId)
                ? m.To.ToLower().Contains(lower) || m.Subject.ToLower().Contains(lower) || m.Subject.Contains(q)
                : findsReporter || m.NeutralSubject!.ToLower().Contains(lower) || m.NeutralSubject.Contains(q));
        }

        Total = Q is null ? (Filter is { } f ? Counts.First(c => c.Option == f).Count : AllCount) : await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        var rows = await Order(query, kansli).Skip((P - 1) * PageSize).Take(PageSize)
            .Select(m => new { m.Id, m.CreatedAt, m.To, m.Subject, m.ReporterBound, m.NeutralSubject, m.ForbundId, m.SentAt,
                InDigest = m.DigestId != null, Dropped = m.DroppedAt != null, m.Attempts, m.LastError })
            .ToListAsync();
        Rows = rows.Select(m =>
        {
            var hidden = Hides(m.ReporterBound, m.ForbundId);
            return new Row(m.Id, m.CreatedAt, hidden ? Reporter : m.To, hidden ? m.NeutralSubject ?? "" : m.Subject,
                StatusFrom(m.SentAt is not null, m.InDigest, m.Dropped, m.Attempts > 0), m.Attempts,
                hidden ? Mask(m.LastError, m.To, m.Subject) : m.LastError, m.SentAt);
        }).ToList();
    }

    /// <summary>The förbund whose reporters the viewer may know: those where they are kansli.</summary>
    private List<int?> KansliForbund() =>
        _kansli ??= HttpContext.Member()!.Memberships.Where(m => m.Role == Core.Identity.MembershipRole.Kansli && m.ForbundId is not null)
            .Select(m => m.ForbundId).Distinct().ToList();

    private List<int?>? _kansli;

    /// <summary>Whether this viewer sees "Rapportören" instead of the mail's address and reference.</summary>
    private bool Hides(bool reporterBound, int? forbundId) => reporterBound && !KansliForbund().Contains(forbundId);

    /// <summary>A mail server's error may quote the address or the subject back; neither is shown for a hidden mail.</summary>
    private static string? Mask(string? error, string to, string subject)
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

    private IOrderedQueryable<OutboxMessage> Order(IQueryable<OutboxMessage> query, List<int?> kansli) => Sort switch
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

    /// <summary>Takes the filter from the address; what is not understood is dropped and named in <see cref="Ignored"/>.</summary>
    private void ReadFilters()
    {
        var ignored = new List<string>();
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q?.Length > 200) Q = Q[..200];
        if (!string.IsNullOrWhiteSpace(Status))
        {
            Filter = Statuses.FirstOrDefault(s => string.Equals(s.Value, Status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (Filter is null) ignored.Add($"Statusen ”{Status}” finns inte. Alla utskick visas.");
        }
        Status = Filter?.Value;
        if (Sortings.All(s => s.Value != Sort))
        {
            ignored.Add($"Sorteringen ”{Sort}” finns inte. Utskicken sorteras med de nyaste först.");
            Sort = Sortings[0].Value;
        }
        if (ModelState.TryGetValue("p", out var page) && page.Errors.Count > 0)
        {
            ignored.Add($"Sidan ”{page.AttemptedValue}” finns inte. Första sidan visas.");
            P = 1;
        }
        Ignored = ignored;
    }

    /// <summary>The filter and sorting as query values, for links and forms that must keep them.</summary>
    public Dictionary<string, string> RouteValues(int? page = null)
    {
        var values = new Dictionary<string, string>();
        if (Q is not null) values["q"] = Q;
        if (Filter is not null) values["status"] = Filter.Value;
        if (Sort != Sortings[0].Value) values["sort"] = Sort;
        if ((page ?? P) > 1) values["p"] = (page ?? P).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    public string ListUrl(int? page = null) =>
        "/utskick" + QueryString.Create(RouteValues(page).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).ToUriComponent();

    /// <summary>The outbox filtered to one status (and nothing else), for the counts at the top.</summary>
    public static string StatusUrl(StatusOption? status) => status is null ? "/utskick" : $"/utskick?status={status.Value}";

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);

    private static string Shorten(string text, int max) => text.Length > max ? text[..max] : text;
}
