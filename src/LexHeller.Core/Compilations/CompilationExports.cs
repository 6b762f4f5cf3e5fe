using System.Text;
using LexHeller.Core.Time;

namespace LexHeller.Core.Compilations;

/// <summary>
/// A compilation report as a file to download: a spreadsheet, a CSV file for Swedish Excel, or a PDF for the board.
/// Each shows exactly what the report holds for its audience: a withheld figure is its text in every format, never its number.
/// </summary>
public static class CompilationExports
{
    /// <summary>An .xlsx workbook: an overview sheet, one sheet per table with numbers as numbers, and the answers.</summary>
    public static byte[] Xlsx(CompilationReport report) => CompilationXlsx.Render(report);

    /// <summary>A UTF-8 (with BOM) CSV file with ';' and decimal comma, every table after the other, then the answers.</summary>
    public static byte[] Csv(CompilationReport report) => CompilationCsv.Render(report);

    /// <summary>An A4 PDF for the board: title page, headline figures, tables with charts, answers, page numbers; PDF/A for the archive.</summary>
    public static byte[] Pdf(CompilationReport report, bool pdfA = false) => CompilationPdf.Render(report, pdfA);

    /// <summary>A file name in plain ASCII without spaces, e.g. "sammanstallning-2026-tertial-1.xlsx".</summary>
    public static string FileName(CompilationReport report, string extension)
    {
        var p = report.Period;
        var period = p.Kind switch
        {
            PeriodKind.Month => $"{p.From:yyyy-MM}",
            PeriodKind.Tertial => $"{p.From.Year}-tertial-{(p.From.Month - 1) / 4 + 1}",
            PeriodKind.Year => $"{p.From.Year}",
            PeriodKind.Custom => $"{p.From:yyyy-MM-dd}-{p.To:yyyy-MM-dd}",
        };
        var ext = new string(extension.TrimStart('.').ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return ext.Length == 0 ? $"sammanstallning-{period}" : $"sammanstallning-{period}.{ext}";
    }

    internal const string NoRows = "Inga uppgifter för perioden.";

    internal static string PeriodText(Period p) =>
        p.Kind == PeriodKind.Custom ? p.Label : $"{p.Label} ({p.From:yyyy-MM-dd} – {p.To:yyyy-MM-dd})";

    internal static string ComputedText(CompilationReport report) => $"{Stockholm.Format(report.ComputedAt)} (svensk tid)";

    internal static string AudienceText(Audience audience) => audience switch
    {
        Audience.Kansli => "Förbundets kansli",
        Audience.Shared => "Beredningsgrupp och styrelse",
        Audience.Joint => "Förbundsgemensam sammanställning",
    };

    /// <summary>What a reader needs to know about the figures they are shown.</summary>
    internal static string FiguresNote(CompilationReport report)
    {
        var t = report.Threshold;
        if (report.Audience == Audience.Kansli)
            return "Rapporten visar exakta antal och är avsedd för kansliet. Små antal döljs i de versioner som visas för andra.";
        var note = new StringBuilder(SuppressionNote(report));
        note.Append($" I tabeller som delar upp ett totalt antal visas då ytterligare ett antal som \"{Cell.HiddenText}\", så att det dolda antalet inte går att räkna fram.");
        note.Append($" Ledtider och svarstider visas inte när de bygger på färre än {t} ärenden eller svar.");
        return note.ToString();
    }

    /// <summary>The rule for small counts, for every audience but the kansli.</summary>
    internal static string? SuppressionNote(CompilationReport report) => report.Audience == Audience.Kansli
        ? null
        : $"Antal från 1 till {report.Threshold - 1} visas som <{report.Threshold}.";

    internal static string AnswersTitle(Audience audience) =>
        audience == Audience.Kansli ? "Avslutade ärenden och svar" : "Publicerade svar";

    /// <summary>What the rows of a table are, as the heading of its first column.</summary>
    internal static string RowHeading(ReportTable table) => table.Key switch
    {
        "per-manad" => "Månad",
        "arendetyp" => "Ärendetyp",
        "kategori" => "Kategori",
        "part" or "svarstid" => "Part",
        "rapporterande" => "Organisation",
        "kon" => "Kön",
        "alder" => "Åldersgrupp",
        "status" => "Läge",
        "utfall" => "Utfall",
        "ledtid" => "Urval",
        "jamforelse" => "Mått",
        "kategori-part" => "Kategori × part",
        "regelkrock" => "Parter",
        "systemfel-status" => "Status",
        "systemfel-niva" => "Nivå",
        "arenden-systemfel" => "Systemfel",
        "atgarder" => "Mått",
        "atgard-effekt" => "Effekt",
        _ => "Indelning",
    };

    /// <summary>A column's heading in a spreadsheet, where a percentage is a bare number and the heading says so.</summary>
    internal static string ColumnHeading(ReportTable table, int column) =>
        table.Rows.Any(r => column < r.Cells.Count && r.Cells[column].Kind == CellKind.Percent)
            ? $"{table.Columns[column]} (%)"
            : table.Columns[column];

    internal static string HeadlineHeading(string label, Cell cell) => cell.Kind == CellKind.Percent ? $"{label} (%)" : label;
}
