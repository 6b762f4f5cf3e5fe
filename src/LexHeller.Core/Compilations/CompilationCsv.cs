using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.Time;

namespace LexHeller.Core.Compilations;

/// <summary>
/// The report as one CSV file that Swedish Excel opens as it is: UTF-8 with BOM, ';' between fields, decimal comma.
/// A short block about the report, then the headline figures and every table (a line with its title and note, a header
/// line, the rows, an empty line), then the answers. Text that Excel would take for a formula is escaped by CsvHelper
/// with a leading apostrophe, since labels, organisation names and answers are typed in by users.
/// </summary>
internal static class CompilationCsv
{
    private static readonly CsvConfiguration Configuration = new(Stockholm.Culture)
    {
        Delimiter = ";",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static byte[] Render(CompilationReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, Configuration))
        {
            Line(csv, report.Title);
            Line(csv, "Period", CompilationExports.PeriodText(report.Period));
            Line(csv, "Förbund", string.Join(", ", report.Forbund));
            Line(csv, "Beräknad", CompilationExports.ComputedText(report));
            Line(csv, "Visas för", CompilationExports.AudienceText(report.Audience));
            Line(csv, "Om siffrorna", CompilationExports.FiguresNote(report));
            Line(csv);

            Line(csv, "Nyckeltal");
            Line(csv, "Mått", "Värde");
            foreach (var (label, cell) in report.Headlines)
                Line(csv, CompilationExports.HeadlineHeading(label, cell), Value(cell, report.Threshold));
            Line(csv);

            foreach (var table in report.Tables)
            {
                if (table.Note is { } note) Line(csv, table.Title, note); else Line(csv, table.Title);
                Line(csv, [CompilationExports.RowHeading(table), .. table.Columns.Select((_, i) => CompilationExports.ColumnHeading(table, i))]);
                foreach (var row in table.Rows)
                    Line(csv, [row.Label, .. row.Cells.Select(c => Value(c, report.Threshold))]);
                Line(csv);
            }

            if (report.Answers.Count > 0)
            {
                Line(csv, CompilationExports.AnswersTitle(report.Audience));
                Line(csv, "Ärende", "Kategori", "Utfall", "Avslutat", "Sammanfattning", "Svar");
                foreach (var a in report.Answers)
                    Line(csv, a.Reference, a.Category, a.Outcome, Stockholm.FormatDate(a.ConcludedAt), a.Summary ?? "", a.Answer ?? "");
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A figure as Excel reads a number in Swedish: "1234", "12,5", "83" (a percentage; its heading says "(%)").
    /// Counts have no thousands separator, which Excel would read as text; withheld and missing figures are their text.
    /// </summary>
    public static string Value(Cell cell, int threshold) =>
        cell.Withheld || cell.Value is not { } v ? cell.Display(threshold)
        : cell.Kind switch
        {
            CellKind.Count => ((int)v).ToString(Stockholm.Culture),
            CellKind.Days => v.ToString("0.0", Stockholm.Culture),
            CellKind.Percent => v.ToString("0", Stockholm.Culture),
        };

    private static void Line(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields) csv.WriteField(field);
        csv.NextRecord();
    }
}
