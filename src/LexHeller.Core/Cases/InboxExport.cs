using System.Globalization;
using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

public enum InboxExportFormat { Xlsx, Csv }

/// <summary>
/// The inbox's filtered list as a file: every matching case (up to <see cref="InboxQuery.ExportCap"/>), not just the
/// page, as a workbook or a CSV file for Swedish Excel. Who reported a case is left out unless the kansli asks for it,
/// and then the audit trail records who took it out, when, with which filter and how many rows.
/// </summary>
public sealed class InboxExport(LexHellerDb db, TimeProvider clock, WriteGate gate)
{
    public static readonly IReadOnlyList<string> Columns =
        ["Referens", "Typ", "Kategori", "Status", "Inkommen", "Ålder (dagar)", "Svar senast", "Försenad", "Handläggare", "Sammanfattning"];

    /// <summary>Added after <see cref="Columns"/> only when the reporter's identity is asked for.</summary>
    public static readonly IReadOnlyList<string> ReporterColumns = ["Rapportör", "Rapportörens organisation"];

    private static readonly IReadOnlySet<string> AgeColumn = new HashSet<string> { "Ålder (dagar)" };

    public sealed record Download(byte[] Content, string ContentType, string FileName, int Rows, bool Capped);

    public async Task<Download> ExportAsync(int forbundId, string userId, InboxQuery.Filter filter, InboxExportFormat format, bool withReporter,
        CancellationToken ct = default)
    {
        var list = await new InboxQuery(db, clock).LoadAllAsync(forbundId, userId, filter, ct);
        var reporters = withReporter ? await ReportersAsync(list.Rows.Select(r => r.Id).ToList(), ct) : null;

        var header = withReporter ? Columns.Concat(ReporterColumns).ToList() : Columns.ToList();
        var lines = list.Rows.Select(r =>
        {
            object?[] cells =
            [
                r.Reference, r.Kind.DisplayName(), r.Category ?? "", r.State.DisplayName(),
                r.SubmittedAt is { } at ? Stockholm.FormatDate(at) : "",
                r.AgeDays(list.Today),
                r.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                r.DueDate is null ? "" : r.IsOverdue(list.Today) ? "Ja" : "Nej",
                r.Handler ?? "", r.Summary,
            ];
            if (reporters is null) return cells;
            var who = reporters.GetValueOrDefault(r.Id);
            return [.. cells, who?.Name ?? "", who?.Organisation ?? ""];
        }).ToList();

        if (withReporter)
        {
            // Written before the file leaves: a download that fails afterwards is still on record.
            using var _ = await gate.EnterAsync(ct);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), userId, forbundId, AuditActions.InboxExportedWithReporters, "Inkorgen",
                null, Clip($"{Swedish.Count(list.Rows.Count, "rad", "rader")} som {(format == InboxExportFormat.Xlsx ? "XLSX" : "CSV")}{(list.Capped ? " (de första)" : "")}. Filter: {Describe(list.Filter)}")));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var name = $"inkorg-{list.Today:yyyy-MM-dd}{(list.Capped ? $"-forsta-{InboxQuery.ExportCap}" : "")}";
        return format switch
        {
            InboxExportFormat.Xlsx => new Download(Spreadsheet.Xlsx("Inkorg", header, lines, AgeColumn), Spreadsheet.XlsxType,
                name + ".xlsx", lines.Count, list.Capped),
            InboxExportFormat.Csv => new Download(Spreadsheet.Csv(header, lines), Spreadsheet.CsvType, name + ".csv", lines.Count, list.Capped),
        };
    }

    /// <summary>The filter as applied, in the words of the inbox's address ("status=Inkommen, kategori=3"), or "inget".</summary>
    public static string Describe(InboxQuery.Filter f)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null) parts.Add($"{key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
        }
        Add("q", f.Q);
        Add("status", f.State);
        Add("typ", f.Kind);
        Add("kategori", f.Category);
        Add("part", f.Party);
        Add("fran", f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("till", f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("handlaggare", f.Handler);
        Add("vantar", f.Waiting);
        Add("remiss", f.Referral);
        return parts.Count == 0 ? "inget" : string.Join(", ", parts);
    }

    private sealed record Reporter(int CaseId, string? Name, string? Organisation);

    private async Task<Dictionary<int, Reporter>> ReportersAsync(List<int> ids, CancellationToken ct)
    {
        var found = new Dictionary<int, Reporter>();
        // In slices, so no statement carries thousands of ids.
        foreach (var slice in ids.Chunk(500))
        {
            var rows = await db.Cases.AsNoTracking().Where(c => slice.Contains(c.Id))
                .Select(c => new Reporter(c.Id,
                    db.Users.Where(u => u.Id == c.ReporterUserId).Select(u => u.FullName).FirstOrDefault(),
                    db.Organisations.Where(o => o.Id == c.ReporterOrganisationId).Select(o => o.Name).FirstOrDefault()))
                .ToListAsync(ct);
            foreach (var r in rows) found[r.CaseId] = r;
        }
        return found;
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..1999] + "…";
}
