using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using LexHeller.Core.Compilations;
using Microsoft.AspNetCore.Html;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>
/// Draws a series of figures as an inline SVG bar or column chart on the server: no script, no style attribute,
/// scales with its box (viewBox, width 100 %). The chart is an image named by a visible caption; the table next to
/// it carries the same figures as text. A suppressed or missing value draws no bar and shows its display text; a
/// series with no bar at all is a sentence saying so, not an empty chart.
/// </summary>
public static partial class Chart
{
    public const string Bar = "bar";
    public const string Column = "column";

    /// <summary>More columns than this would leave no room for their labels; such a series is drawn as bars.</summary>
    public const int MaxColumns = 12;

    private const double Width = 400;
    private const double RowHeight = 40;
    private const double BarRoom = 340;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public sealed record Point(string Label, Cell Value);

    /// <summary>
    /// What a report table's chart shows: its first column, one bar per row (the total row left out). A one-row
    /// table of lead times would give a single bar counting cases, so it shows its lead times instead.
    /// </summary>
    public static IReadOnlyList<Point> SeriesOf(ReportTable table)
    {
        var rows = table.Rows.Where(r => r.Label != CompilationReport.Total && r.Cells.Count > 0).ToList();
        if (rows.Count == 1 && rows[0].Cells.Skip(1).Any(c => c.Kind == CellKind.Days))
            return table.Columns.Select((name, i) => (name, i))
                .Where(x => x.i < rows[0].Cells.Count && rows[0].Cells[x.i].Kind == CellKind.Days)
                .Select(x => new Point(x.name, rows[0].Cells[x.i])).ToList();
        return rows.Select(r => new Point(r.Label, r.Cells[0])).ToList();
    }

    /// <summary>One column of a table, one bar per row (the total row left out).</summary>
    public static IReadOnlyList<Point> ColumnOf(ReportTable table, int column) =>
        table.Rows.Where(r => r.Label != CompilationReport.Total && r.Cells.Count > column).Select(r => new Point(r.Label, r.Cells[column])).ToList();

    /// <param name="kind"><see cref="Bar"/> (horizontal) or <see cref="Column"/> (vertical).</param>
    /// <param name="points">The figures, in the order drawn.</param>
    /// <param name="threshold">The small-count threshold, for the display text of a suppressed count.</param>
    /// <param name="labelledBy">The id of the visible caption that names the chart.</param>
    /// <param name="testId">Marks the chart for tests.</param>
    public static IHtmlContent Svg(string kind, IReadOnlyList<Point> points, int threshold, string labelledBy, string? testId = null)
    {
        var max = points.Select(p => Drawn(p.Value)).Max() ?? 0;
        // Nothing to draw would leave an empty box: say why instead, in words next to the caption.
        if (max <= 0)
            return new HtmlString($"<p class=\"chart-empty\"{(testId is null ? "" : $" data-testid=\"{Text(testId)}\"")}>" +
                $"{(points.Any(p => p.Value.Suppressed) ? "För få ärenden för att visa ett diagram." : "Inga ärenden att visa i ett diagram.")} Siffrorna står i tabellen.</p>");
        return kind == Column && points.Count <= MaxColumns
            ? new HtmlString(Columns(points, threshold, max, labelledBy, testId))
            : new HtmlString(Bars(points, threshold, max, labelledBy, testId));
    }

    private static double? Drawn(Cell c) => c.Suppressed || c.Value is not { } v || v <= 0 ? null : v;

    private static string Bars(IReadOnlyList<Point> points, int threshold, double max, string labelledBy, string? testId)
    {
        var height = points.Count * RowHeight + 8;
        var svg = Open(height, labelledBy, testId, "chart-bars");
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = (points[i].Label, points[i].Value);
            var top = i * RowHeight + 4;
            svg.Append($"<text x=\"0\" y=\"{N(top + 14)}\" class=\"chart-label\">{Text(Shorten(label, 48))}</text>");
            var width = Drawn(value) is { } v && max > 0 ? Math.Max(2, v / max * BarRoom) : 0;
            if (width > 0) svg.Append($"<rect x=\"0\" y=\"{N(top + 20)}\" width=\"{N(width)}\" height=\"14\" class=\"chart-bar\"></rect>");
            svg.Append($"<text x=\"{N(width + (width > 0 ? 6 : 0))}\" y=\"{N(top + 32)}\" class=\"chart-value\">{Text(value.Display(threshold))}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Columns(IReadOnlyList<Point> points, int threshold, double max, string labelledBy, string? testId)
    {
        const double top = 24, baseline = 196, height = 240;
        var slot = Width / Math.Max(1, points.Count);
        var columnWidth = Math.Min(44, slot * 0.6);
        var small = points.Count > 6 ? " chart-small" : "";
        var svg = Open(height, labelledBy, testId, "chart-columns");
        svg.Append($"<line x1=\"0\" y1=\"{N(baseline)}\" x2=\"{N(Width)}\" y2=\"{N(baseline)}\" class=\"chart-axis\"></line>");
        string? year = null;
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = (points[i].Label, points[i].Value);
            var centre = i * slot + slot / 2;
            var h = Drawn(value) is { } v && max > 0 ? Math.Max(2, v / max * (baseline - top)) : 0;
            if (h > 0)
                svg.Append($"<rect x=\"{N(centre - columnWidth / 2)}\" y=\"{N(baseline - h)}\" width=\"{N(columnWidth)}\" height=\"{N(h)}\" class=\"chart-bar\"></rect>");
            svg.Append($"<text x=\"{N(centre)}\" y=\"{N(baseline - h - 6)}\" text-anchor=\"middle\" class=\"chart-value{small}\">{Text(value.Display(threshold))}</text>");

            // "januari 2026" is drawn as "jan" with the year under the first month of each year.
            var month = MonthLabel().Match(label);
            var first = month.Success ? month.Groups[1].Value[..Math.Min(3, month.Groups[1].Value.Length)] : Shorten(label, Math.Max(3, (int)(slot / 8)));
            svg.Append($"<text x=\"{N(centre)}\" y=\"{N(baseline + 18)}\" text-anchor=\"middle\" class=\"chart-label{small}\">{Text(first)}</text>");
            if (month.Success && month.Groups[2].Value != year)
            {
                year = month.Groups[2].Value;
                svg.Append($"<text x=\"{N(centre)}\" y=\"{N(baseline + 36)}\" text-anchor=\"middle\" class=\"chart-label{small}\">{Text(year)}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(double height, string labelledBy, string? testId, string css) =>
        new StringBuilder().Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(height)}\" class=\"chart-svg {css}\" ")
            .Append($"role=\"img\" aria-labelledby=\"{Text(labelledBy)}\"")
            .Append(testId is null ? "" : $" data-testid=\"{Text(testId)}\"")
            .Append('>');

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)].TrimEnd() + "…";

    private static string Text(string s) => Encoder.Encode(s);

    private static string N(double d) => Math.Round(d, 1).ToString("0.#", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\p{L}+) (\d{4})$")]
    private static partial Regex MonthLabel();
}
