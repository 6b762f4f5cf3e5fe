using LexHeller.Core.Compilations;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>A chart of a report table: how it is drawn, its visible caption and its figures.</summary>
public sealed record ChartView(string Kind, string Caption, IReadOnlyList<Chart.Point> Points);

/// <summary>
/// One report table as the partial _ReportTable shows it: a heading, the chart if any, then the table (in a
/// disclosure when the page is a dashboard of charts). <paramref name="Id"/> makes the element ids unique on the page.
/// </summary>
public sealed record TableView(string Id, ReportTable Table, int Threshold, ChartView? Diagram = null, bool TableInDetails = false)
{
    /// <summary>The report's own tables, each with the chart the report asks for.</summary>
    public static IReadOnlyList<TableView> Of(CompilationReport report) =>
        report.Tables.Select(t => new TableView(t.Key, t, report.Threshold,
            t.Chart is { } kind && t.Rows.Count > 0 ? new ChartView(kind, $"Diagram: {t.Title}. Siffrorna finns i tabellen under diagrammet.", Chart.SeriesOf(t)) : null))
            .ToList();
}
