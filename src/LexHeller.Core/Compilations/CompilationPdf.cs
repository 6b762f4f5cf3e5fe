using LexHeller.Core.Cases;
using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LexHeller.Core.Compilations;

/// <summary>
/// The report as an A4 PDF for the board: a title page, the headline figures, every table (each charted table with
/// its chart below it) and the answers, with "Sida N av M" on every page. Written with <see cref="Pdf.Writer"/>.
/// </summary>
internal static class CompilationPdf
{
    private const double CellPadding = 4;
    private const double Gap = 10;
    private const double ColumnPlotHeight = 140;
    /// <summary>Beyond this many columns their labels no longer fit below them; the chart is drawn as bars instead.</summary>
    private const int MaxColumns = 12;

    private static readonly XColor Accent = XColor.FromArgb(0x2B, 0x5C, 0x8A);
    private static readonly XBrush AccentBrush = new XSolidBrush(Accent);
    private static readonly XBrush ShadeBrush = new XSolidBrush(XColor.FromArgb(0xF2, 0xF4, 0xF7));
    private static readonly XPen RulePen = new(XColor.FromArgb(0xB0, 0xB7, 0xC0), 0.6);

    public static byte[] Render(CompilationReport report, bool pdfA = false)
    {
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Subject = $"Sammanställning {report.Period.Label}";
        document.Info.Author = string.Join(", ", report.Forbund);
        document.Info.Creator = "Lex Heller";

        using (var w = new Pdf.Writer(document))
        {
            TitlePage(w, report);
            w.NewPage();
            Headlines(w, report);
            foreach (var table in report.Tables)
            {
                Table(w, table, report.Threshold);
                if (table.Chart is "bar" or "column") Chart(w, table, report.Threshold);
            }
            Answers(w, report);
        }

        return Pdf.Finish(document, $"Sammanställning {report.Period.Label} · beräknad {Stockholm.Format(report.ComputedAt)}", pdfA: pdfA);
    }

    private static void TitlePage(Pdf.Writer w, CompilationReport report)
    {
        w.Space(120);
        w.Text(string.Join(", ", report.Forbund), Pdf.BodyFont, XBrushes.DimGray, after: 6);
        w.Text(report.Title, Pdf.TitleFont, after: 18);
        w.Fact("Period", CompilationExports.PeriodText(report.Period));
        w.Fact("Förbund", string.Join(", ", report.Forbund));
        w.Fact("Beräknad", CompilationExports.ComputedText(report));
        w.Fact("Visas för", CompilationExports.AudienceText(report.Audience));
        w.Section("Om siffrorna", CompilationExports.FiguresNote(report));
    }

    /// <summary>The headline figures as boxes, four to a row: the figure large, its label below.</summary>
    private static void Headlines(Pdf.Writer w, CompilationReport report)
    {
        w.Heading("Nyckeltal");
        const int perRow = 4;
        var boxWidth = (w.Width - (perRow - 1) * Gap) / perRow;
        var valueHeight = Pdf.Writer.LineHeight(Pdf.TitleFont);
        var labelLine = Pdf.Writer.LineHeight(Pdf.SmallFont);
        foreach (var chunk in report.Headlines.Chunk(perRow))
        {
            var labels = chunk.Select(h => w.Wrap(h.Label, Pdf.SmallFont, boxWidth - 2 * CellPadding)).ToList();
            var height = 2 * CellPadding + valueHeight + 2 + labels.Max(l => l.Count) * labelLine + CellPadding;
            w.Draw(height, (g, r) =>
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    var x = r.X + i * (boxWidth + Gap);
                    g.DrawRectangle(ShadeBrush, x, r.Y, boxWidth, height);
                    g.DrawRectangle(AccentBrush, x, r.Y, 3, height);
                    g.DrawString(chunk[i].Value.Display(report.Threshold), Pdf.TitleFont, XBrushes.Black,
                        new XPoint(x + 2 * CellPadding, r.Y + 2 * CellPadding), XStringFormats.TopLeft);
                    var y = r.Y + 2 * CellPadding + valueHeight + 2;
                    foreach (var line in labels[i])
                    {
                        g.DrawString(line, Pdf.SmallFont, XBrushes.DimGray, new XPoint(x + 2 * CellPadding, y), XStringFormats.TopLeft);
                        y += labelLine;
                    }
                }
            });
            w.Space(Gap);
        }
    }

    /// <summary>A table with its header repeated on every page it runs onto; long labels and headings wrap.</summary>
    private static void Table(Pdf.Writer w, ReportTable table, int threshold)
    {
        var valueWidth = Math.Min(90, w.Width * 0.55 / Math.Max(1, table.Columns.Count));
        var labelWidth = w.Width - valueWidth * table.Columns.Count;
        var headerLine = Pdf.Writer.LineHeight(Pdf.SmallBoldFont);
        var bodyLine = Pdf.Writer.LineHeight(Pdf.BodyFont);

        var headings = new List<List<string>> { w.Wrap(CompilationExports.RowHeading(table), Pdf.SmallBoldFont, labelWidth - 2 * CellPadding) };
        headings.AddRange(table.Columns.Select(c => w.Wrap(c, Pdf.SmallBoldFont, valueWidth - 2 * CellPadding)));
        var headerHeight = headings.Max(h => h.Count) * headerLine + 2 * CellPadding;

        var rows = table.Rows.Select(r => (Row: r, Lines: w.Wrap(r.Label, FontOf(r), labelWidth - 2 * CellPadding))).ToList();
        double RowHeight(int lines) => lines * bodyLine + 2 * CellPadding;

        // The heading, the header and the first row go on one page together.
        var first = rows.Count > 0 ? RowHeight(rows[0].Lines.Count) : bodyLine;
        w.Need(Pdf.Writer.LineHeight(Pdf.HeadingFont) + 14 + headerHeight + first);
        w.Heading(table.Title);

        void Header() => w.Draw(headerHeight, (g, r) =>
        {
            var x = r.X;
            for (var i = 0; i < headings.Count; i++)
            {
                var width = i == 0 ? labelWidth : valueWidth;
                var y = r.Y + CellPadding;
                foreach (var line in headings[i])
                {
                    if (i == 0) g.DrawString(line, Pdf.SmallBoldFont, XBrushes.Black, new XPoint(x + CellPadding, y), XStringFormats.TopLeft);
                    else g.DrawString(line, Pdf.SmallBoldFont, XBrushes.Black, new XPoint(x + width - CellPadding, y), XStringFormats.TopRight);
                    y += headerLine;
                }
                x += width;
            }
            g.DrawLine(RulePen, r.X, r.Bottom, r.Right, r.Bottom);
        });

        Header();
        if (rows.Count == 0)
        {
            w.Space(CellPadding);
            w.Text(CompilationExports.NoRows, Pdf.BodyFont, XBrushes.DimGray, indent: CellPadding);
        }
        for (var n = 0; n < rows.Count; n++)
        {
            var (row, lines) = rows[n];
            var height = RowHeight(lines.Count);
            if (w.Need(height)) Header();
            var shaded = n % 2 == 1;
            w.Draw(height, (g, r) =>
            {
                var font = FontOf(row);
                if (shaded) g.DrawRectangle(ShadeBrush, r);
                if (row.Label == CompilationReport.Total) g.DrawLine(RulePen, r.X, r.Y, r.Right, r.Y);
                var y = r.Y + CellPadding;
                foreach (var line in lines)
                {
                    g.DrawString(line, font, XBrushes.Black, new XPoint(r.X + CellPadding, y), XStringFormats.TopLeft);
                    y += bodyLine;
                }
                for (var i = 0; i < row.Cells.Count && i < table.Columns.Count; i++)
                {
                    var right = r.X + labelWidth + (i + 1) * valueWidth - CellPadding;
                    g.DrawString(row.Cells[i].Display(threshold), font, XBrushes.Black, new XPoint(right, r.Y + CellPadding), XStringFormats.TopRight);
                }
            });
        }
        w.Space(4);
        if (table.Note is { } note) w.Text(note, Pdf.SmallFont, XBrushes.DimGray);
    }

    private static XFont FontOf(ReportRow row) => row.Label == CompilationReport.Total ? Pdf.SubHeadingFont : Pdf.BodyFont;

    /// <summary>
    /// A chart of the table's first column, without its total. A withheld or missing figure gets no bar, only its
    /// text ("&lt;3", "..", "–"), so the chart never hints at what the table hides.
    /// </summary>
    private static void Chart(Pdf.Writer w, ReportTable table, int threshold)
    {
        var bars = table.Rows.Where(r => r.Label != CompilationReport.Total && r.Cells.Count > 0)
            .Select(r => (r.Label, Cell: r.Cells[0])).ToList();
        if (bars.Count == 0) return;
        var max = bars.Max(b => Shown(b.Cell) ?? 0);
        var line = Pdf.Writer.LineHeight(Pdf.SmallFont);
        var columns = table.Chart == "column" && bars.Count <= MaxColumns;
        var labels = columns ? bars.Select(b => w.Wrap(b.Label, Pdf.SmallFont, w.Width / bars.Count - 2)).ToList() : [];
        var columnsHeight = columns ? line + ColumnPlotHeight + 3 + labels.Max(l => l.Count) * line : 0;

        // The caption stays on the page of the chart (all of it for columns, the first bars for bars).
        w.Space(6);
        w.Need(line + 2 + (columns ? columnsHeight : 3 * line));
        w.Text($"Diagram: {table.Columns[0]}", Pdf.SmallFont, XBrushes.DimGray);
        if (columns) Columns(w, bars, labels, columnsHeight, max, threshold);
        else Bars(w, bars, max, threshold);
        w.Space(Gap);
    }

    private static double? Shown(Cell cell) => cell.Withheld ? null : cell.Value;

    private static void Bars(Pdf.Writer w, List<(string Label, Cell Cell)> bars, double max, int threshold)
    {
        var labelWidth = w.Width * 0.35;
        var line = Pdf.Writer.LineHeight(Pdf.SmallFont);
        const double barHeight = 11;
        const double valueRoom = 50;
        var plotWidth = w.Width - labelWidth - CellPadding - valueRoom;
        foreach (var (label, cell) in bars)
        {
            var lines = w.Wrap(label, Pdf.SmallFont, labelWidth - CellPadding);
            var height = Math.Max(lines.Count * line, barHeight) + 4;
            w.Draw(height, (g, r) =>
            {
                var y = r.Y + 2;
                foreach (var l in lines)
                {
                    g.DrawString(l, Pdf.SmallFont, XBrushes.Black, new XPoint(r.X + labelWidth - CellPadding, y), XStringFormats.TopRight);
                    y += line;
                }
                var x0 = r.X + labelWidth + CellPadding;
                var length = Shown(cell) is { } v && max > 0 ? v / max * plotWidth : 0;
                if (length > 0) g.DrawRectangle(AccentBrush, x0, r.Y + 2, length, barHeight);
                g.DrawString(cell.Display(threshold), Pdf.SmallFont, XBrushes.Black, new XPoint(x0 + length + 3, r.Y + 2), XStringFormats.TopLeft);
                g.DrawLine(RulePen, x0, r.Y, x0, r.Bottom);
            });
        }
    }

    private static void Columns(Pdf.Writer w, List<(string Label, Cell Cell)> bars, List<List<string>> labels, double height, double max, int threshold)
    {
        var slot = w.Width / bars.Count;
        var line = Pdf.Writer.LineHeight(Pdf.SmallFont);
        w.Draw(height, (g, r) =>
        {
            var baseline = r.Y + line + ColumnPlotHeight;
            g.DrawLine(RulePen, r.X, baseline, r.Right, baseline);
            for (var i = 0; i < bars.Count; i++)
            {
                var x = r.X + i * slot;
                var columnHeight = Shown(bars[i].Cell) is { } v && max > 0 ? v / max * ColumnPlotHeight : 0;
                if (columnHeight > 0) g.DrawRectangle(AccentBrush, x + slot * 0.2, baseline - columnHeight, slot * 0.6, columnHeight);
                g.DrawString(bars[i].Cell.Display(threshold), Pdf.SmallFont, XBrushes.Black,
                    new XRect(x, baseline - columnHeight - line, slot, line), XStringFormats.TopCenter);
                var y = baseline + 3;
                foreach (var l in labels[i])
                {
                    g.DrawString(l, Pdf.SmallFont, XBrushes.Black, new XRect(x, y, slot, line), XStringFormats.TopCenter);
                    y += line;
                }
            }
        });
    }

    private static void Answers(Pdf.Writer w, CompilationReport report)
    {
        // A joint compilation never shows a case.
        if (report.Audience == Audience.Joint) return;
        w.Heading(CompilationExports.AnswersTitle(report.Audience));
        if (report.Answers.Count == 0)
        {
            w.Text(report.Audience == Audience.Kansli ? "Inga ärenden avslutades under perioden." : "Inga svar har publicerats för perioden.", Pdf.BodyFont);
            return;
        }
        foreach (var a in report.Answers)
        {
            w.Text($"Ärende {a.Reference}", Pdf.SubHeadingFont, keepLines: 4);
            w.Fact("Kategori", a.Category);
            w.Fact("Utfall", a.Outcome);
            w.Fact("Avslutat", Stockholm.FormatDate(a.ConcludedAt));
            w.Fact("Sammanfattning", string.IsNullOrWhiteSpace(a.Summary) ? "–" : a.Summary);
            w.Fact("Svar", string.IsNullOrWhiteSpace(a.Answer) ? "–" : a.Answer);
            w.Space(6);
        }
    }
}
