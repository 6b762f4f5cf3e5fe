using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Api;

/// <summary>
/// Open data: what a förbund whose kansli ticked "Publicera öppna data" gives anyone, without a key and under the
/// licence it chose. The published answers (exactly what the förbund's users read under Publicerade svar, never a
/// reporter) and the annual figures as a joint compilation shows them: small counts withheld, no case, and no table
/// about the people reported about (gender, age) or the reporting organisations.
/// </summary>
public sealed class OpenDataQuery(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The most years of figures given, counting back from this one.</summary>
    public const int MaxYears = 10;

    /// <summary>The table of the headline figures, beside the compilation's own tables.</summary>
    public const string HeadlineTable = "nyckeltal";

    /// <summary>The compilation tables open data carries, by their stable keys.</summary>
    public static readonly IReadOnlyList<string> Tables = ["arendetyp", "kategori", "part", "utfall", "ledtid", "svarstid"];

    public sealed record Publisher(int Id, string Code, string Name, OpenDataLicence Licence, int Threshold);

    /// <summary>One figure of one year. <c>Value</c> is null when it is withheld (a small count) or missing (too few for a lead time).</summary>
    public sealed record AnnualFigure(int Year, bool Complete, string Table, string TableTitle, string Row, string Column, string Kind,
        double? Value, bool Withheld);

    /// <summary>The förbund that publish open data, by name.</summary>
    public async Task<IReadOnlyList<Publisher>> PublishersAsync(CancellationToken ct = default) =>
        (await Rows(Publishing()).ToListAsync(ct)).Select(Of).OrderBy(p => p.Name, Stockholm.Comparer).ToList();

    /// <summary>The förbund with this code (any case), when it publishes open data; null otherwise, whether it exists or not.</summary>
    public async Task<Publisher?> PublisherAsync(string code, CancellationToken ct = default)
    {
        var upper = code.Trim().ToUpperInvariant();
        if (!Forbund.IsValidCode(upper)) return null;
        return await Rows(Publishing().Where(f => f.Code == upper)).SingleOrDefaultAsync(ct) is { } row ? Of(row) : null;
    }

    private sealed record Row(int Id, string Code, string Name, string LicenceId, int Threshold);

    private IQueryable<Forbund> Publishing() => db.Forbund.AsNoTracking().Where(f => f.PublishesOpenData);

    private static IQueryable<Row> Rows(IQueryable<Forbund> forbund) =>
        forbund.Select(f => new Row(f.Id, f.Code, f.Name, f.OpenDataLicenceId, f.SmallCountThreshold));

    private static Publisher Of(Row f) =>
        new(f.Id, f.Code, f.Name, OpenDataLicence.Find(f.LicenceId) ?? OpenDataLicence.Default, f.Threshold);

    /// <summary>The published answers, latest published first; <paramref name="limit"/> keeps only the first ones.</summary>
    public Task<IReadOnlyList<PublishedQuery.ApiRow>> AnswersAsync(Publisher publisher, int? limit, CancellationToken ct = default) =>
        new PublishedQuery(db).AllAsync(publisher.Id, limit, ct);

    /// <summary>
    /// The figures of every calendar year (Stockholm) from the förbund's first reported case to this year, at most
    /// <see cref="MaxYears"/>; this year's are marked incomplete. Empty when nothing has been reported.
    /// </summary>
    public async Task<IReadOnlyList<AnnualFigure>> AnnualAsync(Publisher publisher, CancellationToken ct = default)
    {
        var first = await db.Cases.AsNoTracking().Where(c => c.ForbundId == publisher.Id && c.SubmittedAt != null)
            .OrderBy(c => c.SubmittedAt).Select(c => c.SubmittedAt).FirstOrDefaultAsync(ct);
        if (first is not { } firstAt) return [];
        var now = clock.GetUtcNow();
        var thisYear = Stockholm.Today(now).Year;
        var figures = new List<AnnualFigure>();
        var query = new CompilationQuery(db);
        for (var year = Math.Max(Stockholm.Today(firstAt).Year, thisYear - MaxYears + 1); year <= thisYear; year++)
        {
            var period = Period.Year(year);
            var data = await query.ComputeAsync([publisher.Id], period, CompilationFilter.None, includeCases: false, ct);
            // As a joint compilation shows them: suppressed for everyone, and no case at all.
            var report = CompilationReport.For(data, period, now, publisher.Threshold, Audience.Joint);
            var complete = year < thisYear;
            foreach (var (label, cell) in report.Headlines)
                figures.Add(Figure(year, complete, HeadlineTable, "Nyckeltal", label, "Värde", cell));
            foreach (var table in report.Tables.Where(t => Tables.Contains(t.Key)))
                foreach (var row in table.Rows)
                    for (var i = 0; i < table.Columns.Count && i < row.Cells.Count; i++)
                        figures.Add(Figure(year, complete, table.Key, table.Title, row.Label, table.Columns[i], row.Cells[i]));
        }
        return figures;
    }

    private static AnnualFigure Figure(int year, bool complete, string table, string title, string row, string column, Cell cell) =>
        new(year, complete, table, title, row, column, cell.Kind.ToString(), cell.Withheld ? null : cell.Value, cell.Withheld);
}
