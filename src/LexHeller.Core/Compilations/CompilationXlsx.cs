using System.Data;
using LexHeller.Core.Time;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace LexHeller.Core.Compilations;

/// <summary>
/// The report as a workbook. Figures are number cells so they can be summed and charted; a suppressed or missing
/// figure is the same text the report shows ("&lt;3", "..", "–"). Text is written as text, never as a formula.
/// </summary>
internal static class CompilationXlsx
{
    public const string OverviewSheet = "Översikt";
    public const string AnswersSheet = "Svar";
    private const int MaxSheetName = 31;

    // Culture stays invariant: MiniExcel writes numbers as number cells only then.
    private static OpenXmlConfiguration Configuration(IEnumerable<DataTable> sheets) => new()
    {
        AutoFilter = false,
        FreezeRowCount = 1,
        // Column widths fitted to the content need fast mode (the sheet is patched in place, which a MemoryStream allows).
        FastMode = true,
        EnableAutoWidth = true,
        MaxWidth = 60,
        // Fitting looks at the values only; a column starts as wide as its heading so the heading can be read.
        DynamicColumns = sheets.SelectMany(t => t.Columns.Cast<DataColumn>().Select(c => c.Caption))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(h => new DynamicExcelColumn(h) { Width = Math.Max(10, h.Length * 1.2 + 1) })
            .ToArray(),
    };

    public static byte[] Render(CompilationReport report)
    {
        var names = SheetNames(report);
        var sheets = new Dictionary<string, object> { [OverviewSheet] = Overview(report, names) };
        for (var i = 0; i < report.Tables.Count; i++)
            sheets[names[i]] = Table(report.Tables[i], report.Threshold);
        if (report.Answers.Count > 0)
            sheets[AnswersSheet] = Answers(report.Answers);

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: Configuration(sheets.Values.Cast<DataTable>()));
        return stream.ToArray();
    }

    /// <summary>The sheet name of each table, in order: at most 31 characters, none of []:*?/\, unique.</summary>
    public static IReadOnlyList<string> SheetNames(CompilationReport report)
    {
        // Excel compares sheet names without regard to case and keeps "History" for itself.
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { OverviewSheet, AnswersSheet, "History" };
        return report.Tables.Select(t => SheetName(t.Title, taken)).ToList();
    }

    private static string SheetName(string title, HashSet<string> taken)
    {
        var clean = string.Join(' ', new string(title.Select(c => "[]:*?/\\".Contains(c) || char.IsControl(c) ? ' ' : c).ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('\'');
        if (clean.Length == 0) clean = "Tabell";
        var name = Shorten(clean, MaxSheetName);
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Shorten(clean, MaxSheetName - suffix.Length) + suffix;
        }
        return name;
    }

    /// <summary>Cuts at the last space that keeps at least half the room, so a name ends on a whole word where it can.</summary>
    private static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text[..max];
        var space = cut.LastIndexOf(' ');
        if (space >= max / 2) cut = cut[..space];
        var trimmed = cut.TrimEnd(' ', '\'', '(', ',', '-', '–', '×');
        return trimmed.Length == 0 ? cut : trimmed;
    }

    private static DataTable Overview(CompilationReport report, IReadOnlyList<string> names)
    {
        var sheet = Sheet("Uppgift", "Värde");
        sheet.Rows.Add("Rubrik", report.Title);
        sheet.Rows.Add("Period", CompilationExports.PeriodText(report.Period));
        sheet.Rows.Add("Förbund", string.Join(", ", report.Forbund));
        sheet.Rows.Add("Beräknad", CompilationExports.ComputedText(report));
        sheet.Rows.Add("Visas för", CompilationExports.AudienceText(report.Audience));
        sheet.Rows.Add("Om siffrorna", CompilationExports.FiguresNote(report));
        sheet.Rows.Add(null, null);
        foreach (var (label, cell) in report.Headlines)
            sheet.Rows.Add(CompilationExports.HeadlineHeading(label, cell), Value(cell, report.Threshold));
        sheet.Rows.Add(null, null);
        sheet.Rows.Add("Flik", "Innehåll");
        for (var i = 0; i < report.Tables.Count; i++)
            sheet.Rows.Add(names[i], report.Tables[i].Title);
        if (report.Answers.Count > 0)
            sheet.Rows.Add(AnswersSheet, CompilationExports.AnswersTitle(report.Audience));
        return sheet;
    }

    private static DataTable Table(ReportTable table, int threshold)
    {
        var headings = new List<string> { CompilationExports.RowHeading(table) };
        headings.AddRange(table.Columns.Select((_, i) => CompilationExports.ColumnHeading(table, i)));
        var sheet = Sheet([.. headings]);
        foreach (var row in table.Rows)
        {
            var values = new object?[headings.Count];
            values[0] = row.Label;
            for (var i = 0; i < row.Cells.Count && i + 1 < values.Length; i++)
                values[i + 1] = Value(row.Cells[i], threshold);
            sheet.Rows.Add(values);
        }
        if (table.Note is { } note)
        {
            sheet.Rows.Add(new object?[headings.Count]);
            sheet.Rows.Add(Padded(headings.Count, $"Anmärkning: {note}"));
        }
        return sheet;
    }

    private static DataTable Answers(IReadOnlyList<AnswerRow> answers)
    {
        var sheet = Sheet("Ärende", "Kategori", "Utfall", "Avslutat", "Sammanfattning", "Svar");
        foreach (var a in answers)
            sheet.Rows.Add(a.Reference, a.Category, a.Outcome, Stockholm.Today(a.ConcludedAt), a.Summary, a.Answer);
        return sheet;
    }

    /// <summary>The value of a figure's cell: a number, or the text shown in its place ("&lt;3", "..", "–"), never a withheld number.</summary>
    public static object Value(Cell cell, int threshold) =>
        cell.Withheld || cell.Value is null ? cell.Display(threshold)
        : cell.Kind == CellKind.Count ? (int)cell.Value.Value
        : cell.Value.Value;

    /// <summary>Columns take any value, so one column can hold numbers and the text of a suppressed figure.</summary>
    private static DataTable Sheet(params string[] headings)
    {
        var sheet = new DataTable();
        // The caption is the heading; the column names only have to be unique, which headings need not be.
        for (var i = 0; i < headings.Length; i++)
            sheet.Columns.Add(new DataColumn($"c{i}", typeof(object)) { Caption = headings[i] });
        return sheet;
    }

    private static object?[] Padded(int count, object first)
    {
        var values = new object?[count];
        values[0] = first;
        return values;
    }
}
