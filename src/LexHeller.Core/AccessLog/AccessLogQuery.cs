using LexHeller.Core.Data;
using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.AccessLog;

/// <summary>
/// The reads of one förbund as Behandlingshistorik lists them: filtered by person (name or e-mail), case reference,
/// kind and Stockholm days, newest or oldest first, a page at a time or every row up to <see cref="ExportCap"/> for
/// a file. The export is itself a read on record.
/// </summary>
public sealed class AccessLogQuery(LexHellerDb db, AccessLogWriter accessLog, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int ExportCap = 50_000;

    public sealed record Filter(string? Person = null, string? Reference = null, AccessKind? Kind = null,
        DateOnly? From = null, DateOnly? To = null, bool Oldest = false);

    public sealed record Row(long Id, DateTimeOffset At, string Who, string Role, AccessKind Kind, string? Reference, string What, string Path, string? LoginMethod);

    /// <param name="Flagged">The rows shown that fall in the period of an unchecked loggkontroll flag on their reader.</param>
    public sealed record Page(int Total, int Pages, int Number, IReadOnlyList<Row> Rows, IReadOnlySet<long> Flagged);

    public sealed record Download(byte[] Content, string ContentType, string FileName, int Rows);

    public static string Label(AccessKind kind) => kind switch
    {
        AccessKind.CasePage => "Ärendesida",
        AccessKind.CasePdf => "Ärende som PDF",
        AccessKind.Export => "Export",
        AccessKind.Search => "Sökning",
        AccessKind.Minutes => "Protokoll",
        AccessKind.MinutesPdf => "Protokoll som PDF",
        _ => kind.ToString(),
    };

    /// <summary>One page; a page number past the end shows the last page.</summary>
    public async Task<Page> PageAsync(int forbundId, Filter filter, int page, CancellationToken ct = default)
    {
        var query = Filtered(forbundId, filter);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await ProjectAsync(Ordered(query, filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var shown = rows.Select(r => r.Id).ToList();
        var flagged = (await db.AccessLog.AsNoTracking()
            .Where(a => shown.Contains(a.Id) && db.AccessFlags.Any(f => f.ForbundId == a.ForbundId && f.UserId == a.UserId
                && f.CheckedAt == null && f.FirstAt <= a.At && a.At <= f.LastAt))
            .Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        return new Page(total, pages, page, rows, flagged);
    }

    /// <summary>
    /// Every matching row (up to <see cref="ExportCap"/>) as CSV or XLSX. The file shows who read which case, so the
    /// export is recorded as a read before the file is handed out.
    /// </summary>
    public async Task<Download> ExportAsync(int forbundId, Filter filter, bool xlsx, AccessLogWriter.Reader reader, CancellationToken ct = default)
    {
        var rows = await ProjectAsync(Ordered(Filtered(forbundId, filter), filter).Take(ExportCap), ct);
        string[] header = ["När", "Vem", "Roll", "Slag", "Ärende", "Vad", "Sida", "Inloggning"];
        var lines = rows.Select(r => new object?[]
        {
            Stockholm.Format(r.At), r.Who, r.Role, Label(r.Kind), r.Reference ?? "", r.What, r.Path, r.LoginMethod ?? "",
        }).ToList();
        var name = $"behandlingshistorik-{forbundId}-{Stockholm.FormatDate(clock.GetUtcNow())}.{(xlsx ? "xlsx" : "csv")}";
        await accessLog.RecordAsync(reader, forbundId, AccessKind.Export, null, $"{name}: {Swedish.Count(rows.Count, "rad", "rader")}", ct);
        return xlsx
            ? new Download(Spreadsheet.Xlsx("Behandlingshistorik", header, lines), Spreadsheet.XlsxType, name, rows.Count)
            : new Download(Spreadsheet.Csv(header, lines), Spreadsheet.CsvType, name, rows.Count);
    }

    private IQueryable<AccessLogEntry> Filtered(int forbundId, Filter filter)
    {
        var query = db.AccessLog.AsNoTracking().Where(a => a.ForbundId == forbundId);
        if (filter.Person is { } person)
        {
            var lowered = person.ToLower();
            query = query.Where(a => db.Users.Any(u => u.Id == a.UserId && (u.FullName.ToLower().Contains(lowered) || u.Email!.ToLower().Contains(lowered))));
        }
        if (filter.Reference is { } reference)
            query = query.Where(a => db.Cases.Any(c => c.Id == a.CaseId && c.Reference == reference));
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (filter.From is { } from)
        {
            var start = Stockholm.ToUtc(from, TimeOnly.MinValue);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = Stockholm.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            query = query.Where(a => a.At < end);
        }
        return query;
    }

    private static IQueryable<AccessLogEntry> Ordered(IQueryable<AccessLogEntry> query, Filter filter) =>
        filter.Oldest ? query.OrderBy(a => a.At).ThenBy(a => a.Id) : query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private async Task<IReadOnlyList<Row>> ProjectAsync(IQueryable<AccessLogEntry> query, CancellationToken ct) =>
        (await query.Select(a => new
            {
                a.Id, a.At, a.UserId, a.Role, a.Kind, a.What, a.Path,
                Who = db.Users.Where(u => u.Id == a.UserId).Select(u => u.FullName).FirstOrDefault(),
                Reference = db.Cases.Where(c => c.Id == a.CaseId).Select(c => c.Reference).FirstOrDefault(),
                Session = db.LoginSessions.Where(s => s.Id == a.LoginSessionId)
                    .Select(s => new { s.ProviderName, s.StrongAuthentication, s.AuthenticatorCode }).FirstOrDefault(),
            })
            .ToListAsync(ct))
        .Select(a => new Row(a.Id, a.At, a.Who ?? "Borttagen användare", a.Role, a.Kind, a.Reference, a.What, a.Path,
            a.Session is null ? null
            : a.Session.ProviderName is { } provider ? provider + (a.Session.StrongAuthentication ? " (stark autentisering)" : "")
            : a.Session.AuthenticatorCode ? "Lösenord och autentiseringsapp" : "Lösenord"))
        .ToList();
}
