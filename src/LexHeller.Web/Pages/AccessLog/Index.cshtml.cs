using System.Data;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace LexHeller.Web.Pages.AccessLog;

/// <summary>
/// "Behandlingshistorik": who read which case, when and how, in one förbund (the kansli's own; the administrator
/// picks any). Filtered by person, case reference, Stockholm days and kind; sorted by time; paged; exported as CSV or
/// XLSX, and the export is itself a read on record.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class AccessLogModel(LexHellerDb db, AccessLogWriter accessLog) : PageModel
{
    public const int PageSize = 50;
    public const int ExportCap = 50_000;

    public sealed record Row(long Id, DateTimeOffset At, string Who, string Role, AccessKind Kind, string? Reference, string What, string Path, string? LoginMethod);

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty(SupportsGet = true, Name = "person")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true, Name = "arende")] public string? Reference { get; set; }
    [BindProperty(SupportsGet = true, Name = "typ")] public AccessKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "fran")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "till")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int P { get; set; } = 1;

    public ForbundScope Scope { get; private set; } = null!;
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>The rows shown that fall in the period of an unchecked loggkontroll flag on their reader.</summary>
    public IReadOnlySet<long> Flagged { get; private set; } = new HashSet<long>();
    public bool Oldest => Sort == "aldst";

    public static string Label(AccessKind kind) => kind switch
    {
        AccessKind.CasePage => "Ärendesida",
        AccessKind.CasePdf => "Ärende som PDF",
        AccessKind.Export => "Export",
        AccessKind.Search => "Sökning",
        AccessKind.Minutes => "Protokoll",
        AccessKind.MinutesPdf => "Protokoll som PDF",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ResolveAsync() is { } notFound) return notFound;
        var query = Filtered();
        Total = await query.CountAsync();
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        P = Math.Clamp(P, 1, Pages);
        Rows = await ProjectAsync(Ordered(query).Skip((P - 1) * PageSize).Take(PageSize));
        var shown = Rows.Select(r => r.Id).ToList();
        Flagged = (await db.AccessLog.AsNoTracking()
            .Where(a => shown.Contains(a.Id) && db.AccessFlags.Any(f => f.ForbundId == a.ForbundId && f.UserId == a.UserId
                && f.CheckedAt == null && f.FirstAt <= a.At && a.At <= f.LastAt))
            .Select(a => a.Id).ToListAsync()).ToHashSet();
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync() => ExportAsync("csv");

    public Task<IActionResult> OnGetXlsxAsync() => ExportAsync("xlsx");

    private async Task<IActionResult> ExportAsync(string format)
    {
        if (await ResolveAsync() is { } notFound) return notFound;
        var rows = await ProjectAsync(Ordered(Filtered()).Take(ExportCap));
        string[] header = ["När", "Vem", "Roll", "Slag", "Ärende", "Vad", "Sida", "Inloggning"];
        var lines = rows.Select(r => new object?[]
        {
            Stockholm.Format(r.At), r.Who, r.Role, Label(r.Kind), r.Reference ?? "", r.What, r.Path, r.LoginMethod ?? "",
        }).ToList();
        var name = $"behandlingshistorik-{Scope.Id}-{DateTime.UtcNow:yyyy-MM-dd}.{format}";
        // The file shows who read which case: it is itself a read on record, written before the file leaves.
        await accessLog.RecordAsync(HttpContext.AccessReader(Scope.Id), Scope.Id, AccessKind.Export, null,
            $"{name}: {Swedish.Count(rows.Count, "rad", "rader")}", HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return format == "csv"
            ? File(Csv(header, lines), "text/csv; charset=utf-8", name)
            : File(Xlsx(header, lines), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private async Task<IActionResult?> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return NotFound();
        Scope = scope;
        // A filter value that cannot be read filters nothing.
        ModelState.Clear();
        Person = string.IsNullOrWhiteSpace(Person) ? null : Person.Trim();
        Reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();
        if (Sort != "aldst") Sort = null;
        return null;
    }

    private IQueryable<AccessLogEntry> Filtered()
    {
        var query = db.AccessLog.AsNoTracking().Where(a => a.ForbundId == Scope.Id);
        if (Person is { } person)
        {
            var lowered = person.ToLower();
            query = query.Where(a => db.Users.Any(u => u.Id == a.UserId && (u.FullName.ToLower().Contains(lowered) || u.Email!.ToLower().Contains(lowered))));
        }
        if (Reference is { } reference)
            query = query.Where(a => db.Cases.Any(c => c.Id == a.CaseId && c.Reference == reference));
        if (Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (From is { } from)
        {
            var start = Stockholm.ToUtc(from, TimeOnly.MinValue);
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = Stockholm.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            query = query.Where(a => a.At < end);
        }
        return query;
    }

    private IQueryable<AccessLogEntry> Ordered(IQueryable<AccessLogEntry> query) =>
        Oldest ? query.OrderBy(a => a.At).ThenBy(a => a.Id) : query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private async Task<IReadOnlyList<Row>> ProjectAsync(IQueryable<AccessLogEntry> query) =>
        (await query.Select(a => new
            {
                a.Id, a.At, a.UserId, a.Role, a.Kind, a.What, a.Path,
                Who = db.Users.Where(u => u.Id == a.UserId).Select(u => u.FullName).FirstOrDefault(),
                Reference = db.Cases.Where(c => c.Id == a.CaseId).Select(c => c.Reference).FirstOrDefault(),
                Session = db.LoginSessions.Where(s => s.Id == a.LoginSessionId)
                    .Select(s => new { s.ProviderName, s.StrongAuthentication, s.AuthenticatorCode }).FirstOrDefault(),
            })
            .ToListAsync(HttpContext.RequestAborted))
        .Select(a => new Row(a.Id, a.At, a.Who ?? "Borttagen användare", a.Role, a.Kind, a.Reference, a.What, a.Path,
            a.Session is null ? null
            : a.Session.ProviderName is { } provider ? provider + (a.Session.StrongAuthentication ? " (stark autentisering)" : "")
            : a.Session.AuthenticatorCode ? "Lösenord och autentiseringsapp" : "Lösenord"))
        .ToList();

    private static byte[] Csv(string[] header, List<object?[]> lines)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var line in lines)
            {
                foreach (var v in line) csv.WriteField(v);
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private static byte[] Xlsx(string[] header, List<object?[]> lines)
    {
        var table = new DataTable("Behandlingshistorik");
        foreach (var h in header) table.Columns.Add(h, typeof(string));
        foreach (var line in lines) table.Rows.Add(line.Select(v => v ?? (object)DBNull.Value).ToArray());
        using var stream = new MemoryStream();
        stream.SaveAs(table, printHeader: true, sheetName: "Behandlingshistorik", excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { AutoFilter = true, FreezeRowCount = 1 });
        return stream.ToArray();
    }

    /// <summary>The förbund, filters and sorting as query values, for links.</summary>
    public string ListUrl(int page, string? handler = null, string? sort = "keep")
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (handler is not null) values.Add(new("handler", handler));
        if (!Scope.IsCurrent) values.Add(new(ForbundScope.QueryName, Scope.Id.ToString(CultureInfo.InvariantCulture)));
        if (Person is not null) values.Add(new("person", Person));
        if (Reference is not null) values.Add(new("arende", Reference));
        if (Kind is { } k) values.Add(new("typ", k.ToString()));
        if (From is { } f) values.Add(new("fran", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (To is { } t) values.Add(new("till", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var s = sort == "keep" ? Sort : sort;
        if (s is not null) values.Add(new("sort", s));
        if (page > 1) values.Add(new("p", page.ToString(CultureInfo.InvariantCulture)));
        return "/behandlingshistorik" + QueryString.Create(values).ToUriComponent();
    }

    public bool IsFiltered => Person is not null || Reference is not null || Kind is not null || From is not null || To is not null;

    public IReadOnlyList<int?> PageLinks() => Paging.Links(P, Pages);
}
